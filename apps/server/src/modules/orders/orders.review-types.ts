import type {
  Agreement,
  Customer,
  FindingCode,
  FindingSeverity,
  Policy,
  Product,
  Role,
  ShippingMode,
} from '@gendan/contracts';

/**
 * What every review rule sees: a plain object the review service prepares in a few queries.
 * Rules are pure functions of it (no database, no clock), so each one is unit-tested on its own.
 */

export interface ReviewOrder {
  id: string;
  customerId: string;
  customerPo: string;
  currency: string;
  paymentTerms: string;
  packaging: string | null;
  acceptanceStandard: string | null;
  shippingMode: ShippingMode | null;
  orderDate: string;
  /** Computed total: the sum of the computed line amounts. */
  total: number;
  /** The total the customer stated, if any. */
  statedTotal: number | null;
}

export interface ReviewLine {
  lineNo: number;
  productId: string;
  qty: number;
  unitPrice: number;
  discountBp: number;
  /** Computed: qty × unit price × (1 − discount). */
  amount: number;
  statedAmount: number | null;
  specs: Record<string, string>;
  requestedDate: string;
}

export type ReviewCustomer = Pick<
  Customer,
  'id' | 'code' | 'name' | 'currency' | 'creditLimit' | 'paymentTerms'
>;

export type ReviewProduct = Pick<
  Product,
  'id' | 'model' | 'name' | 'specs' | 'standardLeadTimeDays' | 'active'
>;

export type ReviewAgreementLine = Pick<
  Agreement['lines'][number],
  'productId' | 'unitPrice' | 'minQty' | 'specs' | 'maxDiscountPct'
>;

export type ReviewAgreement = Pick<
  Agreement,
  'id' | 'kind' | 'code' | 'customerId' | 'currency' | 'paymentTerms' | 'packaging' | 'acceptanceStandard'
> & { lines: readonly ReviewAgreementLine[] };

export interface FeasibleDate {
  date: string;
  explanation: { 'zh-CN': string; en: string };
}

export interface OtherOrderRef {
  id: string;
  number: string | null;
  status: string;
}

export interface ReviewInput {
  order: ReviewOrder;
  lines: readonly ReviewLine[];
  customer: ReviewCustomer;
  products: ReadonlyMap<string, ReviewProduct>;
  /** Active agreements valid on the order date, in precedence order: customer-specific first. */
  agreements: readonly ReviewAgreement[];
  policy: Policy;
  /** The company currency, in which `policy.minOrderValue` is expressed. */
  companyCurrency: string;
  /** Roles of the user who created the order; empty when it came from the system. */
  creatorRoles: readonly Role[];
  /** Today in the company time zone. */
  today: string;
  /** Earliest feasible date per line number (from the planning module). */
  feasibleDates: ReadonlyMap<number, FeasibleDate>;
  /** Other non-cancelled orders of the same customer with the same customer PO number. */
  samePoOrders: readonly OtherOrderRef[];
  /** Open receivables of the customer, in the customer's currency (0 until finance exists). */
  openReceivables: number;
}

/** What a rule returns; the review service stores it and builds the messages from `params`. */
export interface RuleFinding {
  code: FindingCode;
  severity: FindingSeverity;
  lineNo?: number;
  /** Values the zh-CN and en messages are built from (see orders.findings.ts). */
  params: Record<string, unknown>;
  expected?: unknown;
  actual?: unknown;
  /** A fix the clerk may apply, as the fields to change (e.g. `{ unitPrice: 1250 }`). */
  suggestion?: unknown;
}

export type ReviewRule = (input: ReviewInput) => RuleFinding[];
