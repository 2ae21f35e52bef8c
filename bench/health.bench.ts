/**
 * `npm run bench:health`: GET /api/health throughput of a real Gendan server against a bare
 * node:http server answering the same JSON (and, for reference, a one-route Fastify app), measured
 * with autocannon from this process.
 *
 * - Every server runs in its own child process (bench/health-server.ts); only one is under load at
 *   a time, the others idle. On a machine with 2+ CPUs and `taskset`, the servers are pinned to
 *   CPU 1 and this process (autocannon) to CPU 0: load generator and server never share a core,
 *   and every server gets the same one.
 * - Each measurement is a warm-up run (discarded) then the measured run, same connections and
 *   pipelining for every server. Rounds repeat all servers, in a rotated order; the figures are the
 *   medians over rounds, and the ratio is the median of the per-round ratios (paired, so that
 *   a load change on a shared machine hits both sides of a ratio alike).
 * - Besides req/s, the server's own CPU time per request (process.cpuUsage in the child) is
 *   reported: it depends less on what else runs on the machine than req/s does.
 *
 * Settings (environment): BENCH_CONNECTIONS (50), BENCH_DURATION (10 s), BENCH_WARMUP (2 s),
 * BENCH_PIPELINING (1), BENCH_ROUNDS (3), BENCH_FASTIFY (1: include the Fastify reference),
 * BENCH_PIN (1; 0 runs unpinned), GENDAN_LOG_LEVEL (warn) for the Gendan server, BENCH_NO_DOC=1 to
 * leave docs/BENCHMARKS.md alone (else the `bench:health` section there is rewritten).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverScript = path.join(root, 'bench', 'health-server.ts');
const docFile = path.join(root, 'docs', 'BENCHMARKS.md');

function intEnv(name: string, fallback: number, min = 0): number {
  const raw = process.env[name];
  const v = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be a whole number ≥ ${min}, got ${raw}`);
  return v;
}

const DEFAULTS = { connections: 50, duration: 10, warmup: 2, pipelining: 1, rounds: 3, logLevel: 'warn' };
const settings = {
  connections: intEnv('BENCH_CONNECTIONS', DEFAULTS.connections, 1),
  duration: intEnv('BENCH_DURATION', DEFAULTS.duration, 1),
  warmup: intEnv('BENCH_WARMUP', DEFAULTS.warmup),
  pipelining: intEnv('BENCH_PIPELINING', DEFAULTS.pipelining, 1),
  rounds: intEnv('BENCH_ROUNDS', DEFAULTS.rounds, 1),
  fastify: process.env.BENCH_FASTIFY !== '0',
  logLevel: process.env.GENDAN_LOG_LEVEL || DEFAULTS.logLevel,
};
const TARGET_RATIO = 0.7;

/** CPU pinning: servers on CPU 1, autocannon on CPU 0, when there are two CPUs and taskset. */
const canPin =
  process.env.BENCH_PIN !== '0' &&
  os.cpus().length >= 2 &&
  spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;

/** The command that reproduces this run: the non-default settings, then the npm script. */
function reproduceCommand(): string {
  const env: string[] = [];
  if (settings.connections !== DEFAULTS.connections) env.push(`BENCH_CONNECTIONS=${settings.connections}`);
  if (settings.duration !== DEFAULTS.duration) env.push(`BENCH_DURATION=${settings.duration}`);
  if (settings.warmup !== DEFAULTS.warmup) env.push(`BENCH_WARMUP=${settings.warmup}`);
  if (settings.pipelining !== DEFAULTS.pipelining) env.push(`BENCH_PIPELINING=${settings.pipelining}`);
  if (settings.rounds !== DEFAULTS.rounds) env.push(`BENCH_ROUNDS=${settings.rounds}`);
  if (!settings.fastify) env.push('BENCH_FASTIFY=0');
  if (settings.logLevel !== DEFAULTS.logLevel) env.push(`GENDAN_LOG_LEVEL=${settings.logLevel}`);
  if (process.env.BENCH_PIN === '0') env.push('BENCH_PIN=0');
  return [...env, 'npm run bench:health'].join(' ');
}

type Kind = 'bare' | 'fastify' | 'gendan';

