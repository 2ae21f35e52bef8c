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
