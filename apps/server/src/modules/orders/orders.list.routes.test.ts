import { beforeAll, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { forEachDialect } from '../../../test/helpers';
import { addDays } from '../../lib/time';
import { orderCountQuery, orderPageQuery } from './orders.list-repository';
import { call, cleanOrder, setUpWorld, type OrdersWorld } from './orders.test-fixture';

forEachDialect('orders list, export and CTP', (ctx) => {
  let w: OrdersWorld;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    w = await setUpWorld(ctx);
    const create = async (key: string, body: unknown) => {
      const res = await call(ctx, w.clerk.cookie, 'POST', '/api/orders', body);
      expect(res.statusCode, res.body).toBe(201);
      ids[key] = res.json<{ id: string }>().id;
    };
    await create('a', cleanOrder(w, { customerPo: 'LIST-A', orderDate: '2026-10-01' }));
    await create('b', cleanOrder(w, { customerPo: 'LIST-B', orderDate: '2026-10-15' }));
    await create(
      'other',
      cleanOrder(w, { customerId: w.otherCustomerId, customerPo: 'LIST-C', orderDate: '2026-11-01' }),
    );
    const priced = cleanOrder(w, { customerPo: 'LIST-D', orderDate: '2026-11-20' });
    priced.lines[0]!.unitPrice = 1;
    await create('d', priced);
    await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${ids.a}/approve`, { version: 1 });
    await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${ids.d}/review`);
  });

  const list = async (query: string) => {
    const res = await call(ctx, w.clerk.cookie, 'GET', `/api/orders?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{
      items: { id: string; customerPo: string; customerCode: string; status: string }[];
      total: number;
    }>();
  };
  const pos = (r: { items: { customerPo: string }[] }) => r.items.map((o) => o.customerPo);

  it('lists newest first with customer code and name, and a total', async () => {
    const r = await list(`customerId=${w.customerId}`);
    expect(pos(r)).toEqual(['LIST-D', 'LIST-B', 'LIST-A']);
    expect(r.total).toBe(3);
    expect(r.items[0]).toMatchObject({ customerCode: expect.stringMatching(/^C/), status: 'in_review' });
  });

  it('filters by status, customer, channel, dates, findings and text', async () => {
    expect(pos(await list(`status=approved&customerId=${w.customerId}`))).toEqual(['LIST-A']);
    expect(pos(await list(`customerId=${w.customerId}&hasFindings=true`))).toEqual(['LIST-D']);
    expect(pos(await list(`customerId=${w.customerId}&from=2026-10-10&to=2026-11-01`))).toEqual(['LIST-B']);
    expect(pos(await list(`customerId=${w.customerId}&channel=portal`))).toEqual([]);
    expect(pos(await list('q=list-c'))).toEqual(['LIST-C']);
    // Customer name (case-insensitive), through the customers' code and name.
    expect(pos(await list('q=OTHER'))).toEqual(['LIST-C']);
    const approved = (await call(ctx, w.clerk.cookie, 'GET', `/api/orders/${ids.a}`)).json();
    expect(pos(await list(`q=${approved.number}`))).toEqual(['LIST-A']);
    expect(pos(await list(`clerkId=${w.clerk.id}&customerId=${w.customerId}`))).toEqual(['LIST-A']);
  });

  it("names each order's clerk in the list and on the detail", async () => {
    const me = (await call(ctx, w.clerk.cookie, 'GET', '/api/auth/me')).json<{ displayName: string }>();
    expect(me.displayName).not.toBe('');
    const items = (await list(`customerId=${w.customerId}`)).items as unknown as {
      customerPo: string;
      clerkId: string | null;
      clerkName: string | null;
    }[];
    for (const o of items) expect(o.clerkName).toBe(o.clerkId === w.clerk.id ? me.displayName : null);
    expect(items.find((o) => o.customerPo === 'LIST-A')?.clerkName).toBe(me.displayName);
    const detail = (await call(ctx, w.clerk.cookie, 'GET', `/api/orders/${ids.a}`)).json();
    expect(detail.clerkName).toBe(me.displayName);
  });

  it('sorts by allow-listed fields only and pages with a stable total', async () => {
    expect(pos(await list(`customerId=${w.customerId}&sort=orderDate`))).toEqual([
      'LIST-A',
      'LIST-B',
      'LIST-D',
    ]);
    expect(pos(await list(`customerId=${w.customerId}&sort=-total`))[2]).toBe('LIST-D');
    const page2 = await list(`customerId=${w.customerId}&sort=orderDate&page=2&pageSize=2`);
    expect(pos(page2)).toEqual(['LIST-D']);
    expect(page2.total).toBe(3);
    const bad = await call(ctx, w.clerk.cookie, 'GET', '/api/orders?sort=secret');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('querystring.sort');
  });

  it('exports the filtered list as xlsx with headers in the caller’s language', async () => {
    // The admin's language is zh-CN; the clerk's is en (the user's setting wins over the header).
    const res = await call(
      ctx,
      w.admin,
      'GET',
      `/api/orders/export?customerId=${w.customerId}&sort=orderDate`,
      undefined,
      'zh-CN',
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('订单号');
    expect(ws.getRow(2).getCell(4).value).toBe('LIST-A');
    expect(ws.getRow(2).getCell(5).value).toBe('已批准');
    expect(ws.rowCount).toBe(4);
    const en = await call(
      ctx,
      w.clerk.cookie,
      'GET',
      `/api/orders/export?customerId=${w.customerId}`,
      undefined,
      'en',
    );
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(en.rawPayload as unknown as ArrayBuffer);
    expect(wbEn.worksheets[0]!.getRow(1).getCell(1).value).toBe('Order no.');
  });

  // SQLite's query plan only: PostgreSQL picks its plan by table statistics, not fixed here.
  it.skipIf(ctx.dialect !== 'sqlite')(
    'uses the status+customer index for the first page and the count (SQLite plan)',
    async () => {
      const f = { status: 'approved', customerId: w.customerId };
      const plan = (q: { sql: string; parameters: readonly unknown[] }) =>
        ctx.database
          .sqlite!.prepare(`explain query plan ${q.sql}`)
          .all(...(q.parameters as unknown[]))
          .map((r) => (r as { detail: string }).detail)
          .join(' | ');
      const page = plan(orderPageQuery(ctx.database.db, f, 'createdAt', true, 50, 0).compile());
      expect(page).toContain('orders_customer_status_idx');
      expect(page).not.toContain('TEMP B-TREE');
      expect(plan(orderCountQuery(ctx.database.db, f).compile())).toContain(
        'COVERING INDEX orders_customer_status_idx',
      );
    },
  );

  it('answers CTP: today + lead time + shipping days, with a verdict and reasons', async () => {
    const res = await call(ctx, w.clerk.cookie, 'POST', '/api/ctp', {
      customerId: w.customerId,
      lines: [
        { productId: w.p1, qty: 10 },
        { productId: w.p2, qty: 5 },
      ],
      requestedDate: addDays(w.today, 20),
      shippingMode: 'express',
    });
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.lines.map((l: { earliestDate: string }) => l.earliestDate)).toEqual([
      addDays(w.today, 12),
      addDays(w.today, 22),
    ]);
    expect(body).toMatchObject({ earliestDate: addDays(w.today, 22), feasible: false });
    expect(body.explanation.en).toContain('cannot be met');
    expect(body.lines[1].explanation['zh-CN']).toContain('标准生产周期 20 天');
    const defaultMode = (
      await call(ctx, w.clerk.cookie, 'POST', '/api/ctp', { lines: [{ productId: w.p1, qty: 1 }] })
    ).json();
    expect(defaultMode).toMatchObject({ earliestDate: addDays(w.today, 15), feasible: null });
    const bad = await call(ctx, w.clerk.cookie, 'POST', '/api/ctp', {
      lines: [
        { productId: w.p1, qty: 1 },
        { productId: 'nope', qty: 1 },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.lines[1].productId');
    expect(
      (await call(ctx, w.portal.cookie, 'POST', '/api/ctp', { lines: [{ productId: w.p1, qty: 1 }] }))
        .statusCode,
    ).toBe(403);
  });
});
