import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { AppError } from '../../lib/errors';
import { addDays } from '../../lib/time';
import { forEachDialect, type TestContext } from '../../../test/helpers';
import { approveOrder, overrideFinding, rejectOrder } from './orders.approval';
import { call, cleanOrder, setUpWorld, type OrdersWorld } from './orders.test-fixture';

/**
 * What the review, the approval, the decisions and the single-finding override record: the audit
 * entries' before/after, the timeline events, the findings kept across reviews, the promised
 * dates and the clerk an approval picks.
 */

interface Audit {
  action: string;
  actorId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

interface Event {
  type: string;
  fromStatus: string | null;
  toStatus: string | null;
  actorId: string | null;
  data: Record<string, unknown> | null;
}

interface FindingView {
  id: string;
  code: string;
  severity: string;
  lineNo?: number | null;
  status: string;
  overrideReason: string | null;
  overriddenBy: string | null;
}

async function audits(ctx: TestContext, orderId: string): Promise<Audit[]> {
  const r = await sql<{
    action: string;
    actor_id: string | null;
    before: string | null;
    after: string | null;
  }>`
    select action, actor_id, before, after from audit_log
    where entity_type = 'order' and entity_id = ${orderId} order by at, id
  `.execute(ctx.database.db);
  return r.rows.map((a) => ({
    action: a.action,
    actorId: a.actor_id,
    before: JSON.parse(a.before ?? 'null') as Record<string, unknown> | null,
    after: JSON.parse(a.after ?? 'null') as Record<string, unknown> | null,
  }));
}

const lastAudit = async (ctx: TestContext, orderId: string) => (await audits(ctx, orderId)).at(-1)!;

/** A system caller (no actor), as a job or an import would call the use cases. */
const noActor = { actor: null, requestId: null, lang: 'en' as const };

forEachDialect('order review and approval records', (ctx) => {
  let w: OrdersWorld;
  beforeAll(async () => {
    w = await setUpWorld(ctx);
  });

  const create = async (body: unknown, cookie = w.clerk.cookie) => {
    const res = await call(ctx, cookie, 'POST', '/api/orders', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; version: number }>();
  };
  const getOrder = async (id: string) => {
    const res = await call(ctx, w.clerk.cookie, 'GET', `/api/orders/${id}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{
      status: string;
      version: number;
      number: string | null;
      clerkId: string | null;
      promisedDate: string | null;
      openBlocks: number;
      openWarnings: number;
      lines: { lineNo: number; feasibleDate: string | null; promisedDate: string | null }[];
      findings: FindingView[];
    }>();
  };
  /** The timeline, oldest first. */
  const events = async (id: string): Promise<Event[]> => {
    const res = await call(ctx, w.clerk.cookie, 'GET', `/api/orders/${id}/timeline`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ items: Event[] }>().items.reverse();
  };
  const review = async (id: string, cookie = w.clerk.cookie) => {
    const res = await call(ctx, cookie, 'POST', `/api/orders/${id}/review`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{
      status: string;
      version: number;
      openBlocks: number;
      openWarnings: number;
      findings: FindingView[];
    }>();
  };
  const byCode = (findings: FindingView[], code: string) => findings.find((f) => f.code === code)!;
  /** An order with a wrong price on line 1 (block) and a wrong stated amount on line 2 (warning). */
  const blockAndWarning = () => {
    const body = cleanOrder(w);
    body.lines[0]!.unitPrice = 999;
    (body.lines[1] as Record<string, unknown>).statedAmount = 14000;
    return body;
  };

  describe('review', () => {
    it('moves a draft to in_review with a reviewed event and an audit entry, then re-reviews in place', async () => {
      const body = cleanOrder(w);
      (body.lines[1] as Record<string, unknown>).statedAmount = 14000;
      const { id, version } = await create(body);

      const first = await review(id);
      expect(first).toMatchObject({ status: 'in_review', version, openBlocks: 0, openWarnings: 1 });
      expect(first.findings.map((f) => [f.code, f.severity, f.lineNo])).toEqual([
        ['AMOUNT_MISMATCH', 'warn', 2],
      ]);

      const reviewed = (await events(id)).at(-1)!;
      expect(reviewed).toMatchObject({ type: 'reviewed', fromStatus: 'draft', toStatus: 'in_review' });
      expect(reviewed.data).toEqual({
        openBlocks: 0,
        openWarnings: 1,
        findings: 1,
        codes: ['AMOUNT_MISMATCH'],
        version,
      });
      const audit = await lastAudit(ctx, id);
      expect(audit).toMatchObject({ action: 'review', actorId: w.clerk.id });
      expect(audit.before).toEqual({ status: 'draft', openBlocks: 0, openWarnings: 0 });
      expect(audit.after).toEqual({
        status: 'in_review',
        openBlocks: 0,
        openWarnings: 1,
        reviewedVersion: version,
        codes: ['AMOUNT_MISMATCH'],
      });

      // Each line's feasible date is stored by the review.
      const order = await getOrder(id);
      expect(order).toMatchObject({ status: 'in_review', openBlocks: 0, openWarnings: 1 });
      for (const line of order.lines) {
        expect(line.feasibleDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(line.feasibleDate! >= w.today).toBe(true);
      }

      // A second review: no status change, the counts before are the stored ones, same finding id.
      const second = await review(id);
      expect(second.findings.map((f) => f.id)).toEqual(first.findings.map((f) => f.id));
      const again = (await events(id)).at(-1)!;
      expect(again).toMatchObject({ type: 'reviewed', fromStatus: null, toStatus: null });
      expect(again.data).toMatchObject({ findings: 1, codes: ['AMOUNT_MISMATCH'] });
      const audit2 = await lastAudit(ctx, id);
      expect(audit2.action).toBe('review');
      expect(audit2.before).toEqual({ status: 'in_review', openBlocks: 0, openWarnings: 1 });
      expect(audit2.after).toMatchObject({ status: 'in_review', openWarnings: 1 });
    });

    it('lists each code once in the event, with every finding counted', async () => {
      const body = cleanOrder(w);
      body.lines.push({ productId: w.p1, qty: 10, unitPrice: 999, requestedDate: w.later });
      body.lines[0]!.unitPrice = 998;
      const { id } = await create(body);
      const result = await review(id);
      expect(result.findings.map((f) => [f.code, f.lineNo])).toEqual([
        ['PRICE_MISMATCH', 1],
        ['PRICE_MISMATCH', 3],
      ]);
      const ev = (await events(id)).at(-1)!;
      expect(ev.data).toMatchObject({
        openBlocks: 2,
        openWarnings: 0,
        findings: 2,
        codes: ['PRICE_MISMATCH'],
      });
    });

    it('submit checks the version and the status, and is audited as a submit', async () => {
      const { id, version } = await create(cleanOrder(w));
      const stale = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/submit`, {
        version: version + 1,
      });
      expect(stale.statusCode, stale.body).toBe(409);
      expect(stale.json().error.code).toBe('VERSION_CONFLICT');
      expect((await getOrder(id)).status).toBe('draft');

      const ok = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/submit`, { version });
      expect(ok.statusCode, ok.body).toBe(200);
      expect((await events(id)).at(-1)).toMatchObject({
        type: 'submitted',
        fromStatus: 'draft',
        toStatus: 'in_review',
      });
      const audit = await lastAudit(ctx, id);
      expect(audit.action).toBe('submit');
      expect(audit.before).toEqual({ status: 'draft', openBlocks: 0, openWarnings: 0 });
      expect(audit.after).toMatchObject({ status: 'in_review', openBlocks: 0, openWarnings: 0, codes: [] });

      // Submitting again: in_review cannot go to in_review; nothing is written.
      const count = (await audits(ctx, id)).length;
      const again = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/submit`, { version });
      expect(again.statusCode, again.body).toBe(409);
      expect(again.json().error).toMatchObject({
        code: 'INVALID_TRANSITION',
        message: 'The order cannot go from in review to in review',
      });
      expect((await audits(ctx, id)).length).toBe(count);
    });

