import type { Kysely } from 'kysely';
import type { Order, OrderSummary, Role } from '@gendan/contracts';
import type { DB } from '../../db/schema';
import type { AuthUser } from '../../lib/context';
import { isCustomerUser } from '../identity/index';
import type { EntityAccessCheck } from '../platform/index';
import { findOrderCustomerId } from './orders.repository';

/** Who may do what with orders (admin passes every check). */
export const ORDER_ACCESS = {
  /** Create: staff who enter orders, and portal customers (for their own company only). */
  create: ['manager', 'clerk', 'sales', 'customer'],
  /** Edit, submit, review, reopen. */
  edit: ['manager', 'clerk', 'sales'],
  /** Approve, reject, cancel, override findings (a `block` override needs a manager). */
  decide: ['manager', 'clerk'],
} as const satisfies Record<string, readonly Role[]>;

/**
 * Documents attached to orders: staff read and write; a portal customer reads only its own
 * company's orders; anyone else, or an unknown order, gets nothing (404).
 */
export const orderEntityAccess: EntityAccessCheck = async (db: Kysely<DB>, user: AuthUser, id: string) => {
  const customerId = await findOrderCustomerId(db, id);
  if (customerId === undefined) return null;
  if (isCustomerUser(user)) return user.customerId === customerId ? 'read' : null;
  return 'write';
};

/**
 * What a portal customer sees of an order: the order without its review. Findings, their counts
 * and the reviewed version are the clerk's checks, not the customer's business.
 */
export function portalOrder(order: Order): Order {
  return { ...order, findings: [], openBlocks: 0, openWarnings: 0, reviewedVersion: null };
}

/** A list row as a portal customer sees it: without the review's counts. */
export function portalSummary(summary: OrderSummary): OrderSummary {
  return { ...summary, openBlocks: 0, openWarnings: 0 };
}
