import { z } from 'zod';
import {
  businessDateSchema,
  isoInstantSchema,
  languageSchema,
  pageQuerySchema,
  roleSchema,
} from './common.schemas';
import {
  ADDRESS_KINDS,
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  NOTIFICATION_KINDS,
  PRODUCT_CATEGORIES,
  SHIPPING_MODES,
} from './constants';

// The enum values live in the Zod-free constants file (the web imports them from there).
export {
  ADDRESS_KINDS,
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  NOTIFICATION_KINDS,
  PRODUCT_CATEGORIES,
  SHIPPING_MODES,
  type AddressKind,
  type AgreementKind,
  type AgreementStatus,
  type NotificationKind,
  type ProductCategory,
  type ShippingMode,
} from './constants';

export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. CNY');
/**
 * The largest amount Gendan stores, in minor units (10 trillion in major units). Computed line
 * amounts and totals are held to it too, so every amount stays an exact JavaScript integer.
 */
export const MONEY_MAX = 1_000_000_000_000_000;
/** Money: an integer count of minor units (分, cents). */
export const moneySchema = z.number().int().min(0).max(MONEY_MAX);
/** A percentage with at most two decimals, 0–100. */
export const percentSchema = z
  .number()
  .min(0)
  .max(100)
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-9, 'at most two decimals');
export const specsSchema = z.record(z.string().min(1).max(64), z.string().max(500));

export const productCategorySchema = z.enum(PRODUCT_CATEGORIES);

export const notificationKindSchema = z.enum(NOTIFICATION_KINDS);

export const contactSchema = z.strictObject({
  name: z.string().min(1).max(100),
  title: z.string().max(100).nullish(),
  phone: z.string().max(50).nullish(),
  email: z.email().nullish(),
  wechat: z.string().max(100).nullish(),
  notify: z.array(notificationKindSchema).max(NOTIFICATION_KINDS.length).default([]),
});
export type Contact = z.infer<typeof contactSchema>;

export const addressSchema = z.strictObject({
  kind: z.enum(ADDRESS_KINDS),
  label: z.string().max(100).nullish(),
  address: z.string().min(1).max(500),
  contact: z.string().max(100).nullish(),
  phone: z.string().max(50).nullish(),
  isDefault: z.boolean().default(false),
});
export type Address = z.infer<typeof addressSchema>;

const codeSchema = z
  .string()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits and . _ - only');

// Customers

export const customerSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  taxId: z.string().nullable(),
  currency: z.string(),
  creditLimit: z.number().int().nullable(),
  paymentTerms: z.string().nullable(),
  language: languageSchema,
  clerkId: z.string().nullable(),
  salesRepId: z.string().nullable(),
  contacts: z.array(contactSchema),
  addresses: z.array(addressSchema),
  notes: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: isoInstantSchema,
  updatedAt: isoInstantSchema,
});
export type Customer = z.infer<typeof customerSchema>;

const customerFields = {
  name: z.string().min(1).max(200),
  taxId: z.string().max(64).nullish(),
  currency: currencySchema,
  creditLimit: moneySchema.nullish(),
  paymentTerms: z.string().max(100).nullish(),
  language: languageSchema.optional(),
  clerkId: z.string().max(64).nullish(),
  salesRepId: z.string().max(64).nullish(),
  contacts: z.array(contactSchema).max(50).optional(),
  addresses: z.array(addressSchema).max(50).optional(),
  notes: z.string().max(2000).nullish(),
  active: z.boolean().optional(),
};
export const createCustomerBodySchema = z.strictObject({ code: codeSchema, ...customerFields });
export type CreateCustomerBody = z.infer<typeof createCustomerBodySchema>;
export const updateCustomerBodySchema = z
  .strictObject({ version: z.number().int().min(1), code: codeSchema, ...customerFields })
  .partial()
  .required({ version: true });
export type UpdateCustomerBody = z.infer<typeof updateCustomerBodySchema>;

export const listCustomersQuerySchema = pageQuerySchema.extend({
  active: z.enum(['true', 'false']).optional(),
  clerkId: z.string().max(64).optional(),
});

// Products

export const productSchema = z.object({
  id: z.string(),
  model: z.string(),
  name: z.string(),
  category: productCategorySchema,
  unit: z.string(),
  specs: z.record(z.string(), z.string()),
  packagingSpec: z.string().nullable(),
  standardLeadTimeDays: z.number().int(),
  standardCost: z.number().int().nullable(),
  costCurrency: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: isoInstantSchema,
  updatedAt: isoInstantSchema,
});
export type Product = z.infer<typeof productSchema>;