const LABELS: Record<Kind, string> = {
  bare: 'bare node:http',
  fastify: 'Fastify, one route (reference)',
  gendan: `Gendan (SQLite, log ${settings.logLevel})`,
};

interface Server {
  kind: Kind;
  proc: ChildProcess;
  port: number;
}

function startServer(kind: Kind): Promise<Server> {
  const nodeArgs = ['--import', 'tsx', serverScript, kind];
  const [cmd, args] = canPin
    ? ['taskset', ['-c', '1', process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const proc = spawn(cmd, args, {
    cwd: root,
    // stdout (the server's request log, at GENDAN_LOG_LEVEL=info) goes to /dev/null; errors show.
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    env: { ...process.env, GENDAN_LOG_LEVEL: settings.logLevel },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} server did not start within 60 s`)), 60_000);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`${kind} server exited with ${code}`));
    };
    proc.once('exit', onExit);
    proc.once('message', (msg: { port?: unknown }) => {
      clearTimeout(timer);
      proc.off('exit', onExit);
      if (typeof msg.port === 'number') resolve({ kind, proc, port: msg.port });
      else reject(new Error(`${kind} server sent ${JSON.stringify(msg)}`));
    });
  });
}

function stopServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (server.proc.exitCode !== null || server.proc.signalCode !== null) return resolve();
    const force = setTimeout(() => server.proc.kill('SIGKILL'), 10_000);
    server.proc.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    server.proc.kill('SIGTERM');
  });
}

/** The server process's CPU time so far (µs), from the child itself. */
function cpuOf(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${server.kind}: no CPU answer`)), 5_000);
    const onMessage = (msg: { cpu?: unknown }) => {
      if (typeof msg.cpu !== 'number') return;
      clearTimeout(timer);
      server.proc.off('message', onMessage);
      resolve(msg.cpu);
    };
    server.proc.on('message', onMessage);
    server.proc.send('cpu');
  });
}

interface Sample {
  reqPerSec: number;
  p50: number;
  p99: number;
  total: number;
  /** Server CPU time per request, µs. */
  cpuPerReq: number;
  non2xx: number;
  errors: number;
}

