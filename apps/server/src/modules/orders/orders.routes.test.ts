import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { forEachDialect } from '../../../test/helpers';
import { addDays, maxDate } from '../../lib/time';
import { auditCount, call, cleanOrder, countRows, setUpWorld, type OrdersWorld } from './orders.test-fixture';

interface FindingBody {
  id: string;
  code: string;
  severity: string;
  lineNo?: number | null;
  message: string;
  expected?: unknown;
  actual?: unknown;
  suggestion?: unknown;
  status: string;
}

forEachDialect('orders API', (ctx) => {
  let w: OrdersWorld;
  beforeAll(async () => {
    w = await setUpWorld(ctx);
  });

  const create = async (cookie: string, body: unknown) => {
    const res = await call(ctx, cookie, 'POST', '/api/orders', body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ id: string; status: string; version: number }>();
  };

  describe('create', () => {
    it('creates a draft with computed amounts, kept stated amounts, one event and one audit row', async () => {
      const body = cleanOrder(w, { statedTotal: 4 });
      (body.lines[0] as Record<string, unknown>).statedAmount = 12_499;
      const created = await create(w.clerk.cookie, body);
      expect(created).toEqual({ id: expect.any(String), status: 'draft', version: 1 });
      const res = await call(ctx, w.clerk.cookie, 'GET', `/api/orders/${created.id}`);
      expect(res.statusCode).toBe(200);
      const order = res.json();
      expect(order).toMatchObject({
        status: 'draft',
        channel: 'form',
        number: null,
        customerId: w.customerId,
        total: 12_500 + 14_700,
        statedTotal: 4,
        lineCount: 2,
        requestedDate: w.later,
      });
      expect(order.lines[0]).toMatchObject({
        lineNo: 1,
        productModel: expect.stringMatching(/^BR-/),
        unit: 'pcs',
        amount: 12_500,
        statedAmount: 12_499,
      });
      expect(order.lines[1]).toMatchObject({ lineNo: 2, discountPct: 2, amount: 14_700 });
      expect(await auditCount(ctx, created.id)).toBe(1);
      const timeline = (await call(ctx, w.clerk.cookie, 'GET', `/api/orders/${created.id}/timeline`)).json();
      expect(timeline.items).toEqual([
        expect.objectContaining({
          type: 'created',
          toStatus: 'draft',
          data: expect.objectContaining({ channel: 'form' }),
        }),
      ]);
    });

    it('rejects unknown customers and products with 400 INVALID_REFERENCE and writes nothing', async () => {
      const before = await countRows(ctx, 'orders');
      const badCustomer = await call(
        ctx,
        w.clerk.cookie,
        'POST',
        '/api/orders',
        cleanOrder(w, { customerId: 'nope' }),
      );
      expect(badCustomer.statusCode).toBe(400);
      expect(badCustomer.json().error).toMatchObject({
        code: 'INVALID_REFERENCE',
        details: [{ path: 'body.customerId' }],
      });
      const body = cleanOrder(w);
      body.lines[1]!.productId = 'missing-product';
      const badProduct = await call(ctx, w.clerk.cookie, 'POST', '/api/orders', body);
      expect(badProduct.statusCode).toBe(400);
      expect(badProduct.json().error.details).toEqual([
        { path: 'body.lines[1].productId', message: expect.stringContaining('missing-product') },
      ]);
      const badDate = await call(
        ctx,
        w.clerk.cookie,
        'POST',
        '/api/orders',
        cleanOrder(w, { orderDate: '2026-02-30' }),
      );
      expect(badDate.statusCode).toBe(400);
      expect(badDate.json().error.details[0].path).toBe('body.orderDate');
      expect(await countRows(ctx, 'orders')).toBe(before);

      const { id } = await create(w.clerk.cookie, cleanOrder(w));
      const badPatch = await call(ctx, w.clerk.cookie, 'PATCH', `/api/orders/${id}`, {
        version: 1,
        clerkId: 'ghost',
        lines: [{ productId: 'ghost-product', qty: 1, unitPrice: 1, requestedDate: w.later }],
      });
      expect(badPatch.statusCode).toBe(400);
      expect(badPatch.json().error.details.map((d: { path: string }) => d.path)).toEqual([
        'body.lines[0].productId',
        'body.clerkId',
      ]);
      expect((await call(ctx, w.clerk.cookie, 'GET', `/api/orders/${id}`)).json()).toMatchObject({
        version: 1,
        lineCount: 2,
      });
    });
  });

  describe('review and approval (the API contract)', () => {
    it('finds problems, is fixed through PATCH and approved with a number and promised dates', async () => {
      const soon = addDays(w.today, 1);
      const body = cleanOrder(w, {
        statedTotal: 1,
        lines: [
          { productId: w.p1, qty: 150, unitPrice: 1300, specs: { 材质: '201' }, requestedDate: w.later },
          { productId: w.p2, qty: 3, unitPrice: 5000, requestedDate: soon },
        ],
      });
      const { id, version } = await create(w.clerk.cookie, body);

      const review = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/review`);
      expect(review.statusCode, review.body).toBe(200);
      const r = review.json<{ status: string; findings: FindingBody[]; openBlocks: number }>();
      expect(r.status).toBe('in_review');
      const byCode = new Map(r.findings.map((f) => [f.code, f]));
      expect([...byCode.keys()].sort()).toEqual([
        'AMOUNT_MISMATCH',
        'DELIVERY_INFEASIBLE',
        'PRICE_MISMATCH',
        'SPEC_MISMATCH',
      ]);
      expect(byCode.get('PRICE_MISMATCH')).toMatchObject({
        severity: 'block',
        lineNo: 1,
        expected: 1200,
        actual: 1300,
        suggestion: { unitPrice: 1200, agreementCode: expect.stringMatching(/^HT-/) },
        message: expect.stringContaining('CNY 13.00'),
      });
      expect(byCode.get('DELIVERY_INFEASIBLE')).toMatchObject({
        lineNo: 2,
        actual: soon,
        expected: addDays(w.today, 25),
      });
      expect(byCode.get('AMOUNT_MISMATCH')).toMatchObject({ severity: 'warn', actual: 1 });
      expect(r.openBlocks).toBe(3);

      const blocked = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, { version });
      expect(blocked.statusCode).toBe(409);
      const err = blocked.json().error;
      expect(err.code).toBe('REVIEW_BLOCKED');
      expect(err.details.findings.map((f: FindingBody) => f.code).sort()).toEqual([
        'DELIVERY_INFEASIBLE',
        'PRICE_MISMATCH',
        'SPEC_MISMATCH',
      ]);

      const fixed = await call(ctx, w.clerk.cookie, 'PATCH', `/api/orders/${id}`, {
        version,
        statedTotal: null,
        lines: [
          { productId: w.p1, qty: 150, unitPrice: 1200, specs: { 材质: '304' }, requestedDate: w.later },
          { productId: w.p2, qty: 3, unitPrice: 5000, requestedDate: addDays(w.today, 25) },
        ],
      });
      expect(fixed.statusCode, fixed.body).toBe(200);
      const patched = fixed.json();
      expect(patched).toMatchObject({
        version: version + 1,
        status: 'in_review',
        total: 180_000 + 15_000,
        reviewedVersion: version,
      });

      const approved = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, {
        version: version + 1,
      });
      expect(approved.statusCode, approved.body).toBe(200);
      const o = approved.json();
      const feasible1 = addDays(w.today, 15);
      expect(o).toMatchObject({
        status: 'approved',
        number: expect.stringMatching(/^SO\d{6}-\d{5}$/),
        version: version + 2,
      });
      expect(o.lines.map((l: { promisedDate: string }) => l.promisedDate)).toEqual([
        maxDate(w.later, feasible1),
        addDays(w.today, 25),
      ]);
      expect(o.promisedDate).toBe(w.later);
      expect(o.clerkId).toBe(w.clerk.id);
      expect(o.openBlocks).toBe(0);

      const types = (await call(ctx, w.clerk.cookie, 'GET', `/api/orders/${id}/timeline`))
        .json()
        .items.map((e: { type: string }) => e.type);
      expect(types).toEqual(['approved', 'reviewed', 'updated', 'reviewed', 'created']);
    });

    it('lets a manager override a block with a reason; a clerk gets 403', async () => {
      const body = cleanOrder(w);
      body.lines[0]!.unitPrice = 999;
      const { id, version } = await create(w.sales.cookie, body);
      const review = (await call(ctx, w.sales.cookie, 'POST', `/api/orders/${id}/review`)).json<{
        findings: FindingBody[];
      }>();
      const price = review.findings.find((f) => f.code === 'PRICE_MISMATCH')!;
      const overrides = [{ findingId: price.id, reason: 'Agreed by phone with the buyer' }];

      const clerk = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, {
        version,
        overrides,
      });
      expect(clerk.statusCode).toBe(403);
      expect(clerk.json().error.code).toBe('OVERRIDE_NOT_ALLOWED');
      const unknown = await call(ctx, w.manager.cookie, 'POST', `/api/orders/${id}/approve`, {
        version,
        overrides: [{ findingId: 'nope', reason: 'x' }],
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.details[0].path).toBe('body.overrides[0].findingId');

      const audits = await auditCount(ctx, id);
      const ok = await call(ctx, w.manager.cookie, 'POST', `/api/orders/${id}/approve`, {
        version,
        overrides,
      });
      expect(ok.statusCode, ok.body).toBe(200);
      const order = ok.json();
      expect(order.status).toBe('approved');
      expect(order.findings.find((f: FindingBody) => f.id === price.id)).toMatchObject({
        status: 'overridden',
        overrideReason: 'Agreed by phone with the buyer',
        overriddenBy: w.manager.id,
      });
      expect(await auditCount(ctx, id)).toBe(audits + 1);
      const timeline = (await call(ctx, w.manager.cookie, 'GET', `/api/orders/${id}/timeline`)).json().items;
      expect(timeline[1]).toMatchObject({
        type: 'finding_overridden',
        data: { reason: 'Agreed by phone with the buyer', code: 'PRICE_MISMATCH' },
      });
    });

    it('answers 409 to a second approval and to a stale version, writing nothing', async () => {
      const { id, version } = await create(w.clerk.cookie, cleanOrder(w));
      const first = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, { version });
      expect(first.statusCode, first.body).toBe(200);
      const audits = await auditCount(ctx, id);
      const events = await countRows(ctx, 'order_events', sql`order_id = ${id}`);
      const stale = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, { version });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('VERSION_CONFLICT');
      const again = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, {
        version: version + 1,
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.code).toBe('INVALID_TRANSITION');
      const patch = await call(ctx, w.clerk.cookie, 'PATCH', `/api/orders/${id}`, {
        version: version + 1,
        notes: 'x',
      });
      expect(patch.json().error.code).toBe('ORDER_NOT_EDITABLE');
      expect(await auditCount(ctx, id)).toBe(audits);
      expect(await countRows(ctx, 'order_events', sql`order_id = ${id}`)).toBe(events);
    });

    it('refuses a stale PATCH with 409 and changes nothing', async () => {
      const { id, version } = await create(w.clerk.cookie, cleanOrder(w));
      const ok = await call(ctx, w.clerk.cookie, 'PATCH', `/api/orders/${id}`, { version, notes: 'first' });
      expect(ok.json()).toMatchObject({ version: 2, notes: 'first' });
      const stale = await call(ctx, w.clerk.cookie, 'PATCH', `/api/orders/${id}`, {
        version,
        notes: 'second',
        lines: [{ productId: w.p1, qty: 1, unitPrice: 1, requestedDate: w.later }],
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('VERSION_CONFLICT');
      const order = (await call(ctx, w.clerk.cookie, 'GET', `/api/orders/${id}`)).json();
      expect(order).toMatchObject({ version: 2, notes: 'first', lineCount: 2 });
      expect(await auditCount(ctx, id)).toBe(2);
    });

    it('needs reasons to reject and cancel; reopens a rejected order to draft', async () => {
      const { id, version } = await create(w.clerk.cookie, cleanOrder(w));
      const submitted = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/submit`, { version });
      expect(submitted.json()).toMatchObject({ status: 'in_review', version });
      const noReason = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/reject`, { version });
      expect(noReason.statusCode).toBe(400);
      const blank = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/reject`, {
        version,
        reason: '   ',
      });
      expect(blank.statusCode).toBe(400);
      const rejected = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/reject`, {
        version,
        reason: 'Customer withdrew',
      });
      expect(rejected.json()).toMatchObject({
        status: 'rejected',
        statusReason: 'Customer withdrew',
        version: version + 1,
      });
      const reopened = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/reopen`, {
        version: version + 1,
      });
      expect(reopened.json()).toMatchObject({ status: 'draft', statusReason: null });
      const noCancelReason = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/cancel`, {
        version: version + 2,
      });
      expect(noCancelReason.statusCode).toBe(400);
      const cancelled = await call(ctx, w.manager.cookie, 'POST', `/api/orders/${id}/cancel`, {
        version: version + 2,
        reason: 'Duplicate',
      });
      expect(cancelled.json()).toMatchObject({ status: 'cancelled', statusReason: 'Duplicate' });
      const review = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/review`);
      expect(review.statusCode).toBe(409);
      const timeline = (await call(ctx, w.clerk.cookie, 'GET', `/api/orders/${id}/timeline`)).json().items;
      expect(timeline.map((e: { type: string }) => e.type)).toEqual([
        'cancelled',
        'reopened',
        'rejected',
        'submitted',
        'created',
      ]);
      expect(timeline[0]).toMatchObject({
        fromStatus: 'draft',
        toStatus: 'cancelled',
        data: { reason: 'Duplicate' },
        actorName: w.manager.username,
      });
      // One audit row per use case that changed the order: create, submit, reject, reopen, cancel.
      expect(await auditCount(ctx, id)).toBe(5);
    });

    it('flags a PO number the customer already used, naming the other order', async () => {
      const po = `PO-DUP-${Math.random().toString(36).slice(2, 8)}`;
      const first = await create(w.clerk.cookie, cleanOrder(w, { customerPo: po }));
      const approved = (
        await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${first.id}/approve`, { version: 1 })
      ).json();
      const second = await create(w.clerk.cookie, cleanOrder(w, { customerPo: po }));
      const findings = (await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${second.id}/review`)).json()
        .findings as FindingBody[];
      expect(findings).toEqual([
        expect.objectContaining({
          code: 'DUPLICATE_PO',
          severity: 'warn',
          message: expect.stringContaining(approved.number),
        }),
      ]);
      // A warning does not block the approval.
      expect(
        (await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${second.id}/approve`, { version: 1 }))
          .statusCode,
      ).toBe(200);
    });

    it('keeps an override when the same finding reappears after an edit', async () => {
      const body = cleanOrder(w);
      body.lines[0]!.unitPrice = 1111;
      const { id } = await create(w.clerk.cookie, body);
      const findings = (await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/review`)).json()
        .findings as FindingBody[];
      const price = findings.find((f) => f.code === 'PRICE_MISMATCH')!;
      const over = await call(
        ctx,
        w.manager.cookie,
        'POST',
        `/api/orders/${id}/findings/${price.id}/override`,
        { reason: 'Promo' },
      );
      expect(over.json()).toMatchObject({ status: 'overridden', overrideReason: 'Promo' });
      await call(ctx, w.clerk.cookie, 'PATCH', `/api/orders/${id}`, { version: 1, notes: 'edited' });
      const again = (await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/review`)).json();
      expect(again.findings).toEqual([
        expect.objectContaining({ id: price.id, status: 'overridden', overrideReason: 'Promo' }),
      ]);
      expect(again.openBlocks).toBe(0);
    });

    it('lets the clerk set promised dates at approval, not before today', async () => {
      const { id } = await create(w.clerk.cookie, cleanOrder(w));
      const past = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, {
        version: 1,
        promisedDates: [{ lineNo: 1, promisedDate: addDays(w.today, -1) }],
      });
      expect(past.statusCode).toBe(400);
      expect(past.json().error.details[0].path).toBe('body.promisedDates[0].promisedDate');
      const noLine = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, {
        version: 1,
        promisedDates: [{ lineNo: 9, promisedDate: w.later }],
      });
      expect(noLine.statusCode).toBe(400);
      const chosen = addDays(w.later, 7);
      const ok = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/approve`, {
        version: 1,
        promisedDates: [{ lineNo: 2, promisedDate: chosen }],
      });
      expect(ok.json().lines.map((l: { promisedDate: string }) => l.promisedDate)).toEqual([w.later, chosen]);
      expect(ok.json().promisedDate).toBe(chosen);
    });
  });

  describe('access', () => {
    it('lets a portal customer order for and see only its own company', async () => {
      const own = await create(w.portal.cookie, cleanOrder(w));
      const other = await call(
        ctx,
        w.portal.cookie,
        'POST',
        '/api/orders',
        cleanOrder(w, { customerId: w.otherCustomerId }),
      );
      expect(other.statusCode).toBe(400);
      expect(other.json().error.code).toBe('INVALID_REFERENCE');
      const foreign = await create(w.clerk.cookie, cleanOrder(w, { customerId: w.otherCustomerId }));

      const mine = (await call(ctx, w.portal.cookie, 'GET', `/api/orders/${own.id}`)).json();
      expect(mine).toMatchObject({ channel: 'portal', findings: [] });
      expect((await call(ctx, w.portal.cookie, 'GET', `/api/orders/${foreign.id}`)).statusCode).toBe(404);
      expect((await call(ctx, w.portal.cookie, 'GET', `/api/orders/${foreign.id}/timeline`)).statusCode).toBe(
        404,
      );
      const list = (
        await call(ctx, w.portal.cookie, 'GET', `/api/orders?customerId=${w.otherCustomerId}&pageSize=500`)
      ).json();
      expect(list.items.length).toBeGreaterThan(0);
      expect(list.items.every((o: { customerId: string }) => o.customerId === w.customerId)).toBe(true);
      expect((await call(ctx, w.portal.cookie, 'POST', `/api/orders/${own.id}/review`)).statusCode).toBe(403);
      const timeline = (await call(ctx, w.portal.cookie, 'GET', `/api/orders/${own.id}/timeline`)).json();
      expect(timeline.items[0]).toMatchObject({ type: 'created', actorName: null });
    });

    describe('an order of the portal’s company that was reviewed, with findings and internal events', () => {
      // Created by the clerk, edited, submitted (its review finds a price off the contract and a
      // requested date before the feasible one), reviewed again, one finding overridden by a manager.
      let id: string;
      const overrideReason = 'Manager agreed the price with sales';
      beforeAll(async () => {
        const body = cleanOrder(w);
        body.lines[0]!.unitPrice = 999;
        body.lines[1]!.requestedDate = addDays(w.today, 1);
        ({ id } = await create(w.clerk.cookie, body));
        const edited = await call(ctx, w.clerk.cookie, 'PATCH', `/api/orders/${id}`, {
          version: 1,
          notes: 'Checked with the planner',
        });
        expect(edited.statusCode, edited.body).toBe(200);
        const submitted = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/submit`, { version: 2 });
        expect(submitted.statusCode, submitted.body).toBe(200);
        const reviewed = await call(ctx, w.clerk.cookie, 'POST', `/api/orders/${id}/review`);
        const price = reviewed
          .json<{ findings: FindingBody[] }>()
          .findings.find((f) => f.code === 'PRICE_MISMATCH')!;
        const overridden = await call(
          ctx,
          w.manager.cookie,
          'POST',
          `/api/orders/${id}/findings/${price.id}/override`,
          { reason: overrideReason },
        );
        expect(overridden.statusCode, overridden.body).toBe(200);
      });

      it('gives the clerk the findings but the portal customer the order without them', async () => {
        const internal = (await call(ctx, w.clerk.cookie, 'GET', `/api/orders/${id}`)).json();
        expect(internal.findings.map((f: FindingBody) => [f.code, f.status])).toEqual([
          ['PRICE_MISMATCH', 'overridden'],
          ['DELIVERY_INFEASIBLE', 'open'],
        ]);

        const res = await call(ctx, w.portal.cookie, 'GET', `/api/orders/${id}`);
        expect(res.statusCode).toBe(200);
        const mine = res.json();
        expect(mine).toMatchObject({ id, customerId: w.customerId, status: 'in_review', lineCount: 2 });
        expect(mine.findings).toEqual([]);
        // Nor the counts of the review, nor which version it looked at.
        expect(internal).toMatchObject({ openBlocks: 1, openWarnings: 0, reviewedVersion: 2 });
        expect(mine).toMatchObject({ openBlocks: 0, openWarnings: 0, reviewedVersion: null });
        expect(res.body).not.toContain(overrideReason);
      });

      it('keeps the review out of the portal customer’s list, its filter and its export', async () => {
        const staff = (
          await call(ctx, w.clerk.cookie, 'GET', `/api/orders?customerId=${w.customerId}`)
        ).json();
        expect(staff.items.find((o: { id: string }) => o.id === id)).toMatchObject({ openBlocks: 1 });
        const list = (await call(ctx, w.portal.cookie, 'GET', '/api/orders?pageSize=100')).json();
        const row = list.items.find((o: { id: string }) => o.id === id);
        expect(row).toMatchObject({ id, openBlocks: 0, openWarnings: 0 });
        // `hasFindings` does not sort the customer's orders into reviewed-with-findings and not.
        const withFindings = (
          await call(ctx, w.portal.cookie, 'GET', '/api/orders?hasFindings=true&pageSize=100')
        ).json();
        const without = (
          await call(ctx, w.portal.cookie, 'GET', '/api/orders?hasFindings=false&pageSize=100')
        ).json();
        expect(withFindings.total).toBe(list.total);
        expect(without.total).toBe(list.total);
        const exported = await call(ctx, w.portal.cookie, 'GET', '/api/orders/export');
        expect(exported.statusCode).toBe(200);
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
        const headers = (wb.worksheets[0]!.getRow(1).values as unknown[]).filter(Boolean);
        expect(headers).toContain('Customer PO');
        expect(headers).not.toContain('Open blocks');
        expect(headers).not.toContain('Open warnings');
      });

      it('gives the portal customer only the status steps of the timeline, without data or staff', async () => {
        const internal = (await call(ctx, w.clerk.cookie, 'GET', `/api/orders/${id}/timeline`)).json().items;
        expect(internal.map((e: { type: string }) => e.type)).toEqual([
          'finding_overridden',
          'reviewed',
          'submitted',
          'updated',
          'created',
        ]);
        expect(internal[2]).toMatchObject({
          actorName: w.clerk.username,
          data: expect.objectContaining({ codes: ['PRICE_MISMATCH', 'DELIVERY_INFEASIBLE'] }),
        });

        const res = await call(ctx, w.portal.cookie, 'GET', `/api/orders/${id}/timeline`);
        expect(res.statusCode).toBe(200);
        expect(res.json().items).toEqual([
          expect.objectContaining({
            type: 'submitted',
            fromStatus: 'draft',
            toStatus: 'in_review',
            actorId: null,
            actorName: null,
            data: null,
          }),
          expect.objectContaining({
            type: 'created',
            toStatus: 'draft',
            actorId: null,
            actorName: null,
            data: null,
          }),
        ]);
      });

      it('answers 404 to a portal customer of another company, for the order and its timeline', async () => {
        const stranger = await ctx.createUser({ roles: ['customer'], customerId: w.otherCustomerId });
        for (const url of [`/api/orders/${id}`, `/api/orders/${id}/timeline`]) {
          const res = await call(ctx, stranger.cookie, 'GET', url);
          expect(res.statusCode, url).toBe(404);
          expect(res.json().error.code, url).toBe('NOT_FOUND');
        }
        const list = (
          await call(ctx, stranger.cookie, 'GET', `/api/orders?customerId=${w.customerId}`)
        ).json();
        expect(list.items.map((o: { id: string }) => o.id)).not.toContain(id);
      });
    });

    it('limits approval to clerks and managers, and documents to the order’s readers', async () => {
      const { id } = await create(w.sales.cookie, cleanOrder(w));
      expect(
        (await call(ctx, w.sales.cookie, 'POST', `/api/orders/${id}/approve`, { version: 1 })).statusCode,
      ).toBe(403);
      const qc = await ctx.createUser({ roles: ['qc'] });
      expect((await call(ctx, qc.cookie, 'GET', `/api/orders/${id}`)).statusCode).toBe(200);
      expect(
        (await call(ctx, qc.cookie, 'PATCH', `/api/orders/${id}`, { version: 1, notes: 'x' })).statusCode,
      ).toBe(403);
      const docs = await call(ctx, w.portal.cookie, 'GET', `/api/documents?entityType=order&entityId=${id}`);
      expect(docs.statusCode).toBe(200);
      const otherPortal = await ctx.createUser({ roles: ['customer'], customerId: w.otherCustomerId });
      expect(
        (await call(ctx, otherPortal.cookie, 'GET', `/api/documents?entityType=order&entityId=${id}`))
          .statusCode,
      ).toBe(404);
    });

    it('answers 404 for an unknown order', async () => {
      expect((await call(ctx, w.clerk.cookie, 'GET', '/api/orders/nope')).statusCode).toBe(404);
      expect((await call(ctx, w.clerk.cookie, 'POST', '/api/orders/nope/review')).statusCode).toBe(404);
      expect((await call(ctx, w.clerk.cookie, 'GET', '/api/orders/nope/timeline')).statusCode).toBe(404);
    });
  });
});
