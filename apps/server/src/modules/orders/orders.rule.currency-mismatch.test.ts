import { describe, expect, it } from 'vitest';
import { agreement, line, reviewInput } from './orders.rule-fixture';
import { currencyMismatch } from './orders.rule.currency-mismatch';

describe('CURRENCY_MISMATCH', () => {
  it('blocks once per agreement in another currency, listing its lines', () => {
    const f = currencyMismatch(
      reviewInput({ agreements: [agreement({ currency: 'USD' })], lines: [line(), line({ lineNo: 2 })] }),
    );
    expect(f).toEqual([
      expect.objectContaining({
        code: 'CURRENCY_MISMATCH',
        severity: 'block',
        expected: 'USD',
        actual: 'CNY',
        params: expect.objectContaining({ lines: '1, 2', agreementCode: 'HT-2026-01' }),
      }),
    ]);
  });

  it('stays quiet when an agreement in the order currency prices the product, or none does', () => {
    const agreements = [
      agreement({ id: 'usd', currency: 'USD' }),
      agreement({ id: 'cny', code: 'PL', customerId: null }),
    ];
    expect(currencyMismatch(reviewInput({ agreements }))).toEqual([]);
    expect(currencyMismatch(reviewInput({ agreements: [] }))).toEqual([]);
  });
});

describe('CURRENCY_MISMATCH findings', () => {
  it('names the agreement and its lines and suggests its currency', () => {
    const agreements = [agreement({ currency: 'USD' })];
    expect(currencyMismatch(reviewInput({ agreements, lines: [line(), line({ lineNo: 2 })] }))).toEqual([
      {
        code: 'CURRENCY_MISMATCH',
        severity: 'block',
        params: {
          orderCurrency: 'CNY',
          agreementCurrency: 'USD',
          agreementCode: 'HT-2026-01',
          agreementKind: 'contract',
          lines: '1, 2',
        },
        expected: 'USD',
        actual: 'CNY',
        suggestion: { currency: 'USD' },
      },
    ]);
  });
});
