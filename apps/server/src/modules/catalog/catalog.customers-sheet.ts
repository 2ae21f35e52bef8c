import type { Kysely } from 'kysely';
import {
  createCustomerBodySchema,
  type Address,
  type Contact,
  type Customer,
  type Language,
} from '@gendan/contracts';
import type { DB } from '../../db/schema';
import {
  customerColumns,
  customerFieldIssues,
  customerValues,
  newCustomerValues,
  type CustomerValues,
} from './catalog.customers-service';
import {
  fieldRowIssues,
  upsertPlan,
  zodRowIssues,
  type ImportPlan,
  type PathToKey,
  type Planner,
} from './catalog.import';
import { sameValues, toCustomer } from './catalog.mappers';
import * as repo from './catalog.repository';
import { CUSTOMER_COLUMNS, LANGUAGE_CHOICES } from './catalog.sheet-columns';
import { choiceLabel, duplicateKeys, word, type ParsedRow, type RowIssue } from './catalog.sheets';

/** Customer sheets: row → customer values (pure), the import planner, and export rows. */

export interface CustomerPlanItem {
  row: number;
  before: Customer | null;
  values: CustomerValues;
  change: 'create' | 'update' | 'skip';
}

export interface CustomerLookups {
  /** Existing customers by code. */
  existing: ReadonlyMap<string, Customer>;
  /** User ids by username. */
  userIds: ReadonlyMap<string, string>;
}

const has = (r: ParsedRow, key: string) => Object.hasOwn(r.values, key);
const text = (r: ParsedRow, key: string) => r.values[key] as string | null;

/** Upserts the primary contact from the contact columns (a blank name leaves contacts alone). */
function withPrimaryContact(r: ParsedRow, contacts: Contact[]): Contact[] {
  const name = has(r, 'contactName') ? text(r, 'contactName') : null;
  if (!name) return contacts;
  const [primary, ...rest] = contacts;
  const next: Contact = { ...(primary ?? { notify: [] }), name };
  if (has(r, 'contactPhone')) next.phone = text(r, 'contactPhone');
  if (has(r, 'contactEmail')) next.email = text(r, 'contactEmail');
  if (has(r, 'contactWechat')) next.wechat = text(r, 'contactWechat');
  return [next, ...rest];
}

/** Sets the default address of a kind to `address` (a blank cell leaves addresses alone). */
export function withDefaultAddress(
  addresses: Address[],
  kind: Address['kind'],
  address: string | null,
): Address[] {
  if (!address) return addresses;
  const i =
    addresses.findIndex((a) => a.kind === kind && a.isDefault) >= 0
      ? addresses.findIndex((a) => a.kind === kind && a.isDefault)
      : addresses.findIndex((a) => a.kind === kind);
  if (i < 0) return [...addresses, { kind, address, isDefault: true }];
  return addresses.map((a, j) => (j === i ? { ...a, address } : a));
}

/**
 * One row's customer values: the existing customer (or a new one) with the row's cells laid over
 * it. Unknown usernames come back as issues.
 */
export function customerFromRow(
  r: ParsedRow,
  before: Customer | null,
  userIds: ReadonlyMap<string, string>,
): { values: CustomerValues; issues: RowIssue[] } {
  const issues: RowIssue[] = [];
  const code = text(r, 'code') ?? '';
  const v: CustomerValues = before
    ? customerValues(before)
    : newCustomerValues({ code, name: '', currency: 'CNY' });
  const set = <K extends keyof CustomerValues>(
    key: string,
    field: K,
    value: CustomerValues[K] | null | undefined,
  ) => {
    if (!has(r, key) || r.invalid.has(key)) return;
    if (value === null || value === undefined) {
      if (CUSTOMER_COLUMNS.find((c) => c.key === key)?.required) return;
    }
    v[field] = value as CustomerValues[K];
  };
  set('name', 'name', text(r, 'name'));
  set('taxId', 'taxId', text(r, 'taxId'));
  set('currency', 'currency', text(r, 'currency')?.toUpperCase());
  set('creditLimit', 'creditLimit', r.values.creditLimit as number | null);
  set('paymentTerms', 'paymentTerms', text(r, 'paymentTerms'));
  set('language', 'language', (r.values.language as Language | null) ?? 'zh-CN');
  set('notes', 'notes', text(r, 'notes'));
  set('active', 'active', (r.values.active as boolean | null) ?? true);
  for (const [key, field] of [
    ['clerk', 'clerkId'],
    ['salesRep', 'salesRepId'],
  ] as const) {
    if (!has(r, key) || r.invalid.has(key)) continue;
    const username = text(r, key);
    const id = username ? userIds.get(username) : null;
    if (username && !id) {
      issues.push({
        row: r.row,
        key,
        code: 'UNKNOWN_REFERENCE',
        params: { entity: word('用户', 'User'), value: username },
      });
    } else {
      v[field] = id ?? null;
    }
  }
  const contactCells = ['contactPhone', 'contactEmail', 'contactWechat'].some((k) => text(r, k));
  if (contactCells && has(r, 'contactName') && !text(r, 'contactName')) {
    issues.push({ row: r.row, key: 'contactName', code: 'REQUIRED' });
  }
  v.contacts = withPrimaryContact(r, v.contacts);
  v.addresses = withDefaultAddress(v.addresses, 'ship_to', has(r, 'shipTo') ? text(r, 'shipTo') : null);
  v.addresses = withDefaultAddress(v.addresses, 'bill_to', has(r, 'billTo') ? text(r, 'billTo') : null);
  return { values: v, issues };
}

const CONTACT_KEYS: Record<string, string> = {
  name: 'contactName',
  phone: 'contactPhone',
  email: 'contactEmail',
  wechat: 'contactWechat',
};

