import { describe, expect, it } from 'vitest';
import { formatNumber, periodKey } from './numbering';

const parts = { yyyy: '2026', MM: '03', dd: '07' };

describe('numbering patterns', () => {
  it('formats date tokens and a padded sequence', () => {
    expect(formatNumber('SO{yyyy}{MM}-{seq:5}', parts, 42)).toBe('SO202603-00042');
    expect(formatNumber('PO{yy}{MM}{dd}{seq:3}', parts, 7)).toBe('PO260307007');
    expect(formatNumber('X-{seq}', parts, 12345)).toBe('X-12345');
  });
  it('does not truncate a sequence wider than its padding', () => {
    expect(formatNumber('A{seq:2}', parts, 1234)).toBe('A1234');
  });
  it('restarts counters per period the pattern names', () => {
    expect(periodKey('SO{yyyy}{MM}-{seq:5}', parts)).toBe('2026-03');
    expect(periodKey('D{yyyy}{MM}{dd}{seq}', parts)).toBe('2026-03-07');
    expect(periodKey('Y{yy}{seq}', parts)).toBe('2026');
    expect(periodKey('INV{seq:6}', parts)).toBe('all');
  });
});
