import { describe, expect, it } from 'vitest';
import { availableActions } from './orderActions';

describe('availableActions', () => {
  it('lets a clerk work a draft and decide an order in review', () => {
    expect(availableActions('draft', ['clerk'])).toEqual(['edit', 'submit', 'review', 'cancel']);
    expect(availableActions('in_review', ['clerk'])).toEqual([
      'edit',
      'review',
      'approve',
      'reject',
      'cancel',
    ]);
    expect(availableActions('rejected', ['clerk'])).toEqual(['reopen', 'cancel']);
    expect(availableActions('approved', ['manager'])).toEqual(['cancel']);
    expect(availableActions('cancelled', ['admin'])).toEqual([]);
  });

  it('lets sales enter and review but not decide, and the portal only read', () => {
    expect(availableActions('in_review', ['sales'])).toEqual(['edit', 'review']);
    expect(availableActions('rejected', ['sales'])).toEqual(['reopen']);
    expect(availableActions('draft', ['customer'])).toEqual([]);
  });
});
