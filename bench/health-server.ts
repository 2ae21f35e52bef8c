/**
 * One server under test for `bench/health.bench.ts`, run in its own process:
 *
 *   node --import tsx bench/health-server.ts gendan   # buildApp + listen, SQLite in a temp dir
 *   node --import tsx bench/health-server.ts bare     # node:http, the same JSON, nothing else
 *   node --import tsx bench/health-server.ts fastify  # Fastify, one route, the same JSON: the floor
 *
 * It listens on 127.0.0.1 on a random port and sends `{ port }` to its parent over IPC (or prints
 * it when run by hand); asked `'cpu'`, it answers `{ cpu }`, the CPU time (user + system, µs) the
 * whole process has used. It stops on SIGTERM/SIGINT or when the parent goes away, and removes the
 * temp dir.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { APP_VERSION } from '../apps/server/src/lib/version';

type Kind = 'gendan' | 'bare' | 'fastify';
const BODY = { status: 'ok', db: 'sqlite', version: APP_VERSION };

async function startGendan(): Promise<{ port: number; close: () => Promise<void> }> {
  // Loaded here, not at the top: the reference servers need none of the app.
  const { buildApp, loadConfig } = await import('../apps/server/src/index');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gendan-bench-'));
  // The environment's configuration, as `gendan serve` reads it; only the data dir, the address
  // and the log level are the benchmark's (GENDAN_LOG_LEVEL overrides 'warn').
  const config = loadConfig({
    ...process.env,
    GENDAN_DATA_DIR: dataDir,
    GENDAN_LOG_LEVEL: process.env.GENDAN_LOG_LEVEL ?? 'warn',
    DATABASE_URL: undefined,
  });
  const app = await buildApp(config);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr !== 'object') throw new Error('no address');
  return {
    port: addr.port,
    close: async () => {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function startBare(): Promise<{ port: number; close: () => Promise<void> }> {
  const body = JSON.stringify(BODY);
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/api/health') {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
      });
      res.end(body);
    } else {
      res.writeHead(404).end();
    }
  });
  // Fastify's defaults, so that both servers treat idle keep-alive connections alike.
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  if (!addr || typeof addr !== 'object') throw new Error('no address');
  return {
    port: addr.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Fastify with its defaults, no plugins or hooks, and one route: what any Fastify app pays. */
async function startFastify(): Promise<{ port: number; close: () => Promise<void> }> {
  const app = Fastify({ logger: false });
  app.get('/api/health', async (_req, reply) => reply.header('cache-control', 'no-store').send(BODY));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  if (!addr || typeof addr !== 'object') throw new Error('no address');
  return { port: addr.port, close: () => app.close() };
}

const kind = process.argv[2] as Kind | undefined;
if (kind !== 'gendan' && kind !== 'bare' && kind !== 'fastify') {
  console.error('usage: node --import tsx bench/health-server.ts gendan|bare|fastify');
  process.exit(2);
}

const server =
  kind === 'gendan' ? await startGendan() : kind === 'bare' ? await startBare() : await startFastify();
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  void server.close().finally(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.once('disconnect', stop);
process.on('message', (msg) => {
  if (msg === 'cpu') {
    const u = process.cpuUsage();
    process.send?.({ cpu: u.user + u.system });
  }
});
if (process.send) process.send({ port: server.port });
else console.log(`${kind} listening on http://127.0.0.1:${server.port}/api/health`);
