import { describe, expect, it } from 'vitest';
import {
  filenameFromDisposition,
  formatBytes,
  hasAcceptedExtension,
  rowErrorsFromDetails,
  withQuery,
} from './transferUtils';

describe('withQuery', () => {
  it('drops empty values and keeps the rest', () => {
    expect(withQuery('/api/x', { q: 'a b', page: 2, active: undefined, c: '', d: null, on: false })).toBe(
      '/api/x?q=a+b&page=2&on=false',
    );
  });
  it('appends to an existing query string and leaves a bare path alone', () => {
    expect(withQuery('/api/x?dryRun=1', { kind: 'contract' })).toBe('/api/x?dryRun=1&kind=contract');
    expect(withQuery('/api/x', {})).toBe('/api/x');
    expect(withQuery('/api/x')).toBe('/api/x');
  });
});

describe('filenameFromDisposition', () => {
  it('prefers the UTF-8 name', () => {
    expect(
      filenameFromDisposition(
        `attachment; filename="____.xlsx"; filename*=UTF-8''${encodeURIComponent('客户.xlsx')}`,
      ),
    ).toBe('客户.xlsx');
  });
  it('falls back to the plain name, and to undefined', () => {
    expect(filenameFromDisposition('attachment; filename="customers.xlsx"')).toBe('customers.xlsx');
    expect(filenameFromDisposition('attachment; filename=plain.csv')).toBe('plain.csv');
    expect(filenameFromDisposition('attachment')).toBeUndefined();
    expect(filenameFromDisposition(null)).toBeUndefined();
  });
  it('survives a malformed escape', () => {
    expect(filenameFromDisposition(`attachment; filename="a.xlsx"; filename*=UTF-8''%E4%zz`)).toBe('a.xlsx');
  });
});

describe('rowErrorsFromDetails', () => {
  const e = { row: 3, column: 'code', code: 'REQUIRED', message: 'missing' };
  it('reads {errors:[…]} and a bare array', () => {
    expect(rowErrorsFromDetails({ errors: [e] })).toEqual([e]);
    expect(rowErrorsFromDetails([e])).toEqual([e]);
  });
  it('normalises a missing column to null and drops malformed entries', () => {
    expect(rowErrorsFromDetails({ errors: [{ row: 2, code: 'X', message: 'm' }, { row: 'x' }] })).toEqual([
      { row: 2, column: null, code: 'X', message: 'm' },
    ]);
  });
  it('is null when there is no list', () => {
    expect(rowErrorsFromDetails(undefined)).toBeNull();
    expect(rowErrorsFromDetails({ errors: [] })).toBeNull();
    expect(rowErrorsFromDetails([{ path: 'a', message: 'b' }])).toBeNull();
  });
});

describe('formatBytes and hasAcceptedExtension', () => {
  it('formats sizes', () => {
    expect(formatBytes(532)).toBe('532 B');
    expect(formatBytes(12_700)).toBe('12.4 KB');
    expect(formatBytes(3_250_000)).toBe('3.1 MB');
  });
  it('checks extensions case-insensitively', () => {
    expect(hasAcceptedExtension('Orders.XLSX', '.xlsx,.csv')).toBe(true);
    expect(hasAcceptedExtension('a.csv', '.xlsx, .csv')).toBe(true);
    expect(hasAcceptedExtension('a.xls', '.xlsx,.csv')).toBe(false);
    expect(hasAcceptedExtension('xlsx', '.xlsx')).toBe(false);
  });
});
