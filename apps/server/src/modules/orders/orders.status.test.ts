import { describe, expect, it } from 'vitest';
import { errorMessage, ORDER_STATUSES } from '@gendan/contracts';
import { AppError } from '../../lib/errors';
import {
  assertEditable,
  assertTransition,
  canTransition,
  ORDER_TRANSITIONS,
  REASON_REQUIRED,
} from './orders.status';

function codeOf(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof AppError ? err.code : 'OTHER';
  }
}

describe('order status machine', () => {
  it('allows the review path draft → in_review → approved | rejected', () => {
    expect(canTransition('draft', 'in_review')).toBe(true);
    expect(canTransition('in_review', 'approved')).toBe(true);
    expect(canTransition('in_review', 'rejected')).toBe(true);
  });

  it('allows reopening a rejected order and cancelling from every open status', () => {
    expect(canTransition('rejected', 'draft')).toBe(true);
    for (const from of ['draft', 'in_review', 'rejected', 'approved'] as const) {
      expect(canTransition(from, 'cancelled')).toBe(true);
    }
  });

  it('refuses shortcuts and moves out of cancelled', () => {
    expect(canTransition('draft', 'approved')).toBe(false);
    expect(canTransition('draft', 'rejected')).toBe(false);
    expect(canTransition('approved', 'approved')).toBe(false);
    expect(canTransition('approved', 'draft')).toBe(false);
    expect(canTransition('rejected', 'approved')).toBe(false);
    for (const to of ORDER_STATUSES) expect(canTransition('cancelled', to)).toBe(false);
  });

  it('assertTransition throws INVALID_TRANSITION exactly where the table says no', () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        const allowed = ORDER_TRANSITIONS[from].includes(to);
        expect(codeOf(() => assertTransition(from, to))).toBe(allowed ? null : 'INVALID_TRANSITION');
      }
    }
  });

  it('needs a reason to reject or cancel, not to approve', () => {
    expect(REASON_REQUIRED.has('rejected')).toBe(true);
    expect(REASON_REQUIRED.has('cancelled')).toBe(true);
    expect(REASON_REQUIRED.has('approved')).toBe(false);
  });

  it('lets only draft and in_review orders be edited', () => {
    expect(codeOf(() => assertEditable('draft'))).toBeNull();
    expect(codeOf(() => assertEditable('in_review'))).toBeNull();
    for (const s of ['approved', 'rejected', 'cancelled'] as const) {
      expect(codeOf(() => assertEditable(s))).toBe('ORDER_NOT_EDITABLE');
    }
  });

  it('names the statuses in both languages in the error message', () => {
    try {
      assertTransition('approved', 'in_review');
      expect.unreachable();
    } catch (err) {
      const e = err as AppError;
      expect(errorMessage(e.code, 'zh-CN', e.params)).toBe('订单不能从「已批准」变为「审核中」');
      expect(errorMessage(e.code, 'en', e.params)).toBe('The order cannot go from approved to in review');
    }
  });
});
