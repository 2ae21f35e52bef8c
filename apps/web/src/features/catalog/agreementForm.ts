import dayjs, { type Dayjs } from 'dayjs';
import type {
  Agreement,
  AgreementKind,
  AgreementStatus,
  CreateAgreementBody,
  UpdateAgreementBody,
} from '@gendan/contracts';
import { textOrNull } from './customerForm';
import { toMajor, toMinor } from './money';
import { rowsToSpecs, specsToRows, type SpecRow } from './specs';

/** One line of the agreement form: a product's price from `minQty` upwards. */
export interface LineRow {
  productId?: string;
  /** `model name` of the chosen product, shown without a lookup. Not sent. */
  productLabel?: string;
  /** The product's own specs, offered as the agreed specs. Not sent. */
  productSpecs?: Record<string, string> | null;
  minQty?: number | null;
  /** Major units. */
  unitPrice?: number | null;
  specs: SpecRow[];
  maxDiscountPct?: number | null;
}

export interface AgreementValues {
  code: string;
  name?: string;
  customerId?: string;
  customerLabel?: string;
  validity: [Dayjs, Dayjs];
  currency: string;
  status: AgreementStatus;
  paymentTerms?: string;
  packaging?: string;
  acceptanceStandard?: string;
  incoterm?: string;
  lines: LineRow[];
}

const DATE = 'YYYY-MM-DD';

/**
 * The statuses an agreement may be saved with, the same table as the server's
 * catalog.status.ts: a draft goes active (or is dropped as expired), an active one expires, an
 * expired one may be renewed. A new agreement may start as draft or active.
 */
export const NEXT_STATUSES: Record<AgreementStatus, readonly AgreementStatus[]> = {
  draft: ['draft', 'active', 'expired'],
  active: ['active', 'expired'],
  expired: ['expired', 'active'],
};
export const NEW_STATUSES: readonly AgreementStatus[] = ['draft', 'active'];

/** Price lists may be general (no customer); contracts and quotations belong to a customer. */
export const needsCustomer = (kind: AgreementKind) => kind !== 'price_list';

export const emptyLine = (): LineRow => ({ minQty: 1, specs: [] });

export function newAgreementValues(currency: string, today: Dayjs = dayjs()): AgreementValues {
  return {
    code: '',
    currency,
    status: 'draft',
    validity: [today.startOf('day'), today.add(1, 'year').subtract(1, 'day').startOf('day')],
    lines: [emptyLine()],
  };
}

export function agreementToValues(a: Agreement): AgreementValues {
  return {
    code: a.code,
    name: a.name ?? '',
    customerId: a.customerId ?? undefined,
    customerLabel: a.customerName ?? undefined,
    validity: [dayjs(a.validFrom, DATE), dayjs(a.validTo, DATE)],
    currency: a.currency,
    status: a.status,
    paymentTerms: a.paymentTerms ?? '',
    packaging: a.packaging ?? '',
    acceptanceStandard: a.acceptanceStandard ?? '',
    incoterm: a.incoterm ?? '',
    lines: a.lines.map((l) => ({
      productId: l.productId,
      productLabel: `${l.productModel} ${l.productName}`,
      minQty: l.minQty,
      unitPrice: toMajor(l.unitPrice),
      specs: specsToRows(l.specs),
      maxDiscountPct: l.maxDiscountPct,
    })),
  };
}

export function valuesToAgreementBody(v: AgreementValues): CreateAgreementBody {
  return {
    code: v.code.trim(),
    name: textOrNull(v.name),
    customerId: v.customerId ?? null,
    validFrom: v.validity[0].format(DATE),
    validTo: v.validity[1].format(DATE),
    currency: v.currency.trim().toUpperCase(),
    status: v.status,
    paymentTerms: textOrNull(v.paymentTerms),
    packaging: textOrNull(v.packaging),
    acceptanceStandard: textOrNull(v.acceptanceStandard),
    incoterm: textOrNull(v.incoterm)?.toUpperCase() ?? null,
    lines: v.lines.map((l) => {
      const specs = rowsToSpecs(l.specs);
      return {
        productId: l.productId ?? '',
        unitPrice: toMinor(l.unitPrice) ?? 0,
        minQty: l.minQty ?? 1,
        specs: Object.keys(specs).length > 0 ? specs : null,
        maxDiscountPct: l.maxDiscountPct ?? null,
      };
    }),
  };
}

export function valuesToAgreementUpdate(v: AgreementValues, version: number): UpdateAgreementBody {
  return { version, ...valuesToAgreementBody(v) };
}

/**
 * Lines that repeat another line's product and quantity tier, as 1-based line numbers paired
 * with the first line they repeat. A price must be unambiguous for a product and quantity.
 */
export function duplicateTiers(lines: readonly LineRow[]): { line: number; first: number }[] {
  const seen = new Map<string, number>();
  const out: { line: number; first: number }[] = [];
  lines.forEach((l, i) => {
    if (!l.productId) return;
    const key = `${l.productId}\u0000${String(l.minQty ?? 1)}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, i + 1);
    else out.push({ line: i + 1, first });
  });
  return out;
}
