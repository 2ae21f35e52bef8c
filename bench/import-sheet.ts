/**
 * The xlsx of `bench:import`: the server's own import template (its English headers), example rows
 * removed, filled with `orders` × `lines` valid rows for the seeded customers and products.
 */
import ExcelJS from 'exceljs';
import { addDays, todayInZone } from '../apps/server/src/lib/time';
import { ACCEPTANCE, PACKAGING, PAYMENT_TERMS, TIME_ZONE, type BenchSeed } from './seed';

/** The template headers (English) the bench fills in. */
const HEADERS = {
  customerCode: 'Customer code',
  customerPo: 'Customer PO',
  currency: 'Currency',
  paymentTerms: 'Payment terms',
  packaging: 'Packaging',
  acceptanceStandard: 'Acceptance standard',
  shippingMode: 'Shipping mode',
  model: 'Model',
  specs: 'Specs',
  qty: 'Qty',
  unitPrice: 'Unit price',
  requestedDate: 'Requested date',
} as const;
type Key = keyof typeof HEADERS;

export async function template(base: string, token: string): Promise<Buffer> {
  const res = await fetch(`${base}/api/orders/import-template`, {
    headers: { authorization: `Bearer ${token}`, 'accept-language': 'en' },
  });
  if (res.status !== 200) throw new Error(`import template: ${res.status} ${await res.text()}`);
  return Buffer.from(await res.arrayBuffer());
}

/** The template, example rows removed, filled with `orders` × `lines` rows. */
export async function workbook(
  tpl: Buffer,
  seed: BenchSeed,
  tag: string,
  orders: number,
  lines: number,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(tpl as unknown as ArrayBuffer);
  const ws = wb.worksheets[0];
  if (!ws) throw new Error('the template has no sheet');
  const col = new Map<string, number>();
  ws.getRow(1).eachCell((cell, n) => col.set(cell.text.trim(), n));
  const colOf = {} as Record<Key, number>;
  for (const [key, header] of Object.entries(HEADERS) as [Key, string][]) {
    const n = col.get(header);
    if (n === undefined)
      throw new Error(`the import template has no "${header}" column (has: ${[...col.keys()].join(', ')})`);
    colOf[key] = n;
  }
  if (ws.rowCount > 1) ws.spliceRows(2, ws.rowCount - 1);
  const due = addDays(todayInZone(TIME_ZONE), 60);
  for (let o = 0; o < orders; o++) {
    const customer = seed.customers[o % seed.customers.length]!;
    for (let k = 0; k < lines; k++) {
      const p = seed.products[(o * 7 + k) % seed.products.length]!;
      const values: Partial<Record<Key, string | number>> = {
        customerCode: customer.code,
        customerPo: `IMP-${tag}-${String(o + 1).padStart(5, '0')}`,
        model: p.model,
        specs: Object.entries(p.specs)
          .map(([s, v]) => `${s}=${v}`)
          .join('; '),
        qty: 100 + ((o + k) % 9) * 50,
        unitPrice: p.unitPrice / 100,
        requestedDate: due,
      };
      if (k === 0) {
        Object.assign(values, {
          currency: 'CNY',
          paymentTerms: PAYMENT_TERMS,
          packaging: PACKAGING,
          acceptanceStandard: ACCEPTANCE,
          shippingMode: 'ltl',
        });
      }
      const row = ws.getRow(2 + o * lines + k);
      for (const [key, v] of Object.entries(values) as [Key, string | number][])
        row.getCell(colOf[key]).value = v;
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
