import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../test/helpers';
import { MAX_PARAMS } from './helpers';
import {
  columnsOf,
  insertBatches,
  insertTogether,
  jsonInsertText,
  planInserts,
  tableRows,
  type TableRows,
} from './inserts';
import type { DB } from './schema';

describe('planInserts (SQLite)', () => {
  const rows = (n: number, columns: number) =>
    Array.from({ length: n }, (_, i) =>
      Object.fromEntries(Array.from({ length: columns }, (_, c) => [`c${c}`, i])),
    );

  it('gives each table one INSERT while it is small, in the order given, skipping empty ones', () => {
    const plan = planInserts([
      { table: 'orders', rows: rows(1, 29) },
      { table: 'order_lines', rows: rows(5, 14) },
      { table: 'order_events', rows: [] },
      { table: 'audit_log', rows: rows(1, 10) },
    ]);
    expect(plan.map((p) => [p.table, p.rows.length, p.params])).toEqual([
      ['orders', 1, 29],
      ['order_lines', 5, 70],
      ['audit_log', 1, 10],
    ]);
  });

  it('splits a table into INSERTs of at most 1,000 rows within the parameter cap', () => {
    const plan = planInserts([{ table: 'order_lines', rows: rows(5000, 14) }]);
    expect(plan.map((p) => p.rows.length)).toEqual([1000, 1000, 1000, 1000, 1000]);
    const wide = planInserts([{ table: 'orders', rows: rows(5000, 40) }]);
    expect(wide.map((p) => p.rows.length)).toEqual([750, 750, 750, 750, 750, 750, 500]);
    for (const piece of wide) expect(piece.params).toBeLessThanOrEqual(MAX_PARAMS);
  });

  it('gives a row wider than the cap an INSERT of its own rather than none', () => {
    const plan = planInserts([{ table: 'orders', rows: rows(2, MAX_PARAMS + 5) }]);
    expect(plan.map((p) => p.rows.length)).toEqual([1, 1]);
  });

  it('plans nothing for no rows', () => {
    expect(planInserts([{ table: 'orders', rows: [] }])).toEqual([]);
  });
});

describe('jsonInsertText (PostgreSQL)', () => {
  it('inserts one table from its JSON parameter', () => {
    expect(jsonInsertText([{ table: 'audit_log', columns: ['id', 'after'] }])).toBe(
      'insert into "audit_log" ("id", "after") select "id", "after" from json_populate_recordset(null::"audit_log", $1::json)',
    );
  });

  it('puts every table but the last in a CTE, each with its own parameter, and quotes names', () => {
    const text = jsonInsertText([
      { table: 'orders', columns: ['id'] },
      { table: 'order_lines', columns: ['id', 'order_id'] },
      { table: 'odd"name', columns: ['a"b'] },
    ]);
    expect(text).toBe(
      'with w0 as (insert into "orders" ("id") select "id" from json_populate_recordset(null::"orders", $1::json)), ' +
        'w1 as (insert into "order_lines" ("id", "order_id") select "id", "order_id" from json_populate_recordset(null::"order_lines", $2::json)) ' +
        'insert into "odd""name" ("a""b") select "a""b" from json_populate_recordset(null::"odd""name", $3::json)',
    );
  });
});

describe('columnsOf', () => {
  it("takes the first row's keys and accepts rows with the same keys in any order", () => {
    expect(
      columnsOf('t', [
        { a: 1, b: 2 },
        { b: 3, a: 4 },
      ]),
    ).toEqual(['a', 'b']);
  });

  it('refuses rows whose keys differ (NULL on PostgreSQL but the default on SQLite)', () => {
    expect(() => columnsOf('t', [{ a: 1, b: 2 }, { a: 3 }])).toThrow(/same columns/);
    expect(() => columnsOf('t', [{ a: 1 }, { c: 3 }])).toThrow(/same columns/);
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

    it('writes more rows than one statement could bind: one statement on PostgreSQL (a JSON parameter per table)', async () => {
      const many = Array.from({ length: 20_000 }, (_, i) => ({ id: `p${i}`, v: i }));
      const write = (d: Kysely<DB>) =>
        insertTogether(d, [parents(many), children([{ id: 'c1', parent_id: 'missing' }])]);
      await expect(dialect === 'postgres' ? write(db) : t.database.transact(write)).rejects.toThrow();
      expect(await count('ins_parent')).toBe(0);
      const written = await t.database.transact((trx) =>
        insertTogether(trx, [parents(many), children([{ id: 'c1', parent_id: 'p7' }])]),
      );
      expect(written).toBe(dialect === 'postgres' ? 1 : 21);
      expect([await count('ins_parent'), await count('ins_child')]).toEqual([20_000, 1]);
    });

    it('keeps text, numbers, nulls and JSON-looking text as they are', async () => {
      const odd = [
        { id: 'q1', v: 0 },
        { id: `quote ' "double" \\ back {"a":[1]} 中文 ✓`, v: -2_147_483_648 },
      ];
      await t.database.transact((trx) => insertTogether(trx, [parents(odd)]));
      const stored = await sql<{ id: string; v: number }>`select id, v from ins_parent order by v`.execute(
        db,
      );
      expect(stored.rows).toEqual([...odd].sort((a, b) => a.v - b.v));
    });

    it('writes batches in order, a statement per batch on PostgreSQL, each built after the one before was sent', async () => {
      const built: number[] = [];
      const batch = (n: number) => () => {
        built.push(n);
        // Children of the batch before: the batches must reach the database in order.
        return [
          parents([{ id: `p${n}`, v: n }]),
          children(n > 1 ? [{ id: `c${n}`, parent_id: `p${n - 1}` }] : []),
        ];
      };
      const statements = await t.database.transact((trx) => insertBatches(trx, [1, 2, 3].map(batch)));
      expect(built).toEqual([1, 2, 3]);
      expect(statements).toBe(dialect === 'postgres' ? 3 : 5);
      expect([await count('ins_parent'), await count('ins_child')]).toEqual([3, 2]);
    });

    it('lets a batch that cannot be built fail the write once the statement before it has finished', async () => {
      const batches = [
        () => [parents([{ id: 'p1', v: 1 }])],
        () => {
          throw new Error('cannot build');
        },
      ];
      await expect(t.database.transact((trx) => insertBatches(trx, batches))).rejects.toThrow('cannot build');
      expect(await count('ins_parent')).toBe(0);
    });

    it('stops at a failing batch, builds no further one, and leaves the transaction to undo the rest', async () => {
      const built: number[] = [];
      const batch = (n: number, parent: string) => () => {
        built.push(n);
        return [parents([{ id: `p${n}`, v: n }]), children([{ id: `c${n}`, parent_id: parent }])];
      };
      const batches = [batch(1, 'p1'), batch(2, 'missing'), batch(3, 'p3'), batch(4, 'p4')];
      await expect(t.database.transact((trx) => insertBatches(trx, batches))).rejects.toThrow();
      // PostgreSQL builds the next batch while the failing one runs, and stops there.
      expect(built).toEqual(dialect === 'postgres' ? [1, 2, 3] : [1, 2]);
      expect([await count('ins_parent'), await count('ins_child')]).toEqual([0, 0]);
    });
  });
}
