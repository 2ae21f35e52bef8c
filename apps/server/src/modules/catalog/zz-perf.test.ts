import { expect, it } from 'vitest';
import { forEachDialect } from '../../../test/helpers';
import { multipart, xlsx } from './catalog.test-support';
forEachDialect('perf', (ctx) => {
  it('imports 5000 customers', async () => {
    const rows: unknown[][] = [['Code', 'Name', 'Currency', 'Contact', 'Ship-to address']];
    for (let i = 0; i < 5000; i++) rows.push([`P-${i}`, `Name ${i}`, 'CNY', `C${i}`, `Addr ${i}`]);
    const body = multipart('c.xlsx', await xlsx(rows));
    const t0 = Date.now();
    const res = await ctx.app.inject({ method: 'POST', url: '/api/customers/import', headers: { ...body.headers, cookie: await ctx.adminCookie() }, payload: body.payload });
    console.log(ctx.dialect, 'import ms', Date.now() - t0, res.statusCode);
    expect(res.json().created).toBe(5000);
    const t1 = Date.now();
    const again = await ctx.app.inject({ method: 'POST', url: '/api/customers/import', headers: { ...body.headers, cookie: await ctx.adminCookie() }, payload: body.payload });
    console.log(ctx.dialect, 're-import ms', Date.now() - t1, again.json().skipped);
    const t2 = Date.now();
    const exp = await ctx.app.inject({ method: 'GET', url: '/api/customers/export', headers: { cookie: await ctx.adminCookie() } });
    console.log(ctx.dialect, 'export ms', Date.now() - t2, exp.rawPayload.length);
  });
});
