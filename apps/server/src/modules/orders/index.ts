/**
 * Public API of the orders module: sales orders, their review and approval. Other modules and
 * scripts (seed, bench) use these; HTTP lives in orderRoutes.
 */
export { orderRoutes } from './orders.routes';
export {
  createOrder,
  updateOrder,
  getOrder,
  getTimeline,
  type CreateOrderOptions,
  type TimelineItem,
} from './orders.service';
export { appendOrderEvent } from './orders.events';
export { reviewOrder, submitOrder, type ReviewResult } from './orders.review';
export {
  approveOrder,
  rejectOrder,
  cancelOrder,
  reopenOrder,
  overrideFinding,
  type ApproveResult,
  type ApproverOptions,
} from './orders.approval';
export { listOrders, exportOrders, type ListOrdersQuery } from './orders.list';
export { ORDER_TRANSITIONS, assertTransition } from './orders.status';
export { REVIEW_RULES } from './orders.rules';
export type { OrdersContext } from './orders.validation';
