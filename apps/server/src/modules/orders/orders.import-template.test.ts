import { describe, expect, it } from 'vitest';
import { loadTable, loadWorksheet, readRows } from '../../lib/xlsx';
import { IMPORT_COLUMN_SPECS } from './orders.import-columns';
import { parseOrderSheets } from './orders.import';
import { orderImportTemplate } from './orders.import-template';

describe('orderImportTemplate', () => {
  it.each(['zh-CN', 'en'] as const)('reads back as one valid order of two lines (%s)', async (lang) => {
    const buf = await orderImportTemplate(lang, '2026-03-01');
    const ws = await loadWorksheet(buf, 'xlsx');
    expect(ws.getRow(1).getCell(10).value).toBe(lang === 'zh-CN' ? '型号' : 'Model');
    const sheet = readRows(await loadTable(buf, 'xlsx'), IMPORT_COLUMN_SPECS);
    expect(sheet.unknownHeaders).toEqual([]);
    const { groups, errors } = parseOrderSheets([{ sheet }]);
    expect(errors).toEqual([]);
    expect(groups).toHaveLength(1);
    expect(
      groups[0]!.lines.map((l) => [l.model, l.qty, l.unitPrice, l.statedAmount, l.requestedDate]),
    ).toEqual([
      ['M-100', 100, 1250, 125000, '2026-03-31'],
      ['M-200', 50, 2400, 120000, '2026-03-31'],
    ]);
    expect(groups[0]!.fields.statedTotal).toBe(245000);
  });
});
