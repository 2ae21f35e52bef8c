import { describe, expect, it } from 'vitest';
import { agreement, agreementLine, line, P2, product, reviewInput } from './orders.rule-fixture';
import { noPrice } from './orders.rule.no-price';

describe('NO_PRICE', () => {
  it('fires for a product no agreement covers', () => {
    const products = new Map([
      ['prod-1', product()],
      [P2, product({ id: P2, model: 'BR-200' })],
    ]);
    const f = noPrice(reviewInput({ products, lines: [line(), line({ lineNo: 2, productId: P2 })] }));
    expect(f).toEqual([
      expect.objectContaining({
        code: 'NO_PRICE',
        severity: 'block',
        lineNo: 2,
        params: expect.objectContaining({ reason: 'none', model: 'BR-200' }),
      }),
    ]);
  });

  it('fires for every line when the customer has no agreement at all', () => {
    expect(noPrice(reviewInput({ agreements: [], lines: [line(), line({ lineNo: 2 })] }))).toHaveLength(2);
  });

  it('fires below the lowest tier, suggesting the minimum quantity', () => {
    const agreements = [
      agreement({
        lines: [agreementLine({ minQty: 500 }), agreementLine({ minQty: 1000, unitPrice: 1100 })],
      }),
    ];
    const f = noPrice(reviewInput({ agreements, lines: [line({ qty: 499 })] }));
    expect(f[0]).toMatchObject({
      params: { reason: 'below_min_qty', minQty: 500 },
      suggestion: { qty: 500 },
    });
    expect(noPrice(reviewInput({ agreements, lines: [line({ qty: 500 })] }))).toEqual([]);
  });

  it('does not fire when a general price list covers the product', () => {
    const agreements = [agreement({ customerId: null, kind: 'price_list', code: 'PL' })];
    expect(noPrice(reviewInput({ agreements }))).toEqual([]);
  });
});

describe('NO_PRICE findings', () => {
  it('blocks a quantity below the lowest tier, naming and suggesting the minimum', () => {
    const agreements = [agreement({ lines: [agreementLine({ minQty: 500 })] })];
    expect(noPrice(reviewInput({ agreements, lines: [line({ qty: 100 })] }))).toEqual([
      {
        code: 'NO_PRICE',
        severity: 'block',
        lineNo: 1,
        params: {
          lineNo: 1,
          model: 'BR-100',
          reason: 'below_min_qty',
          qty: 100,
          minQty: 500,
          agreementCode: 'HT-2026-01',
        },
        expected: { minQty: 500 },
        actual: { qty: 100 },
        suggestion: { qty: 500 },
      },
    ]);
  });

  it('leaves the model empty for a product it does not know', () => {
    expect(noPrice(reviewInput({ lines: [line({ productId: 'gone' })] }))).toEqual([
      {
        code: 'NO_PRICE',
        severity: 'block',
        lineNo: 1,
        params: { lineNo: 1, model: '', reason: 'none', orderDate: '2026-11-27' },
        actual: 1250,
      },
    ]);
  });
});
