import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql, type Transaction } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from './database';
import type { DB } from './schema';
import { GROUP_LIMIT } from './transact';

/** Inserts `v` into the scratch table t. */
const put = (trx: Transaction<DB>, v: number) => sql`insert into t (v) values (${v})`.execute(trx);

describe('group commit on SQLite', () => {
  let dir: string;
  let database: Database;
  let statements: string[];

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gendan-transact-'));
    statements = [];
    database = openDatabase({
      sqliteFile: path.join(dir, 'g.db'),
      onQuery: (e) => statements.push(e.query.sql),
    });
    await sql`create table t (v integer primary key)`.execute(database.db);
    statements = [];
  });

  afterEach(async () => {
    await database.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const values = async () =>
    (await sql<{ v: number }>`select v from t order by v`.execute(database.db)).rows.map((r) => r.v);

  it('runs a lone unit as a plain transaction', async () => {
    expect(await database.transact(async (trx) => (await put(trx, 1), 'done'))).toBe('done');
    expect(statements).toEqual(['begin', 'insert into t (v) values (?)', 'commit']);
    expect(await values()).toEqual([1]);
  });

  it('rolls back a lone unit that throws', async () => {
    await expect(
      database.transact(async (trx) => {
        await put(trx, 1);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await values()).toEqual([]);
  });

  it('commits units that arrive together once, and rolls back only the one that throws', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        database.transact(async (trx) => {
          await put(trx, i);
          if (i === 4) throw new Error('unit 4 fails');
          // a unit sees its own writes
          const own = await sql<{ n: number }>`select count(*) as n from t where v = ${i}`.execute(trx);
          return own.rows[0]?.n;
        }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(
      Array.from({ length: 10 }, (_, i) => (i === 4 ? 'rejected' : 'fulfilled')),
    );
    expect(results.filter((r) => r.status === 'fulfilled').map((r) => r.value)).toEqual(Array(9).fill(1));
    expect(await values()).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    // all ten shared one commit
    expect(statements.filter((s) => s === 'commit')).toHaveLength(1);
    expect(statements.filter((s) => s.startsWith('rollback to'))).toHaveLength(1);
  });

  it('caps a group at GROUP_LIMIT units', async () => {
    const n = GROUP_LIMIT * 2 + 1;
    await Promise.all(Array.from({ length: n }, (_, i) => database.transact((trx) => put(trx, i))));
    expect(await values()).toHaveLength(n);
    // groups of at most GROUP_LIMIT
    expect(statements.filter((s) => s === 'commit').length).toBe(Math.ceil(n / GROUP_LIMIT));
  });

  it('fails the whole group, writing nothing of it, when SQLite ends the transaction', async () => {
    await database.transact((trx) => put(trx, 100));
    const group = [
      database.transact((trx) => put(trx, 1)),
      database.transact(async (trx) => {
        await put(trx, 2);
        // what SQLite does on a disk-full or I/O error: the transaction is gone
        await sql`rollback`.execute(trx);
        throw new Error('disk full');
      }),
      database.transact((trx) => put(trx, 3)),
    ];
    const settled = await Promise.allSettled(group);
    expect(settled.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(await values()).toEqual([100]);
    // and the next unit works again
    await database.transact((trx) => put(trx, 4));
    expect(await values()).toEqual([4, 100]);
  });
});
