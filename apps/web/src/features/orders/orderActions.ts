import type { OrderStatus, Role } from '@gendan/contracts';

/**
 * Which buttons the detail page shows. Mirrors the server's status table
 * (apps/server/src/modules/orders/orders.status.ts); the server checks again on every call.
 */
export type DetailAction = 'edit' | 'submit' | 'review' | 'approve' | 'reject' | 'cancel' | 'reopen';

const TRANSITIONS: Record<OrderStatus, readonly OrderStatus[]> = {
  draft: ['in_review', 'cancelled'],
  in_review: ['approved', 'rejected', 'cancelled'],
  rejected: ['draft', 'cancelled'],
  approved: ['cancelled'],
  cancelled: [],
};

const EDITABLE: readonly OrderStatus[] = ['draft', 'in_review'];

/** Roles that work on orders (enter, review, follow up); the customer portal only reads. */
export const ORDER_STAFF: readonly Role[] = ['admin', 'manager', 'clerk', 'sales'];
/** Roles that decide on orders (approve, reject, cancel). */
export const ORDER_DECIDERS: readonly Role[] = ['admin', 'manager', 'clerk'];
/** Roles that may override a blocking finding. */
export const ORDER_OVERRIDERS: readonly Role[] = ['admin', 'manager'];

export const hasRole = (roles: readonly Role[], allowed: readonly Role[]) =>
  roles.some((r) => allowed.includes(r));

export function availableActions(status: OrderStatus, roles: readonly Role[]): DetailAction[] {
  const out: DetailAction[] = [];
  const to = TRANSITIONS[status];
  const staff = hasRole(roles, ORDER_STAFF);
  const decider = hasRole(roles, ORDER_DECIDERS);
  if (staff && EDITABLE.includes(status)) out.push('edit');
  if (staff && status === 'draft' && to.includes('in_review')) out.push('submit');
  if (staff && EDITABLE.includes(status)) out.push('review');
  if (decider && to.includes('approved')) out.push('approve');
  if (decider && to.includes('rejected')) out.push('reject');
  if (staff && status === 'rejected' && to.includes('draft')) out.push('reopen');
  if (decider && to.includes('cancelled')) out.push('cancel');
  return out;
}