    it('refuses to review an approved order', async () => {
      const { id, version } = await create(cleanOrder(w));
      const approved = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, { version });
      expect(approved.statusCode, approved.body).toBe(200);
      const res = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/review`);
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error).toMatchObject({
        code: 'INVALID_TRANSITION',
        message: 'The order cannot go from approved to in review',
      });
    });

    it('checks the credit limit only of a customer that has one', async () => {
      // 100,000 × 12.00 = 1,200,000.00 > the world customer's 1,000,000.00.
      const big = cleanOrder(w, {
        lines: [{ productId: w.p1, qty: 100_000, unitPrice: 1200, requestedDate: w.later }],
      });
      const over = await review((await create(big)).id);
      const credit = byCode(over.findings, 'CREDIT_LIMIT');
      expect(credit).toMatchObject({ severity: 'block' });
      expect(credit.lineNo ?? null).toBeNull();

      // The other customer has no limit (and no agreement: NO_PRICE only).
      const other = await review((await create(cleanOrder(w, { customerId: w.otherCustomerId }))).id);
      expect(other.findings.map((f) => f.code)).toEqual(['NO_PRICE', 'NO_PRICE']);
    });

    it('puts the order-level findings before the line findings', async () => {
      const body = blockAndWarning();
      (body as Record<string, unknown>).statedTotal = 1;
      const result = await review((await create(body)).id);
      expect(result.findings.map((f) => [f.code, f.lineNo ?? null])).toEqual([
        ['AMOUNT_MISMATCH', null],
        ['PRICE_MISMATCH', 1],
        ['AMOUNT_MISMATCH', 2],
      ]);
    });
  });

  describe('findings across reviews', () => {
    it('keeps the id and override of a finding that reappears; a changed price or tier gives a new one', async () => {
      const { id } = await create(blockAndWarning());
      const first = await review(id);
      const price = byCode(first.findings, 'PRICE_MISMATCH');
      const amount = byCode(first.findings, 'AMOUNT_MISMATCH');

      const ov = await call(
        ctx,
        w.manager.cookie,
        'POST',
        `/api/orders/${id}/findings/${price.id}/override`,
        {
          reason: 'Agreed by phone',
        },
      );
      expect(ov.statusCode, ov.body).toBe(200);

      const second = await review(id);
      expect(byCode(second.findings, 'PRICE_MISMATCH')).toMatchObject({
        id: price.id,
        status: 'overridden',
        overrideReason: 'Agreed by phone',
        overriddenBy: w.manager.id,
      });
      expect(byCode(second.findings, 'AMOUNT_MISMATCH')).toMatchObject({ id: amount.id, status: 'open' });
      expect(second).toMatchObject({ openBlocks: 0, openWarnings: 1 });

      // Another wrong price (actual changes): a new finding, open again.
      let version = (await getOrder(id)).version;
      const body = blockAndWarning();
      body.lines[0]!.unitPrice = 998;
      const patched = await call(ctx, w.clerk.cookie, 'PATCH', `/api/orders/${id}`, {
        version,
        lines: body.lines,
      });
      expect(patched.statusCode, patched.body).toBe(200);
      const third = await review(id);
      const price3 = byCode(third.findings, 'PRICE_MISMATCH');
      expect(price3.id).not.toBe(price.id);
      expect(price3).toMatchObject({ status: 'open', overrideReason: null });
      expect(byCode(third.findings, 'AMOUNT_MISMATCH').id).toBe(amount.id);

      // The same price at another tier (expected 1200 instead of 1250): a new finding again.
      version = (await getOrder(id)).version;
      body.lines[0]!.qty = 100;
      const patched2 = await call(ctx, w.clerk.cookie, 'PATCH', `/api/orders/${id}`, {
        version,
        lines: body.lines,
      });
      expect(patched2.statusCode, patched2.body).toBe(200);
      const fourth = await review(id);
      const price4 = byCode(fourth.findings, 'PRICE_MISMATCH');
      expect(price4.id).not.toBe(price3.id);
      expect(price4.id).not.toBe(price.id);
    });

    it('matches a reappearing finding by its line: the same problem on another line is another finding', async () => {
      const admin = w.admin;
      const created = await call(ctx, admin, 'POST', '/api/products', {
        model: `NP-${Math.random().toString(36).slice(2, 8)}`,
        name: 'Unpriced',
        category: 'finished',
        unit: 'pcs',
        specs: {},
        standardLeadTimeDays: 5,
      });
      expect(created.statusCode, created.body).toBe(201);
      const p3 = created.json<{ id: string; version: number }>();
      const line = { productId: p3.id, qty: 1, unitPrice: 700, requestedDate: w.later };
      const { id } = await create(cleanOrder(w, { lines: [line, line] }));
      const first = await review(id);
      expect(first.findings.map((f) => [f.code, f.lineNo])).toEqual([
        ['NO_PRICE', 1],
        ['NO_PRICE', 2],
      ]);
      const onLine2 = first.findings[1]!;
      const ov = await call(
        ctx,
        w.manager.cookie,
        'POST',
        `/api/orders/${id}/findings/${onLine2.id}/override`,
        {
          reason: 'Sample, no price',
        },
      );
      expect(ov.statusCode, ov.body).toBe(200);

      // Line 1 now has an agreed price: only line 2's finding stays, with its id and override.
      const version = (await getOrder(id)).version;
      const patched = await call(ctx, w.clerk.cookie, 'PATCH', `/api/orders/${id}`, {
        version,
        lines: [{ productId: w.p1, qty: 10, unitPrice: 1250, requestedDate: w.later }, line],
      });
      expect(patched.statusCode, patched.body).toBe(200);
      const second = await review(id);
      expect(second.findings).toHaveLength(1);
      expect(second.findings[0]).toMatchObject({
        id: onLine2.id,
        code: 'NO_PRICE',
        lineNo: 2,
        status: 'overridden',
        overrideReason: 'Sample, no price',
      });

      // The product is then deactivated: the review says so.
      const deactivated = await call(ctx, admin, 'PATCH', `/api/products/${p3.id}`, {
        version: p3.version,
        active: false,
      });
      expect(deactivated.statusCode, deactivated.body).toBe(200);
      const third = await review(id);
      expect(third.findings.filter((f) => f.code === 'PRODUCT_INACTIVE').map((f) => f.lineNo)).toEqual([2]);
    });
  });

  describe('approve', () => {
    it('a draft with a block: the review it ran is kept and audited, and only open blocks are listed', async () => {
      const { id, version } = await create(blockAndWarning());
      const res = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, { version });
      expect(res.statusCode, res.body).toBe(409);
      const error = res.json().error;
      expect(error.code).toBe('REVIEW_BLOCKED');
      expect(error.message).toBe('The order has 1 open blocking findings and cannot be approved');
      expect(error.details.findings.map((f: FindingView) => [f.code, f.status])).toEqual([
        ['PRICE_MISMATCH', 'open'],
      ]);

      const rows = await audits(ctx, id);
      expect(rows.map((r) => r.action)).toEqual(['create', 'review']);
      expect(rows[1]!.after).toMatchObject({ status: 'in_review', openBlocks: 1, openWarnings: 1 });
      expect((await events(id)).map((e) => e.type)).toEqual(['created', 'reviewed']);
      const order = await getOrder(id);
      expect(order).toMatchObject({ status: 'in_review', openBlocks: 1, openWarnings: 1 });
      expect(order.findings.map((f) => f.id).sort()).toEqual(
        error.details.findings
          .map((f: FindingView) => f.id)
          .concat(byCode(order.findings, 'AMOUNT_MISMATCH').id)
          .sort(),
      );
    });

    it('refuses unknown finding ids, and a block override from a clerk', async () => {
      const { id, version } = await create(blockAndWarning());
      const { findings } = await review(id);
      const price = byCode(findings, 'PRICE_MISMATCH');

      const unknown = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, {
        version,
        overrides: [
          { findingId: price.id, reason: 'ok' },
          { findingId: 'no-such-finding', reason: 'ok' },
        ],
      });
      expect(unknown.statusCode, unknown.body).toBe(400);
      expect(unknown.json().error).toMatchObject({
        code: 'INVALID_REFERENCE',
        message: 'body.overrides[1].findingId: Finding no-such-finding does not exist or is not usable',
        details: [
          {
            path: 'body.overrides[1].findingId',
            message: 'body.overrides[1].findingId: Finding no-such-finding does not exist or is not usable',
          },
        ],
      });

      const clerk = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, {
        version,
        overrides: [{ findingId: price.id, reason: 'ok' }],
      });
      expect(clerk.statusCode, clerk.body).toBe(403);
      expect(clerk.json().error.code).toBe('OVERRIDE_NOT_ALLOWED');
      expect((await getOrder(id)).findings.every((f) => f.status === 'open')).toBe(true);
    });

    it('applies a clerk’s warning override, ignores one of a finding the re-run resolved, and records both dates', async () => {
      const { id } = await create(blockAndWarning());
      const first = await review(id);
      const price = byCode(first.findings, 'PRICE_MISMATCH');
      const amount = byCode(first.findings, 'AMOUNT_MISMATCH');

      // The price is fixed: the approval re-runs the review, which resolves the price finding.
      let version = (await getOrder(id)).version;
      const body = blockAndWarning();
      body.lines[0]!.unitPrice = 1250;
      const patched = await call(ctx, w.clerk.cookie, 'PATCH', `/api/orders/${id}`, {
        version,
        lines: body.lines,
      });
      expect(patched.statusCode, patched.body).toBe(200);
      version += 1;
      const promised1 = addDays(w.later, 5);
      const res = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, {
        version,
        overrides: [
          { findingId: price.id, reason: 'Price fixed anyway' },
          { findingId: amount.id, reason: 'Customer rounding' },
        ],
        promisedDates: [{ lineNo: 1, promisedDate: promised1 }],
      });
      expect(res.statusCode, res.body).toBe(200);
      const approved = res.json<ReturnType<typeof getOrder> extends Promise<infer T> ? T : never>();
      expect(approved).toMatchObject({
        status: 'approved',
        version: version + 1,
        clerkId: w.clerk.id,
        promisedDate: promised1,
        openBlocks: 0,
        openWarnings: 0,
      });
      expect(approved.lines.map((l) => l.promisedDate)).toEqual([promised1, w.later]);

      // Stored: the override, the dates.
      const order = await getOrder(id);
      expect(order.findings).toHaveLength(1);
      expect(order.findings[0]).toMatchObject({
        id: amount.id,
        status: 'overridden',
        overrideReason: 'Customer rounding',
        overriddenBy: w.clerk.id,
      });
      expect(order.lines.map((l) => l.promisedDate)).toEqual([promised1, w.later]);
      expect(order.promisedDate).toBe(promised1);

      // Events: the override, then the approval.
      const evs = (await events(id)).slice(-3);
      expect(evs.map((e) => e.type)).toEqual(['reviewed', 'finding_overridden', 'approved']);
      expect(evs[1]!.data).toEqual({
        findingId: amount.id,
        code: 'AMOUNT_MISMATCH',
        severity: 'warn',
        lineNo: 2,
        reason: 'Customer rounding',
      });
      expect(evs[2]).toMatchObject({ fromStatus: 'in_review', toStatus: 'approved', actorId: w.clerk.id });
      expect(evs[2]!.data).toEqual({ number: order.number, promisedDate: promised1, clerkId: w.clerk.id });

      const audit = await lastAudit(ctx, id);
      expect(audit.action).toBe('approve');
      expect(audit.before).toEqual({
        status: 'in_review',
        number: null,
        clerkId: null,
        version,
        // The counts the order held before this review (the edit recounted them).
        review: { status: 'in_review', openBlocks: 0, openWarnings: 1 },
      });
      expect(audit.after).toEqual({
        status: 'approved',
        number: order.number,
        promisedDate: promised1,
        clerkId: w.clerk.id,
        version: version + 1,
        overrides: [{ findingId: amount.id, reason: 'Customer rounding' }],
        review: {
          status: 'in_review',
          openBlocks: 0,
          openWarnings: 1,
          reviewedVersion: version,
          codes: ['AMOUNT_MISMATCH'],
        },
      });

      // The number comes from the sales-order counter.
      const counter = await sql<{ last_value: number }>`
        select last_value from numbering_counters where doc_type = 'sales_order'
      `.execute(ctx.database.db);
      expect(counter.rows.map((r) => Number(r.last_value))).toContain(
        Number(order.number!.split('-').at(-1)),
      );
    });

    it('lets a manager, an admin, or someone who is also a manager override a block', async () => {
      const both = await ctx.createUser({ roles: ['clerk', 'manager'], language: 'en' });
      for (const cookie of [w.manager.cookie, w.admin, both.cookie]) {
        const { id, version } = await create(blockAndWarning());
        const { findings } = await review(id);
        const res = await call(ctx, cookie, 'POST', `/api/orders/${id}/approve`, {
          version,
          overrides: findings.map((f) => ({ findingId: f.id, reason: 'Accepted' })),
        });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().findings.map((f: FindingView) => f.status)).toEqual(['overridden', 'overridden']);
      }
    });

    it('checks the promised dates: a known line, a real date, not before today', async () => {
      const { id, version } = await create(cleanOrder(w));
      const yesterday = addDays(w.today, -1);
      const body = {
        version,
        promisedDates: [
          { lineNo: 3, promisedDate: w.later },
          { lineNo: 1, promisedDate: '2031-02-30' },
          { lineNo: 2, promisedDate: yesterday },
        ],
      };
      const en = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, body);
      expect(en.statusCode, en.body).toBe(400);
      expect(en.json().error).toEqual({
        code: 'INVALID_FIELD',
        message: 'body.promisedDates[0].lineNo: the order has no line 3',
        details: [
          {
            path: 'body.promisedDates[0].lineNo',
            message: 'body.promisedDates[0].lineNo: the order has no line 3',
          },
          {
            path: 'body.promisedDates[1].promisedDate',
            message: 'body.promisedDates[1].promisedDate: 2031-02-30 is not a valid date',
          },
          {
            path: 'body.promisedDates[2].promisedDate',
            message: `body.promisedDates[2].promisedDate: the promised date ${yesterday} is before today ${w.today}`,
          },
        ],
      });
      const zhClerk = await ctx.createUser({ roles: ['clerk'], language: 'zh-CN' });
      const zh = await call(ctx, zhClerk.cookie, 'POST', `/api/orders/${id}/approve`, body, 'zh-CN');
      expect(zh.statusCode, zh.body).toBe(400);
      expect(zh.json().error.details.map((d: { message: string }) => d.message)).toEqual([
        'body.promisedDates[0].lineNo：订单没有第 3 行',
        'body.promisedDates[1].promisedDate：2031-02-30 不是有效日期',
        `body.promisedDates[2].promisedDate：承诺交期 ${yesterday} 早于今天 ${w.today}`,
      ]);
      // Nothing is written, not even the review the approval ran.
      const order = await getOrder(id);
      expect(order.status).toBe('draft');
      expect(order.number).toBeNull();

      // Today itself is fine.
      const ok = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, {
        version,
        promisedDates: [{ lineNo: 2, promisedDate: w.today }],
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const approved = ok.json<{ promisedDate: string; lines: { promisedDate: string }[] }>();
      expect(approved.lines.map((l) => l.promisedDate)).toEqual([w.later, w.today]);
      expect(approved.promisedDate).toBe(w.later);
    });

    it('keeps the order’s clerk, else takes the customer’s, else the approver', async () => {
      // The order's own clerk (the customer has none).
      const own = await create(cleanOrder(w, { clerkId: w.sales.id }));
      const res1 = await call(ctx, w.manager.cookie, 'POST', `/api/orders/${own.id}/approve`, {
        version: own.version,
      });
      expect(res1.statusCode, res1.body).toBe(200);
      expect(res1.json()).toMatchObject({ clerkId: w.sales.id, approvedBy: w.manager.id });

      // No clerk on the order; the customer gets one afterwards.
      const customer = await call(ctx, w.admin, 'POST', '/api/customers', {
        code: `CK${Math.random().toString(36).slice(2, 8)}`,
        name: 'Clerked',
        currency: 'CNY',
      });
      expect(customer.statusCode, customer.body).toBe(201);
      const c = customer.json<{ id: string; version: number }>();
      const order = await create(cleanOrder(w, { customerId: c.id }));
      expect((await getOrder(order.id)).clerkId).toBeNull();
      const patched = await call(ctx, w.admin, 'PATCH', `/api/customers/${c.id}`, {
        version: c.version,
        clerkId: w.sales.id,
      });
      expect(patched.statusCode, patched.body).toBe(200);
      const { findings } = await review(order.id);
      const res2 = await call(ctx, w.manager.cookie, 'POST', `/api/orders/${order.id}/approve`, {
        version: order.version,
        overrides: findings.map((f) => ({ findingId: f.id, reason: 'No agreement yet' })),
      });
      expect(res2.statusCode, res2.body).toBe(200);
      expect(res2.json()).toMatchObject({ clerkId: w.sales.id });

      // Neither: the approver.
      const none = await create(cleanOrder(w));
      const res3 = await call(ctx, w.manager.cookie, 'POST', `/api/orders/${none.id}/approve`, {
        version: none.version,
      });
      expect(res3.statusCode, res3.body).toBe(200);
      expect(res3.json()).toMatchObject({ clerkId: w.manager.id });
    });

    it('works without an actor: no clerk, no approver', async () => {
      const { id, version } = await create(cleanOrder(w));
      const result = await ctx.database.transact((trx) =>
        approveOrder(trx, noActor, id, { version }, { roles: ['admin'] }),
      );
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.order).toMatchObject({ status: 'approved', clerkId: null, approvedBy: null });
    });
  });

  describe('decisions', () => {
    it('audits reject, reopen and cancel with the status and reason before and after', async () => {
      const { id, version } = await create(cleanOrder(w));
      const sub = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/submit`, { version });
      expect(sub.statusCode, sub.body).toBe(200);

