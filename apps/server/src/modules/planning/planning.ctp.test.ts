import { describe, expect, it } from 'vitest';
import { leadTimeDate, summarize } from './planning.ctp';

describe('lead-time CTP', () => {
  it('adds the standard lead time and the shipping days to today, across month ends', () => {
    const r = leadTimeDate({
      today: '2026-11-27',
      model: 'BR-100',
      leadTimeDays: 10,
      shippingMode: 'ltl',
      shippingDays: 5,
    });
    expect(r.earliestDate).toBe('2026-12-12');
    expect(r.explanation['zh-CN']).toBe(
      'BR-100：今天 2026-11-27 + 标准生产周期 10 天 + 专线运输 5 天 = 2026-12-12',
    );
    expect(r.explanation.en).toContain('standard lead time 10 days');
    expect(
      leadTimeDate({
        today: '2026-12-30',
        model: 'X',
        leadTimeDays: 0,
        shippingMode: 'pickup',
        shippingDays: 0,
      }).earliestDate,
    ).toBe('2026-12-30');
    expect(
      leadTimeDate({
        today: '2028-02-27',
        model: 'X',
        leadTimeDays: 1,
        shippingMode: 'express',
        shippingDays: 2,
      }).earliestDate,
    ).toBe('2028-03-01');
  });

  it('summarizes to the latest line and judges a requested date', () => {
    const lines = [
      { earliestDate: '2026-12-12', model: 'A' },
      { earliestDate: '2026-12-20', model: 'B' },
    ];
    expect(summarize(lines, '2026-11-27')).toMatchObject({ earliestDate: '2026-12-20', feasible: null });
    expect(summarize(lines, '2026-11-27', '2026-12-19').feasible).toBe(false);
    const ok = summarize(lines, '2026-11-27', '2026-12-20');
    expect(ok.feasible).toBe(true);
    expect(ok.explanation.en).toContain('set by B');
  });
});
