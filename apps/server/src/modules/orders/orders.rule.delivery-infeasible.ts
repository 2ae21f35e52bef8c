import type { ReviewRule, RuleFinding } from './orders.review-types';

/**
 * DELIVERY_INFEASIBLE (block): a line's requested date is before the earliest feasible date from
 * planning (for now: today + standard lead time + shipping lead days). The suggestion is the
 * earliest feasible date; the explanation says how it was reached.
 */
export const deliveryInfeasible: ReviewRule = (input) => {
  const out: RuleFinding[] = [];
  for (const line of input.lines) {
    const feasible = input.feasibleDates.get(line.lineNo);
    if (!feasible || line.requestedDate >= feasible.date) continue;
    out.push({
      code: 'DELIVERY_INFEASIBLE',
      severity: 'block',
      lineNo: line.lineNo,
      params: {
        lineNo: line.lineNo,
        model: input.products.get(line.productId)?.model ?? '',
        requestedDate: line.requestedDate,
        earliestDate: feasible.date,
        explanation: feasible.explanation,
      },
      expected: feasible.date,
      actual: line.requestedDate,
      suggestion: { requestedDate: feasible.date },
    });
  }
  return out;
};
