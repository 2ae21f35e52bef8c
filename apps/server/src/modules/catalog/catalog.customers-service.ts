import type { Kysely } from 'kysely';
import type {
  Address,
  Contact,
  CreateCustomerBody,
  Customer,
  Language,
  UpdateCustomerBody,
} from '@gendan/contracts';
import type { DB } from '../../db/schema';
import { AppError, assertVersion, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { nowIso } from '../../lib/time';
import { audit } from '../platform/index';
import { sameValues, toCustomer } from './catalog.mappers';
import * as repo from './catalog.repository';
import {
  addressIssues,
  currencyIssue,
  fieldError,
  langOf,
  referenceError,
  type CatalogContext,
  type FieldIssue,
  type ReferenceIssue,
} from './catalog.validation';

/** Customers: create, change, read, list. Contacts and addresses are JSON on the customer row. */

export interface CustomerValues {
  code: string;
  name: string;
  taxId: string | null;
  currency: string;
  creditLimit: number | null;
  paymentTerms: string | null;
  language: Language;
  clerkId: string | null;
  salesRepId: string | null;
  contacts: Contact[];
  addresses: Address[];
  notes: string | null;
  active: boolean;
}

export function customerValues(c: Customer): CustomerValues {
  return {
    code: c.code,
    name: c.name,
    taxId: c.taxId,
    currency: c.currency,
    creditLimit: c.creditLimit,
    paymentTerms: c.paymentTerms,
    language: c.language,
    clerkId: c.clerkId,
    salesRepId: c.salesRepId,
    contacts: c.contacts,
    addresses: c.addresses,
    notes: c.notes,
    active: c.active,
  };
}

const EMPTY: CustomerValues = {
  code: '',
  name: '',
  taxId: null,
  currency: 'CNY',
  creditLimit: null,
  paymentTerms: null,
  language: 'zh-CN',
  clerkId: null,
  salesRepId: null,
  contacts: [],
  addresses: [],
  notes: null,
  active: true,
};

/** Overlays sent fields on `base`: `undefined` keeps a value, `null` clears it. */
export function applyCustomerInput(
  base: CustomerValues,
  input: Partial<CreateCustomerBody> | Omit<UpdateCustomerBody, 'version'>,
): CustomerValues {
  const v = { ...base };
  if (input.code !== undefined) v.code = input.code;
  if (input.name !== undefined) v.name = input.name;
  if (input.taxId !== undefined) v.taxId = input.taxId;
  if (input.currency !== undefined) v.currency = input.currency;
  if (input.creditLimit !== undefined) v.creditLimit = input.creditLimit;
  if (input.paymentTerms !== undefined) v.paymentTerms = input.paymentTerms;
  if (input.language !== undefined) v.language = input.language;
  if (input.clerkId !== undefined) v.clerkId = input.clerkId;
  if (input.salesRepId !== undefined) v.salesRepId = input.salesRepId;
  if (input.contacts !== undefined) v.contacts = input.contacts;
  if (input.addresses !== undefined) v.addresses = input.addresses;
  if (input.notes !== undefined) v.notes = input.notes;
  if (input.active !== undefined) v.active = input.active;
  return v;
}

export function newCustomerValues(input: CreateCustomerBody): CustomerValues {
  return applyCustomerInput(EMPTY, input);
}

export type CustomerColumns = Omit<repo.CustomerRow, 'id' | 'version' | 'created_at' | 'updated_at'>;

export function customerColumns(v: CustomerValues): CustomerColumns {
  return {
    code: v.code,
    name: v.name,
    tax_id: v.taxId ?? null,
    currency: v.currency,
    credit_limit: v.creditLimit ?? null,
    payment_terms: v.paymentTerms ?? null,
    language: v.language,
    clerk_id: v.clerkId ?? null,
    sales_rep_id: v.salesRepId ?? null,
    contacts: JSON.stringify(v.contacts),
    addresses: JSON.stringify(v.addresses),
    notes: v.notes ?? null,
    active: v.active ? 1 : 0,
  };
}

/** Checks that need no database: currency and default addresses. */
export function customerFieldIssues(v: CustomerValues, root = 'body'): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const currency = currencyIssue(`${root}.currency`, v.currency);
  if (currency) issues.push(currency);
  issues.push(...addressIssues(v.addresses, root));
  return issues;
}

