import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../test/helpers';
import { MAX_PARAMS } from './helpers';
import { insertTogether, planInserts, tableRows, type TableRows } from './inserts';
import type { DB } from './schema';

describe('planInserts', () => {
  const rows = (n: number, columns: number) =>
    Array.from({ length: n }, (_, i) =>
      Object.fromEntries(Array.from({ length: columns }, (_, c) => [`c${c}`, i])),
    );

  it('puts small sets of several tables into one statement, in the order given', () => {
    const plan = planInserts([
      { table: 'orders', rows: rows(1, 29) },
      { table: 'order_lines', rows: rows(5, 14) },
      { table: 'order_events', rows: [] },
      { table: 'audit_log', rows: rows(1, 10) },
    ]);
    expect(plan).toHaveLength(1);
    expect(plan[0]!.map((p) => [p.table, p.rows.length, p.params])).toEqual([
      ['orders', 1, 29],
      ['order_lines', 5, 70],
      ['audit_log', 1, 10],
    ]);
  });

  it('splits a table into INSERTs of at most 1,000 rows and statements within the parameter cap', () => {
    const plan = planInserts([
      { table: 'order_lines', rows: rows(5000, 14) },
      { table: 'audit_log', rows: rows(1, 10) },
    ]);
    for (const statement of plan) {
      expect(statement.reduce((n, p) => n + p.params, 0)).toBeLessThanOrEqual(MAX_PARAMS);
      for (const piece of statement) expect(piece.rows.length).toBeLessThanOrEqual(1000);
    }
    expect(plan.flat().reduce((n, p) => n + p.rows.length, 0)).toBe(5001);
    // 14,000 parameters per 1,000 lines: two pieces fit a statement, the third does not.
    expect(plan.map((s) => s.length)).toEqual([2, 2, 2]);
    expect(plan.at(-1)!.at(-1)!.table).toBe('audit_log');
  });

  it('gives a row wider than the cap a statement of its own rather than none', () => {
    const plan = planInserts([
      { table: 'orders', rows: rows(2, MAX_PARAMS + 5) },
      { table: 'audit_log', rows: rows(1, 10) },
    ]);
    expect(plan.map((s) => s.map((p) => p.rows.length))).toEqual([[1], [1], [1]]);
  });

  it('plans nothing for no rows', () => {
    expect(planInserts([{ table: 'orders', rows: [] }])).toEqual([]);
  });
});

// Scratch tables outside the product's schema: a parent and a child with a foreign key.
interface Scratch {
  ins_parent: { id: string; v: number };
  ins_child: { id: string; parent_id: string };
}
const parents = (rows: Scratch['ins_parent'][]): TableRows =>
  tableRows<keyof DB>('ins_parent' as keyof DB, rows);
const children = (rows: Scratch['ins_child'][]): TableRows =>
  tableRows<keyof DB>('ins_child' as keyof DB, rows);

for (const dialect of testDialects()) {
  describe(`insertTogether [${dialect}]`, () => {
    let t: TestDatabase;
    let db: Kysely<DB>;
    const count = async (table: 'ins_parent' | 'ins_child') =>
      Number(
        (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n,
      );

    beforeAll(async () => {
      t = await createTestDatabase(dialect);
      db = t.database.db;
      await sql`create table ins_parent (id text primary key, v integer not null)`.execute(db);
      await sql`create table ins_child (id text primary key, parent_id text not null references ins_parent (id))`.execute(
        db,
      );
    });
    afterAll(async () => t?.dispose());
    beforeEach(async () => {
      await sql`delete from ins_child`.execute(db);
      await sql`delete from ins_parent`.execute(db);
    });

    it('writes a parent and its children together: one statement on PostgreSQL', async () => {
      const statements = await t.database.transact((trx) =>
        insertTogether(trx, [
          parents([{ id: 'p1', v: 1 }]),
          children([
            { id: 'c1', parent_id: 'p1' },
            { id: 'c2', parent_id: 'p1' },
          ]),
        ]),
      );
      expect(statements).toBe(dialect === 'postgres' ? 1 : 2);
      expect([await count('ins_parent'), await count('ins_child')]).toEqual([1, 2]);
    });

    it('writes nothing when one row fails', async () => {
      const write = (d: Kysely<DB>) =>
        insertTogether(d, [parents([{ id: 'p1', v: 1 }]), children([{ id: 'c1', parent_id: 'missing' }])]);
      // PostgreSQL: the single statement outside any transaction; SQLite: in the caller's.
      await expect(dialect === 'postgres' ? write(db) : t.database.transact(write)).rejects.toThrow();
      expect([await count('ins_parent'), await count('ins_child')]).toEqual([0, 0]);
    });

    it('keeps rows over the parameter cap atomic outside a transaction (PostgreSQL opens its own)', async () => {
      const many = Array.from({ length: 20_000 }, (_, i) => ({ id: `p${i}`, v: i }));
      const write = (d: Kysely<DB>) =>
        insertTogether(d, [parents(many), children([{ id: 'c1', parent_id: 'missing' }])]);
      await expect(dialect === 'postgres' ? write(db) : t.database.transact(write)).rejects.toThrow();
      expect(await count('ins_parent')).toBe(0);
      const written = await (dialect === 'postgres'
        ? insertTogether(db, [parents(many)])
        : t.database.transact((trx) => insertTogether(trx, [parents(many)])));
      expect(written).toBeGreaterThan(1);
      expect(await count('ins_parent')).toBe(20_000);
    });
  });
}
