import type { FindingCode, Language } from '@gendan/contracts';
import { formatMoney } from '../../lib/money';
import { ORDER_STATUS_NAMES } from './orders.status';

/**
 * The message catalogue of the review findings, keyed by code, in zh-CN and en. Rules only return
 * `params`; messages are built here when a finding is read, so they follow the reader's language.
 * Money params are minor units and are formatted with `formatMoney`.
 */

type Params = Record<string, unknown>;
type Texts = { 'zh-CN': (p: Params) => string; en: (p: Params) => string };

function s(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  // JSON would show NaN and Infinity as null; booleans and finite numbers read the same either way.
  if (typeof v === 'number') return String(v);
  return JSON.stringify(v);
}
const money = (p: Params, key: string, currencyKey = 'currency') =>
  formatMoney(Number(p[key] ?? 0), s(p[currencyKey]));

const KIND = {
  'zh-CN': { contract: '合同', price_list: '价格表', quotation: '报价单' } as Record<string, string>,
  en: { contract: 'contract', price_list: 'price list', quotation: 'quotation' } as Record<string, string>,
};
const FIELD = {
  'zh-CN': { paymentTerms: '付款方式', packaging: '包装要求', acceptanceStandard: '验收标准' } as Record<
    string,
    string
  >,
  en: {
    paymentTerms: 'payment terms',
    packaging: 'packaging',
    acceptanceStandard: 'acceptance standard',
  } as Record<string, string>,
};
const agreementZh = (p: Params) => `${KIND['zh-CN'][s(p.agreementKind)] ?? '协议'} ${s(p.agreementCode)}`;
const agreementEn = (p: Params) => `${KIND.en[s(p.agreementKind)] ?? 'agreement'} ${s(p.agreementCode)}`;
const lineZh = (p: Params) => `第 ${s(p.lineNo)} 行${p.model ? `（${s(p.model)}）` : ''}`;
const lineEn = (p: Params) => `Line ${s(p.lineNo)}${p.model ? ` (${s(p.model)})` : ''}`;

/** The other orders of a DUPLICATE_PO finding: their numbers, or "a draft order" while unnumbered. */
function others(p: Params, lang: Language): string {
  const list = Array.isArray(p.others) ? (p.others as { number?: unknown; status?: unknown }[]) : [];
  const name = (o: { number?: unknown; status?: unknown }) => {
    if (o.number) return s(o.number);
    const status = (ORDER_STATUS_NAMES[lang] as Record<string, string>)[s(o.status)] ?? s(o.status);
    return lang === 'en' ? `an order in ${status}` : `${status}订单`;
  };
  return list.map(name).join(lang === 'en' ? ', ' : '、');
}

