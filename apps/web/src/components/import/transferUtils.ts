import type { QueryValue } from '../../api/client';

/** Pure helpers of the file transfers (no DOM, no i18n), unit-tested in transferUtils.test.ts. */

/** `path?query`, dropping empty values (same rules as the JSON client). */
export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  if (!qs) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${qs}`;
}

/**
 * The file name in a Content-Disposition header: the RFC 5987 `filename*=UTF-8''…` form when
 * present (it carries Chinese names), else the plain `filename="…"`.
 */
export function filenameFromDisposition(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // malformed escape: fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(header);
  return plain?.[1]?.trim() || undefined;
}

export interface RowError {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

function isRowError(value: unknown): value is RowError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.row === 'number' &&
    (v.column === null || v.column === undefined || typeof v.column === 'string') &&
    typeof v.code === 'string' &&
    typeof v.message === 'string'
  );
}

/**
 * The per-row errors of a refused import: the `details` of a 422 IMPORT_INVALID are
 * `{ errors: [{row, column, code, message}] }` (a bare array is accepted too). Null when the
 * details hold no such list.
 */
export function rowErrorsFromDetails(details: unknown): RowError[] | null {
  const list: unknown =
    typeof details === 'object' && details !== null && !Array.isArray(details)
      ? (details as Record<string, unknown>).errors
      : details;
  if (!Array.isArray(list)) return null;
  const errors = list.filter(isRowError).map((e) => ({ ...e, column: e.column ?? null }));
  return errors.length > 0 ? errors : null;
}

/** Human file size: 532 B, 12.4 KB, 3.1 MB. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${String(bytes)} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Whether a file name ends with one of the accepted extensions (`.xlsx,.csv`). */
export function hasAcceptedExtension(name: string, accept: string): boolean {
  const lower = name.toLowerCase();
  return accept
    .split(',')
    .map((a) => a.trim().toLowerCase())
    .filter((a) => a.startsWith('.'))
    .some((ext) => lower.endsWith(ext));
}
