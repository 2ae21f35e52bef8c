import type { Policy, Role, ShippingMode } from '@gendan/contracts';
import { ROLES, SHIPPING_MODES } from '@gendan/contracts/constants';
import { toMajor, toMinor } from '../catalog/money';

/**
 * The company policy in the settings form: the minimum order value in major units, and a
 * discount per staff role (null = the role may grant no discount).
 */
export interface PolicyValues {
  allowedPaymentTerms: string[];
  maxDiscount: Partial<Record<Role, number | null>>;
  minOrderValue: number;
  shippingLeadDays: Record<ShippingMode, number>;
}

/** Roles that can grant a discount on an order: every role but the portal's. */
export const DISCOUNT_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'customer');

export function policyToValues(p: Policy): PolicyValues {
  const maxDiscount: Partial<Record<Role, number | null>> = {};
  for (const role of DISCOUNT_ROLES) maxDiscount[role] = p.maxDiscountPctByRole[role] ?? null;
  return {
    allowedPaymentTerms: [...p.allowedPaymentTerms],
    maxDiscount,
    minOrderValue: toMajor(p.minOrderValue),
    shippingLeadDays: { ...p.shippingLeadDays },
  };
}

export function valuesToPolicy(v: PolicyValues): Policy {
  const maxDiscountPctByRole: Record<string, number> = {};
  for (const role of DISCOUNT_ROLES) {
    const pct = v.maxDiscount[role];
    if (pct !== null && pct !== undefined) maxDiscountPctByRole[role] = pct;
  }
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
