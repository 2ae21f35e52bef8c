import { describe, expect, it } from 'vitest';
import type { Agreement, Customer, Product } from '@gendan/contracts';
import { agreementFromGroup, groupAgreementRows, type AgreementLookups } from './catalog.agreements-sheet';
import { customerFromRow, planCustomerRows, withDefaultAddress } from './catalog.customers-sheet';
import { productFromRow } from './catalog.products-sheet';
import type { ParsedRow, RowIssue } from './catalog.sheets';

/** Rows of the master-data sheets to records: what is set, kept, cleared, and refused. */

const row = (n: number, values: Record<string, unknown>, invalid: string[] = []): ParsedRow => ({
  row: n,
  values,
  invalid: new Set(invalid),
});

const existingCustomer: Customer = {
  id: 'c1',
  code: 'C1',
  name: 'Old name',
  taxId: 'T-1',
  currency: 'CNY',
  creditLimit: 100,
  paymentTerms: 'T/T 30 days',
  language: 'zh-CN',
  clerkId: 'u-clerk',
  salesRepId: null,
  contacts: [
    { name: 'Wang', phone: '1', notify: ['shipping'] },
    { name: 'Li', notify: [] },
  ],
  addresses: [
    { kind: 'ship_to', address: 'Old dock', label: 'HQ', isDefault: true },
    { kind: 'bill_to', address: 'Billing', isDefault: true },
  ],
  notes: 'keep me',
  active: true,
  version: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('customer rows', () => {
  const users = new Map([['zhang', 'u-zhang']]);

  it('lays the row over the existing customer, keeping what the sheet does not hold', () => {
    const { values, issues } = customerFromRow(
      row(2, {
        code: 'C1',
        name: 'New name',
        creditLimit: null,
        clerk: 'zhang',
        contactName: 'Wang Fang',
        shipTo: 'New dock',
      }),
      existingCustomer,
      users,
    );
    expect(issues).toEqual([]);
    expect(values).toMatchObject({
      name: 'New name',
      creditLimit: null,
      clerkId: 'u-zhang',
      taxId: 'T-1',
      notes: 'keep me',
    });
    // The primary contact is renamed, its phone and notifications kept; the other contact stays.
    expect(values.contacts).toEqual([
      { name: 'Wang Fang', phone: '1', notify: ['shipping'] },
      { name: 'Li', notify: [] },
    ]);
    expect(values.addresses[0]).toEqual({
      kind: 'ship_to',
      address: 'New dock',
      label: 'HQ',
      isDefault: true,
    });
  });

  it('reports unknown usernames and contact cells without a contact name', () => {
    const { issues } = customerFromRow(
      row(5, {
        code: 'C9',
        name: 'N',
        currency: 'CNY',
        salesRep: 'ghost',
        contactName: null,
        contactPhone: '123',
      }),
      null,
      users,
    );
    expect(issues.map((i) => [i.row, i.key, i.code])).toEqual([
      [5, 'salesRep', 'UNKNOWN_REFERENCE'],
      [5, 'contactName', 'REQUIRED'],
    ]);
  });

  it('adds a default address of a kind that is missing', () => {
    expect(withDefaultAddress([], 'bill_to', 'X')).toEqual([
      { kind: 'bill_to', address: 'X', isDefault: true },
    ]);
    expect(
      withDefaultAddress([{ kind: 'ship_to', address: 'A', isDefault: false }], 'ship_to', null),
    ).toHaveLength(1);
  });

  it('plans create, update and unchanged, and maps schema errors to columns', () => {
    const issues: RowIssue[] = [];
    const items = planCustomerRows(
      [
        row(2, { code: 'C1', name: 'Old name' }),
        row(3, { code: 'C1', name: 'Changed' }),
        row(4, { code: 'NEW', name: 'New', currency: 'EUR', contactName: 'Z', contactEmail: 'nope' }),
      ],
      { existing: new Map([['C1', existingCustomer]]), userIds: users },
      issues,
    );
    expect(items.map((i) => i.change)).toEqual(['skip', 'update', 'create']);
    expect(issues.map((i) => [i.row, i.key, i.code])).toEqual([
      [3, 'code', 'DUPLICATE_KEY'],
      [4, 'contactEmail', 'INVALID_VALUE'],
    ]);
  });
});

describe('product rows', () => {
  const existing: Product = {
    id: 'p1',
    model: 'M1',
    name: 'Hinge',
    category: 'finished',
    unit: 'pcs',
    specs: { 材质: '钢' },
    packagingSpec: '100/box',
    standardLeadTimeDays: 10,
    standardCost: null,
    costCurrency: null,
    active: true,
    version: 1,
    createdAt: '',
    updatedAt: '',
  };
  it('sets present cells, clears blank optional ones, and prices a cost in the company currency', () => {
    const v = productFromRow(
      row(2, { model: 'M1', specs: null, packagingSpec: null, standardCost: 320 }),
      existing,
      'CNY',
    );
    expect(v).toMatchObject({
      name: 'Hinge',
      specs: {},
      packagingSpec: null,
      standardCost: 320,
      costCurrency: 'CNY',
    });
    const kept = productFromRow(row(2, { model: 'M1', name: null }, []), existing, 'CNY');
    expect(kept.name).toBe('Hinge');
  });
});

describe('agreement rows', () => {
  const lookups: AgreementLookups = {
    existing: new Map(),
    customerIds: new Map([['C1', 'c1']]),
    productIds: new Map([
      ['M1', 'p1'],
      ['M2', 'p2'],
    ]),
  };
  const header = {
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    currency: 'CNY',
    status: 'active',
    customer: 'C1',
  };

  it('groups rows by kind and code; a blank kind follows the earlier rows of its code', () => {
    const issues: RowIssue[] = [];
    const groups = groupAgreementRows(
      [
        row(2, { code: 'A', kind: 'contract' }),
        row(3, { code: 'A', kind: null }),
        row(4, { code: 'B', kind: 'price_list' }),
        row(5, { code: 'C', kind: null }),
      ],
      null,
      issues,
    );
    expect(groups.map((g) => [g.kind, g.code, g.rows.map((r) => r.row)])).toEqual([
      ['contract', 'A', [2, 3]],
      ['price_list', 'B', [4]],
    ]);
    expect(issues).toEqual([{ row: 5, key: 'kind', code: 'REQUIRED' }]);
    const only: RowIssue[] = [];
    expect(groupAgreementRows([row(2, { code: 'B', kind: 'price_list' })], 'contract', only)).toEqual([]);
    expect(only[0]).toMatchObject({ row: 2, key: 'kind', code: 'KIND_MISMATCH' });
  });

  it('builds one agreement with its tiers from the rows of a group', () => {
    const issues: RowIssue[] = [];
    const item = agreementFromGroup(
      {
        kind: 'contract',
        code: 'K',
        rows: [
          row(2, { code: 'K', ...header, product: 'M1', minQty: null, unitPrice: 1250, maxDiscountPct: 3 }),
          row(3, { code: 'K', validFrom: null, product: 'M1', minQty: 100, unitPrice: 1100 }),
        ],
      },
      lookups,
      issues,
    );
    expect(issues).toEqual([]);
    expect(item).toMatchObject({
      change: 'create',
      values: {
        customerId: 'c1',
        status: 'active',
        lines: [
          { productId: 'p1', minQty: 1, unitPrice: 1250, maxDiscountPct: 3 },
          { productId: 'p1', minQty: 100, unitPrice: 1100, maxDiscountPct: null },
        ],
      },
    });
  });

  it('finds an unchanged agreement unchanged', () => {
    const agreement: Agreement = {
      id: 'a1',
      kind: 'price_list',
      code: 'PL',
      name: null,
      customerId: null,
      customerName: null,
      validFrom: '2026-01-01',
      validTo: '2026-12-31',
      currency: 'CNY',
      status: 'active',
      paymentTerms: null,
      packaging: null,
      acceptanceStandard: null,
      incoterm: null,
      lines: [
        {
          id: 'l1',
          lineNo: 1,
          productId: 'p2',
          productModel: 'M2',
          productName: 'M2',
          unitPrice: 500,
          minQty: 1,
          specs: null,
          maxDiscountPct: null,
        },
      ],
      version: 2,
      createdAt: '',
      updatedAt: '',
    };
    const issues: RowIssue[] = [];
    const item = agreementFromGroup(
      {
        kind: 'price_list',
        code: 'PL',
        rows: [row(2, { code: 'PL', ...header, customer: null, product: 'M2', minQty: 1, unitPrice: 500 })],
      },
      { ...lookups, existing: new Map([['price_list PL', agreement]]) },
      issues,
    );
    expect(issues).toEqual([]);
    expect(item?.change).toBe('skip');
  });
});
