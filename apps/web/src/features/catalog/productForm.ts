import type { CreateProductBody, Product, ProductCategory, UpdateProductBody } from '@gendan/contracts';
import { textOrNull } from './customerForm';
import { toMajor, toMinor } from './money';
import { rowsToSpecs, specsToRows, type SpecRow } from './specs';

/** The product form's values: specs as rows, the standard cost in major units. */
export interface ProductValues {
  model: string;
  name: string;
  category: ProductCategory;
  unit: string;
  specs: SpecRow[];
  packagingSpec?: string;
  standardLeadTimeDays: number;
  standardCost?: number | null;
  costCurrency?: string;
  active: boolean;
}

export function newProductValues(currency: string): ProductValues {
  return {
    model: '',
    name: '',
    category: 'finished',
    unit: 'pcs',
    specs: [],
    standardLeadTimeDays: 0,
    costCurrency: currency,
    active: true,
  };
}

export function productToValues(p: Product): ProductValues {
  return {
    model: p.model,
    name: p.name,
    category: p.category,
    unit: p.unit,
    specs: specsToRows(p.specs),
    packagingSpec: p.packagingSpec ?? '',
    standardLeadTimeDays: p.standardLeadTimeDays,
    standardCost: toMajor(p.standardCost),
    costCurrency: p.costCurrency ?? '',
    active: p.active,
  };
}

export function valuesToProductBody(v: ProductValues): CreateProductBody {
  const cost = toMinor(v.standardCost);
  const currency = textOrNull(v.costCurrency)?.toUpperCase() ?? null;
  return {
    model: v.model.trim(),
    name: v.name.trim(),
    category: v.category,
    unit: v.unit.trim(),
    specs: rowsToSpecs(v.specs),
    packagingSpec: textOrNull(v.packagingSpec),
    standardLeadTimeDays: v.standardLeadTimeDays,
    standardCost: cost,
    // A cost without a currency means nothing; no cost needs no currency.
    costCurrency: cost === null ? null : currency,
    active: v.active,
  };
}

export function valuesToProductUpdate(v: ProductValues, version: number): UpdateProductBody {
  return { version, ...valuesToProductBody(v) };
}
