import { createAgreementBodySchema, type Agreement, type Language } from '@gendan/contracts';
import { AppError } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { nowIso } from '../../lib/time';
import { audit } from '../platform/index';
import * as arepo from './catalog.agreements-repository';
import {
  agreementFieldIssues,
  agreementValues,
  getAgreement,
  headerColumns,
  lineRows,
  type AgreementKind,
  type AgreementValues,
} from './catalog.agreements-service';
import { fieldRowIssues, zodRowIssues, type ImportPlan, type Planner } from './catalog.import';
import { canonicalJson, groupLines, sameValues, toAgreement } from './catalog.mappers';
import * as repo from './catalog.repository';
import { AGREEMENT_HEADER_KEYS, KIND_CHOICES, STATUS_CHOICES } from './catalog.sheet-columns';
import { choiceLabel, formatSpecs, word, type ParsedRow, type RowIssue } from './catalog.sheets';
import { canChangeStatus } from './catalog.status';

/**
 * Agreement sheets: one row per line (product and quantity tier); the rows sharing a kind and code
 * form one agreement, whose header cells (dates, customer, terms…) are read from its first row —
 * later rows may leave them blank or must repeat them. An existing agreement gets the file's lines
 * in place of its own.
 */

export interface AgreementGroup {
  kind: AgreementKind;
  code: string;
  rows: ParsedRow[];
}

export interface AgreementLookups {
  /** Existing agreements by `${kind} ${code}`. */
  existing: ReadonlyMap<string, Agreement>;
  customerIds: ReadonlyMap<string, string>;
  productIds: ReadonlyMap<string, string>;
}

export interface AgreementPlanItem {
  kind: AgreementKind;
  firstRow: number;
  before: Agreement | null;
  values: AgreementValues;
  change: 'create' | 'update' | 'skip';
}

export const groupKey = (kind: string, code: string) => `${kind} ${code}`;

const kindWord = (kind: AgreementKind) => {
  const c = KIND_CHOICES.find((k) => k.value === kind)!;
  return word(c.zh, c.en);
};
const statusWord = (s: string) => {
  const c = STATUS_CHOICES.find((k) => k.value === s);
  return c ? word(c.zh, c.en) : s;
};

/** Groups rows into agreements; rows of another kind than `onlyKind` (when set) are issues. */
export function groupAgreementRows(
  rows: readonly ParsedRow[],
  onlyKind: AgreementKind | null,
  issues: RowIssue[],
): AgreementGroup[] {
  const groups = new Map<string, AgreementGroup>();
  /** A row with a blank kind belongs with the earlier rows of its code. */
  const kindOfCode = new Map<string, AgreementKind>();
  for (const r of rows) {
    const code = r.values.code as string | null;
    if (!code || r.invalid.has('kind')) continue;
    const rowKind = (r.values.kind as AgreementKind | null | undefined) ?? kindOfCode.get(code) ?? null;
    if (onlyKind && rowKind && rowKind !== onlyKind) {
      issues.push({
        row: r.row,
        key: 'kind',
        code: 'KIND_MISMATCH',
        params: { expected: kindWord(onlyKind), value: kindWord(rowKind) },
      });
      continue;
    }
    const kind = rowKind ?? onlyKind;
    if (!kind) {
      issues.push({ row: r.row, key: 'kind', code: 'REQUIRED' });
      continue;
    }
    if (!kindOfCode.has(code)) kindOfCode.set(code, kind);
    const key = groupKey(kind, code);
    const g = groups.get(key);
    if (g) g.rows.push(r);
    else groups.set(key, { kind, code, rows: [r] });
  }
  return [...groups.values()];
}

const shownValue = (v: unknown) =>
  v === null || v === undefined ? '' : typeof v === 'string' ? v : canonicalJson(v);

/** A header cell as a message shows it: a status by its label in the reader's language. */
function shownCell(key: string, v: unknown) {
  if (key === 'status' && typeof v === 'string') return statusWord(v);
  return shownValue(v);
}

/** Later rows of a group must leave header cells blank or repeat the first row's. */
function headerConsistency(g: AgreementGroup, issues: RowIssue[]): void {
  const [first, ...rest] = g.rows;
  if (!first) return;
  for (const r of rest) {
    for (const key of AGREEMENT_HEADER_KEYS) {
      if (key === 'kind' || !Object.hasOwn(r.values, key) || r.invalid.has(key)) continue;
      const v = r.values[key];
      if (v === null || shownValue(v) === shownValue(first.values[key])) continue;
      issues.push({
        row: r.row,
        key,
        code: 'INCONSISTENT',
        params: {
          entity: kindWord(g.kind),
          firstRow: first.row,
          expected: shownCell(key, first.values[key]),
          value: shownCell(key, v),
        },
      });
    }
  }
}

const LINE_KEYS: Record<string, string> = {
  productId: 'product',
  unitPrice: 'unitPrice',
  minQty: 'minQty',
  specs: 'specs',
  maxDiscountPct: 'maxDiscountPct',
};

