import { describe, expect, it } from 'vitest';
import type { Product } from '@gendan/contracts';
import { newProductValues, productToValues, valuesToProductBody, valuesToProductUpdate } from './productForm';

const product: Product = {
  id: 'p1',
  model: 'GD-100',
  name: '不锈钢支架',
  category: 'finished',
  unit: 'pcs',
  specs: { 材质: '304', 尺寸: '40×40' },
  packagingSpec: '50/箱',
  standardLeadTimeDays: 12,
  standardCost: 1999,
  costCurrency: 'CNY',
  active: true,
  version: 2,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

describe('product form', () => {
  it('round-trips a stored product', () => {
    const v = productToValues(product);
    expect(v.standardCost).toBe(19.99);
    expect(v.specs).toEqual([
      { key: '材质', value: '304' },
      { key: '尺寸', value: '40×40' },
    ]);
    const { id: _id, createdAt: _c, updatedAt: _u, ...rest } = product;
    expect(valuesToProductUpdate(v, 2)).toEqual(rest);
  });

  it('drops the currency when there is no cost and cleans text', () => {
    const body = valuesToProductBody({
      ...newProductValues('CNY'),
      model: ' M-1 ',
      name: ' N ',
      packagingSpec: ' ',
      specs: [
        { key: ' 颜色 ', value: '红' },
        { key: '', value: '' },
      ],
    });
    expect(body).toMatchObject({
      model: 'M-1',
      name: 'N',
      packagingSpec: null,
      standardCost: null,
      costCurrency: null,
      specs: { 颜色: '红' },
    });
  });
});
