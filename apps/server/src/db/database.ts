import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { DB } from './schema';
import { migrations } from './migrations/index';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** A short description for health and the system page, without credentials. */
  label: string;
  /** Present on SQLite only: the raw handle, used by the online backup. */
  sqlite?: SQLite.Database;
  destroy(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** SQLite file path; `:memory:` for tests that need no file. */
  sqliteFile?: string;
  /** PostgreSQL schema to use as search_path (tests isolate each file in its own schema). */
  pgSchema?: string;
  pgPoolSize?: number;
  /** Called for every query Kysely runs (used to count statements). */
  onQuery?: (event: LogEvent) => void;
}

// bigint (int8) columns hold money and counters; return them as numbers. Safe while values stay
// below 2^53, which minor-unit amounts in this product do.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
// numeric: also as number (only used for aggregates such as SUM over integers).
pg.types.setTypeParser(1700, (v) => Number(v));

export function openDatabase(opts: DatabaseOptions): Database {
  const log = opts.onQuery;
  if (opts.databaseUrl) {
    const url = new URL(opts.databaseUrl);
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.pgPoolSize ?? 10,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    // An idle client that errors (server restart) must not crash the process.
    pool.on('error', () => undefined);
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
    return {
      db,
      dialect: 'postgres',
      label: `postgres://${url.hostname}:${url.port || 5432}${url.pathname}`,
      destroy: () => db.destroy(),
    };
  }
  const file = opts.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }), ...(log ? { log } : {}) });
  return {
    db,
    dialect: 'sqlite',
    label: file === ':memory:' ? 'sqlite (memory)' : `sqlite:${file}`,
    sqlite,
    destroy: () => db.destroy(),
  };
}

class StaticMigrationProvider implements MigrationProvider {
  getMigrations(): Promise<Record<string, Migration>> {
    return Promise.resolve(migrations);
  }
}

/** Runs every pending migration. The same list runs on both dialects. */
export async function migrateToLatest(database: Database): Promise<string[]> {
  // Kysely's Migrator takes an advisory lock on PostgreSQL, so several processes starting at once
  // on one database apply each migration exactly once.
  // Kysely looks for its bookkeeping tables in every schema unless told which one: on a PostgreSQL
  // database holding several schemas (one per test file, or per tenant) it would find another
  // schema's kysely_migration and skip creating its own. Pin it to the schema we run in.
  let schema: string | undefined;
  if (database.dialect === 'postgres') {
    const res = await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db);
    schema = res.rows[0]?.schema;
  }
  const migrator = new Migrator({
    db: database.db,
    provider: new StaticMigrationProvider(),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error('migration failed', { cause: error });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Checks that the database answers. */
export async function pingDatabase(database: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(database.db);
    return true;
  } catch {
    return false;
  }
}
