import type { Insertable, Kysely, Updateable } from 'kysely';
import { containsText } from '../../db/helpers';
import type { AgreementLineTable, AgreementTable, DB, ImportReceiptTable } from '../../db/schema';
import { chunks, type Page, type SortDir } from './catalog.repository';

/** SQL of the catalog module for price lists, contracts and quotations, and import receipts. */

function headers(db: Kysely<DB>) {
  return db
    .selectFrom('agreements')
    .leftJoin('customers', 'customers.id', 'agreements.customer_id')
    .selectAll('agreements')
    .select(['customers.name as customer_name', 'customers.code as customer_code']);
}

export type AgreementHeaderRow = Awaited<ReturnType<ReturnType<typeof headers>['executeTakeFirstOrThrow']>>;

function linesWithProducts(db: Kysely<DB>) {
  return db
    .selectFrom('agreement_lines')
    .innerJoin('products', 'products.id', 'agreement_lines.product_id')
    .selectAll('agreement_lines')
    .select([
      'products.model as product_model',
      'products.name as product_name',
      'products.unit as product_unit',
    ]);
}

export type AgreementLineRow = Awaited<
  ReturnType<ReturnType<typeof linesWithProducts>['executeTakeFirstOrThrow']>
>;

export async function findAgreementCustomerId(
  db: Kysely<DB>,
  id: string,
): Promise<{ customerId: string | null } | undefined> {
  const r = await db.selectFrom('agreements').select('customer_id').where('id', '=', id).executeTakeFirst();
  return r ? { customerId: r.customer_id } : undefined;
}

export function findAgreementById(db: Kysely<DB>, id: string) {
  return headers(db).where('agreements.id', '=', id).executeTakeFirst();
}

export async function findAgreementsByCodes(db: Kysely<DB>, codes: readonly string[]) {
  const out: AgreementHeaderRow[] = [];
  for (const part of chunks([...new Set(codes)])) {
    out.push(...(await headers(db).where('agreements.code', 'in', part).execute()));
  }
  return out;
}

/** The lines of the given agreements, optionally only for some products, in line order. */
export async function findLines(
  db: Kysely<DB>,
  agreementIds: readonly string[],
  productIds?: readonly string[],
): Promise<AgreementLineRow[]> {
  if (agreementIds.length === 0 || productIds?.length === 0) return [];
  const out: AgreementLineRow[] = [];
  for (const part of chunks([...new Set(agreementIds)])) {
    let q = linesWithProducts(db).where('agreement_lines.agreement_id', 'in', part);
    if (productIds) q = q.where('agreement_lines.product_id', 'in', [...new Set(productIds)]);
    out.push(
      ...(await q.orderBy('agreement_lines.agreement_id').orderBy('agreement_lines.line_no').execute()),
    );
  }
  return out;
}

export async function insertAgreement(db: Kysely<DB>, row: Insertable<AgreementTable>): Promise<void> {
  await db.insertInto('agreements').values(row).execute();
}

