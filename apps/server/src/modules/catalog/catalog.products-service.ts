import type { Kysely } from 'kysely';
import type { CreateProductBody, Product, UpdateProductBody } from '@gendan/contracts';
import type { DB } from '../../db/schema';
import { AppError, assertVersion, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { nowIso } from '../../lib/time';
import { audit, getSettings } from '../platform/index';
import { sameValues, toProduct } from './catalog.mappers';
import * as repo from './catalog.repository';
import {
  currencyIssue,
  fieldError,
  langOf,
  type CatalogContext,
  type FieldIssue,
} from './catalog.validation';

/** Products: model (型号, unique), name, category, unit, specs, lead time, cost. */

export interface ProductValues {
  model: string;
  name: string;
  category: Product['category'];
  unit: string;
  specs: Record<string, string>;
  packagingSpec: string | null;
  standardLeadTimeDays: number;
  standardCost: number | null;
  costCurrency: string | null;
  active: boolean;
}

export function productValues(p: Product): ProductValues {
  return {
    model: p.model,
    name: p.name,
    category: p.category,
    unit: p.unit,
    specs: p.specs,
    packagingSpec: p.packagingSpec,
    standardLeadTimeDays: p.standardLeadTimeDays,
    standardCost: p.standardCost,
    costCurrency: p.costCurrency,
    active: p.active,
  };
}

const EMPTY: ProductValues = {
  model: '',
  name: '',
  category: 'finished',
  unit: '',
  specs: {},
  packagingSpec: null,
  standardLeadTimeDays: 0,
  standardCost: null,
  costCurrency: null,
  active: true,
};

/** Overlays sent fields on `base`: `undefined` keeps a value, `null` clears it. */
export function applyProductInput(
  base: ProductValues,
  input: Partial<CreateProductBody> | Omit<UpdateProductBody, 'version'>,
): ProductValues {
  const v = { ...base };
  if (input.model !== undefined) v.model = input.model;
  if (input.name !== undefined) v.name = input.name;
  if (input.category !== undefined) v.category = input.category;
  if (input.unit !== undefined) v.unit = input.unit;
  if (input.specs !== undefined) v.specs = input.specs;
  if (input.packagingSpec !== undefined) v.packagingSpec = input.packagingSpec;
  if (input.standardLeadTimeDays !== undefined) v.standardLeadTimeDays = input.standardLeadTimeDays;
  if (input.standardCost !== undefined) v.standardCost = input.standardCost;
  if (input.costCurrency !== undefined) v.costCurrency = input.costCurrency;
  if (input.active !== undefined) v.active = input.active;
  return v;
}

export function newProductValues(input: CreateProductBody): ProductValues {
  return applyProductInput(EMPTY, input);
}

export type ProductColumns = Omit<repo.ProductRow, 'id' | 'version' | 'created_at' | 'updated_at'>;

export function productColumns(v: ProductValues): ProductColumns {
  return {
    model: v.model,
    name: v.name,
    category: v.category,
    unit: v.unit,
    specs: JSON.stringify(v.specs),
    packaging_spec: v.packagingSpec ?? null,
    standard_lead_time_days: v.standardLeadTimeDays,
    standard_cost: v.standardCost ?? null,
    cost_currency: v.costCurrency ?? null,
    active: v.active ? 1 : 0,
  };
}

/** Checks that need no database: the cost currency is a known one. */
export function productFieldIssues(v: ProductValues, root = 'body'): FieldIssue[] {
  const c = v.costCurrency ? currencyIssue(`${root}.costCurrency`, v.costCurrency) : null;
  return c ? [c] : [];
}

/** A standard cost sent without its currency is in the company currency. */
async function withCostCurrency(db: Kysely<DB>, v: ProductValues): Promise<ProductValues> {
  if (v.standardCost === null || v.costCurrency) return v;
  const settings = await getSettings(db, 'UTC');
  return { ...v, costCurrency: settings.currency };
}

function codeTaken(err: unknown, model: string): unknown {
  return repo.isUniqueViolation(err) ? new AppError('CODE_TAKEN', { entity: 'product', code: model }) : err;
}

async function checkProduct(
  db: Kysely<DB>,
  ctx: CatalogContext,
  v: ProductValues,
  beforeModel: string | null,
  selfId: string | null,
): Promise<void> {
  const issues = productFieldIssues(v);
  if (issues.length) throw fieldError(issues, langOf(ctx));
  if (v.model !== beforeModel) {
    const other = await repo.findProductByModel(db, v.model);
    if (other && other.id !== selfId) throw new AppError('CODE_TAKEN', { entity: 'product', code: v.model });
  }
}

export async function createProduct(
  db: Kysely<DB>,
  ctx: CatalogContext,
  input: CreateProductBody,
): Promise<Product> {
  const v = await withCostCurrency(db, newProductValues(input));
  await checkProduct(db, ctx, v, null, null);
  const now = nowIso();
  const row: repo.ProductRow = {
    id: newId(),
    ...productColumns(v),
    version: 1,
    created_at: now,
    updated_at: now,
  };
  try {
    await repo.insertProduct(db, row);
  } catch (err) {
    throw codeTaken(err, v.model);
  }
  const product = toProduct(row);
  await audit(db, ctx, { entityType: 'product', entityId: row.id, action: 'create', after: product });
  return product;
}

export async function updateProduct(
  db: Kysely<DB>,
  ctx: CatalogContext,
  id: string,
  patch: UpdateProductBody,
): Promise<Product> {
  const row = await repo.findProductById(db, id);
  if (!row) throw notFound('product');
  assertVersion(row.version, patch.version);
  const before = toProduct(row);
  const { version, ...fields } = patch;
  const v = await withCostCurrency(db, applyProductInput(productValues(before), fields));
  if (sameValues(v, productValues(before))) return before;
  await checkProduct(db, ctx, v, before.model, id);
  let changed: boolean;
  try {
    changed = await repo.updateProductAtVersion(db, id, version, {
      ...productColumns(v),
      updated_at: nowIso(),
    });
  } catch (err) {
    throw codeTaken(err, v.model);
  }
  if (!changed) {
    const latest = await repo.findProductById(db, id);
    throw new AppError('VERSION_CONFLICT', { current: latest?.version ?? '-', sent: version });
  }
  const after = await getProductOrThrow(db, id);
  await audit(db, ctx, { entityType: 'product', entityId: id, action: 'update', before, after });
  return after;
}

export async function getProductOrThrow(db: Kysely<DB>, id: string): Promise<Product> {
  const row = await repo.findProductById(db, id);
  if (!row) throw notFound('product');
  return toProduct(row);
}

export async function getProductsByIds(
  db: Kysely<DB>,
  ids: readonly string[],
): Promise<Map<string, Product>> {
  if (ids.length === 0) return new Map();
  const rows = await repo.findProductsByIds(db, ids);
  return new Map(rows.map((r) => [r.id, toProduct(r)]));
}

/** Products by model (型号), keyed by model. */
export async function findProductsByModels(
  db: Kysely<DB>,
  models: readonly string[],
): Promise<Map<string, Product>> {
  if (models.length === 0) return new Map();
  const rows = await repo.findProductsByModels(db, models);
  return new Map(rows.map((r) => [r.model, toProduct(r)]));
}

export interface ProductListQuery {
  filter: repo.ProductFilter;
  sort: keyof typeof repo.PRODUCT_SORTS;
  dir: repo.SortDir;
  page: number;
  pageSize: number;
}

export async function listProducts(
  db: Kysely<DB>,
  q: ProductListQuery,
): Promise<{ items: Product[]; total: number }> {
  const [rows, total] = await Promise.all([
    repo.listProducts(db, q.filter, q.sort, q.dir, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize }),
    repo.countProducts(db, q.filter),
  ]);
  return { items: rows.map(toProduct), total };
}
