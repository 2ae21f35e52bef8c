import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import { chunks as chunksOf } from '../../db/helpers';
import { containsText } from '../../db/helpers';
import type { CustomerTable, DB, ProductTable } from '../../db/schema';

/**
 * SQL of the catalog module for customers, products and the user look-ups they need (a read of the
 * identity module's `users` table, which DESIGN §3 allows). Agreements are in
 * catalog.agreements-repository.ts.
 */

export type CustomerRow = Selectable<CustomerTable>;
export type ProductRow = Selectable<ProductTable>;

/** IN lists are split so that no statement exceeds SQLite's or PostgreSQL's parameter limit. */
export const IN_CHUNK = 5000;

export function chunks<T>(items: readonly T[], size = IN_CHUNK): T[][] {
  return chunksOf(items, size);
}

/** Whether a database error is a unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export interface Page {
  limit: number;
  offset: number;
}

export type SortDir = 'asc' | 'desc';

// Customers

export const CUSTOMER_SORTS = {
  code: 'code',
  name: 'name',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const;

export interface CustomerFilter {
  q?: string | undefined;
  active?: boolean | undefined;
  clerkId?: string | undefined;
  /** Restricts to one customer (a portal user's own company). */
  onlyId?: string | undefined;
}

export async function customerExists(db: Kysely<DB>, id: string): Promise<boolean> {
  const r = await db.selectFrom('customers').select('id').where('id', '=', id).executeTakeFirst();
  return r !== undefined;
}

