import type {
  ReviewAgreement,
  ReviewAgreementLine,
  ReviewInput,
  ReviewLine,
  ReviewProduct,
} from './orders.review-types';

/**
 * Builders for rule unit tests: a clean order (one line, priced by one contract, nothing to find)
 * that each test bends to make a rule fire or stay quiet. Test support only.
 */

export const P1 = 'prod-1';
export const P2 = 'prod-2';

export function product(over: Partial<ReviewProduct> = {}): ReviewProduct {
  return {
    id: P1,
    model: 'BR-100',
    name: 'Bracket',
    specs: { 材质: '304', 颜色: 'silver' },
    standardLeadTimeDays: 10,
    active: true,
    ...over,
  };
}

export function agreementLine(over: Partial<ReviewAgreementLine> = {}): ReviewAgreementLine {
  return { productId: P1, unitPrice: 1250, minQty: 1, specs: null, maxDiscountPct: null, ...over };
}

export function agreement(over: Partial<ReviewAgreement> = {}): ReviewAgreement {
  return {
    id: 'agr-1',
    kind: 'contract',
    code: 'HT-2026-01',
    customerId: 'cust-1',
    currency: 'CNY',
    paymentTerms: 'T/T 30 days',
    packaging: 'carton',
    acceptanceStandard: 'GB/T 2828 AQL 1.0',
    lines: [agreementLine()],
    ...over,
  };
}

export function line(over: Partial<ReviewLine> = {}): ReviewLine {
  return {
    lineNo: 1,
    productId: P1,
    qty: 100,
    unitPrice: 1250,
    discountBp: 0,
    amount: 125_000,
    statedAmount: null,
    specs: {},
    requestedDate: '2026-12-31',
    ...over,
  };
}

export function reviewInput(over: Partial<ReviewInput> = {}): ReviewInput {
  const lines = over.lines ?? [line()];
  const total = lines.reduce((s, l) => s + l.amount, 0);
  return {
    order: {
      id: 'ord-1',
      customerId: 'cust-1',
      customerPo: 'PO-1',
      currency: 'CNY',
      paymentTerms: 'T/T 30 days',
      packaging: null,
      acceptanceStandard: null,
      shippingMode: null,
      orderDate: '2026-11-27',
      total,
      statedTotal: null,
      ...over.order,
    },
    lines,
    customer: {
      id: 'cust-1',
      code: 'C001',
      name: 'Acme',
      currency: 'CNY',
      creditLimit: null,
      paymentTerms: 'T/T 30 days',
      ...over.customer,
    },
    products: over.products ?? new Map([[P1, product()]]),
    agreements: over.agreements ?? [agreement()],
    policy: over.policy ?? {
      allowedPaymentTerms: ['T/T 30 days', 'T/T 60 days'],
      maxDiscountPctByRole: { sales: 5, clerk: 3, manager: 15, admin: 100 },
      minOrderValue: 0,
      shippingLeadDays: { express: 2, ftl: 3, ltl: 5, pickup: 0 },
    },
    companyCurrency: over.companyCurrency ?? 'CNY',
    creatorRoles: over.creatorRoles ?? ['clerk'],
    today: over.today ?? '2026-11-27',
    feasibleDates:
      over.feasibleDates ??
      new Map(lines.map((l) => [l.lineNo, { date: '2026-12-12', explanation: { 'zh-CN': '', en: '' } }])),
    samePoOrders: over.samePoOrders ?? [],
    openReceivables: over.openReceivables ?? 0,
  };
}
