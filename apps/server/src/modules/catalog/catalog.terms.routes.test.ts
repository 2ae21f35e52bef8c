import { beforeAll, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { forEachDialect, type TestContext } from '../../../test/helpers';
import { findPriceAgreements, getCustomersTerms, getCustomerTerms, selectPrice, termsKey } from './index';

/** The price look-up the order review uses, and the terms the order form is filled from. */

async function post(ctx: TestContext, url: string, payload: object): Promise<{ id: string }> {
  const res = await ctx.app.inject({
    method: 'POST',
    url,
    headers: { cookie: await ctx.adminCookie() },
    payload,
  });
  if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
  return JSON.parse(res.body) as { id: string };
}

/** Counts the statements Kysely runs through a database handle. */
function counting() {
  const counter = { n: 0 };
  const plugin: KyselyPlugin = {
    transformQuery: (args) => {
      counter.n++;
      return args.node;
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  return { counter, plugin };
}

forEachDialect('catalog prices and terms', (ctx) => {
  const ids: Record<string, string> = {};
  const year = { validFrom: '2026-01-01', validTo: '2026-12-31', currency: 'CNY' };

  beforeAll(async () => {
    for (const code of ['T1', 'T2']) {
      ids[code] = (
        await post(ctx, '/api/customers', {
          code,
          name: code,
          currency: 'USD',
          paymentTerms: `default ${code}`,
        })
      ).id;
    }
    for (const model of ['P1', 'P2', 'P3', 'P4']) {
      ids[model] = (
        await post(ctx, '/api/products', {
          model,
          name: `Product ${model}`,
          category: 'finished',
          unit: 'set',
          specs: {},
          standardLeadTimeDays: 5,
        })
      ).id;
    }
    const line = (p: string, unitPrice: number, minQty = 1) => ({ productId: ids[p]!, unitPrice, minQty });
    await post(ctx, '/api/contracts', {
      ...year,
      code: 'K-T1',
      customerId: ids.T1,
      validTo: '2026-06-30',
      status: 'active',
      paymentTerms: 'T/T 30 days',
      packaging: 'carton',
      acceptanceStandard: 'AQL 1.0',
      incoterm: 'FOB',
      lines: [line('P1', 1000), line('P1', 900, 100)],
    });
    await post(ctx, '/api/quotations', {
      ...year,
      code: 'Q-T1',
      customerId: ids.T1,
      status: 'active',
      lines: [line('P1', 1050), line('P2', 2000)],
    });
    await post(ctx, '/api/price-lists', {
      ...year,
      code: 'PL-GEN',
      status: 'active',
      lines: [line('P2', 2100), line('P3', 3000)],
    });
    await post(ctx, '/api/price-lists', {
      ...year,
      code: 'PL-P4',
      status: 'active',
      lines: [line('P4', 4000)],
    });
    // None of these may ever price an order of T1 in 2026:
    await post(ctx, '/api/contracts', {
      ...year,
      code: 'K-DRAFT',
      customerId: ids.T1,
      status: 'draft',
      lines: [line('P1', 1)],
    });
    await post(ctx, '/api/contracts', {
      ...year,
      code: 'K-EXP',
      customerId: ids.T1,
      status: 'expired',
      lines: [line('P1', 2)],
    });
    await post(ctx, '/api/contracts', {
      ...year,
      code: 'K-T2',
      customerId: ids.T2,
      status: 'active',
      lines: [line('P1', 3)],
    });
    await post(ctx, '/api/contracts', {
      code: 'K-2027',
      customerId: ids.T1,
      validFrom: '2027-01-01',
      validTo: '2027-12-31',
      currency: 'CNY',
      status: 'active',
      lines: [line('P1', 4)],
    });
  });

  it('finds the active agreements valid on the date, own before general, in two statements', async () => {
    const { counter, plugin } = counting();
    const db = ctx.database.db.withPlugin(plugin);
    const found = await findPriceAgreements(db, {
      customerId: ids.T1!,
      productIds: [ids.P1!, ids.P2!, ids.P3!],
      date: '2026-03-01',
    });
    expect(counter.n).toBe(2);
    expect(found.map((a) => a.code)).toEqual(['K-T1', 'Q-T1', 'PL-GEN']);
    expect(found[2]!.lines.map((l) => l.productModel)).toEqual(['P2', 'P3']);
    expect(selectPrice(found, ids.P1!, 99)?.line.unitPrice).toBe(1000);
    expect(selectPrice(found, ids.P1!, 100)?.line.unitPrice).toBe(900);
    expect(selectPrice(found, ids.P2!, 5)).toMatchObject({
      agreement: { code: 'Q-T1' },
      line: { unitPrice: 2000 },
    });
    expect(selectPrice(found, ids.P3!, 5)?.agreement.code).toBe('PL-GEN');
    expect(selectPrice(found, ids.P4!, 5)).toBeUndefined();
  });

  it('drops an agreement outside its dates: the last valid day counts, the next does not', async () => {
    const onLastDay = await findPriceAgreements(ctx.database.db, {
      customerId: ids.T1!,
      productIds: [ids.P1!],
      date: '2026-06-30',
    });
    expect(onLastDay.map((a) => a.code)).toEqual(['K-T1', 'Q-T1']);
    const after = await findPriceAgreements(ctx.database.db, {
      customerId: ids.T1!,
      productIds: [ids.P1!],
      date: '2026-07-01',
    });
    expect(after.map((a) => a.code)).toEqual(['Q-T1']);
    expect(selectPrice(after, ids.P1!, 500)?.line.unitPrice).toBe(1050);
  });

  it('gives another customer only its own and the general agreements', async () => {
    const found = await findPriceAgreements(ctx.database.db, {
      customerId: ids.T2!,
      productIds: [ids.P1!, ids.P4!],
      date: '2026-03-01',
    });
    expect(found.map((a) => a.code)).toEqual(['K-T2', 'PL-P4']);
  });

  it('fills the order terms from the best active contract, else from the customer', async () => {
    const terms = await getCustomerTerms(ctx.database.db, ids.T1!, '2026-03-01');
    expect(terms).toMatchObject({
      agreement: { code: 'K-T1' },
      paymentTerms: 'T/T 30 days',
      packaging: 'carton',
      acceptanceStandard: 'AQL 1.0',
      incoterm: 'FOB',
      currency: 'CNY',
      prices: [
        { productModel: 'P1', unit: 'set', minQty: 1, unitPrice: 1000 },
        { productModel: 'P1', minQty: 100, unitPrice: 900 },
      ],
    });
    // After the contract ends, the quotation binds (its terms are empty, so the customer's apply).
    const later = await getCustomerTerms(ctx.database.db, ids.T1!, '2026-09-01');
    expect(later).toMatchObject({ agreement: { code: 'Q-T1' }, paymentTerms: 'default T1', currency: 'CNY' });
    const none = await getCustomerTerms(ctx.database.db, ids.T1!, '2028-01-01');
    expect(none).toMatchObject({ agreement: null, paymentTerms: 'default T1', currency: 'USD', prices: [] });
    // A general price list never binds a customer's terms.
    const t2 = await getCustomerTerms(ctx.database.db, ids.T2!, '2028-01-01');
    expect(t2.agreement).toBeNull();
  });

  it('gives many customers their terms on several dates in statements that do not grow with them', async () => {
    const wanted = [
      { customerId: ids.T1!, date: '2026-03-01' },
      { customerId: ids.T2!, date: '2026-03-01' },
      { customerId: ids.T1!, date: '2026-09-01' },
      { customerId: ids.T1!, date: '2028-01-01' },
      { customerId: 'nope', date: '2026-03-01' },
      { customerId: ids.T1!, date: '2026-03-01' },
    ];
    const { counter, plugin } = counting();
    const all = await getCustomersTerms(ctx.database.db.withPlugin(plugin), wanted);
    // Customers, agreements per distinct date (three), the lines of the binding agreements.
    expect(counter.n).toBe(5);
    expect([...all.keys()].sort()).toEqual(
      [
        termsKey(ids.T1!, '2026-03-01'),
        termsKey(ids.T2!, '2026-03-01'),
        termsKey(ids.T1!, '2026-09-01'),
        termsKey(ids.T1!, '2028-01-01'),
      ].sort(),
    );
    // Each is what the single look-up gives.
    for (const { customerId, date } of wanted.slice(0, 4)) {
      expect(all.get(termsKey(customerId, date))).toEqual(
        await getCustomerTerms(ctx.database.db, customerId, date),
      );
    }
    expect(all.get(termsKey(ids.T2!, '2026-03-01'))?.prices.map((p) => p.unitPrice)).toEqual([3]);
  });

  it('serves the terms over HTTP, to staff and to the customer itself', async () => {
    const admin = await ctx.adminCookie();
    const res = await ctx.app.inject({
      method: 'GET',
      url: `/api/customers/${ids.T1}/terms?date=2026-03-01`,
      headers: { cookie: admin },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ date: '2026-03-01', agreement: { code: 'K-T1' } });
    const bad = await ctx.app.inject({
      method: 'GET',
      url: `/api/customers/${ids.T1}/terms?date=2026-02-30`,
      headers: { cookie: admin },
    });
    expect(bad.statusCode).toBe(400);
    const portal = await ctx.createUser({ roles: ['customer'], customerId: ids.T1! });
    const own = await ctx.app.inject({
      method: 'GET',
      url: `/api/customers/${ids.T1}/terms`,
      headers: { cookie: portal.cookie },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const missing = await ctx.app.inject({
      method: 'GET',
      url: '/api/customers/nope/terms',
      headers: { cookie: admin },
    });
    expect(missing.statusCode).toBe(404);
  });
});
