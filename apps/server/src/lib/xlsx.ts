import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { formatBytes } from './bytes';
import { AppError } from './errors';

/**
 * Reading and writing spreadsheets, always through exceljs (xlsx and csv). Imports read a sheet
 * into rows keyed by column, with the 1-based spreadsheet row number kept for error reports.
 */

export type CellValue = string | number | boolean | Date | null;

export interface SheetRow {
  /** The row number as the user sees it in Excel (header is row 1). */
  rowNumber: number;
  /** Values by canonical column key. */
  values: Record<string, CellValue>;
}

export interface ColumnSpec {
  /** Canonical key, e.g. `customerPo`. */
  key: string;
  /** Header names accepted for it, matched case- and space-insensitively (zh and en). */
  headers: readonly string[];
  required?: boolean;
}

export interface ReadSheet {
  /** Keys of the columns found, in sheet order. */
  columns: string[];
  /** Header cells that matched no column (reported, not fatal). */
  unknownHeaders: string[];
  /** Required columns missing from the header row. */
  missingColumns: string[];
  rows: SheetRow[];
  /** The column letter (A, B, …) of each key, for error messages. */
  letters: Record<string, string>;
}

export class SheetFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SheetFormatError';
  }
}

function normaliseHeader(h: string): string {
  return h.replace(/[\s_*（）()]/g, '').toLowerCase();
}

/** Flattens exceljs cell values (rich text, formulas, hyperlinks, errors) into plain values. */
export function plainCellValue(v: ExcelJS.CellValue): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText))
      return plainCellValue(v.richText.map((r) => r.text).join(''));
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: ExcelJS.CellValue }).result;
      return result === undefined ? null : plainCellValue(result);
    }
    if ('text' in v && typeof v.text === 'string') return plainCellValue(v.text);
    if ('error' in v) return null;
  }
  return null;
}

export function columnLetter(index1: number): string {
  let n = index1;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

/**
 * CSV text: UTF-8 when the bytes are valid UTF-8, else GB18030 (what Excel on Chinese Windows
 * writes by default, a superset of GBK and GB2312).
 */
export function decodeCsvText(buffer: Buffer): string {
  try {
    return utf8Strict.decode(buffer);
  } catch {
    return gb18030.decode(buffer);
  }
}

/**
 * A csv field as a cell value: empty → null, a plain decimal → number, TRUE/FALSE → boolean, else
 * the text. Unlike exceljs's default it keeps codes as text (`00123`, `1E5`, `0x1F`, numbers too
 * long to be exact) and leaves dates as text for `cellDate` (exceljs would parse them in the
 * server's local time zone and shift the day east of UTC).
 */
export function csvCell(datum: string): CellValue {
  if (datum === '') return null;
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(datum)) return Number(datum);
  if (/^true$/i.test(datum)) return true;
  if (/^false$/i.test(datum)) return false;
  return datum;
}

/** Loads the first worksheet of an xlsx or csv file. Throws SheetFormatError when unreadable. */
export async function loadWorksheet(buffer: Buffer, format: 'xlsx' | 'csv'): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  try {
    if (format === 'xlsx') {
      await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    } else {
      let text = decodeCsvText(buffer);
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      await wb.csv.read(Readable.from([text]), { parserOptions: { trim: true }, map: csvCell });
    }
  } catch (err) {
    throw new SheetFormatError(err instanceof Error ? err.message : String(err));
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new SheetFormatError('no worksheet');
  return ws;
}

/** One non-empty row of a sheet: its 1-based number and its plain cell values (index = column − 1). */
export interface TableRow {
  rowNumber: number;
  cells: CellValue[];
}

/** A worksheet's non-empty rows as plain values. */
export function worksheetTable(ws: ExcelJS.Worksheet): TableRow[] {
  const rows: TableRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => rows.push({ rowNumber, cells: rowCells(row) }));
  return rows;
}

function rowCells(row: ExcelJS.Row): CellValue[] {
  const cells: CellValue[] = [];
  row.eachCell({ includeEmpty: false }, (cell, col) => {
    const v = plainCellValue(cell.value);
    if (v !== null) cells[col - 1] = v;
  });
  return cells;
}

/**
 * The first worksheet of an xlsx or csv file as plain rows. Throws SheetFormatError when
 * unreadable. An xlsx is read with exceljs's streaming reader, which keeps one row at a time
 * instead of the whole workbook model (for a 10,000-row order file it takes about half the time
 * and a fraction of the garbage); the whole-workbook reader takes over where the streaming one
 * cannot give the same cells (see `streamXlsxTable`).
 */
export async function loadTable(buffer: Buffer, format: 'xlsx' | 'csv'): Promise<TableRow[]> {
  if (format === 'xlsx') {
    const { inlineStrings } = await inspectXlsx(buffer);
    // exceljs's streaming reader keeps only the last run of an inline rich text and decodes
    // entities in inline text twice: such sheets go to the whole-workbook reader.
    const streamed = inlineStrings ? null : await streamXlsxTable(buffer).catch(() => null);
    if (streamed) return streamed;
  }
  return worksheetTable(await loadWorksheet(buffer, format));
}

