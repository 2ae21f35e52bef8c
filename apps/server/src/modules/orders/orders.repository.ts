import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import { chunks, isPostgres } from '../../db/helpers';
import { tableRows, type TableRows } from '../../db/inserts';
import type { DB, OrderEventTable, OrderFindingTable, OrderLineTable, OrderTable } from '../../db/schema';

/**
 * SQL of the orders module: orders, lines, findings and events. Reads of `customers`, `products`
 * (catalog) and `users` (identity) are read-joins, which DESIGN §3 allows. The order list is in
 * orders.list-repository.ts.
 */

export type OrderLineRow = Selectable<OrderLineTable>;
export type FindingRow = Selectable<OrderFindingTable>;
export type EventRow = Selectable<OrderEventTable>;

/** Rows per multi-row INSERT: far below SQLite's 32,766 and PostgreSQL's 65,535 parameters. */
const INSERT_CHUNK = 1000;
/** Rows per batched UPDATE … FROM (VALUES …). */
const UPDATE_CHUNK = 1000;

/** The order with the customer fields the services need and the creator's roles (one query). */
export async function findOrder(db: Kysely<DB>, id: string, opts: { lock?: boolean } = {}) {
  return (
    db
      .selectFrom('orders as o')
      .innerJoin('customers as c', 'c.id', 'o.customer_id')
      .leftJoin('users as u', 'u.id', 'o.created_by')
      .leftJoin('users as k', 'k.id', 'o.clerk_id')
      .selectAll('o')
      .select([
        'c.code as customer_code',
        'c.name as customer_name',
        'c.currency as customer_currency',
        'c.credit_limit as customer_credit_limit',
        'c.payment_terms as customer_payment_terms',
        'c.clerk_id as customer_clerk_id',
        'u.roles as creator_roles',
        'k.display_name as clerk_display_name',
        'k.username as clerk_username',
      ])
      .where('o.id', '=', id)
      // PostgreSQL: a mutating use case holds the order row until commit, so two reviews or
      // approvals of one order run one after the other. SQLite transactions are serialised anyway.
      .$if(opts.lock === true && isPostgres(db), (q) => q.forUpdate('o'))
      .executeTakeFirst()
  );
}
export type OrderRow = NonNullable<Awaited<ReturnType<typeof findOrder>>>;

/** Only the customer an order belongs to (for access checks). */
export async function findOrderCustomerId(db: Kysely<DB>, id: string): Promise<string | undefined> {
  const r = await db.selectFrom('orders').select('customer_id').where('id', '=', id).executeTakeFirst();
  return r?.customer_id;
}

/** The lines with what the API and the review need of their products. */
export function findLines(db: Kysely<DB>, orderId: string) {
  return db
    .selectFrom('order_lines as l')
    .innerJoin('products as p', 'p.id', 'l.product_id')
    .selectAll('l')
    .select([
      'p.model as product_model',
      'p.name as product_name',
      'p.unit as product_unit',
      'p.specs as product_specs',
      'p.standard_lead_time_days as product_lead_time_days',
      'p.active as product_active',
    ])
    .where('l.order_id', '=', orderId)
    .orderBy('l.line_no')
    .execute();
}
export type LineWithProduct = Awaited<ReturnType<typeof findLines>>[number];

/**
 * New orders with their lines and events, as rows for `insertTogether`: one statement with the
 * audit rows on PostgreSQL (the table order here is the order of the INSERTs).
 */
export function newOrderRows(
  orders: readonly Insertable<OrderTable>[],
  lines: readonly Insertable<OrderLineTable>[],
  events: readonly Insertable<OrderEventTable>[],
): TableRows[] {
  return [tableRows('orders', orders), tableRows('order_lines', lines), eventTableRows(events)];
}

/** Order events as `insertTogether` writes them. */
export function eventTableRows(rows: readonly Insertable<OrderEventTable>[]): TableRows<'order_events'> {
  return tableRows('order_events', rows);
}

/** Inserts lines with one multi-row INSERT per 1,000 lines. */
export async function insertLines(
  db: Kysely<DB>,
  rows: readonly Insertable<OrderLineTable>[],
): Promise<void> {
  for (const part of chunks(rows, INSERT_CHUNK)) await db.insertInto('order_lines').values(part).execute();
}

