import { beforeAll, expect, it } from 'vitest';
import { forEachDialect } from '../../../test/helpers';
import { editCell, multipart, sheetRows, xlsx } from './catalog.test-support';

/** Contracts, quotations and price lists as sheets: one row per line, grouped by kind and code. */

const HEADER = [
  '编号',
  '类型',
  '客户编码',
  '生效日期',
  '截止日期',
  '币种',
  '状态',
  '付款方式',
  '产品型号',
  '起订量',
  '单价',
  '最大折扣%',
  '约定规格',
];

forEachDialect('catalog agreement sheets', (ctx) => {
  const upload = async (url: string, data: Buffer) => {
    const body = multipart('agreements.xlsx', data);
    const res = await ctx.app.inject({
      method: 'POST',
      url,
      headers: { ...body.headers, cookie: await ctx.adminCookie() },
      payload: body.payload,
    });
    return { status: res.statusCode, body: res.json() };
  };
  const get = async (url: string) => {
    const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: await ctx.adminCookie() } });
    expect(res.statusCode).toBe(200);
    return res;
  };
  const linesOf = async (code: string) =>
    ctx.database.db
      .selectFrom('agreement_lines')
      .innerJoin('agreements', 'agreements.id', 'agreement_lines.agreement_id')
      .select([
        'agreement_lines.min_qty',
        'agreement_lines.unit_price',
        'agreement_lines.max_discount_bp',
        'agreement_lines.specs',
      ])
      .where('agreements.code', '=', code)
      .orderBy('agreement_lines.line_no')
      .execute();

  beforeAll(async () => {
    const cookie = await ctx.adminCookie();
    const post = (url: string, payload: object) =>
      ctx.app.inject({ method: 'POST', url, headers: { cookie }, payload });
    await post('/api/customers', { code: 'AG-C1', name: 'Agreement customer', currency: 'CNY' });
    for (const model of ['AG-P1', 'AG-P2']) {
      await post('/api/products', {
        model,
        name: model,
        category: 'finished',
        unit: 'pcs',
        specs: {},
        standardLeadTimeDays: 3,
      });
    }
  });

  it('imports a contract with tiers from rows sharing a code, and a general price list', async () => {
    const file = await xlsx([
      HEADER,
      [
        'HT-IMP',
        '合同',
        'AG-C1',
        '2026-01-01',
        '2026-12-31',
        'CNY',
        '生效',
        'T/T 30 days',
        'AG-P1',
        1,
        12.5,
        3,
        '颜色=红',
      ],
      ['HT-IMP', null, null, null, null, null, null, null, 'AG-P1', 1000, '11.80', null, null],
      ['HT-IMP', null, null, null, null, null, null, null, 'AG-P2', null, 8, null, null],
      [
        'PL-IMP',
        'Price list',
        null,
        '2026-01-01',
        '2026-12-31',
        'CNY',
        'active',
        null,
        'AG-P2',
        1,
        9,
        null,
        null,
      ],
    ]);
    const done = await upload('/api/agreements/import', file);
    expect(done.body).toMatchObject({ rows: 4, created: 2, errors: [] });
    expect(await linesOf('HT-IMP')).toEqual([
      { min_qty: 1, unit_price: 1250, max_discount_bp: 300, specs: JSON.stringify({ 颜色: '红' }) },
      { min_qty: 1000, unit_price: 1180, max_discount_bp: null, specs: null },
      { min_qty: 1, unit_price: 800, max_discount_bp: null, specs: null },
    ]);
    const contracts = (await get('/api/contracts?q=HT-IMP')).json();
    expect(contracts.items[0]).toMatchObject({
      status: 'active',
      paymentTerms: 'T/T 30 days',
      customerName: 'Agreement customer',
    });
    const lists = (await get('/api/price-lists?q=PL-IMP')).json();
    expect(lists.items[0]).toMatchObject({ customerId: null, kind: 'price_list' });
  });

  it('reports unknown references, disagreeing header cells, wrong kinds and bad tiers by row and column', async () => {
    const before = (await get('/api/contracts')).json().total as number;
    const file = await xlsx([
      HEADER,
      [
        'HT-BAD',
        '合同',
        'NO-SUCH',
        '2026-01-01',
        '2025-12-31',
        'CNY',
        '生效',
        null,
        'AG-P1',
        1,
        10,
        null,
        null,
      ],
      ['HT-BAD', null, null, '2026-02-01', null, null, null, null, 'NO-MODEL', 1, 10, null, null],
      ['HT-BAD', null, null, null, null, null, null, null, 'AG-P1', 1, 9, null, 'bad specs'],
      ['PL-X', '价格表', null, '2026-01-01', '2026-12-31', 'CNY', '生效', null, 'AG-P1', 1, 10, 120, null],
    ]);
    const res = await upload('/api/contracts/import?dryRun=1', file);
    const found = (res.body.errors as { row: number; column: string; code: string }[]).map((e) => [
      e.row,
      e.column,
      e.code,
    ]);
    expect(found).toEqual([
      [2, 'C 客户编码', 'UNKNOWN_REFERENCE'],
      [2, 'E 截止日期', 'INVALID_VALUE'],
      [3, 'D 生效日期', 'INCONSISTENT'],
      [3, 'I 产品型号', 'UNKNOWN_REFERENCE'],
      [4, 'J 起订量', 'DUPLICATE_KEY'],
      [4, 'M 约定规格', 'INVALID_SPECS'],
      [5, 'B 类型', 'KIND_MISMATCH'],
      [5, 'L 最大折扣%', 'INVALID_PERCENT'],
    ]);
    const commit = await upload('/api/contracts/import', file);
    expect(commit.status).toBe(422);
    expect((await get('/api/contracts')).json().total).toBe(before);
  });

  it('round-trips an export, and an edited export replaces the lines', async () => {
    const exported = (await get('/api/contracts/export?q=HT-IMP')).rawPayload;
    const rows = await sheetRows(exported);
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain('AG-C1');
    const again = await upload('/api/contracts/import', exported);
    expect(again.body).toMatchObject({ created: 0, updated: 0, skipped: 1, errors: [] });

    const unitPriceCol = (rows[0] as string[]).findIndex((h) => h.includes('Unit price'));
    const edited = await editCell(exported, 2, unitPriceCol, 10.5);
    const changed = await upload('/api/contracts/import', edited);
    expect(changed.body).toMatchObject({ updated: 1, errors: [] });
    expect((await linesOf('HT-IMP')).map((l) => l.unit_price)).toEqual([1250, 1050, 800]);
    const audit = await ctx.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'agreement')
      .where('action', '=', 'import')
      .execute();
    expect(audit).toHaveLength(3); // two created, one updated

    const statusCol = (rows[0] as string[]).findIndex((h) => h.includes('Status'));
    let draft = exported;
    for (const row of [1, 2, 3]) draft = await editCell(draft, row, statusCol, '草稿');
    const backToDraft = await upload('/api/contracts/import?dryRun=1', draft);
    expect(backToDraft.body.errors).toMatchObject([{ row: 2, column: 'H 状态', code: 'STATUS_CHANGE' }]);
    // A header cell that disagrees with the agreement's first row names both values.
    const mixed = await upload(
      '/api/contracts/import?dryRun=1',
      await editCell(exported, 1, statusCol, '草稿'),
    );
    expect(mixed.body.errors[1]).toMatchObject({ row: 3, code: 'INCONSISTENT' });
    expect(mixed.body.errors[1].message).toContain('「草稿」');
  });

  it('serves a template per kind', async () => {
    const template = (await get('/api/price-lists/import-template')).rawPayload;
    const [header, example] = await sheetRows(template);
    expect(header).toContain('*编号 (Code)');
    expect(example).toContain('价格表');
  });
});
