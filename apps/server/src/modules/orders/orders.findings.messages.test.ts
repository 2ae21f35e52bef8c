import { describe, expect, it } from 'vitest';
import { findingMessages } from './orders.findings';

/** Every finding's message, in both languages, for each of its variants: what the clerk reads. */

const contract = { agreementKind: 'contract', agreementCode: 'HT-1' };
const line3 = { lineNo: 3, model: 'BR-100' };

describe('finding messages, word for word', () => {
  it('SPEC_MISMATCH against an agreement and against the product', () => {
    const base = { ...line3, key: '材质', actual: '201', expected: '304' };
    expect(findingMessages('SPEC_MISMATCH', { ...base, ...contract, source: 'agreement' })).toEqual({
      'zh-CN': '第 3 行（BR-100）规格「材质」为「201」，与合同 HT-1约定的「304」不一致',
      en: 'Line 3 (BR-100): spec "材质" is "201" but the contract HT-1 says "304"',
    });
    expect(findingMessages('SPEC_MISMATCH', { ...base, source: 'product' })).toEqual({
      'zh-CN': '第 3 行（BR-100）规格「材质」为「201」，与产品标准规格的「304」不一致',
      en: 'Line 3 (BR-100): spec "材质" is "201" but the product spec says "304"',
    });
  });

  it('PRICE_MISMATCH names the price list or quotation, or an agreement of unknown kind', () => {
    const base = {
      lineNo: 1,
      actual: 1300,
      expected: 1200,
      currency: 'USD',
      minQty: 1,
      agreementCode: 'PL-9',
    };
    expect(findingMessages('PRICE_MISMATCH', { ...base, agreementKind: 'price_list' })).toEqual({
      'zh-CN': '第 1 行单价 USD 13.00 与价格表 PL-9中数量 ≥ 1 的价格 USD 12.00 不符',
      en: 'Line 1: unit price USD 13.00 differs from USD 12.00 in price list PL-9 for quantities from 1',
    });
    expect(findingMessages('PRICE_MISMATCH', { ...base, agreementKind: 'quotation' }).en).toContain(
      'in quotation PL-9',
    );
    expect(findingMessages('PRICE_MISMATCH', { ...base, agreementKind: 'quotation' })['zh-CN']).toContain(
      '报价单 PL-9',
    );
    const unknown = findingMessages('PRICE_MISMATCH', { ...base, agreementKind: 'other' });
    expect(unknown['zh-CN']).toContain('与协议 PL-9中');
    expect(unknown.en).toContain('in agreement PL-9 for');
  });

  it('NO_PRICE below the minimum quantity and with no agreement at all', () => {
    expect(
      findingMessages('NO_PRICE', { ...line3, ...contract, reason: 'below_min_qty', qty: 5, minQty: 10 }),
    ).toEqual({
      'zh-CN': '第 3 行（BR-100）数量 5 低于合同 HT-1的最低起订量 10，没有适用的价格',
      en: 'Line 3 (BR-100): quantity 5 is below the minimum of 10 in contract HT-1, so no price applies',
    });
    expect(findingMessages('NO_PRICE', { ...line3, reason: 'none', orderDate: '2026-12-04' })).toEqual({
      'zh-CN': '第 3 行（BR-100）没有在 2026-12-04 有效的合同或价格表为该客户提供此产品的价格',
      en: 'Line 3 (BR-100): no contract or price list valid on 2026-12-04 prices this product for the customer',
    });
  });

  it('AMOUNT_MISMATCH for the total and for a line', () => {
    const money = { actual: 100, expected: 12_345, currency: 'CNY' };
    expect(findingMessages('AMOUNT_MISMATCH', { ...money, scope: 'total' })).toEqual({
      'zh-CN': '客户所列订单总额 CNY 1.00 与计算总额 CNY 123.45 不符',
      en: 'The stated order total CNY 1.00 differs from the computed total CNY 123.45',
    });
    expect(findingMessages('AMOUNT_MISMATCH', { ...money, scope: 'line', lineNo: 2 })).toEqual({
      'zh-CN': '第 2 行客户所列金额 CNY 1.00 与计算金额 CNY 123.45 不符',
      en: 'Line 2: the stated amount CNY 1.00 differs from the computed CNY 123.45',
    });
  });

  it('DISCOUNT_OVER_POLICY against an agreement, the creator’s roles, and no role', () => {
    const base = { ...line3, actualPct: 12.5, maxPct: 5 };
    expect(findingMessages('DISCOUNT_OVER_POLICY', { ...base, ...contract, limit: 'agreement' })).toEqual({
      'zh-CN': '第 3 行（BR-100）折扣 12.5% 超过合同 HT-1允许的上限 5%',
      en: 'Line 3 (BR-100): discount 12.5% exceeds the maximum of 5% in contract HT-1',
    });
    expect(findingMessages('DISCOUNT_OVER_POLICY', { ...base, limit: 'role', roles: 'sales' })).toEqual({
      'zh-CN': '第 3 行（BR-100）折扣 12.5% 超过制单人角色（sales）可给的上限 5%',
      en: "Line 3 (BR-100): discount 12.5% exceeds the maximum of 5% the creator's roles (sales) may grant",
    });
    expect(findingMessages('DISCOUNT_OVER_POLICY', { ...base, limit: 'role', roles: '' })).toEqual({
      'zh-CN': '第 3 行（BR-100）折扣 12.5% 超过制单人角色（无）可给的上限 5%',
      en: "Line 3 (BR-100): discount 12.5% exceeds the maximum of 5% the creator's roles (none) may grant",
    });
  });

  it('TERMS_NONCOMPLIANT against company policy and against each agreed term', () => {
    expect(
      findingMessages('TERMS_NONCOMPLIANT', { source: 'policy', actual: 'O/A 180', allowed: 'T/T 30, L/C' }),
    ).toEqual({
      'zh-CN': '付款方式「O/A 180」不在公司允许的范围内（T/T 30, L/C）',
      en: 'Payment terms "O/A 180" are not allowed by company policy (T/T 30, L/C)',
    });
    const agreed = { ...contract, source: 'agreement', actual: 'bag', expected: 'carton' };
    expect(findingMessages('TERMS_NONCOMPLIANT', { ...agreed, field: 'packaging' })).toEqual({
      'zh-CN': '包装要求「bag」与合同 HT-1约定的「carton」不一致',
      en: 'The packaging "bag" differs from "carton" agreed in contract HT-1',
    });
    expect(findingMessages('TERMS_NONCOMPLIANT', { ...agreed, field: 'paymentTerms' })['zh-CN']).toMatch(
      /^付款方式「bag」/,
    );
    expect(findingMessages('TERMS_NONCOMPLIANT', { ...agreed, field: 'paymentTerms' }).en).toMatch(
      /^The payment terms "bag"/,
    );
    expect(findingMessages('TERMS_NONCOMPLIANT', { ...agreed, field: 'acceptanceStandard' })).toMatchObject({
      'zh-CN': expect.stringMatching(/^验收标准「bag」/),
      en: expect.stringMatching(/^The acceptance standard "bag"/),
    });
    // A field without a name of its own is shown by its key.
    expect(findingMessages('TERMS_NONCOMPLIANT', { ...agreed, field: 'incoterms' })).toMatchObject({
      'zh-CN': expect.stringMatching(/^incoterms「bag」/),
      en: expect.stringMatching(/^The incoterms "bag"/),
    });
  });

  it('CREDIT_LIMIT over the limit and in another currency', () => {
    expect(
      findingMessages('CREDIT_LIMIT', {
        openReceivables: 30_000,
        total: 125_000,
        exposure: 155_000,
        creditLimit: 150_000,
        currency: 'CNY',
      }),
    ).toEqual({
      'zh-CN': '应收余额 CNY 300.00 加本单 CNY 1,250.00 共 CNY 1,550.00，超过信用额度 CNY 1,500.00',
      en: 'Open receivables CNY 300.00 plus this order CNY 1,250.00 make CNY 1,550.00, above the credit limit of CNY 1,500.00',
    });
    expect(
      findingMessages('CREDIT_LIMIT', {
        variant: 'currency',
        creditLimit: 100,
        limitCurrency: 'USD',
        orderCurrency: 'CNY',
      }),
    ).toEqual({
      'zh-CN': '客户信用额度以 USD 计（USD 1.00），订单币种为 CNY，请人工核对额度',
      en: 'The credit limit is in USD (USD 1.00) but the order is in CNY; check the limit by hand',
    });
  });

  it('DUPLICATE_PO names the other orders by number, or by status while they have none', () => {
    const p = {
      customerPo: 'PO-7',
      others: [
        { number: 'SO202612-00001' },
        { status: 'draft' },
        { status: 'in_review' },
        { status: 'weird' },
      ],
    };
    expect(findingMessages('DUPLICATE_PO', p)).toEqual({
      'zh-CN': '客户PO号「PO-7」已用于该客户的其他订单：SO202612-00001、草稿订单、审核中订单、weird订单',
      en: 'Customer PO "PO-7" is already used by this customer on: SO202612-00001, an order in draft, an order in in review, an order in weird',
    });
    expect(findingMessages('DUPLICATE_PO', { customerPo: 'PO-8' }).en).toBe(
      'Customer PO "PO-8" is already used by this customer on: ',
    );
  });

  it('BELOW_MIN_ORDER, CURRENCY_MISMATCH and PRODUCT_INACTIVE', () => {
    expect(
      findingMessages('BELOW_MIN_ORDER', { total: 5_000, minOrderValue: 10_000, currency: 'CNY' }),
    ).toEqual({
      'zh-CN': '订单金额 CNY 50.00 低于最低订单金额 CNY 100.00',
      en: 'The order value CNY 50.00 is below the minimum order value of CNY 100.00',
    });
    expect(
      findingMessages('CURRENCY_MISMATCH', {
        ...contract,
        orderCurrency: 'USD',
        agreementCurrency: 'CNY',
        lines: '1, 2',
      }),
    ).toEqual({
      'zh-CN': '订单币种 USD 与合同 HT-1的币种 CNY 不一致（第 1, 2 行），无法核对价格',
      en: 'The order is in USD but contract HT-1 is in CNY (lines 1, 2); prices cannot be checked',
    });
    expect(findingMessages('PRODUCT_INACTIVE', { lineNo: 4 })).toEqual({
      'zh-CN': '第 4 行产品已停用',
      en: 'Line 4: the product is inactive',
    });
  });

  it('DELIVERY_INFEASIBLE with and without the planner’s explanation', () => {
    const base = { ...line3, requestedDate: '2026-12-10', earliestDate: '2026-12-20' };
    expect(
      findingMessages('DELIVERY_INFEASIBLE', {
        ...base,
        explanation: { 'zh-CN': '交期 10 天', en: '10 days lead time' },
      }),
    ).toEqual({
      'zh-CN': '第 3 行（BR-100）要求交期 2026-12-10 早于最早可行交期 2026-12-20（交期 10 天）',
      en: 'Line 3 (BR-100): the requested date 2026-12-10 is before the earliest feasible date 2026-12-20 (10 days lead time)',
    });
    expect(findingMessages('DELIVERY_INFEASIBLE', base)).toEqual({
      'zh-CN': '第 3 行（BR-100）要求交期 2026-12-10 早于最早可行交期 2026-12-20',
      en: 'Line 3 (BR-100): the requested date 2026-12-10 is before the earliest feasible date 2026-12-20',
    });
    expect(findingMessages('DELIVERY_INFEASIBLE', { ...base, explanation: { 'zh-CN': '' } }).en).toBe(
      'Line 3 (BR-100): the requested date 2026-12-10 is before the earliest feasible date 2026-12-20',
    );
  });

  it('renders values of any type: missing ones empty, numbers and flags as text, objects as JSON', () => {
    expect(findingMessages('PRODUCT_INACTIVE', {}).en).toBe('Line : the product is inactive');
    expect(findingMessages('PRODUCT_INACTIVE', { lineNo: null, model: '' }).en).toBe(
      'Line : the product is inactive',
    );
    const spec = (actual: unknown) =>
      findingMessages('SPEC_MISMATCH', { lineNo: 1, key: 'k', actual, expected: 'x', source: 'product' }).en;
    expect(spec(true)).toContain('is "true"');
    expect(spec(7)).toContain('is "7"');
    expect(spec({ a: 1 })).toContain('is "{"a":1}"');
    expect(spec(undefined)).toContain('is ""');
    // A missing amount is shown as zero in the currency.
    expect(findingMessages('BELOW_MIN_ORDER', { currency: 'CNY' }).en).toBe(
      'The order value CNY 0.00 is below the minimum order value of CNY 0.00',
    );
  });
});