/** Which column a body path of a customer came from. */
export function customerKeyOf(values: CustomerValues): PathToKey {
  return (path) => {
    const [head, index, field] = path;
    if (head === 'clerkId') return 'clerk';
    if (head === 'salesRepId') return 'salesRep';
    if (head === 'contacts')
      return index === 0 && typeof field === 'string' ? (CONTACT_KEYS[field] ?? 'contactName') : null;
    if (head === 'addresses' && typeof index === 'number') {
      return values.addresses[index]?.kind === 'bill_to' ? 'billTo' : 'shipTo';
    }
    return typeof head === 'string' && CUSTOMER_KEYS.has(head) ? head : null;
  };
}

const CUSTOMER_KEYS = new Set(CUSTOMER_COLUMNS.map((c) => c.key));

/** Plans every row (pure): the values, what changes, and every issue found. */
export function planCustomerRows(
  rows: readonly ParsedRow[],
  lookups: CustomerLookups,
  issues: RowIssue[],
): CustomerPlanItem[] {
  issues.push(...duplicateKeys(rows, 'code'));
  const items: CustomerPlanItem[] = [];
  for (const r of rows) {
    const code = text(r, 'code');
    if (!code) continue;
    const before = lookups.existing.get(code) ?? null;
    const { values, issues: rowIssues } = customerFromRow(r, before, lookups.userIds);
    issues.push(...rowIssues);
    const keyOf = customerKeyOf(values);
    const rowOf = () => r.row;
    const parsed = createCustomerBodySchema.safeParse(values);
    if (!parsed.success) issues.push(...zodRowIssues(parsed.error, rowOf, keyOf));
    issues.push(...fieldRowIssues(customerFieldIssues(values), rowOf, keyOf));
    // Zod's output fills defaults (a new contact's `notify: []`), as the API would store them.
    const normalised: CustomerValues = parsed.success ? { ...values, ...parsed.data } : values;
    const change = !before ? 'create' : sameValues(normalised, customerValues(before)) ? 'skip' : 'update';
    items.push({ row: r.row, before, values: normalised, change });
  }
  return items;
}

export const planCustomers: Planner = async (db, file, issues) => {
  const codes = file.rows.map((r) => text(r, 'code')).filter((c): c is string => !!c);
  const usernames = file.rows
    .flatMap((r) => [text(r, 'clerk'), text(r, 'salesRep')])
    .filter((u): u is string => !!u);
  const [existing, users] = await Promise.all([
    repo.findCustomersByCodes(db, codes),
    usernames.length ? repo.findUsersByUsernames(db, usernames) : Promise.resolve([]),
  ]);
  const items = planCustomerRows(
    file.rows,
    {
      existing: new Map(existing.map((c) => [c.code, toCustomer(c)])),
      userIds: new Map(users.map((u) => [u.username, u.id])),
    },
    issues,
  );
  return customersPlan(items);
};

function customersPlan(items: readonly CustomerPlanItem[]): ImportPlan {
  return upsertPlan(items, {
    entityType: 'customer',
    columns: customerColumns,
    toRecord: toCustomer,
    insert: repo.insertCustomers,
    updateAtVersion: repo.updateCustomerAtVersion,
  });
}

/** A customer as a sheet row (money in major units, users by username, labels in `lang`). */
export function customerSheetRow(
  c: Customer,
  usernames: ReadonlyMap<string, string>,
  lang: Language,
): Record<string, unknown> {
  const contact = c.contacts[0];
  const address = (kind: Address['kind']) =>
    (c.addresses.find((a) => a.kind === kind && a.isDefault) ?? c.addresses.find((a) => a.kind === kind))
      ?.address ?? null;
  return {
    code: c.code,
    name: c.name,
    taxId: c.taxId,
    currency: c.currency,
    creditLimit: c.creditLimit === null ? null : c.creditLimit / 100,
    paymentTerms: c.paymentTerms,
    language: choiceLabel(LANGUAGE_CHOICES, c.language, lang),
    clerk: c.clerkId ? (usernames.get(c.clerkId) ?? null) : null,
    salesRep: c.salesRepId ? (usernames.get(c.salesRepId) ?? null) : null,
    contactName: contact?.name ?? null,
    contactPhone: contact?.phone ?? null,
    contactEmail: contact?.email ?? null,
    contactWechat: contact?.wechat ?? null,
    shipTo: address('ship_to'),
    billTo: address('bill_to'),
    notes: c.notes,
    active: lang === 'en' ? (c.active ? 'yes' : 'no') : c.active ? '是' : '否',
  };
}

export async function customerExportRows(db: Kysely<DB>, customers: readonly Customer[], lang: Language) {
  const userIds = customers.flatMap((c) => [c.clerkId, c.salesRepId]).filter((x): x is string => !!x);
  const users = userIds.length ? await repo.findUsersByIds(db, userIds) : [];
  const usernames = new Map(users.map((u) => [u.id, u.username]));
  return customers.map((c) => customerSheetRow(c, usernames, lang));
}

/** The example row of the template. */
export const CUSTOMER_EXAMPLE: Record<string, unknown> = {
  code: 'C-HD001',
  name: '宁波恒达贸易有限公司',
  taxId: '91330200MA2XXXXXXX',
  currency: 'CNY',
  creditLimit: 500000,
  paymentTerms: 'T/T 30 days',
  language: '中文',
  clerk: null,
  salesRep: null,
  contactName: '王芳',
  contactPhone: '13800000000',
  contactEmail: 'wang@example.com',
  contactWechat: 'wangfang',
  shipTo: '浙江省宁波市北仑区XX路1号',
  billTo: null,
  notes: null,
  active: '是',
};
