/**
 * `npm run bench:intake`: order intake throughput (issue 3 §8). The real server (`gendan serve` in
 * a child process, fresh database, GENDAN_DEMO=0, log level warn) seeded through the services with
 * a customer, 5 products and an active contract; autocannon in this process POSTs valid 5-line
 * orders to `POST /api/orders` with a Bearer API token, each with its own customer PO. In the same
 * run, bench/raw-intake.ts writes the same rows (header, 5 lines, one audit row) in one transaction
 * per order, as fast as it can, for the same time, into an identically seeded database. Reported:
 * orders/s of both and their ratio (target ≥ 0.5), on SQLite and PostgreSQL.
 *
 * Each round measures both sides back to back (alternating which goes first); the ratio is the
 * median of the per-round ratios, so that a load change on a shared machine hits both sides alike.
 * Node CPU per order (server process / raw script) is reported too: on a busy machine it is the
 * steadier figure. After the run the server's database must hold exactly the orders that got 201.
 *
 * Settings: BENCH_CONNECTIONS (16), BENCH_DURATION (10 s), BENCH_WARMUP (2 s), BENCH_ROUNDS (2),
 * BENCH_PG=0 (SQLite only), BENCH_PG_URL, BENCH_PIN=0, BENCH_NO_DOC=1 (leave docs alone).
 */
import path from 'node:path';
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import { sql } from 'kysely';
import { todayInZone, addDays } from '../apps/server/src/lib/time';
import {
  benchDialects,
  canPin,
  createTarget,
  DEFAULT_PG_URL,
  envWords,
  fmt,
  intEnv,
  loadAvg,
  measuredLine,
  median,
  openTarget,
  pinningNote,
  pinSelf,
  root,
  shouldWriteDoc,
  startGendan,
  stopChild,
  writeDocSection,
  type Dialect,
  type Target,
} from './kit';
import type { RawSettings } from './raw-intake';
import { BENCH_USER, benchOrderBody, seedBench, TIME_ZONE, type BenchSeed } from './seed';

const settings = {
  connections: intEnv('BENCH_CONNECTIONS', 16, 1),
  duration: intEnv('BENCH_DURATION', 10, 1),
  warmup: intEnv('BENCH_WARMUP', 2),
  rounds: intEnv('BENCH_ROUNDS', 2, 1),
};
const LINES = 5;
const TARGET_RATIO = 0.5;
const command = [
  ...envWords([
    'BENCH_CONNECTIONS',
    'BENCH_DURATION',
    'BENCH_WARMUP',
    'BENCH_ROUNDS',
    'BENCH_PG',
    'BENCH_PG_URL',
    'BENCH_PIN',
  ]),
  'npm run bench:intake',
].join(' ');

interface Round {
  gendan: { ordersPerSec: number; p50: number; p99: number; cpuPerOrder: number; ok: number; bad: number };
  raw: { ordersPerSec: number; cpuPerOrder: number };
  ratio: number;
  load: string;
}

interface DialectResult {
  dialect: Dialect;
  rounds: Round[];
  stored: number;
  /** Orders that got 201 as autocannon counted them (the check order included). */
  counted: number;
  /** autocannon runs: each may leave up to `connections` requests in flight, uncounted. */
  runs: number;
}

interface Seeded {
  target: Target;
  seed: BenchSeed;
}

/** A fresh, seeded database; its target is added to `targets` (to be disposed) at once. */
async function seeded(dialect: Dialect, label: string, targets: Target[]): Promise<Seeded> {
  const target = await createTarget(dialect, label);
  targets.push(target);
  const database = await openTarget(target);
  try {
    return { target, seed: await seedBench(database.db, { customers: 1, products: 5 }) };
  } finally {
    await database.destroy();
  }
}

async function runRaw(target: Target, seed: BenchSeed, round: number): Promise<Round['raw']> {
  const today = todayInZone(TIME_ZONE);
  const raw: RawSettings = {
    dialect: target.dialect,
    ...(target.sqliteFile ? { sqliteFile: target.sqliteFile } : {}),
    ...(target.databaseUrl ? { databaseUrl: target.databaseUrl } : {}),
    seconds: settings.duration,
    concurrency: settings.connections,
    customerId: seed.customers[0]!.id,
    actor: { id: seed.userId, username: BENCH_USER },
    orderDate: today,
    requestedDate: addDays(today, 60),
    products: seed.products.map((p) => ({ id: p.id, unitPrice: p.unitPrice, specs: p.specs })),
    linesPerOrder: LINES,
    poPrefix: `RAW-${round}`,
  };
  const nodeArgs = ['--import', 'tsx', path.join(root, 'bench', 'raw-intake.ts'), JSON.stringify(raw)];
  const [cmd, args] = canPin
    ? ['taskset', ['-c', '1', process.execPath, ...nodeArgs]]
    : [process.execPath, nodeArgs];
  const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`raw-intake exited with ${code}`);
  const r = JSON.parse(out.trim().split('\n').pop()!) as {
    orders: number;
    seconds: number;
    cpuMicros: number;
  };
  return { ordersPerSec: r.orders / r.seconds, cpuPerOrder: r.cpuMicros / r.orders };
}