      const rej = await call(ctx, w.manager.cookie, 'POST', `/api/orders/${id}/reject`, {
        version,
        reason: 'Customer withdrew',
      });
      expect(rej.statusCode, rej.body).toBe(200);
      expect(rej.json()).toMatchObject({
        status: 'rejected',
        statusReason: 'Customer withdrew',
        version: version + 1,
      });
      let audit = await lastAudit(ctx, id);
      expect(audit).toMatchObject({ action: 'reject', actorId: w.manager.id });
      expect(audit.before).toEqual({ status: 'in_review', statusReason: null, version });
      expect(audit.after).toEqual({
        status: 'rejected',
        statusReason: 'Customer withdrew',
        version: version + 1,
      });
      expect((await events(id)).at(-1)).toMatchObject({
        type: 'rejected',
        fromStatus: 'in_review',
        toStatus: 'rejected',
        data: { reason: 'Customer withdrew' },
      });

      // A rejected order cannot be approved.
      const approve = await call(ctx, w.manager.cookie, 'POST', `/api/orders/${id}/approve`, {
        version: version + 1,
      });
      expect(approve.statusCode, approve.body).toBe(409);
      expect(approve.json().error).toMatchObject({
        code: 'INVALID_TRANSITION',
        message: 'The order cannot go from rejected to approved',
      });

