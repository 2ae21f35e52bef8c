/**
 * `npm run bench:orders-list`: the order list at 1,000,000 orders (issue 3 §8; target: the first
 * page with a status and customer filter at p95 ≤ 100 ms, on SQLite and PostgreSQL).
 *
 * The database comes from bench/gen-orders.ts (generated on the first run, then reused from /tmp
 * and the `gendan_bench_orders` PostgreSQL database; BENCH_FRESH=1 regenerates). The real server
 * (`gendan serve`, child process, log level warn, GENDAN_DEMO=0) runs on it; this process sends
 * sequential `GET /api/orders?…&page=1&pageSize=50` requests over one keep-alive connection with a
 * Bearer token and times each (request sent → body read): a warm-up, then BENCH_REQUESTS (500) with
 * a status and customer filter (customers uniform over all, statuses uniform over the five; a
 * seeded PRNG, so every run sends the same requests), then 200 each unfiltered, status only and
 * customer only. Every response is checked (200, ≤ 50 items, all matching the filter). Then the
 * SQL the list runs is explained on the same database (EXPLAIN QUERY PLAN / EXPLAIN ANALYZE) and
 * the count query timed alone, for the section's evidence.
 *
 * Settings: BENCH_REQUESTS (500), BENCH_FRESH=1, BENCH_PG=0, BENCH_PG_URL, BENCH_PIN=0,
 * BENCH_NO_DOC=1; the generator's BENCH_ORDERS_TOTAL, BENCH_CUSTOMERS, BENCH_ORDERS_DIR.
 */
import { sql } from 'kysely';
import { openDatabase, type Database } from '../apps/server/src/index';
import { ensureOrdersDb, STATUSES, statusCounts, type GenMeta, type OrdersDb } from './gen-orders';
import {
  benchDialects,
  envWords,
  fmt,
  intEnv,
  loadAvg,
  measuredLine,
  percentile,
  pinningNote,
  pinSelf,
  shouldWriteDoc,
  startGendan,
  stopChild,
  writeDocSection,
  type Dialect,
} from './kit';
import { benchToken } from './seed';

const settings = { requests: intEnv('BENCH_REQUESTS', 500, 1), others: 200, warmup: 50 };
const TARGET_P95_MS = 100;
const command = [
  ...envWords([
    'BENCH_REQUESTS',
    'BENCH_FRESH',
    'BENCH_PG',
    'BENCH_PG_URL',
    'BENCH_PIN',
    'BENCH_ORDERS_TOTAL',
    'BENCH_CUSTOMERS',
  ]),
  'npm run bench:orders-list',
].join(' ');

type Kind = 'status+customer' | 'unfiltered' | 'status' | 'customer';
const KIND_LABEL: Record<Kind, string> = {
  'status+customer': '`status` + `customerId` (the target)',
  unfiltered: 'no filter',
  status: '`status` only',
  customer: '`customerId` only',
};

interface Filter {
  status?: string;
  customerId?: string;
}

