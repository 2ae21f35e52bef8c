import { formatNumber } from '@gendan/contracts/numbering';

/** `{seq}` or `{seq:N}` must appear in every numbering pattern (same rule as the server's schema). */
export const SEQ_PATTERN = /\{seq(:\d{1,2})?\}/;
export const DOC_TYPE_PATTERN = /^[a-z_]{1,32}$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** What a pattern's first number would look like on `date`, e.g. `SO{yyyy}{MM}-{seq:5}` → `SO202611-00001`. */
export function numberingExample(pattern: string, date: Date = new Date()): string {
  const parts = { yyyy: String(date.getFullYear()), MM: pad(date.getMonth() + 1), dd: pad(date.getDate()) };
  return formatNumber(pattern, parts, 1);
}

export interface NumberingRow {
  docType: string;
  pattern: string;
}

export function numberingToRows(numbering: Record<string, string>): NumberingRow[] {
  return Object.entries(numbering)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([docType, pattern]) => ({ docType, pattern }));
}

export function rowsToNumbering(rows: readonly NumberingRow[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of rows) out[row.docType.trim()] = row.pattern.trim();
  return out;
}