async function measure(server: Server): Promise<Sample> {
  const url = `http://127.0.0.1:${server.port}/api/health`;
  const opts = { url, connections: settings.connections, pipelining: settings.pipelining };
  if (settings.warmup > 0) await autocannon({ ...opts, duration: settings.warmup });
  const cpuBefore = await cpuOf(server);
  const r = await autocannon({ ...opts, duration: settings.duration });
  const cpuAfter = await cpuOf(server);
  return {
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    cpuPerReq: r.requests.total > 0 ? (cpuAfter - cpuBefore) / r.requests.total : NaN,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

interface Summary {
  kind: Kind;
  label: string;
  reqPerSec: number;
  p50: number;
  p99: number;
  cpuPerReq: number;
  total: number;
  non2xx: number;
  errors: number;
  rounds: number[];
}

function summarize(kind: Kind, samples: Sample[]): Summary {
  return {
    kind,
    label: LABELS[kind],
    reqPerSec: median(samples.map((s) => s.reqPerSec)),
    p50: median(samples.map((s) => s.p50)),
    p99: median(samples.map((s) => s.p99)),
    cpuPerReq: median(samples.map((s) => s.cpuPerReq)),
    total: samples.reduce((a, s) => a + s.total, 0),
    non2xx: samples.reduce((a, s) => a + s.non2xx, 0),
    errors: samples.reduce((a, s) => a + s.errors, 0),
    rounds: samples.map((s) => s.reqPerSec),
  };
}

function gitCommit(): string | null {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function machine(): string {
  const cpus = os.cpus();
  const gib = Math.round(os.totalmem() / 1024 ** 3);
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} CPUs, ${gib} GiB RAM, ${os.type()} ${os.release()} (${os.arch()})`;
}

const INTRO = `# Benchmarks

Throughput figures for Gendan, each with the command that reproduces it. Every figure depends on
the machine and on what else runs on it: compare figures from one run only, never across machines.
The commands run from the repository root after \`npm ci\`; nothing needs building first.
`;

const START = '<!-- bench:health:start -->';
const END = '<!-- bench:health:end -->';

function writeDoc(rows: Summary[], ratio: number, cpuRatio: number, loadBefore: number[]): void {
  const commit = gitCommit();
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  const cmd = reproduceCommand();
  const row = (m: Summary) =>
    `| ${m.label} | ${fmt(m.reqPerSec)} | ${m.rounds.map((x) => fmt(x)).join(' / ')} | ${fmt(m.p50)} ms | ${fmt(m.p99)} ms | ${fmt(m.cpuPerReq, 1)} µs | ${m.non2xx} / ${m.errors} |`;
  const section = `${START}
## \`GET /api/health\`: Gendan against bare \`node:http\`

Reproduce: \`${cmd}\` (script \`bench/health.bench.ts\`, servers \`bench/health-server.ts\`).

Measured ${date} UTC on ${machine()}, Node ${process.version}${commit ? `, commit \`${commit}\` plus the working tree` : ''}; load average before the run ${loadBefore.map((l) => l.toFixed(2)).join(' / ')}.
autocannon: ${settings.connections} connections, pipelining ${settings.pipelining}; per server and round a ${settings.warmup} s warm-up (discarded), then ${settings.duration} s measured; ${settings.rounds} round(s), medians shown.

| server | req/s (median) | req/s per round | p50 latency | p99 latency | server CPU per request | non-2xx / errors |
|---|---:|---:|---:|---:|---:|---:|
${rows.map(row).join('\n')}

**Ratio Gendan / bare: ${ratio.toFixed(2)}** by req/s (median of the per-round ratios), **${cpuRatio.toFixed(2)}** by server CPU per request. Target ≥ ${TARGET_RATIO.toFixed(2)}: ${ratio >= TARGET_RATIO ? 'met' : 'not met'}.

How it is measured:
- Each server runs in its own child process; only one is under load at a time. autocannon runs in the parent process.
- ${canPin ? 'The server processes are pinned to CPU 1 and the autocannon process to CPU 0 with `taskset`, so the load generator never competes with the server for a core and every server gets the same CPU.' : 'No CPU pinning here (fewer than 2 CPUs, no `taskset`, or BENCH_PIN=0): load generator and server share the CPUs.'}
- Server CPU per request is the child's \`process.cpuUsage()\` (user + system, all threads) over the measured run divided by the requests served. It depends less than req/s on what else the machine runs, but not nothing: on a busy machine (a load average above the CPU count) both figures degrade, CPU time through shared caches and cores. Trust a run with a low load average.
- Gendan: \`buildApp\` + \`listen\` on 127.0.0.1, SQLite in a fresh temp dir, log level \`${settings.logLevel}\`, otherwise the default configuration (outbox worker on). Its \`/api/health\` checks the database on every request, by design: on SQLite that the handle is open (a \`select 1\` would read no page of the file, so it could tell no more; on PostgreSQL it is a \`select 1\` through the pool). No cookie or token is sent, so the authentication hook passes straight through; the request runs the global hook (request id header, language) and the route's own hooks like any other public route, and a request logger that builds its pino child only if a line is written.
- Bare: \`node:http\` answering the same JSON (\`{"status":"ok","db":"sqlite","version":…}\`) with the same content type and cache header, and nothing else: no routing, hooks, validation or database.${settings.fastify ? '\n- Fastify reference: a Fastify app with default options and that one route, no plugins or hooks: the share of the gap that is the framework itself.' : ''}

Where the gap is (2026-11-28; between separate runs on this machine the ratio has ranged from 0.59 to 0.84 in one day, so trust medians of several rounds):
- The framework: the one-route Fastify app costs 1.12–1.27 × the bare server's CPU per request.
- Gendan cost about 1.3–1.4 × that Fastify app until two findings from a CPU profile of this route (\`node --cpu-prof\` under autocannon): the health handler made a closure per request, and the server runs through tsx, whose transform names every closure it creates with a \`defineProperty\` call (now a module-level function); and the authentication hook ran on the probe (now \`config.identify: false\`: a probe never looks credentials up). Since then Gendan costs about 1.1–1.15 × the Fastify app.
- What is left: having a logger at all (with one configured, Fastify times every response and listens for its end even when no line is written; about 3–7 % in paired runs), the one global \`onRequest\` hook (request id header, language; about 2–4 %), the route table (about 150 routes) and the request decorations.
- Taken out of the probe's path earlier: the multipart plugin's two hooks (now only on upload routes), the cookie plugin's two hooks (the session cookie is read on demand), a pino child logger per request (made only when a line is written) and a \`select 1\` per probe on SQLite.
${END}
`;
  let doc = fs.existsSync(docFile) ? fs.readFileSync(docFile, 'utf8') : INTRO;
  const s = doc.indexOf(START);
  const e = doc.indexOf(END);
  if (s !== -1 && e > s) doc = doc.slice(0, s) + section.trimEnd() + doc.slice(e + END.length);
  else doc = `${doc.trimEnd()}\n\n${section}`;
  fs.mkdirSync(path.dirname(docFile), { recursive: true });
  fs.writeFileSync(docFile, doc.endsWith('\n') ? doc : `${doc}\n`);
  console.log(`\nWrote ${path.relative(root, docFile)}`);
}

async function main(): Promise<void> {
  if (canPin) spawnSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
  const loadBefore = os.loadavg();
  const kinds: Kind[] = settings.fastify ? ['bare', 'fastify', 'gendan'] : ['bare', 'gendan'];
  console.log(
    `GET /api/health — ${settings.connections} connections, pipelining ${settings.pipelining}, ` +
      `${settings.warmup} s warm-up + ${settings.duration} s per server, ${settings.rounds} round(s); ` +
      (canPin ? 'servers on CPU 1, autocannon on CPU 0' : 'no CPU pinning') +
      `; load average ${loadBefore.map((l) => l.toFixed(2)).join(' ')}`,
  );

  const servers: Server[] = [];
  const samples = new Map<Kind, Sample[]>(kinds.map((k) => [k, []]));
  const ratios: number[] = [];
  try {
    for (const kind of kinds) servers.push(await startServer(kind));
    for (const server of servers) {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/health`);
      const body = await res.text();
      if (res.status !== 200)
        throw new Error(`${server.kind}: GET /api/health answered ${res.status} ${body}`);
      console.log(`${LABELS[server.kind]}: ${body}`);
    }
    for (let round = 0; round < settings.rounds; round++) {
      // Rotate the order, so that no server is always measured first or last.
      const order = servers.map((_, i) => servers[(i + round) % servers.length]!);
      const byKind = new Map<Kind, Sample>();
      for (const server of order) {
        const s = await measure(server);
        byKind.set(server.kind, s);
        samples.get(server.kind)!.push(s);
        console.log(
          `round ${round + 1}: ${LABELS[server.kind].padEnd(32)} ${fmt(s.reqPerSec).padStart(7)} req/s  ` +
            `p50 ${s.p50} ms  p99 ${s.p99} ms  ${fmt(s.cpuPerReq, 1)} µs CPU/req`,
        );
      }
      ratios.push(byKind.get('gendan')!.reqPerSec / byKind.get('bare')!.reqPerSec);
    }
  } finally {
    await Promise.all(servers.map(stopServer));
  }

  const rows = kinds.map((k) => summarize(k, samples.get(k)!));
  const bare = rows.find((r) => r.kind === 'bare')!;
  const gendan = rows.find((r) => r.kind === 'gendan')!;
  const ratio = median(ratios);
  const cpuRatio = bare.cpuPerReq / gendan.cpuPerReq;

  console.log('');
  console.table(
    rows.map((m) => ({
      server: m.label,
      'req/s': Math.round(m.reqPerSec),
      'p50 ms': m.p50,
      'p99 ms': m.p99,
      'CPU µs/req': Number(m.cpuPerReq.toFixed(1)),
      requests: m.total,
      'non-2xx': m.non2xx,
      errors: m.errors,
    })),
  );
  console.log(
    `ratio Gendan / bare: ${ratio.toFixed(2)} by req/s (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')}), ` +
      `${cpuRatio.toFixed(2)} by CPU per request; target ≥ ${TARGET_RATIO}`,
  );
  if (rows.some((r) => r.non2xx > 0 || r.errors > 0)) {
    console.warn('warning: some responses were not 2xx or failed; the figures are suspect');
  }
  if (process.env.BENCH_NO_DOC !== '1') writeDoc(rows, ratio, cpuRatio, loadBefore);
}

await main();
