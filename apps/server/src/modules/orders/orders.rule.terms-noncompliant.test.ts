import { describe, expect, it } from 'vitest';
import type { ReviewInput } from './orders.review-types';
import { agreement, reviewInput } from './orders.rule-fixture';
import { termsNoncompliant } from './orders.rule.terms-noncompliant';

const withOrder = (over: Partial<ReviewInput['order']>, base: ReviewInput = reviewInput()): ReviewInput => ({
  ...base,
  order: { ...base.order, ...over },
});

describe('TERMS_NONCOMPLIANT', () => {
  it('blocks payment terms that differ from the agreement', () => {
    const f = termsNoncompliant(withOrder({ paymentTerms: 'T/T 60 days' }));
    expect(f).toEqual([
      expect.objectContaining({
        code: 'TERMS_NONCOMPLIANT',
        severity: 'block',
        expected: 'T/T 30 days',
        actual: 'T/T 60 days',
        suggestion: { paymentTerms: 'T/T 30 days' },
        params: expect.objectContaining({ field: 'paymentTerms', source: 'agreement' }),
      }),
    ]);
  });

  it('blocks payment terms the policy does not allow', () => {
    const base = reviewInput({ agreements: [agreement({ paymentTerms: null })] });
    const f = termsNoncompliant(withOrder({ paymentTerms: 'O/A 180 days' }, base));
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: 'block',
      params: { source: 'policy' },
      suggestion: { paymentTerms: 'T/T 30 days' },
    });
    expect(termsNoncompliant(withOrder({ paymentTerms: 't/t  60 DAYS' }, base))).toEqual([]);
  });

  it('accepts the agreement’s own terms even when the policy list lacks them, and allows all with an empty list', () => {
    const special = reviewInput({ agreements: [agreement({ paymentTerms: 'L/C 90 days' })] });
    expect(termsNoncompliant(withOrder({ paymentTerms: 'L/C 90 days' }, special))).toEqual([]);
    const open = reviewInput({
      agreements: [],
      policy: { ...reviewInput().policy, allowedPaymentTerms: [] },
    });
    expect(termsNoncompliant(withOrder({ paymentTerms: 'anything' }, open))).toEqual([]);
  });

  it('warns when packaging or acceptance standard differ from the agreement', () => {
    const f = termsNoncompliant(withOrder({ packaging: 'wooden crate', acceptanceStandard: 'AQL 2.5' }));
    expect(f.map((x) => [x.severity, (x.params as { field: string }).field])).toEqual([
      ['warn', 'packaging'],
      ['warn', 'acceptanceStandard'],
    ]);
  });

  it('stays quiet for matching or unstated terms', () => {
    expect(termsNoncompliant(withOrder({ packaging: ' Carton ', acceptanceStandard: null }))).toEqual([]);
    expect(termsNoncompliant(reviewInput())).toEqual([]);
  });
});

describe('TERMS_NONCOMPLIANT: which agreement sets the terms', () => {
  it('holds the order to the customer’s own agreement even when a general price list prices the goods', () => {
    const input = reviewInput({
      agreements: [
        agreement({ id: 'own', code: 'HT-OWN', paymentTerms: 'T/T 60 days', lines: [] }),
        agreement({ id: 'pl', code: 'PL', customerId: null, kind: 'price_list', paymentTerms: null }),
      ],
    });
    const f = termsNoncompliant(input);
    expect(f).toEqual([
      expect.objectContaining({
        expected: 'T/T 60 days',
        params: expect.objectContaining({ agreementCode: 'HT-OWN' }),
      }),
    ]);
  });
});
