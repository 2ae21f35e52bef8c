import { expect, it } from 'vitest';
import { seedDemo } from '../src/demo/demo';
import { forEachDialect } from './helpers';

forEachDialect('demo data', (ctx) => {
  it('seeds users, master data and 40 orders across the states, once', async () => {
    const result = await seedDemo(ctx.database.db, 'Asia/Shanghai');
    expect(result).toMatchObject({ seeded: true, customers: 8, products: 30, orders: 40 });
    expect(result.users.map((u) => u.role)).toContain('customer');

    const cookie = await ctx.adminCookie();
    const count = async (q: string) =>
      (await ctx.app.inject({ url: `/api/orders?${q}`, headers: { cookie } })).json().total as number;
    expect(await count('')).toBe(40);
    for (const status of ['draft', 'in_review', 'approved', 'rejected', 'cancelled']) {
      expect(await count(`status=${status}`)).toBeGreaterThan(0);
    }
    expect(await count('hasFindings=true')).toBeGreaterThan(0);
    const approved = (
      await ctx.app.inject({ url: '/api/orders?status=approved', headers: { cookie } })
    ).json();
    expect(approved.items[0].number).toMatch(/^SO\d{6}-\d{5}$/);

    const contracts = (await ctx.app.inject({ url: '/api/contracts', headers: { cookie } })).json();
    expect(contracts.total).toBe(8);
    const tiers = new Set(contracts.items[0].lines.map((l: { minQty: number }) => l.minQty));
    expect([...tiers].sort((a, b) => Number(a) - Number(b))).toEqual([1, 500, 2000]);

    // The portal user belongs to the first customer and sees only its orders.
    const portal = await ctx.login('customer', 'gendan-demo');
    const mine = (await ctx.app.inject({ url: '/api/orders', headers: { cookie: portal.cookie } })).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(new Set(mine.items.map((o: { customerCode: string }) => o.customerCode))).toEqual(
      new Set(['C001']),
    );

    expect((await seedDemo(ctx.database.db, 'Asia/Shanghai')).seeded).toBe(false);
  });
});
