import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, loadConfig, migrateToLatest, openDatabase } from '../apps/server/src/index';
import { benchOrderBody, seedBench } from './seed';
import { workbook } from './import-sheet';

const mode = process.argv[2] ?? 'intake';
const dialect = process.argv[3] ?? 'sqlite';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'diag-'));
const counts = new Map<string, { n: number; ms: number }>();
let total = 0;
let counting = false;
const database = openDatabase({
  ...(dialect === 'postgres' ? { databaseUrl: 'postgres://postgres@127.0.0.1:5432/test', pgSchema: 'diag_' + process.pid } : { sqliteFile: path.join(dir, 'g.db') }),
  onQuery: (e) => {
    if (!counting) return;
    total++;
    const k = e.query.sql.replace(/\s+/g, ' ').replace(/\((\?|\$\d+)(, (\?|\$\d+))*\)/g, '(…)').replace(/(, \(…\))+/g, ', (…)…').slice(0, 140);
    const c = counts.get(k) ?? { n: 0, ms: 0 };
    c.n++; c.ms += e.queryDurationMillis;
    counts.set(k, c);
  },
});
if (dialect === 'postgres') {
  const pg = (await import('pg')).default;
  const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' }); await c.connect(); await c.query(`create schema diag_${process.pid}`); await c.end();
}
await migrateToLatest(database);
const seed = await seedBench(database.db, { customers: mode === 'import' ? 10 : 1, products: mode === 'approve' ? 100 : mode === 'import' ? 50 : 5 });
const app = await buildApp({ ...loadConfig({ GENDAN_DATA_DIR: dir }), logLevel: 'silent', workers: false }, { database, logger: false });
await app.ready();
const auth = { authorization: `Bearer ${seed.token}` };
const N = Number(process.argv[4] ?? 200);
const lines = mode === 'approve' ? 1000 : 5;
const top = (label: string) => { console.log(`--- ${label}: top statements by count`); for (const [k, v] of [...counts].sort((a, b) => b[1].ms - a[1].ms).slice(0, 25)) console.log(String(v.n).padStart(6), v.ms.toFixed(0).padStart(7) + ' ms', k); counts.clear(); total = 0; };
if (mode === 'import') {
  const tpl = (await app.inject({ method: 'GET', url: '/api/orders/import-template', headers: { ...auth, 'accept-language': 'en' } })).rawPayload;
  const send = async (file: Buffer, dry: boolean) => {
    const boundary = 'xxBOUNDARYxx';
    const body = Buffer.concat([Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="b.xlsx"\r\ncontent-type: application/octet-stream\r\n\r\n`), file, Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const c0 = process.cpuUsage(); const t0 = performance.now(); counting = true;
    const r = await app.inject({ method: 'POST', url: `/api/orders/import${dry ? '?dryRun=1' : ''}`, headers: { ...auth, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: body });
    counting = false;
    const c = process.cpuUsage(c0);
    console.log(`import dry=${dry} ${r.statusCode} wall ${(performance.now() - t0).toFixed(0)} ms CPU ${((c.user + c.system) / 1000).toFixed(0)} ms statements ${total}`);
  };
  await send(await workbook(tpl, seed, 'W', 20, 10), false); counts.clear(); total = 0;
  const f = await workbook(tpl, seed, 'R', 1000, 10);
  await send(f, true); top('preview');
  await send(f, false); top('commit');
  process.exit(0);
}
// warm
for (let i = 0; i < 20; i++) await app.inject({ method: 'POST', url: '/api/orders', headers: auth, payload: benchOrderBody(seed, seed.customers[0]!.id, `W-${i}`, 5) });
counting = true;
const c0 = process.cpuUsage(); const t0 = performance.now();
const ids: string[] = [];
for (let i = 0; i < (mode === 'approve' ? 3 : N); i++) {
  const r = await app.inject({ method: 'POST', url: '/api/orders', headers: auth, payload: benchOrderBody(seed, seed.customers[0]!.id, `D-${i}`, lines) });
  if (r.statusCode !== 201) throw new Error(r.body);
  ids.push((r.json() as { id: string }).id);
}
const c1 = process.cpuUsage(c0); const t1 = performance.now();
const n = ids.length;
console.log(`user ${(c1.user/n/1000).toFixed(2)} sys ${(c1.system/n/1000).toFixed(2)}`); console.log(`create ${lines}-line: ${n} orders, CPU ${((c1.user + c1.system) / n / 1000).toFixed(2)} ms/order, wall ${((t1 - t0) / n).toFixed(2)} ms/order, ${total / n} statements/order`);
top('create');
if (mode === 'approve') {
  for (const id of ids) {
    const c2 = process.cpuUsage(); const t2 = performance.now();
    const r = await app.inject({ method: 'POST', url: `/api/orders/${id}/approve`, headers: auth, payload: { version: 1 } });
    const c3 = process.cpuUsage(c2);
    console.log(`approve ${r.statusCode} wall ${(performance.now() - t2).toFixed(0)} ms CPU ${((c3.user + c3.system) / 1000).toFixed(0)} ms statements ${total}`);
    if (id !== ids[ids.length - 1]) { counts.clear(); total = 0; }
  }
  top('approve (last)');
}
await app.close(); await database.destroy(); fs.rmSync(dir, { recursive: true, force: true });
if (dialect === 'postgres') { const pg = (await import('pg')).default; const c = new pg.Client({ connectionString: 'postgres://postgres@127.0.0.1:5432/test' }); await c.connect(); await c.query(`drop schema diag_${process.pid} cascade`); await c.end(); }
