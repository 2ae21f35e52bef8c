import { pricingSource, sameText } from './orders.pricing';
import type { ReviewRule, RuleFinding } from './orders.review-types';

/**
 * SPEC_MISMATCH (block): a spec value on a line differs from what was agreed. The agreement's
 * agreed spec (on the tier that applies, else on any of the product's tiers) wins over the
 * product's standard spec. Keys neither defines are free notes and never fire; comparison ignores
 * case, width and extra spaces.
 */
export const specMismatch: ReviewRule = (input) => {
  const out: RuleFinding[] = [];
  for (const line of input.lines) {
    const product = input.products.get(line.productId);
    const source = pricingSource(input, line.productId, line.qty);
    const tier = source ? (source.tier ?? source.tiers[0]) : undefined;
    const agreed = tier?.specs ?? {};
    for (const [key, actual] of Object.entries(line.specs)) {
      const fromAgreement = Object.hasOwn(agreed, key);
      const expected = fromAgreement ? agreed[key] : product?.specs[key];
      if (expected === undefined || sameText(actual, expected)) continue;
      out.push({
        code: 'SPEC_MISMATCH',
        severity: 'block',
        lineNo: line.lineNo,
        params: {
          lineNo: line.lineNo,
          model: product?.model ?? '',
          key,
          expected,
          actual,
          source: fromAgreement ? 'agreement' : 'product',
          agreementCode: fromAgreement ? source?.agreement.code : undefined,
          agreementKind: fromAgreement ? source?.agreement.kind : undefined,
        },
        expected: { [key]: expected },
        actual: { [key]: actual },
        suggestion: { specs: { [key]: expected } },
      });
    }
  }
  return out;
};
