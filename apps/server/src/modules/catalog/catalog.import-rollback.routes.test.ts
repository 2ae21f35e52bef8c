import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { forEachDialect } from '../../../test/helpers';
import { multipart, xlsx } from './catalog.test-support';

/**
 * An import is all or nothing: a sheet that mixes new records, a change to an existing one and an
 * invalid row answers 422 and writes none of it. Each kind is checked by reading the records back,
 * not by counting them.
 */

forEachDialect('catalog imports are all or nothing', (ctx) => {
  let cookie: string;
  const upload = async (url: string, data: Buffer) => {
    const body = multipart('sheet.xlsx', data);
    const res = await ctx.app.inject({
      method: 'POST',
      url,
      headers: { ...body.headers, cookie },
      payload: body.payload,
    });
    return { status: res.statusCode, body: res.json() };
  };
  const post = async (url: string, payload: object) => {
    const res = await ctx.app.inject({ method: 'POST', url, headers: { cookie }, payload });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string }>().id;
  };
  const auditCount = async () =>
    Number(
      (await sql<{ n: number | string }>`select count(*) as n from audit_log`.execute(ctx.database.db))
        .rows[0]!.n,
    );
  /** Commits the sheet and expects 422 with exactly the invalid row's errors, and no new audit row. */
  const refused = async (url: string, data: Buffer, rows: number[]) => {
    const audits = await auditCount();
    const res = await upload(url, data);
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.code).toBe('IMPORT_INVALID');
    expect([...new Set(res.body.error.details.map((e: { row: number }) => e.row))]).toEqual(rows);
    expect(await auditCount()).toBe(audits);
  };

  let customerId: string;
  let productId: string;
  beforeAll(async () => {
    cookie = await ctx.adminCookie();
    customerId = await post('/api/customers', { code: 'RB-C1', name: 'Before', currency: 'CNY' });
    productId = await post('/api/products', {
      model: 'RB-P1',
      name: 'Before',
      category: 'finished',
      unit: 'pcs',
      specs: {},
      standardLeadTimeDays: 3,
    });
  });

  describe('customers', () => {
    it('writes neither the new customer nor the change when one row is invalid', async () => {
      const before = await ctx.database.db
        .selectFrom('customers')
        .selectAll()
        .where('id', '=', customerId)
        .execute();
      const file = await xlsx([
        ['Code', 'Name', 'Currency'],
        ['RB-NEW', 'New customer', 'CNY'],
        ['RB-C1', 'After', 'CNY'],
        ['RB-BAD', null, 'CNY'],
      ]);
      await refused('/api/customers/import', file, [4]);
      const codes = await ctx.database.db
        .selectFrom('customers')
        .select('code')
        .where('code', 'in', ['RB-NEW', 'RB-BAD'])
        .execute();
      expect(codes).toEqual([]);
      expect(
        await ctx.database.db.selectFrom('customers').selectAll().where('id', '=', customerId).execute(),
      ).toEqual(before);
    });
  });

  describe('products', () => {
    it('writes neither the new product nor the change when one row is invalid', async () => {
      const before = await ctx.database.db
        .selectFrom('products')
        .selectAll()
        .where('id', '=', productId)
        .execute();
      const file = await xlsx([
        ['Model', 'Name', 'Category', 'Unit', 'Lead time days'],
        ['RB-P2', 'New product', 'finished', 'pcs', 5],
        ['RB-P1', 'After', 'finished', 'pcs', 7],
        ['RB-P3', 'No category', null, 'pcs', 5],
      ]);
      await refused('/api/products/import', file, [4]);
      const models = await ctx.database.db
        .selectFrom('products')
        .select('model')
        .where('model', 'in', ['RB-P2', 'RB-P3'])
        .execute();
      expect(models).toEqual([]);
      expect(
        await ctx.database.db.selectFrom('products').selectAll().where('id', '=', productId).execute(),
      ).toEqual(before);
    });
  });

  describe('agreements', () => {
    it('writes neither the new contract nor the new lines of an existing one when one row is invalid', async () => {
      await post('/api/contracts', {
        customerId,
        code: 'RB-HT1',
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        currency: 'CNY',
        status: 'active',
        lines: [{ productId, unitPrice: 1000 }],
      });
      const snapshot = () =>
        ctx.database.db
          .selectFrom('agreements')
          .leftJoin('agreement_lines', 'agreement_lines.agreement_id', 'agreements.id')
          .select([
            'agreements.code',
            'agreements.version',
            'agreements.status',
            'agreement_lines.min_qty',
            'agreement_lines.unit_price',
          ])
          .where('agreements.code', 'like', 'RB-%')
          .orderBy('agreements.code')
          .orderBy('agreement_lines.line_no')
          .execute();
      const before = await snapshot();
      expect(before).toEqual([
        { code: 'RB-HT1', version: 1, status: 'active', min_qty: 1, unit_price: 1000 },
      ]);
      const header = [
        '编号',
        '类型',
        '客户编码',
        '生效日期',
        '截止日期',
        '币种',
        '状态',
        '产品型号',
        '起订量',
        '单价',
      ];
      const file = await xlsx([
        header,
        // A new contract, valid.
        ['RB-HT2', '合同', 'RB-C1', '2026-01-01', '2026-12-31', 'CNY', '生效', 'RB-P1', 1, 9],
        // The existing contract with a new price and a second tier, valid.
        ['RB-HT1', '合同', 'RB-C1', '2026-01-01', '2026-12-31', 'CNY', '生效', 'RB-P1', 1, 9.5],
        ['RB-HT1', null, null, null, null, null, null, 'RB-P1', 100, 9],
        // A third contract whose product does not exist.
        ['RB-HT3', '合同', 'RB-C1', '2026-01-01', '2026-12-31', 'CNY', '生效', 'NO-SUCH', 1, 9],
      ]);
      await refused('/api/contracts/import', file, [5]);
      expect(await snapshot()).toEqual(before);
    });

    it('writes neither the new price list nor the change to an existing one when one row is invalid', async () => {
      await post('/api/price-lists', {
        code: 'RB-JG1',
        validFrom: '2026-01-01',
        validTo: '2026-12-31',
        currency: 'CNY',
        status: 'active',
        lines: [{ productId, unitPrice: 500 }],
      });
      /** Every column of the RB-JG price lists and of their lines. */
      const snapshot = async () => ({
        lists: await ctx.database.db
          .selectFrom('agreements')
          .selectAll()
          .where('code', 'like', 'RB-JG%')
          .orderBy('code')
          .execute(),
        lines: await ctx.database.db
          .selectFrom('agreement_lines')
          .innerJoin('agreements', 'agreements.id', 'agreement_lines.agreement_id')
          .selectAll('agreement_lines')
          .where('agreements.code', 'like', 'RB-JG%')
          .orderBy('agreements.code')
          .orderBy('agreement_lines.line_no')
          .execute(),
      });
      const before = await snapshot();
      expect(before.lists.map((a) => [a.code, a.kind, a.version])).toEqual([['RB-JG1', 'price_list', 1]]);
      expect(before.lines.map((l) => [l.min_qty, l.unit_price])).toEqual([[1, 500]]);
      const header = ['编号', '类型', '生效日期', '截止日期', '币种', '状态', '产品型号', '起订量', '单价'];
      const file = await xlsx([
        header,
        // A new price list, valid.
        ['RB-JG2', '价格表', '2026-01-01', '2026-12-31', 'CNY', '生效', 'RB-P1', 1, 7],
        // The existing price list with a later end date, a new price and a second tier, valid.
        ['RB-JG1', '价格表', '2026-01-01', '2027-06-30', 'CNY', '生效', 'RB-P1', 1, 4.5],
        ['RB-JG1', null, null, null, null, null, 'RB-P1', 50, 4],
        // A third price list whose product does not exist.
        ['RB-JG3', '价格表', '2026-01-01', '2026-12-31', 'CNY', '生效', 'NO-SUCH', 1, 9],
      ]);
      await refused('/api/price-lists/import', file, [5]);
      expect(await snapshot()).toEqual(before);
    });
  });
});
