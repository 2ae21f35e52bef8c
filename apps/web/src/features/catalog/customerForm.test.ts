import { describe, expect, it } from 'vitest';
import type { Customer } from '@gendan/contracts';
import { customerToValues, newCustomerValues, valuesToCreateBody, valuesToUpdateBody } from './customerForm';

const customer: Customer = {
  id: 'c1',
  code: 'ACME',
  name: 'Acme 有限公司',
  taxId: null,
  currency: 'CNY',
  creditLimit: 50_000_00,
  paymentTerms: 'T/T 30 days',
  language: 'zh-CN',
  clerkId: 'u1',
  salesRepId: null,
  contacts: [
    { name: '王经理', title: null, phone: '138', email: 'w@acme.cn', wechat: null, notify: ['shipping'] },
  ],
  addresses: [
    { kind: 'ship_to', label: null, address: '上海市 1 号', contact: null, phone: null, isDefault: true },
  ],
  notes: null,
  active: true,
  version: 3,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

describe('customer form', () => {
  it('round-trips a stored customer into an equivalent body', () => {
    const body = valuesToUpdateBody(customerToValues(customer), customer.version);
    expect(body).toEqual({
      version: 3,
      code: 'ACME',
      name: 'Acme 有限公司',
      taxId: null,
      currency: 'CNY',
      creditLimit: 5_000_000,
      paymentTerms: 'T/T 30 days',
      language: 'zh-CN',
      clerkId: 'u1',
      salesRepId: null,
      notes: null,
      active: true,
      contacts: customer.contacts,
      addresses: customer.addresses,
    });
  });

  it('shows money in major units', () => {
    expect(customerToValues(customer).creditLimit).toBe(50_000);
  });

  it('trims text, upper-cases the currency and turns blanks into null', () => {
    const v = {
      ...newCustomerValues('cny', 'en'),
      code: ' B-1 ',
      name: ' Beta ',
      taxId: '  ',
      creditLimit: 1234.5,
      contacts: [{ name: ' Li ', email: '', phone: ' 1 ', notify: [] }],
      addresses: [{ kind: 'bill_to' as const, address: ' Road 2 ', isDefault: false }],
    };
    const body = valuesToCreateBody(v);
    expect(body).toMatchObject({
      code: 'B-1',
      name: 'Beta',
      taxId: null,
      currency: 'CNY',
      creditLimit: 123_450,
    });
    expect(body.contacts).toEqual([
      { name: 'Li', title: null, phone: '1', email: null, wechat: null, notify: [] },
    ]);
    expect(body.addresses).toEqual([
      { kind: 'bill_to', label: null, address: 'Road 2', contact: null, phone: null, isDefault: false },
    ]);
  });

  it('sends null for a cleared credit limit', () => {
    expect(
      valuesToCreateBody({ ...newCustomerValues('CNY', 'en'), code: 'x', name: 'y' }).creditLimit,
    ).toBeNull();
  });
});
