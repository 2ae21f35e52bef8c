import { formatMessage, type ImportError, type Language } from '@gendan/contracts';
import {
  cellBool,
  cellDate,
  cellInt,
  cellMoney,
  cellPercent,
  cellText,
  INVALID,
  type CellValue,
  type ColumnSpec,
  type ReadSheet,
} from '../../lib/xlsx';

/**
 * Spreadsheet columns of the master-data imports and exports, and the pure steps shared by all
 * of them: header text (zh + en), cell conversion, row errors by row and column in the caller's
 * language. The sheet is the truth for the columns it holds; columns it lacks leave values as
 * they are.
 */

export type CellKind = 'text' | 'int' | 'money' | 'percent' | 'date' | 'bool' | 'choice' | 'specs';

export interface Choice {
  value: string;
  zh: string;
  en: string;
}

export interface SheetColumn {
  key: string;
  zh: string;
  en: string;
  kind: CellKind;
  /** The column must be in the file and its cells filled. */
  required?: boolean;
  choices?: readonly Choice[];
  noteZh: string;
  noteEn: string;
  width?: number;
}

/** `*客户编码 (Code)`: the header written in templates and exports. */
export function headerText(col: SheetColumn): string {
  return `${col.required ? '*' : ''}${col.zh} (${col.en})`;
}

/** Headers accepted for a column: zh, en, or both as written by `headerText` (with or without *). */
export function columnSpecs(cols: readonly SheetColumn[]): ColumnSpec[] {
  return cols.map((c) => ({
    key: c.key,
    headers: [c.zh, c.en, `${c.zh}${c.en}`],
    ...(c.required ? { required: true } : {}),
  }));
}

/** `B 客户名称` / `B Name`: how an error names its column. */
export function columnLabel(col: SheetColumn, letter: string | undefined, lang: Language): string {
  const name = lang === 'en' ? col.en : col.zh;
  return letter ? `${letter} ${name}` : name;
}

// Messages of row errors

const MESSAGES: Record<string, { 'zh-CN': string; en: string }> = {
  MISSING_COLUMN: { 'zh-CN': '缺少必需的列「{column}」', en: 'The required column "{column}" is missing' },
  NO_ROWS: { 'zh-CN': '文件中没有数据行', en: 'The file has no data rows' },
  TOO_MANY_ROWS: { 'zh-CN': '文件超过 {limit} 行的上限', en: 'The file has more than {limit} rows' },
  REQUIRED: { 'zh-CN': '必填', en: 'Required' },
  INVALID_TEXT: { 'zh-CN': '不能包含控制字符（NUL）', en: 'Must not contain control characters (NUL)' },
  INVALID_INTEGER: { 'zh-CN': '应为整数，实际为「{value}」', en: 'Must be a whole number, got "{value}"' },
  INVALID_MONEY: {
    'zh-CN': '应为金额（不为负，最多两位小数，如 12.50），实际为「{value}」',
    en: 'Must be an amount (not negative, at most two decimals, e.g. 12.50), got "{value}"',
  },
  INVALID_PERCENT: {
    'zh-CN': '应为 0–100 之间的百分比，实际为「{value}」',
    en: 'Must be a percentage between 0 and 100, got "{value}"',
  },
  INVALID_DATE: {
    'zh-CN': '应为日期（YYYY-MM-DD），实际为「{value}」',
    en: 'Must be a date (YYYY-MM-DD), got "{value}"',
  },
  INVALID_BOOLEAN: {
    'zh-CN': '应为「是」或「否」，实际为「{value}」',
    en: 'Must be yes or no, got "{value}"',
  },
  INVALID_CHOICE: {
    'zh-CN': '应为以下之一：{choices}；实际为「{value}」',
    en: 'Must be one of: {choices}; got "{value}"',
  },
  INVALID_SPECS: {
    'zh-CN': '规格应写成「材质=钢; 颜色=红」，无法识别「{value}」',
    en: 'Specs must read like "material=steel; colour=red"; cannot read "{value}"',
  },
  INVALID_VALUE: { 'zh-CN': '{reason}', en: '{reason}' },
  DUPLICATE_KEY: {
    'zh-CN': '「{value}」在第 {firstRow} 行已出现',
    en: '"{value}" already appears in row {firstRow}',
  },
  UNKNOWN_REFERENCE: { 'zh-CN': '{entity}「{value}」不存在', en: '{entity} "{value}" does not exist' },
  INCONSISTENT: {
    'zh-CN': '同一{entity}的各行此列应相同：第 {firstRow} 行为「{expected}」，此处为「{value}」',
    en: 'Rows of one {entity} must agree here: row {firstRow} has "{expected}", this row "{value}"',
  },
  KIND_MISMATCH: {
    'zh-CN': '这里只能导入{expected}，此行为「{value}」',
    en: 'Only {expected} rows can be imported here; this row is "{value}"',
  },
  STATUS_CHANGE: {
    'zh-CN': '状态不能从「{from}」改为「{to}」',
    en: 'The status cannot go from {from} to {to}',
  },
};

