import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { migrateToLatest, openDatabase, type Database } from '../../db/database';
import { systemContext } from '../../lib/context';
import { createUser } from '../identity/index';
import {
  ADMIN_PASSWORD,
  sessionCookieOf,
  testConfig,
  postgresUrl,
  testDialects,
  type TestContext,
} from '../../../test/helpers';
import { call, cleanOrder, setUpWorld, type OrdersWorld } from './orders.test-fixture';

/**
 * Statement budgets (issue 3 §8): every SQL statement Kysely runs is counted through the
 * `onQuery` hook of openDatabase, including BEGIN/COMMIT, the session look-up and the audit row.
 */

let counting = false;
let statements: string[] = [];

async function openCounting(dialect: 'sqlite' | 'postgres', dataDir: string) {
  const onQuery = (e: { query: { sql: string } }) => {
    if (counting) statements.push(e.query.sql);
  };
  if (dialect === 'sqlite') {
    const database = openDatabase({ sqliteFile: path.join(dataDir, 'gendan.db'), onQuery });
    await migrateToLatest(database);
    return { database, drop: async () => undefined };
  }
  const url = postgresUrl()!;
  const schema = `t_stmt_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = openDatabase({ databaseUrl: url, pgSchema: schema, onQuery });
  await migrateToLatest(database);
  const drop = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
  };
  return { database, drop };
}

for (const dialect of testDialects()) {
  describe(`orders statement budget [${dialect}]`, () => {
    const ctx = { dialect } as TestContext;
    let database: Database;
    let drop: () => Promise<void>;
    let dataDir: string;
    let w: OrdersWorld;

    beforeAll(async () => {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gendan-stmt-'));
      ({ database, drop } = await openCounting(dialect, dataDir));
      ctx.database = database;
      ctx.app = await buildApp(testConfig(dataDir), { database, logger: false });
      await ctx.app.ready();
      await createUser(database.db, systemContext, {
        username: 'admin',
        password: ADMIN_PASSWORD,
        displayName: 'Admin',
        roles: ['admin'],
      });
      ctx.login = async (username, password) => {
        const res = await ctx.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username, password },
        });
        return { cookie: sessionCookieOf(res), res };
      };
      let adminCookie: string | undefined;
      ctx.adminCookie = async () => (adminCookie ??= (await ctx.login('admin', ADMIN_PASSWORD)).cookie);
      ctx.createUser = async (opts) => {
        const username = opts.username ?? `s_${Math.random().toString(36).slice(2, 9)}`;
        const password = 'password-123';
        const user = await createUser(database.db, systemContext, {
          username,
          password,
          displayName: username,
          roles: opts.roles,
          language: opts.language ?? 'zh-CN',
          ...(opts.customerId ? { customerId: opts.customerId } : {}),
        });
        return { id: user.id, username, password, cookie: (await ctx.login(username, password)).cookie };
      };
      w = await setUpWorld(ctx);
    });

    afterAll(async () => {
      await ctx.app?.close();
      await database?.destroy();
      await drop?.();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const counted = async <T>(
      fn: () => Promise<T>,
    ): Promise<{ result: T; n: number; sql: string[]; ms: number }> => {
      statements = [];
      counting = true;
      try {
        const t0 = performance.now();
        const result = await fn();
        return { result, n: statements.length, sql: statements, ms: performance.now() - t0 };
      } finally {
        counting = false;
      }
    };

    const fiveLines = () =>
      cleanOrder(w, {
        lines: Array.from({ length: 5 }, (_, i) => ({
          productId: i % 2 === 0 ? w.p1 : w.p2,
          qty: 10 + i,
          unitPrice: i % 2 === 0 ? 1250 : 5000,
          requestedDate: w.later,
        })),
      });

    it('creates a 5-line order over HTTP in at most 25 statements', async () => {
      const { result, n, sql } = await counted(() =>
        call(ctx, w.clerk.cookie, 'POST', '/api/orders', fiveLines()),
      );
      expect(result.statusCode, result.body).toBe(201);
      expect(n, sql.join('\n')).toBeLessThanOrEqual(25);
      const writes = sql.filter((s) => /^(insert|update|delete|with)\b/i.test(s));
      if (dialect === 'postgres') {
        // Session, references, one INSERT statement (header, lines, event, audit as CTEs):
        // no BEGIN/COMMIT, settings from the app's cache.
        expect(writes, sql.join('\n')).toHaveLength(1);
        expect(sql.filter((s) => /^(begin|commit)/i.test(s))).toEqual([]);
        expect(n, sql.join('\n')).toBeLessThanOrEqual(4);
      } else {
        expect(writes).toHaveLength(4);
      }
    });

    it('writes a 5,000-line order atomically, in one statement on PostgreSQL', async () => {
      const lines = Array.from({ length: 5000 }, (_, i) => ({
        productId: i % 2 === 0 ? w.p1 : w.p2,
        qty: 1 + (i % 50),
        unitPrice: i % 2 === 0 ? 1250 : 5000,
        requestedDate: w.later,
      }));
      const { result, sql } = await counted(() =>
        call(ctx, w.clerk.cookie, 'POST', '/api/orders', cleanOrder(w, { lines })),
      );
      expect(result.statusCode, result.body).toBe(201);
      // PostgreSQL: still one statement (a JSON parameter per table), no transaction needed.
      const writes = sql.filter((s) => /^(insert|update|delete|with)\b/i.test(s));
      const txn = sql.filter((s) => /^(begin|commit)/i.test(s));
      if (dialect === 'postgres') {
        expect(writes).toHaveLength(1);
        expect(txn).toEqual([]);
      } else {
        expect(txn).toEqual(['begin', 'commit']);
      }
      const order = await call(ctx, w.clerk.cookie, 'GET', `/api/orders/${result.json<{ id: string }>().id}`);
      expect(order.json<{ lines: unknown[] }>().lines).toHaveLength(5000);
    });

    it('reviews and approves a 5-line order in at most 40 statements', async () => {
      const created = await call(ctx, w.clerk.cookie, 'POST', '/api/orders', fiveLines());
      const { id, version } = created.json<{ id: string; version: number }>();
      const review = await counted(() => call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/review`));
      expect(review.result.statusCode, review.result.body).toBe(200);
      const approve = await counted(() =>
        call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, { version }),
      );
      expect(approve.result.statusCode, approve.result.body).toBe(200);
      expect(approve.result.json().status).toBe('approved');
      expect(review.n + approve.n, [...review.sql, '---', ...approve.sql].join('\n')).toBeLessThanOrEqual(40);
    });

    it('approves an unreviewed 5-line order (review re-run inside) within the same budget', async () => {
      const created = await call(ctx, w.clerk.cookie, 'POST', '/api/orders', fiveLines());
      const { id, version } = created.json<{ id: string; version: number }>();
      const approve = await counted(() =>
        call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, { version }),
      );
      expect(approve.result.statusCode, approve.result.body).toBe(200);
      expect(approve.n, approve.sql.join('\n')).toBeLessThanOrEqual(40);
    });

    it('approves a 1,000-line order in a number of statements that does not grow with the lines', async () => {
      const lines = Array.from({ length: 1000 }, (_, i) => ({
        productId: i % 2 === 0 ? w.p1 : w.p2,
        qty: 1 + (i % 50),
        unitPrice: i % 2 === 0 ? 1250 : 5000,
        requestedDate: w.later,
      }));
      const created = await call(ctx, w.clerk.cookie, 'POST', '/api/orders', cleanOrder(w, { lines }));
      expect(created.statusCode, created.body).toBe(201);
      const { id, version } = created.json<{ id: string; version: number }>();
      const approve = await counted(() =>
        call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, { version }),
      );
      expect(approve.result.statusCode, approve.result.body).toBe(200);
      const order = approve.result.json();
      expect(order.lines).toHaveLength(1000);
      expect(order.lines.every((l: { promisedDate: string | null }) => l.promisedDate === w.later)).toBe(
        true,
      );
      // Review + approval with batched line updates (CASE, 500 lines per statement).
      expect(approve.n, approve.sql.map((s) => s.slice(0, 80)).join('\n')).toBeLessThanOrEqual(30);
    });
  });
}
