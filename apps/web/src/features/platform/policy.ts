import type { Policy, Role, ShippingMode } from '@gendan/contracts';
import { ROLES, SHIPPING_MODES } from '@gendan/contracts/constants';
import { toMajor, toMinor } from '../catalog/money';

/**
 * The company policy in the settings form: the minimum order value in major units, and one
 * discount row per staff role (empty = the role may grant no discount).
 */
export interface DiscountRow {
  role: Role;
  pct: number | null;
}

export interface PolicyValues {
  allowedPaymentTerms: string[];
  maxDiscount: DiscountRow[];
  minOrderValue: number;
  shippingLeadDays: Record<ShippingMode, number>;
}

/** Roles that can grant a discount on an order: every role but the portal's. */
export const DISCOUNT_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'customer');

export function policyToValues(p: Policy): PolicyValues {
  return {
    allowedPaymentTerms: [...p.allowedPaymentTerms],
    maxDiscount: DISCOUNT_ROLES.map((role) => ({ role, pct: p.maxDiscountPctByRole[role] ?? null })),
    minOrderValue: toMajor(p.minOrderValue),
    shippingLeadDays: { ...p.shippingLeadDays },
  };
}

export function valuesToPolicy(v: PolicyValues): Policy {
  const maxDiscountPctByRole: Record<string, number> = {};
  for (const row of v.maxDiscount)
    if (row.pct !== null && row.pct !== undefined) maxDiscountPctByRole[row.role] = row.pct;
  const terms: string[] = [];
  for (const term of v.allowedPaymentTerms) {
    const trimmed = term.trim();
    if (trimmed && !terms.includes(trimmed)) terms.push(trimmed);
  }
  const shippingLeadDays = Object.fromEntries(
    SHIPPING_MODES.map((mode) => [mode, v.shippingLeadDays[mode] ?? 0]),
  ) as Record<ShippingMode, number>;
  return {
    allowedPaymentTerms: terms,
    maxDiscountPctByRole,
    minOrderValue: toMinor(v.minOrderValue ?? 0) ?? 0,
    shippingLeadDays,
  };
}
