import { PostgresAdapter, sql, type Kysely, type RawBuilder } from 'kysely';

/** `%text%` with LIKE wildcards in the text escaped by `!`. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/**
 * Case-insensitive "contains" on a text column, the same on SQLite and PostgreSQL
 * (LOWER on both sides, `!` as the escape character).
 */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  return sql<boolean>`lower(${sql.ref(column)}) like ${containsPattern(text.toLowerCase())} escape '!'`;
}

/** Splits a list into parts of at most `size` items. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Bound parameters one statement may carry: below SQLite's 32,766 and PostgreSQL's 65,535. */
export const MAX_PARAMS = 30_000;

/** Whether a Kysely instance (or transaction) talks to PostgreSQL; otherwise it is SQLite. */
export function isPostgres<T>(db: Kysely<T>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