async function checkCustomer(
  db: Kysely<DB>,
  ctx: CatalogContext,
  v: CustomerValues,
  before: CustomerValues | null,
  selfId: string | null,
): Promise<void> {
  const lang = langOf(ctx);
  const issues = customerFieldIssues(v);
  if (issues.length) throw fieldError(issues, lang);
  const userRefs: { key: 'clerkId' | 'salesRepId'; id: string }[] = [];
  for (const key of ['clerkId', 'salesRepId'] as const) {
    const id = v[key];
    if (id && id !== before?.[key]) userRefs.push({ key, id });
  }
  if (userRefs.length) {
    const found = new Set(
      (
        await repo.findUsersByIds(
          db,
          userRefs.map((r) => r.id),
        )
      ).map((u) => u.id),
    );
    const missing: ReferenceIssue[] = userRefs
      .filter((r) => !found.has(r.id))
      .map((r) => ({ path: `body.${r.key}`, entity: 'user', value: r.id }));
    if (missing.length) throw referenceError(missing, lang);
  }
  if (v.code !== before?.code) {
    const other = await repo.findCustomerByCode(db, v.code);
    if (other && other.id !== selfId) throw new AppError('CODE_TAKEN', { entity: 'customer', code: v.code });
  }
}

function codeTaken(err: unknown, code: string): unknown {
  return repo.isUniqueViolation(err) ? new AppError('CODE_TAKEN', { entity: 'customer', code }) : err;
}

export async function createCustomer(
  db: Kysely<DB>,
  ctx: CatalogContext,
  input: CreateCustomerBody,
): Promise<Customer> {
  const v = newCustomerValues(input);
  await checkCustomer(db, ctx, v, null, null);
  const now = nowIso();
  const id = newId();
  const row: repo.CustomerRow = { id, ...customerColumns(v), version: 1, created_at: now, updated_at: now };
  try {
    await repo.insertCustomer(db, row);
  } catch (err) {
    throw codeTaken(err, v.code);
  }
  const customer = toCustomer(row);
  await audit(db, ctx, { entityType: 'customer', entityId: id, action: 'create', after: customer });
  return customer;
}

export async function updateCustomer(
  db: Kysely<DB>,
  ctx: CatalogContext,
  id: string,
  patch: UpdateCustomerBody,
): Promise<Customer> {
  const row = await repo.findCustomerById(db, id);
  if (!row) throw notFound('customer');
  assertVersion(row.version, patch.version);
  const before = toCustomer(row);
  const { version, ...fields } = patch;
  const v = applyCustomerInput(customerValues(before), fields);
  if (sameValues(v, customerValues(before))) return before;
  await checkCustomer(db, ctx, v, customerValues(before), id);
  let changed: boolean;
  try {
    changed = await repo.updateCustomerAtVersion(db, id, version, {
      ...customerColumns(v),
      updated_at: nowIso(),
    });
  } catch (err) {
    throw codeTaken(err, v.code);
  }
  if (!changed) {
    const latest = await repo.findCustomerById(db, id);
    throw new AppError('VERSION_CONFLICT', { current: latest?.version ?? '-', sent: version });
  }
  const after = await getCustomerOrThrow(db, id);
  await audit(db, ctx, { entityType: 'customer', entityId: id, action: 'update', before, after });
  return after;
}

export async function getCustomer(db: Kysely<DB>, id: string): Promise<Customer | undefined> {
  const row = await repo.findCustomerById(db, id);
  return row ? toCustomer(row) : undefined;
}

export async function getCustomerOrThrow(db: Kysely<DB>, id: string): Promise<Customer> {
  const c = await getCustomer(db, id);
  if (!c) throw notFound('customer');
  return c;
}

export async function findCustomerByCode(db: Kysely<DB>, code: string): Promise<Customer | undefined> {
  const row = await repo.findCustomerByCode(db, code);
  return row ? toCustomer(row) : undefined;
}

/** Customers by code, in one query whatever their number; unknown codes are left out. */
export async function findCustomersByCodes(
  db: Kysely<DB>,
  codes: readonly string[],
): Promise<Map<string, Customer>> {
  if (codes.length === 0) return new Map();
  return new Map((await repo.findCustomersByCodes(db, codes)).map((r) => [r.code, toCustomer(r)]));
}

/** Customers with a contact whose e-mail is exactly this address (case-insensitive). */
export async function findCustomersByContactEmail(db: Kysely<DB>, email: string): Promise<Customer[]> {
  const wanted = email.trim().toLowerCase();
  if (!wanted) return [];
  const rows = await repo.findCustomersMentioningEmail(db, wanted);
  return rows
    .map(toCustomer)
    .filter((c) => c.contacts.some((k) => (k.email ?? '').trim().toLowerCase() === wanted));
}

export interface CustomerListQuery {
  filter: repo.CustomerFilter;
  sort: keyof typeof repo.CUSTOMER_SORTS;
  dir: repo.SortDir;
  page: number;
  pageSize: number;
}

export async function listCustomers(
  db: Kysely<DB>,
  q: CustomerListQuery,
): Promise<{ items: Customer[]; total: number }> {
  const [rows, total] = await Promise.all([
    repo.listCustomers(db, q.filter, q.sort, q.dir, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    repo.countCustomers(db, q.filter),
  ]);
  return { items: rows.map(toCustomer), total };
}
