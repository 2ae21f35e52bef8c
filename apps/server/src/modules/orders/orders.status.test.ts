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

  /** The lifecycle as DESIGN §2 draws it, written out here rather than read from the table. */
  const ALLOWED = new Set([
    'draft→in_review',
    'draft→cancelled',
    'in_review→approved',
    'in_review→rejected',
    'in_review→cancelled',
    'rejected→draft',
    'rejected→cancelled',
    'approved→cancelled',
  ]);

  it('allows exactly the moves of the lifecycle, and assertTransition refuses every other', () => {
    for (const from of ORDER_STATUSES) {
      for (const to of ORDER_STATUSES) {
        const allowed = ALLOWED.has(`${from}→${to}`);
        expect(canTransition(from, to), `${from}→${to}`).toBe(allowed);
        expect(
          codeOf(() => assertTransition(from, to)),
          `${from}→${to}`,
        ).toBe(allowed ? null : 'INVALID_TRANSITION');
      }
    }
    const listed = ORDER_STATUSES.flatMap((from) => ORDER_TRANSITIONS[from].map((to) => `${from}→${to}`));
    expect(new Set(listed)).toEqual(ALLOWED);
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

  it('names every status in both languages, in transition and edit errors', () => {
    const messages = (fn: () => void) => {
      try {
        fn();
      } catch (err) {
        const e = err as AppError;
        return [errorMessage(e.code, 'zh-CN', e.params), errorMessage(e.code, 'en', e.params)];
      }
      return expect.unreachable();
    };
    expect(messages(() => assertTransition('rejected', 'approved'))).toEqual([
      '订单不能从「已驳回」变为「已批准」',
      'The order cannot go from rejected to approved',
    ]);
    expect(messages(() => assertTransition('cancelled', 'draft'))).toEqual([
      '订单不能从「已取消」变为「草稿」',
      'The order cannot go from cancelled to draft',
    ]);
    expect(messages(() => assertEditable('cancelled'))).toEqual([
      '订单当前状态为「已取消」，不能修改',
      'The order is cancelled and can no longer be changed',
    ]);
    expect(messages(() => assertEditable('rejected'))).toEqual([
      '订单当前状态为「已驳回」，不能修改',
      'The order is rejected and can no longer be changed',
    ]);
  });

  it('gives an edit error the status and its names as parameters', () => {
    try {
      assertEditable('approved');
    } catch (err) {
      expect((err as AppError).params).toEqual({
        status: 'approved',
        statusZh: '已批准',
        statusEn: 'approved',
      });
      return;
    }
    expect.unreachable();
  });
});
