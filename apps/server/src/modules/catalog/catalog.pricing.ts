import type { Agreement } from '@gendan/contracts';

/**
 * Which agreement and which price apply. Pure: the order review and the order form call these on
 * the agreements `findPriceAgreements` loaded.
 *
 * Precedence: an agreement of the customer comes before a general one (no customer); then a
 * contract before a quotation before a price list; then the one that started latest; then by code.
 */

const KIND_RANK: Record<Agreement['kind'], number> = { contract: 0, quotation: 1, price_list: 2 };

type Ranked = Pick<Agreement, 'customerId' | 'kind' | 'validFrom' | 'code'>;

export function compareAgreements(a: Ranked, b: Ranked): number {
  const general = Number(a.customerId === null) - Number(b.customerId === null);
  if (general !== 0) return general;
  const kind = KIND_RANK[a.kind] - KIND_RANK[b.kind];
  if (kind !== 0) return kind;
  if (a.validFrom !== b.validFrom) return a.validFrom > b.validFrom ? -1 : 1;
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

export function sortAgreements<T extends Ranked>(agreements: readonly T[]): T[] {
  return [...agreements].sort(compareAgreements);
}

export type AgreementLine = Agreement['lines'][number];

/**
 * The quantity tier for `qty` among one product's lines: the line with the highest `minQty` not
 * above `qty`. Undefined when `qty` is below every tier.
 */
export function tierFor<L extends Pick<AgreementLine, 'minQty'>>(
  lines: readonly L[],
  qty: number,
): L | undefined {
  let best: L | undefined;
  for (const line of lines) {
    if (line.minQty <= qty && (!best || line.minQty > best.minQty)) best = line;
  }
  return best;
}

export interface PriceMatch {
  agreement: Agreement;
  line: AgreementLine;
}

/**
 * The price for a product and quantity: the tier of the first agreement, in precedence order, that
 * has a tier for this quantity. `agreements` need not be sorted.
 */
export function selectPrice(
  agreements: readonly Agreement[],
  productId: string,
  qty: number,
): PriceMatch | undefined {
  for (const agreement of sortAgreements(agreements)) {
    const line = tierFor(
      agreement.lines.filter((l) => l.productId === productId),
      qty,
    );
    if (line) return { agreement, line };
  }
  return undefined;
}

/** The agreement whose terms bind a customer: its own best one (never a general price list). */
export function termsAgreement<T extends Ranked>(agreements: readonly T[], customerId: string): T | null {
  return sortAgreements(agreements.filter((a) => a.customerId === customerId))[0] ?? null;
}
