import {
  FINDING_CODES,
  type Finding,
  type FindingCode,
  type Language,
  type Order,
  type OrderChannel,
  type OrderLine,
  type OrderStatus,
  type OrderSummary,
  type ShippingMode,
} from '@gendan/contracts';
import type { OrderTable } from '../../db/schema';
import { bpToPct } from '../../lib/money';
import { findingMessages } from './orders.findings';
import type { FindingRow, LineWithProduct } from './orders.repository';

/** Rows → API shapes. JSON columns are text; booleans 0/1; money integers. */

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

type SummaryRow = Pick<
  OrderTable,
  | 'id'
  | 'number'
  | 'customer_id'
  | 'customer_po'
  | 'channel'
  | 'status'
  | 'order_date'
  | 'currency'
  | 'total'
  | 'line_count'
  | 'requested_date'
  | 'promised_date'
  | 'open_blocks'
  | 'open_warnings'
  | 'clerk_id'
  | 'version'
  | 'created_at'
  | 'updated_at'
>;

export function toSummary(
  row: SummaryRow,
  customer: { code: string; name: string } | undefined,
  clerkName: string | null,
): OrderSummary {
  return {
    id: row.id,
    number: row.number,
    customerId: row.customer_id,
    customerCode: customer?.code ?? '',
    customerName: customer?.name ?? '',
    customerPo: row.customer_po,
    channel: row.channel as OrderChannel,
    status: row.status as OrderStatus,
    orderDate: row.order_date,
    currency: row.currency,
    total: Number(row.total),
    lineCount: Number(row.line_count),
    requestedDate: row.requested_date,
    promisedDate: row.promised_date,
    openBlocks: Number(row.open_blocks),
    openWarnings: Number(row.open_warnings),
    clerkId: row.clerk_id,
    clerkName: row.clerk_id === null ? null : clerkName,
    version: Number(row.version),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toLine(row: LineWithProduct): OrderLine {
  return {
    id: row.id,
    lineNo: Number(row.line_no),
    productId: row.product_id,
    productModel: row.product_model,
    productName: row.product_name,
    unit: row.product_unit,
    description: row.description,
    qty: Number(row.qty),
    unitPrice: Number(row.unit_price),
    discountPct: bpToPct(Number(row.discount_bp)),
    amount: Number(row.amount),
    statedAmount: row.stated_amount === null ? null : Number(row.stated_amount),
    specs: parseJson<Record<string, string>>(row.specs, {}),
    requestedDate: row.requested_date,
    promisedDate: row.promised_date,
    feasibleDate: row.feasible_date,
  };
}

export function toFinding(row: FindingRow, lang: Language): Finding {
  const code = row.code as FindingCode;
  const messages = findingMessages(code, parseJson<Record<string, unknown>>(row.params, {}));
  return {
    id: row.id,
    code,
    severity: row.severity as Finding['severity'],
    lineNo: row.line_no === null ? null : Number(row.line_no),
    message: messages[lang],
    messages,
    ...(row.expected === null ? {} : { expected: parseJson<unknown>(row.expected, null) }),
    ...(row.actual === null ? {} : { actual: parseJson<unknown>(row.actual, null) }),
    ...(row.suggestion === null ? {} : { suggestion: parseJson<unknown>(row.suggestion, null) }),
    status: row.status as Finding['status'],
    overrideReason: row.override_reason,
    overriddenBy: row.overridden_by,
    overriddenAt: row.overridden_at,
  };
}

const CODE_ORDER = new Map(FINDING_CODES.map((c, i) => [c, i]));

/** Findings in reading order: order-level first, then by line; blocks before warnings. */
export function sortFindings<T extends Pick<FindingRow, 'line_no' | 'severity' | 'code' | 'id'>>(
  rows: T[],
): T[] {
  return rows.sort(
    (a, b) =>
      (a.line_no ?? 0) - (b.line_no ?? 0) ||
      (a.severity === b.severity ? 0 : a.severity === 'block' ? -1 : 1) ||
      (CODE_ORDER.get(a.code as FindingCode) ?? 99) - (CODE_ORDER.get(b.code as FindingCode) ?? 99) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

type FullRow = SummaryRow &
  Pick<
    OrderTable,
    | 'payment_terms'
    | 'packaging'
    | 'acceptance_standard'
    | 'incoterm'
    | 'shipping_mode'
    | 'ship_to'
    | 'notes'
    | 'stated_total'
    | 'reviewed_version'
    | 'created_by'
    | 'approved_by'
    | 'approved_at'
    | 'status_reason'
  > & {
    customer_code: string;
    customer_name: string;
    clerk_display_name: string | null;
    clerk_username: string | null;
  };

export function toOrder(
  row: FullRow,
  lines: readonly LineWithProduct[],
  findings: FindingRow[],
  lang: Language,
): Order {
  return {
    ...toSummary(
      row,
      { code: row.customer_code, name: row.customer_name },
      row.clerk_display_name || row.clerk_username,
    ),
    paymentTerms: row.payment_terms,
    packaging: row.packaging,
    acceptanceStandard: row.acceptance_standard,
    incoterm: row.incoterm,
    shippingMode: row.shipping_mode as ShippingMode | null,
    shipTo: row.ship_to,
    notes: row.notes,
    statedTotal: row.stated_total === null ? null : Number(row.stated_total),
    reviewedVersion: row.reviewed_version === null ? null : Number(row.reviewed_version),
    createdBy: row.created_by,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    statusReason: row.status_reason,
    lines: lines.map(toLine),
    findings: sortFindings(findings).map((f) => toFinding(f, lang)),
  };
}
