/**
 * Money in the API is an integer count of minor units (1250 + CNY = ¥12.50); the UI shows and
 * edits major units with two decimals. These are the only conversions the web uses.
 */

const MINOR_PER_MAJOR = 100;

/** Minor units → major units for an InputNumber (1250 → 12.5). */
export function toMajor(minor: number): number;
export function toMajor(minor: number | null | undefined): number | null;
export function toMajor(minor: number | null | undefined): number | null {
  return minor === null || minor === undefined ? null : minor / MINOR_PER_MAJOR;
}

/**
 * Major units → integer minor units, rounded half away from zero on the decimal text, so
 * 0.29 → 29 and 1.005 → 101 (not the 100 that `1.005 * 100` gives).
 */
export function toMinor(major: number): number;
export function toMinor(major: number | null | undefined): number | null;
export function toMinor(major: number | null | undefined): number | null {
  if (major === null || major === undefined || !Number.isFinite(major)) return null;
  const sign = major < 0 ? -1 : 1;
  const shifted = Number(`${Math.abs(major).toFixed(6)}e2`);
  return sign * Math.round(shifted) || 0;
}

function numberFormat(locale: string, currency: string): Intl.NumberFormat {
  try {
    return new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'symbol',
      minimumFractionDigits: 2,
      maximumFractionDigits: 2,
    });
  } catch {
    return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
}

/** 1250 CNY → "¥12.50" (zh-CN) / "CN¥12.50" (en); null → "—". */
export function formatMoney(minor: number | null | undefined, currency: string, locale: string): string {
  if (minor === null || minor === undefined) return '—';
  const nf = numberFormat(locale, currency);
  const text = nf.format(minor / MINOR_PER_MAJOR);
  // An unknown currency code falls back to a plain number: keep the code visible.
  return nf.resolvedOptions().style === 'currency' ? text : `${currency} ${text}`;
}

/**
 * Thousands separators for an InputNumber showing major units (`formatter`/`parser` pair). While
 * the user types the decimals are left alone; otherwise they are shown as two (12.5 → 12.50).
 */
export const moneyInputFormatter = (
  value: string | number | undefined,
  info?: { userTyping: boolean },
): string => {
  if (value === undefined || value === '') return '';
  const text = String(value);
  const n = Number(text);
  const fixed = !info?.userTyping && Number.isFinite(n) ? n.toFixed(2) : text;
  const [int = '', dec] = fixed.split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return dec === undefined ? grouped : `${grouped}.${dec}`;
};
export const moneyInputParser = (text: string | undefined): string => (text ?? '').replace(/[,\s]/g, '');

/** 7.5 → "7.5%"; null → "—". */
export function formatPct(pct: number | null | undefined): string {
  return pct === null || pct === undefined ? '—' : `${String(pct)}%`;
}
