import { z } from 'zod';
import {
  agreementKindSchema,
  agreementSchema,
  businessDateSchema,
  listAgreementsQuerySchema,
} from '@gendan/contracts';

/**
 * Route schemas the shared contracts do not have yet. They belong in
 * packages/contracts/src/catalog.schemas.ts (the web needs them too); kept here until moved.
 */

export const termsQuerySchema = z.strictObject({ date: businessDateSchema.optional() });

export const termsPriceSchema = z.object({
  productId: z.string(),
  productModel: z.string(),
  productName: z.string(),
  unit: z.string(),
  minQty: z.number().int(),
  unitPrice: z.number().int(),
  specs: z.record(z.string(), z.string()).nullable(),
  maxDiscountPct: z.number().nullable(),
});

/** `GET /api/customers/:id/terms`: what choosing the customer fills into an order. */
export const customerTermsSchema = z.object({
  customerId: z.string(),
  date: businessDateSchema,
  agreement: agreementSchema.nullable(),
  paymentTerms: z.string().nullable(),
  packaging: z.string().nullable(),
  acceptanceStandard: z.string().nullable(),
  incoterm: z.string().nullable(),
  currency: z.string(),
  prices: z.array(termsPriceSchema),
});

/** `GET /api/agreements/export`: every kind, or one. */
export const exportAgreementsQuerySchema = listAgreementsQuerySchema.extend({
  kind: agreementKindSchema.optional(),
});
