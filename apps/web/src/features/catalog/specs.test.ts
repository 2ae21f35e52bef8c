import { describe, expect, it } from 'vitest';
import { rowsToSpecs, specsProblem, specsSummary, specsToRows } from './specs';

describe('specs rows', () => {
  it('round-trips specs through rows', () => {
    const specs = { 材质: '304 不锈钢', 尺寸: '40×40 mm' };
    expect(rowsToSpecs(specsToRows(specs))).toEqual(specs);
    expect(specsToRows(null)).toEqual([]);
  });

  it('trims and drops rows without a key', () => {
    expect(
      rowsToSpecs([
        { key: ' 颜色 ', value: ' 黑 ' },
        { key: '  ', value: '' },
      ]),
    ).toEqual({ 颜色: '黑' });
  });

  it('finds duplicates, values without keys and over-long text', () => {
    expect(specsProblem([{ key: 'a', value: '1' }])).toBeNull();
    expect(specsProblem([{ key: '', value: '' }])).toBeNull();
    expect(
      specsProblem([
        { key: 'a', value: '1' },
        { key: ' a', value: '2' },
      ]),
    ).toBe('duplicate');
    expect(specsProblem([{ key: '', value: 'x' }])).toBe('keyMissing');
    expect(specsProblem([{ key: 'k'.repeat(65), value: 'x' }])).toBe('keyTooLong');
    expect(specsProblem([{ key: 'k', value: 'v'.repeat(501) }])).toBe('valueTooLong');
  });

  it('summarises specs', () => {
    expect(specsSummary({ a: '1', b: '2' })).toBe('a: 1; b: 2');
    expect(specsSummary(null)).toBe('');
  });
});
