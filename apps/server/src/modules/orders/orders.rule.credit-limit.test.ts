import { describe, expect, it } from 'vitest';
import { reviewInput } from './orders.rule-fixture';
import { creditLimit } from './orders.rule.credit-limit';

const customer = (limit: number | null, currency = 'CNY') => ({
  ...reviewInput().customer,
  creditLimit: limit,
  currency,
});

describe('CREDIT_LIMIT', () => {
  it('blocks when receivables plus the order exceed the limit', () => {
    const f = creditLimit(reviewInput({ customer: customer(150_000), openReceivables: 30_000 }));
    expect(f).toEqual([
      expect.objectContaining({
        code: 'CREDIT_LIMIT',
        severity: 'block',
        expected: 150_000,
        actual: 155_000,
      }),
    ]);
    expect(creditLimit(reviewInput({ customer: customer(100_000) }))).toHaveLength(1);
  });

  it('does not fire at or below the limit, or without a limit', () => {
    expect(creditLimit(reviewInput({ customer: customer(125_000) }))).toEqual([]);
    expect(creditLimit(reviewInput({ customer: customer(null), openReceivables: 10 ** 12 }))).toEqual([]);
  });

  it('warns when the limit is in another currency than the order', () => {
    const f = creditLimit(reviewInput({ customer: customer(1, 'USD') }));
    expect(f).toEqual([
      expect.objectContaining({ severity: 'warn', params: expect.objectContaining({ variant: 'currency' }) }),
    ]);
  });
});

describe('CREDIT_LIMIT findings', () => {
  it('ignores a customer whose limit is not known', () => {
    const base = reviewInput();
    for (const limit of [null, undefined]) {
      expect(
        creditLimit({ ...base, customer: { ...base.customer, creditLimit: limit as unknown as null } }),
      ).toEqual([]);
    }
  });

  it('warns when the limit is in another currency than the order', () => {
    const base = reviewInput();
    expect(
      creditLimit({ ...base, customer: { ...base.customer, creditLimit: 10, currency: 'USD' } }),
    ).toEqual([
      {
        code: 'CREDIT_LIMIT',
        severity: 'warn',
        params: { variant: 'currency', creditLimit: 10, limitCurrency: 'USD', orderCurrency: 'CNY' },
      },
    ]);
  });

  it('blocks an exposure above the limit, naming its parts', () => {
    const base = reviewInput({ openReceivables: 5000 });
    expect(creditLimit({ ...base, customer: { ...base.customer, creditLimit: 100_000 } })).toEqual([
      {
        code: 'CREDIT_LIMIT',
        severity: 'block',
        params: {
          variant: 'exceeded',
          creditLimit: 100_000,
          openReceivables: 5000,
          total: 125_000,
          exposure: 130_000,
          currency: 'CNY',
        },
        expected: 100_000,
        actual: 130_000,
      },
    ]);
  });
});