      const reo = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/reopen`, {
        version: version + 1,
      });
      expect(reo.statusCode, reo.body).toBe(200);
      expect(reo.json()).toMatchObject({ status: 'draft', statusReason: null, version: version + 2 });
      audit = await lastAudit(ctx, id);
      expect(audit.action).toBe('reopen');
      expect(audit.before).toEqual({
        status: 'rejected',
        statusReason: 'Customer withdrew',
        version: version + 1,
      });
      expect(audit.after).toEqual({ status: 'draft', statusReason: null, version: version + 2 });
      const reopened = (await events(id)).at(-1)!;
      expect(reopened).toMatchObject({ type: 'reopened', fromStatus: 'rejected', toStatus: 'draft' });
      expect(reopened.data).toBeNull();

      const can = await call(ctx, w.manager.cookie, 'POST', `/api/orders/${id}/cancel`, {
        version: version + 2,
        reason: 'Duplicate',
      });
      expect(can.statusCode, can.body).toBe(200);
      audit = await lastAudit(ctx, id);
      expect(audit.action).toBe('cancel');
      expect(audit.before).toEqual({ status: 'draft', statusReason: null, version: version + 2 });
      expect(audit.after).toEqual({ status: 'cancelled', statusReason: 'Duplicate', version: version + 3 });
      expect((await events(id)).at(-1)).toMatchObject({
        type: 'cancelled',
        fromStatus: 'draft',
        toStatus: 'cancelled',
        data: { reason: 'Duplicate' },
      });
    });

    it('refuses a blank reason even when called directly', async () => {
      const { id, version } = await create(cleanOrder(w));
      const sub = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/submit`, { version });
      expect(sub.statusCode, sub.body).toBe(200);
      const error = await ctx.database
        .transact((trx) => rejectOrder(trx, noActor, id, version, '   '))
        .then(() => null)
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        code: 'INVALID_FIELD',
        details: [{ path: 'body.reason', message: 'body.reason: a reason is required' }],
      });
      expect((await getOrder(id)).status).toBe('in_review');
    });
  });

  describe('override one finding', () => {
    it('overrides a warning for a clerk, a block only for a manager, each once; the counts follow', async () => {
      const { id, version } = await create(blockAndWarning());
      const { findings } = await review(id);
      const price = byCode(findings, 'PRICE_MISMATCH');
      const amount = byCode(findings, 'AMOUNT_MISMATCH');
      const url = (findingId: string) => `/api/orders/${id}/findings/${findingId}/override`;
      const auditsBefore = (await audits(ctx, id)).length;

      const unknown = await call(ctx, w.clerk.cookie, 'POST', url('no-such-finding'), { reason: 'x' });
      expect(unknown.statusCode, unknown.body).toBe(404);
      expect(unknown.json().error).toMatchObject({ code: 'NOT_FOUND', message: 'Finding not found' });

      const block = await call(ctx, w.clerk.cookie, 'POST', url(price.id), { reason: 'x' });
      expect(block.statusCode, block.body).toBe(403);
      expect(block.json().error).toMatchObject({
        code: 'OVERRIDE_NOT_ALLOWED',
        message: 'Only a manager may override a blocking finding',
      });
      expect((await audits(ctx, id)).length).toBe(auditsBefore);

      const warn = await call(ctx, w.clerk.cookie, 'POST', url(amount.id), { reason: 'Rounding' });
      expect(warn.statusCode, warn.body).toBe(200);
      expect(warn.json()).toMatchObject({
        id: amount.id,
        code: 'AMOUNT_MISMATCH',
        status: 'overridden',
        overrideReason: 'Rounding',
        overriddenBy: w.clerk.id,
      });
      let order = await getOrder(id);
      expect(order).toMatchObject({ version, openBlocks: 1, openWarnings: 1 - 1 });
      expect(byCode(order.findings, 'PRICE_MISMATCH').status).toBe('open');
      const audit = await lastAudit(ctx, id);
      expect(audit).toMatchObject({ action: 'override', actorId: w.clerk.id });
      expect(audit.before).toEqual({ findingId: amount.id, status: 'open', openBlocks: 1, openWarnings: 1 });
      expect(audit.after).toEqual({
        findingId: amount.id,
        status: 'overridden',
        reason: 'Rounding',
        openBlocks: 1,
        openWarnings: 0,
      });
      const ev = (await events(id)).at(-1)!;
      expect(ev).toMatchObject({ type: 'finding_overridden', fromStatus: null, toStatus: null });
      expect(ev.data).toEqual({
        findingId: amount.id,
        code: 'AMOUNT_MISMATCH',
        severity: 'warn',
        lineNo: 2,
        reason: 'Rounding',
      });

      // Once only: a second override changes nothing and writes nothing.
      const counts = [(await audits(ctx, id)).length, (await events(id)).length];
      const again = await call(ctx, w.manager.cookie, 'POST', url(amount.id), { reason: 'Other reason' });
      expect(again.statusCode, again.body).toBe(200);
      expect(again.json()).toMatchObject({
        status: 'overridden',
        overrideReason: 'Rounding',
        overriddenBy: w.clerk.id,
      });
      expect([(await audits(ctx, id)).length, (await events(id)).length]).toEqual(counts);

      const mgr = await call(ctx, w.manager.cookie, 'POST', url(price.id), { reason: 'Agreed' });
      expect(mgr.statusCode, mgr.body).toBe(200);
      expect(mgr.json()).toMatchObject({ id: price.id, status: 'overridden', overriddenBy: w.manager.id });
      order = await getOrder(id);
      expect(order).toMatchObject({ version, openBlocks: 0, openWarnings: 0 });

      // Approved: no more overrides.
      const approved = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, { version });
      expect(approved.statusCode, approved.body).toBe(200);
      const late = await call(ctx, w.manager.cookie, 'POST', url(price.id), { reason: 'Late' });
      expect(late.statusCode, late.body).toBe(409);
      expect(late.json().error).toMatchObject({
        code: 'ORDER_NOT_EDITABLE',
        message: 'The order is approved and can no longer be changed',
      });
    });

    it('records no one as the overrider without an actor', async () => {
      const { id } = await create(blockAndWarning());
      const { findings } = await review(id);
      const price = byCode(findings, 'PRICE_MISMATCH');
      const finding = await ctx.database.transact((trx) =>
        overrideFinding(trx, noActor, id, price.id, 'By the system', { roles: ['manager'] }),
      );
      expect(finding).toMatchObject({ id: price.id, status: 'overridden', overriddenBy: null });
      expect((await getOrder(id)).openBlocks).toBe(0);
    });
  });
});
