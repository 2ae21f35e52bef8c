/**
 * Plain constants shared by server and web, free of Zod so that the web can import them
 * without loading every schema (`@gendan/contracts/constants`).
 */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const ROLES = [
  'admin',
  'manager',
  'clerk',
  'sales',
  'production',
  'qc',
  'purchasing',
  'warehouse',
  'logistics',
  'finance',
  'aftersales',
  'customer',
] as const;
export type Role = (typeof ROLES)[number];

// Catalog (master data): the values behind catalog.schemas.ts enums, usable without Zod.

export const PRODUCT_CATEGORIES = ['finished', 'semi', 'raw', 'packaging'] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

export const NOTIFICATION_KINDS = [
  'order_confirmation',
  'production',
  'shipping',
  'delay',
  'invoice',
  'aftersales',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const ADDRESS_KINDS = ['ship_to', 'bill_to'] as const;
export type AddressKind = (typeof ADDRESS_KINDS)[number];

export const AGREEMENT_KINDS = ['price_list', 'contract', 'quotation'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const AGREEMENT_STATUSES = ['draft', 'active', 'expired'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const SHIPPING_MODES = ['express', 'ftl', 'ltl', 'pickup'] as const;
export type ShippingMode = (typeof SHIPPING_MODES)[number];

// Orders (issue 3)

export const ORDER_STATUSES = ['draft', 'in_review', 'approved', 'rejected', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_CHANNELS = ['form', 'api', 'import', 'email', 'portal'] as const;
export type OrderChannel = (typeof ORDER_CHANNELS)[number];

export const FINDING_CODES = [
  'SPEC_MISMATCH',
  'PRICE_MISMATCH',
  'NO_PRICE',
  'AMOUNT_MISMATCH',
  'DISCOUNT_OVER_POLICY',
  'TERMS_NONCOMPLIANT',
  'CREDIT_LIMIT',
  'DUPLICATE_PO',
  'BELOW_MIN_ORDER',
  'DELIVERY_INFEASIBLE',
  'CURRENCY_MISMATCH',
  'PRODUCT_INACTIVE',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export const FINDING_SEVERITIES = ['block', 'warn'] as const;
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

export const FINDING_STATUSES = ['open', 'overridden'] as const;

/** Every role but the portal's: the company's own people. */
export const STAFF_ROLES = ROLES.filter((r): r is Exclude<Role, 'customer'> => r !== 'customer');
