import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { forEachDialect, type TestContext } from '../../../test/helpers';
import { call, cleanOrder, countRows, setUpWorld, type OrdersWorld } from './orders.test-fixture';

/**
 * Approval and the status decisions, each with a fixture that could make the assertion fail: a
 * single open block, an approval without overrides, an admin's own number pattern, stale versions.
 */

interface AuditRow {
  action: string;
  actor_id: string | null;
  before: string | null;
  after: string | null;
}

async function auditRows(ctx: TestContext, orderId: string): Promise<AuditRow[]> {
  const r = await sql<AuditRow>`
    select action, actor_id, before, after from audit_log
    where entity_type = 'order' and entity_id = ${orderId} order by at, id
  `.execute(ctx.database.db);
  return r.rows;
}

const eventCount = (ctx: TestContext, id: string) => countRows(ctx, 'order_events', sql`order_id = ${id}`);

forEachDialect('order approval', (ctx) => {
  let w: OrdersWorld;
  beforeAll(async () => {
    w = await setUpWorld(ctx);
  });

  const create = async (body: unknown) => {
    const res = await call(ctx, w.clerk.cookie, 'POST', '/api/orders', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; version: number }>();
  };

  it('refuses an order with exactly one open block finding and writes no approval', async () => {
    const body = cleanOrder(w);
    body.lines[0]!.unitPrice = 999;
    const { id, version } = await create(body);
    const review = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/review`);
    const findings = review.json<{ findings: { code: string; severity: string }[] }>().findings;
    expect(findings.filter((f) => f.severity === 'block').map((f) => f.code)).toEqual(['PRICE_MISMATCH']);
    const audits = (await auditRows(ctx, id)).length;
    const events = await eventCount(ctx, id);

    const res = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, { version });
    expect(res.statusCode, res.body).toBe(409);
    const error = res.json().error;
    expect(error.code).toBe('REVIEW_BLOCKED');
    expect(error.details.findings.map((f: { code: string }) => f.code)).toEqual(['PRICE_MISMATCH']);

    const order = (await call(ctx, w.clerk.cookie, 'GET', `/api/orders/${id}`)).json();
    expect(order).toMatchObject({ status: 'in_review', number: null, version, openBlocks: 1 });
    expect(order.promisedDate ?? null).toBeNull();
    expect(await eventCount(ctx, id)).toBe(events);
    expect((await auditRows(ctx, id)).length).toBe(audits);
  });

  it('audits an approval without overrides, with the order before and after', async () => {
    const { id, version } = await create(cleanOrder(w));
    const res = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, { version });
    expect(res.statusCode, res.body).toBe(200);
    const order = res.json<{ number: string; promisedDate: string; clerkId: string }>();

    const rows = await auditRows(ctx, id);
    expect(rows.map((r) => r.action)).toEqual(['create', 'approve']);
    const approve = rows[1]!;
    expect(approve.actor_id).toBe(w.clerk.id);
    const before = JSON.parse(approve.before ?? 'null');
    const after = JSON.parse(approve.after ?? 'null');
    expect(before).toMatchObject({ status: 'draft', number: null, version });
    // The review that ran inside the approval (the order was a draft) is part of the entry.
    expect(before.review).toBeDefined();
    expect(after).toMatchObject({
      status: 'approved',
      number: order.number,
      promisedDate: order.promisedDate,
      clerkId: w.clerk.id,
      version: version + 1,
      overrides: [],
    });
    expect(after.review).toBeDefined();
  });

  it('takes the document number from the pattern the admin set', async () => {
    const settings = (await call(ctx, w.admin, 'GET', '/api/settings')).json<{ version: number }>();
    const put = await ctx.app.inject({
      method: 'PUT',
      url: '/api/settings',
      headers: { cookie: w.admin },
      payload: { version: settings.version, numbering: { sales_order: 'XS{yy}{MM}{dd}/{seq:3}' } },
    });
    expect(put.statusCode, put.body).toBe(200);
    try {
      const numbers: string[] = [];
      for (let i = 0; i < 2; i++) {
        const { id, version } = await create(cleanOrder(w));
        const res = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, { version });
        expect(res.statusCode, res.body).toBe(200);
        numbers.push(res.json<{ number: string }>().number);
      }
      const [yyyy, MM, dd] = w.today.split('-') as [string, string, string];
      const prefix = `XS${yyyy.slice(2)}${MM}${dd}/`;
      expect(numbers).toEqual([`${prefix}001`, `${prefix}002`]);
    } finally {
      const now = (await call(ctx, w.admin, 'GET', '/api/settings')).json<{ version: number }>();
      await ctx.app.inject({
        method: 'PUT',
        url: '/api/settings',
        headers: { cookie: w.admin },
        payload: { version: now.version, numbering: { sales_order: 'SO{yyyy}{MM}-{seq:5}' } },
      });
    }
  });

  describe('a stale version gets 409 VERSION_CONFLICT and changes nothing', () => {
    /** An order in `status`, with the version the decision must send. */
    async function orderIn(status: 'in_review' | 'rejected') {
      const { id, version } = await create(cleanOrder(w));
      const submitted = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/submit`, { version });
      expect(submitted.statusCode, submitted.body).toBe(200);
      // A PATCH moves the version on, so the version the order was created with is stale.
      const patched = await call(ctx, w.clerk.cookie, 'PATCH', `/api/orders/${id}`, { version, notes: 'n' });
      expect(patched.statusCode, patched.body).toBe(200);
      let current = version + 1;
      if (status === 'rejected') {
        const rejected = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/reject`, {
          version: current,
          reason: 'Customer withdrew',
        });
        expect(rejected.statusCode, rejected.body).toBe(200);
        current += 1;
      }
      return { id, current };
    }

    async function expectStale(
      id: string,
      current: number,
      action: 'reject' | 'cancel' | 'reopen',
      status: string,
    ) {
      const audits = (await auditRows(ctx, id)).length;
      const events = await eventCount(ctx, id);
      const res = await call(ctx, w.manager.cookie, 'POST', `/api/orders/${id}/${action}`, {
        version: current - 1,
        ...(action === 'reopen' ? {} : { reason: 'Stale decision' }),
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'VERSION_CONFLICT' });
      const order = (await call(ctx, w.clerk.cookie, 'GET', `/api/orders/${id}`)).json();
      expect(order).toMatchObject({ status, version: current });
      expect(await eventCount(ctx, id)).toBe(events);
      expect((await auditRows(ctx, id)).length).toBe(audits);
    }

    it('on reject', async () => {
      const { id, current } = await orderIn('in_review');
      await expectStale(id, current, 'reject', 'in_review');
    });

    it('on cancel', async () => {
      const { id, current } = await orderIn('in_review');
      await expectStale(id, current, 'cancel', 'in_review');
    });

    it('on reopen', async () => {
      const { id, current } = await orderIn('rejected');
      await expectStale(id, current, 'reopen', 'rejected');
    });
  });
});
