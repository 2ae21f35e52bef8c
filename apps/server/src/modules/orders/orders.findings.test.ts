import { describe, expect, it } from 'vitest';
import { FINDING_CODES, LANGUAGES } from '@gendan/contracts';
import { runRules } from './orders.rules';
import { agreement, agreementLine, line, P1, product, reviewInput } from './orders.rule-fixture';
import { findingMessages } from './orders.findings';

describe('finding messages', () => {
  it('has a zh-CN and an en message for every code', () => {
    for (const code of FINDING_CODES) {
      const m = findingMessages(code, { lineNo: 1, model: 'M' });
      for (const lang of LANGUAGES) expect(m[lang].length).toBeGreaterThan(5);
      expect(m['zh-CN']).not.toBe(m.en);
    }
  });

  it('formats money in minor units with the currency', () => {
    const m = findingMessages('PRICE_MISMATCH', {
      lineNo: 3,
      model: 'BR-100',
      actual: 130_050,
      expected: 125_000,
      currency: 'CNY',
      agreementCode: 'HT-1',
      agreementKind: 'contract',
      minQty: 100,
    });
    expect(m.en).toBe(
      'Line 3 (BR-100): unit price CNY 1,300.50 differs from CNY 1,250.00 in contract HT-1 for quantities from 100',
    );
    expect(m['zh-CN']).toContain('CNY 1,300.50');
    expect(m['zh-CN']).toContain('合同 HT-1');
  });

  it('names the other orders of a duplicate PO, numbered or not', () => {
    const m = findingMessages('DUPLICATE_PO', {
      customerPo: 'PO-7',
      others: [
        { number: 'SO202611-00001', status: 'approved' },
        { number: null, status: 'draft' },
      ],
    });
    expect(m.en).toBe(
      'Customer PO "PO-7" is already used by this customer on: SO202611-00001, an order in draft',
    );
    expect(m['zh-CN']).toContain('SO202611-00001、草稿订单');
  });

  it('shows a number that is not finite as NaN or Infinity, so a broken amount is visible', () => {
    const spec = (actual: unknown) =>
      findingMessages('SPEC_MISMATCH', { lineNo: 1, key: 'k', actual, expected: 'x', source: 'product' });
    expect(spec(Number.NaN)).toEqual({
      'zh-CN': '第 1 行规格「k」为「NaN」，与产品标准规格的「x」不一致',
      en: 'Line 1: spec "k" is "NaN" but the product spec says "x"',
    });
    expect(spec(Number.POSITIVE_INFINITY).en).toBe(
      'Line 1: spec "k" is "Infinity" but the product spec says "x"',
    );
    expect(spec(false).en).toBe('Line 1: spec "k" is "false" but the product spec says "x"');
    expect(spec(-2.5).en).toBe('Line 1: spec "k" is "-2.5" but the product spec says "x"');
  });

  it('builds complete messages for real findings: no placeholders, undefined or NaN', () => {
    const input = reviewInput({
      lines: [
        line({
          unitPrice: 1,
          statedAmount: 5,
          discountBp: 900,
          specs: { 材质: '201' },
          requestedDate: '2026-11-28',
        }),
      ],
      products: new Map([[P1, product({ active: false })]]),
      agreements: [agreement({ lines: [agreementLine({ maxDiscountPct: 1 })] })],
      customer: { ...reviewInput().customer, creditLimit: 1 },
      samePoOrders: [{ id: 'x', number: null, status: 'in_review' }],
    });
    for (const f of runRules({ ...input, order: { ...input.order, paymentTerms: 'O/A', statedTotal: 1 } })) {
      const m = findingMessages(f.code, f.params);
      for (const text of [m['zh-CN'], m.en]) expect(text).not.toMatch(/undefined|NaN|\{|\[object/);
    }
  });
});
