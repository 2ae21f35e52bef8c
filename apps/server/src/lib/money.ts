/**
 * Money is an integer count of minor units; percentages are stored as basis points (1 % = 100 bp).
 * All rounding happens here: half away from zero, on exact integer arithmetic.
 */

export function pctToBp(pct: number | null | undefined): number {
  return Math.round((pct ?? 0) * 100);
}

export function bpToPct(bp: number): number {
  return bp / 100;
}

/** Divides by a positive bigint, rounding half away from zero. */
function divRound(n: bigint, d: bigint): bigint {
  const q = n / d;
  const r = n % d; // the sign of n
  if ((r < 0n ? -r : r) * 2n < d) return q;
  return n < 0n ? q - 1n : q + 1n;
}

/**
 * A line amount: qty × unit price × (1 − discount), rounded once to the minor unit. Integer
 * arithmetic on numbers while the product is a safe integer (every line of a normal order: an
 * import prices tens of thousands), on bigints beyond.
 */
export function lineAmount(qty: number, unitPrice: number, discountBp = 0): number {
  const product = qty * unitPrice * (10_000 - discountBp);
  if (Number.isSafeInteger(product)) {
    // Exact: % and the division of a multiple of 10,000 are exact on safe integers.
    const rest = product % 10_000;
    const whole = (product - rest) / 10_000;
    if (Math.abs(rest) * 2 < 10_000) return whole;
    return product < 0 ? whole - 1 : whole + 1;
  }
  const raw = BigInt(qty) * BigInt(unitPrice) * BigInt(10_000 - discountBp);
  return Number(divRound(raw, 10_000n));
}

export function sumAmounts(amounts: readonly number[]): number {
  let total = 0;
  for (const a of amounts) total += a;
  return total;
}

/** Formats minor units for messages: 1250 CNY → "CNY 12.50". */
export function formatMoney(minor: number, currency: string): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${currency} ${sign}${Math.floor(abs / 100).toLocaleString('en-US')}.${String(abs % 100).padStart(2, '0')}`;
}
