import { describe, expect, it } from 'vitest';
import {
  columnLabel,
  parseCurrency,
  parseShippingMode,
  parseSpecs,
  readOrderTable,
} from './orders.import-columns';

describe('cell parsers', () => {
  it('reads specs in several separator styles and refuses parts that are not key=value', () => {
    expect(parseSpecs('材质=钢; 颜色=红')).toEqual({ 材质: '钢', 颜色: '红' });
    expect(parseSpecs('材质：钢；尺寸=10,20mm, 颜色=红')).toEqual({
      材质: '钢',
      尺寸: '10,20mm',
      颜色: '红',
    });
    expect(parseSpecs('size=1:2\nfinish = matte ;')).toEqual({ size: '1:2', finish: 'matte' });
    expect(parseSpecs('')).toEqual({});
    expect(parseSpecs('red')).toBeNull();
    expect(parseSpecs('=red')).toBeNull();
  });

  it('maps shipping modes and currencies in both languages', () => {
    expect(parseShippingMode('FTL')).toBe('ftl');
    expect(parseShippingMode('专线')).toBe('ltl');
    expect(parseShippingMode('自提')).toBe('pickup');
    expect(parseShippingMode('boat')).toBeNull();
    expect(parseCurrency('rmb')).toBe('CNY');
    expect(parseCurrency('人民币')).toBe('CNY');
    expect(parseCurrency('usd')).toBe('USD');
    expect(parseCurrency('dollars')).toBeNull();
    expect(parseCurrency('XYZ')).toBeNull();
  });

  it('labels columns with letter, Chinese and English name', () => {
    expect(columnLabel('model', 'F')).toBe('F 型号/Model');
    expect(columnLabel('qty')).toBe('数量/Qty');
  });
});

describe('readOrderTable', () => {
  it('finds the header below a title row', () => {
    const sheet = readOrderTable([
      { rowNumber: 1, cells: ['ACME purchase order'] },
      { rowNumber: 3, cells: ['Customer code', 'Customer PO', 'Model', 'Qty', 'Requested date'] },
      { rowNumber: 4, cells: ['C001', 'P1', 'M-100', 3, '2026-05-01'] },
    ]);
    expect(sheet.letters).toMatchObject({ customerCode: 'A', model: 'C', qty: 'D' });
    expect(sheet.rows).toEqual([
      {
        rowNumber: 4,
        values: {
          customerCode: 'C001',
          customerPo: 'P1',
          model: 'M-100',
          qty: 3,
          requestedDate: '2026-05-01',
        },
      },
    ]);
  });

  it('takes row 1 as the header when none of the first ten rows names model and quantity', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ rowNumber: i + 1, cells: [`title ${i + 1}`] }));
    rows[10] = { rowNumber: 11, cells: ['Model', 'Qty'] };
    const sheet = readOrderTable(rows);
    expect(sheet.letters).toEqual({});
    expect(sheet.unknownHeaders).toEqual(['title 1']);
  });
});
