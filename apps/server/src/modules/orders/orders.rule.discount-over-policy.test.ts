import { describe, expect, it } from 'vitest';
import { agreement, agreementLine, line, reviewInput } from './orders.rule-fixture';
import { discountOverPolicy, roleMaxDiscountBp } from './orders.rule.discount-over-policy';

describe('DISCOUNT_OVER_POLICY', () => {
  it('fires above the agreement maximum, suggesting it', () => {
    const agreements = [agreement({ lines: [agreementLine({ maxDiscountPct: 2 })] })];
    const f = discountOverPolicy(reviewInput({ agreements, lines: [line({ discountBp: 250 })] }));
    expect(f).toEqual([
      expect.objectContaining({
        code: 'DISCOUNT_OVER_POLICY',
        severity: 'block',
        lineNo: 1,
        expected: 2,
        actual: 2.5,
        suggestion: { discountPct: 2 },
        params: expect.objectContaining({ limit: 'agreement', agreementCode: 'HT-2026-01' }),
      }),
    ]);
    expect(discountOverPolicy(reviewInput({ agreements, lines: [line({ discountBp: 200 })] }))).toEqual([]);
  });

  it('fires above the role maximum even when the agreement allows more', () => {
    const agreements = [agreement({ lines: [agreementLine({ maxDiscountPct: 10 })] })];
    const clerk = discountOverPolicy(
      reviewInput({ agreements, creatorRoles: ['clerk'], lines: [line({ discountBp: 400 })] }),
    );
    expect(clerk[0]).toMatchObject({ expected: 3, params: { limit: 'role' } });
    const manager = discountOverPolicy(
      reviewInput({ agreements, creatorRoles: ['manager'], lines: [line({ discountBp: 400 })] }),
    );
    expect(manager).toEqual([]);
  });

  it('takes the best of several roles; unlisted roles and no creator grant nothing', () => {
    expect(roleMaxDiscountBp(reviewInput({ creatorRoles: ['clerk', 'sales'] }))).toBe(500);
    expect(roleMaxDiscountBp(reviewInput({ creatorRoles: ['customer'] }))).toBe(0);
    expect(roleMaxDiscountBp(reviewInput({ creatorRoles: [] }))).toBe(0);
    expect(
      discountOverPolicy(reviewInput({ creatorRoles: ['customer'], lines: [line({ discountBp: 1 })] })),
    ).toHaveLength(1);
  });

  it('does not fire for lines without a discount', () => {
    expect(discountOverPolicy(reviewInput({ creatorRoles: [], lines: [line({ discountBp: 0 })] }))).toEqual(
      [],
    );
  });
});

describe('DISCOUNT_OVER_POLICY findings in full', () => {
  it('names the agreement as the limit when it allows no more than the role', () => {
    const agreements = [agreement({ lines: [agreementLine({ maxDiscountPct: 3 })] })];
    expect(
      discountOverPolicy(
        reviewInput({ agreements, creatorRoles: ['clerk'], lines: [line({ discountBp: 450 })] }),
      ),
    ).toEqual([
      {
        code: 'DISCOUNT_OVER_POLICY',
        severity: 'block',
        lineNo: 1,
        params: {
          lineNo: 1,
          model: 'BR-100',
          actualPct: 4.5,
          maxPct: 3,
          limit: 'agreement',
          agreementCode: 'HT-2026-01',
          roles: 'clerk',
        },
        expected: 3,
        actual: 4.5,
        suggestion: { discountPct: 3 },
      },
    ]);
  });

  it('names the roles as the limit, without an agreement', () => {
    const f = discountOverPolicy(
      reviewInput({ creatorRoles: ['clerk', 'sales'], lines: [line({ discountBp: 650 })] }),
    );
    expect(f).toEqual([
      {
        code: 'DISCOUNT_OVER_POLICY',
        severity: 'block',
        lineNo: 1,
        params: {
          lineNo: 1,
          model: 'BR-100',
          actualPct: 6.5,
          maxPct: 5,
          limit: 'role',
          agreementCode: undefined,
          roles: 'clerk, sales',
        },
        expected: 5,
        actual: 6.5,
        suggestion: { discountPct: 5 },
      },
    ]);
  });

  it('lets an agreement without a maximum leave the limit to the role', () => {
    const agreements = [agreement({ lines: [agreementLine({ maxDiscountPct: null })] })];
    expect(
      discountOverPolicy(
        reviewInput({ agreements, creatorRoles: ['manager'], lines: [line({ discountBp: 400 })] }),
      ),
    ).toEqual([]);
  });

  it('holds lines no agreement prices, or below the lowest tier, or of unknown products, to the role', () => {
    const uncovered = discountOverPolicy(
      reviewInput({ agreements: [], creatorRoles: ['clerk'], lines: [line({ discountBp: 400 })] }),
    );
    expect(uncovered.map((f) => f.params)).toEqual([expect.objectContaining({ limit: 'role', maxPct: 3 })]);
    const belowTier = discountOverPolicy(
      reviewInput({
        agreements: [agreement({ lines: [agreementLine({ minQty: 1000, maxDiscountPct: 1 })] })],
        creatorRoles: ['clerk'],
        lines: [line({ discountBp: 400 })],
      }),
    );
    expect(belowTier.map((f) => f.params)).toEqual([expect.objectContaining({ limit: 'role', maxPct: 3 })]);
    const unknown = discountOverPolicy(
      reviewInput({ creatorRoles: ['clerk'], lines: [line({ productId: 'gone', discountBp: 400 })] }),
    );
    expect(unknown.map((f) => f.params)).toEqual([expect.objectContaining({ model: '', limit: 'role' })]);
  });
});
