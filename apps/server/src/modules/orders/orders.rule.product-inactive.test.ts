import { describe, expect, it } from 'vitest';
import { line, P1, product, reviewInput } from './orders.rule-fixture';
import { productInactive } from './orders.rule.product-inactive';

describe('PRODUCT_INACTIVE', () => {
  it('blocks a line whose product is inactive', () => {
    const products = new Map([[P1, product({ active: false })]]);
    const f = productInactive(reviewInput({ products, lines: [line(), line({ lineNo: 2 })] }));
    expect(f.map((x) => [x.code, x.severity, x.lineNo])).toEqual([
      ['PRODUCT_INACTIVE', 'block', 1],
      ['PRODUCT_INACTIVE', 'block', 2],
    ]);
  });

  it('does not fire for active products', () => {
    expect(productInactive(reviewInput())).toEqual([]);
  });
});

describe('PRODUCT_INACTIVE findings', () => {
  it('names the line, the model and the product name', () => {
    const input = reviewInput({ products: new Map([[P1, product({ active: false })]]) });
    expect(productInactive(input)).toEqual([
      {
        code: 'PRODUCT_INACTIVE',
        severity: 'block',
        lineNo: 1,
        params: { lineNo: 1, model: 'BR-100', name: 'Bracket' },
        actual: 'BR-100',
      },
    ]);
  });
});