/**
 * How much an xlsx may unpack to. A 10,000-line order file unpacks to about 3 MB; the upload cap
 * (25 MB by default) lets a file through that would unpack to gigabytes.
 */
export const XLSX_MAX_UNPACKED_BYTES = 256 * 1024 * 1024;

const INLINE_STRING = Buffer.from('inlineStr');

/**
 * Looks into an xlsx before any spreadsheet reader inflates it, and refuses a zip that unpacks to
 * more than `max` bytes (a "zip bomb": a small upload that would fill memory or disk): the sizes
 * its directory declares must add up to at most `max` (else 413 FILE_UNPACKS_TOO_LARGE), and each
 * entry is inflated once to check that it holds no more than it declares (yauzl stops an entry
 * the moment it does; a SheetFormatError, as for any broken zip). Tells whether a worksheet holds
 * inline strings (cells of type `inlineStr`, which some generators write instead of shared ones).
 */
export async function inspectXlsx(
  buffer: Buffer,
  max = XLSX_MAX_UNPACKED_BYTES,
): Promise<{ inlineStrings: boolean }> {
  let declared = 0;
  let inlineStrings = false;
  try {
    const zip = await yauzl.fromBufferPromise(buffer);
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      declared += entry.uncompressedSize;
      if (declared > max) break;
      const worksheet = entry.fileName.startsWith('xl/worksheets/');
      // The end of the previous chunk, so that a match across two chunks is found too.
      let tail: Buffer = Buffer.alloc(0);
      for await (const chunk of (await zip.openReadStreamPromise(entry)) as AsyncIterable<Buffer>) {
        if (!worksheet || inlineStrings) continue;
        const across = Buffer.concat([tail, chunk.subarray(0, INLINE_STRING.length - 1)]);
        inlineStrings = chunk.includes(INLINE_STRING) || across.includes(INLINE_STRING);
        tail = chunk.subarray(Math.max(0, chunk.length - INLINE_STRING.length + 1));
      }
    }
  } catch (err) {
    throw new SheetFormatError(err instanceof Error ? err.message : String(err));
  }
  if (declared > max) {
    throw new AppError('FILE_UNPACKS_TOO_LARGE', { limit: formatBytes(max) });
  }
  return { inlineStrings };
}

/**
 * Reads the first worksheet (in the workbook's order, as `loadWorksheet` does) with exceljs's
 * streaming reader, or returns null where its cells could differ from the whole-workbook
 * reader's, which then reads the file. It must not be given inline strings (`inspectXlsx` tells),
 * which it reads wrongly; otherwise that is where:
 * - there is no shared-strings part (a sheet of numbers only, or text written some other way);
 * - the sheet was read before the styles part (zip order), so date formats were not yet known;
 * - the first sheet cannot be told (no workbook part, or sheets outside `xl/worksheets/`).
 * Unreadable input throws; `loadTable` then lets the whole-workbook reader try, whose error is
 * the one reported.
 */
export async function streamXlsxTable(buffer: Buffer): Promise<TableRow[] | null> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'emit',
  });
  const internals = reader as unknown as StreamReaderInternals;
  let stylesRead = false;
  let sheetBeforeStyles = false;
  internals.on('entry', (e) => {
    if (e.type === 'styles') stylesRead = true;
    else if (e.type === 'worksheet' && !stylesRead) sheetBeforeStyles = true;
  });
  let table: TableRow[] | null = null;
  for await (const ws of reader) {
    const first = internals.model?.sheets?.[0];
    const wanted = first !== undefined && (ws as unknown as { name?: string }).name === first.name;
    const rows: TableRow[] = [];
    for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
      if (!wanted) continue;
      const cells = rowCells(row);
      if (cells.length > 0) rows.push({ rowNumber: row.number, cells });
    }
    if (wanted) table = rows;
  }
  const sharedStrings = Array.isArray(internals.sharedStrings);
  if (!table || !sharedStrings || (sheetBeforeStyles && stylesRead)) return null;
  return table;
}

/**
 * What exceljs's streaming reader has, untyped in its declarations: the parts it has read (the
 * workbook's sheet list, the shared strings) and, as an EventEmitter, an `entry` event per part.
 */
interface StreamReaderInternals {
  model?: { sheets?: { name: string }[] };
  sharedStrings?: unknown[];
  on(event: 'entry', listener: (entry: { type: string }) => void): void;
}

