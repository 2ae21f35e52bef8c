import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bpToPct, formatMoney, lineAmount, pctToBp, sumAmounts } from './money';

describe('money', () => {
  it('computes qty × price × (1 − discount) with one rounding', () => {
    expect(lineAmount(10, 1250)).toBe(12500);
    expect(lineAmount(3, 333, 1000)).toBe(899); // 899.1 → 899
    expect(lineAmount(1, 5, 5000)).toBe(3); // 2.5 → 3, half away from zero
    expect(lineAmount(7, 1999, 250)).toBe(13643); // 13643.175 → 13643
  });
  it('stays exact beyond 2^53 intermediates', () => {
    // 1e6 × 1e8 × 9999 = 9.999e17: past 2^53 in the middle, exact at the end.
    expect(lineAmount(1_000_000, 100_000_000, 1)).toBe(99_990_000_000_000);
    expect(lineAmount(999_999, 99_999_999, 3)).toBe(99_969_899_030_301);
  });
  it('rounds an exact half away from zero beyond 2^53, and other remainders to the nearest', () => {
    // qty × price is odd, so × 5,000 bp leaves exactly half a minor unit: about 5e16 > 2^53.
    expect(lineAmount(1_000_001, 10_000_001, 5000)).toBe(5_000_005_500_001);
    expect(lineAmount(-1_000_001, 10_000_001, 5000)).toBe(-5_000_005_500_001);
    // × 2,500 bp: qty × price ≡ 1 (mod 4) leaves a quarter (down), ≡ 3 a three-quarter (up).
    expect(lineAmount(1_000_001, 40_000_001, 7500)).toBe(10_000_010_250_000);
    expect(lineAmount(1_000_001, 40_000_003, 7500)).toBe(10_000_010_750_001);
    expect(lineAmount(-1_000_001, 40_000_001, 7500)).toBe(-10_000_010_250_000);
    expect(lineAmount(-1_000_001, 40_000_003, 7500)).toBe(-10_000_010_750_001);
    // No remainder at all.
    expect(lineAmount(1_000_000, 100_000_000, 0)).toBe(100_000_000_000_000);
  });
  it('rounds on numbers exactly as on bigints, up to the largest safe products', () => {
    const onBigints = (qty: number, price: number, bp: number) => {
      const raw = BigInt(qty) * BigInt(price) * BigInt(10_000 - bp);
      const q = raw / 10_000n;
      const r = raw % 10_000n;
      const twice = (r < 0n ? -r : r) * 2n;
      return Number(twice >= 10_000n ? (raw < 0n ? q - 1n : q + 1n) : q);
    };
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (qty, price, bp) => {
          expect(lineAmount(qty, price, bp)).toBe(onBigints(qty, price, bp));
        },
      ),
      { numRuns: 2000 },
    );
    // Products just below and above 2^53, where the number path hands over to bigints.
    expect(lineAmount(900_719_925, 1, 0)).toBe(onBigints(900_719_925, 1, 0));
    expect(lineAmount(900_719_925_474, 1, 9_999)).toBe(onBigints(900_719_925_474, 1, 9_999));
    expect(lineAmount(900_719_925_475, 1, 0)).toBe(onBigints(900_719_925_475, 1, 0));
    expect(lineAmount(3, 5, 5000)).toBe(8); // 7.5 → 8
    expect(lineAmount(-3, 5, 5000)).toBe(-8); // −7.5 → −8
  });
  it('converts percentages to basis points', () => {
    expect(pctToBp(12.5)).toBe(1250);
    expect(pctToBp(0.07)).toBe(7);
    expect(pctToBp(undefined)).toBe(0);
    expect(pctToBp(null)).toBe(0);
    expect(pctToBp(0)).toBe(0);
    expect(bpToPct(1250)).toBe(12.5);
  });
  it('sums and formats', () => {
    expect(sumAmounts([1, 2, 3])).toBe(6);
    expect(formatMoney(123456, 'CNY')).toBe('CNY 1,234.56');
    expect(formatMoney(5, 'USD')).toBe('USD 0.05');
    expect(formatMoney(0, 'CNY')).toBe('CNY 0.00');
    expect(formatMoney(-123456, 'CNY')).toBe('CNY -1,234.56');
    expect(formatMoney(-7, 'CNY')).toBe('CNY -0.07');
  });
});