async function runGendan(
  base: string,
  token: string,
  seed: BenchSeed,
  cpu: () => number,
  tag: string,
  seconds: number,
): Promise<Round['gendan']> {
  // The body is the same but for the customer PO: split it around a marker once, then splice.
  const template = JSON.stringify(benchOrderBody(seed, seed.customers[0]!.id, '@@PO@@', LINES));
  const [head, tail] = template.split('@@PO@@') as [string, string];
  let n = 0;
  const cpuBefore = cpu();
  const r = await autocannon({
    url: `${base}/api/orders`,
    connections: settings.connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        setupRequest: (req) => ({ ...req, body: `${head}${tag}-${++n}${tail}` }),
      },
    ],
  });
  const cpuAfter = cpu();
  const ok = r['2xx'];
  return {
    ordersPerSec: ok / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    cpuPerOrder: ok > 0 ? (cpuAfter - cpuBefore) / ok : NaN,
    ok,
    bad: r.non2xx + r.errors + r.timeouts,
  };
}

async function runDialect(dialect: Dialect): Promise<DialectResult> {
  const targets: Target[] = [];
  try {
    const g = await seeded(dialect, 'intake', targets);
    const raw = await seeded(dialect, 'intake_raw', targets);
    return await measureIntake(dialect, g, raw);
  } finally {
    for (const t of targets) await t.dispose();
  }
}

