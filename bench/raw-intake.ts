/**
 * The raw baseline of `bench/intake.bench.ts`, run in its own process: inserts the rows Gendan
 * writes for a 5-line order — the header, its lines and one audit row — in one transaction per
 * order, as fast as it can for a fixed time, with no HTTP, validation or framework in between.
 *
 *   node --import tsx bench/raw-intake.ts '<json settings>'
 *
 * SQLite: better-sqlite3 with the server's pragmas (WAL, synchronous=FULL, foreign_keys=ON,
 * busy_timeout), prepared statements, one loop. PostgreSQL: a `pg` pool of `concurrency`
 * connections, `concurrency` workers each running BEGIN; header; lines (one multi-row INSERT, as
 * the server does); audit; COMMIT. Prints one JSON line: `{ orders, seconds, cpuMicros }`.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { newId } from '../apps/server/src/lib/ids';

export interface RawSettings {
  dialect: 'sqlite' | 'postgres';
  sqliteFile?: string;
  databaseUrl?: string;
  seconds: number;
  concurrency: number;
  customerId: string;
  actor: { id: string; username: string };
  orderDate: string;
  requestedDate: string;
  products: { id: string; unitPrice: number; specs: Record<string, string> }[];
  linesPerOrder: number;
  poPrefix: string;
}

interface Rows {
  order: Record<string, string | number | null>;
  lines: Record<string, string | number | null>[];
  audit: Record<string, string | number | null>;
}

/** The rows of order `n`, with the same columns and values as `createOrder` writes. */
function orderRows(s: RawSettings, n: number): Rows {
  const id = newId();
  const now = new Date().toISOString();
  const lines = Array.from({ length: s.linesPerOrder }, (_, k) => {
    const p = s.products[k % s.products.length]!;
    const qty = 100 + (k % 9) * 50;
    return {
      lineNo: k + 1,
      productId: p.id,
      qty,
      unitPrice: p.unitPrice,
      specs: p.specs,
      amount: qty * p.unitPrice,
    };
  });
  const total = lines.reduce((a, l) => a + l.amount, 0);
  const order = {
    id,
    number: null,
    customer_id: s.customerId,
    customer_po: `${s.poPrefix}-${n}`,
    channel: 'api',
    status: 'draft',
    order_date: s.orderDate,
    currency: 'CNY',
    payment_terms: 'T/T 30 days',
    packaging: '纸箱，每箱50件',
    acceptance_standard: 'GB/T 2828.1 AQL 1.0',
    incoterm: null,
    shipping_mode: 'ltl',
    ship_to: null,
    notes: null,
    total,
    stated_total: null,
    line_count: lines.length,
    requested_date: s.requestedDate,
    promised_date: null,
    open_blocks: 0,
    open_warnings: 0,
    reviewed_version: null,
    clerk_id: null,
    created_by: s.actor.id,
    approved_by: null,
    approved_at: null,
    status_reason: null,
    version: 1,
    created_at: now,
    updated_at: now,
  };
  const lineRows = lines.map((l) => ({
    id: newId(),
    order_id: id,
    line_no: l.lineNo,
    product_id: l.productId,
    description: null,
    qty: l.qty,
    unit_price: l.unitPrice,
    discount_bp: 0,
    amount: l.amount,
    stated_amount: null,
    specs: JSON.stringify(l.specs),
    requested_date: s.requestedDate,
    promised_date: null,
    feasible_date: null,
  }));
  const { created_at: _c, updated_at: _u, ...auditOrder } = order;
  const audit = {
    id: newId(),
    at: now,
    actor_id: s.actor.id,
    actor_name: s.actor.username,
    entity_type: 'order',
    entity_id: id,
    action: 'create',
    before: null,
    after: JSON.stringify({
      ...auditOrder,
      lines: lines.map((l) => ({
        lineNo: l.lineNo,
        productId: l.productId,
        qty: l.qty,
        unitPrice: l.unitPrice,
        discountPct: 0,
        amount: l.amount,
        statedAmount: null,
        specs: l.specs,
        requestedDate: s.requestedDate,
      })),
    }),
    request_id: null,
  };
  return { order, lines: lineRows, audit };
}

const insertSql = (table: string, row: Record<string, unknown>, rows = 1, pgStyle = false) => {
  const cols = Object.keys(row);
  let p = 0;
  const tuple = () => `(${cols.map(() => (pgStyle ? `$${++p}` : '?')).join(', ')})`;
  return `insert into ${table} (${cols.join(', ')}) values ${Array.from({ length: rows }, tuple).join(', ')}`;
};

function runSqlite(s: RawSettings): number {
  if (!s.sqliteFile) throw new Error('raw-intake: no sqliteFile');
  const db = new SQLite(s.sqliteFile);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const sample = orderRows(s, 0);
  const insOrder = db.prepare(insertSql('orders', sample.order));
  const insLine = db.prepare(insertSql('order_lines', sample.lines[0]!));
  const insAudit = db.prepare(insertSql('audit_log', sample.audit));
  // better-sqlite3 binds `?` positionally: the values go in column order.
  const write = db.transaction((r: Rows) => {
    insOrder.run(Object.values(r.order));
    for (const l of r.lines) insLine.run(Object.values(l));
    insAudit.run(Object.values(r.audit));
  });
  const end = Date.now() + s.seconds * 1000;
  let n = 0;
  while (Date.now() < end) write(orderRows(s, ++n));
  db.close();
  return n;
}

async function runPostgres(s: RawSettings): Promise<number> {
  const pool = new pg.Pool({ connectionString: s.databaseUrl, max: s.concurrency });
  const sample = orderRows(s, 0);
  const orderSql = insertSql('orders', sample.order, 1, true);
  const linesSql = insertSql('order_lines', sample.lines[0]!, s.linesPerOrder, true);
  const auditSql = insertSql('audit_log', sample.audit, 1, true);
  const end = Date.now() + s.seconds * 1000;
  let n = 0;
  const worker = async () => {
    while (Date.now() < end) {
      const r = orderRows(s, ++n);
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(orderSql, Object.values(r.order));
        await client.query(
          linesSql,
          r.lines.flatMap((l) => Object.values(l)),
        );
        await client.query(auditSql, Object.values(r.audit));
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw err;
      } finally {
        client.release();
      }
    }
  };
  await Promise.all(Array.from({ length: s.concurrency }, worker));
  await pool.end();
  return n;
}

const settings = JSON.parse(process.argv[2] ?? '{}') as RawSettings;
// CPU from here on: loading tsx and the modules is not part of the work.
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const orders = settings.dialect === 'sqlite' ? runSqlite(settings) : await runPostgres(settings);
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
process.stdout.write(`${JSON.stringify({ orders, seconds, cpuMicros: cpu.user + cpu.system })}\n`);
