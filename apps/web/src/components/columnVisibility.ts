/**
 * Pure part of the column settings (`ColumnSettings.tsx`): what is stored per table in
 * localStorage and which columns that hides. Tested in columnVisibility.test.ts.
 */

export interface StoredColumns {
  /** Columns the user hid. */
  hidden: string[];
  /** Every column the table had when the user last changed it; newer columns get their default. */
  known: string[];
}

export const columnsStorageKey = (tableKey: string) => `gendan.columns.${tableKey}`;

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/** The stored settings, or null when there are none or they are unreadable. */
export function parseStoredColumns(raw: string | null): StoredColumns | null {
  if (!raw) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return null;
    const { hidden, known } = value as Record<string, unknown>;
    return isStringArray(hidden) && isStringArray(known) ? { hidden, known } : null;
  } catch {
    return null;
  }
}

/** The hidden columns: the user's choice for columns they have seen, the default for newer ones. */
export function resolveHidden(
  keys: readonly string[],
  stored: StoredColumns | null,
  defaultHidden: readonly string[] = [],
  locked: readonly string[] = [],
): Set<string> {
  const hidden = new Set<string>();
  for (const key of keys) {
    if (locked.includes(key)) continue;
    const hide =
      stored && stored.known.includes(key) ? stored.hidden.includes(key) : defaultHidden.includes(key);
    if (hide) hidden.add(key);
  }
  return hidden;
}

export function serialiseColumns(keys: readonly string[], hidden: ReadonlySet<string>): string {
  const value: StoredColumns = { hidden: keys.filter((k) => hidden.has(k)), known: [...keys] };
  return JSON.stringify(value);
}
