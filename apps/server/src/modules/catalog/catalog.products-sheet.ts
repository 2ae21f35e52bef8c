import { createProductBodySchema, type Language, type Product } from '@gendan/contracts';
import { getSettings } from '../platform/index';
import { fieldRowIssues, upsertPlan, zodRowIssues, type ImportPlan, type Planner } from './catalog.import';
import { sameValues, toProduct } from './catalog.mappers';
import {
  newProductValues,
  productColumns,
  productFieldIssues,
  productValues,
  type ProductValues,
} from './catalog.products-service';
import * as repo from './catalog.repository';
import { CATEGORY_CHOICES, PRODUCT_COLUMNS } from './catalog.sheet-columns';
import { choiceLabel, duplicateKeys, formatSpecs, type ParsedRow, type RowIssue } from './catalog.sheets';

/** Product sheets: row → product values (pure), the import planner, and export rows. */

export interface ProductPlanItem {
  row: number;
  before: Product | null;
  values: ProductValues;
  change: 'create' | 'update' | 'skip';
}

const PRODUCT_KEYS = new Set(PRODUCT_COLUMNS.map((c) => c.key));
const REQUIRED = new Set(PRODUCT_COLUMNS.filter((c) => c.required).map((c) => c.key));

/** One row's product values: the existing product (or a new one) with the row's cells over it. */
export function productFromRow(r: ParsedRow, before: Product | null, companyCurrency: string): ProductValues {
  const model = (r.values.model as string | null) ?? '';
  const v: ProductValues = before
    ? productValues(before)
    : newProductValues({
        model,
        name: '',
        category: 'finished',
        unit: '',
        specs: {},
        standardLeadTimeDays: 0,
      });
  for (const key of Object.keys(r.values)) {
    if (!PRODUCT_KEYS.has(key) || r.invalid.has(key)) continue;
    const value = r.values[key];
    if (value === null && REQUIRED.has(key)) continue;
    switch (key) {
      case 'specs':
        v.specs = (value as Record<string, string> | null) ?? {};
        break;
      case 'active':
        v.active = (value as boolean | null) ?? true;
        break;
      case 'costCurrency':
        v.costCurrency = (value as string | null)?.toUpperCase() ?? null;
        break;
      default:
        (v as unknown as Record<string, unknown>)[key] = value;
    }
  }
  if (v.standardCost !== null && !v.costCurrency) v.costCurrency = companyCurrency;
  return v;
}

export function planProductRows(
  rows: readonly ParsedRow[],
  existing: ReadonlyMap<string, Product>,
  companyCurrency: string,
  issues: RowIssue[],
): ProductPlanItem[] {
  issues.push(...duplicateKeys(rows, 'model'));
  const keyOf = (path: readonly PropertyKey[]) => {
    const head = path[0];
    return typeof head === 'string' && PRODUCT_KEYS.has(head) ? head : null;
  };
  const items: ProductPlanItem[] = [];
  for (const r of rows) {
    const model = r.values.model as string | null;
    if (!model) continue;
    const before = existing.get(model) ?? null;
    const values = productFromRow(r, before, companyCurrency);
    const rowOf = () => r.row;
    const parsed = createProductBodySchema.safeParse(values);
    if (!parsed.success) issues.push(...zodRowIssues(parsed.error, rowOf, keyOf));
    issues.push(...fieldRowIssues(productFieldIssues(values), rowOf, keyOf));
    const normalised: ProductValues = parsed.success ? { ...values, ...parsed.data } : values;
    const change = !before ? 'create' : sameValues(normalised, productValues(before)) ? 'skip' : 'update';
    items.push({ row: r.row, before, values: normalised, change });
  }
  return items;
}

export const planProducts: Planner = async (db, file, issues) => {
  const models = file.rows.map((r) => r.values.model).filter((m): m is string => typeof m === 'string');
  const [existing, settings] = await Promise.all([
    repo.findProductsByModels(db, models),
    getSettings(db, 'UTC'),
  ]);
  const items = planProductRows(
    file.rows,
    new Map(existing.map((p) => [p.model, toProduct(p)])),
    settings.currency,
    issues,
  );
  return productsPlan(items);
};

function productsPlan(items: readonly ProductPlanItem[]): ImportPlan {
  return upsertPlan(items, {
    entityType: 'product',
    columns: productColumns,
    toRecord: toProduct,
    insert: repo.insertProducts,
    updateAtVersion: repo.updateProductAtVersion,
  });
}

export function productSheetRow(p: Product, lang: Language): Record<string, unknown> {
  return {
    model: p.model,
    name: p.name,
    category: choiceLabel(CATEGORY_CHOICES, p.category, lang),
    unit: p.unit,
    specs: formatSpecs(p.specs) || null,
    packagingSpec: p.packagingSpec,
    standardLeadTimeDays: p.standardLeadTimeDays,
    standardCost: p.standardCost === null ? null : p.standardCost / 100,
    costCurrency: p.costCurrency,
    active: lang === 'en' ? (p.active ? 'yes' : 'no') : p.active ? '是' : '否',
  };
}

export const PRODUCT_EXAMPLE: Record<string, unknown> = {
  model: 'HD-B2040',
  name: '不锈钢合页',
  category: '成品',
  unit: '件',
  specs: '材质=SUS304; 尺寸=40x20mm; 颜色=银',
  packagingSpec: '100 件/箱',
  standardLeadTimeDays: 15,
  standardCost: 3.2,
  costCurrency: 'CNY',
  active: '是',
};
