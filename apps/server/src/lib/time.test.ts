import { describe, expect, it } from 'vitest';
import { addMinutes, datePartsInZone, nowIso, todayInZone } from './time';

describe('time', () => {
  it('computes today in the company time zone, not UTC', () => {
    // 2026-11-27 17:30 UTC is already 2026-11-28 01:30 in Shanghai.
    const instant = new Date('2026-11-27T17:30:00Z');
    expect(todayInZone('Asia/Shanghai', instant)).toBe('2026-11-28');
    expect(todayInZone('UTC', instant)).toBe('2026-11-27');
    expect(todayInZone('America/Los_Angeles', instant)).toBe('2026-11-27');
  });
  it('turns the date exactly at local midnight, also when asked again within a minute', () => {
    // Shanghai midnight is 16:00 UTC; India (UTC+05:30) turns at 18:30 UTC.
    expect(todayInZone('Asia/Shanghai', new Date('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27');
    expect(todayInZone('Asia/Shanghai', new Date('2026-11-27T16:00:00.000Z'))).toBe('2026-11-28');
    expect(todayInZone('Asia/Shanghai', new Date('2026-11-27T15:59:30.000Z'))).toBe('2026-11-27');
    expect(todayInZone('Asia/Kolkata', new Date('2026-11-27T18:29:59.000Z'))).toBe('2026-11-27');
    expect(todayInZone('Asia/Kolkata', new Date('2026-11-27T18:30:00.000Z'))).toBe('2026-11-28');
  });
  it('gives zero-padded parts', () => {
    expect(datePartsInZone(new Date('2026-01-05T00:00:00Z'), 'UTC')).toEqual({
      yyyy: '2026',
      MM: '01',
      dd: '05',
    });
  });
  it('formats instants as sortable UTC text', () => {
    expect(nowIso(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)))).toBe('2026-01-02T03:04:05.006Z');
    expect(addMinutes('2026-01-01T00:00:00.000Z', 90)).toBe('2026-01-01T01:30:00.000Z');
  });
});

describe('business dates', () => {
  it('adds days across months and years', async () => {
    const { addDays, isBusinessDate, maxDate } = await import('./time');
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(isBusinessDate('2026-02-30')).toBe(false);
    expect(isBusinessDate('2026-02-28')).toBe(true);
    expect(isBusinessDate('26-2-28')).toBe(false);
    expect(maxDate('2026-01-02', '2025-12-31')).toBe('2026-01-02');
  });
});
