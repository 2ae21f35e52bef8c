import { describe, expect, it } from 'vitest';
import {
  cellBool,
  cellDate,
  cellInt,
  cellMoney,
  cellPercent,
  columnLetter,
  csvCell,
  decodeCsvText,
  INVALID,
  loadWorksheet,
  readRows,
  SheetFormatError,
  writeWorkbook,
} from './xlsx';

const columns = [
  { key: 'po', headers: ['客户PO号', 'Customer PO'], required: true },
  { key: 'qty', headers: ['数量', 'Qty'], required: true },
  { key: 'note', headers: ['备注', 'Note'] },
];

describe('xlsx helpers', () => {
  it('round-trips a workbook and maps zh/en headers to keys', async () => {
    const buf = await writeWorkbook([
      {
        name: 'Orders',
        columns: [
          { header: '客户PO号', key: 'po' },
          { header: 'Qty', key: 'qty' },
          { header: 'Colour', key: 'colour' },
        ],
        rows: [
          { po: 'PO-1', qty: 10, colour: 'red' },
          { po: null, qty: null, colour: null },
          { po: 'PO-2', qty: 5, colour: null },
        ],
      },
    ]);
    const sheet = readRows(await loadWorksheet(buf, 'xlsx'), columns);
    expect(sheet.missingColumns).toEqual([]);
    expect(sheet.unknownHeaders).toEqual(['Colour']);
    expect(sheet.letters).toEqual({ po: 'A', qty: 'B' });
    expect(sheet.rows).toEqual([
      { rowNumber: 2, values: { po: 'PO-1', qty: 10 } },
      { rowNumber: 4, values: { po: 'PO-2', qty: 5 } },
    ]);
  });

  it('reads csv with a BOM and reports missing required columns', async () => {
    const sheet = readRows(
      await loadWorksheet(Buffer.from('\ufeffcustomer po,备注\nA-1,hello\n'), 'csv'),
      columns,
    );
    expect(sheet.missingColumns).toEqual(['qty']);
    expect(sheet.rows[0]).toEqual({ rowNumber: 2, values: { po: 'A-1', note: 'hello' } });
  });

  it('reads csv written in GB18030 (Excel on Chinese Windows)', async () => {
    // "客户PO号,数量\nA-1,3\n" in GB18030: not valid UTF-8.
    const gbk = Buffer.from('bfcdbba7504fbac52ccafdc1bf0a412d312c330a', 'hex');
    expect(decodeCsvText(gbk)).toBe('客户PO号,数量\nA-1,3\n');
    const sheet = readRows(await loadWorksheet(gbk, 'csv'), columns);
    expect(sheet.rows).toEqual([{ rowNumber: 2, values: { po: 'A-1', qty: 3 } }]);
  });

  it('keeps csv codes and dates as text, plain decimals as numbers', async () => {
    const csv = Buffer.from('客户PO号,数量,备注\n00123,12.50,2026-03-07\n1E5,7,4500012345678901234\n');
    const sheet = readRows(await loadWorksheet(csv, 'csv'), columns);
    expect(sheet.rows.map((r) => r.values)).toEqual([
      { po: '00123', qty: 12.5, note: '2026-03-07' },
      { po: '1E5', qty: 7, note: '4500012345678901234' },
    ]);
    expect(csvCell('')).toBeNull();
    expect(csvCell('-3')).toBe(-3);
    expect(csvCell('TRUE')).toBe(true);
  });

  it('rejects a file that is not a workbook', async () => {
    await expect(loadWorksheet(Buffer.from('not a zip'), 'xlsx')).rejects.toBeInstanceOf(SheetFormatError);
  });

  it('converts cells', () => {
    expect(cellInt('1,000')).toBe(1000);
    expect(cellInt(1.5)).toBe(INVALID);
    expect(cellMoney('¥1,234.5')).toBe(123450);
    expect(cellMoney(12.345)).toBe(INVALID);
    expect(cellMoney('abc')).toBe(INVALID);
    expect(cellDate('2026/3/7')).toBe('2026-03-07');
    expect(cellDate('2026-02-30')).toBe(INVALID);
    expect(cellDate(46000)).toBe('2025-12-09');
    expect(cellDate(new Date('2026-01-02T00:00:00Z'))).toBe('2026-01-02');
    expect(cellPercent('5%')).toBe(5);
    expect(cellPercent(101)).toBe(INVALID);
    expect(cellBool('是')).toBe(true);
    expect(cellBool('FALSE')).toBe(false);
    expect(cellBool(true)).toBe(true);
    expect(cellBool('maybe')).toBe(INVALID);
    expect(columnLetter(1)).toBe('A');
    expect(columnLetter(28)).toBe('AB');
  });
});
