import type { Finding, Order, OrderLineInput, UpdateOrderBody } from '@gendan/contracts';

/**
 * "Fix in place": turns a finding's suggestion into the PATCH that applies it. Pure, so that it
 * can be tested without a browser; the detail page sends the body and re-runs the review.
 */

/** What a fix changes, for the button's tooltip and the confirmation message. */
export type FixChange =
  | { kind: 'unitPrice'; lineNo: number; value: number }
  | { kind: 'qty'; lineNo: number; value: number }
  | { kind: 'requestedDate'; lineNo: number | null; value: string }
  | { kind: 'discountPct'; lineNo: number | null; value: number }
  | { kind: 'specs'; lineNo: number; value: Record<string, string> }
  | { kind: 'statedAmount'; lineNo: number; value: number }
  | { kind: 'statedTotal'; value: number }
  | { kind: 'terms'; value: TermsPatch }
  | { kind: 'currency'; value: string };

export interface TermsPatch {
  paymentTerms?: string;
  packaging?: string;
  acceptanceStandard?: string;
}

export interface Fix {
  change: FixChange;
  body: UpdateOrderBody;
}

type Rec = Record<string, unknown>;

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function num(s: Rec, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = s[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

function str(s: Rec, ...keys: string[]): string | undefined {
  for (const k of keys) {
    const v = s[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function stringRecord(v: unknown): Record<string, string> | undefined {
  if (!isRecord(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The order's lines in the shape PATCH takes (PATCH replaces all lines). */
export function linesToInput(lines: Order['lines']): OrderLineInput[] {
  return [...lines]
    .sort((a, b) => a.lineNo - b.lineNo)
    .map((l) => ({
      productId: l.productId,
      qty: l.qty,
      unitPrice: l.unitPrice,
      discountPct: l.discountPct,
      specs: l.specs,
      requestedDate: l.requestedDate,
      statedAmount: l.statedAmount,
      description: l.description,
    }));
}

function patchLines(
  order: Order,
  lineNo: number | null,
  apply: (line: OrderLineInput, index: number) => OrderLineInput,
): OrderLineInput[] | null {
  const sorted = [...order.lines].sort((a, b) => a.lineNo - b.lineNo);
  const inputs = linesToInput(order.lines);
  if (lineNo !== null && !sorted.some((l) => l.lineNo === lineNo)) return null;
  return inputs.map((line, i) => (lineNo === null || sorted[i]?.lineNo === lineNo ? apply(line, i) : line));
}

function changeFor(order: Order, finding: Finding): FixChange | null {
  const s = finding.suggestion;
  if (!isRecord(s)) return null;
  const lineNo = finding.lineNo ?? null;
  switch (finding.code) {
    case 'PRICE_MISMATCH': {
      const value = num(s, 'unitPrice', 'price');
      return value !== undefined && lineNo !== null ? { kind: 'unitPrice', lineNo, value } : null;
    }
    case 'NO_PRICE': {
      // Below the lowest tier: raise the quantity to the minimum that has a price.
      const value = num(s, 'qty');
      return value !== undefined && Number.isInteger(value) && value > 0 && lineNo !== null
        ? { kind: 'qty', lineNo, value }
        : null;
    }
    case 'DELIVERY_INFEASIBLE': {
      const value = str(s, 'requestedDate', 'date', 'earliestDate');
      return value && DATE.test(value) ? { kind: 'requestedDate', lineNo, value } : null;
    }
    case 'DISCOUNT_OVER_POLICY': {
      const value = num(s, 'discountPct', 'maxDiscountPct', 'max');
      return value !== undefined ? { kind: 'discountPct', lineNo, value } : null;
    }
    case 'SPEC_MISMATCH': {
      if (lineNo === null) return null;
      const specs = stringRecord(s.specs);
      if (specs) return { kind: 'specs', lineNo, value: specs };
      const key = str(s, 'key', 'spec');
      const value = typeof s.value === 'string' ? s.value : undefined;
      return key && value !== undefined ? { kind: 'specs', lineNo, value: { [key]: value } } : null;
    }
    case 'AMOUNT_MISMATCH': {
      if (lineNo !== null) {
        const value = num(s, 'statedAmount', 'amount');
        return value !== undefined ? { kind: 'statedAmount', lineNo, value } : null;
      }
      const value = num(s, 'statedTotal', 'total', 'amount');
      return value !== undefined ? { kind: 'statedTotal', value } : null;
    }
    case 'TERMS_NONCOMPLIANT': {
      const value: TermsPatch = {};
      const paymentTerms = str(s, 'paymentTerms');
      const packaging = str(s, 'packaging');
      const acceptanceStandard = str(s, 'acceptanceStandard');
      if (paymentTerms) value.paymentTerms = paymentTerms;
      if (packaging) value.packaging = packaging;
      if (acceptanceStandard) value.acceptanceStandard = acceptanceStandard;
      return Object.keys(value).length > 0 ? { kind: 'terms', value } : null;
    }
    case 'CURRENCY_MISMATCH': {
      const value = str(s, 'currency');
      return value && /^[A-Z]{3}$/.test(value) && value !== order.currency
        ? { kind: 'currency', value }
        : null;
    }
    default:
      return null;
  }
}

/** The PATCH that applies a finding's suggestion, or null when the finding has none that can be applied. */
export function fixFor(order: Order, finding: Finding): Fix | null {
  if (finding.status !== 'open') return null;
  const change = changeFor(order, finding);
  if (!change) return null;
  const base = { version: order.version };
  switch (change.kind) {
    case 'unitPrice': {
      const lines = patchLines(order, change.lineNo, (l) => ({ ...l, unitPrice: change.value }));
      return lines ? { change, body: { ...base, lines } } : null;
    }
    case 'qty': {
      const lines = patchLines(order, change.lineNo, (l) => ({ ...l, qty: change.value }));
      return lines ? { change, body: { ...base, lines } } : null;
    }
    case 'requestedDate': {
      // Without a line number, every line that is too early moves to the feasible date.
      const lines = patchLines(order, change.lineNo, (l) =>
        change.lineNo === null && l.requestedDate >= change.value ? l : { ...l, requestedDate: change.value },
      );
      return lines ? { change, body: { ...base, lines } } : null;
    }
    case 'discountPct': {
      const lines = patchLines(order, change.lineNo, (l) =>
        change.lineNo === null && (l.discountPct ?? 0) <= change.value
          ? l
          : { ...l, discountPct: change.value },
      );
      return lines ? { change, body: { ...base, lines } } : null;
    }
    case 'specs': {
      const lines = patchLines(order, change.lineNo, (l) => ({
        ...l,
        specs: { ...l.specs, ...change.value },
      }));
      return lines ? { change, body: { ...base, lines } } : null;
    }
    case 'statedAmount': {
      const lines = patchLines(order, change.lineNo, (l) => ({ ...l, statedAmount: change.value }));
      return lines ? { change, body: { ...base, lines } } : null;
    }
    case 'statedTotal':
      return { change, body: { ...base, statedTotal: change.value } };
    case 'terms':
      return { change, body: { ...base, ...change.value } };
    case 'currency':
      return { change, body: { ...base, currency: change.value } };
  }
}
