import type { Kysely } from 'kysely';
import type {
  CreateOrderBody,
  Language,
  Order,
  OrderChannel,
  OrderLineInput,
  OrderStatus,
  UpdateOrderBody,
} from '@gendan/contracts';
import type { DB, OrderTable } from '../../db/schema';
import { AppError, assertVersion, notFound } from '../../lib/errors';
import { insertTogether, type TableRows } from '../../db/inserts';
import { newId } from '../../lib/ids';
import { nowIso, todayInZone } from '../../lib/time';
import { findOrderReferences } from '../catalog/index';
import { audit, auditRecords, getSettings } from '../platform/index';
import { priceLines, type PricedOrder } from './orders.amounts';
import { eventRow, writeEvents } from './orders.events';
import { toOrder } from './orders.mapping';
import * as repo from './orders.repository';
import { assertEditable } from './orders.status';
import {
  currencyIssue,
  dateIssue,
  fieldError,
  langOf,
  referenceError,
  type FieldIssue,
  type OrdersContext,
  type ReferenceIssue,
} from './orders.validation';

/** The company time zone when settings hold none: the environment's (DESIGN §5.3 default). */
export function fallbackTimeZone(ctx: { timeZone?: string }): string {
  return ctx.timeZone ?? process.env.GENDAN_TIMEZONE ?? 'Asia/Shanghai';
}

export interface CreateOrderOptions {
  channel: OrderChannel;
  /** Prefix of field paths in 400 details (`body`, or e.g. `rows[3]` for an import). */
  pathPrefix?: string;
  /** The user the order counts as created by (whose discount limit applies); default the actor. */
  createdBy?: string | null;
}

type Header = Omit<CreateOrderBody, 'lines'>;

/** An order's content as validation sees it: the header fields and the lines, if sent. */
interface Content {
  prefix: string;
  header: Partial<Header>;
  lines: readonly OrderLineInput[] | undefined;
}

/**
 * Business checks of orders' content the shared schema cannot make: real dates, a known currency,
 * and references that exist (customer active, products, clerk). One query for all customers, one
 * for all products, one per distinct clerk, whatever the number of orders. Throws 400
 * INVALID_FIELD / INVALID_REFERENCE with the field paths. Returns each customer's clerk.
 */
async function validateContents(
  db: Kysely<DB>,
  ctx: OrdersContext,
  contents: readonly Content[],
): Promise<Map<string, string | null>> {
  const lang = langOf(ctx);
  const issues: (FieldIssue | null)[] = [];
  for (const { prefix, header, lines } of contents) {
    if (header.orderDate !== undefined) issues.push(dateIssue(`${prefix}.orderDate`, header.orderDate));
    if (header.currency !== undefined) issues.push(currencyIssue(`${prefix}.currency`, header.currency));
    lines?.forEach((l, i) => issues.push(dateIssue(`${prefix}.lines[${i}].requestedDate`, l.requestedDate)));
  }
  const fieldIssues = issues.filter((x): x is FieldIssue => x !== null);
  if (fieldIssues.length > 0) throw fieldError(fieldIssues, lang);

  const customerIds = [...new Set(contents.flatMap((c) => c.header.customerId ?? []))];
  const productIds = contents.flatMap((c) => c.lines?.map((l) => l.productId) ?? []);
  const { customers, products } = await findOrderReferences(db, customerIds, productIds);
  const clerks = new Map<string, boolean>();
  for (const c of contents) {
    const clerkId = c.header.clerkId;
    if (clerkId && !clerks.has(clerkId)) clerks.set(clerkId, await repo.activeUserExists(db, clerkId));
  }

  const refs: ReferenceIssue[] = [];
  for (const { prefix, header, lines } of contents) {
    if (header.customerId !== undefined && !customers.get(header.customerId)?.active) {
      refs.push({ path: `${prefix}.customerId`, entity: 'customer', value: header.customerId });
    }
    lines?.forEach((l, i) => {
      if (!products.has(l.productId)) {
        refs.push({ path: `${prefix}.lines[${i}].productId`, entity: 'product', value: l.productId });
      }
    });
    if (header.clerkId && !clerks.get(header.clerkId)) {
      refs.push({ path: `${prefix}.clerkId`, entity: 'user', value: header.clerkId });
    }
  }
  if (refs.length > 0) throw referenceError(refs, lang);
  return new Map([...customers].map(([id, c]) => [id, c.clerkId]));
}