export async function deleteLines(db: Kysely<DB>, orderId: string): Promise<void> {
  await db.deleteFrom('order_lines').where('order_id', '=', orderId).execute();
}

/**
 * Updates an order only at the expected version (the optimistic check, race-proof); returns
 * whether a row changed. The caller decides whether the version moves (`patch.version`).
 */
export async function updateOrderAtVersion(
  db: Kysely<DB>,
  id: string,
  version: number,
  patch: Updateable<OrderTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('orders')
    .set(patch)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Sets the feasible date (and, when given, the promised date) of many lines with one
 * `UPDATE … FROM (VALUES …)` per 1,000 lines, the same on both dialects (VALUES columns are
 * named column1, column2… on SQLite and PostgreSQL alike). Much faster than a long CASE.
 */
export async function setLineDates(
  db: Kysely<DB>,
  orderId: string,
  rows: readonly { lineNo: number; feasibleDate: string; promisedDate?: string }[],
): Promise<void> {
  for (const part of chunks(rows, UPDATE_CHUNK)) {
    const withPromise = part.every((r) => r.promisedDate !== undefined);
    const values = sql.join(
      part.map((r) =>
        withPromise
          ? sql`(cast(${r.lineNo} as integer), ${r.feasibleDate}, ${r.promisedDate!})`
          : sql`(cast(${r.lineNo} as integer), ${r.feasibleDate})`,
      ),
    );
    const set = withPromise
      ? sql`feasible_date = v.column2, promised_date = v.column3`
      : sql`feasible_date = v.column2`;
    await sql`update order_lines set ${set} from (values ${values}) as v
      where order_lines.order_id = ${orderId} and order_lines.line_no = v.column1`.execute(db);
  }
}

// Findings

export function findFindings(db: Kysely<DB>, orderId: string) {
  return db.selectFrom('order_findings').selectAll().where('order_id', '=', orderId).execute();
}

/** Replaces all findings of an order (delete + one multi-row INSERT per 1,000). */
export async function replaceFindings(
  db: Kysely<DB>,
  orderId: string,
  rows: readonly Insertable<OrderFindingTable>[],
): Promise<void> {
  await db.deleteFrom('order_findings').where('order_id', '=', orderId).execute();
  for (const part of chunks(rows, INSERT_CHUNK)) await db.insertInto('order_findings').values(part).execute();
}

/** Marks findings overridden, each with its own reason, in one UPDATE per 1,000. */
export async function overrideFindings(
  db: Kysely<DB>,
  orderId: string,
  overrides: readonly { id: string; reason: string }[],
  by: string | null,
  at: string,
): Promise<void> {
  for (const part of chunks(overrides, UPDATE_CHUNK)) {
    const values = sql.join(part.map((o) => sql`(${o.id}, ${o.reason})`));
    await sql`update order_findings
      set status = 'overridden', override_reason = v.column2, overridden_by = ${by}, overridden_at = ${at}
      from (values ${values}) as v
      where order_findings.order_id = ${orderId} and order_findings.id = v.column1`.execute(db);
  }
}

// Events

export async function insertEvents(
  db: Kysely<DB>,
  rows: readonly Insertable<OrderEventTable>[],
): Promise<void> {
  for (const part of chunks(rows, INSERT_CHUNK)) await db.insertInto('order_events').values(part).execute();
}

export function findEvents(db: Kysely<DB>, orderId: string, types?: readonly string[]) {
  return db
    .selectFrom('order_events')
    .selectAll()
    .where('order_id', '=', orderId)
    .$if(types !== undefined, (q) => q.where('type', 'in', types!))
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

// Look-ups

/** Other non-cancelled orders of the customer with the same PO number (index orders_po_idx). */
export function findSamePoOrders(db: Kysely<DB>, customerId: string, customerPo: string, excludeId: string) {
  return db
    .selectFrom('orders')
    .select(['id', 'number', 'status'])
    .where('customer_id', '=', customerId)
    .where('customer_po', '=', customerPo)
    .where('id', '!=', excludeId)
    .where('status', '!=', 'cancelled')
    .orderBy('created_at')
    .limit(20)
    .execute();
}

/** Whether an active user exists (a clerk named on an order). */
export async function activeUserExists(db: Kysely<DB>, id: string): Promise<boolean> {
  const r = await db
    .selectFrom('users')
    .select('id')
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
  return r !== undefined;
}
