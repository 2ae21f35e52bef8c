import { describe, expect, it } from 'vitest';
import { formatMoney, formatPct, moneyInputFormatter, moneyInputParser, toMajor, toMinor } from './money';

describe('money conversions', () => {
  it('turns minor units into major units and back', () => {
    expect(toMajor(1250)).toBe(12.5);
    expect(toMajor(null)).toBeNull();
    expect(toMinor(12.5)).toBe(1250);
    expect(toMinor(undefined)).toBeNull();
  });

  it('rounds on the decimal text, not on binary floats', () => {
    expect(0.29 * 100).not.toBe(29);
    expect(toMinor(0.29)).toBe(29);
    expect(toMinor(1.005)).toBe(101);
    expect(toMinor(19.99)).toBe(1999);
    expect(toMinor(-2.345)).toBe(-235);
    expect(toMinor(0)).toBe(0);
    expect(Object.is(toMinor(-0.001), 0)).toBe(true);
  });

  it('round-trips every cent value', () => {
    for (let minor = 0; minor < 100_000; minor += 7) expect(toMinor(toMajor(minor))).toBe(minor);
  });

  it('formats money with two decimals and the currency', () => {
    expect(formatMoney(1250, 'CNY', 'zh-CN')).toBe('¥12.50');
    expect(formatMoney(123456789, 'USD', 'en')).toBe('$1,234,567.89');
    expect(formatMoney(null, 'CNY', 'en')).toBe('—');
    expect(formatMoney(100, 'XX1', 'en')).toBe('XX1 1.00');
  });

  it('groups thousands in inputs and parses them back', () => {
    expect(moneyInputFormatter(1234567.5)).toBe('1,234,567.50');
    expect(moneyInputFormatter('1234567.5', { userTyping: true })).toBe('1,234,567.5');
    expect(moneyInputFormatter('12.', { userTyping: true })).toBe('12.');
    expect(moneyInputFormatter('')).toBe('');
    expect(moneyInputParser('1,234,567.50')).toBe('1234567.50');
  });

  it('formats percents', () => {
    expect(formatPct(7.5)).toBe('7.5%');
    expect(formatPct(null)).toBe('—');
  });
});
