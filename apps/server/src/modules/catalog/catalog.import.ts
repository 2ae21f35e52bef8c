import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { ImportResult, Language } from '@gendan/contracts';
import type { DB } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { nowIso } from '../../lib/time';
import { loadTable, readRows, SheetFormatError } from '../../lib/xlsx';
import { translateIssue } from '../../plugins/zod-messages';
import { audit } from '../platform/index';
import { isUniqueViolation } from './catalog.repository';
import type { CatalogContext, FieldIssue } from './catalog.validation';
import {
  columnSpecs,
  describeIssues,
  parseSheet,
  type ParsedRow,
  type RowIssue,
  type SheetColumn,
} from './catalog.sheets';

/**
 * The import driver shared by customers, products and agreements:
 * 1. `readImportFile` (outside any transaction): bytes → rows with converted cells and cell errors;
 * 2. `planAndCommit` (in the route's transaction): the entity's planner checks the rows against
 *    the database and decides create / update / unchanged per record; a dry run stops there, an
 *    import with any error is refused whole (422 IMPORT_INVALID, nothing written); otherwise every
 *    record is written with one audit row each.
 * Records are matched by their key (customer code, product model, agreement kind + code), so
 * running the same file again changes nothing.
 */

export interface ImportFile {
  fileHash: string;
  letters: Record<string, string>;
  rows: ParsedRow[];
  issues: RowIssue[];
}

export async function readImportFile(
  data: Buffer,
  format: 'xlsx' | 'csv',
  cols: readonly SheetColumn[],
): Promise<ImportFile> {
  const fileHash = createHash('sha256').update(data).digest('hex');
  let sheet;
  try {
    sheet = readRows(await loadTable(data, format), columnSpecs(cols));
  } catch (err) {
    if (err instanceof SheetFormatError) {
      throw new AppError('FILE_UNREADABLE', { format, reason: err.message.slice(0, 200) });
    }
    throw err;
  }
  const { rows, issues } = parseSheet(sheet, cols);
  return { fileHash, letters: sheet.letters, rows, issues };
}

export interface ImportPlan {
  created: number;
  updated: number;
  skipped: number;
  /** Writes the plan; returns the ids of the records in the file, in file order. */
  commit(db: Kysely<DB>, ctx: CatalogContext): Promise<string[]>;
}

export type Planner = (db: Kysely<DB>, file: ImportFile, issues: RowIssue[]) => Promise<ImportPlan>;

/** One record of a keyed import: new, changed or unchanged, with the stored record it replaces. */
export interface UpsertItem<V, R extends { id: string; version: number; createdAt: string }> {
  before: R | null;
  values: V;
  change: 'create' | 'update' | 'skip';
}

/** How one entity's records are stored, for `upsertPlan`. */
export interface UpsertStore<V, Row extends { id: string }, R> {
  entityType: string;
  /** The table columns for the values (all but id, version and timestamps). */
  columns: (values: V) => Omit<Row, 'id' | 'version' | 'created_at' | 'updated_at'>;
  /** The API shape of a stored row, for the audit log. */
  toRecord: (row: Row) => R;
  insert: (db: Kysely<DB>, rows: Row[]) => Promise<void>;
  /** Writes the columns only at the expected version; false when the version moved. */
  updateAtVersion: (db: Kysely<DB>, id: string, version: number, columns: Partial<Row>) => Promise<boolean>;
}

/**
 * The plan of a keyed import (customers by code, products by model): new records in multi-row
 * INSERTs, then each changed one at its version (409 IMPORT_CONFLICT if it moved meanwhile), one
 * audit row per record written. Commit returns the ids of all the file's records, in file order.
 */
export function upsertPlan<
  V,
  Row extends { id: string },
  R extends { id: string; version: number; createdAt: string },
