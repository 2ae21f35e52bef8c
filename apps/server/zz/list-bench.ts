import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../src/db/database';
import { listOrders } from '../src/modules/orders/index';

const url = process.argv[2];
const N = 1_000_000;
const database = url ? openDatabase({ databaseUrl: url }) : openDatabase({ sqliteFile: '/tmp/scratch/bench.db' });
await migrateToLatest(database);
const db = database.db;
const n = Number((await sql<{ n: number }>`select count(*) as n from orders`.execute(db)).rows[0]!.n);
const STATUSES = ['draft', 'in_review', 'approved', 'rejected', 'cancelled'];
if (n < N) {
  console.log('generating');
  const now = new Date().toISOString();
  if (database.dialect === 'sqlite') {
    const s = database.sqlite!;
    s.exec('begin');
    const c = s.prepare(`insert into customers (id, code, name, currency, language, contacts, addresses, active, version, created_at, updated_at) values (?, ?, ?, 'CNY', 'zh-CN', '[]', '[]', 1, 1, ?, ?)`);
    for (let i = 0; i < 1000; i++) c.run(`c${i}`, `C${i}`, `Customer ${i}`, now, now);
    const o = s.prepare(`insert into orders (id, number, customer_id, customer_po, channel, status, order_date, currency, payment_terms, total, line_count, requested_date, open_blocks, open_warnings, version, created_at, updated_at) values (?, ?, ?, ?, 'api', ?, '2026-11-01', 'CNY', 'T/T', ?, 5, '2026-12-01', 0, ?, 1, ?, ?)`);
    const base = Date.parse('2020-01-01T00:00:00Z');
    for (let i = 0; i < N; i++) {
      const at = new Date(base + i * 60_000).toISOString();
      o.run(`o${String(i).padStart(8, '0')}`, i % 3 === 0 ? null : `SO-${i}`, `c${i % 1000}`, `PO-${i}`, STATUSES[Math.floor(i / 1000) % 5], i * 100, i % 4, at, at);
    }
    s.exec('commit');
    s.exec('analyze');
  } else {
    await sql`insert into customers (id, code, name, currency, language, contacts, addresses, active, version, created_at, updated_at)
      select 'c' || g, 'C' || g, 'Customer ' || g, 'CNY', 'zh-CN', '[]', '[]', 1, 1, ${now}, ${now} from generate_series(0, 999) g`.execute(db);
    await sql`insert into orders (id, number, customer_id, customer_po, channel, status, order_date, currency, payment_terms, total, line_count, requested_date, open_blocks, open_warnings, version, created_at, updated_at)
      select 'o' || lpad(g::text, 8, '0'), case when g % 3 = 0 then null else 'SO-' || g end, 'c' || (g % 1000), 'PO-' || g, 'api',
        (array['draft','in_review','approved','rejected','cancelled'])[((g / 1000) % 5) + 1], '2026-11-01', 'CNY', 'T/T', g * 100, 5, '2026-12-01', 0, g % 4, 1,
        to_char(timestamp '2020-01-01' + g * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(timestamp '2020-01-01' + g * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
      from generate_series(0, ${N - 1}) g`.execute(db);
    await sql`analyze`.execute(db);
  }
}
async function p95(name: string, q: Parameters<typeof listOrders>[1]) {
  const times: number[] = [];
  for (let i = 0; i < 120; i++) {
    const t = performance.now();
    const r = await listOrders(db, { ...q, customerId: q.customerId === 'rnd' ? `c${(i * 37) % 1000}` : q.customerId }, 'en');
    times.push(performance.now() - t);
    if (i === 0) console.log(name, 'total', r.total, 'items', r.items.length);
  }
  times.sort((a, b) => a - b);
  console.log(name, 'p50', times[60]!.toFixed(1), 'p95', times[114]!.toFixed(1));
}
await p95('status+customer', { status: 'approved', customerId: 'rnd', page: 1, pageSize: 50 });
await p95('customer', { customerId: 'rnd', page: 1, pageSize: 50 });
await p95('status', { status: 'approved', page: 1, pageSize: 50 });
await p95('none', { page: 1, pageSize: 50 });
await p95('status+customer hasFindings', { status: 'approved', customerId: 'rnd', hasFindings: true, page: 1, pageSize: 50 });
await p95('q', { q: 'PO-99999', page: 1, pageSize: 50 });
await database.destroy();
