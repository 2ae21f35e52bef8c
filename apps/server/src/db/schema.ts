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
}
