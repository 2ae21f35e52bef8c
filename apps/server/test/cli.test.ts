import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresUrl } from './helpers';

const BIN = path.resolve('apps/server/bin/gendan.mjs');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gendan-cli-'));
const env = {
  ...process.env,
  GENDAN_DATA_DIR: dataDir,
  DATABASE_URL: '',
  GENDAN_LOG_LEVEL: 'warn',
  GENDAN_DEMO: '0',
};

function gendan(args: string[], extraEnv: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('gendan CLI', () => {
  it('migrates, adds a user and creates a token printed as the last line', () => {
    expect(gendan(['migrate']).code).toBe(0);
    const add = gendan([
      'user',
      'add',
      '--username',
      'clerk1',
      '--password',
      'password-123',
      '--role',
      'clerk',
      'sales',
    ]);
    expect(add.code, add.err).toBe(0);
    expect(add.out).toContain('clerk1 (clerk, sales)');
    const tok = gendan(['token', 'create', '--user', 'admin']);
    expect(tok.code, tok.err).toBe(0);
    const last = tok.out.trim().split('\n').at(-1);
    expect(last).toMatch(/^gdn_[\w-]+_[\w-]{20,}$/);
    expect(gendan(['token', 'create', '--user', 'ghost']).code).toBe(1);
  });

  it('rejects an unknown role', () => {
    const r = gendan(['user', 'add', '--username', 'x1', '--password', 'password-123', '--role', 'wizard']);
    expect(r.code).not.toBe(0);
  });

  it('backs up SQLite online into a database that opens and holds the rows', () => {
    const file = path.join(dataDir, 'backup', 'copy.db');
    const r = gendan(['backup', file]);
    expect(r.code, r.err).toBe(0);
    const copy = new Database(file, { readonly: true, fileMustExist: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const users = copy.prepare('select username from users order by username').all() as {
        username: string;
      }[];
      // The admin made by `migrate` and the user added above.
      expect(users.map((u) => u.username)).toEqual(['admin', 'clerk1']);
      const tokens = copy.prepare('select count(*) as n from api_tokens').get() as { n: number };
      expect(tokens.n).toBe(1);
    } finally {
      copy.close();
    }
    expect(gendan(['backup', file]).code).toBe(1);
  });

  it.skipIf(!postgresUrl())('explains pg_dump on PostgreSQL', () => {
    const r = gendan(['backup', path.join(dataDir, 'pg.dump')], {
      DATABASE_URL: postgresUrl() ?? '',
    });
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('pg_dump');
  });

  it('stops start-up on a bad configuration value, naming the variable', () => {
    const r = gendan(['serve'], { PORT: 'not-a-port' });
    expect(r.code).toBe(1);
    expect(r.err).toContain('PORT');
  });

  it('serves, then shuts down gracefully on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...env, PORT: '0', HOST: '127.0.0.1', GENDAN_ADMIN_PASSWORD: 'admin-password-1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const deadline = Date.now() + 30_000;
    while (!/http:\/\/127\.0\.0\.1:\d+/.test(out) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    expect(out).toMatch(/on sqlite/);
    const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  });
});
