import { describe, expect, it } from 'vitest';
import { reviewInput } from './orders.rule-fixture';
import { belowMinOrder } from './orders.rule.below-min-order';

const withMin = (minOrderValue: number, companyCurrency = 'CNY') =>
  reviewInput({ policy: { ...reviewInput().policy, minOrderValue }, companyCurrency });

describe('BELOW_MIN_ORDER', () => {
  it('warns when the total is below the minimum', () => {
    expect(belowMinOrder(withMin(125_001))).toEqual([
      expect.objectContaining({
        code: 'BELOW_MIN_ORDER',
        severity: 'warn',
        expected: 125_001,
        actual: 125_000,
      }),
    ]);
  });

  it('stays quiet at the minimum, without a minimum, or in another currency', () => {
    expect(belowMinOrder(withMin(125_000))).toEqual([]);
    expect(belowMinOrder(withMin(0))).toEqual([]);
    expect(belowMinOrder(withMin(10 ** 9, 'USD'))).toEqual([]);
  });
});

describe('BELOW_MIN_ORDER findings', () => {
  it('names the total, the minimum and the currency', () => {
    const base = reviewInput();
    expect(belowMinOrder({ ...base, policy: { ...base.policy, minOrderValue: 200_000 } })).toEqual([
      {
        code: 'BELOW_MIN_ORDER',
        severity: 'warn',
        params: { total: 125_000, minOrderValue: 200_000, currency: 'CNY' },
        expected: 200_000,
        actual: 125_000,
      },
    ]);
  });

  it('has no minimum at zero, even for an order whose total is negative', () => {
    const base = reviewInput();
    expect(belowMinOrder({ ...base, order: { ...base.order, total: -100 } })).toEqual([]);
  });
});