export async function updateAgreementAtVersion(
  db: Kysely<DB>,
  id: string,
  version: number,
  patch: Updateable<AgreementTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('agreements')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Nine values per line: 1,000 lines stay well under every parameter limit. */
const LINE_BATCH = 1000;

export async function replaceLines(
  db: Kysely<DB>,
  agreementId: string,
  lines: readonly Insertable<AgreementLineTable>[],
): Promise<void> {
  await db.deleteFrom('agreement_lines').where('agreement_id', '=', agreementId).execute();
  for (const part of chunks(lines, LINE_BATCH)) {
    await db.insertInto('agreement_lines').values(part).execute();
  }
}

export const AGREEMENT_SORTS = {
  code: 'agreements.code',
  validFrom: 'agreements.valid_from',
  validTo: 'agreements.valid_to',
  status: 'agreements.status',
  createdAt: 'agreements.created_at',
  updatedAt: 'agreements.updated_at',
} as const;

export interface AgreementFilter {
  /** One kind, or every kind when absent. */
  kind?: string | undefined;
  q?: string | undefined;
  customerId?: string | undefined;
  status?: string | undefined;
}

function filteredAgreements(db: Kysely<DB>, f: AgreementFilter) {
  let q = db.selectFrom('agreements');
  if (f.kind) q = q.where('agreements.kind', '=', f.kind);
  const text = f.q?.trim();
  if (text) {
    q = q.where((eb) =>
      eb.or([containsText('agreements.code', text), containsText('agreements.name', text)]),
    );
  }
  if (f.customerId) q = q.where('agreements.customer_id', '=', f.customerId);
  if (f.status) q = q.where('agreements.status', '=', f.status);
  return q;
}

export function listAgreements(
  db: Kysely<DB>,
  f: AgreementFilter,
  sort: keyof typeof AGREEMENT_SORTS,
  dir: SortDir,
  page: Page,
): Promise<AgreementHeaderRow[]> {
  return filteredAgreements(db, f)
    .leftJoin('customers', 'customers.id', 'agreements.customer_id')
    .selectAll('agreements')
    .select(['customers.name as customer_name', 'customers.code as customer_code'])
    .orderBy(AGREEMENT_SORTS[sort], dir)
    .orderBy('agreements.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countAgreements(db: Kysely<DB>, f: AgreementFilter): Promise<number> {
  const r = await filteredAgreements(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Active agreements valid on `date` that apply to a customer: its own, and (unless
 * `customerOnly`) the general ones (no customer). One statement, on the (customer_id, status,
 * valid_from) index.
 */
/** The active agreements of any of the customers (their own, never general ones) valid on `date`. */
export async function findCustomersActiveAgreements(
  db: Kysely<DB>,
  f: { customerIds: readonly string[]; date: string },
): Promise<AgreementHeaderRow[]> {
  const out: AgreementHeaderRow[] = [];
  for (const part of chunks([...new Set(f.customerIds)])) {
    out.push(
      ...(await headers(db)
        .where('agreements.status', '=', 'active')
        .where('agreements.valid_from', '<=', f.date)
        .where('agreements.valid_to', '>=', f.date)
        .where('agreements.customer_id', 'in', part)
        .execute()),
    );
  }
  return out;
}

export function findActiveAgreements(
  db: Kysely<DB>,
  f: { customerId: string; date: string; customerOnly?: boolean },
): Promise<AgreementHeaderRow[]> {
  return headers(db)
    .where('agreements.status', '=', 'active')
    .where('agreements.valid_from', '<=', f.date)
    .where('agreements.valid_to', '>=', f.date)
    .where((eb) =>
      f.customerOnly
        ? eb('agreements.customer_id', '=', f.customerId)
        : eb.or([eb('agreements.customer_id', '=', f.customerId), eb('agreements.customer_id', 'is', null)]),
    )
    .execute();
}

// Import receipts: which rows of which file were committed (file hash + row key).

export async function findImportReceipts(db: Kysely<DB>, kind: string, fileHash: string) {
  return db
    .selectFrom('import_receipts')
    .select(['row_key', 'entity_id'])
    .where('kind', '=', kind)
    .where('file_hash', '=', fileHash)
    .execute();
}

/** Inserts receipts, skipping any a concurrent commit already wrote; returns how many it wrote. */
export async function insertImportReceipts(
  db: Kysely<DB>,
  rows: readonly Insertable<ImportReceiptTable>[],
): Promise<number> {
  let inserted = 0;
  for (const part of chunks(rows, 1000)) {
    const written = await db
      .insertInto('import_receipts')
      .values(part)
      .onConflict((oc) => oc.columns(['kind', 'file_hash', 'row_key']).doNothing())
      .returning('id')
      .execute();
    inserted += written.length;
  }
  return inserted;
}
