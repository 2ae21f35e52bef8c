import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const E2E_ADMIN_PASSWORD = 'e2e-admin-password';

/**
 * Whether the end-to-end tests can run. In CI (any non-empty `CI`) a missing Chromium or web
 * build is a failure; elsewhere the tests skip with a message.
 */
export function e2eAvailable(): boolean {
  const missing: string[] = [];
  if (!fs.existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (apt-get install chromium)`);
  if (!fs.existsSync(path.resolve('apps/web/dist/index.html'))) missing.push('apps/web/dist (npm run build)');
  if (missing.length === 0) return true;
  if (process.env.CI)
    throw new Error(`CI=${process.env.CI} but end-to-end prerequisites are missing: ${missing.join(', ')}`);
  console.warn(`Skipping end-to-end tests; missing: ${missing.join(', ')}`);
  return false;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  dataDir: string;
  output: () => string;
  stop(): Promise<void>;
}

/** Starts `gendan serve` as a real process on a fresh SQLite data directory. */
export async function startServer(env: Record<string, string> = {}): Promise<RunningServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gendan-e2e-'));
  const port = await freePort();
  let out = '';
  const child: ChildProcess = spawn(process.execPath, ['apps/server/bin/gendan.mjs', 'serve'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      GENDAN_DATA_DIR: dataDir,
      GENDAN_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
      GENDAN_DEMO: '0',
      GENDAN_LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${out}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    dataDir,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

/** The HTTP API as one signed-in user (a session cookie), for seeding and checking in e2e tests. */
export class Api {
  constructor(
    private readonly base: string,
    private cookie = '',
  ) {}

  async login(username: string, password: string): Promise<void> {
    const res = await fetch(`${this.base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    if (res.status !== 200) throw new Error(`login ${username} → ${res.status}: ${await res.text()}`);
    const sid = res.headers.getSetCookie().find((c) => c.startsWith('gendan_sid='));
    if (!sid) throw new Error('no session cookie');
    this.cookie = sid.split(';')[0]!;
  }

  async call<T>(method: string, url: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${url}`, {
      method,
      headers: {
        cookie: this.cookie,
        'accept-language': 'zh-CN',
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${url} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async bytes(url: string): Promise<Buffer> {
    const res = await fetch(`${this.base}${url}`, {
      headers: { cookie: this.cookie, 'accept-language': 'zh-CN' },
    });
    if (!res.ok) throw new Error(`GET ${url} → ${res.status}: ${await res.text()}`);
    return Buffer.from(await res.arrayBuffer());
  }
}
