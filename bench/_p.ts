import { readFileSync } from 'node:fs';
import { loadTable } from '../apps/server/src/lib/xlsx';
import { readOrderTable } from '../apps/server/src/modules/orders/orders.import-columns';
const f = readFileSync('/tmp/prof/sample.xlsx');
const times: number[] = [];
for (let i = 0; i < 10; i++) { const t0 = performance.now(); readOrderTable(await loadTable(f, 'xlsx')); times.push(performance.now() - t0); }
console.log(times.map((t) => t.toFixed(0)).join(' '));
