import { CompiledQuery, type Insertable, type Kysely } from 'kysely';
import { isPostgres, MAX_PARAMS } from './helpers';
import type { DB } from './schema';

/**
 * Writing rows of several tables as one write.
 *
 * PostgreSQL: every statement is a round trip, and a multi-row `VALUES` list costs the server
 * more to bind and plan (one parameter per cell, every cell an expression) than to insert. So
 * each table's rows go as one JSON parameter, expanded by `json_populate_recordset` with the
 * table's own row type, and all tables go in one statement as data-modifying CTEs
 * (`with w0 as (insert … select … from json_populate_recordset(null::t0, $1)), … insert …`).
 * PostgreSQL runs that statement atomically and checks foreign keys at its end, so a child may
 * go beside its parent. One statement, one round trip, whatever the number of rows.
 *
 * SQLite runs in process, has no data-modifying CTEs and no round trip to save: there each table
 * gets multi-row INSERTs within the bound-parameter cap (`planInserts`), one after another, and
 * the caller's transaction makes them atomic.
 */

/** Rows to insert into one table. */
export interface TableRows<T extends keyof DB = keyof DB> {
  table: T;
  rows: readonly Insertable<DB[T]>[];
}

export function tableRows<T extends keyof DB>(table: T, rows: readonly Insertable<DB[T]>[]): TableRows<T> {
  return { table, rows };
}

/** One multi-row INSERT: rows of one table and the bound parameters they take. */
export interface InsertPiece {
  table: keyof DB;
  rows: readonly object[];
  params: number;
}

/** Rows per multi-row INSERT, at most 1,000 (a bound on statement size, not only on parameters). */
const MAX_ROWS = 1000;

/**
 * SQLite's plan: splits the tables' rows into multi-row INSERTs (each at most 1,000 rows and
 * MAX_PARAMS parameters, counted from each piece's first row), in the order given.
 */
export function planInserts(sets: readonly { table: keyof DB; rows: readonly object[] }[]): InsertPiece[] {
  const pieces: InsertPiece[] = [];
  for (const { table, rows } of sets) {
    if (rows.length === 0) continue;
    const columns = Math.max(1, Object.keys(rows[0]!).length);
    const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns)));
    for (let i = 0; i < rows.length; i += size) {
      const part = rows.slice(i, i + size);
      pieces.push({ table, rows: part, params: part.length * columns });
    }
  }
  return pieces;
}

/**
 * The columns of a table's rows: those of its first row. Every row must have the same keys (a
 * key left out would be NULL on PostgreSQL but the column default on SQLite), so rows built
 * differently are a bug, reported at once.
 */
export function columnsOf(table: string, rows: readonly object[]): string[] {
  const columns = Object.keys(rows[0] ?? {});
  const known = new Set(columns);
  for (const row of rows) {
    const keys = Object.keys(row);
    if (keys.length !== columns.length || keys.some((k) => !known.has(k))) {
      throw new Error(`insertTogether: the rows for ${table} do not all have the same columns`);
    }
  }
  return columns;
}

/**
 * Inserts every table's rows, in the order given: on PostgreSQL as one statement, on SQLite as
 * one multi-row INSERT per piece of `planInserts`. Atomic: one statement on PostgreSQL, the
 * caller's transaction on SQLite. Returns the number of statements run.
 */
export async function insertTogether(db: Kysely<DB>, sets: readonly TableRows[]): Promise<number> {
  const filled = sets.filter((s) => s.rows.length > 0);
  if (filled.length === 0) return 0;
  if (isPostgres(db)) {
    await db.executeQuery(jsonInsert(filled));
    return 1;
  }
  const pieces = planInserts(filled);
  for (const piece of pieces) {
    columnsOf(piece.table, piece.rows);
    await db.insertInto(piece.table).values(piece.rows).execute();
  }
  return pieces.length;
}

/**
 * Writes batches of rows in order, each as `insertTogether` would, building each batch while the
 * database writes the one before. On PostgreSQL the server executes a statement in its own
 * process, so Node builds and serialises the next batch meanwhile instead of waiting for it. On
 * SQLite, which runs in this process, the batches are written one after another. Not atomic by
 * itself: run it in a transaction. Returns the number of statements run.
 */
export async function insertBatches(
  db: Kysely<DB>,
  batches: Iterable<() => readonly TableRows[]>,
): Promise<number> {
  let statements = 0;
  if (!isPostgres(db)) {
    for (const build of batches) statements += await insertTogether(db, build());
    return statements;
  }
  let running: Promise<unknown> | null = null;
  for (const build of batches) {
    let statement: CompiledQuery | null;
    try {
      const filled = build().filter((s) => s.rows.length > 0);
      statement = filled.length > 0 ? jsonInsert(filled) : null;
    } catch (err) {
      // Leave the connection idle for the caller's rollback.
      if (running) await running.catch(() => undefined);
      throw err;
    }
    if (!statement) continue;
    if (running) await running;
    running = db.executeQuery(statement);
    // A failure is thrown by the await above or below; until then it must not count as unhandled.
    running.catch(() => undefined);
    statements++;
    // The driver sends the statement a few promise steps from now: let it go before building on.
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (running) await running;
  return statements;
}

/** PostgreSQL: the one statement that inserts the tables' rows, each table's as a JSON parameter. */
function jsonInsert(filled: readonly TableRows[]): CompiledQuery {
  const text = jsonInsertText(
    filled.map((set) => ({ table: set.table, columns: columnsOf(set.table, set.rows) })),
  );
  return CompiledQuery.raw(
    text,
    filled.map((set) => JSON.stringify(set.rows)),
  );
}

/** Statement texts by table and column list: the same few shapes recur on every request. */
const jsonInsertTexts = new Map<string, string>();
const MAX_TEXTS = 200;

const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * PostgreSQL: the statement for the tables in order, the i-th table's rows in parameter $i as
 * JSON: `with w0 as (insert into t0 (cols) select cols from json_populate_recordset(null::t0,
 * $1::json)), … insert into tn …`. Built once per shape (table and column names come from code).
 */
export function jsonInsertText(shape: readonly { table: string; columns: readonly string[] }[]): string {
  const key = shape.map((t) => `${t.table}(${t.columns.join(',')})`).join(' ');
  let text = jsonInsertTexts.get(key);
  if (text === undefined) {
    const inserts = shape.map(({ table, columns }, i) => {
      const list = columns.map(quoted).join(', ');
      return `insert into ${quoted(table)} (${list}) select ${list} from json_populate_recordset(null::${quoted(table)}, $${i + 1}::json)`;
    });
    const ctes = inserts.slice(0, -1).map((insert, i) => `w${i} as (${insert})`);
    text = ctes.length > 0 ? `with ${ctes.join(', ')} ${inserts.at(-1)!}` : inserts[0]!;
    if (jsonInsertTexts.size >= MAX_TEXTS) jsonInsertTexts.clear();
    jsonInsertTexts.set(key, text);
  }
  return text;
}
