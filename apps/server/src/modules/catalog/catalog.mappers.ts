import type { Address, Agreement, Contact, Customer, Language, Product } from '@gendan/contracts';
import { bpToPct } from '../../lib/money';
import type { AgreementHeaderRow, AgreementLineRow } from './catalog.agreements-repository';
import type { CustomerRow, ProductRow } from './catalog.repository';

/** Table rows to the API's DTOs (DESIGN §5: JSON as text, booleans 0/1, money in minor units). */

function parseJson<T>(text: string | null, fallback: T): T {
  if (text === null || text === '') return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function toCustomer(row: CustomerRow): Customer {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    taxId: row.tax_id,
    currency: row.currency,
    creditLimit: row.credit_limit === null ? null : Number(row.credit_limit),
    paymentTerms: row.payment_terms,
    language: row.language as Language,
    clerkId: row.clerk_id,
    salesRepId: row.sales_rep_id,
    contacts: parseJson<Contact[]>(row.contacts, []),
    addresses: parseJson<Address[]>(row.addresses, []),
    notes: row.notes,
    active: Number(row.active) === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toProduct(row: ProductRow): Product {
  return {
    id: row.id,
    model: row.model,
    name: row.name,
    category: row.category as Product['category'],
    unit: row.unit,
    specs: parseJson<Record<string, string>>(row.specs, {}),
    packagingSpec: row.packaging_spec,
    standardLeadTimeDays: row.standard_lead_time_days,
    standardCost: row.standard_cost === null ? null : Number(row.standard_cost),
    costCurrency: row.cost_currency,
    active: Number(row.active) === 1,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export type AgreementLine = Agreement['lines'][number];

export function toAgreementLine(row: AgreementLineRow): AgreementLine {
  return {
    id: row.id,
    lineNo: row.line_no,
    productId: row.product_id,
    productModel: row.product_model,
    productName: row.product_name,
    unitPrice: Number(row.unit_price),
    minQty: row.min_qty,
    specs: parseJson<Record<string, string> | null>(row.specs, null),
    maxDiscountPct: row.max_discount_bp === null ? null : bpToPct(row.max_discount_bp),
  };
}

export function toAgreement(row: AgreementHeaderRow, lines: readonly AgreementLineRow[]): Agreement {
  return {
    id: row.id,
    kind: row.kind as Agreement['kind'],
    code: row.code,
    name: row.name,
    customerId: row.customer_id,
    customerName: row.customer_name,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    currency: row.currency,
    status: row.status as Agreement['status'],
    paymentTerms: row.payment_terms,
    packaging: row.packaging,
    acceptanceStandard: row.acceptance_standard,
    incoterm: row.incoterm,
    lines: lines.map(toAgreementLine),
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Groups line rows by agreement id, keeping their order. */
export function groupLines(lines: readonly AgreementLineRow[]): Map<string, AgreementLineRow[]> {
  const out = new Map<string, AgreementLineRow[]>();
  for (const l of lines) {
    const list = out.get(l.agreement_id);
    if (list) list.push(l);
    else out.set(l.agreement_id, [l]);
  }
  return out;
}

/** JSON with object keys sorted at every depth: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null || typeof value !== 'object')
    return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Whether two value objects hold the same data (`undefined` and `null` alike). */
export function sameValues(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}