function lineRows(orderId: string, priced: PricedOrder) {
  return priced.lines.map((l) => ({
    id: newId(),
    order_id: orderId,
    line_no: l.lineNo,
    product_id: l.productId,
    description: l.description ?? null,
    qty: l.qty,
    unit_price: l.unitPrice,
    discount_bp: l.discountBp,
    amount: l.amount,
    stated_amount: l.statedAmount ?? null,
    specs: JSON.stringify(l.specs ?? {}),
    requested_date: l.requestedDate,
    promised_date: null,
    feasible_date: null,
  }));
}

/** The lines as the audit log keeps them (compact, API units). */
function auditLines(priced: PricedOrder) {
  return priced.lines.map((l) => ({
    lineNo: l.lineNo,
    productId: l.productId,
    qty: l.qty,
    unitPrice: l.unitPrice,
    discountPct: l.discountPct ?? 0,
    amount: l.amount,
    statedAmount: l.statedAmount ?? null,
    specs: l.specs ?? {},
    requestedDate: l.requestedDate,
  }));
}

/**
 * Creates a draft order from any channel (form, API, import, e-mail, portal): validates the
 * references, computes line amounts and the total (keeping the amounts the customer stated),
 * writes the header, all lines in one multi-row INSERT, a 'created' event and one audit row.
 */
export async function createOrder(
  db: Kysely<DB>,
  ctx: OrdersContext,
  input: CreateOrderBody,
  opts: CreateOrderOptions,
): Promise<{ id: string; status: 'draft'; version: number }> {
  const [created] = await createOrders(db, ctx, [input], {
    ...opts,
    pathPrefix: () => opts.pathPrefix ?? 'body',
  });
  return created!;
}

export interface CreateOrdersOptions extends Omit<CreateOrderOptions, 'pathPrefix'> {
  /** Prefix of field paths in 400 details for the i-th order. */
  pathPrefix?: (index: number) => string;
}

/**
 * Creates many draft orders at once (an import): the same checks, rows and records as
 * `createOrder` for each, written with one `insertTogether` for all of them together.
 */
export async function createOrders(
  db: Kysely<DB>,
  ctx: OrdersContext,
  inputs: readonly CreateOrderBody[],
  opts: CreateOrdersOptions,
): Promise<{ id: string; status: 'draft'; version: 1 }[]> {
  const { created, rows } = await prepareOrders(db, ctx, inputs, opts);
  // Header, lines, event and audit: one statement on PostgreSQL (see db/inserts.ts).
  await insertTogether(db, rows);
  return created;
}

/**
 * What `createOrders` writes, without writing it: checks the references (reads only) and builds
 * the rows of the new orders, their lines, 'created' events and audit rows, for a use case that
 * writes them with its own rows in one `insertTogether`.
 */
export async function prepareOrders(
  db: Kysely<DB>,
  ctx: OrdersContext,
  inputs: readonly CreateOrderBody[],
  opts: CreateOrdersOptions,
): Promise<NewOrderRows> {
  if (inputs.length === 0) return { created: [], rows: [] };
  return newOrderRows(await checkNewOrders(db, ctx, inputs, opts), inputs);
}

/** What the rows of checked new orders are built from: the checks' results and the moment. */
export interface CheckedOrders {
  ctx: OrdersContext;
  channel: OrderChannel;
  createdBy: string | null;
  /** The company's "today" (the order date when an order gives none) and the creation instant. */
  today: string;
  now: string;
  /** Each customer's assigned clerk. */
  clerkOf: ReadonlyMap<string, string | null>;
}

export interface NewOrderRows {
  created: { id: string; status: 'draft'; version: 1 }[];
  rows: TableRows[];
}

/**
 * The checks of `createOrders` (reads only): throws 400 for an invalid date, currency or
 * reference. An import checks all its orders at once, then builds their rows in batches with
 * `newOrderRows`.
 */
