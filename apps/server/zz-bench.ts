import fs from 'node:fs'; import os from 'node:os'; import path from 'node:path';
import { buildApp } from './src/app';
import { loadConfig } from './src/config';
import { createUser } from './src/modules/identity/index';
import { systemContext } from './src/lib/context';
import { writeWorkbook } from './src/lib/xlsx';
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gb-'));
const app = await buildApp({ ...loadConfig({ GENDAN_DATA_DIR: dataDir }), logLevel: 'silent', workers: false }, { logger: false });
await app.ready();
await createUser(app.db, systemContext, { username: 'admin', password: 'admin-pw-123', displayName: 'A', roles: ['admin'] });
const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'admin-pw-123' } });
const cookie = `gendan_sid=${login.cookies.find((c) => c.name === 'gendan_sid')!.value}`;
const j = async (url: string, payload: unknown) => (await app.inject({ method: 'POST', url, headers: { cookie }, payload })).json();
await j('/api/customers', { code: 'C001', name: 'A', currency: 'CNY', paymentTerms: 'Net 30' });
for (let i = 0; i < 30; i++) await j('/api/products', { model: `M-${i}`, name: 'x', category: 'finished', unit: 'pcs', specs: {}, standardLeadTimeDays: 5 });
const PER = Number(process.env.PER ?? 10);
const rows = [];
for (let i = 0; i < 10000; i++) rows.push({ a: 'C001', b: `PO-${Math.floor(i / PER)}`, m: `M-${i % 30}`, s: '材质=钢; 颜色=红', q: 10 + (i % 7), p: 12.5, d: '2027-01-15' });
const buf = await writeWorkbook([{ name: 'O', columns: [['客户编码','a'],['客户PO号','b'],['型号','m'],['规格','s'],['数量','q'],['单价','p'],['要求交期','d']].map(([header, key]) => ({ header: header!, key: key! })), rows }]);
const boundary = 'bb';
const payload = Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`), buf, Buffer.from(`\r\n--${boundary}--\r\n`)]);
{
  const { loadWorksheet, readRows } = await import('./src/lib/xlsx');
  const { IMPORT_COLUMN_SPECS, parseOrderSheets } = await import('./src/modules/orders/orders.import');
  const { planIntake } = await import('./src/modules/orders/orders.intake');
  for (let k = 0; k < 2; k++) {
    let t = performance.now();
    const ws = await loadWorksheet(buf, 'xlsx'); const t1 = performance.now();
    const sheet = readRows(ws, IMPORT_COLUMN_SPECS); const t2 = performance.now();
    parseOrderSheets([{ sheet }]); const t3 = performance.now();
    await planIntake(app.db, { kind: 'order_import', fileHash: 'x', sources: [{ sheet }], today: '2026-11-27' }); const t4 = performance.now();
    console.log('load', (t1-t).toFixed(0), 'readRows', (t2-t1).toFixed(0), 'parse', (t3-t2).toFixed(0), 'plan', (t4-t3).toFixed(0));
  }
}
for (const url of ['/api/orders/import?dryRun=1', '/api/orders/import']) {
  const t = performance.now();
  const res = await app.inject({ method: 'POST', url, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  const ms = performance.now() - t;
  console.log(url, res.statusCode, ms.toFixed(0), 'ms', (10000 / ms * 1000).toFixed(0), 'rows/s', res.json().orders?.length);
}
await app.close(); fs.rmSync(dataDir, { recursive: true, force: true });
