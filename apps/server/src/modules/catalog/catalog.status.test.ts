import { describe, expect, it } from 'vitest';
import { AGREEMENT_STATUSES } from '@gendan/contracts';
import { AGREEMENT_TRANSITIONS, canChangeStatus } from './catalog.status';

describe('agreement status machine', () => {
  it('allows the declared transitions and staying put', () => {
    expect(canChangeStatus('draft', 'active')).toBe(true);
    expect(canChangeStatus('active', 'expired')).toBe(true);
    expect(canChangeStatus('expired', 'active')).toBe(true);
    for (const s of AGREEMENT_STATUSES) expect(canChangeStatus(s, s)).toBe(true);
  });
  it('never returns to draft', () => {
    expect(canChangeStatus('active', 'draft')).toBe(false);
    expect(canChangeStatus('expired', 'draft')).toBe(false);
  });
  it('declares every status', () => {
    expect(Object.keys(AGREEMENT_TRANSITIONS).sort()).toEqual([...AGREEMENT_STATUSES].sort());
  });
});