/** Reads rows under a header row, mapping headers to column keys. Blank rows are skipped. */
export function readRows(
  table: readonly TableRow[],
  columns: readonly ColumnSpec[],
  headerRow = 1,
): ReadSheet {
  const byHeader = new Map<string, string>();
  for (const c of columns) for (const h of [c.key, ...c.headers]) byHeader.set(normaliseHeader(h), c.key);
  const header = table.find((r) => r.rowNumber === headerRow)?.cells ?? [];
  const colKey = new Map<number, string>();
  const letters: Record<string, string> = {};
  const unknownHeaders: string[] = [];
  header.forEach((text, index) => {
    if (text === null || text === undefined) return;
    const key = byHeader.get(normaliseHeader(String(text)));
    if (key && !(key in letters)) {
      colKey.set(index, key);
      letters[key] = columnLetter(index + 1);
    } else if (!key) {
      unknownHeaders.push(String(text));
    }
  });
  const missingColumns = columns.filter((c) => c.required && !(c.key in letters)).map((c) => c.key);
  const rows: SheetRow[] = [];
  for (const { rowNumber, cells } of table) {
    if (rowNumber <= headerRow) continue;
    const values: Record<string, CellValue> = {};
    let any = false;
    for (const [index, key] of colKey) {
      const v = cells[index] ?? null;
      values[key] = v;
      if (v !== null) any = true;
    }
    if (any) rows.push({ rowNumber, values });
  }
  return { columns: [...colKey.values()], unknownHeaders, missingColumns, rows, letters };
}

export interface SheetSpec<T> {
  name: string;
  columns: { header: string; key: keyof T & string; width?: number; numFmt?: string }[];
  rows: readonly T[];
  /** Extra rows above the data, e.g. notes on a template. */
  notes?: string[];
}

/** Writes a workbook with one sheet per spec: bold frozen header row, autofilter. */
export async function writeWorkbook(sheets: SheetSpec<Record<string, unknown>>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gendan';
  wb.created = new Date();
  for (const spec of sheets) {
    const ws = wb.addWorksheet(spec.name.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = spec.columns.map((c) => ({
      header: c.header,
      key: c.key,
      width: c.width ?? Math.max(12, c.header.length * 2 + 2),
      ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}),
    }));
    ws.getRow(1).font = { bold: true };
    for (const r of spec.rows) ws.addRow(r);
    if (spec.columns.length > 0) {
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: spec.columns.length } };
    }
    if (spec.notes?.length) {
      const notes = wb.addWorksheet(`${spec.name.slice(0, 24)} notes`);
      spec.notes.forEach((n) => notes.addRow([n]));
      notes.getColumn(1).width = 120;
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition for a generated download (ASCII fallback plus UTF-8 name). */
export function attachmentHeader(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

// Cell conversions for imports: each returns the value, null for an empty cell, or INVALID.

export const INVALID: unique symbol = Symbol('invalid cell');
export type Invalid = typeof INVALID;

export function cellText(v: CellValue): string | null {
  if (v === null) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim() || null;
}

/** Integer from a cell; accepts "1,000". */
export function cellInt(v: CellValue): number | null | Invalid {
  if (v === null) return null;
  const n = typeof v === 'number' ? v : Number(String(v).replace(/,/g, ''));
  return Number.isInteger(n) ? n : INVALID;
}

/** A decimal amount in major units ("12.50") to minor units (1250); at most two decimals. */
export function cellMoney(v: CellValue): number | null | Invalid {
  if (v === null) return null;
  const text = typeof v === 'number' ? String(v) : String(v).replace(/[,¥$￥\s]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) return INVALID;
  const minor = Math.round(Number(text) * 100);
  if (Math.abs(minor - Number(text) * 100) > 1e-6 || minor < 0) return INVALID;
  return minor;
}

/** A business date from a date cell, an Excel serial number or "YYYY-MM-DD" / "YYYY/M/D" text. */
export function cellDate(v: CellValue): string | null | Invalid {
  if (v === null) return null;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? INVALID : v.toISOString().slice(0, 10);
  if (typeof v === 'number') {
    if (v < 1 || v > 2958465) return INVALID;
    return new Date(Date.UTC(1899, 11, 30) + Math.round(v) * 86_400_000).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(String(v).trim());
  if (!m) return INVALID;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : INVALID;
}

/** A percentage cell: 5, "5", "5%" or 0.05 formatted as percent are all 5 %. */
export function cellPercent(v: CellValue): number | null | Invalid {
  if (v === null) return null;
  const text = String(v).trim();
  const n = Number(text.replace('%', ''));
  if (!Number.isFinite(n) || n < 0 || n > 100) return INVALID;
  return Math.round(n * 100) / 100;
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'y', 'on', '是', '启用', '有效', '√', '✓']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'n', 'off', '否', '停用', '无效', '×', '✗']);

/** A yes/no cell: TRUE/FALSE, 1/0, yes/no, 是/否, 启用/停用 (case-insensitive). */
export function cellBool(v: CellValue): boolean | null | Invalid {
  if (v === null) return null;
  if (typeof v === 'boolean') return v;
  const text = String(v).trim().toLowerCase();
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  return INVALID;
}
