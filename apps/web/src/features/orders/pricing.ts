/** Prices and specs from a customer's active contract (`GET /api/customers/:id/terms`). */

export interface TermsPrice {
  productId: string;
  productModel: string;
  productName: string;
  unit: string;
  minQty: number;
  unitPrice: number;
  specs: Record<string, string> | null;
  maxDiscountPct: number | null;
}

/**
 * The tier price for a quantity: the tier with the largest `minQty` not above `qty`. Without a
 * quantity yet, the lowest tier. Undefined when the product has no price or the quantity is
 * below every tier.
 */
export function tierFor(
  prices: readonly TermsPrice[],
  productId: string,
  qty?: number | null,
): TermsPrice | undefined {
  const tiers = prices.filter((p) => p.productId === productId).sort((a, b) => a.minQty - b.minQty);
  if (tiers.length === 0) return undefined;
  if (qty === null || qty === undefined || !(qty > 0)) return tiers[0];
  let best: TermsPrice | undefined;
  for (const tier of tiers) if (tier.minQty <= qty) best = tier;
  return best;
}

/** The spec values a line starts with: the product's own specs, overridden by the contract's agreed ones. */
export function initialSpecs(
  productSpecs: Record<string, string> | null | undefined,
  prices: readonly TermsPrice[],
  productId: string,
): Record<string, string> {
  const agreed = prices.find((p) => p.productId === productId && p.specs && Object.keys(p.specs).length > 0);
  return { ...(productSpecs ?? {}), ...(agreed?.specs ?? {}) };
}

/** The largest discount the contract allows for a product at a quantity (its tier's maximum), if it sets one. */
export function maxDiscountFor(
  prices: readonly TermsPrice[],
  productId: string,
  qty?: number | null,
): number | undefined {
  return tierFor(prices, productId, qty)?.maxDiscountPct ?? undefined;
}

/** A promised date defaults to the later of the requested and the earliest feasible date. */
export function defaultPromisedDate(requested: string, feasible: string | null | undefined): string {
  return feasible && feasible > requested ? feasible : requested;
}
