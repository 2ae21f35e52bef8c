import { pricingSource } from './orders.pricing';
import type { ReviewAgreement, ReviewRule } from './orders.review-types';

/**
 * CURRENCY_MISMATCH (block): the agreement that prices the order's products is in another
 * currency than the order, so its prices cannot be compared. One finding per such agreement,
 * listing the lines it prices.
 */
export const currencyMismatch: ReviewRule = (input) => {
  const byAgreement = new Map<string, { agreement: ReviewAgreement; lineNos: number[] }>();
  for (const line of input.lines) {
    const source = pricingSource(input, line.productId, line.qty);
    if (!source || source.agreement.currency === input.order.currency) continue;
    const entry = byAgreement.get(source.agreement.id) ?? { agreement: source.agreement, lineNos: [] };
    entry.lineNos.push(line.lineNo);
    byAgreement.set(source.agreement.id, entry);
  }
  return [...byAgreement.values()].map(({ agreement, lineNos }) => ({
    code: 'CURRENCY_MISMATCH' as const,
    severity: 'block' as const,
    params: {
      orderCurrency: input.order.currency,
      agreementCurrency: agreement.currency,
      agreementCode: agreement.code,
      agreementKind: agreement.kind,
      lines: lineNos.join(', '),
    },
    expected: agreement.currency,
    actual: input.order.currency,
    suggestion: { currency: agreement.currency },
  }));
};
