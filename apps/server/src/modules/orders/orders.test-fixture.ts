import { expect } from 'vitest';
import { sql } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import { addDays, todayInZone } from '../../lib/time';
import type { TestContext, TestUser } from '../../../test/helpers';

/**
 * Shared set-up of the orders API tests: master data through the catalog API, users of each role,
 * and small helpers. Test support only.
 */

export interface OrdersWorld {
  admin: string;
  clerk: TestUser;
  manager: TestUser;
  sales: TestUser;
  portal: TestUser;
  customerId: string;
  otherCustomerId: string;
  p1: string;
  p2: string;
  today: string;
  /** A requested date every line can meet (far ahead). */
  later: string;
}

export async function call(
  ctx: TestContext,
  cookie: string,
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  payload?: unknown,
  lang: 'zh-CN' | 'en' = 'en',
): Promise<LightMyRequestResponse> {
  return ctx.app.inject({
    method,
    url,
    headers: { cookie, 'accept-language': lang },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
}

async function created(res: LightMyRequestResponse): Promise<string> {
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

let seq = 0;

export async function setUpWorld(ctx: TestContext): Promise<OrdersWorld> {
  const admin = await ctx.adminCookie();
  const n = ++seq;
  const customerId = await created(
    await call(ctx, admin, 'POST', '/api/customers', {
      code: `C${n}`,
      name: `Acme ${n}`,
      currency: 'CNY',
      creditLimit: 100_000_000,
      paymentTerms: 'T/T 30 days',
    }),
  );
  const otherCustomerId = await created(
    await call(ctx, admin, 'POST', '/api/customers', { code: `X${n}`, name: `Other ${n}`, currency: 'CNY' }),
  );
  const product = async (model: string, lead: number, specs: Record<string, string>) =>
    created(
      await call(ctx, admin, 'POST', '/api/products', {
        model,
        name: `Product ${model}`,
        category: 'finished',
        unit: 'pcs',
        specs,
        standardLeadTimeDays: lead,
      }),
    );
  const p1 = await product(`BR-${n}-1`, 10, { 材质: '304', 颜色: 'silver' });
  const p2 = await product(`BR-${n}-2`, 20, { 材质: '201' });
  await created(
    await call(ctx, admin, 'POST', '/api/contracts', {
      customerId,
      code: `HT-${n}`,
      validFrom: '2020-01-01',
      validTo: '2099-12-31',
      currency: 'CNY',
      status: 'active',
      paymentTerms: 'T/T 30 days',
      packaging: 'carton',
      acceptanceStandard: 'AQL 1.0',
      lines: [
        { productId: p1, unitPrice: 1250, minQty: 1 },
        { productId: p1, unitPrice: 1200, minQty: 100 },
        { productId: p2, unitPrice: 5000, maxDiscountPct: 5 },
      ],
    }),
  );
  const [clerk, manager, sales] = [
    await ctx.createUser({ roles: ['clerk'], language: 'en' }),
    await ctx.createUser({ roles: ['manager'], language: 'en' }),
    await ctx.createUser({ roles: ['sales'], language: 'en' }),
  ];
  const portal = await ctx.createUser({ roles: ['customer'], customerId, language: 'en' });
  const today = todayInZone('Asia/Shanghai');
  return {
    admin,
    clerk,
    manager,
    sales,
    portal,
    customerId,
    otherCustomerId,
    p1,
    p2,
    today,
    later: addDays(today, 400),
  };
}

/** A clean order for the world's customer: two lines at contract prices, feasible dates. */
export function cleanOrder(w: OrdersWorld, over: Record<string, unknown> = {}) {
  return {
    customerId: w.customerId,
    customerPo: `PO-${Math.random().toString(36).slice(2, 10)}`,
    currency: 'CNY',
    paymentTerms: 'T/T 30 days',
    lines: [
      { productId: w.p1, qty: 10, unitPrice: 1250, requestedDate: w.later },
      { productId: w.p2, qty: 3, unitPrice: 5000, discountPct: 2, requestedDate: w.later },
    ],
    ...over,
  };
}

export async function countRows(
  ctx: TestContext,
  table: 'orders' | 'order_lines' | 'audit_log' | 'order_events',
  where = sql`1 = 1`,
) {
  const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where ${where}`.execute(
    ctx.database.db,
  );
  return Number(r.rows[0]?.n);
}

export const auditCount = (ctx: TestContext, orderId: string) =>
  countRows(ctx, 'audit_log', sql`entity_type = 'order' and entity_id = ${orderId}`);
