import { describe, expect, it } from 'vitest';
import { backoffMs } from './platform.outbox';

describe('outbox backoff', () => {
  it('doubles from one second', () => {
    const mid = () => 0.5; // no jitter
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, mid))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });
  it('spreads by at most ±20 %', () => {
    expect(backoffMs(3, () => 0)).toBe(3200);
    expect(backoffMs(3, () => 0.999999)).toBe(4800);
    for (let i = 0; i < 200; i++) {
      const v = backoffMs(4);
      expect(v).toBeGreaterThanOrEqual(6400);
      expect(v).toBeLessThanOrEqual(9600);
    }
  });
  it('is capped at one hour', () => {
    expect(backoffMs(13, () => 0.5)).toBe(3_600_000);
    expect(backoffMs(50, () => 0.999)).toBe(3_600_000);
    expect(backoffMs(1000, () => 0)).toBe(2_880_000);
  });
  it('treats a nonsensical attempt number as the first', () => {
    expect(backoffMs(0, () => 0.5)).toBe(1000);
  });
});
