import { errorMessage, type Language } from '@gendan/contracts';
import type { ActionContext } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { isBusinessDate } from '../../lib/time';

/**
 * Business checks on catalog input that the shared Zod schemas cannot express, as pure functions
 * returning issues with the request path (`body.lines[2].minQty`); and the errors built from them,
 * with every detail message in the caller's language.
 */

/** Who is acting, plus the language detail messages are written in (zh-CN when absent). */
export interface CatalogContext extends ActionContext {
  lang?: Language;
}

export function langOf(ctx: CatalogContext): Language {
  return ctx.lang ?? 'zh-CN';
}

export interface FieldIssue {
  path: string;
  reasonZh: string;
  reasonEn: string;
}

export interface ReferenceIssue {
  path: string;
  /** An ENTITY_NAMES key: customer, product, user… */
  entity: string;
  value: string;
}

let currencies: Set<string> | undefined;

/** Whether a code is an ISO 4217 currency the runtime knows (CNY, USD, EUR…). */
export function isKnownCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

export function currencyIssue(path: string, code: string): FieldIssue | null {
  return isKnownCurrency(code)
    ? null
    : {
        path,
        reasonZh: `${code} 不是有效的 ISO 4217 币种代码`,
        reasonEn: `${code} is not a known ISO 4217 currency code`,
      };
}

export interface AgreementCheckInput {
  validFrom: string;
  validTo: string;
  currency: string;
  lines?: readonly { productId: string; minQty: number }[] | undefined;
}

/** Dates are real and ordered, the currency is known, no (product, min qty) tier appears twice. */
export function agreementIssues(input: AgreementCheckInput, root = 'body'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const key of ['validFrom', 'validTo'] as const) {
    if (!isBusinessDate(input[key])) {
      issues.push({
        path: `${root}.${key}`,
        reasonZh: `${input[key]} 不是有效日期`,
        reasonEn: `${input[key]} is not a valid date`,
      });
    }
  }
  if (issues.length === 0 && input.validFrom > input.validTo) {
    issues.push({
      path: `${root}.validTo`,
      reasonZh: `截止日期 ${input.validTo} 早于生效日期 ${input.validFrom}`,
      reasonEn: `valid to ${input.validTo} is before valid from ${input.validFrom}`,
    });
  }
  const currency = currencyIssue(`${root}.currency`, input.currency);
  if (currency) issues.push(currency);
  const seen = new Map<string, number>();
  (input.lines ?? []).forEach((line, i) => {
    const key = `${line.productId}\u0000${line.minQty}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, i);
      return;
    }
    issues.push({
      path: `${root}.lines[${i}].minQty`,
      reasonZh: `与第 ${first + 1} 行重复：同一产品的起订量 ${line.minQty} 只能有一个价格`,
      reasonEn: `duplicates line ${first + 1}: a product has one price per minimum quantity ${line.minQty}`,
    });
  });
  return issues;
}

/** At most one default address per kind (ship-to, bill-to). */
export function addressIssues(
  addresses: readonly { kind: string; isDefault?: boolean | undefined }[],
  root = 'body',
): FieldIssue[] {
  const defaults = new Set<string>();
  const issues: FieldIssue[] = [];
  addresses.forEach((a, i) => {
    if (!a.isDefault) return;
    if (defaults.has(a.kind)) {
      issues.push({
        path: `${root}.addresses[${i}].isDefault`,
        reasonZh: `只能有一个默认的${a.kind === 'ship_to' ? '收货' : '开票'}地址`,
        reasonEn: `only one ${a.kind === 'ship_to' ? 'ship-to' : 'bill-to'} address can be the default`,
      });
    }
    defaults.add(a.kind);
  });
  return issues;
}

/** 400 INVALID_FIELD naming the first issue; `details` lists them all. */
export function fieldError(issues: readonly FieldIssue[], lang: Language): AppError {
  const [first] = issues;
  if (!first) throw new Error('fieldError needs at least one issue');
  return new AppError(
    'INVALID_FIELD',
    { ...first },
    issues.map((i) => ({ path: i.path, message: errorMessage('INVALID_FIELD', lang, { ...i }) })),
  );
}

/** 400 INVALID_REFERENCE naming the first unknown id; `details` lists them all. */
export function referenceError(issues: readonly ReferenceIssue[], lang: Language): AppError {
  const [first] = issues;
  if (!first) throw new Error('referenceError needs at least one issue');
  return new AppError(
    'INVALID_REFERENCE',
    { ...first },
    issues.map((i) => ({ path: i.path, message: errorMessage('INVALID_REFERENCE', lang, { ...i }) })),
  );
}

/** Parses `sort` (`name` or `-name`) against an allow-list; anything else is INVALID_FIELD. */
export function parseSort<K extends string>(
  sort: string | undefined,
  allowed: Readonly<Record<K, string>>,
  fallback: K,
  lang: Language,
): { sort: K; dir: 'asc' | 'desc' } {
  if (!sort) return { sort: fallback, dir: 'asc' };
  const desc = sort.startsWith('-');
  const key = desc ? sort.slice(1) : sort;
  if (!Object.hasOwn(allowed, key)) {
    const list = Object.keys(allowed).join(', ');
    throw fieldError(
      [{ path: 'querystring.sort', reasonZh: `可排序字段：${list}`, reasonEn: `sortable fields: ${list}` }],
      lang,
    );
  }
  return { sort: key as K, dir: desc ? 'desc' : 'asc' };
}

export function parseBoolFilter(v: 'true' | 'false' | undefined): boolean | undefined {
  return v === undefined ? undefined : v === 'true';
}
