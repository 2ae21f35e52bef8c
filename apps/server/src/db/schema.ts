/**
 * Table types for Kysely. Each module owns its tables (see DESIGN §3); this file only gathers
 * the row shapes so that one typed `Kysely<DB>` serves every module.
 * Instants are UTC ISO-8601 text, booleans are 0/1 integers and JSON is text, on both dialects.
 */

export interface SettingsTable {
  key: string;
  value: string;
  version: number;
  updated_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  entity_type: string;
  entity_id: string;
  action: string;
  before: string | null;
  after: string | null;
  request_id: string | null;
}

export interface NumberingCounterTable {
  doc_type: string;
  period: string;
  last_value: number;
}

export interface IdempotencyKeyTable {
  scope: string;
  key: string;
  method: string;
  path: string;
  body_hash: string;
  status: string;
  response_status: number | null;
  response_body: string | null;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  topic: string;
  payload: string;
  status: string;
  attempts: number;
  max_attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  processed_at: string | null;
}

export interface DocumentTable {
  id: string;
  entity_type: string;
  entity_id: string;
  doc_type: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  shared: number;
  uploaded_by: string | null;
  created_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  email: string | null;
  password_hash: string;
  language: string;
  roles: string;
  active: number;
  customer_id: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  id: string;
  user_id: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_by: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface LoginAttemptTable {
  id: string;
  username: string;
  ip: string;
  at: string;
  success: number;
}

export interface CustomerTable {
  id: string;
  code: string;
  name: string;
  tax_id: string | null;
  currency: string;
  credit_limit: number | null;
  payment_terms: string | null;
  language: string;
  clerk_id: string | null;
  sales_rep_id: string | null;
  /** JSON: CustomerContact[] */
  contacts: string;
  /** JSON: CustomerAddress[] */
  addresses: string;
  notes: string | null;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ProductTable {
  id: string;
  model: string;
  name: string;
  category: string;
  unit: string;
  /** JSON: Record<string, string> */
  specs: string;
  packaging_spec: string | null;
  standard_lead_time_days: number;
  standard_cost: number | null;
  cost_currency: string | null;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AgreementTable {
  id: string;
  kind: string;
  code: string;
  name: string | null;
  customer_id: string | null;
  valid_from: string;
  valid_to: string;
  currency: string;
  status: string;
  payment_terms: string | null;
  packaging: string | null;
  acceptance_standard: string | null;
  incoterm: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AgreementLineTable {
  id: string;
  agreement_id: string;
  line_no: number;
  product_id: string;
  min_qty: number;
  unit_price: number;
  /** JSON: Record<string, string> | null */
  specs: string | null;
  max_discount_bp: number | null;
}

export interface ImportReceiptTable {
  id: string;
  kind: string;
  file_hash: string;
  row_key: string;
  entity_id: string;
  created_at: string;
}

export interface OrderTable {
  id: string;
  number: string | null;
  customer_id: string;
  customer_po: string;
  channel: string;
  status: string;
  order_date: string;
  currency: string;
  payment_terms: string;
  packaging: string | null;
  acceptance_standard: string | null;
  incoterm: string | null;
  shipping_mode: string | null;
  ship_to: string | null;
  notes: string | null;
  total: number;
  stated_total: number | null;
  line_count: number;
  /** Earliest requested date over the lines. */
  requested_date: string | null;
  /** Latest promised date over the lines (set at approval). */
  promised_date: string | null;
  open_blocks: number;
  open_warnings: number;
  reviewed_version: number | null;
  clerk_id: string | null;
  created_by: string | null;
  approved_by: string | null;
  approved_at: string | null;
  status_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface OrderLineTable {
  id: string;
  order_id: string;
  line_no: number;
  product_id: string;
  description: string | null;
  qty: number;
  unit_price: number;
  discount_bp: number;
  amount: number;
  stated_amount: number | null;
  /** JSON: Record<string, string> */
  specs: string;
  requested_date: string;
  promised_date: string | null;
  feasible_date: string | null;
}

export interface OrderFindingTable {
  id: string;
  order_id: string;
  code: string;
  severity: string;
  line_no: number | null;
  /** JSON: the values the message is built from */
  params: string;
  /** JSON values */
  expected: string | null;
  actual: string | null;
  suggestion: string | null;
  status: string;
  override_reason: string | null;
  overridden_by: string | null;
  overridden_at: string | null;
  created_at: string;
}

export interface OrderEventTable {
  id: string;
  order_id: string;
  at: string;
  type: string;
  from_status: string | null;
  to_status: string | null;
  actor_id: string | null;
  actor_name: string | null;
  /** JSON */
  data: string | null;
}

export interface DB {
  settings: SettingsTable;
  audit_log: AuditLogTable;
  numbering_counters: NumberingCounterTable;
  idempotency_keys: IdempotencyKeyTable;
  outbox: OutboxTable;
  documents: DocumentTable;
  users: UserTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  login_attempts: LoginAttemptTable;
  customers: CustomerTable;
  products: ProductTable;
  agreements: AgreementTable;
  agreement_lines: AgreementLineTable;
  import_receipts: ImportReceiptTable;
  orders: OrderTable;
  order_lines: OrderLineTable;
  order_findings: OrderFindingTable;
  order_events: OrderEventTable;
}
