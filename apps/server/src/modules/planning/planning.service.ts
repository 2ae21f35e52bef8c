import type { Kysely } from 'kysely';
import { errorMessage, type Language, type Policy, type ShippingMode } from '@gendan/contracts';
import type { DB } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { todayInZone } from '../../lib/time';
import { getCustomer, getProductsByIds } from '../catalog/index';
import { getSettings } from '../platform/index';
import { DEFAULT_SHIPPING_MODE, leadTimeDate, summarize, type Bilingual } from './planning.ctp';

export interface FeasibleDateRequest {
  lines: readonly { productId: string; qty: number }[];
  /** Defaults to DEFAULT_SHIPPING_MODE (ltl). */
  shippingMode?: ShippingMode | null;
  /** Today in the company time zone. */
  today: string;
  /** The company policy, when the caller already holds it (saves reading the settings). */
  policy?: Pick<Policy, 'shippingLeadDays'>;
  /** Prefix of the field path in INVALID_REFERENCE details (default `body`) and their language. */
  pathPrefix?: string;
  lang?: Language;
}

export interface FeasibleLine {
  productId: string;
  qty: number;
  earliestDate: string;
  explanation: Bilingual;
}

function referenceError(issues: { path: string; entity: string; value: string }[], lang: Language): AppError {
  return new AppError(
    'INVALID_REFERENCE',
    { ...issues[0] },
    issues.map((i) => ({ path: i.path, message: errorMessage('INVALID_REFERENCE', lang, { ...i }) })),
  );
}

async function feasibleLines(db: Kysely<DB>, req: FeasibleDateRequest) {
  const ids = [...new Set(req.lines.map((l) => l.productId))];
  const [products, policy] = await Promise.all([
    getProductsByIds(db, ids),
    req.policy ?? getSettings(db, 'UTC').then((s) => s.policy),
  ]);
  const missing = req.lines.flatMap((l, i) =>
    products.has(l.productId)
      ? []
      : [
          {
            path: `${req.pathPrefix ?? 'body'}.lines[${i}].productId`,
            entity: 'product',
            value: l.productId,
          },
        ],
  );
  if (missing.length > 0) throw referenceError(missing, req.lang ?? 'zh-CN');
  const mode = req.shippingMode ?? DEFAULT_SHIPPING_MODE;
  return req.lines.map((l) => {
    const p = products.get(l.productId)!;
    const r = leadTimeDate({
      today: req.today,
      model: p.model,
      leadTimeDays: p.standardLeadTimeDays,
      shippingMode: mode,
      shippingDays: policy.shippingLeadDays[mode],
    });
    return { productId: l.productId, qty: l.qty, model: p.model, ...r };
  });
}

/**
 * THE planning interface: the earliest date each line can be delivered, in input order. Today it
 * is the product's standard lead time plus the shipping lead days of the mode (policy); the
 * production issue replaces the inside with capable-to-promise against capacity and material,
 * keeping this signature. One query for all products (plus the settings unless `policy` is given).
 * An unknown product is a 400 INVALID_REFERENCE naming the line.
 */
export async function earliestFeasibleDates(
  db: Kysely<DB>,
  req: FeasibleDateRequest,
): Promise<FeasibleLine[]> {
  const lines = await feasibleLines(db, req);
  return lines.map(({ productId, qty, earliestDate, explanation }) => ({
    productId,
    qty,
    earliestDate,
    explanation,
  }));
}

export interface CtpRequest {
  customerId?: string | undefined;
  lines: { productId: string; qty: number }[];
  requestedDate?: string | undefined;
  shippingMode?: ShippingMode | undefined;
}

/** POST /api/ctp: per-line earliest dates, the date for the whole order and a verdict. */
export async function capableToPromise(
  db: Kysely<DB>,
  fallbackTimeZone: string,
  lang: Language,
  req: CtpRequest,
) {
  const settings = await getSettings(db, fallbackTimeZone);
  if (req.customerId !== undefined && !(await getCustomer(db, req.customerId))) {
    throw referenceError([{ path: 'body.customerId', entity: 'customer', value: req.customerId }], lang);
  }
  const today = todayInZone(settings.timeZone);
  const lines = await feasibleLines(db, {
    lines: req.lines,
    shippingMode: req.shippingMode ?? null,
    today,
    policy: settings.policy,
    lang,
  });
  return {
    ...summarize(lines, today, req.requestedDate),
    lines: lines.map(({ productId, qty, earliestDate, explanation }) => ({
      productId,
      qty,
      earliestDate,
      explanation,
    })),
  };
}
