import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import { systemContext, type ActionContext } from '../lib/context';
import { todayInZone } from '../lib/time';
import { getSettings, updateSettings } from '../modules/platform/index';
import { findUserByUsername, seedDemoUsers, userCount } from '../modules/identity/index';
import {
  createAgreement,
  createCustomer,
  createProduct,
  findCustomerByCode,
  updateCustomer,
} from '../modules/catalog/index';
import { DEMO_CUSTOMERS, DEMO_PRODUCTS, demoContract } from './demo.catalog';
import { seedDemoOrders } from './demo.orders';

export interface DemoResult {
  seeded: boolean;
  users: { username: string; role: string; password: string }[];
  customers: number;
  products: number;
  orders: number;
}

/**
 * Seeds the demo: company settings, one user per role, 8 customers, 30 products, a tiered
 * contract per customer and a general price list, and 40 orders across the review states (some
 * with findings). Runs only on an empty database (no users but the admin), in one transaction,
 * so it never touches real data and never half-seeds.
 */
export async function seedDemo(db: Kysely<DB>, timeZone: string, force = false): Promise<DemoResult> {
  const none = { seeded: false, users: [], customers: 0, products: 0, orders: 0 };
  if (!force && (await userCount(db)) > 1) return none;
  return db.transaction().execute(async (trx) => {
    if (await findCustomerByCode(trx, DEMO_CUSTOMERS[0]!.code)) return none;
    const settings = await getSettings(trx, timeZone);
    if (settings.companyName === 'Gendan') {
      await updateSettings(trx, systemContext, timeZone, {
        version: settings.version,
        companyName: '宁波恒达精密制造有限公司',
      });
    }
    const ctx: ActionContext & { timeZone: string } = { ...systemContext, timeZone };
    const customers = [];
    for (const c of DEMO_CUSTOMERS) customers.push(await createCustomer(trx, ctx, c));
    const products = [];
    for (const p of DEMO_PRODUCTS) products.push(await createProduct(trx, ctx, p));

    const users = await seedDemoUsers(trx, customers[0]!.id);
    const clerk = await findUserByUsername(trx, 'clerk');
    const manager = await findUserByUsername(trx, 'manager');
    const sales = await findUserByUsername(trx, 'sales');
    if (!clerk || !manager || !sales) throw new Error('demo users missing');

    const today = todayInZone(timeZone);
    const year = Number(today.slice(0, 4));
    const finished = products
      .filter((p) => p.category === 'finished')
      .map((p) => ({ id: p.id, cost: p.standardCost ?? 1000, specs: p.specs }));
    const withContracts = [];
    for (const [i, c] of customers.entries()) {
      const updated = await updateCustomer(trx, ctx, c.id, {
        version: c.version,
        clerkId: clerk.id,
        salesRepId: sales.id,
      });
      const agreement = await createAgreement(
        trx,
        ctx,
        'contract',
        demoContract(i, c.id, c.currency, c.paymentTerms ?? 'T/T 30 days', finished, year),
      );
      withContracts.push({ customer: updated, agreement });
    }
    await createAgreement(trx, ctx, 'price_list', {
      code: `PL-${year}-STD`,
      name: `${year} 标准价格表`,
      customerId: null,
      validFrom: `${year}-01-01`,
      validTo: `${year}-12-31`,
      currency: 'CNY',
      status: 'active',
      paymentTerms: '30% deposit, 70% before shipment',
      lines: finished.map((p) => ({
        productId: p.id,
        unitPrice: Math.round(p.cost * 1.5),
        minQty: 1,
        specs: p.specs,
      })),
    });

    const clerkCtx = { actor: { id: clerk.id, username: clerk.username }, requestId: null, timeZone };
    const managerCtx = { actor: { id: manager.id, username: manager.username }, requestId: null, timeZone };
    const orders = await seedDemoOrders(trx, clerkCtx, managerCtx, withContracts, clerk.id, today);
    return { seeded: true, users, customers: customers.length, products: products.length, orders };
  });
}
