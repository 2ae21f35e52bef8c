import { describe, expect, it } from 'vitest';
import { numberingExample, numberingToRows, rowsToNumbering } from './numbering';

describe('numbering helpers', () => {
  it('shows the first number a pattern gives on a date', () => {
    expect(numberingExample('SO{yyyy}{MM}-{seq:5}', new Date(2026, 10, 27))).toBe('SO202611-00001');
    expect(numberingExample('D{yy}{MM}{dd}{seq}', new Date(2026, 0, 5))).toBe('D2601051');
  });
  it('round-trips rows and trims', () => {
    const rows = numberingToRows({ sales_order: 'SO{seq}', purchase_order: 'PO{seq}' });
    expect(rows.map((r) => r.docType)).toEqual(['purchase_order', 'sales_order']);
    expect(rowsToNumbering([{ docType: ' x ', pattern: ' X{seq} ' }])).toEqual({ x: 'X{seq}' });
  });
});
