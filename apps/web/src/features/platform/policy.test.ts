import { describe, expect, it } from 'vitest';
import type { Policy } from '@gendan/contracts';
import { DISCOUNT_ROLES, policyToValues, valuesToPolicy } from './policy';

const policy: Policy = {
  allowedPaymentTerms: ['T/T 30 days', 'L/C at sight'],
  maxDiscountPctByRole: { sales: 5, clerk: 3, manager: 15, admin: 100 },
  minOrderValue: 100_000,
  shippingLeadDays: { express: 2, ftl: 3, ltl: 5, pickup: 0 },
};

describe('policy form', () => {
  it('round-trips the stored policy', () => {
    expect(valuesToPolicy(policyToValues(policy))).toEqual(policy);
  });

  it('shows the minimum order value in major units and a row per staff role', () => {
    const v = policyToValues(policy);
    expect(v.minOrderValue).toBe(1000);
    expect(Object.keys(v.maxDiscount)).toEqual(DISCOUNT_ROLES);
    expect(DISCOUNT_ROLES).not.toContain('customer');
    expect(v.maxDiscount.qc).toBeNull();
    expect(v.maxDiscount.sales).toBe(5);
  });

  it('ignores roles outside the staff list', () => {
    const v = policyToValues(policy);
    const out = valuesToPolicy({ ...v, maxDiscount: { ...v.maxDiscount, customer: 50 } });
    expect(out.maxDiscountPctByRole).not.toHaveProperty('customer');
  });

  it('drops empty discounts, trims and de-duplicates terms, converts money', () => {
    const v = policyToValues(policy);
    v.maxDiscount = { ...v.maxDiscount, sales: null, qc: undefined };
    v.allowedPaymentTerms = [' T/T 30 days ', 'T/T 30 days', '', 'Net 45'];
    v.minOrderValue = 99.99;
    const out = valuesToPolicy(v);
    expect(out.maxDiscountPctByRole).toEqual({ clerk: 3, manager: 15, admin: 100 });
    expect(out.allowedPaymentTerms).toEqual(['T/T 30 days', 'Net 45']);
    expect(out.minOrderValue).toBe(9999);
  });
});
