/**
 * Master data for the benchmarks, written through the services (as the demo seed does): customers,
 * products, one active tiered contract per customer covering every product, a `bench` user with
 * the manager role and an API token for it. Plus the order bodies the benchmarks send: valid ones,
 * at the contract price and within every policy, so that the review finds nothing to block.
 */
import type { Kysely } from 'kysely';
import type { CreateOrderBody } from '@gendan/contracts';
import type { DB } from '../apps/server/src/db/schema';
import { systemContext } from '../apps/server/src/lib/context';
import { addDays, todayInZone } from '../apps/server/src/lib/time';
import { createAgreement, createCustomer, createProduct } from '../apps/server/src/modules/catalog/index';
import { createToken, createUser, findUserByUsername } from '../apps/server/src/modules/identity/index';

export const BENCH_USER = 'bench';
export const TIME_ZONE = process.env.GENDAN_TIMEZONE || 'Asia/Shanghai';
export const PAYMENT_TERMS = 'T/T 30 days';
export const PACKAGING = '纸箱，每箱50件';
export const ACCEPTANCE = 'GB/T 2828.1 AQL 1.0';
/** Quantities of order lines stay below this, on the contract's first tier. */
export const SECOND_TIER_QTY = 1000;

export interface SeedProduct {
  id: string;
  model: string;
  specs: Record<string, string>;
  /** The contract's unit price for quantities below SECOND_TIER_QTY (minor units). */
  unitPrice: number;
}

export interface BenchSeed {
  customers: { id: string; code: string }[];
  products: SeedProduct[];
  token: string;
  userId: string;
}

export const productModel = (k: number) => `BM-${String(k + 1).padStart(4, '0')}`;
export const customerCode = (i: number) => `BC${String(i + 1).padStart(5, '0')}`;
const productPrice = (k: number) => 1250 + ((k * 37) % 50) * 25;

/**
 * Seeds `customers` customers and `products` products in one transaction; `contracts: false`
 * leaves the customers without a contract (the 1M-order generator needs none).
 */
export async function seedBench(
  db: Kysely<DB>,
  opts: { customers: number; products: number; contracts?: boolean },
): Promise<BenchSeed> {
  const ctx = { ...systemContext, lang: 'en' as const };
  const year = Number(todayInZone(TIME_ZONE).slice(0, 4));
  return db.transaction().execute(async (trx) => {
    const products: SeedProduct[] = [];
    for (let k = 0; k < opts.products; k++) {
      const specs = { 材质: 'SUS304', 尺寸: `${100 + k}×50×3`, 表面处理: k % 2 ? '拉丝' : '抛光' };
      const p = await createProduct(trx, ctx, {
        model: productModel(k),
        name: `不锈钢安装支架 ${100 + k}`,
        category: 'finished',
        unit: 'pcs',
        specs,
        packagingSpec: PACKAGING,
        standardLeadTimeDays: 10 + (k % 10),
        standardCost: productPrice(k) - 300,
        costCurrency: 'CNY',
      });
      products.push({ id: p.id, model: p.model, specs, unitPrice: productPrice(k) });
    }
    const customers: BenchSeed['customers'] = [];
    for (let i = 0; i < opts.customers; i++) {
      const code = customerCode(i);
      const c = await createCustomer(trx, ctx, {
        code,
        name: `基准测试客户 ${i + 1} 有限公司`,
        currency: 'CNY',
        creditLimit: 1_000_000_000_000_000,
        paymentTerms: PAYMENT_TERMS,
        language: 'zh-CN',
        contacts: [
          { name: '王采购', phone: '+86 138 0000 0000', email: `buyer${i + 1}@example.com`, notify: [] },
        ],
        addresses: [{ kind: 'ship_to', label: '主仓库', address: `工业园区${i + 1}号路`, isDefault: true }],
      });
      customers.push({ id: c.id, code });
      if (opts.contracts === false) continue;
      await createAgreement(trx, ctx, 'contract', {
        code: `BK-${code}`,
        customerId: c.id,
        validFrom: `${year - 1}-01-01`,
        validTo: `${year + 1}-12-31`,
        currency: 'CNY',
        status: 'active',
        paymentTerms: PAYMENT_TERMS,
        packaging: PACKAGING,
        acceptanceStandard: ACCEPTANCE,
        lines: products.flatMap((p) => [
          { productId: p.id, unitPrice: p.unitPrice, minQty: 1, specs: p.specs, maxDiscountPct: 5 },
          { productId: p.id, unitPrice: p.unitPrice - 50, minQty: SECOND_TIER_QTY, specs: p.specs },
        ]),
      });
    }
    let user = await findUserByUsername(trx, BENCH_USER);
    user ??= await createUser(trx, ctx, {
      username: BENCH_USER,
      password: 'bench-password-1',
      displayName: 'Benchmark',
      roles: ['manager'],
      language: 'en',
    });
    const token = await createToken(trx, ctx, { userId: user.id, name: 'bench' });
    return { customers, products, token: token.token, userId: user.id };
  });
}

/** A fresh API token for the bench user of an already seeded database. */
export async function benchToken(db: Kysely<DB>): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const user = await findUserByUsername(trx, BENCH_USER);
    if (!user) throw new Error(`no ${BENCH_USER} user: seed the database first`);
    return (await createToken(trx, systemContext, { userId: user.id, name: 'bench' })).token;
  });
}

/** Order line k of an order: product k mod n, a first-tier quantity, the contract price. */
export function benchLine(products: readonly SeedProduct[], k: number, requestedDate: string) {
  const p = products[k % products.length]!;
  return {
    productId: p.id,
    qty: 100 + (k % 9) * 50,
    unitPrice: p.unitPrice,
    specs: p.specs,
    requestedDate,
  };
}

/**
 * A valid order of `lines` lines for `customer`: contract terms, contract prices, requested date
 * 60 days out (past every lead time), so that the review finds no block.
 */
export function benchOrderBody(
  seed: Pick<BenchSeed, 'products'>,
  customerId: string,
  customerPo: string,
  lines: number,
): CreateOrderBody {
  const requestedDate = addDays(todayInZone(TIME_ZONE), 60);
  return {
    customerId,
    customerPo,
    currency: 'CNY',
    paymentTerms: PAYMENT_TERMS,
    packaging: PACKAGING,
    acceptanceStandard: ACCEPTANCE,
    shippingMode: 'ltl',
    lines: Array.from({ length: lines }, (_, k) => benchLine(seed.products, k, requestedDate)),
  };
}
