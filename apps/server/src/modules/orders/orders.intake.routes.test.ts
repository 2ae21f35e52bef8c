import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import MailComposer from 'nodemailer/lib/mail-composer';
import { forEachDialect, type TestContext } from '../../../test/helpers';
import { withDeclaredSize } from '../../../test/zip-fixtures';
import { loadWorksheet, writeWorkbook } from '../../lib/xlsx';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures');

function multipart(
  file: { filename: string; data: Buffer; type?: string },
  boundary = 'gendan-intake-boundary',
) {
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\n` +
        `Content-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const HEADERS = [
  '客户编码',
  '客户PO号',
  '订单日期',
  '付款方式',
  '型号',
  '规格',
  '数量',
  '单价',
  '折扣%',
  '要求交期',
  '订单总额',
];
type Row = (string | number | null)[];
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies, checked by the assertions
type Json = Record<string, any>;

/** An xlsx with the given header and rows, written with exceljs. */
async function xlsxOf(rows: Row[], headers: string[] = HEADERS): Promise<Buffer> {
  const keys = headers.map((_, i) => `c${i}`);
  return writeWorkbook([
    {
      name: 'Orders',
      columns: headers.map((h, i) => ({ header: h, key: keys[i]! })),
      rows: rows.map((r) => Object.fromEntries(keys.map((k, i) => [k, r[i] ?? null]))),
    },
  ]);
}

function csvOf(rows: Row[], headers: string[] = HEADERS): Buffer {
  const esc = (v: string | number | null) =>
    v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v);
  return Buffer.from([headers, ...rows].map((r) => r.map(esc).join(',')).join('\r\n') + '\r\n');
}