interface Stats {
  kind: Kind;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  meanTotal: number;
  load: string;
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function filters(kind: Kind, n: number, customers: readonly string[], seed: number): Filter[] {
  const rand = prng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  return Array.from({ length: n }, (_, i) => {
    if (kind === 'unfiltered') return {};
    if (kind === 'status') return { status: STATUSES[i % STATUSES.length]! };
    if (kind === 'customer') return { customerId: pick(customers) };
    return { customerId: pick(customers), status: pick(STATUSES) };
  });
}

interface Page {
  items: { status: string; customerId: string }[];
  total: number;
}

async function timeRequests(
  base: string,
  token: string,
  list: Filter[],
): Promise<{ ms: number[]; totals: number[] }> {
  const ms: number[] = [];
  const totals: number[] = [];
  for (const f of list) {
    const qs = new URLSearchParams({ ...f, page: '1', pageSize: '50' });
    const t0 = performance.now();
    const res = await fetch(`${base}/api/orders?${qs.toString()}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const text = await res.text();
    ms.push(performance.now() - t0);
    if (res.status !== 200)
      throw new Error(`GET /api/orders?${qs.toString()} → ${res.status}: ${text.slice(0, 500)}`);
    const page = JSON.parse(text) as Page;
    const wrong = page.items.find(
      (o) => (f.status && o.status !== f.status) || (f.customerId && o.customerId !== f.customerId),
    );
    if (page.items.length > 50 || wrong)
      throw new Error(`GET /api/orders?${qs.toString()}: a page that does not match`);
    totals.push(page.total);
  }
  return { ms, totals };
}

// The SQL of the list (apps/server/src/modules/orders/orders.list-repository.ts), for EXPLAIN.
const PAGE_COLUMNS =
  'id, number, customer_id, customer_po, channel, status, order_date, currency, total, line_count, requested_date, ' +
  'promised_date, open_blocks, open_warnings, clerk_id, version, created_at, updated_at';

function whereOf(f: Filter, dialect: Dialect): { where: string; params: string[] } {
  const conds: string[] = [];
  const params: string[] = [];
  const ph = () => (dialect === 'postgres' ? `$${params.length}` : '?');
  if (f.customerId) {
    params.push(f.customerId);
    conds.push(`customer_id = ${ph()}`);
  }
  if (f.status) {
    params.push(f.status);
    conds.push(`status = ${ph()}`);
  }
  return { where: conds.length ? ` where ${conds.join(' and ')}` : '', params };
}

interface Explained {
  kind: Kind;
  filterText: string;
  pagePlan: string;
  countPlan: string;
  countMs: number;
  total: number;
}

async function explain(
  database: Database,
  dialect: Dialect,
  kind: Kind,
  f: Filter,
  label: string,
): Promise<Explained> {
  const { where, params } = whereOf(f, dialect);
  const page = `select ${PAGE_COLUMNS} from orders${where} order by created_at desc, id desc limit 50 offset 0`;
  const count = `select count(*) as n from orders${where}`;
  const run = async (text: string) =>
    (await sql.raw<Record<string, unknown>>(bind(text, params, dialect)).execute(database.db)).rows;
  let pagePlan: string;
  let countPlan: string;
  if (dialect === 'sqlite') {
    const plan = (rows: Record<string, unknown>[]) => rows.map((r) => String(r.detail)).join('\n');
    pagePlan = plan(await run(`explain query plan ${page}`));
    countPlan = plan(await run(`explain query plan ${count}`));
  } else {
    const plan = (rows: Record<string, unknown>[]) => rows.map((r) => String(r['QUERY PLAN'])).join('\n');
    pagePlan = plan(await run(`explain (analyze, buffers) ${page}`));
    countPlan = plan(await run(`explain (analyze, buffers) ${count}`));
  }
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    total = Number((await run(count))[0]?.n ?? 0);
    times.push(performance.now() - t0);
  }
  return { kind, filterText: label, pagePlan, countPlan, countMs: percentile(times, 50), total };
}

/** Inlines the parameters (ids and statuses from this script only) so that EXPLAIN sees values. */
function bind(text: string, params: string[], dialect: Dialect): string {
  const q = (v: string) => `'${v.replace(/'/g, "''")}'`;
  if (dialect === 'sqlite') {
    let i = 0;
    return text.replace(/\?/g, () => q(params[i++]!));
  }
  return text.replace(/\$(\d+)/g, (_, n: string) => q(params[Number(n) - 1]!));
}

interface DialectResult {
  dialect: Dialect;
  meta: GenMeta;
  reused: boolean;
  counts: Record<string, number>;
  stats: Stats[];
  explained: Explained[];
}

async function runDialect(dialect: Dialect): Promise<DialectResult> {
  const db: OrdersDb & { meta: GenMeta; reused: boolean } = await ensureOrdersDb(
    dialect,
    process.env.BENCH_FRESH === '1',
  );
  const counts = await statusCounts(db);
  const open = () =>
    openDatabase(db.databaseUrl ? { databaseUrl: db.databaseUrl } : { sqliteFile: db.sqliteFile! });
  let database = open();
  const token = await benchToken(database.db);
  // Customers in code order, so that the seeded picks are the same on both databases.
  const customers = (await database.db.selectFrom('customers').select('id').orderBy('code').execute()).map(
    (c) => c.id,
  );
  await database.destroy();

  const server = await startGendan(db);
  const stats: Stats[] = [];
  try {
    await timeRequests(server.base, token, filters('status+customer', settings.warmup, customers, 7));
    const plan: [Kind, number, number][] = [
      ['status+customer', settings.requests, 42],
      ['unfiltered', settings.others, 43],
      ['status', settings.others, 44],
      ['customer', settings.others, 45],
    ];
    for (const [kind, n, seed] of plan) {
      const load = loadAvg();
      const { ms, totals } = await timeRequests(server.base, token, filters(kind, n, customers, seed));
      const s: Stats = {
        kind,
        n,
        p50: percentile(ms, 50),
        p95: percentile(ms, 95),
        p99: percentile(ms, 99),
        max: Math.max(...ms),
        meanTotal: totals.reduce((a, b) => a + b, 0) / totals.length,
        load,
      };
      stats.push(s);
      console.log(
        `[${dialect}] ${kind.padEnd(16)} n=${n}: p50 ${fmt(s.p50, 1)} ms, p95 ${fmt(s.p95, 1)} ms, p99 ${fmt(s.p99, 1)} ms, ` +
          `max ${fmt(s.max, 1)} ms; mean total ${fmt(s.meanTotal)}; load ${load}`,
      );
    }
  } finally {
    await stopChild(server.proc);
  }

  // Evidence: the plans of the heaviest case of each kind, and the count query alone.
  database = open();
  const explained: Explained[] = [];
  try {
    const biggest = customers[0]!;
    explained.push(
      await explain(
        database,
        dialect,
        'status+customer',
        { customerId: biggest, status: 'approved' },
        "the biggest customer, status 'approved'",
      ),
    );
    explained.push(await explain(database, dialect, 'unfiltered', {}, 'none'));
    explained.push(await explain(database, dialect, 'status', { status: 'approved' }, "status 'approved'"));
    explained.push(
      await explain(database, dialect, 'customer', { customerId: biggest }, 'the biggest customer'),
    );
  } finally {
    await database.destroy();
    await db.dispose();
  }
  return { dialect, meta: db.meta, reused: db.reused, counts, stats, explained };
}

function section(results: DialectResult[], loadBefore: string): string {
  const name = (d: Dialect) => (d === 'sqlite' ? 'SQLite' : 'PostgreSQL');
  const rows = results.flatMap((r) =>
    r.stats.map(
      (s) =>
        `| ${name(r.dialect)} | ${KIND_LABEL[s.kind]} | ${s.n} | ${fmt(s.p50, 1)} | **${fmt(s.p95, 1)}** | ${fmt(s.p99, 1)} | ${fmt(s.max, 1)} | ` +
        `${s.kind === 'status+customer' ? (s.p95 <= TARGET_P95_MS ? 'met' : 'not met') : '–'} | ${fmt(s.meanTotal)} | ${s.load} |`,
    ),
  );
  const data = results
    .map(
      (r) =>
        `${name(r.dialect)}: ${fmt(r.meta.orders)} orders over ${fmt(r.meta.customers)} customers (${Object.entries(
          r.counts,
        )
          .map(([k, v]) => `${k} ${fmt(v)}`)
          .join(
            ', ',
          )})${r.reused ? `, reused from an earlier run of the generator (which took ${r.meta.seconds ?? '?'} s)` : `, generated in this run in ${r.meta.seconds ?? '?'} s`}`,
    )
    .join('; ');
  const plans = results
    .map(
      (r) =>
        `**${name(r.dialect)}** (${r.dialect === 'sqlite' ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN (ANALYZE, BUFFERS)'}; the count query alone, median of 5):\n\n` +
        r.explained
          .map(
            (e) =>
              `- ${KIND_LABEL[e.kind]} — filter: ${e.filterText}; count = ${fmt(e.total)} rows in **${fmt(e.countMs, 1)} ms**\n\n` +
              '  ```text\n' +
              `  page:  ${e.pagePlan.split('\n').join('\n         ')}\n` +
              `  count: ${e.countPlan.split('\n').join('\n         ')}\n` +
              '  ```',
          )
          .join('\n'),
    )
    .join('\n\n');
  return `### Order list at 1,000,000 orders (issue 3 §8)

Reproduce: \`${command}\` (script \`bench/orders-list.bench.ts\`, data \`bench/gen-orders.ts\`: the first run generates the databases into \`/tmp/gendan-bench-orders\` and the PostgreSQL database \`gendan_bench_orders\`, later runs reuse them; \`npx tsx bench/gen-orders.ts all --drop\` removes them).

${measuredLine()} Load average before the run: ${loadBefore}.

Data: ${data}.

Sequential \`GET /api/orders?…&page=1&pageSize=50\` (default sort: newest first) over one keep-alive connection, latency from request to the last byte of the body, in ms; a warm-up of ${settings.warmup} filtered requests first. Target: the status + customer filter at p95 ≤ ${TARGET_P95_MS} ms.

| database | filter | requests | p50 | p95 | p99 | max | target | mean \`total\` | load average |
|---|---|---:|---:|---:|---:|---:|---|---:|---|
${rows.join('\n')}

How it is measured:
- \`gendan serve\` in a child process on the generated database, log level warn, \`GENDAN_DEMO=0\`; a Bearer token of the \`bench\` user (manager). Requests with a seeded PRNG: customers uniform over all ${fmt(results[0]?.meta.customers ?? 0)} (their order counts differ, the generator skews them), statuses uniform over the five; status only cycles through the five; every response is checked against its filter.
- The list runs up to four statements (\`orders.list-repository.ts\`): the page (\`… where … order by created_at desc, id desc limit 50\`), the customers of that page, the names of its clerks, and \`count(*)\` with the same filter — skipped when the first page is not full. So a filter that selects many rows pays for counting them all.
- ${pinningNote()}

Plans of the list's SQL on the same data, for the heaviest case of each filter:

${plans}
`;
}

async function main(): Promise<void> {
  pinSelf();
  const loadBefore = loadAvg();
  console.log(`GET /api/orders at 1M orders; load average ${loadBefore}`);
  const results: DialectResult[] = [];
  for (const dialect of await benchDialects()) results.push(await runDialect(dialect));
  for (const r of results) {
    const s = r.stats.find((x) => x.kind === 'status+customer')!;
    console.log(`${r.dialect}: status+customer p95 ${fmt(s.p95, 1)} ms (target ≤ ${TARGET_P95_MS})`);
    for (const e of r.explained) {
      console.log(
        `  ${e.kind}: count ${fmt(e.total)} rows in ${fmt(e.countMs, 1)} ms\n    page: ${e.pagePlan.replace(/\n/g, '\n          ')}\n    count: ${e.countPlan.replace(/\n/g, '\n           ')}`,
      );
    }
  }
  if (shouldWriteDoc()) writeDocSection('orders-list', section(results, loadBefore));
}

await main();
