import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Role } from '@gendan/contracts';
import { buildApp } from '../src/app';
import { loadConfig, type Config } from '../src/config';
import { migrateToLatest, openDatabase, type Database, type Dialect } from '../src/db/database';
import { createUser } from '../src/modules/identity/index';
import { systemContext } from '../src/lib/context';

export const ADMIN_PASSWORD = 'admin-test-pw';

/** Whether this is a CI run: any non-empty `CI` (`true`, `1`, …) makes PostgreSQL mandatory. */
export function inCI(): boolean {
  return Boolean(process.env.CI);
}

let warnedNoPostgres = false;

/**
 * The PostgreSQL URL of the tests (`TEST_DATABASE_URL`). Without it a CI run fails at once, and
 * any other run gets `undefined` and a warning, so that its PostgreSQL tests show as skipped
 * (`it.skipIf(!postgresUrl())`), never as passed.
 */
export function postgresUrl(): string | undefined {
  const url = process.env.TEST_DATABASE_URL;
  if (url) return url;
  if (inCI()) {
    throw new Error(
      `CI=${process.env.CI} but TEST_DATABASE_URL is not set: PostgreSQL tests cannot be skipped in CI`,
    );
  }
  if (!warnedNoPostgres) {
    warnedNoPostgres = true;
    console.warn('TEST_DATABASE_URL is not set: the PostgreSQL tests are skipped');
  }
  return undefined;
}

/** Dialects the API tests run on: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export function testDialects(): Dialect[] {
  return postgresUrl() ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  database: Database;
  dataDir: string;
  /** Drops the schema (PostgreSQL) or the temp folder (SQLite). */
  dispose(): Promise<void>;
  /** The URL and schema a second process can use to reach the same database. */
  databaseUrl?: string;
  pgSchema?: string;
}

/** A fresh, migrated database: a temp SQLite file, or a new schema on PostgreSQL. */
export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gendan-test-'));
  if (dialect === 'sqlite') {
    const database = openDatabase({ sqliteFile: path.join(dataDir, 'gendan.db') });
    try {
      await migrateToLatest(database);
    } catch (err) {
      await database.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
      throw err;
    }
    return {
      database,
      dataDir,
      dispose: async () => {
        await database.destroy();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const url = postgresUrl();
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const schema = `t_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const database = openDatabase({ databaseUrl: url, pgSchema: schema });
  const dispose = async () => {
    await database.destroy();
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop schema if exists ${schema} cascade`);
    await c.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await migrateToLatest(database);
  } catch (err) {
    await dispose();
    throw err;
  }
  return {
    database,
    dataDir,
    databaseUrl: url,
    pgSchema: schema,
    dispose,
  };
}

export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
  return {
    ...loadConfig({ GENDAN_DATA_DIR: dataDir, GENDAN_TIMEZONE: 'Asia/Shanghai' }),
    logLevel: 'silent',
    workers: false,
    ...overrides,
  };
}

/** The session cookie (`name=value`) from a login response. */
export function sessionCookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === 'gendan_sid');
  if (!c) throw new Error(`no session cookie in response ${res.statusCode}: ${res.body}`);
  return `gendan_sid=${c.value}`;
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
  cookie: string;
}

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  dialect: Dialect;
  dataDir: string;
  testDb: TestDatabase;
  login(username: string, password: string): Promise<{ cookie: string; res: LightMyRequestResponse }>;
  adminCookie(): Promise<string>;
  createUser(opts: {
    username?: string;
    password?: string;
    roles: Role[];
    customerId?: string;
    language?: 'zh-CN' | 'en';
  }): Promise<TestUser>;
}

let userSeq = 0;

/**
 * Runs a suite once per dialect, each in its own database or schema, with a built app and an
 * `admin` user (password ADMIN_PASSWORD). `configOverrides` adjusts the config (e.g. upload cap).
 */
export function forEachDialect(
  name: string,
  fn: (ctx: TestContext) => void,
  configOverrides: Partial<Config> = {},
): void {
  for (const dialect of testDialects()) {
    describe(`${name} [${dialect}]`, () => {
      const ctx = { dialect } as TestContext;
      let adminCookie: string | undefined;
      beforeAll(async () => {
        const testDb = await createTestDatabase(dialect);
        ctx.testDb = testDb;
        ctx.database = testDb.database;
        ctx.dataDir = testDb.dataDir;
        ctx.app = await buildApp(testConfig(testDb.dataDir, configOverrides), {
          database: testDb.database,
          logger: false,
        });
        await ctx.app.ready();
        await createUser(testDb.database.db, systemContext, {
          username: 'admin',
          password: ADMIN_PASSWORD,
          displayName: 'Admin',
          roles: ['admin'],
        });
      });
      afterAll(async () => {
        await ctx.app?.close();
        await ctx.testDb?.dispose();
      });
      ctx.login = async (username, password) => {
        const res = await ctx.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username, password },
        });
        if (res.statusCode !== 200)
          throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
        return { cookie: sessionCookieOf(res), res };
      };
      ctx.adminCookie = async () => {
        adminCookie ??= (await ctx.login('admin', ADMIN_PASSWORD)).cookie;
        return adminCookie;
      };
      ctx.createUser = async (opts) => {
        const username = opts.username ?? `u${++userSeq}_${Math.random().toString(36).slice(2, 7)}`;
        const password = opts.password ?? 'password-123';
        const user = await createUser(ctx.database.db, systemContext, {
          username,
          password,
          displayName: username,
          roles: opts.roles,
          language: opts.language ?? 'zh-CN',
          ...(opts.customerId ? { customerId: opts.customerId } : {}),
        });
        const { cookie } = await ctx.login(username, password);
        return { id: user.id, username, password, cookie };
      };
      fn(ctx);
    });
  }
}
