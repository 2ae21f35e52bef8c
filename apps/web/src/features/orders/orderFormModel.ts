import dayjs, { type Dayjs } from 'dayjs';
import type { CreateOrderBody, Order, OrderLineInput, ShippingMode } from '@gendan/contracts';
import { lineAmount, toMajor, toMinor } from './money';
import { pairsToRecord, recordToPairs, type SpecPair } from './specs';

/**
 * The order form's values and their mapping to the API. Money is edited in major units
 * (12.50) and sent in minor units (1250); dates are edited as Dayjs and sent as YYYY-MM-DD.
 */

export interface LineValues {
  productId?: string;
  /** "model · name", to label the product before any search (editing an existing order). */
  productLabel?: string;
  specs?: SpecPair[];
  qty?: number | null;
  unitPrice?: number | null;
  /** The price came from the contract tier; a quantity change re-prices it. Cleared when the user types a price. */
  autoPrice?: boolean;
  discountPct?: number | null;
  requestedDate?: Dayjs | null;
  statedAmount?: number | null;
  description?: string | null;
}

export interface OrderFormValues {
  customerId?: string;
  customerPo?: string;
  orderDate?: Dayjs | null;
  currency?: string;
  paymentTerms?: string;
  packaging?: string | null;
  acceptanceStandard?: string | null;
  incoterm?: string | null;
  shippingMode?: ShippingMode | null;
  shipTo?: string | null;
  notes?: string | null;
  statedTotal?: number | null;
  lines?: LineValues[];
}

export const DATE_FORMAT = 'YYYY-MM-DD';

const text = (v: string | null | undefined): string | null => {
  const s = v?.trim();
  return s ? s : null;
};

const optionalMinor = (v: number | null | undefined): number | null =>
  v === null || v === undefined ? null : toMinor(v);

/** Live amount of a form line in minor units (0 until quantity and price are filled in). */
export function formLineAmount(line: LineValues | undefined): number {
  if (!line || typeof line.qty !== 'number' || typeof line.unitPrice !== 'number') return 0;
  return lineAmount(line.qty, toMinor(line.unitPrice), line.discountPct ?? 0);
}

export function formTotal(lines: readonly (LineValues | undefined)[] | undefined): number {
  let total = 0;
  for (const l of lines ?? []) total += formLineAmount(l);
  return total;
}

function lineToInput(l: LineValues): OrderLineInput {
  return {
    productId: l.productId ?? '',
    qty: l.qty ?? 0,
    unitPrice: toMinor(l.unitPrice ?? 0),
    discountPct: l.discountPct ?? 0,
    specs: pairsToRecord(l.specs),
    requestedDate: l.requestedDate ? l.requestedDate.format(DATE_FORMAT) : '',
    statedAmount: optionalMinor(l.statedAmount),
    description: text(l.description),
  };
}

/** The body of `POST /api/orders` (and, with a version, of `PATCH`). Validation already ran in the form. */
export function toOrderBody(v: OrderFormValues): CreateOrderBody {
  const body: CreateOrderBody = {
    customerId: v.customerId ?? '',
    customerPo: (v.customerPo ?? '').trim(),
    currency: (v.currency ?? '').trim().toUpperCase(),
    paymentTerms: (v.paymentTerms ?? '').trim(),
    packaging: text(v.packaging),
    acceptanceStandard: text(v.acceptanceStandard),
    incoterm: text(v.incoterm),
    shippingMode: v.shippingMode ?? null,
    shipTo: text(v.shipTo),
    notes: text(v.notes),
    statedTotal: optionalMinor(v.statedTotal),
    lines: (v.lines ?? []).map(lineToInput),
  };
  if (v.orderDate) body.orderDate = v.orderDate.format(DATE_FORMAT);
  return body;
}

/** Form values of a stored order, for editing it. */
export function fromOrder(order: Order): OrderFormValues {
  return {
    customerId: order.customerId,
    customerPo: order.customerPo,
    orderDate: dayjs(order.orderDate),
    currency: order.currency,
    paymentTerms: order.paymentTerms,
    packaging: order.packaging,
    acceptanceStandard: order.acceptanceStandard,
    incoterm: order.incoterm,
    shippingMode: order.shippingMode,
    shipTo: order.shipTo,
    notes: order.notes,
    statedTotal: order.statedTotal === null ? null : toMajor(order.statedTotal),
    lines: [...order.lines]
      .sort((a, b) => a.lineNo - b.lineNo)
      .map((l) => ({
        productId: l.productId,
        productLabel: `${l.productModel} · ${l.productName}`,
        specs: recordToPairs(l.specs),
        qty: l.qty,
        unitPrice: toMajor(l.unitPrice),
        autoPrice: false,
        discountPct: l.discountPct,
        requestedDate: dayjs(l.requestedDate),
        statedAmount: l.statedAmount === null ? null : toMajor(l.statedAmount),
        description: l.description,
      })),
  };
}

export interface FieldError {
  name: (string | number)[];
  errors: string[];
}

/**
 * A 400's `details: [{path: "lines.0.unitPrice", message}]` as form field errors. Paths that
 * are not form fields are left out (the toast still shows the message).
 */
export function fieldErrorsFromDetails(details: unknown, fields: ReadonlySet<string>): FieldError[] {
  const list = Array.isArray(details) ? (details as unknown[]) : [];
  const out: FieldError[] = [];
  for (const d of list) {
    if (typeof d !== 'object' || d === null) continue;
    const { path, message } = d as Record<string, unknown>;
    if (typeof path !== 'string' || typeof message !== 'string') continue;
    const name = path
      .split(/[.[\]]+/)
      .filter(Boolean)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    const last = name[name.length - 1];
    if (typeof last !== 'string' || !fields.has(last)) continue;
    out.push({ name, errors: [message] });
  }
  return out;
}
