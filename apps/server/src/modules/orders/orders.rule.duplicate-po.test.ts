import { describe, expect, it } from 'vitest';
import { reviewInput } from './orders.rule-fixture';
import { duplicatePo } from './orders.rule.duplicate-po';

describe('DUPLICATE_PO', () => {
  it('warns and names the other orders with the same PO number', () => {
    const f = duplicatePo(
      reviewInput({
        samePoOrders: [
          { id: 'o2', number: 'SO202611-00001', status: 'approved' },
          { id: 'o3', number: null, status: 'draft' },
        ],
      }),
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      code: 'DUPLICATE_PO',
      severity: 'warn',
      actual: 'PO-1',
      params: { others: [{ number: 'SO202611-00001' }, { number: null, status: 'draft' }] },
    });
  });

  it('ignores the order itself and cancelled orders', () => {
    expect(duplicatePo(reviewInput())).toEqual([]);
    expect(
      duplicatePo(
        reviewInput({
          samePoOrders: [
            { id: 'ord-1', number: null, status: 'draft' },
            { id: 'o9', number: 'SO1', status: 'cancelled' },
          ],
        }),
      ),
    ).toEqual([]);
  });
});

describe('DUPLICATE_PO findings', () => {
  it('lists the other orders with their numbers, statuses and ids', () => {
    const input = reviewInput({
      samePoOrders: [
        { id: 'o-2', number: 'SO202611-00002', status: 'approved' },
        { id: 'o-3', number: 'SO202611-00003', status: 'draft' },
      ],
    });
    expect(duplicatePo(input)).toEqual([
      {
        code: 'DUPLICATE_PO',
        severity: 'warn',
        params: {
          customerPo: 'PO-1',
          others: [
            { number: 'SO202611-00002', status: 'approved' },
            { number: 'SO202611-00003', status: 'draft' },
          ],
        },
        actual: 'PO-1',
        expected: {
          otherOrders: [
            { id: 'o-2', number: 'SO202611-00002' },
            { id: 'o-3', number: 'SO202611-00003' },
          ],
        },
      },
    ]);
  });
});