/** Plans one agreement from its rows (pure). */
export function agreementFromGroup(
  g: AgreementGroup,
  lookups: AgreementLookups,
  issues: RowIssue[],
): AgreementPlanItem | null {
  const first = g.rows[0];
  if (!first) return null;
  headerConsistency(g, issues);
  const before = lookups.existing.get(groupKey(g.kind, g.code)) ?? null;
  const old = before ? agreementValues(before) : null;
  const v: AgreementValues = old
    ? { ...old }
    : {
        code: g.code,
        name: null,
        customerId: null,
        validFrom: '',
        validTo: '',
        currency: '',
        status: 'draft',
        paymentTerms: null,
        packaging: null,
        acceptanceStandard: null,
        incoterm: null,
        lines: [],
      };
  const cell = (key: string) =>
    Object.hasOwn(first.values, key) && !first.invalid.has(key) ? { value: first.values[key] } : null;
  for (const key of ['name', 'paymentTerms', 'packaging', 'acceptanceStandard', 'incoterm'] as const) {
    const c = cell(key);
    if (c) v[key] = c.value as string | null;
  }
  const customer = cell('customer');
  if (customer) {
    const code = customer.value as string | null;
    const id = code ? lookups.customerIds.get(code) : null;
    if (code && !id) {
      issues.push({
        row: first.row,
        key: 'customer',
        code: 'UNKNOWN_REFERENCE',
        params: { entity: word('客户', 'Customer'), value: code },
      });
    }
    v.customerId = id ?? null;
  }
  for (const key of ['validFrom', 'validTo', 'currency'] as const) {
    const c = cell(key);
    if (c)
      v[key] =
        key === 'currency'
          ? ((c.value as string | null)?.toUpperCase() ?? '')
          : ((c.value as string | null) ?? '');
    if (v[key] === '' && !first.invalid.has(key)) issues.push({ row: first.row, key, code: 'REQUIRED' });
  }
  const status = cell('status');
  if (status) v.status = (status.value as AgreementValues['status'] | null) ?? 'draft';
  v.lines = [];
  for (const r of g.rows) {
    const model = r.values.product as string | null;
    const productId = model ? lookups.productIds.get(model) : undefined;
    if (model && !productId) {
      issues.push({
        row: r.row,
        key: 'product',
        code: 'UNKNOWN_REFERENCE',
        params: { entity: word('产品', 'Product'), value: model },
      });
    }
    v.lines.push({
      productId: productId ?? '',
      unitPrice: (r.values.unitPrice as number | null) ?? 0,
      minQty: (r.values.minQty as number | null) ?? 1,
      specs: (r.values.specs as Record<string, string> | null) ?? null,
      maxDiscountPct: (r.values.maxDiscountPct as number | null) ?? null,
    });
  }
  const rowOf = (path: readonly PropertyKey[]) =>
    path[0] === 'lines' && typeof path[1] === 'number' ? (g.rows[path[1]]?.row ?? first.row) : first.row;
  const keyOf = (path: readonly PropertyKey[]) => {
    const [head, , field] = path;
    if (head === 'lines') return typeof field === 'string' ? (LINE_KEYS[field] ?? null) : null;
    if (head === 'customerId') return 'customer';
    return typeof head === 'string' ? head : null;
  };
  const { lines, ...header } = v;
  const parsed = createAgreementBodySchema.safeParse({
    ...header,
    lines: lines.map((l) => ({ ...l, productId: l.productId || 'unknown' })),
  });
  if (!parsed.success) issues.push(...zodRowIssues(parsed.error, rowOf, keyOf));
  // Duplicate tiers are named by spreadsheet row (the shared check counts agreement lines).
  issues.push(...fieldRowIssues(agreementFieldIssues(g.kind, { ...v, lines: [] }), rowOf, keyOf));
  issues.push(...duplicateTiers(g.rows, v.lines));
  if (old && !canChangeStatus(old.status, v.status)) {
    issues.push({
      row: first.row,
      key: 'status',
      code: 'STATUS_CHANGE',
      params: { from: statusWord(old.status), to: statusWord(v.status) },
    });
  }
  const change = !old ? 'create' : sameValues(v, old) ? 'skip' : 'update';
  return { kind: g.kind, firstRow: first.row, before, values: v, change };
}

/** A product may have one price per minimum quantity: later rows repeating a tier are issues. */
function duplicateTiers(rows: readonly ParsedRow[], lines: AgreementValues['lines']): RowIssue[] {
  const first = new Map<string, number>();
  const issues: RowIssue[] = [];
  lines.forEach((l, i) => {
    const row = rows[i]?.row;
    if (!l.productId || row === undefined) return;
    const key = `${l.productId} ${l.minQty}`;
    const seen = first.get(key);
    if (seen === undefined) first.set(key, row);
    else
      issues.push({ row, key: 'minQty', code: 'DUPLICATE_KEY', params: { value: l.minQty, firstRow: seen } });
  });
  return issues;
}

