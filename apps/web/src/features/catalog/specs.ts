/**
 * Specs (材质, 尺寸, 颜色 …) are `{[key]: value}` in the API; the editor works on rows so that
 * a key can be typed, renamed or left empty while editing.
 */
export interface SpecRow {
  key: string;
  value: string;
}

export const SPEC_KEY_MAX = 64;
export const SPEC_VALUE_MAX = 500;

export function specsToRows(specs: Record<string, string> | null | undefined): SpecRow[] {
  return Object.entries(specs ?? {}).map(([key, value]) => ({ key, value }));
}

/** Rows → specs: keys trimmed, rows without a key dropped. */
export function rowsToSpecs(rows: readonly SpecRow[] | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const row of rows ?? []) {
    const key = row.key.trim();
    if (key) out[key] = row.value.trim();
  }
  return out;
}

export type SpecsProblem = 'duplicate' | 'keyMissing' | 'keyTooLong' | 'valueTooLong';

/** The first problem in the rows, or null: duplicate keys, a value without a key, lengths. */
export function specsProblem(rows: readonly SpecRow[] | null | undefined): SpecsProblem | null {
  const seen = new Set<string>();
  for (const row of rows ?? []) {
    const key = row.key.trim();
    if (!key) {
      if (row.value.trim()) return 'keyMissing';
      continue;
    }
    if (key.length > SPEC_KEY_MAX) return 'keyTooLong';
    if (row.value.trim().length > SPEC_VALUE_MAX) return 'valueTooLong';
    if (seen.has(key)) return 'duplicate';
    seen.add(key);
  }
  return null;
}

/** "材质: 304; 尺寸: 40×40" for a compact cell. */
export function specsSummary(specs: Record<string, string> | null | undefined): string {
  return Object.entries(specs ?? {})
    .map(([k, v]) => `${k}: ${v}`)
    .join('; ');
}
