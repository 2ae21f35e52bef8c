import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { withDeclaredSize } from '../../test/zip-fixtures';
import {
  cellBool,
  cellDate,
  cellInt,
  cellMoney,
  cellPercent,
  columnLetter,
  csvCell,
  decodeCsvText,
  inspectXlsx,
  INVALID,
  loadTable,
  loadWorksheet,
  readRows,
  SheetFormatError,
  streamXlsxTable,
  worksheetTable,
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
    const sheet = readRows(await loadTable(buf, 'xlsx'), columns);
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
      await loadTable(Buffer.from('\ufeffcustomer po,备注\nA-1,hello\n'), 'csv'),
      columns,
    );
    expect(sheet.missingColumns).toEqual(['qty']);
    expect(sheet.rows[0]).toEqual({ rowNumber: 2, values: { po: 'A-1', note: 'hello' } });
  });

  it('reads csv written in GB18030 (Excel on Chinese Windows)', async () => {
    // "客户PO号,数量\nA-1,3\n" in GB18030: not valid UTF-8.
    const gbk = Buffer.from('bfcdbba7504fbac52ccafdc1bf0a412d312c330a', 'hex');
    expect(decodeCsvText(gbk)).toBe('客户PO号,数量\nA-1,3\n');
    const sheet = readRows(await loadTable(gbk, 'csv'), columns);
    expect(sheet.rows).toEqual([{ rowNumber: 2, values: { po: 'A-1', qty: 3 } }]);
  });

  it('keeps csv codes and dates as text, plain decimals as numbers', async () => {
    const csv = Buffer.from('客户PO号,数量,备注\n00123,12.50,2026-03-07\n1E5,7,4500012345678901234\n');
    const sheet = readRows(await loadTable(csv, 'csv'), columns);
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
    await expect(loadTable(Buffer.from('not a zip'), 'xlsx')).rejects.toBeInstanceOf(SheetFormatError);
    const truncated = (await mixedWorkbook()).subarray(0, 2000);
    await expect(loadTable(truncated, 'xlsx')).rejects.toBeInstanceOf(SheetFormatError);
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

/**
 * A workbook whose first sheet (in the workbook's order) is not the first one written, with
 * shared and rich text, a date cell, a number, a formula, a hyperlink, a boolean and a blank row.
 */
async function mixedWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Other').addRow(['not this sheet']);
  const main = wb.addWorksheet('Orders');
  main.addRow(['客户PO号', 'Qty', 'Note', 'Due']);
  main.addRow(['PO-1', 3, { richText: [{ text: 'rich ' }, { text: 'text', font: { bold: true } }] }]);
  main.getCell('D2').value = new Date(Date.UTC(2026, 2, 7));
  main.getCell('D2').numFmt = 'yyyy-mm-dd';
  main.addRow([]);
  main.addRow([
    'PO-2',
    { formula: '1+1', result: 2 },
    { text: 'link', hyperlink: 'https://example.com' },
    true,
  ]);
  // Move "Orders" to the front of the workbook's sheet list; its part stays sheet2.xml.
  return repack(Buffer.from(await wb.xlsx.writeBuffer()), [], (name, text) =>
    name === 'xl/workbook.xml'
      ? text.replace(/(<sheet [^>]*name="Other"[^>]*\/>)(<sheet [^>]*name="Orders"[^>]*\/>)/, '$2$1')
      : text,
  );
}

/**
 * The xlsx with its zip entries in another order (as other spreadsheet programs write them),
 * `first` first, and its XML parts passed through `edit`.
 */
async function repack(
  buf: Buffer,
  first: readonly string[],
  edit: (name: string, text: string) => string = (_name, text) => text,
): Promise<Buffer> {
  const src = await JSZip.loadAsync(buf);
  const names = Object.keys(src.files).filter((n) => !src.files[n]!.dir);
  const out = new JSZip();
  for (const name of [...first, ...names.filter((n) => !first.includes(n))]) {
    out.file(name, edit(name, await src.file(name)!.async('string')));
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

describe('loadTable', () => {
  it('streams the first sheet in workbook order with the same cells as the whole-workbook reader', async () => {
    const buf = await mixedWorkbook();
    const whole = worksheetTable(await loadWorksheet(buf, 'xlsx'));
    const streamed = await streamXlsxTable(buf);
    expect(streamed).toEqual(whole);
    expect(streamed).toEqual([
      { rowNumber: 1, cells: ['客户PO号', 'Qty', 'Note', 'Due'] },
      { rowNumber: 2, cells: ['PO-1', 3, 'rich text', new Date(Date.UTC(2026, 2, 7))] },
      { rowNumber: 4, cells: ['PO-2', 2, 'link', true] },
    ]);
    expect(await loadTable(buf, 'xlsx')).toEqual(whole);
  });

  it('streams a workbook whose parts come in the order Excel writes them', async () => {
    const buf = await repack(await mixedWorkbook(), [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/styles.xml',
      'xl/sharedStrings.xml',
    ]);
    expect(await streamXlsxTable(buf)).toEqual(worksheetTable(await loadWorksheet(buf, 'xlsx')));
  });

  it('leaves to the whole-workbook reader a sheet streamed before the styles that date it', async () => {
    const buf = await repack(await mixedWorkbook(), [
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/styles.xml',
    ]);
    expect(await streamXlsxTable(buf)).toBeNull();
    const table = await loadTable(buf, 'xlsx');
    expect(table[1]!.cells[3]).toEqual(new Date(Date.UTC(2026, 2, 7)));
  });

  it('leaves to the whole-workbook reader a workbook without shared strings (inline text)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Numbers').addRow([1, 2, 3]);
    const buf = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await streamXlsxTable(buf)).toBeNull();
    expect(await loadTable(buf, 'xlsx')).toEqual([{ rowNumber: 1, cells: [1, 2, 3] }]);
  });
});