>(items: readonly UpsertItem<V, R>[], store: UpsertStore<V, Row, R>): ImportPlan {
  const count = (c: UpsertItem<V, R>['change']) => items.filter((i) => i.change === c).length;
  return {
    created: count('create'),
    updated: count('update'),
    skipped: count('skip'),
    commit: async (db, ctx) => {
      const now = nowIso();
      const created = new Map<UpsertItem<V, R>, Row>();
      for (const item of items) {
        if (item.change !== 'create') continue;
        const row = {
          id: newId(),
          ...store.columns(item.values),
          version: 1,
          created_at: now,
          updated_at: now,
        };
        created.set(item, row as unknown as Row);
      }
      await store.insert(db, [...created.values()]);
      const ids: string[] = [];
      for (const item of items) {
        const row = created.get(item);
        if (row) {
          await audit(db, ctx, {
            entityType: store.entityType,
            entityId: row.id,
            action: 'import',
            after: store.toRecord(row),
          });
          ids.push(row.id);
          continue;
        }
        const before = item.before;
        if (!before) continue;
        ids.push(before.id);
        if (item.change === 'skip') continue;
        const columns = { ...store.columns(item.values), updated_at: now };
        if (
          !(await store.updateAtVersion(db, before.id, before.version, columns as unknown as Partial<Row>))
        ) {
          throw new AppError('IMPORT_CONFLICT');
        }
        const after = store.toRecord({
          ...columns,
          id: before.id,
          version: before.version + 1,
          created_at: before.createdAt,
        } as unknown as Row);
        await audit(db, ctx, {
          entityType: store.entityType,
          entityId: before.id,
          action: 'import',
          before,
          after,
        });
      }
      return ids;
    },
  };
}

export async function planAndCommit(
  db: Kysely<DB>,
  ctx: CatalogContext,
  lang: Language,
  file: ImportFile,
  cols: readonly SheetColumn[],
  planner: Planner,
  dryRun: boolean,
): Promise<ImportResult> {
  const issues = [...file.issues];
  const plan: ImportPlan = file.rows.length
    ? await planner(db, file, issues)
    : { created: 0, updated: 0, skipped: 0, commit: () => Promise.resolve([]) };
  const errors = describeIssues(issues, cols, file.letters, lang);
  const result: ImportResult = {
    dryRun,
    fileHash: file.fileHash,
    rows: file.rows.length,
    created: plan.created,
    updated: plan.updated,
    skipped: plan.skipped,
    errors,
    ids: [],
  };
  if (dryRun) return result;
  if (errors.length) throw new AppError('IMPORT_INVALID', { count: errors.length }, errors);
  try {
    return { ...result, ids: await plan.commit(db, ctx) };
  } catch (err) {
    // Another request created or changed one of the records since the plan was made.
    if (isUniqueViolation(err)) throw new AppError('IMPORT_CONFLICT');
    throw err;
  }
}

/** Maps a Zod issue path (e.g. `['contacts', 0, 'email']`) to the sheet column it came from. */
export type PathToKey = (path: readonly PropertyKey[]) => string | null;

/** Zod issues of one record as row issues, with the message in both languages. */
export function zodRowIssues(
  error: z.ZodError,
  rowOf: (path: readonly PropertyKey[]) => number,
  keyOf: PathToKey,
): RowIssue[] {
  return error.issues.map((issue) => {
    const like = { ...issue, message: issue.message } as Parameters<typeof translateIssue>[0];
    return {
      row: rowOf(issue.path),
      key: keyOf(issue.path),
      code: 'INVALID_VALUE',
      params: { reasonZh: translateIssue(like, 'zh-CN'), reasonEn: translateIssue(like, 'en') },
    };
  });
}

/** Business issues (`body.currency`, `body.lines[2].minQty`) as row issues. */
export function fieldRowIssues(
  issues: readonly FieldIssue[],
  rowOf: (path: readonly PropertyKey[]) => number,
  keyOf: PathToKey,
): RowIssue[] {
  return issues.map((i) => {
    const path = i.path
      .replace(/^body\.?/, '')
      .split(/[.[\]]/)
      .filter(Boolean)
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    return {
      row: rowOf(path),
      key: keyOf(path),
      code: 'INVALID_VALUE',
      params: { reasonZh: i.reasonZh, reasonEn: i.reasonEn },
    };
  });
}

/** Whether any issue names this row (such rows are not planned further). */
export function rowsWithIssues(issues: readonly RowIssue[]): Set<number> {
  return new Set(issues.map((i) => i.row));
}
