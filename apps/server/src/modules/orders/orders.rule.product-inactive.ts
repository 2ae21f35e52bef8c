import type { ReviewRule, RuleFinding } from './orders.review-types';

/** PRODUCT_INACTIVE (block): a line orders a product that is no longer active. */
export const productInactive: ReviewRule = (input) => {
  const out: RuleFinding[] = [];
  for (const line of input.lines) {
    const product = input.products.get(line.productId);
    if (!product || product.active) continue;
    out.push({
      code: 'PRODUCT_INACTIVE',
      severity: 'block',
      lineNo: line.lineNo,
      params: { lineNo: line.lineNo, model: product.model, name: product.name },
      actual: product.model,
    });
  }
  return out;
};
