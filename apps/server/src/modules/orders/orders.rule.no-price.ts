import { pricingSource } from './orders.pricing';
import type { ReviewRule, RuleFinding } from './orders.review-types';

/**
 * NO_PRICE (block): no active contract, quotation or price list valid on the order date covers
 * the product for this customer, or the quantity is below the lowest agreed tier (a minimum order
 * quantity), so there is no agreed price to hold the line to.
 */
export const noPrice: ReviewRule = (input) => {
  const out: RuleFinding[] = [];
  for (const line of input.lines) {
    const model = input.products.get(line.productId)?.model ?? '';
    const source = pricingSource(input, line.productId, line.qty);
    if (!source) {
      out.push({
        code: 'NO_PRICE',
        severity: 'block',
        lineNo: line.lineNo,
        params: { lineNo: line.lineNo, model, reason: 'none', orderDate: input.order.orderDate },
        actual: line.unitPrice,
      });
      continue;
    }
    if (source.tier) continue;
    const minQty = source.tiers[0]?.minQty ?? 1;
    out.push({
      code: 'NO_PRICE',
      severity: 'block',
      lineNo: line.lineNo,
      params: {
        lineNo: line.lineNo,
        model,
        reason: 'below_min_qty',
        qty: line.qty,
        minQty,
        agreementCode: source.agreement.code,
      },
      expected: { minQty },
      actual: { qty: line.qty },
      suggestion: { qty: minQty },
    });
  }
  return out;
};
