import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresUrl } from '../../test/helpers';
import { openDatabase, withStatementCache, type Database } from './database';

describe('withStatementCache', () => {
  it('hands out the same statement for the same text, a new one for other text', () => {
    const raw = new SQLite(':memory:');
    const cached = withStatementCache(raw);
    const a = cached.prepare('select 1');
    expect(cached.prepare('select 1')).toBe(a);
    expect(cached.prepare('select 2')).not.toBe(a);
    cached.close();
    expect(raw.open).toBe(false);
  });

  it('never hands out a statement that is still iterating', () => {
    const raw = new SQLite(':memory:');
    const cached = withStatementCache(raw);
    raw.exec('create table t (v integer); insert into t values (1), (2), (3)');
    const first = cached.prepare('select v from t order by v');
    const seen: number[] = [];
    for (const row of first.iterate() as Iterable<{ v: number }>) {
      // the same query again, while the first is busy: must get its own statement
      const inner = cached.prepare('select v from t order by v');
      expect(inner).not.toBe(first);
      seen.push(row.v, (inner.all() as { v: number }[]).length);
    }
    expect(seen).toEqual([1, 3, 2, 3, 3, 3]);
    expect(cached.prepare('select v from t order by v')).toBe(first);
    cached.close();
  });

  it('drops the oldest statement when full', () => {
    const raw = new SQLite(':memory:');
    const cached = withStatementCache(raw, 2);
    const one = cached.prepare('select 1');
    cached.prepare('select 2');
    cached.prepare('select 3');
    expect(cached.prepare('select 1')).not.toBe(one);
    cached.close();
  });
});

describe('ping', () => {
  let database: Database | undefined;
  afterEach(async () => {
    await database?.destroy();
    database = undefined;
  });

  it('answers true on an open SQLite database and false once it is closed', async () => {
    database = openDatabase({ sqliteFile: ':memory:' });
    expect(await database.ping()).toBe(true);
    // Kysely still works through the cached statements
    const r = await sql<{ n: number }>`select ${41} + 1 as n`.execute(database.db);
    expect(r.rows[0]?.n).toBe(42);
    database.sqlite!.close();
    expect(await database.ping()).toBe(false);
    database = undefined;
  });
});

describe.skipIf(!postgresUrl())('PostgreSQL connections', () => {
  it('store large values with lz4 compression', async () => {
    const database = openDatabase({ databaseUrl: postgresUrl(), pgPoolSize: 2 });
    try {
      // Both connections of the pool, not only the first.
      const read = () =>
        sql<{ default_toast_compression: string }>`show default_toast_compression`.execute(database.db);
      const rows = await Promise.all([read(), read(), read()]);
      expect(rows.map((r) => r.rows[0]?.default_toast_compression)).toEqual(['lz4', 'lz4', 'lz4']);
    } finally {
      await database.destroy();
    }
  });
});