describe('inspectXlsx', () => {
  it('finds inline strings, and loadTable reads such a sheet whole: every run, entities decoded once', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Orders');
    ws.addRow(['PO', 'Note']);
    ws.addRow(['PO-1', 'plain']);
    const inline = await repack(Buffer.from(await wb.xlsx.writeBuffer()), [], (name, text) =>
      name === 'xl/worksheets/sheet1.xml'
        ? text.replace(
            /<c r="B2"[^>]*>.*?<\/c>/,
            '<c r="B2" t="inlineStr"><is><r><t>rich </t></r><r><t>text &amp;amp; more</t></r></is></c>',
          )
        : text,
    );
    await expect(inspectXlsx(inline)).resolves.toEqual({ inlineStrings: true });
    expect(await loadTable(inline, 'xlsx')).toEqual([
      { rowNumber: 1, cells: ['PO', 'Note'] },
      { rowNumber: 2, cells: ['PO-1', 'rich text &amp; more'] },
    ]);
  });

  it('passes a workbook within the limit and refuses one whose parts add up to more', async () => {
    const buf = await mixedWorkbook();
    await expect(inspectXlsx(buf)).resolves.toEqual({ inlineStrings: false });
    await expect(inspectXlsx(buf, 1000)).rejects.toMatchObject({
      code: 'FILE_UNPACKS_TOO_LARGE',
      status: 413,
      params: { limit: '1000 B' },
    });
  });

  it('refuses an entry that unpacks to more than its declared size, and loadTable reads nothing of it', async () => {
    const liar = withDeclaredSize(await mixedWorkbook(), 'xl/worksheets/sheet2.xml', 10);
    await expect(inspectXlsx(liar)).rejects.toBeInstanceOf(SheetFormatError);
    await expect(loadTable(liar, 'xlsx')).rejects.toBeInstanceOf(SheetFormatError);
  });
});
