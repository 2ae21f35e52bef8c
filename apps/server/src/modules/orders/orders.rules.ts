import type { ReviewInput, ReviewRule, RuleFinding } from './orders.review-types';
import { amountMismatch } from './orders.rule.amount-mismatch';
import { belowMinOrder } from './orders.rule.below-min-order';
import { creditLimit } from './orders.rule.credit-limit';
import { currencyMismatch } from './orders.rule.currency-mismatch';
import { deliveryInfeasible } from './orders.rule.delivery-infeasible';
import { discountOverPolicy } from './orders.rule.discount-over-policy';
import { duplicatePo } from './orders.rule.duplicate-po';
import { noPrice } from './orders.rule.no-price';
import { priceMismatch } from './orders.rule.price-mismatch';
import { productInactive } from './orders.rule.product-inactive';
import { specMismatch } from './orders.rule.spec-mismatch';
import { termsNoncompliant } from './orders.rule.terms-noncompliant';

/**
 * The review rules. Adding a rule = one file `orders.rule.<code>.ts` (+ its test), its message in
 * orders.findings.ts, and one line here.
 */
export const REVIEW_RULES: readonly ReviewRule[] = [
  productInactive,
  specMismatch,
  noPrice,
  priceMismatch,
  currencyMismatch,
  amountMismatch,
  discountOverPolicy,
  termsNoncompliant,
  creditLimit,
  duplicatePo,
  belowMinOrder,
  deliveryInfeasible,
];

/**
 * Runs every rule. Findings come back order-level first, then by line; within a line blocks
 * before warnings; otherwise in rule order.
 */
export function runRules(input: ReviewInput, rules: readonly ReviewRule[] = REVIEW_RULES): RuleFinding[] {
  // Array.prototype.sort is stable: findings that compare equal stay in rule order.
  return rules
    .flatMap((rule) => rule(input))
    .sort(
      (a, b) =>
        (a.lineNo ?? 0) - (b.lineNo ?? 0) ||
        (a.severity === b.severity ? 0 : a.severity === 'block' ? -1 : 1),
    );
}
