import type { Kysely } from 'kysely';
import type { Agreement, CreateOrderBody, Customer } from '@gendan/contracts';
import type { DB } from '../db/schema';
import { addDays } from '../lib/time';
import {
  approveOrder,
  cancelOrder,
  createOrder,
  rejectOrder,
  reviewOrder,
  type OrdersContext,
} from '../modules/orders/index';

/** The target state of each of the 40 demo orders, in creation order. */
export function demoOrderPlan(): ('approved' | 'in_review' | 'draft' | 'rejected' | 'cancelled')[] {
  return Array.from({ length: 40 }, (_, i) =>
    i < 12 ? 'approved' : i < 22 ? 'in_review' : i < 32 ? 'draft' : i < 37 ? 'rejected' : 'cancelled',
  );
}

const QTYS = [50, 120, 600, 2500, 300, 80, 1000];

function tierPrice(agreement: Agreement, productId: string, qty: number): number {
  const tiers = agreement.lines
    .filter((l) => l.productId === productId && l.minQty <= qty)
    .sort((a, b) => b.minQty - a.minQty);
  return tiers[0]?.unitPrice ?? 0;
}

/**
 * Builds one demo order. Orders that stay before approval carry typical mistakes so the review
 * has something to say: a price off the contract, a changed colour, an impossible date, a PO
 * number used twice.
 */
export function demoOrderBody(
  i: number,
  customer: Customer,
  agreement: Agreement,
  clerkId: string,
  today: string,
  faulty: boolean,
): CreateOrderBody {
  const productIds = [...new Set(agreement.lines.map((l) => l.productId))];
  const count = 1 + (i % 4);
  const lines = Array.from({ length: count }, (_, k) => {
    const productId = productIds[(i + k * 3) % productIds.length]!;
    const qty = QTYS[(i + k) % QTYS.length]!;
    const agreed = agreement.lines.find((l) => l.productId === productId)?.specs ?? {};
    let unitPrice = tierPrice(agreement, productId, qty);
    const specs = { ...agreed };
    let requestedDate = addDays(today, 40 + ((i * 7 + k * 5) % 30));
    if (faulty && k === 0 && i % 3 === 0) unitPrice = Math.round(unitPrice * 1.08);
    if (faulty && k === 0 && i % 4 === 1) {
      const key = Object.keys(specs).find((s) => s === '颜色' || s === '表面处理') ?? Object.keys(specs)[0];
      if (key) specs[key] = `${specs[key]}（客户要求变更）`;
    }
    if (faulty && k === 0 && i % 5 === 2) requestedDate = addDays(today, 3);
    const discountPct = i % 6 === 0 ? 2 : 0;
    // The customer's own sum, forgetting the discount: the review flags AMOUNT_MISMATCH.
    const statedAmount = faulty && discountPct > 0 && k === 0 ? qty * unitPrice : null;
    return { productId, qty, unitPrice, discountPct, specs, requestedDate, statedAmount };
  });
  return {
    customerId: customer.id,
    // Now and then a customer reuses the PO number of an earlier order (8 orders back is theirs).
    customerPo: `PO-${customer.code}-${String((faulty && i % 7 === 3 ? i - 8 : i) + 1).padStart(4, '0')}`,
    currency: agreement.currency,
    paymentTerms: agreement.paymentTerms ?? customer.paymentTerms ?? 'T/T 30 days',
    packaging: agreement.packaging ?? null,
    acceptanceStandard: agreement.acceptanceStandard ?? null,
    incoterm: agreement.incoterm ?? null,
    shippingMode: (['ltl', 'ftl', 'express', 'ltl'] as const)[i % 4],
    shipTo: customer.addresses.find((a) => a.kind === 'ship_to')?.address ?? null,
    clerkId,
    lines,
  };
}

export async function seedDemoOrders(
  db: Kysely<DB>,
  clerkCtx: OrdersContext,
  managerCtx: OrdersContext,
  customers: { customer: Customer; agreement: Agreement }[],
  clerkId: string,
  today: string,
): Promise<number> {
  const plan = demoOrderPlan();
  for (const [i, target] of plan.entries()) {
    const { customer, agreement } = customers[i % customers.length]!;
    const body = demoOrderBody(i, customer, agreement, clerkId, today, target !== 'approved');
    const created = await createOrder(db, clerkCtx, body, {
      channel: i % 5 === 0 ? 'email' : i % 3 === 0 ? 'import' : 'form',
    });
    if (target === 'draft') continue;
    const reviewed = await reviewOrder(db, clerkCtx, created.id);
    if (target === 'in_review') continue;
    if (target === 'approved') {
      const result = await approveOrder(
        db,
        managerCtx,
        created.id,
        { version: reviewed.version },
        { roles: ['manager'] },
      );
      if (!result.ok)
        throw new Error(
          `demo order ${i} did not approve: ${result.openBlocks.map((f) => f.code).join(', ')}`,
        );
    } else if (target === 'rejected') {
      await rejectOrder(
        db,
        managerCtx,
        created.id,
        reviewed.version,
        '价格与合同不符，请销售与客户重新确认后再下单',
      );
    } else {
      await cancelOrder(db, clerkCtx, created.id, reviewed.version, '客户取消：项目延期');
    }
  }
  return plan.length;
}