export async function checkNewOrders(
  db: Kysely<DB>,
  ctx: OrdersContext,
  inputs: readonly CreateOrderBody[],
  opts: CreateOrdersOptions,
): Promise<CheckedOrders> {
  const prefix = opts.pathPrefix ?? ((i: number) => `body[${i}]`);
  const settings = ctx.settings ?? (await getSettings(db, fallbackTimeZone(ctx)));
  const clerkOf = await validateContents(
    db,
    ctx,
    inputs.map((input, i) => ({ prefix: prefix(i), header: input, lines: input.lines })),
  );
  return {
    ctx,
    channel: opts.channel,
    createdBy: opts.createdBy === undefined ? (ctx.actor?.id ?? null) : opts.createdBy,
    today: todayInZone(settings.timeZone),
    now: nowIso(),
    clerkOf,
  };
}

/**
 * The rows of new draft orders that `checkNewOrders` passed, built without touching the database:
 * header, lines, a 'created' event and an audit row each. Throws 400 AMOUNT_TOO_LARGE for an
 * amount above the limit.
 */
export function newOrderRows(checked: CheckedOrders, inputs: readonly CreateOrderBody[]): NewOrderRows {
  const { ctx, channel, createdBy, today, now, clerkOf } = checked;
  const orders = inputs.map((input) => {
    const priced = priceLines(input.lines);
    const row = {
      id: newId(),
      number: null,
      customer_id: input.customerId,
      customer_po: input.customerPo.trim(),
      channel,
      status: 'draft',
      order_date: input.orderDate ?? today,
      currency: input.currency,
      payment_terms: input.paymentTerms,
      packaging: input.packaging ?? null,
      acceptance_standard: input.acceptanceStandard ?? null,
      incoterm: input.incoterm ?? null,
      shipping_mode: input.shippingMode ?? null,
      ship_to: input.shipTo ?? null,
      notes: input.notes ?? null,
      total: priced.total,
      stated_total: input.statedTotal ?? null,
      line_count: priced.lines.length,
      requested_date: priced.requestedDate,
      promised_date: null,
      open_blocks: 0,
      open_warnings: 0,
      reviewed_version: null,
      clerk_id: input.clerkId ?? clerkOf.get(input.customerId) ?? null,
      created_by: createdBy,
      approved_by: null,
      approved_at: null,
      status_reason: null,
      version: 1,
      created_at: now,
      updated_at: now,
    } satisfies OrderTable;
    return { row, priced, currency: input.currency };
  });
  const events = orders.map(({ row, priced, currency }) =>
    eventRow(
      ctx,
      row.id,
      {
        type: 'created',
        toStatus: 'draft',
        data: { channel, lines: priced.lines.length, total: priced.total, currency },
      },
      now,
    ),
  );
  const audits = auditRecords(
    ctx,
    orders.map(({ row, priced }) => {
      const { created_at: _c, updated_at: _u, ...auditRow } = row;
      return {
        entityType: 'order',
        entityId: row.id,
        action: 'create',
        after: { ...auditRow, lines: auditLines(priced) },
      };
    }),
  );
  return {
    created: orders.map((o) => ({ id: o.row.id, status: 'draft' as const, version: 1 as const })),
    rows: [
      ...repo.newOrderRows(
        orders.map((o) => o.row),
        orders.flatMap((o) => lineRows(o.row.id, o.priced)),
        events,
      ),
      audits,
    ],
  };
}

