import { describe, expect, it } from 'vitest';
import { defaultPromisedDate, initialSpecs, maxDiscountFor, tierFor, type TermsPrice } from './pricing';

const price = (
  productId: string,
  minQty: number,
  unitPrice: number,
  extra: Partial<TermsPrice> = {},
): TermsPrice => ({
  productId,
  productModel: `M-${productId}`,
  productName: productId,
  unit: 'pcs',
  minQty,
  unitPrice,
  specs: null,
  maxDiscountPct: null,
  ...extra,
});

const prices = [price('a', 100, 900), price('a', 1, 1000), price('a', 500, 800), price('b', 10, 50)];

describe('tierFor', () => {
  it('picks the highest tier the quantity reaches', () => {
    expect(tierFor(prices, 'a', 1)?.unitPrice).toBe(1000);
    expect(tierFor(prices, 'a', 99)?.unitPrice).toBe(1000);
    expect(tierFor(prices, 'a', 100)?.unitPrice).toBe(900);
    expect(tierFor(prices, 'a', 499)?.unitPrice).toBe(900);
    expect(tierFor(prices, 'a', 500)?.unitPrice).toBe(800);
    expect(tierFor(prices, 'a', 10_000)?.unitPrice).toBe(800);
  });

  it('uses the lowest tier until a quantity is entered', () => {
    expect(tierFor(prices, 'a', undefined)?.unitPrice).toBe(1000);
    expect(tierFor(prices, 'b', null)?.unitPrice).toBe(50);
  });

  it('has no price below every tier or for an unknown product', () => {
    expect(tierFor(prices, 'b', 9)).toBeUndefined();
    expect(tierFor(prices, 'c', 5)).toBeUndefined();
  });
});

describe('initialSpecs', () => {
  it('overrides product specs with the agreed ones', () => {
    const withSpecs = [price('a', 1, 1000, { specs: { 颜色: '黑' } })];
    expect(initialSpecs({ 材质: '304', 颜色: '白' }, withSpecs, 'a')).toEqual({ 材质: '304', 颜色: '黑' });
    expect(initialSpecs({ 材质: '304' }, withSpecs, 'b')).toEqual({ 材质: '304' });
    expect(initialSpecs(null, [], 'a')).toEqual({});
  });
});

describe('maxDiscountFor', () => {
  it('returns the maximum of the tier the quantity reaches, when set', () => {
    const tiers = [price('a', 1, 1000, { maxDiscountPct: 3 }), price('a', 100, 900, { maxDiscountPct: 5 })];
    expect(maxDiscountFor(tiers, 'a', 10)).toBe(3);
    expect(maxDiscountFor(tiers, 'a', 100)).toBe(5);
    expect(maxDiscountFor(prices, 'a', 10)).toBeUndefined();
    expect(maxDiscountFor(tiers, 'b', 10)).toBeUndefined();
  });
});

describe('defaultPromisedDate', () => {
  it('is the later of requested and feasible', () => {
    expect(defaultPromisedDate('2026-03-01', '2026-03-10')).toBe('2026-03-10');
    expect(defaultPromisedDate('2026-03-20', '2026-03-10')).toBe('2026-03-20');
    expect(defaultPromisedDate('2026-03-20', null)).toBe('2026-03-20');
  });
});
