import type {
  AddressKind,
  Contact,
  CreateCustomerBody,
  Customer,
  Language,
  NotificationKind,
  UpdateCustomerBody,
} from '@gendan/contracts';
import { toMajor, toMinor } from './money';

/** The customer form's values: money in major units, optional text as possibly-empty strings. */
export interface ContactRow {
  name: string;
  title?: string;
  phone?: string;
  email?: string;
  wechat?: string;
  notify: NotificationKind[];
}

export interface AddressRow {
  kind: AddressKind;
  label?: string;
  address: string;
  contact?: string;
  phone?: string;
  isDefault: boolean;
}

export interface CustomerValues {
  code: string;
  name: string;
  taxId?: string;
  currency: string;
  creditLimit?: number | null;
  paymentTerms?: string;
  language: Language;
  clerkId?: string;
  salesRepId?: string;
  notes?: string;
  active: boolean;
  contacts: ContactRow[];
  addresses: AddressRow[];
}

/** Trimmed text, or null when empty. */
export function textOrNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

const orEmpty = (v: string | null | undefined) => v ?? '';

export function newCustomerValues(currency: string, language: Language): CustomerValues {
  return { code: '', name: '', currency, language, active: true, contacts: [], addresses: [] };
}

export function customerToValues(c: Customer): CustomerValues {
  return {
    code: c.code,
    name: c.name,
    taxId: orEmpty(c.taxId),
    currency: c.currency,
    creditLimit: toMajor(c.creditLimit),
    paymentTerms: orEmpty(c.paymentTerms),
    language: c.language,
    clerkId: c.clerkId ?? undefined,
    salesRepId: c.salesRepId ?? undefined,
    notes: orEmpty(c.notes),
    active: c.active,
    contacts: c.contacts.map((k) => ({
      name: k.name,
      title: orEmpty(k.title),
      phone: orEmpty(k.phone),
      email: orEmpty(k.email),
      wechat: orEmpty(k.wechat),
      notify: [...k.notify],
    })),
    addresses: c.addresses.map((a) => ({
      kind: a.kind,
      label: orEmpty(a.label),
      address: a.address,
      contact: orEmpty(a.contact),
      phone: orEmpty(a.phone),
      isDefault: a.isDefault,
    })),
  };
}

function contactsOf(rows: readonly ContactRow[] | undefined): Contact[] {
  return (rows ?? []).map((k) => ({
    name: k.name.trim(),
    title: textOrNull(k.title),
    phone: textOrNull(k.phone),
    email: textOrNull(k.email),
    wechat: textOrNull(k.wechat),
    notify: [...(k.notify ?? [])],
  }));
}

function addressesOf(rows: readonly AddressRow[] | undefined) {
  return (rows ?? []).map((a) => ({
    kind: a.kind,
    label: textOrNull(a.label),
    address: a.address.trim(),
    contact: textOrNull(a.contact),
    phone: textOrNull(a.phone),
    isDefault: Boolean(a.isDefault),
  }));
}

export function valuesToCreateBody(v: CustomerValues): CreateCustomerBody {
  return {
    code: v.code.trim(),
    name: v.name.trim(),
    taxId: textOrNull(v.taxId),
    currency: v.currency.trim().toUpperCase(),
    creditLimit: toMinor(v.creditLimit),
    paymentTerms: textOrNull(v.paymentTerms),
    language: v.language,
    clerkId: v.clerkId ?? null,
    salesRepId: v.salesRepId ?? null,
    notes: textOrNull(v.notes),
    active: v.active,
    contacts: contactsOf(v.contacts),
    addresses: addressesOf(v.addresses),
  };
}

export function valuesToUpdateBody(v: CustomerValues, version: number): UpdateCustomerBody {
  return { version, ...valuesToCreateBody(v) };
}