export function findCustomerById(db: Kysely<DB>, id: string) {
  return db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Customers whose contacts' JSON mentions an e-mail address (narrowed exactly by the caller). */
export function findCustomersMentioningEmail(db: Kysely<DB>, email: string) {
  return db.selectFrom('customers').selectAll().where(containsText('contacts', email)).limit(50).execute();
}

export function findCustomerByCode(db: Kysely<DB>, code: string) {
  return db.selectFrom('customers').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findCustomersByCodes(db: Kysely<DB>, codes: readonly string[]): Promise<CustomerRow[]> {
  const out: CustomerRow[] = [];
  for (const part of chunks([...new Set(codes)])) {
    out.push(...(await db.selectFrom('customers').selectAll().where('code', 'in', part).execute()));
  }
  return out;
}

export async function findCustomersByIds(db: Kysely<DB>, ids: readonly string[]): Promise<CustomerRow[]> {
  const out: CustomerRow[] = [];
  for (const part of chunks([...new Set(ids)])) {
    out.push(...(await db.selectFrom('customers').selectAll().where('id', 'in', part).execute()));
  }
  return out;
}

export async function insertCustomer(db: Kysely<DB>, row: Insertable<CustomerTable>): Promise<void> {
  await db.insertInto('customers').values(row).execute();
}

/** Many customers in few statements (500 rows of 18 values each, under every parameter limit). */
export async function insertCustomers(
  db: Kysely<DB>,
  rows: readonly Insertable<CustomerTable>[],
): Promise<void> {
  for (const part of chunks(rows, 500)) await db.insertInto('customers').values(part).execute();
}

/** Updates a customer only at the expected version; returns whether a row changed. */
export async function updateCustomerAtVersion(
  db: Kysely<DB>,
  id: string,
  version: number,
  patch: Updateable<CustomerTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('customers')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

function filteredCustomers(db: Kysely<DB>, f: CustomerFilter) {
  let q = db.selectFrom('customers');
  const text = f.q?.trim();
  if (text) {
    q = q.where((eb) =>
      eb.or([containsText('code', text), containsText('name', text), containsText('tax_id', text)]),
    );
  }
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.clerkId) q = q.where('clerk_id', '=', f.clerkId);
  if (f.onlyId) q = q.where('id', '=', f.onlyId);
  return q;
}

export function listCustomers(
  db: Kysely<DB>,
  f: CustomerFilter,
  sort: keyof typeof CUSTOMER_SORTS,
  dir: SortDir,
  page: Page,
): Promise<CustomerRow[]> {
  return filteredCustomers(db, f)
    .selectAll()
    .orderBy(CUSTOMER_SORTS[sort], dir)
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countCustomers(db: Kysely<DB>, f: CustomerFilter): Promise<number> {
  const r = await filteredCustomers(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// Products

export const PRODUCT_SORTS = {
  model: 'model',
  name: 'name',
  category: 'category',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const;

export interface ProductFilter {
  q?: string | undefined;
  active?: boolean | undefined;
  category?: string | undefined;
}

export async function productExists(db: Kysely<DB>, id: string): Promise<boolean> {
  const r = await db.selectFrom('products').select('id').where('id', '=', id).executeTakeFirst();
  return r !== undefined;
}

export function findProductById(db: Kysely<DB>, id: string) {
  return db.selectFrom('products').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findProductByModel(db: Kysely<DB>, model: string) {
  return db.selectFrom('products').selectAll().where('model', '=', model).executeTakeFirst();
}

export async function findProductsByIds(db: Kysely<DB>, ids: readonly string[]): Promise<ProductRow[]> {
  const out: ProductRow[] = [];
  for (const part of chunks([...new Set(ids)])) {
    out.push(...(await db.selectFrom('products').selectAll().where('id', 'in', part).execute()));
  }
  return out;
}

/** Of `ids`, those naming a product (active or not); one id-only query per chunk. */
export async function existingProductIds(db: Kysely<DB>, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (const part of chunks([...new Set(ids)])) {
    for (const r of await db.selectFrom('products').select('id').where('id', 'in', part).execute())
      out.add(r.id);
  }
  return out;
}

/** For each of `ids` naming a customer: whether it is active, and who its clerk is. */
export async function findCustomerStandings(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<Map<string, { active: boolean; clerkId: string | null }>> {
  const out = new Map<string, { active: boolean; clerkId: string | null }>();
  for (const part of chunks([...new Set(ids)])) {
    const rows = await db
      .selectFrom('customers')
      .select(['id', 'active', 'clerk_id'])
      .where('id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, { active: r.active === 1, clerkId: r.clerk_id });
  }
  return out;
}

/**
 * The customers and products an order names: whether each customer is active and who its clerk
 * is, and which products exist. One statement (a UNION ALL of both look-ups) when the ids fit one
 * IN list each; more ids take the chunked look-ups above.
 */
export async function findOrderReferences(
  db: Kysely<DB>,
  customerIds: readonly string[],
  productIds: readonly string[],
): Promise<{ customers: Map<string, { active: boolean; clerkId: string | null }>; products: Set<string> }> {
  const cIds = [...new Set(customerIds)];
  const pIds = [...new Set(productIds)];
  if (cIds.length === 0 || pIds.length === 0 || cIds.length + pIds.length > IN_CHUNK) {
    return { customers: await findCustomerStandings(db, cIds), products: await existingProductIds(db, pIds) };
  }
  const rows = await db
    .selectFrom('customers')
    .select([sql<string>`'c'`.as('kind'), 'id', 'active', 'clerk_id'])
    .where('id', 'in', cIds)
    .unionAll(
      db
        .selectFrom('products')
        .select([
          sql<string>`'p'`.as('kind'),
          'id',
          sql<number>`1`.as('active'),
          sql<string | null>`null`.as('clerk_id'),
        ])
        .where('id', 'in', pIds),
    )
    .execute();
  const customers = new Map<string, { active: boolean; clerkId: string | null }>();
  const products = new Set<string>();
  for (const r of rows) {
    if (r.kind === 'c') customers.set(r.id, { active: r.active === 1, clerkId: r.clerk_id });
    else products.add(r.id);
  }
  return { customers, products };
}

export async function findProductsByModels(db: Kysely<DB>, models: readonly string[]): Promise<ProductRow[]> {
  const out: ProductRow[] = [];
  for (const part of chunks([...new Set(models)])) {
    out.push(...(await db.selectFrom('products').selectAll().where('model', 'in', part).execute()));
  }
  return out;
}

export async function insertProduct(db: Kysely<DB>, row: Insertable<ProductTable>): Promise<void> {
  await db.insertInto('products').values(row).execute();
}

export async function insertProducts(
  db: Kysely<DB>,
  rows: readonly Insertable<ProductTable>[],
): Promise<void> {
  for (const part of chunks(rows, 500)) await db.insertInto('products').values(part).execute();
}

export async function updateProductAtVersion(
  db: Kysely<DB>,
  id: string,
  version: number,
  patch: Updateable<ProductTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('products')
    .set({ ...patch, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

function filteredProducts(db: Kysely<DB>, f: ProductFilter) {
  let q = db.selectFrom('products');
  const text = f.q?.trim();
  if (text) q = q.where((eb) => eb.or([containsText('model', text), containsText('name', text)]));
  if (f.active !== undefined) q = q.where('active', '=', f.active ? 1 : 0);
  if (f.category) q = q.where('category', '=', f.category);
  return q;
}

export function listProducts(
  db: Kysely<DB>,
  f: ProductFilter,
  sort: keyof typeof PRODUCT_SORTS,
  dir: SortDir,
  page: Page,
): Promise<ProductRow[]> {
  return filteredProducts(db, f)
    .selectAll()
    .orderBy(PRODUCT_SORTS[sort], dir)
    .orderBy('id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function countProducts(db: Kysely<DB>, f: ProductFilter): Promise<number> {
  const r = await filteredProducts(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

// Users (read only: clerks and sales reps assigned to customers)

export async function findUsersByIds(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<{ id: string; username: string }[]> {
  const out: { id: string; username: string }[] = [];
  for (const part of chunks([...new Set(ids)])) {
    out.push(...(await db.selectFrom('users').select(['id', 'username']).where('id', 'in', part).execute()));
  }
  return out;
}

export async function findUsersByUsernames(
  db: Kysely<DB>,
  usernames: readonly string[],
): Promise<{ id: string; username: string }[]> {
  const out: { id: string; username: string }[] = [];
  for (const part of chunks([...new Set(usernames)])) {
    out.push(
      ...(await db.selectFrom('users').select(['id', 'username']).where('username', 'in', part).execute()),
    );
  }
  return out;
}