async function compose(opts: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> {
  return new MailComposer(opts).compile().build();
}

forEachDialect('order intake API', (ctx: TestContext) => {
  let admin: string;
  let clerk: string;
  const ids: Record<string, string> = {};

  const post = async (url: string, cookie: string, file: { filename: string; data: Buffer }) => {
    const body = multipart(file);
    return ctx.app.inject({
      method: 'POST',
      url,
      headers: { ...body.headers, cookie },
      payload: body.payload,
    });
  };
  const json = async (method: 'POST' | 'GET', url: string, payload?: unknown) => {
    const res = await ctx.app.inject({
      method,
      url,
      headers: { cookie: admin },
      ...(payload ? { payload } : {}),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };
  const count = async (
    table: 'orders' | 'order_lines' | 'import_receipts' | 'documents' | 'order_events' | 'audit_log',
  ) => {
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(
      ctx.database.db,
    );
    return Number(r.rows[0]!.n);
  };
  const counts = async () => ({
    orders: await count('orders'),
    lines: await count('order_lines'),
    receipts: await count('import_receipts'),
    documents: await count('documents'),
    events: await count('order_events'),
    audits: await count('audit_log'),
  });
  /** The customer POs of the orders whose PO starts with `prefix`, read through the API. */
  const ordersOf = async (prefix: string): Promise<string[]> => {
    const list = await json('GET', `/api/orders?q=${encodeURIComponent(prefix)}&pageSize=100`);
    return list.items
      .map((o: Json) => o.customerPo as string)
      .filter((po: string) => po.startsWith(prefix))
      .sort();
  };

  /**
   * The file is archived as one document of the order, its timeline event names that document, and
   * the document's content is the file.
   */
  const expectArchived = async (
    orderId: string,
    eventType: string,
    doc: { docType: string; filename: string; mime: string; sha256: string },
    file: Buffer,
  ) => {
    const docs = await json('GET', `/api/documents?entityType=order&entityId=${orderId}`);
    const timeline = await json('GET', `/api/orders/${orderId}/timeline`);
    const event = timeline.items.find((e: Json) => e.type === eventType);
    expect(docs.items).toMatchObject([doc]);
    expect(event.data.documentId).toBe(docs.items[0].id);
    const content = await ctx.app.inject({
      url: `/api/documents/${docs.items[0].id}/content`,
      headers: { cookie: admin },
    });
    expect(content.rawPayload.equals(file)).toBe(true);
    return event.data;
  };

  beforeAll(async () => {
    admin = await ctx.adminCookie();
    clerk = (await ctx.createUser({ roles: ['clerk'] })).cookie;
    for (const c of [
      {
        code: 'C001',
        name: 'ACME 制造',
        currency: 'CNY',
        paymentTerms: 'Net 30',
        contacts: [{ name: '王芳', email: 'buyer@acme.example' }],
        addresses: [{ kind: 'ship_to', address: '上海市浦东新区 1 号', isDefault: true }],
      },
      { code: 'C002', name: 'Globex', currency: 'USD', paymentTerms: 'T/T 30' },
    ]) {
      ids[c.code] = (await json('POST', '/api/customers', c)).id;
    }
    for (const model of ['M-100', 'M-200']) {
      ids[model] = (
        await json('POST', '/api/products', {
          model,
          name: `Part ${model}`,
          category: 'finished',
          unit: 'pcs',
          specs: { 材质: '钢' },
          standardLeadTimeDays: 10,
        })
      ).id;
    }
    await json('POST', '/api/contracts', {
      customerId: ids.C001,
      code: 'K-C001',
      validFrom: '2020-01-01',
      validTo: '2099-12-31',
      currency: 'CNY',
      status: 'active',
      paymentTerms: 'Net 30',
      packaging: '纸箱',
      acceptanceStandard: 'AQL 1.0',
      lines: [
        { productId: ids['M-100'], unitPrice: 1200 },
        { productId: ids['M-100'], unitPrice: 1100, minQty: 100 },
        { productId: ids['M-200'], unitPrice: 850 },
      ],
    });
  });

  it('serves the template in the caller’s language, and it imports as one order', async () => {
    const en = await ctx.createUser({ roles: ['sales'], language: 'en' });
    const res = await ctx.app.inject({ url: '/api/orders/import-template', headers: { cookie: en.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const ws = await loadWorksheet(res.rawPayload, 'xlsx');
    expect(ws.getRow(1).getCell(1).value).toBe('Customer code');
    const zh = await ctx.app.inject({ url: '/api/orders/import-template', headers: { cookie: clerk } });
    expect((await loadWorksheet(zh.rawPayload, 'xlsx')).getRow(1).getCell(1).value).toBe('客户编码');
  });

  it('imports an xlsx: orders and lines created, totals right, file archived, timeline; re-import duplicates nothing', async () => {
    const file = await xlsxOf([
      ['C001', 'PO-X1', '2026-11-01', null, 'M-100', '材质=钢', 100, null, 10, '2027-01-10', 1015.5],
      ['C001', 'PO-X1', null, null, 'M-200', null, 3, 8.5, null, '2027-01-20', null],
      ['C002', 'PO-X2', null, 'CIA', 'M-100', null, 2, '12.34', null, '2027/2/1', null],
    ]);
    const before = await counts();
    const preview = await post('/api/orders/import?dryRun=1', clerk, { filename: 'orders.xlsx', data: file });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      dryRun: true,
      rows: 3,
      errors: [],
      orders: [
        {
          customerCode: 'C001',
          customerPo: 'PO-X1',
          lines: 2,
          total: 99000 + 2550,
          currency: 'CNY',
          id: null,
        },
        { customerCode: 'C002', customerPo: 'PO-X2', lines: 1, total: 2468, currency: 'USD', id: null },
      ],
    });
    expect(await counts()).toEqual(before);

    const res = await post('/api/orders/import', clerk, { filename: 'orders.xlsx', data: file });
    expect(res.statusCode, res.body).toBe(200);
    const result = res.json();
    expect(result.dryRun).toBe(false);
    expect(result).toMatchObject({ created: 2, updated: 0, skipped: 0 });
    const [o1, o2] = result.orders;
    expect(o1).toMatchObject({ customerPo: 'PO-X1', alreadyImported: false, total: 101550 });
    expect(o2.id).toEqual(expect.any(String));

    const order = await json('GET', `/api/orders/${o1.id}`);
    expect(order).toMatchObject({
      status: 'draft',
      channel: 'import',
      customerId: ids.C001,
      customerPo: 'PO-X1',
      orderDate: '2026-11-01',
      currency: 'CNY',
      paymentTerms: 'Net 30',
      packaging: '纸箱',
      acceptanceStandard: 'AQL 1.0',
      shipTo: '上海市浦东新区 1 号',
      total: 101550,
      statedTotal: 101550,
    });
    expect(
      order.lines.map((l: Json) => [
        l.productId,
        l.qty,
        l.unitPrice,
        l.discountPct,
        l.amount,
        l.requestedDate,
      ]),
    ).toEqual([
      [ids['M-100'], 100, 1100, 10, 99000, '2027-01-10'],
      [ids['M-200'], 3, 850, 0, 2550, '2027-01-20'],
    ]);
    expect(order.lines[0].specs).toEqual({ 材质: '钢' });
    expect((await json('GET', `/api/orders/${o2.id}`)).paymentTerms).toBe('CIA');

    for (const o of [o1, o2]) {
      const doc = { docType: 'import_file', filename: 'orders.xlsx', mime: XLSX, sha256: result.fileHash };
      const event = await expectArchived(o.id, 'imported', doc, file);
      expect(event).toMatchObject({ filename: 'orders.xlsx', fileHash: result.fileHash, format: 'xlsx' });
    }

    const after = await counts();
    const again = await post('/api/orders/import', clerk, { filename: 'copy.xlsx', data: file });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: 0, skipped: 2 });
    expect(again.json().orders.map((o: Json) => [o.id, o.alreadyImported])).toEqual([
      [o1.id, true],
      [o2.id, true],
    ]);
    expect(await counts()).toEqual(after);
    expect(after.orders).toBe(before.orders + 2);
  });

  it('commits the bytes it is sent: a preview of another file is not reused for them', async () => {
    const row = (qty: number): Row => [
      'C001',
      'PO-MEMO',
      null,
      null,
      'M-200',
      null,
      qty,
      8.5,
      null,
      '2027-01-20',
      null,
    ];
    const previewed = await xlsxOf([row(5)]);
    const sent = await xlsxOf([row(7)]);
    const preview = await post('/api/orders/import?dryRun=1', clerk, { filename: 'a.xlsx', data: previewed });
    expect(preview.json().orders[0].total).toBe(5 * 850);
    const res = await post('/api/orders/import', clerk, { filename: 'a.xlsx', data: sent });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().orders[0].total).toBe(7 * 850);
    const order = await json('GET', `/api/orders/${res.json().orders[0].id}`);
    expect(order.lines.map((l: Json) => l.qty)).toEqual([7]);
  });

  it('commits a file posted twice at the same time only once', async () => {
    const file = await xlsxOf([
      ['C002', 'PO-RACE', null, null, 'M-100', null, 1, 1, null, '2027-01-10', null],
    ]);
    const before = await counts();
    const [a, b] = await Promise.all([
      post('/api/orders/import', clerk, { filename: 'a.xlsx', data: file }),
      post('/api/orders/import', clerk, { filename: 'b.xlsx', data: file }),
    ]);
    expect([a.statusCode, b.statusCode], a.body + b.body).toEqual([200, 200]);
    const [oa, ob] = [a.json().orders[0], b.json().orders[0]];
    expect(oa.id).toBe(ob.id);
    expect([oa.alreadyImported, ob.alreadyImported].sort()).toEqual([false, true]);
    const after = await counts();
    expect(after.orders).toBe(before.orders + 1);
    expect(after.receipts).toBe(before.receipts + 1);
  });

  it('reports every error by row and column, writes nothing, and a dry run writes nothing either', async () => {
    const file = await xlsxOf([
      ['C001', 'PO-E1', null, null, 'M-100', null, 5, 1, null, '2027-01-10', null],
      ['C001', 'PO-E1', null, null, 'NOPE', null, 'ten', 1, null, '2027-13-01', null],
      ['C404', 'PO-E2', null, null, 'M-100', null, 1, 1, null, '2027-01-10', null],
      ['C002', 'PO-E3', '2026-11-01', null, 'M-100', null, 1, 1, null, '2027-01-10', null],
      ['C002', 'PO-E3', '2026-11-02', null, 'M-200', null, 1, 1, null, '2027-01-10', null],
    ]);
    const before = await counts();
    const expected = [
      { row: 3, column: 'G 数量/Qty', code: 'INVALID_NUMBER' },
      { row: 3, column: 'J 要求交期/Requested date', code: 'INVALID_DATE' },
      { row: 3, column: 'E 型号/Model', code: 'UNKNOWN_PRODUCT' },
      { row: 4, column: 'A 客户编码/Customer code', code: 'UNKNOWN_CUSTOMER' },
      { row: 6, column: 'C 订单日期/Order date', code: 'CONFLICT' },
    ];
    const dry = await post('/api/orders/import?dryRun=1', clerk, { filename: 'bad.xlsx', data: file });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().errors.map(({ row, column, code }: Json) => ({ row, column, code }))).toEqual(
      expect.arrayContaining(expected),
    );
    expect(dry.json().errors).toHaveLength(expected.length);
    expect(await counts()).toEqual(before);

    const res = await post('/api/orders/import', clerk, { filename: 'bad.xlsx', data: file });
    expect(res.statusCode).toBe(422);
    const err = res.json().error;
    expect(err.code).toBe('IMPORT_INVALID');
    expect(err.message).toBe('文件有 5 处错误，未导入任何数据');
    expect(err.details.errors).toEqual(dry.json().errors);
    const unknown = err.details.errors.find((e: Json) => e.code === 'UNKNOWN_CUSTOMER');
    expect(unknown.message).toBe('客户编码「C404」不存在或已停用');
    expect(await counts()).toEqual(before);
  });

  it('writes none of the valid orders of a file that also holds an invalid one, and the fixed file imports each once', async () => {
    const rows: Row[] = [
      ['C001', 'PO-MIX-1', null, null, 'M-100', null, 5, 12, null, '2027-01-10', null],
      ['C002', 'PO-MIX-2', null, null, 'M-200', null, 2, 1, null, '2027-01-10', null],
      ['C001', 'PO-MIX-3', null, null, 'M-200', null, 'ten', 8.5, null, '2027-01-10', null],
    ];
    const before = await counts();

    const res = await post('/api/orders/import', clerk, { filename: 'mixed.xlsx', data: await xlsxOf(rows) });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('IMPORT_INVALID');
    expect(res.json().error.details.errors).toMatchObject([{ row: 4, code: 'INVALID_NUMBER' }]);
    expect(await ordersOf('PO-MIX-')).toEqual([]);
    expect(await counts()).toEqual(before);

    rows[2]![6] = 10;
    const fixed = await xlsxOf(rows);
    const imported = await post('/api/orders/import', clerk, { filename: 'mixed.xlsx', data: fixed });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json().orders.map((o: Json) => [o.customerPo, o.alreadyImported])).toEqual([
      ['PO-MIX-1', false],
      ['PO-MIX-2', false],
      ['PO-MIX-3', false],
    ]);
    expect(await ordersOf('PO-MIX-')).toEqual(['PO-MIX-1', 'PO-MIX-2', 'PO-MIX-3']);
    expect((await counts()).orders).toBe(before.orders + 3);
    const again = await post('/api/orders/import', clerk, { filename: 'mixed.xlsx', data: fixed });
    expect(again.json()).toMatchObject({ created: 0, skipped: 3 });
    expect(await ordersOf('PO-MIX-')).toEqual(['PO-MIX-1', 'PO-MIX-2', 'PO-MIX-3']);
  });

  it('writes none of the valid orders of a mail whose attachment also holds an invalid one, and the fixed mail imports each once', async () => {
    const rows: Row[] = [
      ['C001', 'PO-EMIX-1', null, null, 'M-100', null, 5, 12, null, '2027-01-10', null],
      ['C002', 'PO-EMIX-2', null, null, 'M-200', null, 2, 1, null, '2027-01-10', null],
      ['C001', 'PO-EMIX-3', null, null, 'NOPE', null, 3, 8.5, null, '2027-01-10', null],
    ];
    const mail = async () =>
      compose({
        from: 'buyer@acme.example',
        subject: '[C001] 采购订单',
        text: '订单见附件。',
        attachments: [{ filename: 'po.xlsx', content: await xlsxOf(rows) }],
      });
    const before = await counts();

    const res = await post('/api/orders/import-email', clerk, { filename: 'mixed.eml', data: await mail() });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.code).toBe('IMPORT_INVALID');
    expect(res.json().error.details.errors).toMatchObject([{ row: 4, code: 'UNKNOWN_PRODUCT' }]);
    expect(await ordersOf('PO-EMIX-')).toEqual([]);
    expect(await counts()).toEqual(before);

    rows[2]![4] = 'M-200';
    const fixed = await mail();
    const imported = await post('/api/orders/import-email', clerk, { filename: 'fixed.eml', data: fixed });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json().orders.map((o: Json) => [o.customerPo, o.alreadyImported])).toEqual([
      ['PO-EMIX-1', false],
      ['PO-EMIX-2', false],
      ['PO-EMIX-3', false],
    ]);
    expect(await ordersOf('PO-EMIX-')).toEqual(['PO-EMIX-1', 'PO-EMIX-2', 'PO-EMIX-3']);
    expect((await counts()).orders).toBe(before.orders + 3);
    const again = await post('/api/orders/import-email', clerk, { filename: 'fixed.eml', data: fixed });
    expect(again.json().orders.every((o: Json) => o.alreadyImported)).toBe(true);
    expect(await ordersOf('PO-EMIX-')).toEqual(['PO-EMIX-1', 'PO-EMIX-2', 'PO-EMIX-3']);
  });

  it('imports csv (Chinese headers, quoted values) and previews it', async () => {
    const file = csvOf([
      [
        'C002',
        'PO-CSV-1',
        null,
        null,
        'M-200',
        '颜色=红, 尺寸=1,5',
        '1,000',
        '0.50',
        '2.5',
        '2027-03-01',
        null,
      ],
    ]);
    const res = await post('/api/orders/import', clerk, { filename: 'orders.csv', data: file });
    expect(res.statusCode, res.body).toBe(200);
    const [o] = res.json().orders;
    expect(o).toMatchObject({ customerPo: 'PO-CSV-1', lines: 1, total: 48750, currency: 'USD' });
    const order = await json('GET', `/api/orders/${o.id}`);
    expect(order.lines[0]).toMatchObject({
      qty: 1000,
      unitPrice: 50,
      discountPct: 2.5,
      specs: { 颜色: '红', 尺寸: '1,5' },
    });
    const doc = {
      docType: 'import_file',
      filename: 'orders.csv',
      mime: 'text/csv',
      sha256: res.json().fileHash,
    };
    await expectArchived(o.id, 'imported', doc, file);
  });

  it('refuses malformed and foreign files with 4xx and writes nothing', async () => {
    const before = await counts();
    const good = await xlsxOf([['C001', 'PO-M', null, null, 'M-100', null, 1, 1, null, '2027-01-10', null]]);
    const truncated = await post('/api/orders/import', clerk, {
      filename: 'x.xlsx',
      data: good.subarray(0, good.length >> 1),
    });
    expect(truncated.statusCode).toBe(400);
    expect(truncated.json().error.code).toBe('FILE_UNREADABLE');
    // A sheet that unpacks to more than its zip directory says: refused before any reader inflates it.
    const bomb = await post('/api/orders/import', clerk, {
      filename: 'x.xlsx',
      data: withDeclaredSize(good, 'xl/worksheets/sheet1.xml', 100),
    });
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json().error.code).toBe('FILE_UNREADABLE');
    const huge = await post('/api/orders/import', clerk, {
      filename: 'x.xlsx',
      data: withDeclaredSize(good, 'xl/worksheets/sheet1.xml', 300 * 1024 * 1024),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toMatchObject({ code: 'FILE_UNPACKS_TOO_LARGE' });
    expect(huge.json().error.message).toContain('256 MB');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    const image = await post('/api/orders/import', clerk, { filename: 'x.csv', data: png });
    expect(image.statusCode).toBe(415);
    const binary = await post('/api/orders/import', clerk, {
      filename: 'x.csv',
      data: Buffer.from([1, 2, 3, 0, 4, 5]),
    });
    expect(binary.statusCode).toBe(415);
    const noColumns = await post('/api/orders/import', clerk, {
      filename: 'x.csv',
      data: Buffer.from('foo,bar\n1,2\n'),
    });
    expect(noColumns.statusCode).toBe(422);
    expect(noColumns.json().error.details.errors[0]).toMatchObject({ row: 1, code: 'MISSING_COLUMN' });
    const empty = await post('/api/orders/import', clerk, { filename: 'x.csv', data: Buffer.alloc(0) });
    expect(empty.statusCode).toBe(400);
    const notMultipart = await ctx.app.inject({
      method: 'POST',
      url: '/api/orders/import',
      headers: { cookie: clerk, 'content-type': 'application/json' },
      payload: {},
    });
    expect(notMultipart.statusCode).toBe(415);
    expect(await counts()).toEqual(before);
  });

  it('is for admin, manager, clerk and sales only', async () => {
    const production = await ctx.createUser({ roles: ['production'] });
    const file = csvOf([['C001', 'PO-R', null, null, 'M-100', null, 1, 1, null, '2027-01-10', null]]);
    expect(
      (await post('/api/orders/import', production.cookie, { filename: 'x.csv', data: file })).statusCode,
    ).toBe(403);
    expect(
      (await post('/api/orders/import-email', production.cookie, { filename: 'x.eml', data: file }))
        .statusCode,
    ).toBe(403);
    const tpl = await ctx.app.inject({
      url: '/api/orders/import-template',
      headers: { cookie: production.cookie },
    });
    expect(tpl.statusCode).toBe(403);
  });

  it('turns a real .eml with an xlsx attachment into draft orders, archived and on the timeline', async () => {
    const eml = fs.readFileSync(path.join(FIXTURES, 'order-email-xlsx.eml'));
    const res = await post('/api/orders/import-email', clerk, { filename: 'order.eml', data: eml });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      dryRun: false,
      from: 'buyer@acme.example',
      subject: '[C001] 采购订单 PO-EM-001 / PO-EM-002',
      date: '2026-11-20T02:30:00.000Z',
      source: 'attachment',
      customerCode: 'C001',
      errors: [],
    });
    expect(body.orders.map((o: Json) => [o.customerPo, o.lines, o.total])).toEqual([
      ['PO-EM-001', 2, 120 * 1100 + 10 * 850],
      ['PO-EM-002', 1, 5 * 1200],
    ]);
    for (const o of body.orders) {
      const order = await json('GET', `/api/orders/${o.id}`);
      expect(order).toMatchObject({ status: 'draft', channel: 'email', customerId: ids.C001 });
      const doc = { docType: 'email', filename: 'order.eml', mime: 'message/rfc822', sha256: body.fileHash };
      const event = await expectArchived(o.id, 'email_received', doc, eml);
      expect(event).toMatchObject({
        from: 'buyer@acme.example',
        fromName: 'Wang Fang 王芳',
        subject: body.subject,
        date: body.date,
        messageId: '<po-em-001@acme.example>',
      });
    }

    const before = await counts();
    const again = await post('/api/orders/import-email', clerk, { filename: 'order.eml', data: eml });
    expect(again.json().orders.every((o: Json) => o.alreadyImported)).toBe(true);
    expect(await counts()).toEqual(before);
  });

  it('reads lines from an HTML table in the body, customer and PO from the subject', async () => {
    const eml = await compose({
      from: 'someone@globex.example',
      subject: '[C002] New order PO 7788',
      html: `<p>Please supply:</p><table border="1">
        <tr><th>Model</th><th>Qty</th><th>Unit price</th><th>Requested date</th></tr>
        <tr><td>M-100</td><td>4</td><td>10.00</td><td>2027-04-01</td></tr>
        <tr><td>M-200</td><td>6</td><td>5.5</td><td>2027-04-02</td></tr></table>`,
    });
    const before = await counts();
    const dry = await post('/api/orders/import-email?dryRun=1', clerk, { filename: 'mail.eml', data: eml });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json()).toMatchObject({
      dryRun: true,
      errors: [],
      orders: [{ id: null, customerPo: '7788', lines: 2 }],
    });
    expect(await counts()).toEqual(before);
    const res = await post('/api/orders/import-email', clerk, { filename: 'mail.eml', data: eml });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ source: 'html', customerCode: 'C002' });
    expect(res.json().orders).toMatchObject([
      { customerCode: 'C002', customerPo: '7788', lines: 2, total: 7300, currency: 'USD' },
    ]);
  });

  it('matches the sender to a customer contact when the subject names none', async () => {
    const eml = await compose({
      from: 'Buyer <BUYER@acme.example>',
      subject: 'PO 5566',
      text: 'Model\tQty\tRequested date\nM-200\t2\t2027-05-01\n',
    });
    const res = await post('/api/orders/import-email', clerk, { filename: 'mail.eml', data: eml });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ source: 'text', customerCode: 'C001' });
    expect(res.json().orders).toMatchObject([{ customerPo: '5566', lines: 1, total: 1700, currency: 'CNY' }]);
  });

  it('answers 422 for a mail without usable lines and 400 for one that is no mail', async () => {
    const before = await counts();
    const eml = await compose({
      from: 'buyer@acme.example',
      subject: '[C001] hello',
      text: 'Please call me back.',
    });
    const res = await post('/api/orders/import-email', clerk, { filename: 'mail.eml', data: eml });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.errors).toMatchObject([{ row: 0, column: null, code: 'NO_LINES' }]);
    const noCustomer = await compose({
      from: 'stranger@nowhere.example',
      subject: 'PO 1',
      text: 'Model\tQty\tRequested date\nM-100\t1\t2027-01-01\n',
    });
    const nc = await post('/api/orders/import-email', clerk, { filename: 'mail.eml', data: noCustomer });
    expect(nc.statusCode).toBe(422);
    expect(nc.json().error.details.errors.map((e: Json) => e.code)).toEqual(['NO_CUSTOMER']);
    const garbage = await post('/api/orders/import-email', clerk, {
      filename: 'x.eml',
      data: Buffer.from('hello\nworld\n'),
    });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().error.code).toBe('FILE_UNREADABLE');
    const zip = await post('/api/orders/import-email', clerk, { filename: 'x.eml', data: await xlsxOf([]) });
    expect(zip.statusCode).toBe(415);
    // An attachment whose zip directory says it unpacks to 300 MB: 413, as for a file upload.
    const lines = await xlsxOf([['C001', 'PO-Z', null, null, 'M-100', null, 1, 1, null, '2027-01-10', null]]);
    const bomb = await compose({
      from: 'buyer@acme.example',
      subject: '[C001] PO 77',
      text: 'See attachment.',
      attachments: [
        {
          filename: 'po.xlsx',
          content: withDeclaredSize(lines, 'xl/worksheets/sheet1.xml', 300 * 1024 * 1024),
        },
      ],
    });
    const big = await post('/api/orders/import-email', clerk, { filename: 'mail.eml', data: bomb });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.code).toBe('FILE_UNPACKS_TOO_LARGE');
    expect(await counts()).toEqual(before);
  });
});
