/**
 * `npm run bench:import`: committing 10,000 order lines from an xlsx (issue 3 §8; target ≥ 10,000
 * rows/s). The real server (`gendan serve`, child process, fresh database) seeded through the
 * services with 10 customers, 50 products and an active contract per customer. The workbook is
 * the server's own import template (`GET /api/orders/import-template`, English headers) with its
 * example rows removed and 1,000 orders × 10 lines filled in (exceljs); each round gets its own
 * customer POs, so every file is new. Per round: the preview (`POST /api/orders/import?dryRun=1`)
 * and the commit (`POST /api/orders/import`), each one multipart request, timed from this process.
 * rows/s = order lines in the file / wall time of the commit request (upload, plan, write; the
 * parse is the preview's, reused by content hash). Also per round: the commit of another new file
 * with no preview before it, which parses too; the target applies to both.
 *
 * Settings: BENCH_ROUNDS (3), BENCH_ORDERS (1000), BENCH_LINES (10 per order), BENCH_PG=0,
 * BENCH_PG_URL, BENCH_PIN=0, BENCH_NO_DOC=1.
 */
import { sql } from 'kysely';
import {
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
import { template, workbook } from './import-sheet';
import { seedBench } from './seed';

const settings = {
  rounds: intEnv('BENCH_ROUNDS', 3, 1),
  orders: intEnv('BENCH_ORDERS', 1000, 1),
  lines: intEnv('BENCH_LINES', 10, 1),
};
const CUSTOMERS = 10;
const PRODUCTS = 50;
const TARGET_ROWS_PER_SEC = 10_000;
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const command = [
  ...envWords(['BENCH_ROUNDS', 'BENCH_ORDERS', 'BENCH_LINES', 'BENCH_PG', 'BENCH_PG_URL', 'BENCH_PIN']),
  'npm run bench:import',
].join(' ');

interface ImportResult {
  dryRun: boolean;
  rows: number;
  orders: { id: string | null; lines: number; alreadyImported: boolean }[];
  errors: unknown[];
}

async function upload(base: string, token: string, file: Buffer, dryRun: boolean) {
  const form = new FormData();
  form.append('file', new Blob([file], { type: XLSX_MIME }), 'bench-orders.xlsx');
  const t0 = performance.now();
  const res = await fetch(`${base}/api/orders/import${dryRun ? '?dryRun=1' : ''}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' },
    body: form,
  });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`import (dryRun ${dryRun}): ${res.status} ${text.slice(0, 2000)}`);
  const body = JSON.parse(text) as ImportResult;
  if (body.errors.length > 0)
    throw new Error(`import reported errors: ${JSON.stringify(body.errors.slice(0, 5))}`);
  return { ms, body };
}

interface Round {
  previewMs: number;
  commitMs: number;
  /** Server CPU time of the commit request (from /proc, 10 ms resolution). */
  commitCpuMs: number;
  rowsPerSec: number;
  /** A commit of another new file of the same size with no preview before it (it parses). */
  coldMs: number;
  coldRowsPerSec: number;
  fileKiB: number;
  load: string;
}

async function runDialect(dialect: Dialect): Promise<{ rounds: Round[]; storedLines: number }> {
  const target = await createTarget(dialect, 'import');
  try {
    return await measureImport(dialect, target);
  } finally {
    await target.dispose();
  }
}

async function measureImport(
  dialect: Dialect,
  target: Target,
): Promise<{ rounds: Round[]; storedLines: number }> {
  const database = await openTarget(target);
  const seed = await seedBench(database.db, { customers: CUSTOMERS, products: PRODUCTS }).finally(() =>
    database.destroy(),
  );
  const server = await startGendan(target);
  const rounds: Round[] = [];
  const rowsPerFile = settings.orders * settings.lines;
  try {
    const tpl = await template(server.base, seed.token);
    // Warm-up: a file of the measured size through both paths, not counted, so that the rounds
    // measure the server after its JIT has compiled the import path (the first large import after
    // a start is slower; a small warm-up file left round 1 visibly slower than the rest).
    const warm = await workbook(tpl, seed, 'WARM', settings.orders, settings.lines);
    await upload(server.base, seed.token, warm, true);
    await upload(server.base, seed.token, warm, false);
    for (let round = 1; round <= settings.rounds; round++) {
      const file = await workbook(tpl, seed, `R${round}`, settings.orders, settings.lines);
      const load = loadAvg();
      const preview = await upload(server.base, seed.token, file, true);
      const cpu0 = server.cpuMicros();
      const commit = await upload(server.base, seed.token, file, false);
      const commitCpuMs = (server.cpuMicros() - cpu0) / 1000;
      const coldFile = await workbook(tpl, seed, `C${round}`, settings.orders, settings.lines);
      const cold = await upload(server.base, seed.token, coldFile, false);
      for (const c of [commit, cold]) {
        const committed = c.body.orders.filter((o) => o.id && !o.alreadyImported);
        if (c.body.rows !== rowsPerFile || committed.length !== settings.orders) {
          throw new Error(
            `commit: ${c.body.rows} rows, ${committed.length} new orders; expected ${rowsPerFile} and ${settings.orders}`,
          );
        }
      }
      const r: Round = {
        previewMs: preview.ms,
        commitMs: commit.ms,
        commitCpuMs,
        rowsPerSec: rowsPerFile / (commit.ms / 1000),
        coldMs: cold.ms,
        coldRowsPerSec: rowsPerFile / (cold.ms / 1000),
        fileKiB: file.length / 1024,
        load,
      };
      rounds.push(r);
      console.log(
        `[${dialect}] round ${round}: ${fmt(rowsPerFile)} rows (${fmt(r.fileKiB)} KiB): preview ${fmt(r.previewMs)} ms, ` +
          `commit ${fmt(r.commitMs)} ms (server CPU ${fmt(r.commitCpuMs)} ms) = ${fmt(r.rowsPerSec)} rows/s; ` +
          `commit without preview ${fmt(r.coldMs)} ms = ${fmt(r.coldRowsPerSec)} rows/s; load ${load}`,
      );
    }
  } finally {
    await stopChild(server.proc);
  }
  const db2 = await openTarget(target);
  const n = await sql<{ n: number }>`select count(*) as n from order_lines`.execute(db2.db);
  await db2.destroy();
  return { rounds, storedLines: Number(n.rows[0]?.n ?? 0) };
}

function section(
  results: { dialect: Dialect; rounds: Round[]; storedLines: number }[],
  loadBefore: string,
): string {
  const rowsPerFile = settings.orders * settings.lines;
  const rows = results.map(({ dialect, rounds }) => {
    const m = (f: (r: Round) => number) => median(rounds.map(f));
    const rps = m((r) => r.rowsPerSec);
    const cold = m((r) => r.coldRowsPerSec);
    const verdict = (v: number) => (v >= TARGET_ROWS_PER_SEC ? 'met' : 'not met');
    return (
      `| ${dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'} | **${fmt(rps)}** (${rounds.map((r) => fmt(r.rowsPerSec)).join(', ')}) | ` +
      `**${fmt(cold)}** (${rounds.map((r) => fmt(r.coldRowsPerSec)).join(', ')}) | ` +
      `${verdict(rps)} / ${verdict(cold)} | ${fmt(m((r) => r.commitMs))} ms | ${fmt(m((r) => r.commitCpuMs))} ms | ${fmt(m((r) => r.previewMs))} ms | ` +
      `${fmt(m((r) => r.coldMs))} ms | ${rounds.map((r) => r.load).join(' · ')} |`
    );
  });
  const stored = results
    .map(
      (r) =>
        `${r.dialect}: ${fmt(r.storedLines)} order lines stored (warm-up ${fmt(rowsPerFile)} + ${r.rounds.length} rounds × 2 files × ${fmt(rowsPerFile)})`,
    )
    .join('; ');
  return `### Import: committing ${fmt(rowsPerFile)} order lines from xlsx (issue 3 §8)

Reproduce: \`${command}\` (script \`bench/import.bench.ts\`, seed \`bench/seed.ts\`).

${measuredLine()} Load average before the run: ${loadBefore}.

One xlsx of ${fmt(settings.orders)} orders × ${settings.lines} lines (${fmt(median(results[0]?.rounds.map((r) => r.fileKiB) ?? []))} KiB) per round, ${settings.rounds} round(s) per database; medians (each round in brackets). Target ≥ ${fmt(TARGET_ROWS_PER_SEC)} rows/s.

| database | commit after a preview: rows/s | commit without a preview: rows/s | target (after / without) | commit after a preview \`POST /api/orders/import\` | its server CPU | preview \`?dryRun=1\` | commit without a preview | load average per round |
|---|---:|---:|---|---:|---:|---:|---:|---|
${rows.join('\n')}

Check: ${stored}.

How it is measured:
- \`gendan serve\` in a child process, a fresh database (SQLite in a temp dir, or a new PostgreSQL schema, dropped afterwards), \`GENDAN_DEMO=0\`, log level warn. Seeded through the services: ${CUSTOMERS} customers, ${PRODUCTS} products, an active contract per customer, a manager user with an API token.
- The file is the server's template from \`GET /api/orders/import-template\` (English headers) with the example rows removed, filled with exceljs: customer code, PO, model, specs (\`材质=…; 尺寸=…; 表面处理=…\`), qty, unit price (major units), requested date on every row; currency, payment terms, packaging, acceptance standard and shipping mode on each order's first row. Every row is valid; each round's file has new POs.
- Each round follows the import wizard: preview the file, then commit it. rows/s is the file's order lines divided by the wall time of the commit request as this process sees it: multipart upload, hashing, planning (lookups, validation, pricing), archiving the file, and writing 1,000 orders with their lines, events, documents and audit rows in one transaction (on PostgreSQL one INSERT statement per batch of 250 orders, each batch built while the server writes the one before). The xlsx parse is the preview's: a preview keeps its parsed sheet by content hash (10 minutes, at most 100,000 rows in all) and the commit of the same bytes takes it instead of parsing them again. The commit without a preview is the same for another new file of the same size that nobody previewed, as an API client would post it: it also parses the file (exceljs's streaming reader). Each commit is checked: ${fmt(rowsPerFile)} rows, ${fmt(settings.orders)} new orders, no errors.
- Server CPU is the server process's user + system time over the commit request, from \`/proc\` (10 ms resolution): unlike the wall time it does not grow when other work competes for the CPU.
- A warm-up import of a file of the same size (preview and commit) runs first and is not counted: the rounds measure a server whose JIT has compiled the import path. The first large import after a start is slower (with a 20-order warm-up, the first round was 10–25 % slower than the later ones).
- ${pinningNote()}
`;
}

async function main(): Promise<void> {
  pinSelf();
  const loadBefore = loadAvg();
  console.log(
    `import ${settings.orders} orders × ${settings.lines} lines from xlsx, ${settings.rounds} round(s); load average ${loadBefore}`,
  );
  const results: { dialect: Dialect; rounds: Round[]; storedLines: number }[] = [];
  for (const dialect of await benchDialects()) results.push({ dialect, ...(await runDialect(dialect)) });
  for (const r of results) {
    console.log(
      `${r.dialect}: ${fmt(median(r.rounds.map((x) => x.rowsPerSec)))} rows/s after a preview, ` +
        `${fmt(median(r.rounds.map((x) => x.coldRowsPerSec)))} without (medians; target ≥ ${TARGET_ROWS_PER_SEC})`,
    );
  }
  if (shouldWriteDoc()) writeDocSection('import', section(results, loadBefore));
}

await main();
