import { pricingSource } from './orders.pricing';
import type { ReviewRule, RuleFinding } from './orders.review-types';

/**
 * PRICE_MISMATCH (block): the unit price is not the agreement's price for the quantity tier that
 * applies on the order date. Lines without an agreement, below the lowest tier (both NO_PRICE) or
 * priced in another currency (CURRENCY_MISMATCH) are left to those rules. The suggestion is the
 * agreed price.
 */
export const priceMismatch: ReviewRule = (input) => {
  const out: RuleFinding[] = [];
  for (const line of input.lines) {
    const source = pricingSource(input, line.productId, line.qty);
    if (!source || source.agreement.currency !== input.order.currency) continue;
    const tier = source.tier;
    if (!tier || tier.unitPrice === line.unitPrice) continue;
    out.push({
      code: 'PRICE_MISMATCH',
      severity: 'block',
      lineNo: line.lineNo,
      params: {
        lineNo: line.lineNo,
        model: input.products.get(line.productId)?.model ?? '',
        qty: line.qty,
        minQty: tier.minQty,
        actual: line.unitPrice,
        expected: tier.unitPrice,
        currency: input.order.currency,
        agreementCode: source.agreement.code,
        agreementKind: source.agreement.kind,
      },
      expected: tier.unitPrice,
      actual: line.unitPrice,
      suggestion: { unitPrice: tier.unitPrice, agreementCode: source.agreement.code },
    });
  }
  return out;
};
