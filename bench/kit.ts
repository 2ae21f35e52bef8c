/**
 * Shared plumbing of the issue-3 benchmarks (bench:intake, bench:approve, bench:import,
 * bench:orders-list): settings from the environment, fresh databases (a temp SQLite file or a
 * PostgreSQL schema), the real Gendan server in a child process (`apps/server/src/main.ts`, i.e.
 * `gendan serve`), CPU pinning, statistics, and rewriting one section of docs/BENCHMARKS.md.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { migrateToLatest, openDatabase, type Database } from '../apps/server/src/index';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const docFile = path.join(root, 'docs', 'BENCHMARKS.md');

export type Dialect = 'sqlite' | 'postgres';

export function intEnv(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  const v = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be a whole number ≥ ${min}, got ${raw}`);
  return v;
}

/** PostgreSQL server for the benchmarks; BENCH_PG=0 skips PostgreSQL. */
export const PG_URL = process.env.BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/test';
export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

/**
 * The dialects to run: SQLite unless BENCH_SQLITE=0 (and PostgreSQL answers), PostgreSQL unless
 * BENCH_PG=0 or it does not answer.
 */
export async function benchDialects(): Promise<Dialect[]> {
  if (process.env.BENCH_PG === '0') return ['sqlite'];
  const c = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return process.env.BENCH_SQLITE === '0' ? ['postgres'] : ['sqlite', 'postgres'];
  } catch (err) {
    console.warn(`PostgreSQL at ${PG_URL} does not answer (${String(err)}): SQLite only`);
    return ['sqlite'];
  } finally {
    await c.end().catch(() => undefined);
  }
}

/** Settings that differ from a script's defaults, as `NAME=value` words for the reproduce command. */
export function envWords(names: readonly string[]): string[] {
  return names
    .filter((n) => process.env[n] !== undefined && process.env[n] !== '')
    .map((n) => `${n}=${process.env[n]}`);
}

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Nearest-rank percentile (p in 0–100) of unsorted values. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

export const fmt = (n: number, digits = 0) =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '–';

