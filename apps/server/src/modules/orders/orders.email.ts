import { simpleParser } from 'mailparser';
import { Parser } from 'htmlparser2';
import { fileTypeFromBuffer } from 'file-type';
import { AppError } from '../../lib/errors';
import { loadTable, SheetFormatError } from '../../lib/xlsx';
import { readOrderTable, sheetFromTable } from './orders.import-columns';
import type { SheetSource } from './orders.import';

/**
 * Orders by e-mail: reading a `.eml` (mailparser) and finding the order lines in it — an xlsx or
 * csv attachment, else a table in the HTML body, else a tab- or pipe-separated table in the text
 * body. The lines then go through the same parser as a file import (orders.import.ts).
 */

export class EmailFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmailFormatError';
  }
}

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface ParsedEmail {
  /** The sender's address, lower-cased. */
  from: string | null;
  fromName: string | null;
  subject: string;
  /** The Date header as an ISO instant. */
  date: string | null;
  messageId: string | null;
  html: string | null;
  text: string | null;
  attachments: EmailAttachment[];
}

/** Parses a raw message. Throws EmailFormatError when it has none of the headers a mail has. */
export async function readEmail(raw: Buffer): Promise<ParsedEmail> {
  let mail;
  try {
    mail = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (err) {
    throw new EmailFormatError(err instanceof Error ? err.message : String(err));
  }
  const sender = mail.from?.value[0];
  const hasHeaders = ['from', 'subject', 'date', 'message-id', 'to', 'mime-version'].some((h) =>
    mail.headers.has(h),
  );
  if (!hasHeaders) throw new EmailFormatError('no mail headers');
  const date = mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null;
  return {
    from: sender?.address ? sender.address.toLowerCase() : null,
    fromName: sender?.name || null,
    subject: mail.subject ?? '',
    date,
    messageId: mail.messageId ?? null,
    html: typeof mail.html === 'string' ? mail.html : null,
    text: mail.text ?? null,
    attachments: mail.attachments
      .filter((a) => !a.related)
      .map((a) => ({ filename: a.filename ?? '', contentType: a.contentType, content: a.content })),
  };
}

// The subject

/** Customer codes written in brackets in a subject: "[C001] 订单" → ["C001"]. */
export function subjectCustomerCodes(subject: string): string[] {
  return [...subject.matchAll(/[[【]\s*([A-Za-z0-9][A-Za-z0-9._-]{0,31})\s*[\]】]/g)].map((m) => m[1]!);
}

/** A customer PO number named in a subject: "PO 4500012345", "PO#A-17", "订单号：X1". */
export function subjectPo(subject: string): string | null {
  const m =
    /(?:\bP\.?O\.?(?![A-Za-z])(?:\s*(?:No\.?|Number|号))?|订单号|采购单号|采购订单号?)\s*[#:：.-]?\s*([A-Za-z0-9][A-Za-z0-9._/-]{0,63})/i.exec(
      subject,
    );
  return m?.[1] ?? null;
}

// Tables in the body

function cleanCell(text: string): string {
  return text
    .replace(/\u00a0/g, ' ')
    .split(/\n/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Every table of an HTML document as rows of cell texts (nested tables come out on their own). */
export function htmlTables(html: string): string[][][] {
  interface Open {
    rows: string[][];
    row: string[] | null;
    cell: string | null;
    span: number;
  }
  const tables: string[][][] = [];
  const stack: Open[] = [];
  let skip = 0;
  const endCell = (t: Open) => {
    if (t.cell === null) return;
    t.row ??= [];
    t.row.push(cleanCell(t.cell));
    for (let i = 1; i < t.span; i++) t.row.push('');
    t.cell = null;
  };
  const endRow = (t: Open) => {
    endCell(t);
    if (t.row) t.rows.push(t.row);
    t.row = null;
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === 'style' || name === 'script') skip++;
        if (name === 'table') {
          stack.push({ rows: [], row: null, cell: null, span: 1 });
          return;
        }
        const t = stack.at(-1);
        if (!t) return;
        if (name === 'tr') {
          endRow(t);
          t.row = [];
        } else if (name === 'td' || name === 'th') {
          endCell(t);
          t.cell = '';
          const span = Number(attrs.colspan ?? 1);
          t.span = Number.isInteger(span) && span > 1 ? Math.min(span, 50) : 1;
        } else if ((name === 'br' || name === 'p' || name === 'div' || name === 'li') && t.cell !== null) {
          t.cell += '\n';
        }
      },
      ontext(text) {
        const t = stack.at(-1);
        if (t && t.cell !== null && skip === 0) t.cell += text;
      },
      onclosetag(name) {
        if (name === 'style' || name === 'script') skip = Math.max(0, skip - 1);
        const t = stack.at(-1);
        if (!t) return;
        if (name === 'td' || name === 'th') endCell(t);
        else if (name === 'tr') endRow(t);
        else if (name === 'table') {
          endRow(t);
          stack.pop();
          if (t.rows.length > 0) tables.push(t.rows);
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return tables;
}

const MARKDOWN_RULE = /^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$/;

function splitTextRow(line: string): { delimiter: 'tab' | 'pipe'; cells: string[] } | null {
  if (line.includes('\t')) return { delimiter: 'tab', cells: line.split('\t').map((c) => c.trim()) };
  if ((line.match(/\|/g) ?? []).length >= 1) {
    const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
    const cells = inner.split('|').map((c) => c.trim());
    if (cells.length >= 2) return { delimiter: 'pipe', cells };
  }
  return null;
}

/** Tables in plain text: runs of tab-separated or pipe-separated lines (quoted `>` lines ignored). */
export function textTables(text: string): string[][][] {
  const tables: string[][][] = [];
  let current: string[][] = [];
  let delimiter: 'tab' | 'pipe' | null = null;
  const flush = () => {
    if (current.length > 0) tables.push(current);
    current = [];
    delimiter = null;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line.trimStart().startsWith('>')) {
      flush();
      continue;
    }
    if (MARKDOWN_RULE.test(line.trim()) && delimiter === 'pipe') continue;
    const split = splitTextRow(line);
    if (!split || (delimiter !== null && split.delimiter !== delimiter)) {
      flush();
      if (!split) continue;
    }
    delimiter = split.delimiter;
    current.push(split.cells);
  }
  flush();
  return tables;
}

/**
 * The first row (of the first ten) that reads as an order-lines header — it names at least the
 * model and quantity columns — or null.
 */
export function findHeaderRow(table: readonly (readonly string[])[]): number | null {
  for (let i = 0; i < Math.min(10, table.length); i++) {
    const { letters } = sheetFromTable(table.slice(i, i + 1));
    if ('model' in letters && 'qty' in letters) return i + 1;
  }
  return null;
}

/** Tables that hold order lines, as sheet sources. */
export function tableSources(tables: readonly string[][][], kind: 'html' | 'text'): SheetSource[] {
  const out: SheetSource[] = [];
  tables.forEach((table, i) => {
    const header = findHeaderRow(table);
    if (header === null) return;
    const name = kind === 'html' ? `table ${i + 1}` : `text table ${i + 1}`;
    out.push({ sheet: sheetFromTable(table, header), name });
  });
  return out;
}

export type LinesSource = 'attachment' | 'html' | 'text' | 'none';

/** What kind of spreadsheet an attachment is, by content (xlsx) or by name and text (csv). */
export async function spreadsheetKind(a: EmailAttachment): Promise<'xlsx' | 'csv' | null> {
  const detected = await fileTypeFromBuffer(a.content);
  if (detected?.ext === 'xlsx') return 'xlsx';
  if (detected) return null;
  const csvByName = /\.csv$/i.test(a.filename);
  const csvByType = /^text\/(csv|comma-separated-values)/i.test(a.contentType);
  return (csvByName || csvByType) && !a.content.includes(0) ? 'csv' : null;
}

/**
 * The order lines of a mail: every xlsx/csv attachment; without one, the HTML tables that have an
 * order-lines header; without those, such tables in the text body. An attachment that cannot be
 * read is a SheetFormatError (400), not silently skipped.
 */
export async function emailSources(
  mail: ParsedEmail,
): Promise<{ source: LinesSource; sources: SheetSource[] }> {
  const sheets: SheetSource[] = [];
  for (const a of mail.attachments) {
    const kind = await spreadsheetKind(a);
    if (!kind) continue;
    let table;
    try {
      table = await loadTable(a.content, kind);
    } catch (err) {
      if (err instanceof AppError) throw err;
      const reason = err instanceof Error ? err.message : String(err);
      throw new SheetFormatError(`${a.filename || kind}: ${reason}`);
    }
    sheets.push({ sheet: readOrderTable(table), name: a.filename || kind });
  }
  if (sheets.length > 0) return { source: 'attachment', sources: sheets };
  if (mail.html) {
    const html = tableSources(htmlTables(mail.html), 'html');
    if (html.length > 0) return { source: 'html', sources: html };
  }
  if (mail.text) {
    const text = tableSources(textTables(mail.text), 'text');
    if (text.length > 0) return { source: 'text', sources: text };
  }
  return { source: 'none', sources: [] };
}
