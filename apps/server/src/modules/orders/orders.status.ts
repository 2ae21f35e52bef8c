import type { OrderStatus } from '@gendan/contracts';
import { AppError } from '../../lib/errors';

/**
 * The order status machine, as data (DESIGN §2). Each key lists the statuses an order may move to
 * from it. Later issues (planning, production, shipping…) extend the table; every status change
 * goes through `assertTransition` in exactly one service function, which writes an order event.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  draft: ['in_review', 'cancelled'],
  in_review: ['approved', 'rejected', 'cancelled'],
  rejected: ['draft', 'cancelled'],
  approved: ['cancelled'],
  cancelled: [],
};

/** Moving into these statuses needs a reason (kept on the order and in the event). */
export const REASON_REQUIRED: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['rejected', 'cancelled']);

/** Statuses in which the order's content (header and lines) may still be edited. */
export const EDITABLE_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['draft', 'in_review']);

/** Statuses in which the review may run. */
export const REVIEWABLE_STATUSES: ReadonlySet<OrderStatus> = new Set<OrderStatus>(['draft', 'in_review']);

/** Status names for messages and exports. */
export const ORDER_STATUS_NAMES: Readonly<Record<'zh-CN' | 'en', Record<OrderStatus, string>>> = {
  'zh-CN': {
    draft: '草稿',
    in_review: '审核中',
    approved: '已批准',
    rejected: '已驳回',
    cancelled: '已取消',
  },
  en: {
    draft: 'draft',
    in_review: 'in review',
    approved: 'approved',
    rejected: 'rejected',
    cancelled: 'cancelled',
  },
};

/** Error params naming a status in both languages (`{statusZh}`, `{statusEn}` in messages.ts). */
function named(prefix: string, status: OrderStatus): Record<string, string> {
  return {
    [prefix]: status,
    [`${prefix}Zh`]: ORDER_STATUS_NAMES['zh-CN'][status] ?? status,
    [`${prefix}En`]: ORDER_STATUS_NAMES.en[status] ?? status,
  };
}

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/** Throws INVALID_TRANSITION (409) unless the table allows `from → to`. */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to))
    throw new AppError('INVALID_TRANSITION', { ...named('from', from), ...named('to', to) });
}

export function assertEditable(status: OrderStatus): void {
  if (!EDITABLE_STATUSES.has(status)) throw new AppError('ORDER_NOT_EDITABLE', named('status', status));
}