async function measureIntake(dialect: Dialect, g: Seeded, raw: Seeded): Promise<DialectResult> {
  const server = await startGendan(g.target);
  let counted = 0;
  let runs = 0;
  const rounds: Round[] = [];
  try {
    // One order by hand first: it must be accepted, or the figures mean nothing.
    const res = await fetch(`${server.base}/api/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${g.seed.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(benchOrderBody(g.seed, g.seed.customers[0]!.id, 'CHECK-1', LINES)),
    });
    if (res.status !== 201) throw new Error(`POST /api/orders answered ${res.status}: ${await res.text()}`);
    counted++;
    for (let round = 1; round <= settings.rounds; round++) {
      const load = loadAvg();
      const gendanSide = async () => {
        if (settings.warmup > 0) {
          const w = await runGendan(
            server.base,
            g.seed.token,
            g.seed,
            server.cpuMicros,
            `W${round}`,
            settings.warmup,
          );
          counted += w.ok;
          runs++;
        }
        const m = await runGendan(
          server.base,
          g.seed.token,
          g.seed,
          server.cpuMicros,
          `M${round}`,
          settings.duration,
        );
        counted += m.ok;
        runs++;
        return m;
      };
      let gendan: Round['gendan'];
      let rawSide: Round['raw'];
      if (round % 2 === 1) {
        gendan = await gendanSide();
        rawSide = await runRaw(raw.target, raw.seed, round);
      } else {
        rawSide = await runRaw(raw.target, raw.seed, round);
        gendan = await gendanSide();
      }
      const r = { gendan, raw: rawSide, ratio: gendan.ordersPerSec / rawSide.ordersPerSec, load };
      rounds.push(r);
      console.log(
        `[${dialect}] round ${round}: Gendan ${fmt(gendan.ordersPerSec, 1)} orders/s (p50 ${gendan.p50} ms, ` +
          `p99 ${gendan.p99} ms, ${fmt(gendan.cpuPerOrder)} µs CPU/order, ${gendan.bad} non-2xx/errors); ` +
          `raw ${fmt(rawSide.ordersPerSec, 1)} orders/s (${fmt(rawSide.cpuPerOrder)} µs CPU/order); ` +
          `ratio ${r.ratio.toFixed(2)}; load ${load}`,
      );
    }
  } finally {
    await stopChild(server.proc);
  }
  const database = await openTarget(g.target);
  const stored = await sql<{ n: number }>`select count(*) as n from orders`.execute(database.db);
  await database.destroy();
  return { dialect, rounds, stored: Number(stored.rows[0]?.n ?? 0), counted, runs };
}

/** Every counted 201 is stored, and at most the in-flight requests of each run more. */
const storedOk = (d: DialectResult) =>
  d.stored >= d.counted && d.stored <= d.counted + d.runs * settings.connections;

function section(results: DialectResult[], loadBefore: string): string {
  const rows = results.map((d) => {
    const m = (f: (r: Round) => number) => median(d.rounds.map(f));
    const ratio = m((r) => r.ratio);
    const cpuRatio = m((r) => r.raw.cpuPerOrder) / m((r) => r.gendan.cpuPerOrder);
    return (
      `| ${d.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | ${fmt(
        m((r) => r.gendan.ordersPerSec),
        1,
      )} | ` +
      `${fmt(m((r) => r.gendan.p50))} / ${fmt(m((r) => r.gendan.p99))} ms | ${fmt(m((r) => r.gendan.cpuPerOrder))} µs | ` +
      `${fmt(
        m((r) => r.raw.ordersPerSec),
        1,
      )} | ${fmt(m((r) => r.raw.cpuPerOrder))} µs | **${ratio.toFixed(2)}** ` +
      `(${d.rounds.map((r) => r.ratio.toFixed(2)).join(', ')}) | ${cpuRatio.toFixed(2)} | ` +
      `${ratio >= TARGET_RATIO ? 'met' : 'not met'} | ${d.rounds.map((r) => r.load).join(' · ')} |`
    );
  });
  const checks = results
    .map(
      (d) =>
        `${d.dialect}: ${d.stored} orders stored, ${d.counted} counted as 201 by autocannon ` +
        `(${storedOk(d) ? 'consistent' : 'MISMATCH'}: up to ${settings.connections} requests per run are still in flight when autocannon stops and are not counted); ` +
        `${d.rounds.reduce((a, r) => a + r.gendan.bad, 0)} non-2xx/errors in the measured runs`,
    )
    .join('; ');
  return `### Order intake: \`POST /api/orders\` against raw inserts (issue 3 §8)

Reproduce: \`${command}\` (script \`bench/intake.bench.ts\`, raw side \`bench/raw-intake.ts\`, seed \`bench/seed.ts\`).

${measuredLine()} Load average before the run: ${loadBefore}.

autocannon, ${settings.connections} connections, ${settings.duration} s measured after a ${settings.warmup} s warm-up, ${settings.rounds} round(s) per database; medians shown (per-round ratios in brackets).

| database | Gendan orders/s | Gendan latency p50 / p99 | Gendan CPU per order | raw orders/s | raw CPU per order | ratio by orders/s (target ≥ ${TARGET_RATIO}) | ratio by CPU per order | target | load average per round |
|---|---:|---:|---:|---:|---:|---:|---:|---|---|
${rows.join('\n')}

Check: ${checks}.

How it is measured:
- Gendan: \`gendan serve\` (\`apps/server/src/main.ts\`) in a child process on 127.0.0.1, a fresh database (SQLite file in a temp dir; PostgreSQL: a new schema in the database of \`BENCH_PG_URL\` (default \`${DEFAULT_PG_URL}\`), reached through \`options=-c search_path=…\` in \`DATABASE_URL\`, dropped afterwards; the server's pool has \`GENDAN_PG_POOL_SIZE\` connections, ${process.env.GENDAN_PG_POOL_SIZE || '20 by default'}), \`GENDAN_DEMO=0\`, log level warn, outbox worker on. Seeded through the services: 1 customer, 5 products, an active contract with two price tiers per product, a manager user and an API token (\`createToken\`).
- Each request is a valid 5-line order (contract prices, terms and specs; requested date 60 days out) with its own customer PO, sent with \`Authorization: Bearer <token>\`; every one should get 201. The server authenticates the token (a database read at most once a second per token, see the identity README), validates and prices the order, reads the customer and products in one query (settings from its one-second cache), and writes the header, 5 lines, a \`created\` order event and one audit row: on PostgreSQL as one INSERT statement with no BEGIN/COMMIT around it (db/inserts.ts), on SQLite in a group-commit transaction.
- Raw: \`bench/raw-intake.ts\` in its own process, same columns and values (ids are UUIDv7 as in Gendan, the audit row carries the same JSON), into an identically seeded database. SQLite: better-sqlite3 with the server's pragmas (WAL, \`synchronous=FULL\`, \`foreign_keys=ON\`), prepared statements, one transaction per order in a loop. PostgreSQL: a \`pg\` pool of ${settings.connections} connections and ${settings.connections} concurrent workers, one transaction per order (header, one multi-row INSERT of the lines, audit). It writes no event row, reads nothing and parses nothing: it is the floor.
- CPU per order is the Node process's user + system time (the server's from \`/proc\`, the raw script's from \`process.cpuUsage()\`) over the measured run divided by the orders written; on SQLite it covers all the work, on PostgreSQL the database server's own CPU is not in it.
- ${pinningNote('The server, and the raw script after it, run')}
- SQLite has one connection: the server runs one transaction at a time, each committed with an fsync of the WAL (\`synchronous=FULL\`), and the raw loop waits for the same fsync per order. Whatever the server does while its transaction is open (the reads, validation, pricing, building the audit JSON, compiling and preparing each statement) adds to that fsync on the critical path; the other connections queue meanwhile.
`;
}

async function main(): Promise<void> {
  pinSelf();
  const loadBefore = loadAvg();
  console.log(
    `POST /api/orders (${LINES} lines) — ${settings.connections} connections, ${settings.warmup} s warm-up + ` +
      `${settings.duration} s, ${settings.rounds} round(s); load average ${loadBefore}`,
  );
  const results: DialectResult[] = [];
  for (const dialect of await benchDialects()) results.push(await runDialect(dialect));
  for (const d of results) {
    console.log(
      `${d.dialect}: ratio ${median(d.rounds.map((r) => r.ratio)).toFixed(2)} (target ≥ ${TARGET_RATIO}); ` +
        `stored ${d.stored}, counted ${d.counted} (${storedOk(d) ? 'consistent' : 'MISMATCH'})`,
    );
  }
  if (shouldWriteDoc()) writeDocSection('intake', section(results, loadBefore));
}

await main();
