import { describe, expect, it } from 'vitest';
import { agreement, agreementLine, line, reviewInput } from './orders.rule-fixture';
import { priceMismatch } from './orders.rule.price-mismatch';

const tiered = [
  agreement({
    lines: [
      agreementLine({ minQty: 1, unitPrice: 1250 }),
      agreementLine({ minQty: 100, unitPrice: 1200 }),
      agreementLine({ minQty: 1000, unitPrice: 1100 }),
    ],
  }),
];

describe('PRICE_MISMATCH', () => {
  it('fires when the unit price differs from the agreed price, suggesting the agreed one', () => {
    const f = priceMismatch(reviewInput({ lines: [line({ unitPrice: 1300 })] }));
    expect(f).toEqual([
      expect.objectContaining({
        code: 'PRICE_MISMATCH',
        severity: 'block',
        lineNo: 1,
        expected: 1250,
        actual: 1300,
        suggestion: { unitPrice: 1250, agreementCode: 'HT-2026-01' },
      }),
    ]);
  });

  it('uses the quantity tier: the highest minimum quantity not above the line quantity', () => {
    const at = (qty: number, unitPrice: number) =>
      priceMismatch(reviewInput({ agreements: tiered, lines: [line({ qty, unitPrice })] }));
    expect(at(99, 1250)).toEqual([]);
    expect(at(100, 1200)).toEqual([]);
    expect(at(999, 1200)).toEqual([]);
    expect(at(1000, 1100)).toEqual([]);
    expect(at(5000, 1200)[0]).toMatchObject({ expected: 1100, params: { minQty: 1000 } });
    expect(at(100, 1250)[0]).toMatchObject({ expected: 1200 });
  });

  it('prefers the customer contract listed first over a general price list', () => {
    const agreements = [
      agreement(),
      agreement({
        id: 'pl',
        code: 'PL-STD',
        kind: 'price_list',
        customerId: null,
        lines: [agreementLine({ unitPrice: 1500 })],
      }),
    ];
    expect(priceMismatch(reviewInput({ agreements, lines: [line({ unitPrice: 1250 })] }))).toEqual([]);
    // Without a contract line for the product, the price list prices it.
    const f = priceMismatch(
      reviewInput({ agreements: [agreements[1]!], lines: [line({ unitPrice: 1250 })] }),
    );
    expect(f[0]).toMatchObject({ expected: 1500, params: { agreementCode: 'PL-STD' } });
  });

  it('stays quiet without an agreement, below the lowest tier or in another currency', () => {
    expect(priceMismatch(reviewInput({ agreements: [], lines: [line({ unitPrice: 1 })] }))).toEqual([]);
    const moq = [agreement({ lines: [agreementLine({ minQty: 500 })] })];
    expect(priceMismatch(reviewInput({ agreements: moq, lines: [line({ qty: 10, unitPrice: 1 })] }))).toEqual(
      [],
    );
    const usd = [agreement({ currency: 'USD' })];
    expect(priceMismatch(reviewInput({ agreements: usd, lines: [line({ unitPrice: 1 })] }))).toEqual([]);
  });
});

describe('PRICE_MISMATCH findings', () => {
  it('leaves the model empty for a product it does not know', () => {
    const agreements = [agreement({ lines: [agreementLine({ productId: 'gone' })] })];
    const f = priceMismatch(
      reviewInput({ agreements, lines: [line({ productId: 'gone', unitPrice: 1300 })] }),
    );
    expect(f).toHaveLength(1);
    expect(f[0]!.params).toMatchObject({ model: '', actual: 1300, expected: 1250 });
  });
});
