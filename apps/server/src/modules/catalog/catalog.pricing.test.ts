import { describe, expect, it } from 'vitest';
import type { Agreement } from '@gendan/contracts';
import { compareAgreements, selectPrice, sortAgreements, termsAgreement, tierFor } from './catalog.pricing';

function line(productId: string, minQty: number, unitPrice: number): Agreement['lines'][number] {
  return {
    id: `${productId}-${minQty}`,
    lineNo: 1,
    productId,
    productModel: productId.toUpperCase(),
    productName: productId,
    unitPrice,
    minQty,
    specs: null,
    maxDiscountPct: null,
  };
}

function agreement(
  code: string,
  kind: Agreement['kind'],
  customerId: string | null,
  lines: Agreement['lines'],
  validFrom = '2026-01-01',
): Agreement {
  return {
    id: code,
    kind,
    code,
    name: null,
    customerId,
    customerName: null,
    validFrom,
    validTo: '2026-12-31',
    currency: 'CNY',
    status: 'active',
    paymentTerms: null,
    packaging: null,
    acceptanceStandard: null,
    incoterm: null,
    lines,
    version: 1,
    createdAt: '',
    updatedAt: '',
  };
}

describe('tierFor', () => {
  const tiers = [line('p', 1, 1000), line('p', 100, 900), line('p', 1000, 800)];
  it('takes the highest tier not above the quantity', () => {
    expect(tierFor(tiers, 1)?.unitPrice).toBe(1000);
    expect(tierFor(tiers, 99)?.unitPrice).toBe(1000);
    expect(tierFor(tiers, 100)?.unitPrice).toBe(900);
    expect(tierFor(tiers, 5000)?.unitPrice).toBe(800);
  });
  it('finds nothing below the lowest tier', () => {
    expect(tierFor([line('p', 50, 1)], 49)).toBeUndefined();
    expect(tierFor([], 1)).toBeUndefined();
  });
});

describe('agreement precedence', () => {
  const general = agreement('PL-GEN', 'price_list', null, [line('p', 1, 1200)]);
  const customerList = agreement('PL-C', 'price_list', 'c1', [line('p', 1, 1150)]);
  const quotation = agreement('Q-1', 'quotation', 'c1', [line('p', 1, 1100)]);
  const contract = agreement('C-1', 'contract', 'c1', [line('p', 1, 1000), line('p', 500, 950)]);
  const newerContract = agreement('C-2', 'contract', 'c1', [line('q', 1, 10)], '2026-06-01');

  it('orders own before general, contract before quotation before price list, newer first', () => {
    const sorted = sortAgreements([general, customerList, quotation, contract, newerContract]);
    expect(sorted.map((a) => a.code)).toEqual(['C-2', 'C-1', 'Q-1', 'PL-C', 'PL-GEN']);
    expect(compareAgreements(contract, contract)).toBe(0);
  });

  it('prices from the first agreement that covers the product and quantity', () => {
    const all = [general, quotation, contract, newerContract];
    expect(selectPrice(all, 'p', 10)?.line.unitPrice).toBe(1000);
    expect(selectPrice(all, 'p', 600)).toMatchObject({
      agreement: { code: 'C-1' },
      line: { unitPrice: 950 },
    });
    expect(selectPrice([general, quotation], 'p', 10)?.agreement.code).toBe('Q-1');
    expect(selectPrice([general], 'p', 10)?.agreement.code).toBe('PL-GEN');
    expect(selectPrice(all, 'unknown', 10)).toBeUndefined();
  });

  it('falls through to the next agreement when the quantity is below every tier', () => {
    const minimum = agreement('C-MIN', 'contract', 'c1', [line('p', 1000, 700)]);
    expect(selectPrice([minimum, general], 'p', 10)?.agreement.code).toBe('PL-GEN');
    expect(selectPrice([minimum, general], 'p', 1000)?.agreement.code).toBe('C-MIN');
  });

  it('takes terms from the customer own agreements only', () => {
    expect(termsAgreement([general, quotation, contract], 'c1')?.code).toBe('C-1');
    expect(termsAgreement([general], 'c1')).toBeNull();
  });
});
