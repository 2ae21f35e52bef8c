import type { Kysely } from 'kysely';
import type { Agreement } from '@gendan/contracts';
import type { DB } from '../../db/schema';
import { notFound } from '../../lib/errors';
import * as arepo from './catalog.agreements-repository';
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
  const row = await repo.findCustomerById(db, customerId);
  if (!row) throw notFound('customer');
  const customer = toCustomer(row);
  const headers = await arepo.findActiveAgreements(db, { customerId, date, customerOnly: true });
  const header = termsAgreement(
    headers.map((h) => ({
      h,
      customerId: h.customer_id,
      kind: h.kind as Agreement['kind'],
      validFrom: h.valid_from,
      code: h.code,
    })),
    customerId,
  )?.h;
  if (!header) {
    return {
      customerId,
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
  const lines = await arepo.findLines(db, [header.id]);
  const agreement = toAgreement(header, lines);
  return {
    customerId,
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
