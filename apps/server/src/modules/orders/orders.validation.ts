import { errorMessage, type Language } from '@gendan/contracts';
import type { ActionContext } from '../../lib/context';
import type { SettingsWithVersion } from '../platform/index';
import { AppError } from '../../lib/errors';
import { isBusinessDate } from '../../lib/time';

/** Who is acting, plus the language the detail messages of a 4xx are written in. */
export interface OrdersContext extends ActionContext {
  lang?: Language;
  /** The configured company time zone, used when settings hold none (GENDAN_TIMEZONE). */
  timeZone?: string;
  /**
   * Company settings read before the unit of work from the app's cache (at most a second old);
   * when absent, the service reads them in its transaction.
   */
  settings?: SettingsWithVersion;
}

export const langOf = (ctx: OrdersContext): Language => ctx.lang ?? 'zh-CN';

export interface ReferenceIssue {
  path: string;
  /** An ENTITY_NAMES key: customer, product, user, finding… */
  entity: string;
  value: string;
}

export interface FieldIssue {
  path: string;
  reasonZh: string;
  reasonEn: string;
}

/** 400 INVALID_REFERENCE naming the first unknown id; `details` lists all, in the caller's language. */
export function referenceError(issues: readonly ReferenceIssue[], lang: Language): AppError {
  return new AppError(
    'INVALID_REFERENCE',
    { ...issues[0] },
    issues.map((i) => ({ path: i.path, message: errorMessage('INVALID_REFERENCE', lang, { ...i }) })),
  );
}

/** 400 INVALID_FIELD naming the first issue; `details` lists all. */
export function fieldError(issues: readonly FieldIssue[], lang: Language): AppError {
  return new AppError(
    'INVALID_FIELD',
    { ...issues[0] },
    issues.map((i) => ({ path: i.path, message: errorMessage('INVALID_FIELD', lang, { ...i }) })),
  );
}

let currencies: Set<string> | undefined;
export function isKnownCurrency(code: string): boolean {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies.has(code);
}

export function dateIssue(path: string, value: string): FieldIssue | null {
  return isBusinessDate(value)
    ? null
    : { path, reasonZh: `${value} 不是有效日期`, reasonEn: `${value} is not a valid date` };
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
