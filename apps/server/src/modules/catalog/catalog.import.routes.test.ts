import { expect, it } from 'vitest';
import { forEachDialect } from '../../../test/helpers';
import { multipart, sheetRows, xlsx } from './catalog.test-support';

/** Templates, imports (preview, all-or-nothing commit, re-runs) and exports of master data. */

forEachDialect('catalog import and export', (ctx) => {
  /** Uploads as the admin (whose language is zh-CN), or with another session cookie. */
  const upload = async (url: string, filename: string, data: Buffer, cookie?: string) => {
    const body = multipart(filename, data);
    const res = await ctx.app.inject({
      method: 'POST',
      url,
      headers: { ...body.headers, cookie: cookie ?? (await ctx.adminCookie()) },
      payload: body.payload,
    });
    return { status: res.statusCode, body: res.json() };
  };
  const download = async (url: string) => {
    const res = await ctx.app.inject({ method: 'GET', url, headers: { cookie: await ctx.adminCookie() } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=/);
    return res.rawPayload;
  };
  const count = async (table: 'customers' | 'products' | 'agreements' | 'audit_log') =>
    Number(
      (
        await ctx.database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('serves a template with zh+en headers, an example row and notes, which imports as it is', async () => {
    const data = await download('/api/customers/import-template');
    const [header, example] = await sheetRows(data);
    expect(header).toContain('*客户编码 (Code)');
    expect(example![0]).toBe('C-HD001');
    const notes = (await sheetRows(data, 1)).flat().join('\n');
    expect(notes).toContain('*客户编码 (Code)');
    const preview = await upload('/api/customers/import?dryRun=1', 'template.xlsx', data);
    expect(preview.body).toMatchObject({ dryRun: true, rows: 1, created: 1, errors: [] });
    expect(await count('customers')).toBe(0);
  });

  const customersFile = () =>
    xlsx([
      ['Code', 'Name', 'Currency', 'Credit limit', 'Contact', 'E-mail', 'Ship-to address', 'Active'],
      ['IMP-1', 'Import One', 'CNY', '12,500.50', 'Li', 'li@example.com', 'Dock 1', 'yes'],
      ['IMP-2', 'Import Two', 'usd', 800, null, null, null, '否'],
    ]);

  it('previews without writing, commits all rows, and re-runs without duplicates', async () => {
    const file = await customersFile();
    const auditBefore = await count('audit_log');
    const preview = await upload('/api/customers/import?dryRun=1', 'customers.xlsx', file);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({
      dryRun: true,
      rows: 2,
      created: 2,
      updated: 0,
      errors: [],
      ids: [],
    });
    expect(await count('customers')).toBe(0);

    const done = await upload('/api/customers/import', 'customers.xlsx', file);
    expect(done.body).toMatchObject({ dryRun: false, created: 2, updated: 0, skipped: 0, errors: [] });
    expect(done.body.ids).toHaveLength(2);
    expect(await count('audit_log')).toBe(auditBefore + 2);
    const one = await ctx.database.db
      .selectFrom('customers')
      .selectAll()
      .where('code', '=', 'IMP-1')
      .executeTakeFirstOrThrow();
    expect(one).toMatchObject({ credit_limit: 1_250_050, active: 1 });
    expect(JSON.parse(one.contacts)).toEqual([{ name: 'Li', email: 'li@example.com', notify: [] }]);
    expect(JSON.parse(one.addresses)).toEqual([{ kind: 'ship_to', address: 'Dock 1', isDefault: true }]);
    const two = await ctx.database.db
      .selectFrom('customers')
      .selectAll()
      .where('code', '=', 'IMP-2')
      .executeTakeFirstOrThrow();
    expect(two).toMatchObject({ currency: 'USD', active: 0, credit_limit: 80_000 });

    const again = await upload('/api/customers/import', 'customers.xlsx', file);
    expect(again.body).toMatchObject({ created: 0, updated: 0, skipped: 2, ids: done.body.ids });
    expect(await count('customers')).toBe(2);
    expect(await count('audit_log')).toBe(auditBefore + 2);

    const changed = await upload(
      '/api/customers/import',
      'customers.csv',
      Buffer.from('\ufeff客户编码,客户名称,币种\nIMP-2,Import Two Ltd,USD\n'),
    );
    expect(changed.body).toMatchObject({ created: 0, updated: 1, skipped: 0 });
    const renamed = await ctx.database.db
      .selectFrom('customers')
      .selectAll()
      .where('code', '=', 'IMP-2')
      .executeTakeFirstOrThrow();
    // Columns absent from the file are left as they were.
    expect(renamed).toMatchObject({ name: 'Import Two Ltd', credit_limit: 80_000, active: 0, version: 2 });

    // The export of the filtered list imports back unchanged.
    const exported = await download('/api/customers/export?q=IMP-');
    const rows = await sheetRows(exported);
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual(
      expect.arrayContaining(['IMP-1', 'Import One', 12500.5, 'Li', 'li@example.com', 'Dock 1']),
    );
    const back = await upload('/api/customers/import', 'export.xlsx', exported);
    expect(back.body).toMatchObject({ created: 0, updated: 0, skipped: 2, errors: [] });
  });

  it('lists every error by row and column in the caller language and writes nothing', async () => {
    const customersBefore = await count('customers');
    const file = await xlsx([
      ['客户编码', '客户名称', '币种', '信用额度', '跟单员', '联系邮箱', '联系人'],
      ['BAD-1', null, 'CNY', null, null, null, null],
      ['BAD-2', 'Two', 'CNY', 'abc', null, null, null],
      ['BAD-1', 'Dup', 'CNY', null, null, null, null],
      ['BAD-3', 'Three', 'XYZ', null, 'nobody', 'not-an-email', 'Zhao'],
    ]);
    const preview = await upload('/api/customers/import?dryRun=1', 'bad.xlsx', file);
    expect(preview.status).toBe(200);
    const errors = preview.body.errors as { row: number; column: string; code: string; message: string }[];
    expect(errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [2, 'B 客户名称', 'REQUIRED'],
      [3, 'D 信用额度', 'INVALID_MONEY'],
      [4, 'A 客户编码', 'DUPLICATE_KEY'],
      [5, 'C 币种', 'INVALID_VALUE'],
      [5, 'E 跟单员', 'UNKNOWN_REFERENCE'],
      [5, 'F 联系邮箱', 'INVALID_VALUE'],
    ]);
    expect(errors[1]!.message).toContain('abc');
    expect(errors[2]!.message).toContain('第 2 行');

    const clerk = await ctx.createUser({ roles: ['clerk'], language: 'en' });
    const refused = await upload('/api/customers/import', 'bad.xlsx', file, clerk.cookie);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('IMPORT_INVALID');
    expect(refused.body.error.details).toHaveLength(6);
    expect(refused.body.error.details[0]).toMatchObject({ row: 2, column: 'B Name', message: 'Required' });
    expect(await count('customers')).toBe(customersBefore);
  });

  it('reports missing columns and refuses what is not a spreadsheet', async () => {
    const missing = await upload(
      '/api/products/import?dryRun=1',
      'p.xlsx',
      await xlsx([
        ['Model', 'Name'],
        ['X', 'Y'],
      ]),
    );
    expect(missing.body.errors.map((e: { code: string }) => e.code)).toEqual([
      'MISSING_COLUMN',
      'MISSING_COLUMN',
      'MISSING_COLUMN',
    ]);
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    expect((await upload('/api/products/import', 'x.png', png)).status).toBe(415);
    const junk = await upload('/api/products/import', 'broken.xlsx', Buffer.from([0, 1, 2, 3, 4, 5, 0xff]));
    expect(junk.status).toBe(400);
    expect(junk.body.error.code).toBe('FILE_UNREADABLE');
    const zip = await upload('/api/products/import', 'fake.xlsx', Buffer.from('504b0304140000000000', 'hex'));
    expect(zip.body.error.code).toBe('FILE_UNREADABLE');
    const json = await ctx.app.inject({
      method: 'POST',
      url: '/api/products/import',
      headers: { cookie: await ctx.adminCookie() },
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(415);
  });

  it('imports products from GB18030 csv and round-trips an export', async () => {
    // 型号,品名,类别,单位,规格,标准交期天数,标准成本 / GB-1,合页,成品,件,材质=钢; 颜色=红,15,3.20 /
    // GB-2,螺丝,原材料,kg,,7, — in GB18030, as Excel on Chinese Windows saves csv.
    const encoded = Buffer.from(
      'd0cdbac52cc6b7c3fb2cc0e0b1f02cb5a5cebb2cb9e6b8f12cb1ead7bcbdbbc6dacceccafd2cb1ead7bcb3c9b1be0a47422d312c' +
        'bacfd2b32cb3c9c6b72cbcfe2cb2c4d6ca3db8d63b20d1d5c9ab3dbaec2c31352c332e32300a47422d322cc2ddcbbf2cd4adb2' +
        'c4c1cf2c6b672c2c372c0a',
      'hex',
    );
    const done = await upload('/api/products/import', 'products.csv', encoded);
    expect(done.body).toMatchObject({ created: 2, errors: [] });
    const gb1 = await ctx.database.db
      .selectFrom('products')
      .selectAll()
      .where('model', '=', 'GB-1')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(gb1.specs)).toEqual({ 材质: '钢', 颜色: '红' });
    expect(gb1).toMatchObject({
      category: 'finished',
      standard_cost: 320,
      cost_currency: 'CNY',
      standard_lead_time_days: 15,
    });

    const exported = await download('/api/products/export?q=GB-');
    const rows = await sheetRows(exported);
    expect(rows).toHaveLength(3);
    const again = await upload('/api/products/import', 'products.xlsx', exported);
    expect(again.body).toMatchObject({ created: 0, updated: 0, skipped: 2, errors: [] });
  });
});