const productFields = {
  name: z.string().min(1).max(200),
  category: productCategorySchema,
  unit: z.string().min(1).max(16),
  specs: specsSchema.default({}),
  packagingSpec: z.string().max(500).nullish(),
  standardLeadTimeDays: z.number().int().min(0).max(3650),
  standardCost: moneySchema.nullish(),
  costCurrency: currencySchema.nullish(),
  active: z.boolean().optional(),
};
export const createProductBodySchema = z.strictObject({
  model: z.string().min(1).max(64),
  ...productFields,
});
export type CreateProductBody = z.infer<typeof createProductBodySchema>;
// A PATCH carries no defaults: a field left out keeps its stored value.
export const updateProductBodySchema = z
  .strictObject({
    version: z.number().int().min(1),
    model: z.string().min(1).max(64),
    ...productFields,
    specs: specsSchema,
  })
  .partial()
  .required({ version: true });
export type UpdateProductBody = z.infer<typeof updateProductBodySchema>;

export const listProductsQuerySchema = pageQuerySchema.extend({
  category: productCategorySchema.optional(),
  active: z.enum(['true', 'false']).optional(),
});

// Price lists, contracts and quotations

export const agreementKindSchema = z.enum(AGREEMENT_KINDS);
export const agreementStatusSchema = z.enum(AGREEMENT_STATUSES);

export const agreementLineInputSchema = z.strictObject({
  productId: z.string().min(1).max(64),
  unitPrice: moneySchema,
  /** The quantity tier: this price applies from `minQty` upwards. */
  minQty: z.number().int().min(1).max(1_000_000_000).default(1),
  specs: specsSchema.nullish(),
  maxDiscountPct: percentSchema.nullish(),
});

export const agreementLineSchema = z.object({
  id: z.string(),
  lineNo: z.number().int(),
  productId: z.string(),
  productModel: z.string(),
  productName: z.string(),
  unitPrice: z.number().int(),
  minQty: z.number().int(),
  specs: z.record(z.string(), z.string()).nullable(),
  maxDiscountPct: z.number().nullable(),
});

export const agreementSchema = z.object({
  id: z.string(),
  kind: agreementKindSchema,
  code: z.string(),
  name: z.string().nullable(),
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  validFrom: businessDateSchema,
  validTo: businessDateSchema,
  currency: z.string(),
  status: agreementStatusSchema,
  paymentTerms: z.string().nullable(),
  packaging: z.string().nullable(),
  acceptanceStandard: z.string().nullable(),
  incoterm: z.string().nullable(),
  lines: z.array(agreementLineSchema),
  version: z.number().int(),
  createdAt: isoInstantSchema,
  updatedAt: isoInstantSchema,
});
export type Agreement = z.infer<typeof agreementSchema>;

const agreementFields = {
  customerId: z.string().min(1).max(64).nullish(),
  name: z.string().max(200).nullish(),
  validFrom: businessDateSchema,
  validTo: businessDateSchema,
  currency: currencySchema,
  status: agreementStatusSchema.default('draft'),
  paymentTerms: z.string().max(100).nullish(),
  packaging: z.string().max(500).nullish(),
  acceptanceStandard: z.string().max(500).nullish(),
  incoterm: z.string().max(16).nullish(),
  lines: z.array(agreementLineInputSchema).min(1).max(5000),
};
export const createAgreementBodySchema = z.strictObject({ code: codeSchema, ...agreementFields });
export type CreateAgreementBody = z.infer<typeof createAgreementBodySchema>;
export const updateAgreementBodySchema = z
  .strictObject({
    version: z.number().int().min(1),
    code: codeSchema,
    ...agreementFields,
    status: agreementStatusSchema,
  })
  .partial()
  .required({ version: true });
export type UpdateAgreementBody = z.infer<typeof updateAgreementBodySchema>;

export const listAgreementsQuerySchema = pageQuerySchema.extend({
  customerId: z.string().max(64).optional(),
  status: agreementStatusSchema.optional(),
});

// Company policy (kept in settings)

export const shippingModeSchema = z.enum(SHIPPING_MODES);

export const policySchema = z.object({
  allowedPaymentTerms: z.array(z.string().min(1).max(100)).max(100),
  /** Maximum discount % a user of each role may grant; roles not listed may grant none. */
  maxDiscountPctByRole: z.partialRecord(roleSchema, percentSchema),
  /** Minimum order value in minor units of the company currency. */
  minOrderValue: moneySchema,
  shippingLeadDays: z.object({
    express: z.number().int().min(0).max(365),
    ftl: z.number().int().min(0).max(365),
    ltl: z.number().int().min(0).max(365),
    pickup: z.number().int().min(0).max(365),
  }),
});
export type Policy = z.infer<typeof policySchema>;

// Import (master data and orders)

export const importErrorSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const importResultSchema = z.object({
  dryRun: z.boolean(),
  fileHash: z.string(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int(),
  errors: z.array(importErrorSchema),
  ids: z.array(z.string()),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const importQuerySchema = z.strictObject({
  dryRun: z.enum(['0', '1', 'true', 'false']).optional(),
});
