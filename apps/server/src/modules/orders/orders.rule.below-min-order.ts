import type { ReviewRule } from './orders.review-types';

/**
 * BELOW_MIN_ORDER (warn): the order total is below the policy's minimum order value. The minimum
 * is in the company currency; orders in another currency are not compared (no rates yet).
 */
export const belowMinOrder: ReviewRule = (input) => {
  const min = input.policy.minOrderValue;
  const { total, currency } = input.order;
  if (min <= 0 || currency !== input.companyCurrency || total >= min) return [];
  return [
    {
      code: 'BELOW_MIN_ORDER',
      severity: 'warn',
      params: { total, minOrderValue: min, currency },
      expected: min,
      actual: total,
    },
  ];
};
