import { z } from 'zod';
import { businessDateSchema, isoInstantSchema, pageQuerySchema } from './common.schemas';
import {
  currencySchema,
  importErrorSchema,
  moneySchema,
  percentSchema,
  shippingModeSchema,
  specsSchema,
} from './catalog.schemas';
import {
  FINDING_CODES,
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  ORDER_CHANNELS,
  ORDER_STATUSES,
} from './constants';

// The enum values live in the Zod-free constants file (the web imports them from there).
export {
  FINDING_CODES,
  FINDING_SEVERITIES,
  FINDING_STATUSES,
  ORDER_CHANNELS,
  ORDER_STATUSES,
  type FindingCode,
  type FindingSeverity,
  type OrderChannel,
} from './constants';

export const orderStatusSchema = z.enum(ORDER_STATUSES);
export type OrderStatus = z.infer<typeof orderStatusSchema>;
export const orderChannelSchema = z.enum(ORDER_CHANNELS);
export const findingCodeSchema = z.enum(FINDING_CODES);

export const orderLineInputSchema = z.strictObject({
  productId: z.string().min(1).max(64),
  qty: z.number().int().min(1).max(1_000_000_000),
  unitPrice: moneySchema,
  discountPct: percentSchema.optional(),
  specs: specsSchema.optional(),
  requestedDate: businessDateSchema,
  statedAmount: moneySchema.nullish(),
  description: z.string().max(500).nullish(),
});
export type OrderLineInput = z.infer<typeof orderLineInputSchema>;

const orderFields = {
  customerId: z.string().min(1).max(64),
  customerPo: z.string().min(1).max(64),
  currency: currencySchema,
  paymentTerms: z.string().min(1).max(100),
  packaging: z.string().max(500).nullish(),
  acceptanceStandard: z.string().max(500).nullish(),
  incoterm: z.string().max(16).nullish(),
  shippingMode: shippingModeSchema.nullish(),
  shipTo: z.string().max(500).nullish(),
  notes: z.string().max(4000).nullish(),
  orderDate: businessDateSchema.optional(),
  clerkId: z.string().max(64).nullish(),
  lines: z.array(orderLineInputSchema).min(1).max(5000),
  statedTotal: moneySchema.nullish(),
};
export const createOrderBodySchema = z.strictObject(orderFields);
export type CreateOrderBody = z.infer<typeof createOrderBodySchema>;
export const updateOrderBodySchema = z
  .strictObject({ version: z.number().int().min(1), ...orderFields })
  .partial()
  .required({ version: true });
export type UpdateOrderBody = z.infer<typeof updateOrderBodySchema>;

export const orderLineSchema = z.object({
  id: z.string(),
  lineNo: z.number().int(),
  productId: z.string(),
  productModel: z.string(),
  productName: z.string(),
  unit: z.string(),
  description: z.string().nullable(),
  qty: z.number().int(),
  unitPrice: z.number().int(),
  discountPct: z.number(),
  amount: z.number().int(),
  statedAmount: z.number().int().nullable(),
  specs: z.record(z.string(), z.string()),
  requestedDate: businessDateSchema,
  promisedDate: businessDateSchema.nullable(),
  feasibleDate: businessDateSchema.nullable(),
});
export type OrderLine = z.infer<typeof orderLineSchema>;

export const findingSchema = z.object({
  id: z.string(),
  code: findingCodeSchema,
  severity: z.enum(FINDING_SEVERITIES),
  lineNo: z.number().int().nullable().optional(),
  /** In the caller's language; `messages` holds both. */
  message: z.string(),
  messages: z.object({ 'zh-CN': z.string(), en: z.string() }),
  expected: z.unknown().optional(),
  actual: z.unknown().optional(),
  suggestion: z.unknown().optional(),
  status: z.enum(FINDING_STATUSES),
  overrideReason: z.string().nullable(),
  overriddenBy: z.string().nullable(),
  overriddenAt: isoInstantSchema.nullable(),
});
export type Finding = z.infer<typeof findingSchema>;

