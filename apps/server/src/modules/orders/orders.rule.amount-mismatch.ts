import type { ReviewRule, RuleFinding } from './orders.review-types';

/**
 * AMOUNT_MISMATCH (warn): an amount the customer stated (a line amount or the order total)
 * differs from the computed one. Expected is the computed amount, in minor units.
 */
export const amountMismatch: ReviewRule = (input) => {
  const out: RuleFinding[] = [];
  const currency = input.order.currency;
  for (const line of input.lines) {
    if (line.statedAmount === null || line.statedAmount === line.amount) continue;
    out.push({
      code: 'AMOUNT_MISMATCH',
      severity: 'warn',
      lineNo: line.lineNo,
      params: {
        scope: 'line',
        lineNo: line.lineNo,
        actual: line.statedAmount,
        expected: line.amount,
        currency,
      },
      expected: line.amount,
      actual: line.statedAmount,
      suggestion: { statedAmount: line.amount },
    });
  }
  const { statedTotal, total } = input.order;
  if (statedTotal !== null && statedTotal !== total) {
    out.push({
      code: 'AMOUNT_MISMATCH',
      severity: 'warn',
      params: { scope: 'total', actual: statedTotal, expected: total, currency },
      expected: total,
      actual: statedTotal,
      suggestion: { statedTotal: total },
    });
  }
  return out;
};
