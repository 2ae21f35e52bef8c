import type { ReviewRule } from './orders.review-types';

/**
 * CREDIT_LIMIT (block): open receivables plus this order's total exceed the customer's credit
 * limit, when a limit is set. Receivables are 0 until the finance module exists. When the order is
 * in another currency than the limit, the two cannot be compared without a rate: a warning asks
 * the clerk to check by hand.
 */
export const creditLimit: ReviewRule = (input) => {
  const { customer, order, openReceivables } = input;
  if (customer.creditLimit === null || customer.creditLimit === undefined) return [];
  if (order.currency !== customer.currency) {
    return [
      {
        code: 'CREDIT_LIMIT',
        severity: 'warn',
        params: {
          variant: 'currency',
          creditLimit: customer.creditLimit,
          limitCurrency: customer.currency,
          orderCurrency: order.currency,
        },
      },
    ];
  }
  const exposure = openReceivables + order.total;
  if (exposure <= customer.creditLimit) return [];
  return [
    {
      code: 'CREDIT_LIMIT',
      severity: 'block',
      params: {
        variant: 'exceeded',
        creditLimit: customer.creditLimit,
        openReceivables,
        total: order.total,
        exposure,
        currency: order.currency,
      },
      expected: customer.creditLimit,
      actual: exposure,
    },
  ];
};
