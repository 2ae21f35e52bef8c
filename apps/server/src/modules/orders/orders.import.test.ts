import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../lib/xlsx';
import { sheetFromTable, translateErrors } from './orders.import-columns';
import {
  buildOrders,
  parseOrderSheets,
  termsPrice,
  type IntakeCatalog,
  type IntakeTerms,
} from './orders.import';

const HEAD = [
  '客户编码',
  '客户PO号',
  '订单日期',
  '付款方式',
  '型号',
  '规格',
  '数量',
  '单价',
  '折扣%',
  '要求交期',
  '订单总额',
];

function parse(rows: CellValue[][], defaults?: { customerCode?: string; customerPo?: string }) {
  return parseOrderSheets([{ sheet: sheetFromTable([HEAD, ...rows]) }], defaults ? { defaults } : {});
}

const customers: Record<
  string,
  { id: string; currency: string; paymentTerms: string | null; active: boolean }
> = {
  C001: { id: 'cust-1', currency: 'CNY', paymentTerms: 'Net 30', active: true },
  C002: { id: 'cust-2', currency: 'USD', paymentTerms: null, active: true },
  OLD: { id: 'cust-3', currency: 'CNY', paymentTerms: 'Net 30', active: false },
};
const products: Record<string, string> = { 'M-100': 'prod-100', 'M-200': 'prod-200' };
/** C001's contract: M-100 at 12.00, 11.00 from 100 pieces; packaging given. */
const terms: IntakeTerms = {
  currency: 'CNY',
  paymentTerms: 'Contract 60',
  packaging: 'Cartons',
  acceptanceStandard: 'AQL 1.0',
  incoterm: 'FOB',
  priceFor: (productId, qty) => (productId === 'prod-100' ? (qty >= 100 ? 1100 : 1200) : null),
};
const catalog: IntakeCatalog = {
  customer: (code) => customers[code],
  productId: (model) => products[model],
  terms: (customerId) => (customerId === 'cust-1' ? terms : undefined),
};

