import { pctToBp } from '../../lib/money';
import { pricingSource } from './orders.pricing';
import type { ReviewInput, ReviewRule, RuleFinding } from './orders.review-types';

/**
 * The largest discount (basis points) the order's creator may grant under the policy: the best
 * of their roles; a role the policy does not list grants none, and so does an order without a
 * creator.
 */
export function roleMaxDiscountBp(input: ReviewInput): number {
  let best = 0;
  for (const role of input.creatorRoles) {
    const pct = input.policy.maxDiscountPctByRole[role];
    if (pct !== undefined) best = Math.max(best, pctToBp(pct));
  }
  return best;
}

/**
 * DISCOUNT_OVER_POLICY (block): a line's discount is above the agreement's maximum for that tier,
 * or above what the creator's role may grant (policy). The suggestion is the largest allowed.
 */
export const discountOverPolicy: ReviewRule = (input) => {
  const out: RuleFinding[] = [];
  const roleMax = roleMaxDiscountBp(input);
  for (const line of input.lines) {
    if (line.discountBp <= 0) continue;
    const source = pricingSource(input, line.productId, line.qty);
    const tier = source?.tier;
    const agreedPct = tier?.maxDiscountPct ?? null;
    const agreedMax = agreedPct === null ? Number.POSITIVE_INFINITY : pctToBp(agreedPct);
    const max = Math.min(agreedMax, roleMax);
    if (line.discountBp <= max) continue;
    const limit = agreedMax <= roleMax ? 'agreement' : 'role';
    out.push({
      code: 'DISCOUNT_OVER_POLICY',
      severity: 'block',
      lineNo: line.lineNo,
      params: {
        lineNo: line.lineNo,
        model: input.products.get(line.productId)?.model ?? '',
        actualPct: line.discountBp / 100,
        maxPct: max / 100,
        limit,
        agreementCode: limit === 'agreement' ? source?.agreement.code : undefined,
        roles: input.creatorRoles.join(', '),
      },
      expected: max / 100,
      actual: line.discountBp / 100,
      suggestion: { discountPct: max / 100 },
    });
  }
  return out;
};
