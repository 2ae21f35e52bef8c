import { expect, it } from 'vitest';
import { forEachDialect, type TestContext } from '../../../test/helpers';

/** Customers, products and agreements through the HTTP API: CRUD, conflicts, references, scope. */

async function api(ctx: TestContext, cookie: string, method: string, url: string, payload?: unknown) {
  const res = await ctx.app.inject({
    method: method as 'GET',
    url,
    headers: { cookie, 'accept-language': 'en' },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
  const body = res.body ? JSON.parse(res.body) : null;
  return { status: res.statusCode, body };
}

async function auditRows(ctx: TestContext, entityId: string) {
  return ctx.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', entityId).execute();
}

forEachDialect('catalog API', (ctx) => {
  const customer = (code: string, extra: object = {}) => ({
    code,
    name: `Customer ${code}`,
    currency: 'CNY',
    ...extra,
  });
  const product = (model: string, extra: object = {}) => ({
    model,
    name: `Product ${model}`,
    category: 'finished',
    unit: 'pcs',
    specs: { 材质: '钢', 颜色: '红' },
    standardLeadTimeDays: 10,
    ...extra,
  });

  it('creates, reads, lists and updates a customer, with one audit row per change', async () => {
    const admin = await ctx.adminCookie();
    const created = await api(ctx, admin, 'POST', '/api/customers', {
      ...customer('C-100'),
      creditLimit: 5_000_000,
      paymentTerms: 'T/T 30 days',
      language: 'en',
      taxId: '91330200TAX',
      contacts: [{ name: 'Wang', email: 'wang@example.com', notify: ['shipping'] }],
      addresses: [{ kind: 'ship_to', address: 'No. 1 Road', isDefault: true }],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'C-100',
      creditLimit: 5_000_000,
      language: 'en',
      active: true,
      version: 1,
      contacts: [{ name: 'Wang', notify: ['shipping'] }],
    });
    const id = created.body.id as string;

    expect((await api(ctx, admin, 'GET', `/api/customers/${id}`)).body.code).toBe('C-100');
    const list = await api(ctx, admin, 'GET', '/api/customers?q=91330200tax&active=true');
    expect(list.body).toMatchObject({ total: 1, items: [{ id }] });
    expect((await api(ctx, admin, 'GET', '/api/customers?q=nothing-like-this')).body.total).toBe(0);

    const patched = await api(ctx, admin, 'PATCH', `/api/customers/${id}`, { version: 1, name: 'Renamed' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ name: 'Renamed', version: 2, creditLimit: 5_000_000 });
    // The same values again change nothing: no new version, no audit row.
    const same = await api(ctx, admin, 'PATCH', `/api/customers/${id}`, { version: 2, name: 'Renamed' });
    expect(same.body.version).toBe(2);
    const audits = await auditRows(ctx, id);
    expect(audits.map((a) => a.action).sort()).toEqual(['create', 'update']);
  });

  it('refuses a stale version with 409 and leaves the record as it was', async () => {
    const admin = await ctx.adminCookie();
    const { body } = await api(ctx, admin, 'POST', '/api/customers', customer('C-STALE'));
    await api(ctx, admin, 'PATCH', `/api/customers/${body.id}`, { version: 1, name: 'First' });
    const stale = await api(ctx, admin, 'PATCH', `/api/customers/${body.id}`, { version: 1, name: 'Second' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await api(ctx, admin, 'GET', `/api/customers/${body.id}`)).body.name).toBe('First');
  });

  it('refuses a duplicate customer code or product model with CODE_TAKEN', async () => {
    const admin = await ctx.adminCookie();
    await api(ctx, admin, 'POST', '/api/customers', customer('C-DUP'));
    const dup = await api(ctx, admin, 'POST', '/api/customers', customer('C-DUP'));
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('CODE_TAKEN');
    const other = await api(ctx, admin, 'POST', '/api/customers', customer('C-DUP2'));
    const renamed = await api(ctx, admin, 'PATCH', `/api/customers/${other.body.id}`, {
      version: 1,
      code: 'C-DUP',
    });
    expect(renamed.body.error.code).toBe('CODE_TAKEN');

    expect((await api(ctx, admin, 'POST', '/api/products', product('M-DUP'))).status).toBe(201);
    const p = await api(ctx, admin, 'POST', '/api/products', product('M-DUP'));
    expect(p.status).toBe(409);
    expect(p.body.error.code).toBe('CODE_TAKEN');
  });

  it('checks currencies, assigned users and list sorting', async () => {
    const admin = await ctx.adminCookie();
    const bad = await api(ctx, admin, 'POST', '/api/customers', customer('C-XXX', { currency: 'XYZ' }));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_FIELD', details: [{ path: 'body.currency' }] });
    const clerk = await api(
      ctx,
      admin,
      'POST',
      '/api/customers',
      customer('C-CLK', { clerkId: 'no-such-user' }),
    );
    expect(clerk.body.error).toMatchObject({
      code: 'INVALID_REFERENCE',
      details: [{ path: 'body.clerkId' }],
    });
    const sort = await api(ctx, admin, 'GET', '/api/customers?sort=-secret');
    expect(sort.status).toBe(400);
    expect(sort.body.error.details[0].path).toBe('querystring.sort');
    const desc = await api(ctx, admin, 'GET', '/api/customers?sort=-code&pageSize=500');
    const codes = (desc.body.items as { code: string }[]).map((c) => c.code);
    expect(codes).toEqual([...codes].sort().reverse());
  });

  it('lets a portal user read only its own customer', async () => {
    const admin = await ctx.adminCookie();
    const mine = await api(
      ctx,
      admin,
      'POST',
      '/api/customers',
      customer('C-PORTAL', { notes: 'pays late' }),
    );
    const theirs = await api(ctx, admin, 'POST', '/api/customers', customer('C-OTHER'));
    const portal = await ctx.createUser({ roles: ['customer'], customerId: mine.body.id });
    const own = await api(ctx, portal.cookie, 'GET', `/api/customers/${mine.body.id}`);
    expect(own.status).toBe(200);
    expect(own.body.notes).toBeNull();
    const other = await api(ctx, portal.cookie, 'GET', `/api/customers/${theirs.body.id}`);
    expect(other.status).toBe(404);
    expect((await api(ctx, portal.cookie, 'GET', `/api/customers/no-such-id`)).status).toBe(404);
    expect((await api(ctx, portal.cookie, 'GET', `/api/customers/${theirs.body.id}/terms`)).status).toBe(404);
    expect((await api(ctx, portal.cookie, 'GET', '/api/customers')).status).toBe(403);
    expect((await api(ctx, portal.cookie, 'GET', '/api/products')).status).toBe(403);
  });

  it('enforces write roles per master-data kind', async () => {
    const qc = await ctx.createUser({ roles: ['qc'] });
    const production = await ctx.createUser({ roles: ['production'] });
    expect((await api(ctx, qc.cookie, 'GET', '/api/customers')).status).toBe(200);
    expect((await api(ctx, qc.cookie, 'POST', '/api/customers', customer('C-QC'))).status).toBe(403);
    expect((await api(ctx, production.cookie, 'POST', '/api/customers', customer('C-PR'))).status).toBe(403);
    expect((await api(ctx, production.cookie, 'POST', '/api/products', product('M-PR'))).status).toBe(201);
  });

  it('creates and filters products, keeping specs and defaulting the cost currency', async () => {
    const admin = await ctx.adminCookie();
    const created = await api(
      ctx,
      admin,
      'POST',
      '/api/products',
      product('M-RAW-1', { category: 'raw', standardCost: 820 }),
    );
    expect(created.body).toMatchObject({ specs: { 材质: '钢' }, standardCost: 820, costCurrency: 'CNY' });
    const raw = await api(ctx, admin, 'GET', '/api/products?category=raw');
    expect(raw.body.items.map((p: { model: string }) => p.model)).toEqual(['M-RAW-1']);
    const off = await api(ctx, admin, 'PATCH', `/api/products/${created.body.id}`, {
      version: 1,
      active: false,
    });
    expect(off.body).toMatchObject({ active: false, version: 2 });
    expect((await api(ctx, admin, 'GET', '/api/products?category=raw&active=true')).body.total).toBe(0);
    expect((await api(ctx, admin, 'GET', '/api/products/nope')).status).toBe(404);
  });

  it('creates a contract, replaces its lines, and reports bad references by path', async () => {
    const admin = await ctx.adminCookie();
    const c = await api(ctx, admin, 'POST', '/api/customers', customer('C-K1'));
    const p1 = await api(ctx, admin, 'POST', '/api/products', product('M-K1'));
    const p2 = await api(ctx, admin, 'POST', '/api/products', product('M-K2'));
    const contract = {
      customerId: c.body.id,
      code: 'HT-001',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      currency: 'CNY',
      status: 'active',
      paymentTerms: 'T/T 30 days',
      packaging: 'carton',
      acceptanceStandard: 'AQL 1.0',
      lines: [
        { productId: p1.body.id, unitPrice: 1250 },
        { productId: p1.body.id, unitPrice: 1100, minQty: 1000, maxDiscountPct: 2.5, specs: { 颜色: '红' } },
      ],
    };
    const created = await api(ctx, admin, 'POST', '/api/contracts', contract);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      kind: 'contract',
      customerName: 'Customer C-K1',
      lines: [
        { lineNo: 1, productModel: 'M-K1', unitPrice: 1250, minQty: 1, maxDiscountPct: null },
        { lineNo: 2, unitPrice: 1100, minQty: 1000, maxDiscountPct: 2.5, specs: { 颜色: '红' } },
      ],
    });
    const id = created.body.id as string;
    const stored = await ctx.database.db
      .selectFrom('agreement_lines')
      .select('max_discount_bp')
      .where('agreement_id', '=', id)
      .execute();
    expect(stored.map((l) => l.max_discount_bp).sort()).toEqual([250, null].sort());

    const refs = await api(ctx, admin, 'POST', '/api/contracts', {
      ...contract,
      code: 'HT-002',
      customerId: 'no-customer',
      lines: [...contract.lines, { productId: 'ghost', unitPrice: 1 }],
    });
    expect(refs.status).toBe(400);
    expect(refs.body.error.code).toBe('INVALID_REFERENCE');
    expect(refs.body.error.details.map((d: { path: string }) => d.path)).toEqual([
      'body.customerId',
      'body.lines[2].productId',
    ]);

    const dates = await api(ctx, admin, 'POST', '/api/contracts', {
      ...contract,
      code: 'HT-003',
      validTo: '2025-12-31',
    });
    expect(dates.body.error).toMatchObject({ code: 'INVALID_FIELD', details: [{ path: 'body.validTo' }] });
    const tiers = await api(ctx, admin, 'POST', '/api/contracts', {
      ...contract,
      code: 'HT-004',
      lines: [...contract.lines, { productId: p1.body.id, unitPrice: 900, minQty: 1000 }],
    });
    expect(tiers.body.error.details[0].path).toBe('body.lines[2].minQty');
    expect((await api(ctx, admin, 'POST', '/api/contracts', contract)).body.error.code).toBe('CODE_TAKEN');
    // Nothing half-written by the refused requests.
    const count = await ctx.database.db
      .selectFrom('agreements')
      .select('code')
      .where('code', 'like', 'HT-00%')
      .execute();
    expect(count.map((r) => r.code)).toEqual(['HT-001']);

    const replaced = await api(ctx, admin, 'PATCH', `/api/contracts/${id}`, {
      version: 1,
      lines: [{ productId: p2.body.id, unitPrice: 500 }],
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({
      version: 2,
      paymentTerms: 'T/T 30 days',
      lines: [{ productModel: 'M-K2' }],
    });
    expect(replaced.body.lines).toHaveLength(1);
    const stale = await api(ctx, admin, 'PATCH', `/api/contracts/${id}`, { version: 1, name: 'x' });
    expect(stale.status).toBe(409);
    expect(
      (await api(ctx, admin, 'PATCH', `/api/contracts/${id}`, { version: 2, status: 'draft' })).body.error
        .code,
    ).toBe('AGREEMENT_STATUS_CHANGE');
    const expired = await api(ctx, admin, 'PATCH', `/api/contracts/${id}`, { version: 2, status: 'expired' });
    expect(expired.body).toMatchObject({ status: 'expired', version: 3 });
    expect((await auditRows(ctx, id)).map((a) => a.action).sort()).toEqual([
      'create',
      'status:active->expired',
      'update',
    ]);

    // Each kind has its own routes: a contract is not a price list.
    expect((await api(ctx, admin, 'GET', `/api/price-lists/${id}`)).status).toBe(404);
    const list = await api(ctx, admin, 'GET', `/api/contracts?customerId=${c.body.id}`);
    expect(list.body).toMatchObject({ total: 1, items: [{ id, lines: [{ productModel: 'M-K2' }] }] });
  });

  it('keeps general price lists without a customer and requires one on quotations', async () => {
    const admin = await ctx.adminCookie();
    const p = await api(ctx, admin, 'POST', '/api/products', product('M-PL'));
    const body = {
      code: 'PL-GEN',
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      currency: 'USD',
      status: 'active',
      lines: [{ productId: p.body.id, unitPrice: 199 }],
    };
    const pl = await api(ctx, admin, 'POST', '/api/price-lists', body);
    expect(pl.status).toBe(201);
    expect(pl.body).toMatchObject({ kind: 'price_list', customerId: null, customerName: null });
    const q = await api(ctx, admin, 'POST', '/api/quotations', body);
    expect(q.body.error).toMatchObject({ code: 'INVALID_FIELD', details: [{ path: 'body.customerId' }] });
  });
});