describe('parseOrderSheets', () => {
  it('groups rows into orders by customer code and PO, order fields from any one row', () => {
    const { groups, errors, rows } = parse([
      ['C001', 'PO-1', '2026-03-01', 'Net 30', 'M-100', '材质=钢', 10, 12.5, 5, '2026-04-01', 200],
      ['C001', 'PO-1', null, null, 'M-200', null, '1,000', '3', null, '2026/4/2', null],
      ['C002', 'PO-1', null, null, 'M-100', null, 1, 1, null, '2026-04-03', null],
      [null, null, null, null, 'M-200', null, 2, 2, null, '2026-04-04', null],
      ['C001', 'PO-1', null, 'Net 30', 'M-100', null, 3, 1, null, '2026-04-05', null],
    ]);
    expect(errors).toEqual([]);
    expect(rows).toBe(5);
    expect(groups.map((g) => [g.customerCode, g.customerPo, g.rows])).toEqual([
      ['C001', 'PO-1', [2, 3, 6]],
      ['C002', 'PO-1', [4, 5]],
    ]);
    const [a] = groups;
    expect(a!.fields).toEqual({ orderDate: '2026-03-01', paymentTerms: 'Net 30', statedTotal: 20000 });
    expect(a!.lines.map((l) => [l.row, l.model, l.qty, l.unitPrice, l.discountPct, l.requestedDate])).toEqual(
      [
        [2, 'M-100', 10, 1250, 5, '2026-04-01'],
        [3, 'M-200', 1000, 300, null, '2026-04-02'],
        [6, 'M-100', 3, 100, null, '2026-04-05'],
      ],
    );
    expect(a!.lines[0]!.specs).toEqual({ 材质: '钢' });
  });

  it('reports every bad cell by row and column, and conflicting order fields', () => {
    const { groups, errors } = parse([
      ['C001', 'PO-1', '2026-03-01', 'Net 30', 'M-100', 'red', 0, 'abc', 120, '2026-02-30', null],
      ['C001', 'PO-1', '2026-03-02', 'Net 60', null, null, 1.5, -1, null, null, 'x'],
      [null, 'PO-9', null, null, 'M-100', null, 1, 1, null, '2026-04-01', null],
    ]);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'F 规格/Specs', 'INVALID_SPECS'],
      [2, 'G 数量/Qty', 'INVALID_NUMBER'],
      [2, 'H 单价/Unit price', 'INVALID_MONEY'],
      [2, 'I 折扣%/Discount %', 'INVALID_PERCENT'],
      [2, 'J 要求交期/Requested date', 'INVALID_DATE'],
      [3, 'K 订单总额/Order total', 'INVALID_MONEY'],
      [3, 'E 型号/Model', 'REQUIRED'],
      [3, 'G 数量/Qty', 'INVALID_NUMBER'],
      [3, 'H 单价/Unit price', 'INVALID_MONEY'],
      [3, 'J 要求交期/Requested date', 'REQUIRED'],
      [3, 'C 订单日期/Order date', 'CONFLICT'],
      [3, 'D 付款方式/Payment terms', 'CONFLICT'],
      [4, 'A 客户编码/Customer code', 'REQUIRED'],
    ]);
    expect(groups[0]!.invalid).toBe(true);
    const [conflict] = translateErrors(
      errors.filter((e) => e.code === 'CONFLICT'),
      'en',
    );
    expect(conflict!.message).toBe('"2026-03-02" differs from "2026-03-01" on row 2 of the same order');
    const [zh] = translateErrors([errors[1]!], 'zh-CN');
    expect(zh!.message).toBe('「0」不是有效的数量（1 到 10 亿之间的整数）');
  });

  it('reports missing required columns once, on the header row', () => {
    const sheet = sheetFromTable([
      ['Customer code', 'Model', 'Qty'],
      ['C001', 'M-100', 1],
    ]);
    const { errors, groups } = parseOrderSheets([{ sheet }]);
    expect(groups).toEqual([]);
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [1, '客户PO号/Customer PO', 'MISSING_COLUMN'],
      [1, '要求交期/Requested date', 'MISSING_COLUMN'],
    ]);
  });

  it('takes customer code and PO from defaults (an e-mail) when the sheet has none', () => {
    const sheet = sheetFromTable([
      ['Model', 'Qty', 'Requested date'],
      ['M-100', 5, '2026-05-01'],
      ['M-200', 6, '2026-05-02'],
    ]);
    const { groups, errors } = parseOrderSheets([{ sheet, name: 'x.xlsx' }], {
      defaults: { customerCode: 'C001', customerPo: 'PO-77' },
    });
    expect(errors).toEqual([]);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ customerCode: 'C001', customerPo: 'PO-77', rows: [2, 3] });
  });

  it('prefixes labels with the source name when there are several sources', () => {
    const bad = sheetFromTable([
      ['客户编码', '客户PO号', '型号', '数量', '要求交期'],
      ['C001', 'P1', 'M-100', 'x', '2026-05-01'],
    ]);
    const { errors } = parseOrderSheets([
      { sheet: bad, name: 'a.csv' },
      { sheet: bad, name: 'b.csv' },
    ]);
    expect(errors.map((e) => e.column)).toEqual(['a.csv: D 数量/Qty', 'b.csv: D 数量/Qty']);
  });
});