export const orderSummarySchema = z.object({
  id: z.string(),
  number: z.string().nullable(),
  customerId: z.string(),
  customerCode: z.string(),
  customerName: z.string(),
  customerPo: z.string(),
  channel: orderChannelSchema,
  status: orderStatusSchema,
  orderDate: businessDateSchema,
  currency: z.string(),
  total: z.number().int(),
  lineCount: z.number().int(),
  requestedDate: businessDateSchema.nullable(),
  promisedDate: businessDateSchema.nullable(),
  openBlocks: z.number().int(),
  openWarnings: z.number().int(),
  clerkId: z.string().nullable(),
  /** The clerk's display name (or username), for lists and exports. */
  clerkName: z.string().nullable(),
  version: z.number().int(),
  createdAt: isoInstantSchema,
  updatedAt: isoInstantSchema,
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

export const orderSchema = orderSummarySchema.extend({
  paymentTerms: z.string(),
  packaging: z.string().nullable(),
  acceptanceStandard: z.string().nullable(),
  incoterm: z.string().nullable(),
  shippingMode: shippingModeSchema.nullable(),
  shipTo: z.string().nullable(),
  notes: z.string().nullable(),
  statedTotal: z.number().int().nullable(),
  reviewedVersion: z.number().int().nullable(),
  createdBy: z.string().nullable(),
  approvedBy: z.string().nullable(),
  approvedAt: isoInstantSchema.nullable(),
  statusReason: z.string().nullable(),
  lines: z.array(orderLineSchema),
  findings: z.array(findingSchema),
});
export type Order = z.infer<typeof orderSchema>;

export const listOrdersQuerySchema = pageQuerySchema.extend({
  status: orderStatusSchema.optional(),
  customerId: z.string().max(64).optional(),
  clerkId: z.string().max(64).optional(),
  from: businessDateSchema.optional(),
  to: businessDateSchema.optional(),
  hasFindings: z.enum(['true', 'false']).optional(),
  channel: orderChannelSchema.optional(),
});

export const versionBodySchema = z.strictObject({ version: z.number().int().min(1) });
export const reasonBodySchema = z.strictObject({
  version: z.number().int().min(1),
  reason: z.string().trim().min(1).max(1000),
});

export const approveBodySchema = z.strictObject({
  version: z.number().int().min(1),
  overrides: z
    .array(
      z.strictObject({ findingId: z.string().min(1).max(64), reason: z.string().trim().min(1).max(1000) }),
    )
    .max(1000)
    .optional(),
  promisedDates: z
    .array(z.strictObject({ lineNo: z.number().int().min(1), promisedDate: businessDateSchema }))
    .max(5000)
    .optional(),
});
export type ApproveBody = z.infer<typeof approveBodySchema>;

export const reviewResultSchema = z.object({
  orderId: z.string(),
  status: orderStatusSchema,
  version: z.number().int(),
  findings: z.array(findingSchema),
  openBlocks: z.number().int(),
  openWarnings: z.number().int(),
});

export const orderEventSchema = z.object({
  id: z.string(),
  at: isoInstantSchema,
  type: z.string(),
  fromStatus: orderStatusSchema.nullable(),
  toStatus: orderStatusSchema.nullable(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  data: z.unknown().nullable(),
});
export const timelineSchema = z.object({ items: z.array(orderEventSchema) });

export const orderImportResultSchema = z.object({
  dryRun: z.boolean(),
  fileHash: z.string(),
  rows: z.number().int(),
  /** Orders created (on a dry run: to be created); `skipped` were made by an earlier run. */
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  orders: z.array(
    z.object({
      customerPo: z.string(),
      customerCode: z.string(),
      lines: z.number().int(),
      total: z.number().int(),
      currency: z.string(),
      id: z.string().nullable(),
      alreadyImported: z.boolean(),
    }),
  ),
  errors: z.array(importErrorSchema),
});
export type OrderImportResult = z.infer<typeof orderImportResultSchema>;

export const ctpRequestSchema = z.strictObject({
  customerId: z.string().min(1).max(64).optional(),
  lines: z
    .array(
      z.strictObject({
        productId: z.string().min(1).max(64),
        qty: z.number().int().min(1).max(1_000_000_000),
      }),
    )
    .min(1)
    .max(5000),
  requestedDate: businessDateSchema.optional(),
  shippingMode: shippingModeSchema.optional(),
});
export const ctpResponseSchema = z.object({
  earliestDate: businessDateSchema,
  feasible: z.boolean().nullable(),
  lines: z.array(
    z.object({
      productId: z.string(),
      qty: z.number().int(),
      earliestDate: businessDateSchema,
      explanation: z.object({ 'zh-CN': z.string(), en: z.string() }),
    }),
  ),
  explanation: z.object({ 'zh-CN': z.string(), en: z.string() }),
});

/** `POST /api/orders/import-email`: the draft orders read from one `.eml`, and the mail they came from. */
export const orderEmailImportResultSchema = z.object({
  dryRun: z.boolean(),
  /** SHA-256 of the raw message: posting the same message again creates nothing new. */
  fileHash: z.string(),
  from: z.string().nullable(),
  fromName: z.string().nullable(),
  subject: z.string(),
  date: isoInstantSchema.nullable(),
  /** Where the lines were found: an xlsx/csv attachment, an HTML table, a text table, or nowhere. */
  source: z.enum(['attachment', 'html', 'text', 'none']),
  /** The customer the mail was matched to (sender's address or `[code]` in the subject), if any. */
  customerCode: z.string().nullable(),
  orders: z.array(
    z.object({
      id: z.string().nullable(),
      customerCode: z.string(),
      customerPo: z.string(),
      lines: z.number().int(),
      total: z.number().int(),
      currency: z.string(),
      alreadyImported: z.boolean(),
    }),
  ),
  errors: z.array(importErrorSchema),
});
export type OrderEmailImportResult = z.infer<typeof orderEmailImportResultSchema>;