export const FINDING_MESSAGES: Record<FindingCode, Texts> = {
  SPEC_MISMATCH: {
    'zh-CN': (p) =>
      `${lineZh(p)}规格「${s(p.key)}」为「${s(p.actual)}」，与${p.source === 'agreement' ? `${agreementZh(p)}约定` : '产品标准规格'}的「${s(p.expected)}」不一致`,
    en: (p) =>
      `${lineEn(p)}: spec "${s(p.key)}" is "${s(p.actual)}" but the ${p.source === 'agreement' ? agreementEn(p) : 'product spec'} says "${s(p.expected)}"`,
  },
  PRICE_MISMATCH: {
    'zh-CN': (p) =>
      `${lineZh(p)}单价 ${money(p, 'actual')} 与${agreementZh(p)}中数量 ≥ ${s(p.minQty)} 的价格 ${money(p, 'expected')} 不符`,
    en: (p) =>
      `${lineEn(p)}: unit price ${money(p, 'actual')} differs from ${money(p, 'expected')} in ${agreementEn(p)} for quantities from ${s(p.minQty)}`,
  },
  NO_PRICE: {
    'zh-CN': (p) =>
      p.reason === 'below_min_qty'
        ? `${lineZh(p)}数量 ${s(p.qty)} 低于${agreementZh(p)}的最低起订量 ${s(p.minQty)}，没有适用的价格`
        : `${lineZh(p)}没有在 ${s(p.orderDate)} 有效的合同或价格表为该客户提供此产品的价格`,
    en: (p) =>
      p.reason === 'below_min_qty'
        ? `${lineEn(p)}: quantity ${s(p.qty)} is below the minimum of ${s(p.minQty)} in ${agreementEn(p)}, so no price applies`
        : `${lineEn(p)}: no contract or price list valid on ${s(p.orderDate)} prices this product for the customer`,
  },
  AMOUNT_MISMATCH: {
    'zh-CN': (p) =>
      p.scope === 'total'
        ? `客户所列订单总额 ${money(p, 'actual')} 与计算总额 ${money(p, 'expected')} 不符`
        : `第 ${s(p.lineNo)} 行客户所列金额 ${money(p, 'actual')} 与计算金额 ${money(p, 'expected')} 不符`,
    en: (p) =>
      p.scope === 'total'
        ? `The stated order total ${money(p, 'actual')} differs from the computed total ${money(p, 'expected')}`
        : `Line ${s(p.lineNo)}: the stated amount ${money(p, 'actual')} differs from the computed ${money(p, 'expected')}`,
  },
  DISCOUNT_OVER_POLICY: {
    'zh-CN': (p) =>
      `${lineZh(p)}折扣 ${s(p.actualPct)}% 超过${p.limit === 'agreement' ? `${agreementZh(p)}允许的` : `制单人角色（${s(p.roles) || '无'}）可给的`}上限 ${s(p.maxPct)}%`,
    en: (p) =>
      `${lineEn(p)}: discount ${s(p.actualPct)}% exceeds the maximum of ${s(p.maxPct)}% ${p.limit === 'agreement' ? `in ${agreementEn(p)}` : `the creator's roles (${s(p.roles) || 'none'}) may grant`}`,
  },
  TERMS_NONCOMPLIANT: {
    'zh-CN': (p) =>
      p.source === 'policy'
        ? `付款方式「${s(p.actual)}」不在公司允许的范围内（${s(p.allowed)}）`
        : `${FIELD['zh-CN'][s(p.field)] ?? s(p.field)}「${s(p.actual)}」与${agreementZh(p)}约定的「${s(p.expected)}」不一致`,
    en: (p) =>
      p.source === 'policy'
        ? `Payment terms "${s(p.actual)}" are not allowed by company policy (${s(p.allowed)})`
        : `The ${FIELD.en[s(p.field)] ?? s(p.field)} "${s(p.actual)}" differs from "${s(p.expected)}" agreed in ${agreementEn(p)}`,
  },
  CREDIT_LIMIT: {
    'zh-CN': (p) =>
      p.variant === 'currency'
        ? `客户信用额度以 ${s(p.limitCurrency)} 计（${money(p, 'creditLimit', 'limitCurrency')}），订单币种为 ${s(p.orderCurrency)}，请人工核对额度`
        : `应收余额 ${money(p, 'openReceivables')} 加本单 ${money(p, 'total')} 共 ${money(p, 'exposure')}，超过信用额度 ${money(p, 'creditLimit')}`,
    en: (p) =>
      p.variant === 'currency'
        ? `The credit limit is in ${s(p.limitCurrency)} (${money(p, 'creditLimit', 'limitCurrency')}) but the order is in ${s(p.orderCurrency)}; check the limit by hand`
        : `Open receivables ${money(p, 'openReceivables')} plus this order ${money(p, 'total')} make ${money(p, 'exposure')}, above the credit limit of ${money(p, 'creditLimit')}`,
  },
  DUPLICATE_PO: {
    'zh-CN': (p) => `客户PO号「${s(p.customerPo)}」已用于该客户的其他订单：${others(p, 'zh-CN')}`,
    en: (p) => `Customer PO "${s(p.customerPo)}" is already used by this customer on: ${others(p, 'en')}`,
  },
  BELOW_MIN_ORDER: {
    'zh-CN': (p) => `订单金额 ${money(p, 'total')} 低于最低订单金额 ${money(p, 'minOrderValue')}`,
    en: (p) =>
      `The order value ${money(p, 'total')} is below the minimum order value of ${money(p, 'minOrderValue')}`,
  },
  DELIVERY_INFEASIBLE: {
    'zh-CN': (p) =>
      `${lineZh(p)}要求交期 ${s(p.requestedDate)} 早于最早可行交期 ${s(p.earliestDate)}${explanation(p, 'zh-CN', '（', '）')}`,
    en: (p) =>
      `${lineEn(p)}: the requested date ${s(p.requestedDate)} is before the earliest feasible date ${s(p.earliestDate)}${explanation(p, 'en', ' (', ')')}`,
  },
  CURRENCY_MISMATCH: {
    'zh-CN': (p) =>
      `订单币种 ${s(p.orderCurrency)} 与${agreementZh(p)}的币种 ${s(p.agreementCurrency)} 不一致（第 ${s(p.lines)} 行），无法核对价格`,
    en: (p) =>
      `The order is in ${s(p.orderCurrency)} but ${agreementEn(p)} is in ${s(p.agreementCurrency)} (lines ${s(p.lines)}); prices cannot be checked`,
  },
  PRODUCT_INACTIVE: {
    'zh-CN': (p) => `${lineZh(p)}产品已停用`,
    en: (p) => `${lineEn(p)}: the product is inactive`,
  },
};

function explanation(p: Params, lang: Language, open: string, close: string): string {
  const e = p.explanation as Record<string, unknown> | undefined;
  const text = e ? s(e[lang]) : '';
  return text ? `${open}${text}${close}` : '';
}

/** The finding's message in both languages. */
export function findingMessages(code: FindingCode, params: Params): { 'zh-CN': string; en: string } {
  const texts = FINDING_MESSAGES[code];
  return { 'zh-CN': texts['zh-CN'](params), en: texts.en(params) };
}
