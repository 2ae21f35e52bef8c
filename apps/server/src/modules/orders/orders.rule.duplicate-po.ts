import type { ReviewRule } from './orders.review-types';

/**
 * DUPLICATE_PO (warn): the customer PO number is already used by another non-cancelled order of
 * the same customer. The finding names those orders (number, or status while they have none).
 */
export const duplicatePo: ReviewRule = (input) => {
  const others = input.samePoOrders.filter((o) => o.id !== input.order.id && o.status !== 'cancelled');
  if (others.length === 0) return [];
  return [
    {
      code: 'DUPLICATE_PO',
      severity: 'warn',
      params: {
        customerPo: input.order.customerPo,
        others: others.map((o) => ({ number: o.number, status: o.status })),
      },
      actual: input.order.customerPo,
      expected: { otherOrders: others.map((o) => ({ id: o.id, number: o.number })) },
    },
  ];
};
