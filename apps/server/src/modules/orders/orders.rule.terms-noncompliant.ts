import { sameText, termsAgreement } from './orders.pricing';
import type { ReviewRule, RuleFinding } from './orders.review-types';

/**
 * TERMS_NONCOMPLIANT: the order's terms against the agreement and the company policy.
 * - payment terms differ from the agreement's → block (money at risk);
 * - payment terms not in `policy.allowedPaymentTerms` → block, unless they are exactly the
 *   agreement's (a signed agreement is the approved exception); an empty list allows all;
 * - packaging or acceptance standard differ from the agreement's → warn (the customer may ask
 *   for something else on one order; the clerk confirms it).
 * A term the order leaves empty follows the agreement, and one the agreement leaves empty is free.
 */
export const termsNoncompliant: ReviewRule = (input) => {
  const out: RuleFinding[] = [];
  const { order, policy } = input;
  const agreement = termsAgreement(input);
  const ref = agreement ? { agreementCode: agreement.code, agreementKind: agreement.kind } : {};

  const agreedTerms = agreement?.paymentTerms ?? null;
  const matchesAgreement = agreedTerms !== null && sameText(order.paymentTerms, agreedTerms);
  if (agreedTerms !== null && !matchesAgreement) {
    out.push({
      code: 'TERMS_NONCOMPLIANT',
      severity: 'block',
      params: {
        field: 'paymentTerms',
        source: 'agreement',
        actual: order.paymentTerms,
        expected: agreedTerms,
        ...ref,
      },
      expected: agreedTerms,
      actual: order.paymentTerms,
      suggestion: { paymentTerms: agreedTerms },
    });
  }
  const allowed = policy.allowedPaymentTerms;
  if (allowed.length > 0 && !matchesAgreement && !allowed.some((t) => sameText(t, order.paymentTerms))) {
    out.push({
      code: 'TERMS_NONCOMPLIANT',
      severity: 'block',
      params: {
        field: 'paymentTerms',
        source: 'policy',
        actual: order.paymentTerms,
        allowed: allowed.join(' / '),
      },
      expected: allowed,
      actual: order.paymentTerms,
      ...(agreedTerms === null && allowed[0] ? { suggestion: { paymentTerms: allowed[0] } } : {}),
    });
  }
  for (const field of ['packaging', 'acceptanceStandard'] as const) {
    const agreed = agreement?.[field] ?? null;
    const actual = order[field];
    if (agreed === null || actual === null || actual.trim() === '' || sameText(actual, agreed)) continue;
    out.push({
      code: 'TERMS_NONCOMPLIANT',
      severity: 'warn',
      params: { field, source: 'agreement', actual, expected: agreed, ...ref },
      expected: agreed,
      actual,
      suggestion: { [field]: agreed },
    });
  }
  return out;
};
