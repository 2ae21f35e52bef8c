import type { ReviewAgreement, ReviewAgreementLine, ReviewInput } from './orders.review-types';

/**
 * Which agreement prices a product, and at which quantity tier. Shared by the price, discount,
 * spec and currency rules so that they all judge a line against the same agreement.
 */

export interface PricingSource {
  agreement: ReviewAgreement;
  /** The agreement's lines (tiers) for the product, by ascending minimum quantity. */
  tiers: ReviewAgreementLine[];
  /** The tier that applies to the line's quantity; undefined when the quantity is below all. */
  tier: ReviewAgreementLine | undefined;
}

function tiersOf(agreement: ReviewAgreement, productId: string): ReviewAgreementLine[] {
  return agreement.lines.filter((l) => l.productId === productId).sort((a, b) => a.minQty - b.minQty);
}

/** The tier that applies to a quantity: the one with the highest minimum quantity ≤ qty. */
export function tierFor(tiers: readonly ReviewAgreementLine[], qty: number): ReviewAgreementLine | undefined {
  let best: ReviewAgreementLine | undefined;
  for (const t of tiers) if (t.minQty <= qty && (!best || t.minQty > best.minQty)) best = t;
  return best;
}

/**
 * The agreement that prices a line, as the order form picks it (catalog `selectPrice`): the
 * agreements come in precedence order (customer's own first, then contract, quotation, price
 * list); the first with a tier for the quantity wins, preferring one in the order's currency
 * (else the currency rule reports the difference). When agreements cover the product but none
 * has a tier for so small a quantity, the first of them is returned without a tier.
 */
export function pricingSource(input: ReviewInput, productId: string, qty: number): PricingSource | undefined {
  let priced: PricingSource | undefined;
  let covering: PricingSource | undefined;
  for (const agreement of input.agreements) {
    const tiers = tiersOf(agreement, productId);
    if (tiers.length === 0) continue;
    const tier = tierFor(tiers, qty);
    covering ??= { agreement, tiers, tier };
    if (!tier) continue;
    if (agreement.currency === input.order.currency) return { agreement, tiers, tier };
    priced ??= { agreement, tiers, tier };
  }
  return priced ?? covering;
}

/**
 * The agreement whose terms (payment, packaging, acceptance) bind the order: the customer's own
 * agreement first in precedence (as catalog `termsAgreement` picks it for the order form). A
 * general price list sets prices, not terms.
 */
export function termsAgreement(input: ReviewInput): ReviewAgreement | undefined {
  return input.agreements.find((a) => a.customerId === input.order.customerId);
}

/**
 * Text as compared by the rules: Unicode NFKC (full-width → half-width), trimmed, inner runs of
 * white space collapsed, lower case. "３０４ 不锈钢 " and "304 不锈钢" compare equal.
 */
export function normalizeText(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}

export function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  return normalizeText(a ?? '') === normalizeText(b ?? '');
}
