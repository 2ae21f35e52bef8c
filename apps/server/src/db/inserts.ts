import type { Insertable, Kysely, QueryCreator } from 'kysely';
import { isPostgres, MAX_PARAMS } from './helpers';
import type { DB } from './schema';

/**
 * Writing rows of several tables as one write. On PostgreSQL every statement is a round trip to
 * the server, and a use case that inserts a header, its lines, an event and an audit row spends
 * most of its time waiting for four of them. PostgreSQL runs data-modifying common table
 * expressions (`with w0 as (insert …), w1 as (insert …) insert …`) as one statement: one round
 * trip, atomic on its own, foreign keys checked at its end (so a child may go beside its parent).
 * SQLite runs in process, has no data-modifying CTEs and no round trip to save: there each
 * multi-row INSERT runs in turn, and the caller's transaction makes them atomic.
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
 * Splits the tables' rows into multi-row INSERTs (each at most 1,000 rows and MAX_PARAMS
 * parameters, counted from each piece's first row) and groups consecutive pieces into
 * statements that stay within MAX_PARAMS together. Pure: the plan `insertTogether` runs.
 */
export function planInserts(sets: readonly { table: keyof DB; rows: readonly object[] }[]): InsertPiece[][] {
  const statements: InsertPiece[][] = [];
  let current: InsertPiece[] = [];
  let params = 0;
  for (const { table, rows } of sets) {
    if (rows.length === 0) continue;
    const columns = Math.max(1, Object.keys(rows[0]!).length);
    const size = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMS / columns)));
    for (let i = 0; i < rows.length; i += size) {
      const part = rows.slice(i, i + size);
      const piece = { table, rows: part, params: part.length * columns };
      if (current.length > 0 && params + piece.params > MAX_PARAMS) {
        statements.push(current);
        current = [];
        params = 0;
      }
      current.push(piece);
      params += piece.params;
    }
  }
  if (current.length > 0) statements.push(current);
  return statements;
}

/**
 * Inserts every table's rows, in the order given, with as few statements as `planInserts`
 * allows: on PostgreSQL each statement carries several INSERTs as CTEs, on SQLite each INSERT is
 * its own statement. Always atomic: inside the caller's transaction, or as one statement, or
 * (PostgreSQL outside a transaction, more than one statement) in a transaction of its own.
 * Returns the number of INSERT statements run.
 */
export async function insertTogether(db: Kysely<DB>, sets: readonly TableRows[]): Promise<number> {
  const plan = planInserts(sets);
  if (!isPostgres(db)) {
    for (const piece of plan.flat()) await insertPiece(db, piece);
    return plan.flat().length;
  }
  if (plan.length > 1 && !db.isTransaction) {
    return db.transaction().execute((trx) => insertStatements(trx, plan));
  }
  return insertStatements(db, plan);
}

/** PostgreSQL: one statement per group of pieces, all but the last piece as CTEs. */
async function insertStatements(db: Kysely<DB>, plan: InsertPiece[][]): Promise<number> {
  for (const statement of plan) {
    let creator: QueryCreator<DB> = db;
    statement.slice(0, -1).forEach((piece, i) => {
      // The CTE names are unused: each CTE is there for its side effect alone.
      creator = creator.with(`w${i}`, (c) =>
        c.insertInto(piece.table).values(piece.rows as Insertable<DB[keyof DB]>[]),
      ) as unknown as QueryCreator<DB>;
    });
    await insertPiece(creator, statement.at(-1)!);
  }
  return plan.length;
}

async function insertPiece(creator: QueryCreator<DB>, piece: InsertPiece): Promise<void> {
  await creator.insertInto(piece.table).values(piece.rows).execute();
}
