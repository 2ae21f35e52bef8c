import { describe, expect, it } from 'vitest';
import { INVALID } from '../../lib/xlsx';
import { CATEGORY_CHOICES } from './catalog.sheet-columns';
import {
  columnSpecs,
  convertCell,
  describeIssues,
  duplicateKeys,
  formatSpecs,
  headerText,
  matchChoice,
  parseSheet,
  parseSpecs,
  type SheetColumn,
} from './catalog.sheets';

const cols: SheetColumn[] = [
  { key: 'code', zh: '编码', en: 'Code', kind: 'text', required: true, noteZh: '', noteEn: '' },
  { key: 'qty', zh: '数量', en: 'Qty', kind: 'int', noteZh: '', noteEn: '' },
  { key: 'price', zh: '单价', en: 'Unit price', kind: 'money', noteZh: '', noteEn: '' },
  {
    key: 'category',
    zh: '类别',
    en: 'Category',
    kind: 'choice',
    choices: CATEGORY_CHOICES,
    noteZh: '',
    noteEn: '',
  },
  { key: 'specs', zh: '规格', en: 'Specs', kind: 'specs', noteZh: '', noteEn: '' },
];
const col = (key: string) => cols.find((c) => c.key === key)!;

describe('specs cells', () => {
  it('parses key=value pairs with ASCII or full-width separators', () => {
    expect(parseSpecs('材质=钢; 颜色=红')).toEqual({ 材质: '钢', 颜色: '红' });
    expect(parseSpecs('材质＝钢；尺寸=40x20mm\n比例=1:2')).toEqual({
      材质: '钢',
      尺寸: '40x20mm',
      比例: '1:2',
    });
    expect(parseSpecs(' ; ')).toEqual({});
    expect(parseSpecs('公差=')).toEqual({ 公差: '' });
  });
  it('refuses text without = and repeated keys', () => {
    expect(parseSpecs('steel')).toBeUndefined();
    expect(parseSpecs('=red')).toBeUndefined();
    expect(parseSpecs('a=1; a=2')).toBeUndefined();
  });
  it('formats back to what it parses', () => {
    const specs = { 材质: 'SUS304', 颜色: '银' };
    expect(formatSpecs(specs)).toBe('材质=SUS304; 颜色=银');
    expect(parseSpecs(formatSpecs(specs))).toEqual(specs);
    expect(formatSpecs(null)).toBe('');
  });
});

describe('cells and headers', () => {
  it('writes bilingual headers that read back to the same key', () => {
    expect(headerText(col('code'))).toBe('*编码 (Code)');
    const spec = columnSpecs(cols).find((c) => c.key === 'price')!;
    expect(spec.headers).toEqual(['单价', 'Unit price', '单价Unit price']);
    expect(spec.required).toBeUndefined();
  });
  it('matches choices by code, Chinese or English label, ignoring case and spacing', () => {
    expect(matchChoice(CATEGORY_CHOICES, '半成品')).toBe('semi');
    expect(matchChoice(CATEGORY_CHOICES, 'raw material')).toBe('raw');
    expect(matchChoice(CATEGORY_CHOICES, 'PACKAGING')).toBe('packaging');
    expect(matchChoice(CATEGORY_CHOICES, 'steel')).toBeUndefined();
  });
  it('converts by kind and names what it could not read', () => {
    expect(convertCell(col('price'), '12.50')).toEqual({ ok: true, value: 1250 });
    expect(convertCell(col('price'), null)).toEqual({ ok: true, value: null });
    expect(convertCell(col('qty'), 'many')).toMatchObject({
      ok: false,
      code: 'INVALID_INTEGER',
      params: { value: 'many' },
    });
    expect(convertCell(col('category'), 'x')).toMatchObject({ ok: false, code: 'INVALID_CHOICE' });
    expect(convertCell(col('specs'), 'no pairs')).toMatchObject({ ok: false, code: 'INVALID_SPECS' });
    expect(convertCell(col('code'), 'a\u0000b')).toMatchObject({ ok: false, code: 'INVALID_TEXT' });
    expect(INVALID).toBeTypeOf('symbol');
  });
});

describe('parseSheet', () => {
  const sheet = (
    rows: { rowNumber: number; values: Record<string, string | number | null> }[],
    missing: string[] = [],
  ) => ({
    columns: ['code', 'qty', 'price'],
    unknownHeaders: [],
    missingColumns: missing,
    rows,
    letters: { code: 'A', qty: 'B', price: 'C' },
  });

  it('converts rows and reports each bad cell once, by row and column', () => {
    const { rows, issues } = parseSheet(
      sheet([
        { rowNumber: 2, values: { code: 'A-1', qty: 3, price: '1.5' } },
        { rowNumber: 3, values: { code: null, qty: 'x', price: null } },
      ]),
      cols,
    );
    expect(rows[0]).toMatchObject({ row: 2, values: { code: 'A-1', qty: 3, price: 150 } });
    expect(rows[1]!.invalid).toEqual(new Set(['qty']));
    const described = describeIssues(issues, cols, { code: 'A', qty: 'B', price: 'C' }, 'en');
    expect(described).toEqual([
      { row: 3, column: 'A Code', code: 'REQUIRED', message: 'Required' },
      { row: 3, column: 'B Qty', code: 'INVALID_INTEGER', message: 'Must be a whole number, got "x"' },
    ]);
  });

  it('stops at file-level problems', () => {
    expect(parseSheet(sheet([], ['code']), cols).issues).toMatchObject([{ row: 1, code: 'MISSING_COLUMN' }]);
    expect(parseSheet(sheet([]), cols).issues).toMatchObject([{ row: 1, code: 'NO_ROWS' }]);
    const [missing] = describeIssues(parseSheet(sheet([], ['code']), cols).issues, cols, {}, 'zh-CN');
    expect(missing).toMatchObject({ column: null, message: '缺少必需的列「编码」' });
  });

  it('finds repeated keys and keeps one error per cell', () => {
    const rows = [
      { row: 2, values: { code: 'K' }, invalid: new Set<string>() },
      { row: 3, values: { code: 'L' }, invalid: new Set<string>() },
      { row: 4, values: { code: 'K' }, invalid: new Set<string>() },
    ];
    const dups = duplicateKeys(rows, 'code');
    expect(dups).toEqual([
      { row: 4, key: 'code', code: 'DUPLICATE_KEY', params: { value: 'K', firstRow: 2 } },
    ]);
    const twice = describeIssues([...dups, ...dups], cols, { code: 'A' }, 'zh-CN');
    expect(twice).toHaveLength(1);
    expect(twice[0]!.message).toBe('「K」在第 2 行已出现');
  });
});
