import type { Kysely } from 'kysely';
import type { CreateOrderBody, OrderChannel } from '@gendan/contracts';
import { chunks } from '../../db/helpers';
import { insertBatches } from '../../db/inserts';
import type { DB } from '../../db/schema';
import type { AuthUser } from '../../lib/context';
import { newId } from '../../lib/ids';
import { nowIso } from '../../lib/time';
import {
  findCustomerByCode,
  findCustomersByCodes,
  findImportReceipts,
  findProductsByModels,
  getCustomersTerms,
  insertImportReceipts,
  termsKey,
  type CustomerTerms,
} from '../catalog/index';
import * as catalogModule from '../catalog/index';
import * as platform from '../platform/index';
import {
  buildOrders,
  parseOrderSheets,
  type IntakeCatalog,
  type IntakeCustomer,
  type IntakeTerms,
  type OrderGroup,
  type ParseOptions,
  type PlannedOrder,
  type SheetSource,
  termsPrice,
} from './orders.import';
import type { IntakeError } from './orders.import-columns';
import { subjectCustomerCodes, subjectPo, type ParsedEmail } from './orders.email';
import { eventRow } from './orders.events';
import { eventTableRows } from './orders.repository';
import { checkNewOrders, newOrderRows } from './orders.service';
import type { OrdersContext } from './orders.validation';

/**
 * The database side of order intake, shared by the file import and the e-mail channel: plan
 * (parse, look up the catalog in bulk, check receipts) and commit (create every order, archive the
 * file on each, note it on each timeline, record receipts) in the caller's transaction.
 *
 * Resumable: each order is keyed by (file hash, customer code + PO) in `import_receipts`, so posting
 * the same file again creates nothing new and reports the orders already made.
 */

export type IntakeKind = 'order_import' | 'order_email';

/** Stores an uploaded file (content-addressed, type checked) before the transaction. */
export function storeIntakeFile(
  files: platform.FileStore,
  filename: string,
  data: Buffer,
): Promise<platform.StoredUpload> {
  return platform.storeUpload(files, filename, data);
}

export interface IntakeRequest {
  kind: IntakeKind;
  fileHash: string;
  sources: readonly SheetSource[];
  defaults?: ParseOptions['defaults'];
  /** "Today" in the company's time zone: the order date when the sheet gives none. */
  today: string;
}

export interface IntakeOrder extends Omit<PlannedOrder, 'errors'> {
  id: string | null;
  alreadyImported: boolean;
}

export interface IntakePlan {
  rows: number;
  orders: IntakeOrder[];
  /** Every error by row and column; the plan may be committed only when empty. */
  errors: IntakeError[];
}

function toIntakeTerms(t: CustomerTerms): IntakeTerms {
  return {
    currency: t.currency,
    paymentTerms: t.paymentTerms,
    packaging: t.packaging,
    acceptanceStandard: t.acceptanceStandard,
    incoterm: t.incoterm,
    priceFor: (productId, qty) => termsPrice(t.prices, productId, qty),
  };
}

/**
 * Loads what the groups refer to: one query for the customers, one for all models, and the terms
 * of every (customer, order date) in a few more (`getCustomersTerms`). Never a query per row or
 * per order.
 */
async function loadCatalog(
  db: Kysely<DB>,
  groups: readonly OrderGroup[],
  today: string,
): Promise<IntakeCatalog> {
  const customers = new Map<string, IntakeCustomer>();
  for (const [code, c] of await findCustomersByCodes(db, [...new Set(groups.map((g) => g.customerCode))])) {
    customers.set(code, {
      id: c.id,
      currency: c.currency,
      paymentTerms: c.paymentTerms,
      active: c.active,
      defaultShipTo:
        c.addresses.find((a) => a.kind === 'ship_to' && a.isDefault)?.address ??
        c.addresses.find((a) => a.kind === 'ship_to')?.address ??
        null,
    });
  }
  const models = new Set<string>();
  for (const g of groups) {
    for (const l of g.lines) models.add(l.model);
    for (const m of g.otherModels) models.add(m.model);
  }
  const products = await findProductsByModels(db, [...models]);

  const wanted = new Map<string, { customerId: string; date: string }>();
  for (const g of groups) {
    const customer = customers.get(g.customerCode);
    if (!customer?.active) continue;
    const date = g.fields.orderDate ?? today;
    wanted.set(termsKey(customer.id, date), { customerId: customer.id, date });
  }
  const terms = new Map<string, IntakeTerms>();
  for (const [key, t] of await getCustomersTerms(db, [...wanted.values()])) terms.set(key, toIntakeTerms(t));
  return {
    customer: (code) => customers.get(code),
    productId: (model) => products.get(model)?.id,
    terms: (customerId, date) => terms.get(termsKey(customerId, date)),
  };
}

/** Parses and resolves the sources, without writing anything. */
export async function planIntake(db: Kysely<DB>, req: IntakeRequest): Promise<IntakePlan> {
  const parsed = parseOrderSheets(req.sources, req.defaults ? { defaults: req.defaults } : {});
  const receipts = new Map(
    (await findImportReceipts(db, req.kind, req.fileHash)).map((r) => [r.row_key, r.entity_id] as const),
  );
  const catalog = await loadCatalog(db, parsed.groups, req.today);
  const built = buildOrders(parsed.groups, catalog, req.today);
  const errors = [...parsed.errors];
  const orders: IntakeOrder[] = built.orders.map(({ errors: orderErrors, ...o }) => {
    const id = receipts.get(o.key) ?? null;
    // An order already made from this file stands, whatever the catalog says today.
    if (id === null) errors.push(...orderErrors);
    return { ...o, id, alreadyImported: id !== null };
  });
  errors.sort((a, b) => a.row - b.row);
  return { rows: parsed.rows, orders, errors };
}

