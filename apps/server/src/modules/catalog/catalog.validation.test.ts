import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import {
  addressIssues,
  agreementIssues,
  fieldError,
  isKnownCurrency,
  parseSort,
  referenceError,
} from './catalog.validation';

describe('agreement checks', () => {
  const ok = { validFrom: '2026-01-01', validTo: '2026-12-31', currency: 'CNY', lines: [] };

  it('accepts a valid agreement, including a one-day one', () => {
    expect(agreementIssues(ok)).toEqual([]);
    expect(agreementIssues({ ...ok, validTo: '2026-01-01' })).toEqual([]);
  });
  it('names the field of each problem', () => {
    expect(agreementIssues({ ...ok, validTo: '2025-12-31' }).map((i) => i.path)).toEqual(['body.validTo']);
    expect(agreementIssues({ ...ok, validFrom: '2026-02-30' }).map((i) => i.path)).toEqual([
      'body.validFrom',
    ]);
    expect(agreementIssues({ ...ok, currency: 'ABC' }).map((i) => i.path)).toEqual(['body.currency']);
  });
  it('refuses a second price for the same product and minimum quantity', () => {
    const lines = [
      { productId: 'p', minQty: 1 },
      { productId: 'p', minQty: 100 },
      { productId: 'q', minQty: 1 },
      { productId: 'p', minQty: 100 },
    ];
    const issues = agreementIssues({ ...ok, lines });
    expect(issues.map((i) => i.path)).toEqual(['body.lines[3].minQty']);
    expect(issues[0]!.reasonEn).toContain('line 2');
  });
});

describe('other checks', () => {
  it('knows ISO currencies', () => {
    expect(isKnownCurrency('CNY')).toBe(true);
    expect(isKnownCurrency('USD')).toBe(true);
    expect(isKnownCurrency('XYZ')).toBe(false);
  });
  it('allows one default address per kind', () => {
    const a = (kind: string, isDefault: boolean) => ({ kind, isDefault });
    expect(addressIssues([a('ship_to', true), a('bill_to', true), a('ship_to', false)])).toEqual([]);
    expect(addressIssues([a('ship_to', true), a('ship_to', true)]).map((i) => i.path)).toEqual([
      'body.addresses[1].isDefault',
    ]);
  });
  it('parses sort against an allow-list', () => {
    const allowed = { code: 'code', name: 'name' };
    expect(parseSort(undefined, allowed, 'code', 'en')).toEqual({ sort: 'code', dir: 'asc' });
    expect(parseSort('-name', allowed, 'code', 'en')).toEqual({ sort: 'name', dir: 'desc' });
    expect(() => parseSort('password', allowed, 'code', 'en')).toThrow(AppError);
    expect(() => parseSort('toString', allowed, 'code', 'en')).toThrow(AppError);
  });
  it('builds errors whose details speak the caller language', () => {
    const f = fieldError([{ path: 'body.x', reasonZh: '不对', reasonEn: 'wrong' }], 'en');
    expect(f).toMatchObject({
      code: 'INVALID_FIELD',
      status: 400,
      details: [{ path: 'body.x', message: 'body.x: wrong' }],
    });
    const r = referenceError([{ path: 'body.lines[2].productId', entity: 'product', value: 'p9' }], 'zh-CN');
    expect(r.details).toEqual([
      { path: 'body.lines[2].productId', message: 'body.lines[2].productId：产品 p9 不存在或不可用' },
    ]);
  });
});
