import { sql, type RawBuilder } from 'kysely';

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