describe('buildOrders', () => {
  it('fills terms and prices from the customer and its contract and computes totals', () => {
    const { groups } = parse([
      ['C001', 'PO-1', '2026-03-01', null, 'M-100', null, 100, null, 10, '2026-04-01', null],
      ['C001', 'PO-1', null, null, 'M-200', null, 3, 0.5, null, '2026-04-02', null],
      ['C002', 'PO-2', null, 'T/T', 'M-100', null, 7, 2, null, '2026-04-02', null],
    ]);
    const { orders, errors } = buildOrders(groups, catalog, '2026-02-01');
    expect(errors).toEqual([]);
    expect(orders.map((o) => [o.customerPo, o.lineCount, o.total, o.currency])).toEqual([
      ['PO-1', 2, 100 * 1100 * 0.9 + 150, 'CNY'],
      ['PO-2', 1, 1400, 'USD'],
    ]);
    expect(orders[0]!.body).toMatchObject({
      customerId: 'cust-1',
      customerPo: 'PO-1',
      currency: 'CNY',
      paymentTerms: 'Contract 60',
      packaging: 'Cartons',
      acceptanceStandard: 'AQL 1.0',
      incoterm: 'FOB',
      orderDate: '2026-03-01',
      lines: [
        { productId: 'prod-100', qty: 100, unitPrice: 1100, discountPct: 10, requestedDate: '2026-04-01' },
        { productId: 'prod-200', qty: 3, unitPrice: 50, requestedDate: '2026-04-02' },
      ],
    });
    expect(orders[1]!.body).toMatchObject({
      customerId: 'cust-2',
      paymentTerms: 'T/T',
      orderDate: '2026-02-01',
    });
  });

  it('reports unknown customers and models, missing prices and terms by row and column', () => {
    const { groups } = parse([
      ['C404', 'PO-1', null, null, 'M-100', null, 1, 1, null, '2026-04-01', null],
      ['OLD', 'PO-2', null, null, 'M-100', null, 1, 1, null, '2026-04-01', null],
      ['C001', 'PO-3', null, null, 'M-999', null, 1, 1, null, '2026-04-01', null],
      ['C001', 'PO-3', null, null, 'M-200', null, 1, null, null, '2026-04-01', null],
      ['C002', 'PO-4', null, null, 'M-100', null, 1, 1, null, '2026-04-01', null],
    ]);
    const { orders, errors } = buildOrders(groups, catalog, '2026-02-01');
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'A 客户编码/Customer code', 'UNKNOWN_CUSTOMER'],
      [3, 'A 客户编码/Customer code', 'UNKNOWN_CUSTOMER'],
      [4, 'E 型号/Model', 'UNKNOWN_PRODUCT'],
      [5, 'H 单价/Unit price', 'NO_PRICE'],
      [6, 'D 付款方式/Payment terms', 'NO_TERMS'],
    ]);
    expect(orders.every((o) => o.body === null)).toBe(true);
    expect(translateErrors([errors[2]!], 'en')[0]!.message).toBe('Model "M-999" does not exist');
  });

  it('still looks up the model of a row with other errors', () => {
    const { groups, errors } = parse([
      ['C001', 'PO-1', null, null, 'M-999', null, 'x', 1, null, '2026-04-01', null],
    ]);
    expect(errors.map((e) => e.code)).toEqual(['INVALID_NUMBER']);
    const built = buildOrders(groups, catalog, '2026-02-01');
    expect(built.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'E 型号/Model', 'UNKNOWN_PRODUCT'],
    ]);
  });

  it('reports what the order schema refuses (too long a PO) at its cell', () => {
    const po = 'P'.repeat(64);
    const { groups, errors } = parse([
      ['C001', po, null, null, 'M-100', null, 1, 1, null, '2026-04-01', null],
    ]);
    expect(errors).toEqual([]);
    expect(buildOrders(groups, catalog, '2026-02-01').orders[0]!.body).not.toBeNull();
    const tooLong = parse([['C001', `${po}X`, null, null, 'M-100', null, 1, 1, null, '2026-04-01', null]]);
    expect(tooLong.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'B 客户PO号/Customer PO', 'TOO_LONG'],
    ]);
  });
});

describe('termsPrice', () => {
  const prices = [
    { productId: 'p', minQty: 1, unitPrice: 120 },
    { productId: 'p', minQty: 100, unitPrice: 110 },
    { productId: 'p', minQty: 500, unitPrice: 100 },
    { productId: 'q', minQty: 10, unitPrice: 50 },
  ];
  it('takes the tier of the quantity, else the lowest tier, else none', () => {
    expect(termsPrice(prices, 'p', 99)).toBe(120);
    expect(termsPrice(prices, 'p', 100)).toBe(110);
    expect(termsPrice(prices, 'p', 10_000)).toBe(100);
    expect(termsPrice(prices, 'q', 1)).toBe(50);
    expect(termsPrice(prices, 'r', 1)).toBeNull();
  });
});
