import type { Insertable, Kysely } from 'kysely';
import type { Agreement, CreateAgreementBody, UpdateAgreementBody } from '@gendan/contracts';
import type { AgreementLineTable, DB } from '../../db/schema';
import { AppError, assertVersion, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { pctToBp } from '../../lib/money';
import { nowIso } from '../../lib/time';
import { audit } from '../platform/index';
import * as arepo from './catalog.agreements-repository';
import { canonicalJson, groupLines, toAgreement } from './catalog.mappers';
import { sortAgreements } from './catalog.pricing';
import * as repo from './catalog.repository';
import { canChangeStatus } from './catalog.status';
import {
  agreementIssues,
  fieldError,
  langOf,
  referenceError,
  type CatalogContext,
  type FieldIssue,
  type ReferenceIssue,
} from './catalog.validation';

/**
 * Price lists, contracts and quotations: one shape, told apart by `kind`. Lines are one row per
 * product and quantity tier; sending `lines` replaces them all.
 */

export type AgreementKind = Agreement['kind'];

const STATUS_ZH: Record<Agreement['status'], string> = { draft: '草稿', active: '生效', expired: '已失效' };

export interface AgreementLineValues {
  productId: string;
  unitPrice: number;
  minQty: number;
  specs: Record<string, string> | null;
  maxDiscountPct: number | null;
}

export interface AgreementValues {
  code: string;
  name: string | null;
  customerId: string | null;
  validFrom: string;
  validTo: string;
  currency: string;
  status: Agreement['status'];
  paymentTerms: string | null;
  packaging: string | null;
  acceptanceStandard: string | null;
  incoterm: string | null;
  lines: AgreementLineValues[];
}

export function agreementValues(a: Agreement): AgreementValues {
  return {
    code: a.code,
    name: a.name,
    customerId: a.customerId,
    validFrom: a.validFrom,
    validTo: a.validTo,
    currency: a.currency,
    status: a.status,
    paymentTerms: a.paymentTerms,
    packaging: a.packaging,
    acceptanceStandard: a.acceptanceStandard,
    incoterm: a.incoterm,
    lines: a.lines.map((l) => ({
      productId: l.productId,
      unitPrice: l.unitPrice,
      minQty: l.minQty,
      specs: l.specs,
      maxDiscountPct: l.maxDiscountPct,
    })),
  };
}

type AgreementInput = Partial<CreateAgreementBody> | Omit<UpdateAgreementBody, 'version'>;

/** Overlays sent fields on `base`: `undefined` keeps a value, `null` clears it. */
export function applyAgreementInput(base: AgreementValues, input: AgreementInput): AgreementValues {
  const v = { ...base };
  if (input.code !== undefined) v.code = input.code;
  if (input.name !== undefined) v.name = input.name;
  if (input.customerId !== undefined) v.customerId = input.customerId;
  if (input.validFrom !== undefined) v.validFrom = input.validFrom;
  if (input.validTo !== undefined) v.validTo = input.validTo;
  if (input.currency !== undefined) v.currency = input.currency;
  if (input.status !== undefined) v.status = input.status;
  if (input.paymentTerms !== undefined) v.paymentTerms = input.paymentTerms;
  if (input.packaging !== undefined) v.packaging = input.packaging;
  if (input.acceptanceStandard !== undefined) v.acceptanceStandard = input.acceptanceStandard;
  if (input.incoterm !== undefined) v.incoterm = input.incoterm;
  if (input.lines !== undefined) {
    v.lines = input.lines.map((l) => ({
      productId: l.productId,
      unitPrice: l.unitPrice,
      minQty: l.minQty,
      specs: l.specs ?? null,
      maxDiscountPct: l.maxDiscountPct ?? null,
    }));
  }
  return v;
}

const EMPTY: AgreementValues = {
  code: '',
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

export function newAgreementValues(input: CreateAgreementBody): AgreementValues {
  return applyAgreementInput(EMPTY, input);
}

/** Pure checks: dates, currency, duplicate tiers, and a customer for contracts and quotations. */
export function agreementFieldIssues(kind: AgreementKind, v: AgreementValues, root = 'body'): FieldIssue[] {
  const issues = agreementIssues(v, root);
  if (kind !== 'price_list' && !v.customerId) {
    issues.unshift({
      path: `${root}.customerId`,
      reasonZh: kind === 'contract' ? '合同必须指定客户' : '报价单必须指定客户',
      reasonEn: `a ${kind} needs a customer`,
    });
  }
  return issues;
}

export function statusChangeError(kind: AgreementKind, from: Agreement['status'], to: Agreement['status']) {
  return new AppError('AGREEMENT_STATUS_CHANGE', {
    entity: kind,
    from,
    to,
    fromZh: STATUS_ZH[from],
    toZh: STATUS_ZH[to],
  });
}

/** Unknown customer and product ids, each with the path it was sent at. */
async function referenceIssues(
  db: Kysely<DB>,
  v: AgreementValues,
  before: AgreementValues | null,
  linesSent: boolean,
): Promise<ReferenceIssue[]> {
  const issues: ReferenceIssue[] = [];
  if (v.customerId && v.customerId !== before?.customerId && !(await repo.customerExists(db, v.customerId))) {
    issues.push({ path: 'body.customerId', entity: 'customer', value: v.customerId });
  }
  if (linesSent && v.lines.length) {
    const found = new Set(
      (
        await repo.findProductsByIds(
          db,
          v.lines.map((l) => l.productId),
        )
      ).map((p) => p.id),
    );
    v.lines.forEach((l, i) => {
      if (!found.has(l.productId)) {
        issues.push({ path: `body.lines[${i}].productId`, entity: 'product', value: l.productId });
      }
    });
  }
  return issues;
}

export function lineRows(
  agreementId: string,
  lines: readonly AgreementLineValues[],
): Insertable<AgreementLineTable>[] {
  return lines.map((l, i) => ({
    id: newId(),
    agreement_id: agreementId,
    line_no: i + 1,
    product_id: l.productId,
    min_qty: l.minQty,
    unit_price: l.unitPrice,
    specs: l.specs && Object.keys(l.specs).length ? JSON.stringify(l.specs) : null,
    max_discount_bp: l.maxDiscountPct === null ? null : pctToBp(l.maxDiscountPct),
  }));
}

export function headerColumns(v: AgreementValues) {
  return {
    code: v.code,
    name: v.name ?? null,
    customer_id: v.customerId ?? null,
    valid_from: v.validFrom,
    valid_to: v.validTo,
    currency: v.currency,
    status: v.status,
    payment_terms: v.paymentTerms ?? null,
    packaging: v.packaging ?? null,
    acceptance_standard: v.acceptanceStandard ?? null,
    incoterm: v.incoterm ?? null,
  };
}

function codeTaken(kind: AgreementKind, code: string) {
  return new AppError('CODE_TAKEN', { entity: kind, code });
}

async function assertCodeFree(db: Kysely<DB>, kind: AgreementKind, code: string, selfId: string | null) {
  const same = (await arepo.findAgreementsByCodes(db, [code])).find((a) => a.kind === kind);
  if (same && same.id !== selfId) throw codeTaken(kind, code);
}

export async function createAgreement(
  db: Kysely<DB>,
  ctx: CatalogContext,
  kind: AgreementKind,
  input: CreateAgreementBody,
): Promise<Agreement> {
  const lang = langOf(ctx);
  const v = newAgreementValues(input);
  const issues = agreementFieldIssues(kind, v);
  if (issues.length) throw fieldError(issues, lang);
  const refs = await referenceIssues(db, v, null, true);
  if (refs.length) throw referenceError(refs, lang);
  await assertCodeFree(db, kind, v.code, null);
  const now = nowIso();
  const id = newId();
  try {
    await arepo.insertAgreement(db, {
      id,
      kind,
      ...headerColumns(v),
      version: 1,
      created_at: now,
      updated_at: now,
    });
  } catch (err) {
    throw repo.isUniqueViolation(err) ? codeTaken(kind, v.code) : err;
  }
  await arepo.replaceLines(db, id, lineRows(id, v.lines));
  const after = await getAgreement(db, kind, id);
  await audit(db, ctx, { entityType: 'agreement', entityId: id, action: 'create', after });
  return after;
}

export async function updateAgreement(
  db: Kysely<DB>,
  ctx: CatalogContext,
  kind: AgreementKind,
  id: string,
  patch: UpdateAgreementBody,
): Promise<Agreement> {
  const lang = langOf(ctx);
  const before = await getAgreement(db, kind, id);
  assertVersion(before.version, patch.version);
  const { version, ...fields } = patch;
  const old = agreementValues(before);
  const v = applyAgreementInput(old, fields);
  if (canonicalJson(v) === canonicalJson(old)) return before;
  if (!canChangeStatus(old.status, v.status)) throw statusChangeError(kind, old.status, v.status);
  const issues = agreementFieldIssues(kind, v);
  if (issues.length) throw fieldError(issues, lang);
  const refs = await referenceIssues(db, v, old, fields.lines !== undefined);
  if (refs.length) throw referenceError(refs, lang);
  if (v.code !== old.code) await assertCodeFree(db, kind, v.code, id);
  let changed: boolean;
  try {
    changed = await arepo.updateAgreementAtVersion(db, id, version, {
      ...headerColumns(v),
      updated_at: nowIso(),
    });
  } catch (err) {
    throw repo.isUniqueViolation(err) ? codeTaken(kind, v.code) : err;
  }
  if (!changed) throw new AppError('VERSION_CONFLICT', { current: '-', sent: version });
  if (fields.lines !== undefined) await arepo.replaceLines(db, id, lineRows(id, v.lines));
  const after = await getAgreement(db, kind, id);
  const action = old.status === v.status ? 'update' : `status:${old.status}->${v.status}`;
  await audit(db, ctx, { entityType: 'agreement', entityId: id, action, before, after });
  return after;
}

/** One agreement with its lines; NOT_FOUND when missing or of another kind. */
export async function getAgreement(
  db: Kysely<DB>,
  kind: AgreementKind | null,
  id: string,
): Promise<Agreement> {
  const row = await arepo.findAgreementById(db, id);
  if (!row || (kind && row.kind !== kind)) throw notFound(kind ?? 'agreement');
  return toAgreement(row, await arepo.findLines(db, [id]));
}

export interface AgreementListQuery {
  filter: arepo.AgreementFilter;
  sort: keyof typeof arepo.AGREEMENT_SORTS;
  dir: repo.SortDir;
  page: number;
  pageSize: number;
}

/** A page of agreements with their lines: three statements whatever the page size. */
export async function listAgreements(
  db: Kysely<DB>,
  q: AgreementListQuery,
): Promise<{ items: Agreement[]; total: number }> {
  const [rows, total] = await Promise.all([
    arepo.listAgreements(db, q.filter, q.sort, q.dir, {
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    }),
    arepo.countAgreements(db, q.filter),
  ]);
  const lines = groupLines(
    await arepo.findLines(
      db,
      rows.map((r) => r.id),
    ),
  );
  return { items: rows.map((r) => toAgreement(r, lines.get(r.id) ?? [])), total };
}

/**
 * The agreements that price an order: status `active`, valid on `date` (validFrom ≤ date ≤
 * validTo), of the customer or general (no customer); each with only its lines for `productIds`.
 * The customer's own agreements are all returned (their terms bind even without a matching line);
 * a general price list only when it covers one of the products. Sorted by precedence (see
 * catalog.pricing.ts): the customer's contracts, quotations, price lists, then general ones.
 * Two statements.
 */
export async function findPriceAgreements(
  db: Kysely<DB>,
  q: { customerId: string; productIds: readonly string[]; date: string },
): Promise<Agreement[]> {
  const headers = await arepo.findActiveAgreements(db, { customerId: q.customerId, date: q.date });
  if (headers.length === 0) return [];
  const lines = groupLines(
    await arepo.findLines(
      db,
      headers.map((h) => h.id),
      q.productIds,
    ),
  );
  const agreements = headers
    .map((h) => toAgreement(h, lines.get(h.id) ?? []))
    .filter((a) => a.customerId !== null || a.lines.length > 0);
  return sortAgreements(agreements);
}