export type RowErrorCode = keyof typeof MESSAGES;

/** A row error before it is put into words: which row, which column key, what. */
export interface RowIssue {
  row: number;
  key: string | null;
  code: RowErrorCode;
  params?: Record<string, unknown>;
}

/** Puts row issues into words for the caller, sorted by row then column. */
export function describeIssues(
  issues: readonly RowIssue[],
  cols: readonly SheetColumn[],
  letters: Readonly<Record<string, string>>,
  lang: Language,
): ImportError[] {
  const byKey = new Map(cols.map((c) => [c.key, c]));
  const order = new Map(cols.map((c, i) => [c.key, i]));
  // One error per cell: the first found (a cell's own conversion error before later checks).
  const seen = new Set<string>();
  const unique = issues.filter((i) => {
    if (i.key === null) return true;
    const id = `${i.row}\u0000${i.key}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  return unique
    .sort(
      (a, b) =>
        a.row - b.row ||
        (letters[a.key ?? '']?.length ?? 0) - (letters[b.key ?? '']?.length ?? 0) ||
        (letters[a.key ?? ''] ?? '').localeCompare(letters[b.key ?? ''] ?? '') ||
        (order.get(a.key ?? '') ?? -1) - (order.get(b.key ?? '') ?? -1),
    )
    .map((i) => {
      const col = i.key ? byKey.get(i.key) : undefined;
      const template = MESSAGES[i.code] ?? MESSAGES.INVALID_VALUE!;
      const params = { ...i.params };
      if (typeof params.reasonZh === 'string' && typeof params.reasonEn === 'string') {
        params.reason = lang === 'en' ? params.reasonEn : params.reasonZh;
      }
      for (const [k, v] of Object.entries(params)) {
        if (v && typeof v === 'object' && 'zh-CN' in v && 'en' in v)
          params[k] = (v as Record<Language, string>)[lang];
      }
      return {
        row: i.row,
        column: col ? columnLabel(col, letters[col.key], lang) : null,
        code: i.code,
        message: formatMessage(template[lang], params),
      };
    });
}

/** Both languages of a word used in a message parameter. */
export const word = (zh: string, en: string) => ({ 'zh-CN': zh, en });

// Cell values

const norm = (s: string) => s.replace(/[\s_\-（）()]/g, '').toLowerCase();

export function matchChoice(choices: readonly Choice[], text: string): string | undefined {
  const t = norm(text);
  return choices.find((c) => norm(c.value) === t || norm(c.zh) === t || norm(c.en) === t)?.value;
}

export function choiceLabel(choices: readonly Choice[], value: string, lang: Language): string {
  const c = choices.find((x) => x.value === value);
  return c ? (lang === 'en' ? c.en : c.zh) : value;
}

/** `材质=钢; 颜色=红` (also `；`, line breaks, `＝`) to `{材质: '钢', 颜色: '红'}`; undefined if malformed. */
export function parseSpecs(text: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of text.split(/[;；\n]/)) {
    const item = part.trim();
    if (!item) continue;
    const m = /^([^=＝]+)[=＝](.*)$/.exec(item);
    const key = m?.[1]?.trim();
    if (!m || !key || Object.hasOwn(out, key)) return undefined;
    out[key] = (m[2] ?? '').trim();
  }
  return out;
}

export function formatSpecs(specs: Readonly<Record<string, string>> | null | undefined): string {
  return Object.entries(specs ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join('; ');
}

export type Converted =
  { ok: true; value: unknown } | { ok: false; code: RowErrorCode; params: Record<string, unknown> };

const shown = (v: CellValue) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v));

/** Converts one cell by its column kind; an empty cell is `null`. */
export function convertCell(col: SheetColumn, v: CellValue): Converted {
  if (v === null) return { ok: true, value: null };
  const bad = (code: RowErrorCode, extra: Record<string, unknown> = {}): Converted => ({
    ok: false,
    code,
    params: { value: shown(v).slice(0, 100), ...extra },
  });
  const pick = <T>(x: T | null | typeof INVALID, code: RowErrorCode): Converted =>
    x === INVALID ? bad(code) : { ok: true, value: x };
  switch (col.kind) {
    case 'text': {
      const t = cellText(v);
      return t?.includes('\u0000') ? bad('INVALID_TEXT') : { ok: true, value: t };
    }
    case 'int':
      return pick(cellInt(v), 'INVALID_INTEGER');
    case 'money':
      return pick(cellMoney(v), 'INVALID_MONEY');
    case 'percent':
      return pick(cellPercent(v), 'INVALID_PERCENT');
    case 'date':
      return pick(cellDate(v), 'INVALID_DATE');
    case 'bool':
      return pick(cellBool(v), 'INVALID_BOOLEAN');
    case 'choice': {
      const choices = col.choices ?? [];
      const value = matchChoice(choices, shown(v));
      if (value !== undefined) return { ok: true, value };
      return bad('INVALID_CHOICE', {
        choices: word(choices.map((c) => c.zh).join('、'), choices.map((c) => c.en).join(', ')),
      });
    }
    case 'specs': {
      const text = shown(v);
      if (text.includes('\u0000')) return bad('INVALID_TEXT');
      const specs = parseSpecs(text);
      return specs ? { ok: true, value: specs } : bad('INVALID_SPECS');
    }
  }
}

export interface ParsedRow {
  row: number;
  /** Converted values of the columns the file holds (null for an empty cell). */
  values: Record<string, unknown>;
  /** Keys whose cell could not be converted (their value is absent from `values`). */
  invalid: Set<string>;
}

export const MAX_IMPORT_ROWS = 20_000;

/**
 * Converts every cell of a read sheet. File-level problems (missing columns, no rows, too many)
 * come back as issues of row 1 and no rows.
 */
export function parseSheet(
  sheet: ReadSheet,
  cols: readonly SheetColumn[],
): { rows: ParsedRow[]; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const byKey = new Map(cols.map((c) => [c.key, c]));
  for (const key of sheet.missingColumns) {
    const col = byKey.get(key);
    issues.push({
      row: 1,
      key: null,
      code: 'MISSING_COLUMN',
      params: { column: col ? word(col.zh, col.en) : key },
    });
  }
  if (issues.length) return { rows: [], issues };
  if (sheet.rows.length === 0) return { rows: [], issues: [{ row: 1, key: null, code: 'NO_ROWS' }] };
  if (sheet.rows.length > MAX_IMPORT_ROWS) {
    return {
      rows: [],
      issues: [{ row: 1, key: null, code: 'TOO_MANY_ROWS', params: { limit: MAX_IMPORT_ROWS } }],
    };
  }
  const rows = sheet.rows.map((r) => {
    const parsed: ParsedRow = { row: r.rowNumber, values: {}, invalid: new Set() };
    for (const key of sheet.columns) {
      const col = byKey.get(key);
      if (!col) continue;
      const c = convertCell(col, r.values[key] ?? null);
      if (c.ok) {
        parsed.values[key] = c.value;
        if (c.value === null && col.required) issues.push({ row: r.rowNumber, key, code: 'REQUIRED' });
      } else {
        parsed.invalid.add(key);
        issues.push({ row: r.rowNumber, key, code: c.code, params: c.params });
      }
    }
    return parsed;
  });
  return { rows, issues };
}

/**
 * Finds rows whose key repeats an earlier row's; reports each repeat on the key column.
 * Rows with an empty or invalid key are left out of the map.
 */
export function duplicateKeys(rows: readonly ParsedRow[], key: string): RowIssue[] {
  const first = new Map<string, number>();
  const issues: RowIssue[] = [];
  for (const r of rows) {
    const v = r.values[key];
    if (typeof v !== 'string') continue;
    const seen = first.get(v);
    if (seen === undefined) first.set(v, r.row);
    else issues.push({ row: r.row, key, code: 'DUPLICATE_KEY', params: { value: v, firstRow: seen } });
  }
  return issues;
}

/** The notes sheet of a template: one line per column (zh / en), then general rules. */
export function templateNotes(cols: readonly SheetColumn[], extra: readonly string[]): string[] {
  return [
    '说明 / Notes',
    '带 * 的列必填。/ Columns marked * are required.',
    ...extra,
    '',
    ...cols.map((c) => `${headerText(c)}: ${c.noteZh} / ${c.noteEn}`),
  ];
}