export interface CommitOptions {
  kind: IntakeKind;
  channel: Extract<OrderChannel, 'import' | 'email'>;
  fileHash: string;
  /** The stored file, archived as a document of every order made. */
  stored: platform.StoredUpload;
  docType: 'import_file' | 'email';
  /** The timeline event written on every order made, with the document's id added to its data. */
  event: { type: 'imported' | 'email_received'; data: Record<string, unknown> };
}

/** Thrown when another request committed the same file first: the caller retries the whole use case. */
export class IntakeRaceError extends Error {
  constructor() {
    super('import committed concurrently');
    this.name = 'IntakeRaceError';
  }
}

/**
 * Orders written per statement by an import: small enough that Node builds the next batch while
 * PostgreSQL writes one, large enough that the statements' own cost stays small.
 */
const ORDERS_PER_BATCH = 250;

/** Creates the plan's new orders in `trx` (the plan must have no errors). Fills in their ids. */
export async function commitIntake(
  trx: Kysely<DB>,
  ctx: OrdersContext,
  user: AuthUser,
  plan: IntakePlan,
  opts: CommitOptions,
): Promise<void> {
  const fresh = plan.orders.filter((o): o is IntakeOrder & { body: CreateOrderBody } =>
    Boolean(!o.alreadyImported && o.body),
  );
  if (fresh.length === 0) return;
  const now = nowIso();
  const checked = await checkNewOrders(
    trx,
    ctx,
    fresh.map((o) => o.body),
    { channel: opts.channel, createdBy: user.id, pathPrefix: (i) => `orders[${i}]` },
  );
  // Orders, lines, their events, documents and audit rows, in batches: on PostgreSQL one
  // statement per batch, each built while the database writes the one before.
  await insertBatches(
    trx,
    chunks(fresh, ORDERS_PER_BATCH).map((part) => () => {
      const { created, rows } = newOrderRows(
        checked,
        part.map((o) => o.body),
      );
      part.forEach((o, i) => (o.id = created[i]!.id));
      const archive = platform.archiveRowsForNewEntities(
        ctx,
        user,
        { entityType: 'order', entityIds: created.map((c) => c.id), docType: opts.docType, shared: false },
        opts.stored,
      );
      const events = part.map((o, i) =>
        eventRow(
          ctx,
          created[i]!.id,
          {
            type: opts.event.type,
            data: { ...opts.event.data, documentId: archive.infos[i]!.id, rows: o.rows },
          },
          now,
        ),
      );
      return [...rows, ...archive.rows, eventTableRows(events)];
    }),
  );
  const receipts = fresh.map((o) => ({
    id: newId(),
    kind: opts.kind,
    file_hash: opts.fileHash,
    row_key: o.key,
    entity_id: o.id!,
    created_at: now,
  }));
  // On PostgreSQL a concurrent commit of the same file makes some of these inserts no-ops once
  // the other transaction commits (ON CONFLICT DO NOTHING): then that request made those orders.
  const inserted = await insertImportReceipts(trx, receipts);
  if (inserted < receipts.length) throw new IntakeRaceError();
}

// E-mail

export interface EmailIntakeInput {
  mail: ParsedEmail;
  sources: readonly SheetSource[];
  fileHash: string;
  today: string;
}

/**
 * The customer a mail is from: a `[code]` in the subject naming an active customer (explicit, so
 * it wins — e.g. a clerk forwarding a customer's mail), else the one active customer one of whose
 * contacts has the sender's address. A customer code column in the sheet still wins for its rows.
 */
async function emailCustomerCode(db: Kysely<DB>, mail: ParsedEmail): Promise<string | null> {
  for (const code of subjectCustomerCodes(mail.subject)) {
    const c = await findCustomerByCode(db, code);
    if (c?.active) return c.code;
  }
  if (mail.from) {
    const matches = (await catalogModule.findCustomersByContactEmail(db, mail.from)).filter((c) => c.active);
    if (matches.length === 1) return matches[0]!.code;
  }
  return null;
}

/** The intake request for a mail, with the mail-level errors (no lines, no customer, no PO). */
export async function emailIntakeRequest(
  db: Kysely<DB>,
  input: EmailIntakeInput,
): Promise<{ request: IntakeRequest; customerCode: string | null; errors: IntakeError[] }> {
  const customerCode = await emailCustomerCode(db, input.mail);
  const customerPo = subjectPo(input.mail.subject);
  const errors: IntakeError[] = [];
  if (input.sources.length === 0) errors.push({ row: 0, column: null, code: 'NO_LINES' });
  if (!customerCode && input.sources.some((s) => !('customerCode' in s.sheet.letters))) {
    errors.push({ row: 0, column: null, code: 'NO_CUSTOMER' });
  }
  if (!customerPo && input.sources.some((s) => !('customerPo' in s.sheet.letters))) {
    errors.push({ row: 0, column: null, code: 'NO_PO' });
  }
  return {
    request: {
      kind: 'order_email',
      fileHash: input.fileHash,
      sources: errors.length > 0 ? [] : input.sources,
      defaults: { customerCode, customerPo },
      today: input.today,
    },
    customerCode,
    errors,
  };
}
