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