export function machine(): string {
  const cpus = os.cpus();
  const gib = Math.round(os.totalmem() / 1024 ** 3);
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} CPUs, ${gib} GiB RAM, ${os.type()} ${os.release()} (${os.arch()})`;
}

/** The 1/5/15-minute load average, as `uptime` prints it. */
export const loadAvg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');

export function gitCommit(): string | null {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** `Measured … on …, Node …, commit …` for a section header. */
export function measuredLine(): string {
  const commit = gitCommit();
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  return `Measured ${date} UTC on ${machine()}, Node ${process.version}${commit ? `, commit \`${commit}\` plus the working tree` : ''}.`;
}

// CPU pinning (as bench/health.bench.ts): servers and raw scripts on CPU 1, this process on CPU 0.

export const canPin =
  process.env.BENCH_PIN !== '0' &&
  os.cpus().length >= 2 &&
  spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;

export function pinSelf(): void {
  if (canPin) spawnSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
}

export const pinningNote = (what = 'The server runs') =>
  canPin
    ? `${what} pinned to CPU 1 and this process (the load generator) to CPU 0 (\`taskset\`); PostgreSQL’s own processes are not pinned.`
    : 'No CPU pinning (fewer than 2 CPUs, no `taskset`, or BENCH_PIN=0).';

/** Spawns `node --import tsx <script> …args`, pinned to CPU 1 when possible. */
export function spawnNode(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdio: 'inherit' | 'pipe' = 'inherit',
  nodeFlags: string[] = [],
): ChildProcess {
  const nodeArgs = [...nodeFlags, '--import', 'tsx', script, ...args];
  const [cmd, argv] = canPin
    ? ['taskset', ['-c', '1', process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  return spawn(cmd, argv, { cwd: root, env, stdio: ['ignore', stdio, 'inherit'] });
}

export function stopChild(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
    const force = setTimeout(() => proc.kill('SIGKILL'), 15_000);
    proc.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    proc.kill('SIGTERM');
  });
}

/** CPU time (user + system, µs) a process has used so far, from /proc; NaN where there is none. */
export function cpuMicrosOf(pid: number | undefined): number {
  if (pid === undefined) return NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 (utime, stime) in clock ticks; after the `)` the list starts at field 3.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1e6) / 100; // USER_HZ is 100 on Linux
  } catch {
    return NaN;
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

// Databases

/** A fresh, empty database for one benchmark: a temp SQLite file, or a new PostgreSQL schema. */
export interface Target {
  dialect: Dialect;
  /** Temp dir: the SQLite file (SQLite) and the server's file store. */
  dataDir: string;
  /** PostgreSQL: the URL with `options=-c search_path=<schema>`, as the server gets it. */
  databaseUrl?: string;
  /** The server's SQLite file (SQLite only). */
  sqliteFile?: string;
  schema?: string;
  dispose(): Promise<void>;
}

/** `postgres://…?options=-c search_path=<schema>`: every connection of a pool lands in the schema. */
export function urlWithSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

export async function pgAdmin<T>(fn: (c: pg.Client) => Promise<T>, url = PG_URL): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

let targetSeq = 0;

export async function createTarget(dialect: Dialect, label: string): Promise<Target> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `gendan-bench-${label}-`));
  if (dialect === 'sqlite') {
    return {
      dialect,
      dataDir,
      sqliteFile: path.join(dataDir, 'gendan.db'),
      dispose: () => Promise.resolve(fs.rmSync(dataDir, { recursive: true, force: true })),
    };
  }
  const schema = `bench_${label}_${process.pid}_${++targetSeq}`.replace(/[^a-z0-9_]/g, '_');
  await pgAdmin((c) => c.query(`drop schema if exists ${schema} cascade; create schema ${schema}`));
  return {
    dialect,
    dataDir,
    schema,
    databaseUrl: urlWithSchema(PG_URL, schema),
    dispose: async () => {
      await pgAdmin((c) => c.query(`drop schema if exists ${schema} cascade`));
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens the target as the server does (same pragmas), and migrates it. */
export async function openTarget(t: Pick<Target, 'databaseUrl' | 'sqliteFile'>): Promise<Database> {
  const database = openDatabase(
    t.databaseUrl ? { databaseUrl: t.databaseUrl } : { sqliteFile: t.sqliteFile ?? ':memory:' },
  );
  await migrateToLatest(database);
  return database;
}

// The Gendan server

export interface GendanServer {
  proc: ChildProcess;
  port: number;
  base: string;
  cpuMicros: () => number;
}

/**
 * Starts the real server, `gendan serve` (apps/server/src/main.ts), in a child process: HOST
 * 127.0.0.1, a free port, the target's database, GENDAN_DEMO=0, log level warn (GENDAN_LOG_LEVEL
 * overrides), otherwise the environment's configuration. Resolves once GET /api/health answers.
 */
export async function startGendan(t: Target, extraEnv: NodeJS.ProcessEnv = {}): Promise<GendanServer> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    GENDAN_DATA_DIR: t.dataDir,
    GENDAN_DEMO: '0',
    GENDAN_LOG_LEVEL: process.env.GENDAN_LOG_LEVEL || 'warn',
    GENDAN_ADMIN_PASSWORD: 'bench-admin-password',
    ...extraEnv,
  };
  if (t.databaseUrl) env.DATABASE_URL = t.databaseUrl;
  else delete env.DATABASE_URL;
  // BENCH_CPU_PROF=<dir>: the server writes a V8 CPU profile there when it stops (for diagnosis).
  const prof = process.env.BENCH_CPU_PROF;
  const flags = prof ? ['--cpu-prof', `--cpu-prof-dir=${prof}`] : [];
  const proc = spawnNode(path.join(root, 'apps/server/src/main.ts'), [], env, 'inherit', flags);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`gendan serve exited with ${proc.exitCode}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stopChild(proc);
      throw new Error('gendan serve did not answer /api/health within 90 s');
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { proc, port, base, cpuMicros: () => cpuMicrosOf(proc.pid) };
}

// docs/BENCHMARKS.md

const INTRO = `# Benchmarks

Figures for Gendan, each with the command that reproduces it (run from the repository root after
\`npm ci\`; nothing needs building first). Every figure depends on the machine and on what else runs
on it: compare figures from one run only, never across machines. The machine these were taken on
has 2 cores and was shared with other work while they ran, so the load average (as \`uptime\`
prints it: 1, 5 and 15 minutes) is noted next to each figure; rerun the command on a quiet machine
for cleaner ones. Each section gives the Node version and commit it was measured with.
`;

/** Replaces (or appends) the section between `<!-- bench:<key>:start -->` and `…:end -->`. */
export function writeDocSection(key: string, body: string): void {
  const start = `<!-- bench:${key}:start -->`;
  const end = `<!-- bench:${key}:end -->`;
  const section = `${start}\n${body.trim()}\n${end}`;
  let doc = fs.existsSync(docFile) ? fs.readFileSync(docFile, 'utf8') : INTRO;
  const s = doc.indexOf(start);
  const e = doc.indexOf(end);
  if (s !== -1 && e > s) doc = doc.slice(0, s) + section + doc.slice(e + end.length);
  else doc = `${doc.trimEnd()}\n\n${section}\n`;
  fs.mkdirSync(path.dirname(docFile), { recursive: true });
  fs.writeFileSync(docFile, doc.endsWith('\n') ? doc : `${doc}\n`);
  console.log(`\nWrote the bench:${key} section of ${path.relative(root, docFile)}`);
}

export const shouldWriteDoc = () => process.env.BENCH_NO_DOC !== '1';

/** A JSON request with the bench token; throws on an unexpected status. */
export async function api<T>(
  base: string,
  token: string,
  method: string,
  url: string,
  body?: unknown,
  expect: number[] = [200, 201],
): Promise<{ status: number; body: T; ms: number }> {
  const t0 = performance.now();
  const res = await fetch(`${base}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      'accept-language': 'en',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!expect.includes(res.status))
    throw new Error(`${method} ${url} → ${res.status}: ${text.slice(0, 2000)}`);
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, ms };
}
