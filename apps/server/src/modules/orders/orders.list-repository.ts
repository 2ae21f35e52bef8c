import { sql, type Kysely } from 'kysely';
import { chunks, containsPattern } from '../../db/helpers';
import type { DB } from '../../db/schema';

/**
 * The order list: the SQL that must stay fast at a million orders. Filters hit the indexes of the
 * orders migration (orders_customer_status_idx (customer_id, status, created_at, id),
 * orders_status_idx, orders_created_idx, orders_clerk_idx); the page is read from `orders` alone
 * and the customers of just those rows are read afterwards; the count uses the same filter (and
 * so the same index) without any join.
 */

export const ORDER_SORTS = {
  createdAt: 'created_at',
  orderDate: 'order_date',
  number: 'number',
  total: 'total',
  requestedDate: 'requested_date',
} as const;
export type OrderSort = keyof typeof ORDER_SORTS;

export interface OrderFilter {
  status?: string | undefined;
  customerId?: string | undefined;
  clerkId?: string | undefined;
  channel?: string | undefined;
  /** Order date range, inclusive. */
  from?: string | undefined;
  to?: string | undefined;
  hasFindings?: boolean | undefined;
  q?: string | undefined;
}

const SUMMARY_COLUMNS = [
  'id',
  'number',
  'customer_id',
  'customer_po',
  'channel',
  'status',
  'order_date',
  'currency',
  'total',
  'line_count',
  'requested_date',
  'promised_date',
  'open_blocks',
  'open_warnings',
  'clerk_id',
  'version',
  'created_at',
  'updated_at',
] as const;

function filtered(db: Kysely<DB>, f: OrderFilter) {
  let q = db.selectFrom('orders');
  if (f.customerId !== undefined) q = q.where('customer_id', '=', f.customerId);
  if (f.status !== undefined) q = q.where('status', '=', f.status);
  if (f.clerkId !== undefined) q = q.where('clerk_id', '=', f.clerkId);
  if (f.channel !== undefined) q = q.where('channel', '=', f.channel);
  if (f.from !== undefined) q = q.where('order_date', '>=', f.from);
  if (f.to !== undefined) q = q.where('order_date', '<=', f.to);
  if (f.hasFindings === true)
    q = q.where((eb) => eb.or([eb('open_blocks', '>', 0), eb('open_warnings', '>', 0)]));
  if (f.hasFindings === false) q = q.where('open_blocks', '=', 0).where('open_warnings', '=', 0);
  const text = f.q?.trim();
  if (text) {
    const pattern = containsPattern(text.toLowerCase());
    const like = (column: string) => sql<boolean>`lower(${sql.ref(column)}) like ${pattern} escape '!'`;
    q = q.where((eb) =>
      eb.or([
        like('orders.number'),
        like('orders.customer_po'),
        eb(
          'customer_id',
          'in',
          eb
            .selectFrom('customers')
            .select('customers.id')
            .where((c) => c.or([like('customers.code'), like('customers.name')])),
        ),
      ]),
    );
  }
  return q;
}

/** The page query (exported so that a test can check its plan uses the indexes). */
export function orderPageQuery(
  db: Kysely<DB>,
  f: OrderFilter,
  sort: OrderSort,
  desc: boolean,
  limit: number,
  offset: number,
) {
  const dir = desc ? 'desc' : 'asc';
  return filtered(db, f)
    .select(SUMMARY_COLUMNS)
    .orderBy(ORDER_SORTS[sort], dir)
    .$if(sort !== 'createdAt', (q) => q.orderBy('created_at', dir))
    .orderBy('id', dir)
    .limit(limit)
    .offset(offset);
}

export function listOrderRows(
  db: Kysely<DB>,
  f: OrderFilter,
  sort: OrderSort,
  desc: boolean,
  limit: number,
  offset: number,
) {
  return orderPageQuery(db, f, sort, desc, limit, offset).execute();
}
export type OrderListRow = Awaited<ReturnType<typeof listOrderRows>>[number];

export function orderCountQuery(db: Kysely<DB>, f: OrderFilter) {
  return filtered(db, f).select((eb) => eb.fn.countAll<number>().as('n'));
}

export async function countOrders(db: Kysely<DB>, f: OrderFilter): Promise<number> {
  const r = await orderCountQuery(db, f).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Code and name of the customers of one page of orders. */
export async function customersByIds(db: Kysely<DB>, ids: readonly string[]) {
  const out = new Map<string, { code: string; name: string }>();
  for (const part of chunks(ids, IN_LIST)) {
    const rows = await db
      .selectFrom('customers')
      .select(['id', 'code', 'name'])
      .where('id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, { code: r.code, name: r.name });
  }
  return out;
}

/** Display names of the clerks of one page of orders. */
export async function clerkNamesByIds(db: Kysely<DB>, ids: readonly string[]) {
  const out = new Map<string, string>();
  for (const part of chunks(ids, IN_LIST)) {
    const rows = await db
      .selectFrom('users')
      .select(['id', 'display_name', 'username'])
      .where('id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, r.display_name || r.username);
  }
  return out;
}

/** Ids per IN list: far below either database's parameter limit. */
const IN_LIST = 5000;
