import { describe, expect, it } from 'vitest';
import { line, reviewInput } from './orders.rule-fixture';
import { deliveryInfeasible } from './orders.rule.delivery-infeasible';

const feasible = (date: string) =>
  new Map([[1, { date, explanation: { 'zh-CN': '标准交期', en: 'lead time' } }]]);

describe('DELIVERY_INFEASIBLE', () => {
  it('blocks a requested date before the earliest feasible date, suggesting that date', () => {
    const f = deliveryInfeasible(
      reviewInput({ lines: [line({ requestedDate: '2026-12-01' })], feasibleDates: feasible('2026-12-12') }),
    );
    expect(f).toEqual([
      expect.objectContaining({
        code: 'DELIVERY_INFEASIBLE',
        severity: 'block',
        lineNo: 1,
        expected: '2026-12-12',
        actual: '2026-12-01',
        suggestion: { requestedDate: '2026-12-12' },
      }),
    ]);
  });

  it('accepts the feasible date itself and anything later', () => {
    expect(
      deliveryInfeasible(
        reviewInput({
          lines: [line({ requestedDate: '2026-12-12' })],
          feasibleDates: feasible('2026-12-12'),
        }),
      ),
    ).toEqual([]);
    expect(
      deliveryInfeasible(
        reviewInput({
          lines: [line({ requestedDate: '2027-01-05' })],
          feasibleDates: feasible('2026-12-12'),
        }),
      ),
    ).toEqual([]);
  });

  it('does not guess for a line planning gave no date for', () => {
    expect(
      deliveryInfeasible(
        reviewInput({ lines: [line({ requestedDate: '2000-01-01' })], feasibleDates: new Map() }),
      ),
    ).toEqual([]);
  });
});

describe('DELIVERY_INFEASIBLE findings', () => {
  const explanation = { 'zh-CN': '生产 10 天', en: '10 days of production' };

  it('names the line, the model and both dates, and suggests the earliest date', () => {
    const input = reviewInput({
      lines: [line({ requestedDate: '2026-12-01' })],
      feasibleDates: new Map([[1, { date: '2026-12-12', explanation }]]),
    });
    expect(deliveryInfeasible(input)).toEqual([
      {
        code: 'DELIVERY_INFEASIBLE',
        severity: 'block',
        lineNo: 1,
        params: {
          lineNo: 1,
          model: 'BR-100',
          requestedDate: '2026-12-01',
          earliestDate: '2026-12-12',
          explanation,
        },
        expected: '2026-12-12',
        actual: '2026-12-01',
        suggestion: { requestedDate: '2026-12-12' },
      },
    ]);
  });

  it('leaves the model empty for a product it does not know', () => {
    const input = reviewInput({
      lines: [line({ productId: 'gone', requestedDate: '2026-12-01' })],
      feasibleDates: new Map([[1, { date: '2026-12-12', explanation }]]),
    });
    expect(deliveryInfeasible(input)[0]!.params.model).toBe('');
  });
});
