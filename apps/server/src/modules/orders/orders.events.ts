import type { Kysely } from 'kysely';
import type { OrderStatus } from '@gendan/contracts';
import type { DB } from '../../db/schema';
import type { ActionContext } from '../../lib/context';
import { newId } from '../../lib/ids';
import { nowIso } from '../../lib/time';
import { insertEvents } from './orders.repository';

/**
 * Order events: the order's timeline (DESIGN §2). Every status change writes one in the same
 * transaction; other modules add theirs ('email_received', 'document_added', …) with
 * `appendOrderEvent`.
 */

export interface NewOrderEvent {
  type: string;
  fromStatus?: OrderStatus | null;
  toStatus?: OrderStatus | null;
  data?: unknown;
}

export function eventRow(ctx: ActionContext, orderId: string, e: NewOrderEvent, at = nowIso()) {
  return {
    id: newId(),
    order_id: orderId,
    at,
    type: e.type,
    from_status: e.fromStatus ?? null,
    to_status: e.toStatus ?? null,
    actor_id: ctx.actor?.id ?? null,
    actor_name: ctx.actor?.username ?? null,
    data: e.data === undefined ? null : JSON.stringify(e.data),
  };
}

export async function writeEvents(
  db: Kysely<DB>,
  ctx: ActionContext,
  orderId: string,
  events: readonly NewOrderEvent[],
): Promise<void> {
  const at = nowIso();
  await insertEvents(
    db,
    events.map((e) => eventRow(ctx, orderId, e, at)),
  );
}

/**
 * Adds an event to an order's timeline (no status change). For other modules and the intake
 * channels: 'email_received', 'document_added', … Call it in the transaction of the change.
 */
export async function appendOrderEvent(
  db: Kysely<DB>,
  ctx: ActionContext,
  orderId: string,
  type: string,
  data?: unknown,
): Promise<void> {
  await writeEvents(db, ctx, orderId, [{ type, data }]);
}