export function planAgreementGroups(
  groups: readonly AgreementGroup[],
  lookups: AgreementLookups,
  issues: RowIssue[],
): AgreementPlanItem[] {
  return groups.map((g) => agreementFromGroup(g, lookups, issues)).filter((x): x is AgreementPlanItem => !!x);
}

export function agreementPlanner(onlyKind: AgreementKind | null): Planner {
  return async (db, file, issues) => {
    const groups = groupAgreementRows(file.rows, onlyKind, issues);
    const strings = (key: string) =>
      file.rows.map((r) => r.values[key]).filter((x): x is string => typeof x === 'string' && x !== '');
    const [headers, customers, products] = await Promise.all([
      arepo.findAgreementsByCodes(
        db,
        groups.map((g) => g.code),
      ),
      repo.findCustomersByCodes(db, strings('customer')),
      repo.findProductsByModels(db, strings('product')),
    ]);
    const wanted = new Set(groups.map((g) => groupKey(g.kind, g.code)));
    const mine = headers.filter((h) => wanted.has(groupKey(h.kind, h.code)));
    const lines = groupLines(
      await arepo.findLines(
        db,
        mine.map((h) => h.id),
      ),
    );
    const items = planAgreementGroups(
      groups,
      {
        existing: new Map(mine.map((h) => [groupKey(h.kind, h.code), toAgreement(h, lines.get(h.id) ?? [])])),
        customerIds: new Map(customers.map((c) => [c.code, c.id])),
        productIds: new Map(products.map((p) => [p.model, p.id])),
      },
      issues,
    );
    return agreementsPlan(items);
  };
}

function agreementsPlan(items: readonly AgreementPlanItem[]): ImportPlan {
  const count = (c: AgreementPlanItem['change']) => items.filter((i) => i.change === c).length;
  return {
    created: count('create'),
    updated: count('update'),
    skipped: count('skip'),
    commit: async (db, ctx) => {
      const ids: string[] = [];
      const now = nowIso();
      for (const item of items) {
        const { before } = item;
        if (item.change === 'skip' && before) {
          ids.push(before.id);
          continue;
        }
        const id = before?.id ?? newId();
        if (!before) {
          await arepo.insertAgreement(db, {
            id,
            kind: item.kind,
            ...headerColumns(item.values),
            version: 1,
            created_at: now,
            updated_at: now,
          });
        } else if (
          !(await arepo.updateAgreementAtVersion(db, id, before.version, {
            ...headerColumns(item.values),
            updated_at: now,
          }))
        ) {
          throw new AppError('IMPORT_CONFLICT');
        }
        await arepo.replaceLines(db, id, lineRows(id, item.values.lines));
        const after = await getAgreement(db, item.kind, id);
        await audit(db, ctx, { entityType: 'agreement', entityId: id, action: 'import', before, after });
        ids.push(id);
      }
      return ids;
    },
  };
}

/** An agreement as sheet rows: one per line, header cells repeated. */
export function agreementSheetRows(a: Agreement, customerCode: string | null, lang: Language) {
  return a.lines.map((l) => ({
    code: a.code,
    kind: choiceLabel(KIND_CHOICES, a.kind, lang),
    name: a.name,
    customer: customerCode,
    validFrom: a.validFrom,
    validTo: a.validTo,
    currency: a.currency,
    status: choiceLabel(STATUS_CHOICES, a.status, lang),
    paymentTerms: a.paymentTerms,
    packaging: a.packaging,
    acceptanceStandard: a.acceptanceStandard,
    incoterm: a.incoterm,
    product: l.productModel,
    minQty: l.minQty,
    unitPrice: l.unitPrice / 100,
    maxDiscountPct: l.maxDiscountPct,
    specs: formatSpecs(l.specs) || null,
  }));
}

export function agreementExamples(kind: AgreementKind | null): Record<string, unknown>[] {
  const base = {
    code: 'HT-2026-001',
    kind: choiceLabel(KIND_CHOICES, kind ?? 'contract', 'zh-CN'),
    name: '2026 年度供货合同',
    customer: 'C-HD001',
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    currency: 'CNY',
    status: '生效',
    paymentTerms: 'T/T 30 days',
    packaging: '纸箱，每箱 100 件',
    acceptanceStandard: 'GB/T 2828.1 AQL 1.0',
    incoterm: 'EXW',
  };
  return [
    {
      ...base,
      product: 'HD-B2040',
      minQty: 1,
      unitPrice: 12.5,
      maxDiscountPct: 3,
      specs: '材质=SUS304; 颜色=银',
    },
    {
      code: base.code,
      product: 'HD-B2040',
      minQty: 1000,
      unitPrice: 11.8,
      maxDiscountPct: 3,
      specs: '材质=SUS304; 颜色=银',
    },
  ];
}
