/**
 * `npm run bench:approve`: approving a 1,000-line order (issue 3 §8; target ≤ 1 s, the published
 * Odoo figure is about 16 s). The real server (`gendan serve`, child process, fresh database)
 * seeded through the services with a customer, 100 products and an active tiered contract; each
 * round creates a valid 1,000-line draft order through `POST /api/orders`, then times
 * `POST /api/orders/:id/approve` over HTTP — which runs the review first (the draft has none), then
 * approves: number, promised dates, events, audit. A second order per round is reviewed first
 * (`POST /api/orders/:id/review`, timed) and then approved (timed): the split between the two.
 *
 * Settings: BENCH_ROUNDS (5), BENCH_LINES (1000), BENCH_PG=0, BENCH_PG_URL, BENCH_PIN=0,
 * BENCH_NO_DOC=1.
 */
import {
  api,
  benchDialects,
  createTarget,
  envWords,
  fmt,
  intEnv,
  loadAvg,
  measuredLine,
  median,
  openTarget,
  pinningNote,
  pinSelf,
  shouldWriteDoc,
  startGendan,
  stopChild,
  writeDocSection,
  type Dialect,
  type Target,
} from './kit';
import { benchOrderBody, seedBench } from './seed';

const settings = { rounds: intEnv('BENCH_ROUNDS', 5, 1), lines: intEnv('BENCH_LINES', 1000, 1) };
const PRODUCTS = 100;
const TARGET_MS = 1000;
const command = [
  ...envWords(['BENCH_ROUNDS', 'BENCH_LINES', 'BENCH_PG', 'BENCH_PG_URL', 'BENCH_PIN']),
  'npm run bench:approve',
].join(' ');

interface Round {
  createMs: number;
  approveMs: number;
  /** Server CPU time of the approve request (from /proc, 10 ms resolution). */
  approveCpuMs: number;
  reviewMs: number;
  approveAfterReviewMs: number;
  findings: number;
  load: string;
}

interface Approved {
  number: string | null;
  status: string;
  lines: { promisedDate: string | null }[];
}

async function runDialect(dialect: Dialect): Promise<Round[]> {
  const target = await createTarget(dialect, 'approve');
  try {
    return await measureApprove(dialect, target);
  } finally {
    await target.dispose();
  }
}

async function measureApprove(dialect: Dialect, target: Target): Promise<Round[]> {
  const database = await openTarget(target);
  const seed = await seedBench(database.db, { customers: 1, products: PRODUCTS }).finally(() =>
    database.destroy(),
  );
  const server = await startGendan(target);
  const customerId = seed.customers[0]!.id;
  const call = <T>(method: string, url: string, body?: unknown) =>
    api<T>(server.base, seed.token, method, url, body);
  const create = (po: string, lines: number) =>
    call<{ id: string; version: number }>('POST', '/api/orders', benchOrderBody(seed, customerId, po, lines));
  const rounds: Round[] = [];
  try {
    // Warm-up: a small order through the same path, not counted.
    const w = await create('WARM-1', 20);
    await call('POST', `/api/orders/${w.body.id}/approve`, { version: w.body.version });
    for (let round = 1; round <= settings.rounds; round++) {
      const load = loadAvg();
      const a = await create(`BIG-${round}-A`, settings.lines);
      const cpu0 = server.cpuMicros();
      const approved = await call<Approved>('POST', `/api/orders/${a.body.id}/approve`, {
        version: a.body.version,
      });
      const approveCpuMs = (server.cpuMicros() - cpu0) / 1000;
      if (approved.body.status !== 'approved' || !approved.body.number) {
        throw new Error(`approve did not approve: ${JSON.stringify(approved.body).slice(0, 500)}`);
      }
      if (approved.body.lines.length !== settings.lines || approved.body.lines.some((l) => !l.promisedDate)) {
        throw new Error('approved order lacks lines or promised dates');
      }
      const b = await create(`BIG-${round}-B`, settings.lines);
      const reviewed = await call<{ findings: unknown[]; version?: number }>(
        'POST',
        `/api/orders/${b.body.id}/review`,
      );
      const order = await call<{ version: number }>('GET', `/api/orders/${b.body.id}`);
      const approvedB = await call<Approved>('POST', `/api/orders/${b.body.id}/approve`, {
        version: order.body.version,
      });
      if (approvedB.body.status !== 'approved') throw new Error('second order did not approve');
      const r: Round = {
        createMs: a.ms,
        approveMs: approved.ms,
        approveCpuMs,
        reviewMs: reviewed.ms,
        approveAfterReviewMs: approvedB.ms,
        findings: reviewed.body.findings.length,
        load,
      };
      rounds.push(r);
      console.log(
        `[${dialect}] round ${round}: create ${fmt(r.createMs)} ms, approve (review included) ${fmt(r.approveMs)} ms (server CPU ${fmt(r.approveCpuMs)} ms); ` +
          `review ${fmt(r.reviewMs)} ms + approve ${fmt(r.approveAfterReviewMs)} ms (${r.findings} findings); load ${load}`,
      );
    }
  } finally {
    await stopChild(server.proc);
  }
  return rounds;
}

