/**
 * Data generator for `bench:orders-list`: a Gendan database holding 1,000,000 orders.
 *
 *   tsx bench/gen-orders.ts [sqlite|postgres|all] [--fresh]   # build (or reuse) the database(s)
 *   tsx bench/gen-orders.ts [sqlite|postgres|all] --drop      # remove them
 *
 * SQLite: /tmp/gendan-bench-orders/gendan.db (BENCH_ORDERS_DIR). PostgreSQL: the database
 * `gendan_bench_orders` (BENCH_ORDERS_PG_DB) on the server of BENCH_PG_URL. Nothing goes into the
 * repository. A database already generated with the same settings is reused (its settings are
 * kept beside it: bench-meta.json, or the PostgreSQL database's comment); --fresh rebuilds it.
 *
 * The schema comes from the migrations, the master data from the services (2,000 customers
 * without contracts, 5 products, the `bench` user); the orders themselves are bulk-inserted (multi-
 * row INSERTs of 500 rows on SQLite, unnested column arrays of 10,000 rows on PostgreSQL, 50,000 rows
 * per transaction), deterministically (seeded PRNG): created_at
 * spread evenly over the last three years in arrival order (ids are UUIDv7 of that instant, as the
 * server makes them); customers skewed (customer index ∝ u², so the bigger customers order more);
 * statuses by age — orders older than 30 days are mostly approved (70 %), rejected (10 %) and
 * cancelled (10 %) with 5 % each left in draft and in review, newer ones 30/30/30/5/5 over draft,
 * in review, approved, rejected, cancelled; approved orders carry a number. Order lines are not
 * generated: the list reads the orders table only.
 *
 * Settings: BENCH_ORDERS_TOTAL (1000000), BENCH_CUSTOMERS (2000), BENCH_PG_URL.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { v7 } from 'uuid';
import { openDatabase, type Database } from '../apps/server/src/index';
import { addDays } from '../apps/server/src/lib/time';
import { intEnv, openTarget, PG_URL, pgAdmin, type Dialect } from './kit';
import { seedBench } from './seed';

export const ORDERS_DIR = process.env.BENCH_ORDERS_DIR || '/tmp/gendan-bench-orders';
export const ORDERS_PG_DB = process.env.BENCH_ORDERS_PG_DB || 'gendan_bench_orders';
export const STATUSES = ['draft', 'in_review', 'approved', 'rejected', 'cancelled'] as const;

export interface GenMeta {
  version: 1;
  orders: number;
  customers: number;
  seed: number;
  /** created_at of the newest order; the data is spread over the three years before. */
  until: string;
  seconds?: number;
}

export const wantedMeta = (): GenMeta => ({
  version: 1,
  orders: intEnv('BENCH_ORDERS_TOTAL', 1_000_000, 1),
  customers: intEnv('BENCH_CUSTOMERS', 2000, 1),
  seed: 20261127,
  until: '2026-11-27T00:00:00.000Z',
});

const sameMeta = (a: GenMeta | null, b: GenMeta) =>
  !!a &&
  a.version === b.version &&
  a.orders === b.orders &&
  a.customers === b.customers &&
  a.seed === b.seed &&
  a.until === b.until;

/** Where a generated database lives: what `startGendan` and `openTarget` need. */
export interface OrdersDb {
  dialect: Dialect;
  dataDir: string;
  sqliteFile?: string;
  databaseUrl?: string;
  dispose(): Promise<void>;
}

export function pgOrdersUrl(): string {
  const u = new URL(PG_URL);
  u.pathname = `/${ORDERS_PG_DB}`;
  u.searchParams.delete('options');
  return u.toString();
}

const sqliteFile = () => path.join(ORDERS_DIR, 'gendan.db');
const metaFile = () => path.join(ORDERS_DIR, 'bench-meta.json');

