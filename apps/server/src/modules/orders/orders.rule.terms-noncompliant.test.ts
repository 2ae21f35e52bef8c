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

describe('TERMS_NONCOMPLIANT findings in full', () => {
  it('blocks terms off both the agreement and the policy twice, suggesting only the agreement’s', () => {
    const base = reviewInput({ agreements: [agreement({ paymentTerms: 'L/C 90 days' })] });
    expect(termsNoncompliant(withOrder({ paymentTerms: 'O/A 180 days' }, base))).toEqual([
      {
        code: 'TERMS_NONCOMPLIANT',
        severity: 'block',
        params: {
          field: 'paymentTerms',
          source: 'agreement',
          actual: 'O/A 180 days',
          expected: 'L/C 90 days',
          agreementCode: 'HT-2026-01',
          agreementKind: 'contract',
        },
        expected: 'L/C 90 days',
        actual: 'O/A 180 days',
        suggestion: { paymentTerms: 'L/C 90 days' },
      },
      {
        code: 'TERMS_NONCOMPLIANT',
        severity: 'block',
        params: {
          field: 'paymentTerms',
          source: 'policy',
          actual: 'O/A 180 days',
          allowed: 'T/T 30 days / T/T 60 days',
        },
        expected: ['T/T 30 days', 'T/T 60 days'],
        actual: 'O/A 180 days',
      },
    ]);
  });

  it('suggests the first allowed terms when no agreement sets them', () => {
    const base = reviewInput({ agreements: [] });
    expect(termsNoncompliant(withOrder({ paymentTerms: 'O/A 180 days' }, base))).toEqual([
      {
        code: 'TERMS_NONCOMPLIANT',
        severity: 'block',
        params: {
          field: 'paymentTerms',
          source: 'policy',
          actual: 'O/A 180 days',
          allowed: 'T/T 30 days / T/T 60 days',
        },
        expected: ['T/T 30 days', 'T/T 60 days'],
        actual: 'O/A 180 days',
        suggestion: { paymentTerms: 'T/T 30 days' },
      },
    ]);
  });

  it('warns about other packaging with the agreement’s, and suggests it', () => {
    expect(termsNoncompliant(withOrder({ packaging: 'wooden crate' }))).toEqual([
      {
        code: 'TERMS_NONCOMPLIANT',
        severity: 'warn',
        params: {
          field: 'packaging',
          source: 'agreement',
          actual: 'wooden crate',
          expected: 'carton',
          agreementCode: 'HT-2026-01',
          agreementKind: 'contract',
        },
        expected: 'carton',
        actual: 'wooden crate',
        suggestion: { packaging: 'carton' },
      },
    ]);
  });

  it('takes blank packaging as unstated, and free packaging where the agreement sets none', () => {
    for (const packaging of ['', '   ']) {
      expect(termsNoncompliant(withOrder({ packaging })), JSON.stringify(packaging)).toEqual([]);
    }
    const free = reviewInput({ agreements: [agreement({ packaging: null, acceptanceStandard: null })] });
    expect(termsNoncompliant(withOrder({ packaging: 'box', acceptanceStandard: 'AQL 4.0' }, free))).toEqual(
      [],
    );
  });

  it('holds empty payment terms to the policy when no agreement sets terms', () => {
    const f = termsNoncompliant(withOrder({ paymentTerms: '' }, reviewInput({ agreements: [] })));
    expect(f).toEqual([
      expect.objectContaining({
        params: { field: 'paymentTerms', source: 'policy', actual: '', allowed: 'T/T 30 days / T/T 60 days' },
      }),
    ]);
  });
});