function section(results: { dialect: Dialect; rounds: Round[] }[], loadBefore: string): string {
  const rows = results.map(({ dialect, rounds }) => {
    const m = (f: (r: Round) => number) => median(rounds.map(f));
    const approve = m((r) => r.approveMs);
    return (
      `| ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | **${fmt(approve)} ms** (${rounds.map((r) => fmt(r.approveMs)).join(', ')}) | ` +
      `${approve <= TARGET_MS ? 'met' : 'not met'} | ${fmt(m((r) => r.approveCpuMs))} ms | ${fmt(m((r) => r.reviewMs))} ms | ${fmt(m((r) => r.approveAfterReviewMs))} ms | ` +
      `${fmt(m((r) => r.createMs))} ms | ${rounds.map((r) => r.load).join(' · ')} |`
    );
  });
  return `### Approving a ${fmt(settings.lines)}-line order (issue 3 §8)

Reproduce: \`${command}\` (script \`bench/approve.bench.ts\`, seed \`bench/seed.ts\`).

${measuredLine()} Load average before the run: ${loadBefore}.

Wall time of one HTTP request from this process, ${settings.rounds} round(s) per database, medians (each round in brackets). Target ≤ ${fmt(TARGET_MS)} ms; for comparison, the published Odoo figure for confirming a 1,000-line sales order is about 16 s.

| database | \`POST /orders/:id/approve\` on a draft (review included) | target | server CPU of that request | \`POST /orders/:id/review\` alone | approve after that review | \`POST /orders\` (create, ${fmt(settings.lines)} lines) | load average per round |
|---|---:|---|---:|---:|---:|---:|---|
${rows.join('\n')}

How it is measured:
- \`gendan serve\` in a child process, a fresh database (SQLite in a temp dir, or a new PostgreSQL schema, dropped afterwards), \`GENDAN_DEMO=0\`, log level warn. Seeded through the services: 1 customer, ${PRODUCTS} products, an active contract with two price tiers per product, a manager user with an API token.
- Each round creates two valid ${fmt(settings.lines)}-line draft orders (products cycling over the ${PRODUCTS}, contract prices and specs, requested date 60 days out) through \`POST /api/orders\`. The first is approved straight from draft: the request runs every review rule over all lines, stores the findings, then approves (order number, each line's feasible and promised date, events, audit) — the figure the target is about. The second is reviewed first and approved in a second request, to show the split. Every approval is checked: status \`approved\`, a number, a promised date on every line.
- Server CPU is the server process's user + system time over the request, from \`/proc\` (10 ms resolution): unlike the wall time it does not grow when other work competes for the CPU.
- The review finds nothing to block (the orders are valid); a warm-up order of 20 lines goes through the same path first and is not counted.
- ${pinningNote()}
`;
}

async function main(): Promise<void> {
  pinSelf();
  const loadBefore = loadAvg();
  console.log(
    `approve a ${settings.lines}-line order, ${settings.rounds} round(s); load average ${loadBefore}`,
  );
  const results: { dialect: Dialect; rounds: Round[] }[] = [];
  for (const dialect of await benchDialects()) results.push({ dialect, rounds: await runDialect(dialect) });
  for (const { dialect, rounds } of results) {
    console.log(
      `${dialect}: approve ${fmt(median(rounds.map((r) => r.approveMs)))} ms (median; target ≤ ${TARGET_MS})`,
    );
  }
  if (shouldWriteDoc()) writeDocSection('approve', section(results, loadBefore));
}

await main();
