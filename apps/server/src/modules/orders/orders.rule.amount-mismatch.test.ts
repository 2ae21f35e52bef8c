import { describe, expect, it } from 'vitest';
import { line, reviewInput } from './orders.rule-fixture';
import { amountMismatch } from './orders.rule.amount-mismatch';

describe('AMOUNT_MISMATCH', () => {
  it('fires for a stated line amount that differs from the computed one', () => {
    const f = amountMismatch(reviewInput({ lines: [line({ statedAmount: 124_999 })] }));
    expect(f).toEqual([
      expect.objectContaining({
        code: 'AMOUNT_MISMATCH',
        severity: 'warn',
        lineNo: 1,
        expected: 125_000,
        actual: 124_999,
      }),
    ]);
  });

  it('fires for a stated total that differs from the computed total, without a line number', () => {
    const input = reviewInput({ lines: [line(), line({ lineNo: 2 })] });
    const f = amountMismatch({ ...input, order: { ...input.order, statedTotal: 200_000 } });
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ expected: 250_000, actual: 200_000, params: { scope: 'total' } });
    expect(f[0]!.lineNo).toBeUndefined();
  });

  it('stays quiet when nothing was stated or the stated amounts match', () => {
    expect(amountMismatch(reviewInput())).toEqual([]);
    const input = reviewInput({ lines: [line({ statedAmount: 125_000 })] });
    expect(amountMismatch({ ...input, order: { ...input.order, statedTotal: 125_000 } })).toEqual([]);
  });
});

describe('AMOUNT_MISMATCH findings', () => {
  it('names the line, both amounts and the currency, and suggests the computed amount', () => {
    expect(amountMismatch(reviewInput({ lines: [line({ statedAmount: 120_000 })] }))).toEqual([
      {
        code: 'AMOUNT_MISMATCH',
        severity: 'warn',
        lineNo: 1,
        params: { scope: 'line', lineNo: 1, actual: 120_000, expected: 125_000, currency: 'CNY' },
        expected: 125_000,
        actual: 120_000,
        suggestion: { statedAmount: 125_000 },
      },
    ]);
  });

  it('suggests the computed total for a wrong stated total', () => {
    const base = reviewInput();
    expect(amountMismatch({ ...base, order: { ...base.order, statedTotal: 100 } })).toEqual([
      {
        code: 'AMOUNT_MISMATCH',
        severity: 'warn',
        params: { scope: 'total', actual: 100, expected: 125_000, currency: 'CNY' },
        expected: 125_000,
        actual: 100,
        suggestion: { statedTotal: 125_000 },
      },
    ]);
  });
});
