import { describe, expect, it } from 'vitest';
import type { Finding, Order } from '@gendan/contracts';
import { fixFor, linesToInput } from './findingFix';

const line = (lineNo: number, extra: Partial<Order['lines'][number]> = {}): Order['lines'][number] => ({
  id: `l${lineNo}`,
  lineNo,
  productId: `p${lineNo}`,
  productModel: `M${lineNo}`,
  productName: `Product ${lineNo}`,
  unit: 'pcs',
  description: null,
  qty: 10,
  unitPrice: 1000,
  discountPct: 0,
  amount: 10_000,
  statedAmount: null,
  specs: { 颜色: '白' },
  requestedDate: '2026-03-01',
  promisedDate: null,
  feasibleDate: null,
  ...extra,
});

const order = {
  id: 'o1',
  version: 4,
  currency: 'CNY',
  lines: [line(2, { requestedDate: '2026-04-01', discountPct: 3 }), line(1, { discountPct: 8 })],
} as unknown as Order;

const finding = (extra: Partial<Finding>): Finding => ({
  id: 'f1',
  code: 'PRICE_MISMATCH',
  severity: 'block',
  lineNo: 1,
  message: '',
  messages: { 'zh-CN': '', en: '' },
  status: 'open',
  overrideReason: null,
  overriddenBy: null,
  overriddenAt: null,
  ...extra,
});

describe('linesToInput', () => {
  it('keeps every line in line-number order, with the fields PATCH takes', () => {
    const lines = linesToInput(order.lines);
    expect(lines.map((l) => l.productId)).toEqual(['p1', 'p2']);
    expect(lines[0]).toEqual({
      productId: 'p1',
      qty: 10,
      unitPrice: 1000,
      discountPct: 8,
      specs: { 颜色: '白' },
      requestedDate: '2026-03-01',
      statedAmount: null,
      description: null,
    });
  });
});

describe('fixFor', () => {
  it('sets the unit price of the finding line from PRICE_MISMATCH', () => {
    const fix = fixFor(order, finding({ suggestion: { unitPrice: 900 } }));
    expect(fix?.change).toEqual({ kind: 'unitPrice', lineNo: 1, value: 900 });
    expect(fix?.body.version).toBe(4);
    expect(fix?.body.lines?.map((l) => l.unitPrice)).toEqual([900, 1000]);
  });

  it('raises the quantity to the lowest tier from NO_PRICE', () => {
    const fix = fixFor(order, finding({ code: 'NO_PRICE', lineNo: 2, suggestion: { qty: 100 } }));
    expect(fix?.change).toEqual({ kind: 'qty', lineNo: 2, value: 100 });
    expect(fix?.body.lines?.map((l) => l.qty)).toEqual([10, 100]);
    expect(fixFor(order, finding({ code: 'NO_PRICE', lineNo: 2, suggestion: {} }))).toBeNull();
  });

  it('moves the requested date from DELIVERY_INFEASIBLE, per line or for every early line', () => {
    const one = fixFor(
      order,
      finding({ code: 'DELIVERY_INFEASIBLE', lineNo: 2, suggestion: { requestedDate: '2026-05-01' } }),
    );
    expect(one?.body.lines?.map((l) => l.requestedDate)).toEqual(['2026-03-01', '2026-05-01']);
    const all = fixFor(
      order,
      finding({ code: 'DELIVERY_INFEASIBLE', lineNo: null, suggestion: { date: '2026-03-15' } }),
    );
    expect(all?.body.lines?.map((l) => l.requestedDate)).toEqual(['2026-03-15', '2026-04-01']);
  });

  it('caps the discount from DISCOUNT_OVER_POLICY', () => {
    const fix = fixFor(order, finding({ code: 'DISCOUNT_OVER_POLICY', suggestion: { discountPct: 5 } }));
    expect(fix?.body.lines?.map((l) => l.discountPct)).toEqual([5, 3]);
    const all = fixFor(
      order,
      finding({ code: 'DISCOUNT_OVER_POLICY', lineNo: null, suggestion: { maxDiscountPct: 5 } }),
    );
    expect(all?.body.lines?.map((l) => l.discountPct)).toEqual([5, 3]);
  });

  it('merges agreed spec values from SPEC_MISMATCH', () => {
    const fix = fixFor(
      order,
      finding({ code: 'SPEC_MISMATCH', lineNo: 2, suggestion: { specs: { 颜色: '黑' } } }),
    );
    expect(fix?.body.lines?.[1]?.specs).toEqual({ 颜色: '黑' });
    const kv = fixFor(
      order,
      finding({ code: 'SPEC_MISMATCH', lineNo: 1, suggestion: { key: '尺寸', value: 'M8' } }),
    );
    expect(kv?.body.lines?.[0]?.specs).toEqual({ 颜色: '白', 尺寸: 'M8' });
  });

  it('applies contract terms and stated totals to the header', () => {
    const terms = fixFor(
      order,
      finding({
        code: 'TERMS_NONCOMPLIANT',
        lineNo: null,
        suggestion: { paymentTerms: 'T/T 30', packaging: 7 },
      }),
    );
    expect(terms?.body).toEqual({ version: 4, paymentTerms: 'T/T 30' });
    const packaging = fixFor(
      order,
      finding({ code: 'TERMS_NONCOMPLIANT', lineNo: null, suggestion: { packaging: '纸箱' } }),
    );
    expect(packaging?.body).toEqual({ version: 4, packaging: '纸箱' });
    const currency = fixFor(
      order,
      finding({ code: 'CURRENCY_MISMATCH', lineNo: null, suggestion: { currency: 'USD' } }),
    );
    expect(currency?.body).toEqual({ version: 4, currency: 'USD' });
    const line1 = fixFor(
      order,
      finding({ code: 'AMOUNT_MISMATCH', lineNo: 1, suggestion: { statedAmount: 9_000 } }),
    );
    expect(line1?.body.lines?.map((l) => l.statedAmount)).toEqual([9_000, null]);
    const total = fixFor(
      order,
      finding({ code: 'AMOUNT_MISMATCH', lineNo: null, suggestion: { statedTotal: 20_000 } }),
    );
    expect(total?.body).toEqual({ version: 4, statedTotal: 20_000 });
  });

  it('offers nothing without a usable suggestion', () => {
    expect(fixFor(order, finding({ suggestion: undefined }))).toBeNull();
    expect(fixFor(order, finding({ suggestion: { unitPrice: '900' } }))).toBeNull();
    expect(fixFor(order, finding({ lineNo: 9, suggestion: { unitPrice: 900 } }))).toBeNull();
    expect(fixFor(order, finding({ code: 'CREDIT_LIMIT', suggestion: { unitPrice: 900 } }))).toBeNull();
    expect(fixFor(order, finding({ status: 'overridden', suggestion: { unitPrice: 900 } }))).toBeNull();
    expect(fixFor(order, finding({ code: 'DELIVERY_INFEASIBLE', suggestion: { date: 'soon' } }))).toBeNull();
  });
});
