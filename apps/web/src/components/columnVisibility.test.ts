import { describe, expect, it } from 'vitest';
import { parseStoredColumns, resolveHidden, serialiseColumns } from './columnVisibility';

const keys = ['code', 'name', 'taxId', 'notes', 'actions'];

describe('column visibility', () => {
  it('uses the defaults when nothing is stored', () => {
    expect([...resolveHidden(keys, null, ['taxId', 'notes'])]).toEqual(['taxId', 'notes']);
  });

  it("keeps the user's choice, including showing a column hidden by default", () => {
    const stored = parseStoredColumns(serialiseColumns(keys, new Set(['name'])));
    expect([...resolveHidden(keys, stored, ['taxId', 'notes'])]).toEqual(['name']);
  });

  it('gives a column added after the last save its default', () => {
    const stored = parseStoredColumns(serialiseColumns(['code', 'name'], new Set(['name'])));
    expect([...resolveHidden([...keys, 'createdAt'], stored, ['createdAt'])]).toEqual(['name', 'createdAt']);
  });

  it('never hides a locked column', () => {
    const stored = parseStoredColumns(serialiseColumns(keys, new Set(['code', 'name'])));
    expect([...resolveHidden(keys, stored, ['code'], ['code'])]).toEqual(['name']);
  });

  it('ignores unreadable storage', () => {
    expect(parseStoredColumns('not json')).toBeNull();
    expect(parseStoredColumns('{"hidden":[1],"known":[]}')).toBeNull();
    expect(parseStoredColumns('null')).toBeNull();
    expect(parseStoredColumns(null)).toBeNull();
  });
});
