import { describe, expect, it } from 'vitest';
import dayjs from 'dayjs';
import type { Order } from '@gendan/contracts';
import { fieldErrorsFromDetails, formLineAmount, formTotal, fromOrder, toOrderBody } from './orderFormModel';

describe('toOrderBody', () => {
  it('sends minor units, YYYY-MM-DD dates, trimmed text and null for empty optional fields', () => {
    const body = toOrderBody({
      customerId: 'c1',
      customerPo: ' PO-1 ',
      currency: 'cny',
      paymentTerms: 'T/T 30',
      packaging: '  ',
      orderDate: dayjs('2026-02-03'),
      statedTotal: 12.5,
      lines: [
        {
          productId: 'p1',
          specs: [
            { key: '颜色', value: '黑 ' },
            { key: ' ', value: 'dropped' },
          ],
          qty: 3,
          unitPrice: 3.33,
          discountPct: 12.5,
          requestedDate: dayjs('2026-03-01'),
          statedAmount: null,
        },
      ],
    });
    expect(body).toEqual({
      customerId: 'c1',
      customerPo: 'PO-1',
      currency: 'CNY',
      paymentTerms: 'T/T 30',
      packaging: null,
      acceptanceStandard: null,
      incoterm: null,
      shippingMode: null,
      shipTo: null,
      notes: null,
      statedTotal: 1250,
      orderDate: '2026-02-03',
      lines: [
        {
          productId: 'p1',
          qty: 3,
          unitPrice: 333,
          discountPct: 12.5,
          specs: { 颜色: '黑' },
          requestedDate: '2026-03-01',
          statedAmount: null,
          description: null,
        },
      ],
    });
  });
});

describe('live amounts', () => {
  it('computes line amounts exactly as the server and sums them', () => {
    expect(formLineAmount({ qty: 3, unitPrice: 3.33, discountPct: 12.5 })).toBe(874);
    expect(formLineAmount({ qty: 3 })).toBe(0);
    expect(
      formTotal([{ qty: 3, unitPrice: 3.33, discountPct: 12.5 }, { qty: 10, unitPrice: 1.1 }, undefined]),
    ).toBe(874 + 1100);
  });
});

describe('fromOrder', () => {
  it('round-trips a stored order through the form', () => {
    const order = {
      customerId: 'c1',
      customerPo: 'PO-1',
      orderDate: '2026-02-03',
      currency: 'CNY',
      paymentTerms: 'T/T 30',
      packaging: null,
      acceptanceStandard: 'AQL 1.0',
      incoterm: null,
      shippingMode: 'ltl',
      shipTo: null,
      notes: null,
      statedTotal: null,
      lines: [
        {
          lineNo: 1,
          productId: 'p1',
          productModel: 'M1',
          productName: 'Bolt',
          qty: 5,
          unitPrice: 1250,
          discountPct: 0,
          specs: { 材质: '304' },
          requestedDate: '2026-03-01',
          statedAmount: 6250,
          description: null,
        },
      ],
    } as unknown as Order;
    const values = fromOrder(order);
    expect(values.lines?.[0]?.productLabel).toBe('M1 · Bolt');
    expect(values.lines?.[0]?.unitPrice).toBe(12.5);
    const body = toOrderBody(values);
    expect(body.lines[0]).toEqual({
      productId: 'p1',
      qty: 5,
      unitPrice: 1250,
      discountPct: 0,
      specs: { 材质: '304' },
      requestedDate: '2026-03-01',
      statedAmount: 6250,
      description: null,
    });
    expect(body.acceptanceStandard).toBe('AQL 1.0');
    expect(body.shippingMode).toBe('ltl');
  });
});

describe('fieldErrorsFromDetails', () => {
  it('maps API paths onto form fields it knows', () => {
    const fields = new Set(['customerPo', 'unitPrice']);
    expect(
      fieldErrorsFromDetails(
        [
          { path: 'lines.1.unitPrice', message: 'too big' },
          { path: 'customerPo', message: 'required' },
          { path: 'lines.0.productId', message: 'unknown' },
          'junk',
        ],
        fields,
      ),
    ).toEqual([
      { name: ['lines', 1, 'unitPrice'], errors: ['too big'] },
      { name: ['customerPo'], errors: ['required'] },
    ]);
    expect(fieldErrorsFromDetails({ errors: [] }, fields)).toEqual([]);
  });
});
