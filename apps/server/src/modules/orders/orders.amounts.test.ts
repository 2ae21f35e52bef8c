import { describe, expect, it } from 'vitest';
import { priceLines } from './orders.amounts';

describe('priceLines', () => {
  it('numbers the lines, converts discounts to basis points and sums the total', () => {
    const r = priceLines([
      { productId: 'a', qty: 3, unitPrice: 1999, requestedDate: '2026-12-20' },
      { productId: 'b', qty: 7, unitPrice: 333, discountPct: 2.5, requestedDate: '2026-12-10' },
    ]);
    expect(r.lines.map((l) => [l.lineNo, l.discountBp, l.amount])).toEqual([
      [1, 0, 5997],
      // 7 × 333 × 0.975 = 2272.725 → 2273
      [2, 250, 2273],
    ]);
    expect(r.total).toBe(5997 + 2273);
    expect(r.requestedDate).toBe('2026-12-10');
  });

  it('keeps the stated amounts as given', () => {
    const r = priceLines([
      { productId: 'a', qty: 1, unitPrice: 100, statedAmount: 99, requestedDate: '2026-12-20' },
    ]);
    expect(r.lines[0]).toMatchObject({ amount: 100, statedAmount: 99 });
  });

  it('refuses a line amount or total above the money cap', () => {
    const big = { productId: 'a', qty: 1_000_000_000, unitPrice: 2_000_000, requestedDate: '2026-12-20' };
    expect(() => priceLines([big])).toThrow(expect.objectContaining({ code: 'AMOUNT_TOO_LARGE' }));
    const half = { ...big, qty: 500_000_000 };
    // each line is exactly the cap; together they exceed it
    expect(() => priceLines([half])).not.toThrow();
    expect(() => priceLines([half, half])).toThrow(
      expect.objectContaining({
        code: 'AMOUNT_TOO_LARGE',
        params: expect.objectContaining({ where: 'total' }),
      }),
    );
  });
});