/** Loads an order or throws NOT_FOUND. */
export async function loadOrder(
  db: Kysely<DB>,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<repo.OrderRow> {
  const row = await repo.findOrder(db, id, opts);
  if (!row) throw notFound('order');
  return row;
}

/** The full order: header, lines with their products, findings with messages in `lang`. */
export async function getOrder(db: Kysely<DB>, id: string, lang: Language): Promise<Order> {
  const row = await loadOrder(db, id);
  const [lines, findings] = [await repo.findLines(db, id), await repo.findFindings(db, id)];
  return toOrder(row, lines, findings, lang);
}

const HEADER_COLUMNS = {
  customerId: 'customer_id',
  customerPo: 'customer_po',
  currency: 'currency',
  paymentTerms: 'payment_terms',
  packaging: 'packaging',
  acceptanceStandard: 'acceptance_standard',
  incoterm: 'incoterm',
  shippingMode: 'shipping_mode',
  shipTo: 'ship_to',
  notes: 'notes',
  orderDate: 'order_date',
  clerkId: 'clerk_id',
  statedTotal: 'stated_total',
} as const satisfies Record<keyof Omit<Header, never>, keyof OrderTable>;

/**
 * PATCH: changes any header fields and, when `lines` is sent, replaces all lines. Allowed in draft
 * and in_review (else 409 ORDER_NOT_EDITABLE); a stale version is 409 VERSION_CONFLICT with
 * nothing written. The version moves, so the review of an in_review order becomes stale
 * (reviewed_version ≠ version). Returns the updated order.
 */
export async function updateOrder(
  db: Kysely<DB>,
  ctx: OrdersContext,
  id: string,
  patch: UpdateOrderBody,
): Promise<Order> {
  const current = await loadOrder(db, id, { lock: true });
  assertVersion(current.version, patch.version);
  assertEditable(current.status as OrderStatus);
  const { version, lines, ...header } = patch;
  await validateContents(db, ctx, [{ prefix: 'body', header, lines }]);

  const set: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(HEADER_COLUMNS) as [keyof Header, keyof OrderTable][]) {
    if (!(key in header)) continue;
    let value = header[key] ?? null;
    if (key === 'customerPo' && typeof value === 'string') value = value.trim();
    if (key === 'orderDate' && value === null) continue;
    if (value === current[column]) continue;
    set[column] = value;
    before[key] = current[column];
    after[key] = value;
  }
  let priced: PricedOrder | undefined;
  let oldLines: repo.LineWithProduct[] = [];
  if (lines) {
    priced = priceLines(lines);
    oldLines = await repo.findLines(db, id);
    set.total = priced.total;
    set.line_count = priced.lines.length;
    set.requested_date = priced.requestedDate;
  }
  if (Object.keys(set).length === 0) return getOrder(db, id, langOf(ctx));

  const now = nowIso();
  const ok = await repo.updateOrderAtVersion(db, id, version, {
    ...set,
    version: version + 1,
    updated_at: now,
  });
  if (!ok) throw new AppError('VERSION_CONFLICT', { current: current.version, sent: version });
  if (priced) {
    await repo.deleteLines(db, id);
    await repo.insertLines(db, lineRows(id, priced));
    before.lines = oldLines.map((l) => ({
      lineNo: l.line_no,
      productId: l.product_id,
      qty: l.qty,
      unitPrice: l.unit_price,
      discountPct: l.discount_bp / 100,
      amount: l.amount,
      statedAmount: l.stated_amount,
      specs: JSON.parse(l.specs) as unknown,
      requestedDate: l.requested_date,
    }));
    after.lines = auditLines(priced);
    before.total = current.total;
    after.total = priced.total;
  }
  await writeEvents(db, ctx, id, [
    {
      type: 'updated',
      data: { fields: Object.keys(after).filter((k) => k !== 'total'), version: version + 1 },
    },
  ]);
  await audit(db, ctx, {
    entityType: 'order',
    entityId: id,
    action: 'update',
    before: { ...before, version },
    after: { ...after, version: version + 1 },
  });
  return getOrder(db, id, langOf(ctx));
}

/** Event types a portal customer sees on its order's timeline, with only public data. */
const PORTAL_EVENTS = new Set(['created', 'submitted', 'approved', 'rejected', 'cancelled', 'reopened']);

export interface TimelineItem {
  id: string;
  at: string;
  type: string;
  fromStatus: OrderStatus | null;
  toStatus: OrderStatus | null;
  actorId: string | null;
  actorName: string | null;
  data: unknown;
}

/**
 * The order's timeline, newest first, built from its events. A portal customer sees the status
 * steps only: no review details, overrides, internal reasons or staff names.
 */
export async function getTimeline(
  db: Kysely<DB>,
  id: string,
  opts: { customerView: boolean },
): Promise<{ items: TimelineItem[] }> {
  const rows = await repo.findEvents(db, id, opts.customerView ? [...PORTAL_EVENTS] : undefined);
  return {
    items: rows.map((r) => {
      const data = r.data === null ? null : (JSON.parse(r.data) as Record<string, unknown>);
      return {
        id: r.id,
        at: r.at,
        type: r.type,
        fromStatus: r.from_status as OrderStatus | null,
        toStatus: r.to_status as OrderStatus | null,
        actorId: opts.customerView ? null : r.actor_id,
        actorName: opts.customerView ? null : r.actor_name,
        data: opts.customerView
          ? r.type === 'approved' && data
            ? { number: data.number, promisedDate: data.promisedDate }
            : null
          : data,
      };
    }),
  };
}
