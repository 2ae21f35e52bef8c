/**
 * Money on the web side. Amounts travel as integer minor units (1250 = 12.50); discounts as
 * percents with at most two decimals. The line amount is computed exactly as the server does
 * (apps/server/src/lib/money.ts): qty × price × (1 − discount), rounded once, half away from zero.
 */

/** A percent (12.5) as basis points (1250). */
export function pctToBp(pct: number | null | undefined): number {
  return pct === null || pct === undefined ? 0 : Math.round(pct * 100);
}

function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice >= (d < 0n ? -d : d)) return n < 0n === d < 0n ? q + 1n : q - 1n;
  return q;
}

/** The amount of one line in minor units. */
export function lineAmount(qty: number, unitPrice: number, discountPct?: number | null): number {
  if (!Number.isInteger(qty) || !Number.isInteger(unitPrice)) return 0;
  const raw = BigInt(qty) * BigInt(unitPrice) * BigInt(10_000 - pctToBp(discountPct));
  return Number(divRound(raw, 10_000n));
}

/** Major units as typed in a form (12.5) → minor units (1250). */
export function toMinor(major: number): number {
  return Math.round(major * 100);
}

/** Minor units (1250) → major units for an input (12.5). */
export function toMajor(minor: number): number {
  return minor / 100;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, lang: string): Intl.NumberFormat | undefined {
  const key = `${lang}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    try {
      f = new Intl.NumberFormat(lang === 'en' ? 'en-US' : 'zh-CN', {
        style: 'currency',
        currency,
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
    } catch {
      return undefined;
    }
    formatters.set(key, f);
  }
  return f;
}

/** 1250, "CNY" → "¥12.50" (zh-CN) or "CN¥12.50" (en); an unknown currency code falls back to "XXX 12.50". */
export function formatMoney(minor: number | null | undefined, currency: string, lang: string): string {
  if (minor === null || minor === undefined) return '—';
  const f = formatter(currency, lang);
  if (f) return f.format(minor / 100);
  return `${currency} ${(minor / 100).toFixed(2)}`;
}
