import type { Kysely } from 'kysely';
import type { Agreement, Customer } from '@gendan/contracts';
import type { DB } from '../../db/schema';
import { notFound } from '../../lib/errors';
import * as arepo from './catalog.agreements-repository';
import type { AgreementHeaderRow, AgreementLineRow } from './catalog.agreements-repository';
import { toAgreement, toCustomer } from './catalog.mappers';
import { termsAgreement } from './catalog.pricing';
import * as repo from './catalog.repository';

/** A price the order form offers: one quantity tier of one product. */
export interface TermsPrice {
  productId: string;
  productModel: string;
  productName: string;
  unit: string;
  minQty: number;
  unitPrice: number;
  specs: Record<string, string> | null;
  maxDiscountPct: number | null;
}

export interface CustomerTerms {
  customerId: string;
  date: string;
  /** The customer's binding agreement on `date`, or null (then the customer's own defaults apply). */
  agreement: Agreement | null;
  paymentTerms: string | null;
  packaging: string | null;
  acceptanceStandard: string | null;
  incoterm: string | null;
  currency: string;
  prices: TermsPrice[];
}

/**
 * What choosing a customer fills into an order on `date`: the terms and prices of its best active
 * agreement valid that day (its contract before its quotation before its own price list), else
 * the customer's defaults and no prices. NOT_FOUND for an unknown customer. Three statements.
 */
export async function getCustomerTerms(
  db: Kysely<DB>,
  customerId: string,
  date: string,
): Promise<CustomerTerms> {
  const terms = (await getCustomersTerms(db, [{ customerId, date }])).get(termsKey(customerId, date));
  if (!terms) throw notFound('customer');
  return terms;
}

/** The key of a customer's terms on a date in the map `getCustomersTerms` returns. */
export function termsKey(customerId: string, date: string): string {
  return `${customerId}|${date}`;
}

/**
 * `getCustomerTerms` for many (customer, date) pairs at once, as an import needs them: one query
 * for the customers, one per distinct date for their agreements and one for the lines of the
 * agreements that bind, whatever the number of customers. Unknown customers are left out.
 */
export async function getCustomersTerms(
  db: Kysely<DB>,
  wanted: readonly { customerId: string; date: string }[],
): Promise<Map<string, CustomerTerms>> {
  const customers = new Map(
    (
      await repo.findCustomersByIds(
        db,
        wanted.map((w) => w.customerId),
      )
    ).map((r) => [r.id, toCustomer(r)]),
  );
  const binding = new Map<string, AgreementHeaderRow | null>();
  for (const date of new Set(wanted.map((w) => w.date))) {
    const ids = wanted.filter((w) => w.date === date && customers.has(w.customerId)).map((w) => w.customerId);
    if (ids.length === 0) continue;
    const found = (await arepo.findCustomersActiveAgreements(db, { customerIds: ids, date })).map((h) => ({
      h,
      customerId: h.customer_id,
      kind: h.kind as Agreement['kind'],
      validFrom: h.valid_from,
      code: h.code,
    }));
    for (const id of ids) binding.set(termsKey(id, date), termsAgreement(found, id)?.h ?? null);
  }
  const headerIds = [...binding.values()].flatMap((h) => (h ? [h.id] : []));
  const linesOf = new Map<string, AgreementLineRow[]>();
  for (const line of await arepo.findLines(db, headerIds)) {
    const list = linesOf.get(line.agreement_id);
    if (list) list.push(line);
    else linesOf.set(line.agreement_id, [line]);
  }
  const out = new Map<string, CustomerTerms>();
  for (const { customerId, date } of wanted) {
    const customer = customers.get(customerId);
    const key = termsKey(customerId, date);
    if (!customer || out.has(key)) continue;
    const header = binding.get(key) ?? null;
    out.set(key, customerTerms(customer, date, header, header ? (linesOf.get(header.id) ?? []) : []));
  }
  return out;
}

function customerTerms(
  customer: Customer,
  date: string,
  header: AgreementHeaderRow | null,
  lines: readonly AgreementLineRow[],
): CustomerTerms {
  if (!header) {
    return {
      customerId: customer.id,
      date,
      agreement: null,
      paymentTerms: customer.paymentTerms,
      packaging: null,
      acceptanceStandard: null,
      incoterm: null,
      currency: customer.currency,
      prices: [],
    };
  }
  const agreement = toAgreement(header, lines);
  return {
    customerId: customer.id,
    date,
    agreement,
    paymentTerms: agreement.paymentTerms ?? customer.paymentTerms,
    packaging: agreement.packaging,
    acceptanceStandard: agreement.acceptanceStandard,
    incoterm: agreement.incoterm,
    currency: agreement.currency,
    prices: agreement.lines.map((l, i) => ({
      productId: l.productId,
      productModel: l.productModel,
      productName: l.productName,
      unit: lines[i]?.product_unit ?? '',
      minQty: l.minQty,
      unitPrice: l.unitPrice,
      specs: l.specs,
      maxDiscountPct: l.maxDiscountPct,
    })),
  };
}
