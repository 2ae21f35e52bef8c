import { describe, expect, it } from 'vitest';
import { normalizeText, pricingSource, sameText, termsAgreement, tierFor } from './orders.pricing';
import { agreement, agreementLine, P1, reviewInput } from './orders.rule-fixture';

describe('pricing source', () => {
  const contract = agreement({ lines: [agreementLine({ minQty: 500, unitPrice: 1000 })] });
  const priceList = agreement({
    id: 'pl',
    code: 'PL',
    kind: 'price_list',
    customerId: null,
    lines: [agreementLine({ unitPrice: 1400 })],
  });

  it('takes the first agreement with a tier for the quantity, like the order form', () => {
    const input = reviewInput({ agreements: [contract, priceList] });
    expect(pricingSource(input, P1, 600)).toMatchObject({
      agreement: { code: 'HT-2026-01' },
      tier: { unitPrice: 1000 },
    });
    // Below the contract's minimum the general price list prices the line.
    expect(pricingSource(input, P1, 10)).toMatchObject({
      agreement: { code: 'PL' },
      tier: { unitPrice: 1400 },
    });
  });

  it('returns the covering agreement without a tier when no agreement prices so small a quantity', () => {
    const s = pricingSource(reviewInput({ agreements: [contract] }), P1, 10);
    expect(s?.agreement.code).toBe('HT-2026-01');
    expect(s?.tier).toBeUndefined();
    expect(pricingSource(reviewInput({ agreements: [] }), P1, 10)).toBeUndefined();
  });

  it('prefers an agreement in the order currency', () => {
    const usd = agreement({ id: 'usd', code: 'USD-1', currency: 'USD' });
    const input = reviewInput({ agreements: [usd, priceList] });
    expect(pricingSource(input, P1, 1)?.agreement.code).toBe('PL');
    expect(pricingSource(reviewInput({ agreements: [usd] }), P1, 1)?.agreement.code).toBe('USD-1');
  });

  it('picks the tier with the highest minimum quantity not above the quantity', () => {
    const tiers = [agreementLine({ minQty: 1 }), agreementLine({ minQty: 100, unitPrice: 2 })];
    expect(tierFor(tiers, 99)?.minQty).toBe(1);
    expect(tierFor(tiers, 100)?.minQty).toBe(100);
    expect(tierFor([agreementLine({ minQty: 5 })], 4)).toBeUndefined();
  });

  it('takes terms from the customer’s own agreement only', () => {
    expect(termsAgreement(reviewInput({ agreements: [priceList] }))).toBeUndefined();
    expect(termsAgreement(reviewInput({ agreements: [priceList, contract] }))?.code).toBe('HT-2026-01');
  });
});

describe('text comparison', () => {
  it('ignores width, case and extra spaces', () => {
    expect(normalizeText('  ３０４  Stainless ')).toBe('304 stainless');
    expect(sameText('T/T 30 days', 't/t  30 DAYS')).toBe(true);
    expect(sameText('304', '316')).toBe(false);
    expect(sameText(null, '')).toBe(true);
  });
});
