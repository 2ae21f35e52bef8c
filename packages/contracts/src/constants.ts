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
