import { describe, expect, it } from 'vitest';
import { FINDING_CODES } from '@gendan/contracts';
import type { ReviewInput, ReviewRule, RuleFinding } from './orders.review-types';
import { agreement, agreementLine, line, P1, product, reviewInput } from './orders.rule-fixture';
import { runRules } from './orders.rules';

/** An order that trips every rule at once. */
function everythingWrong(): ReviewInput {
  const lines = [
    line({
      unitPrice: 1300,
      amount: 130_000,
      statedAmount: 1,
      discountBp: 1000,
      specs: { 材质: '201' },
      requestedDate: '2026-11-28',
    }),
    line({ lineNo: 2, productId: 'prod-x', qty: 1, amount: 1250 }),
  ];
  const base = reviewInput({
    lines,
    products: new Map([
      [P1, product({ active: false })],
      ['prod-x', product({ id: 'prod-x', model: 'X-1' })],
    ]),
    agreements: [
      agreement({ lines: [agreementLine({ maxDiscountPct: 1 })] }),
      agreement({
        id: 'usd',
        code: 'PL-USD',
        currency: 'USD',
        lines: [agreementLine({ productId: 'prod-x', minQty: 10 })],
      }),
    ],
    customer: { ...reviewInput().customer, creditLimit: 1 },
    policy: { ...reviewInput().policy, minOrderValue: 10 ** 9 },
    samePoOrders: [{ id: 'other', number: 'SO202611-00001', status: 'approved' }],
  });
  return { ...base, order: { ...base.order, paymentTerms: 'O/A 180 days', statedTotal: 5 } };
}

describe('review rules registry', () => {
  it('finds nothing on a clean order', () => {
    expect(runRules(reviewInput())).toEqual([]);
  });

  it('has a registered rule for every finding code', () => {
    const codes = new Set(runRules(everythingWrong()).map((f) => f.code));
    expect([...codes].sort()).toEqual([...FINDING_CODES].sort());
  });

  it('sorts order-level findings first, then by line, blocks before warnings', () => {
    const f = runRules(everythingWrong());
    const keys = f.map((x) => [x.lineNo ?? 0, x.severity === 'block' ? 0 : 1]);
    const sorted = [...keys].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(keys).toEqual(sorted);
    expect(f[0]!.lineNo).toBeUndefined();
  });
});

describe('runRules order', () => {
  const finding = (
    code: RuleFinding['code'],
    severity: RuleFinding['severity'],
    lineNo?: number,
  ): RuleFinding => ({
    code,
    severity,
    ...(lineNo === undefined ? {} : { lineNo }),
    params: {},
  });

  it('keeps findings of the same line and severity in rule order', () => {
    const rules: ReviewRule[] = [
      () => [finding('SPEC_MISMATCH', 'block', 1), finding('AMOUNT_MISMATCH', 'warn', 1)],
      () => [finding('NO_PRICE', 'block', 1), finding('DUPLICATE_PO', 'warn')],
      () => [finding('PRICE_MISMATCH', 'block', 1), finding('BELOW_MIN_ORDER', 'warn')],
      () => [finding('PRODUCT_INACTIVE', 'block', 2), finding('CREDIT_LIMIT', 'block')],
    ];
    expect(runRules(reviewInput(), rules).map((f) => f.code)).toEqual([
      'CREDIT_LIMIT',
      'DUPLICATE_PO',
      'BELOW_MIN_ORDER',
      'SPEC_MISMATCH',
      'NO_PRICE',
      'PRICE_MISMATCH',
      'AMOUNT_MISMATCH',
      'PRODUCT_INACTIVE',
    ]);
  });
});