async function readMeta(dialect: Dialect): Promise<GenMeta | null> {
  if (dialect === 'sqlite') {
    if (!fs.existsSync(metaFile()) || !fs.existsSync(sqliteFile())) return null;
    return JSON.parse(fs.readFileSync(metaFile(), 'utf8')) as GenMeta;
  }
  const row = await pgAdmin((c) =>
    c.query<{ comment: string | null }>(
      `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
      [ORDERS_PG_DB],
    ),
  );
  const comment = row.rows[0]?.comment;
  if (!comment) return null;
  try {
    return JSON.parse(comment) as GenMeta;
  } catch {
    return null;
  }
}

async function writeMeta(dialect: Dialect, meta: GenMeta): Promise<void> {
  if (dialect === 'sqlite') fs.writeFileSync(metaFile(), `${JSON.stringify(meta, null, 2)}\n`);
  else {
    const text = JSON.stringify(meta).replace(/'/g, "''");
    await pgAdmin((c) => c.query(`comment on database ${ORDERS_PG_DB} is '${text}'`));
  }
}

export async function dropOrdersDb(dialect: Dialect): Promise<void> {
  if (dialect === 'sqlite') fs.rmSync(ORDERS_DIR, { recursive: true, force: true });
  else await pgAdmin((c) => c.query(`drop database if exists ${ORDERS_PG_DB} with (force)`));
}

/** mulberry32: a small deterministic PRNG. */
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

const COLUMNS = [
  'id',
  'number',
  'customer_id',
  'customer_po',
  'channel',
  'status',
  'order_date',
  'currency',
  'payment_terms',
  'packaging',
  'acceptance_standard',
  'incoterm',
  'shipping_mode',
  'ship_to',
  'notes',
  'total',
  'stated_total',
  'line_count',
  'requested_date',
  'promised_date',
  'open_blocks',
  'open_warnings',
  'reviewed_version',
  'clerk_id',
  'created_by',
  'approved_by',
  'approved_at',
  'status_reason',
  'version',
  'created_at',
  'updated_at',
] as const;
type Value = string | number | null;

const CHANNELS = [
  'form',
  'form',
  'form',
  'form',
  'import',
  'import',
  'import',
  'email',
  'email',
  'api',
  'portal',
];
const TERMS = ['T/T 30 days', 'T/T 60 days', '30% deposit, 70% before shipment', 'L/C at sight'];
const MODES = ['ltl', 'ftl', 'express', 'pickup'];
const DAY = 86_400_000;

/** Row generator: order i of n, in arrival order. */
function orderRows(meta: GenMeta, customerIds: readonly string[], userId: string) {
  const rand = prng(meta.seed);
  const until = Date.parse(meta.until);
  const from = until - 3 * 365 * DAY;
  const step = (until - from) / meta.orders;
  const perCustomerPo = new Map<number, number>();
  let approvedSeq = 0;
  const random = new Uint8Array(16);
  return (i: number): Value[] => {
    const at = Math.floor(from + i * step + rand() * step);
    for (let b = 0; b < 16; b++) random[b] = Math.floor(rand() * 256);
    const id = v7({ msecs: at, random });
    const c = Math.floor(customerIds.length * rand() ** 2);
    const po = (perCustomerPo.get(c) ?? 0) + 1;
    perCustomerPo.set(c, po);
    const u = rand();
    const recent = until - at < 30 * DAY;
    const status = recent
      ? u < 0.3
        ? 'draft'
        : u < 0.6
          ? 'in_review'
          : u < 0.9
            ? 'approved'
            : u < 0.95
              ? 'rejected'
              : 'cancelled'
      : u < 0.05
        ? 'draft'
        : u < 0.1
          ? 'in_review'
          : u < 0.8
            ? 'approved'
            : u < 0.9
              ? 'rejected'
              : 'cancelled';
    const createdAt = new Date(at).toISOString();
    const orderDate = new Date(at + 8 * 3600_000).toISOString().slice(0, 10); // Asia/Shanghai
    const requested = addDays(orderDate, 20 + Math.floor(rand() * 40));
    const approved = status === 'approved';
    const reviewed = status !== 'draft';
    const version = status === 'draft' ? 1 : status === 'in_review' ? 2 : 3;
    const lineCount = 1 + Math.floor(rand() ** 2 * 20);
    const total = lineCount * (5_000 + Math.floor(rand() * 500_000));
    const updatedAt = new Date(at + Math.floor(rand() * 2 * DAY)).toISOString();
    const blocks = status === 'in_review' && rand() < 0.3 ? 1 : 0;
    const warnings = reviewed && rand() < 0.2 ? 1 + Math.floor(rand() * 2) : 0;
    return [
      id,
      approved
        ? `SO${orderDate.slice(0, 4)}${orderDate.slice(5, 7)}-${String(++approvedSeq).padStart(7, '0')}`
        : null,
      customerIds[c]!,
      `PO-${String(c + 1).padStart(5, '0')}-${String(po).padStart(6, '0')}`,
      CHANNELS[Math.floor(rand() * CHANNELS.length)]!,
      status,
      orderDate,
      'CNY',
      TERMS[c % TERMS.length]!,
      c % 3 === 0 ? '纸箱，每箱50件' : null,
      c % 2 === 0 ? 'GB/T 2828.1 AQL 1.0' : null,
      null,
      MODES[c % MODES.length]!,
      `工业园区${c + 1}号路`,
      null,
      total,
      rand() < 0.3 ? total : null,
      lineCount,
      requested,
      approved ? requested : null,
      blocks,
      warnings,
      reviewed ? version : null,
      userId,
      userId,
      approved ? userId : null,
      approved ? updatedAt : null,
      status === 'rejected' ? '价格与合同不符' : status === 'cancelled' ? '客户取消：项目延期' : null,
      version,
      createdAt,
      updatedAt,
    ];
  };
}

const ROWS_PER_INSERT = 500;
const ROWS_PER_TX = 50_000;
const PG_ROWS_PER_INSERT = 10_000;

/** SQLite: a multi-row INSERT of `rows` rows. */
function insertSql(rows: number): string {
  const tuple = `(${COLUMNS.map(() => '?').join(',')})`;
  return `insert into orders (${COLUMNS.join(',')}) values ${Array.from({ length: rows }, () => tuple).join(',')}`;
}

const INT_COLUMNS = new Set(['line_count', 'open_blocks', 'open_warnings', 'reviewed_version', 'version']);
const BIGINT_COLUMNS = new Set(['total', 'stated_total']);

/** PostgreSQL: one array parameter per column, unnested: 10,000 rows in one statement. */
const PG_INSERT = `insert into orders (${COLUMNS.join(',')}) select * from unnest(${COLUMNS.map(
  (c, i) => `$${i + 1}::${INT_COLUMNS.has(c) ? 'integer' : BIGINT_COLUMNS.has(c) ? 'bigint' : 'text'}[]`,
).join(', ')})`;

async function bulkInsert(
  database: Database,
  dialect: Dialect,
  meta: GenMeta,
  customerIds: string[],
  userId: string,
): Promise<void> {
  const next = orderRows(meta, customerIds, userId);
  const started = Date.now();
  const progress = (done: number) => {
    const s = (Date.now() - started) / 1000;
    process.stdout.write(
      `\r  ${dialect}: ${done.toLocaleString('en-US')} orders, ${(done / s).toFixed(0)}/s   `,
    );
  };
  if (dialect === 'sqlite') {
    const db = database.sqlite!;
    // A bigger page cache for this connection only (the file is unchanged): index inserts stay in memory.
    db.pragma('cache_size = -262144');
    const full = db.prepare(insertSql(ROWS_PER_INSERT));
    let i = 0;
    const batch = db.transaction((end: number) => {
      while (i < end) {
        const n = Math.min(ROWS_PER_INSERT, end - i);
        const values: Value[] = [];
        for (let k = 0; k < n; k++) values.push(...next(i + k));
        (n === ROWS_PER_INSERT ? full : db.prepare(insertSql(n))).run(values);
        i += n;
      }
    });
    while (i < meta.orders) {
      batch(Math.min(meta.orders, i + ROWS_PER_TX));
      progress(i);
    }
  } else {
    const client = new pg.Client({ connectionString: pgOrdersUrl() });
    await client.connect();
    try {
      let i = 0;
      while (i < meta.orders) {
        const end = Math.min(meta.orders, i + ROWS_PER_TX);
        await client.query('begin');
        while (i < end) {
          const n = Math.min(PG_ROWS_PER_INSERT, end - i);
          const columns: Value[][] = COLUMNS.map(() => []);
          for (let k = 0; k < n; k++) next(i + k).forEach((v, c) => columns[c]!.push(v));
          await client.query({ text: PG_INSERT, values: columns });
          i += n;
        }
        await client.query('commit');
        progress(i);
      }
    } finally {
      await client.end();
    }
  }
  process.stdout.write('\n');
}

/**
 * The generated database for `dialect`: reused when it was generated with the same settings,
 * otherwise (or with `fresh`) built anew. `dispose` leaves it in place (it is a cache in /tmp or a
 * bench-only PostgreSQL database); `--drop` removes it.
 */
export async function ensureOrdersDb(
  dialect: Dialect,
  fresh = false,
): Promise<OrdersDb & { meta: GenMeta; reused: boolean }> {
  const meta = wantedMeta();
  const where: OrdersDb =
    dialect === 'sqlite'
      ? { dialect, dataDir: ORDERS_DIR, sqliteFile: sqliteFile(), dispose: () => Promise.resolve() }
      : {
          dialect,
          dataDir: fs.mkdtempSync(path.join('/tmp', 'gendan-bench-list-')),
          databaseUrl: pgOrdersUrl(),
          dispose: () => Promise.resolve(),
        };
  if (dialect === 'postgres') {
    const dir = where.dataDir;
    where.dispose = () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true }));
  }
  const existing = fresh ? null : await readMeta(dialect);
  if (sameMeta(existing, meta)) {
    console.log(
      `${dialect}: reusing the generated database (${existing!.orders.toLocaleString('en-US')} orders)`,
    );
    return { ...where, meta: existing!, reused: true };
  }
  console.log(
    `${dialect}: generating ${meta.orders.toLocaleString('en-US')} orders over ${meta.customers} customers…`,
  );
  const started = Date.now();
  await dropOrdersDb(dialect);
  if (dialect === 'sqlite') fs.mkdirSync(ORDERS_DIR, { recursive: true });
  else await pgAdmin((c) => c.query(`create database ${ORDERS_PG_DB}`));
  const database = await openTarget(where);
  try {
    const seed = await seedBench(database.db, { customers: meta.customers, products: 5, contracts: false });
    await bulkInsert(
      database,
      dialect,
      meta,
      seed.customers.map((c) => c.id),
      seed.userId,
    );
    if (dialect === 'postgres') await sql`vacuum analyze orders`.execute(database.db);
    else database.sqlite!.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await database.destroy();
  }
  meta.seconds = Math.round((Date.now() - started) / 1000);
  await writeMeta(dialect, meta);
  console.log(`${dialect}: generated in ${meta.seconds} s`);
  return { ...where, meta, reused: false };
}

/** Counts by status, to check the generated data (and to pick the status of a query). */
export async function statusCounts(
  t: Pick<OrdersDb, 'databaseUrl' | 'sqliteFile'>,
): Promise<Record<string, number>> {
  const database = openDatabase(
    t.databaseUrl ? { databaseUrl: t.databaseUrl } : { sqliteFile: t.sqliteFile! },
  );
  try {
    const rows = await database.db
      .selectFrom('orders')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  } finally {
    await database.destroy();
  }
}

const isMain =
  process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const args = process.argv.slice(2);
  const which = args.find((a) => !a.startsWith('--')) ?? 'all';
  if (!['sqlite', 'postgres', 'all'].includes(which)) {
    console.error('usage: tsx bench/gen-orders.ts [sqlite|postgres|all] [--fresh|--drop]');
    process.exit(2);
  }
  const dialects: Dialect[] = which === 'all' ? ['sqlite', 'postgres'] : [which as Dialect];
  for (const d of dialects) {
    if (args.includes('--drop')) {
      await dropOrdersDb(d);
      console.log(`${d}: dropped`);
    } else {
      const db = await ensureOrdersDb(d, args.includes('--fresh'));
      console.log(`${d}:`, await statusCounts(db));
      await db.dispose();
    }
  }
}
