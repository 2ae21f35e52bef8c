import { describe, expect, it } from 'vitest';
import { formatMoney, lineAmount, pctToBp, toMajor, toMinor } from './money';

describe('lineAmount', () => {
  it('multiplies quantity by price without a discount', () => {
    expect(lineAmount(100, 1250)).toBe(125_000);
  });

  it('applies a percent discount and rounds half away from zero once', () => {
    // 3 × 333 × 0.875 = 874.125 → 874
    expect(lineAmount(3, 333, 12.5)).toBe(874);
    // 1 × 5 × 0.9 = 4.5 → 5
    expect(lineAmount(1, 5, 10)).toBe(5);
    // 7 × 1999 × 0.9867 = 13807.0929 → 13807
    expect(lineAmount(7, 1999, 1.33)).toBe(13807);
  });

  it('stays exact beyond floating-point precision', () => {
    expect(lineAmount(1_000_000_000, 999_999_999)).toBe(999_999_999_000_000_000);
  });

  it('gives 0 for incomplete input', () => {
    expect(lineAmount(Number.NaN, 100)).toBe(0);
    expect(lineAmount(1.5, 100)).toBe(0);
  });
});

describe('conversions', () => {
  it('converts between major and minor units', () => {
    expect(toMinor(12.5)).toBe(1250);
    expect(toMinor(0.29)).toBe(29);
    expect(toMinor(1.005)).toBe(100);
    expect(toMajor(1250)).toBe(12.5);
    expect(pctToBp(12.34)).toBe(1234);
    expect(pctToBp(undefined)).toBe(0);
  });
});

describe('formatMoney', () => {
  it('shows major units with the currency', () => {
    expect(formatMoney(1250, 'CNY', 'zh-CN')).toBe('¥12.50');
    expect(formatMoney(123456789, 'USD', 'en')).toBe('$1,234,567.89');
    expect(formatMoney(null, 'CNY', 'en')).toBe('—');
  });
});
