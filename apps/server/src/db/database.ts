import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { DB } from './schema';
import { migrations } from './migrations/index';
import { groupCommitTransact, plainTransact, type SingleWrite, type Transact } from './transact';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: Dialect;
  /** A short description for health and the system page, without credentials. */
  label: string;
  /** Present on SQLite only: the raw handle, used by the online backup. */
  sqlite?: SQLite.Database;
  /**
   * Runs a use case's unit of work in a transaction: what every route uses. On SQLite, units that
   * arrive together share one commit (see `groupCommitTransact`).
   */
  transact: Transact;
  /**
   * Runs a unit of work whose only write is one `insertTogether`, after its reads (creating an
   * order). On SQLite it is `transact` (group commit). On PostgreSQL it runs on the pool with no
   * BEGIN/COMMIT, two round trips fewer: the write is atomic on its own (`insertTogether` sends
   * one statement there, whatever the number of rows), and at READ COMMITTED,
   * PostgreSQL's default and what `transact` uses, a transaction would give the reads before it
   * nothing more: each statement sees what was committed when it started either way. A unit that
   * writes twice, locks rows or needs its reads to hold still must use `transact`.
   */
  singleWrite: SingleWrite;
  /**
   * Whether the database answers: PostgreSQL runs `select 1` on the pool (a promise). SQLite
   * answers at once from its handle being open: `select 1` would read no page of the file (SQLite
   * opens no read transaction for a statement that touches no table), so it could tell no more.
   */
  ping(): boolean | Promise<boolean>;
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
      max: opts.pgPoolSize ?? 20,
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema}` } : {}),
    });
    // An idle client that errors (server restart) must not crash the process.
    pool.on('error', () => undefined);
    // Large values (an order's audit row holds all its lines) are compressed when stored; lz4
    // does that several times faster than PostgreSQL's default pglz. Needs PostgreSQL 14+ built
    // with lz4 (the usual packages are); elsewhere the server's default stays. Queued on the new
    // connection before any query of ours.
    pool.on('connect', (client) => {
      client.query("select set_config('default_toast_compression', 'lz4', false)").catch(() => undefined);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), ...(log ? { log } : {}) });
    return {
      db,
      dialect: 'postgres',
      label: `postgres://${url.hostname}:${url.port || 5432}${url.pathname}`,
      transact: plainTransact(db),
      singleWrite: (work) => work(db),
      ping: () =>
        pool.query('select 1').then(
          () => true,
          () => false,
        ),
      // Kysely ends the pool only if it ever used it; the ping may have used it alone.
      destroy: async () => {
        await db.destroy();
        if (!pool.ended) await pool.end();
      },
    };
  }
  const file = opts.sqliteFile ?? ':memory:';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    ...(log ? { log } : {}),
  });
  const transact = groupCommitTransact(db, () => sqlite.inTransaction);
  return {
    db,
    dialect: 'sqlite',
    label: file === ':memory:' ? 'sqlite (memory)' : `sqlite:${file}`,
    sqlite,
    transact,
    singleWrite: transact,
    ping: () => sqlite.open,
    destroy: async () => {
      await db.destroy();
      if (sqlite.open) sqlite.close();
    },
  };
}

/** How many prepared statements one SQLite connection keeps. */
const STATEMENT_CACHE_SIZE = 2000;

/**
 * The SQLite handle as Kysely's driver sees it, with prepared statements cached by SQL text.
 * Kysely prepares every query anew, which costs as much as running a small one; Kysely's queries
 * are parameterised, so the same text recurs and its statement can be reused. A statement still
 * busy (a stream iterating it) is never handed out twice: a fresh one is prepared instead. The
 * cache drops its oldest entry when full.
 */
export function withStatementCache(sqlite: SQLite.Database, size = STATEMENT_CACHE_SIZE) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => {
      cache.clear();
      sqlite.close();
    },
    prepare: (text: string): SQLite.Statement => {
      const cached = cache.get(text);
      if (cached && !cached.busy) return cached;
      const stmt = sqlite.prepare(text);
      if (cached) return stmt;
      if (cache.size >= size) cache.delete(cache.keys().next().value!);
      cache.set(text, stmt);
      return stmt;
    },
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
