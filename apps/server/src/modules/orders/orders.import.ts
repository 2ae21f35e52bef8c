import { createOrderBodySchema, MONEY_MAX, type CreateOrderBody, type ShippingMode } from '@gendan/contracts';
import { lineAmount, pctToBp } from '../../lib/money';
import {
  cellDate,
  cellInt,
  cellMoney,
  cellPercent,
  cellText,
  INVALID,
  type CellValue,
  type Invalid,
  type ReadSheet,
} from '../../lib/xlsx';
import {
  columnLabel,
  ORDER_FIELDS,
  parseCurrency,
  parseShippingMode,
  parseSpecs,
  shown,
  type ColumnKey,
  type IntakeError,
  type IntakeErrorCode,
  type OrderField,
} from './orders.import-columns';

/**
 * Order intake from a spreadsheet: the row parser, the grouping of rows into orders and their
 * resolution into createOrder bodies. Pure: the catalog look-ups are passed in, and the database
 * work is in orders.intake.ts. Columns and messages: orders.import-columns.ts.
 *
 * One sheet may hold many orders, grouped by (customer code, customer PO). Order-level fields may
 * be given on any one row of a group (usually the first); two different values in one group are an
 * error. A row whose customer code and PO are both empty continues the order above it.
 */

// Rows → groups

export interface ParsedLine {
  row: number;
  model: string;
  specs: Record<string, string>;
  qty: number;
  unitPrice: number | null;
  discountPct: number | null;
  requestedDate: string;
  statedAmount: number | null;
  description: string | null;
}

export interface OrderFieldValues {
  orderDate?: string;
  currency?: string;
  paymentTerms?: string;
  packaging?: string;
  acceptanceStandard?: string;
  shippingMode?: ShippingMode;
  shipTo?: string;
  notes?: string;
  statedTotal?: number;
}

export interface OrderGroup {
  /** Identifies the order within the file: JSON of [customer code, customer PO]. */
  key: string;
  customerCode: string;
  customerPo: string;
  /** Where the group's data came from, for error labels ("" for a single sheet). */
  source: string;
  letters: Record<string, string>;
  rows: number[];
  fields: OrderFieldValues;
  /** The row each order-level field was read from. */
  fieldRows: Partial<Record<OrderField, number>>;
  lines: ParsedLine[];
  /** Models on rows whose line had other errors: still looked up, so that every error shows at once. */
  otherModels: { row: number; model: string }[];
  /** Whether any row of the group had an error (the group is then not created). */
  invalid: boolean;
}

export interface SheetSource {
  sheet: ReadSheet;
  /** A name shown before column labels when there are several sources (an attachment's file name). */
  name?: string;
}

export interface ParseOptions {
  /** Used when a row (or the whole sheet) has no customer code / PO, e.g. from an e-mail. */
  defaults?: { customerCode?: string | null; customerPo?: string | null };
}

export interface ParsedSheets {
  groups: OrderGroup[];
  errors: IntakeError[];
  /** Data rows read, over all sources. */
  rows: number;
}

const TEXT_LIMITS: Partial<Record<ColumnKey, number>> = {
  customerCode: 32,
  customerPo: 64,
  paymentTerms: 100,
  packaging: 500,
  acceptanceStandard: 500,
  shipTo: 500,
  notes: 4000,
  model: 64,
  description: 500,
};

export const MAX_LINES_PER_ORDER = 5000;

/**
 * Reads the cells of one row at a time (one instance per sheet, reused: an import may hold tens of
 * thousands of rows), collecting the row's errors.
 */
class RowReader {
  row = 0;
  values: Record<string, CellValue> = {};
  errors: IntakeError[] = [];
  private readonly dates = new Map<string, string | null | Invalid>();

  constructor(
    private readonly letters: Record<string, string>,
    private readonly prefix: string,
  ) {}

  start(row: number, values: Record<string, CellValue>): void {
    this.row = row;
    this.values = values;
    this.errors = [];
  }

  label(key: ColumnKey): string {
    return this.prefix + columnLabel(key, this.letters[key]);
  }

  fail(key: ColumnKey, code: IntakeErrorCode, params?: Record<string, unknown>): void {
    this.errors.push({ row: this.row, column: this.label(key), code, ...(params ? { params } : {}) });
  }

  failed(key: ColumnKey): boolean {
    const column = this.label(key);
    return this.errors.some((e) => e.column === column);
  }

  value(key: ColumnKey): CellValue {
    return this.values[key] ?? null;
  }

  text(key: ColumnKey): string | null {
    const t = cellText(this.value(key));
    const max = TEXT_LIMITS[key];
    if (t !== null && max !== undefined && t.length > max) {
      this.fail(key, 'TOO_LONG', { max });
      return null;
    }
    return t;
  }

  /** A date cell; text dates repeat a lot in big files, so their conversions are remembered. */
  date(key: ColumnKey): string | null | Invalid {
    const v = this.value(key);
    if (typeof v !== 'string') return cellDate(v);
    let d = this.dates.get(v);
    if (d === undefined) {
      d = cellDate(v);
      this.dates.set(v, d);
    }
    return d;
  }

  shown(key: ColumnKey): string {
    return shown(this.value(key));
  }
}

/** Reads the rows of one or more sheets into order groups, collecting every cell error. */
export function parseOrderSheets(sources: readonly SheetSource[], opts: ParseOptions = {}): ParsedSheets {
  const groups = new Map<string, OrderGroup>();
  const errors: IntakeError[] = [];
  const defaultCode = opts.defaults?.customerCode ?? null;
  const defaultPo = opts.defaults?.customerPo ?? null;
  let rows = 0;
  for (const { sheet, name } of sources) {
    const prefix = name && sources.length > 1 ? `${name}: ` : '';
    const r = new RowReader(sheet.letters, prefix);
    const required: ColumnKey[] = ['model', 'qty', 'requestedDate'];
    if (!defaultCode) required.unshift('customerCode');
    if (!defaultPo) required.splice(1, 0, 'customerPo');
    const missing = required.filter((k) => !(k in sheet.letters));
    for (const k of missing) {
      errors.push({ row: 1, column: r.label(k), code: 'MISSING_COLUMN', params: { column: columnLabel(k) } });
    }
    if (missing.length > 0) continue;

    let previous: OrderGroup | null = null;
    for (const { rowNumber, values } of sheet.rows) {
      rows++;
      r.start(rowNumber, values);

      // The order this row belongs to.
      const code = r.text('customerCode');
      const po = r.text('customerPo');
      let group: OrderGroup | null = null;
      if (code === null && po === null && previous && !defaultCode && !defaultPo) {
        group = previous;
      } else {
        const c = code ?? defaultCode;
        const p = po ?? defaultPo;
        if (c === null && !r.failed('customerCode')) r.fail('customerCode', 'REQUIRED');
        if (p === null && !r.failed('customerPo')) r.fail('customerPo', 'REQUIRED');
        if (c !== null && p !== null) {
          const key = JSON.stringify([c, p]);
          group = groups.get(key) ?? null;
          if (!group) {
            group = {
              key,
              customerCode: c,
              customerPo: p,
              source: prefix,
              letters: sheet.letters,
              rows: [],
              fields: {},
              fieldRows: {},
              lines: [],
              otherModels: [],
              invalid: false,
            };
            groups.set(key, group);
          }
        }
      }

      const fields = parseOrderFields(r);
      const { line, model } = parseLine(r);

      if (group) {
        group.rows.push(rowNumber);
        for (const f of ORDER_FIELDS) {
          const v = fields[f];
          if (v === undefined) continue;
          const current = group.fields[f];
          if (current === undefined) {
            (group.fields as Record<string, unknown>)[f] = v;
            group.fieldRows[f] = rowNumber;
          } else if (current !== v) {
            r.fail(f, 'CONFLICT', { value: r.shown(f), first: current, firstRow: group.fieldRows[f] });
          }
        }
        if (line) {
          if (group.lines.length >= MAX_LINES_PER_ORDER) {
            r.fail('model', 'TOO_MANY_LINES', { max: MAX_LINES_PER_ORDER });
          } else group.lines.push(line);
        } else if (model !== null) group.otherModels.push({ row: rowNumber, model });
        if (r.errors.length > 0) group.invalid = true;
        previous = group;
      }
      if (r.errors.length > 0) errors.push(...r.errors);
    }
  }
  return { groups: [...groups.values()], errors, rows };
}

function parseOrderFields(r: RowReader): OrderFieldValues {
  const out: OrderFieldValues = {};
  const orderDate = r.date('orderDate');
  if (orderDate === INVALID) r.fail('orderDate', 'INVALID_DATE', { value: r.shown('orderDate') });
  else if (orderDate !== null) out.orderDate = orderDate;
  const currency = r.text('currency');
  if (currency !== null) {
    const c = parseCurrency(currency);
    if (c === null) r.fail('currency', 'INVALID_VALUE', { value: currency, allowed: 'CNY, USD, EUR…' });
    else out.currency = c;
  }
  const mode = r.text('shippingMode');
  if (mode !== null) {
    const m = parseShippingMode(mode);
    if (m === null) {
      r.fail('shippingMode', 'INVALID_VALUE', {
        value: mode,
        allowed: 'express/ftl/ltl/pickup, 快递/整车/专线/自提',
      });
    } else out.shippingMode = m;
  }
  for (const f of TEXT_ORDER_FIELDS) {
    const t = r.text(f);
    if (t !== null) out[f] = t;
  }
  const total = cellMoney(r.value('statedTotal'));
  if (total === INVALID) r.fail('statedTotal', 'INVALID_MONEY', { value: r.shown('statedTotal') });
  else if (total !== null) out.statedTotal = total;
  return out;
}

const TEXT_ORDER_FIELDS = ['paymentTerms', 'packaging', 'acceptanceStandard', 'shipTo', 'notes'] as const;

function parseLine(r: RowReader): { line: ParsedLine | null; model: string | null } {
  const before = r.errors.length;
  const model = r.text('model');
  if (model === null && r.value('model') === null) r.fail('model', 'REQUIRED');
  const specsText = r.text('specs');
  const specs = specsText === null ? {} : parseSpecs(specsText);
  if (specs === null) r.fail('specs', 'INVALID_SPECS', { value: specsText });
  const qty = cellInt(r.value('qty'));
  if (qty === null) r.fail('qty', 'REQUIRED');
  else if (qty === INVALID || qty < 1 || qty > 1_000_000_000) {
    r.fail('qty', 'INVALID_NUMBER', { value: r.shown('qty') });
  }
  const unitPrice = cellMoney(r.value('unitPrice'));
  if (unitPrice === INVALID) r.fail('unitPrice', 'INVALID_MONEY', { value: r.shown('unitPrice') });
  const discount = cellPercent(r.value('discountPct'));
  if (discount === INVALID) r.fail('discountPct', 'INVALID_PERCENT', { value: r.shown('discountPct') });
  const requestedDate = r.date('requestedDate');
  if (requestedDate === null) r.fail('requestedDate', 'REQUIRED');
  else if (requestedDate === INVALID) {
    r.fail('requestedDate', 'INVALID_DATE', { value: r.shown('requestedDate') });
  }
  const statedAmount = cellMoney(r.value('statedAmount'));
  if (statedAmount === INVALID) r.fail('statedAmount', 'INVALID_MONEY', { value: r.shown('statedAmount') });
  const description = r.text('description');
  if (r.errors.length > before || model === null || specs === null) return { line: null, model };
  const line: ParsedLine = {
    row: r.row,
    model,
    specs,
    qty: qty as number,
    unitPrice: unitPrice as number | null,
    discountPct: discount as number | null,
    requestedDate: requestedDate as string,
    statedAmount: statedAmount as number | null,
    description,
  };
  return { line, model };
}

// Groups → order bodies

export interface IntakeCustomer {
  id: string;
  currency: string;
  paymentTerms: string | null;
  active: boolean;
  /** The default ship-to address, used when the sheet gives none. */
  defaultShipTo?: string | null;
}

/** A customer's active contract terms and prices on a date (what the form pre-fills). */
export interface IntakeTerms {
  currency?: string | null;
  paymentTerms?: string | null;
  packaging?: string | null;
  acceptanceStandard?: string | null;
  incoterm?: string | null;
  /** The agreed unit price of a product for a quantity (its tier), if any. */
  priceFor(productId: string, qty: number): number | null;
}

export interface IntakeCatalog {
  customer(code: string): IntakeCustomer | undefined;
  productId(model: string): string | undefined;
  terms(customerId: string, orderDate: string): IntakeTerms | undefined;
}

export interface PlannedOrder {
  key: string;
  customerCode: string;
  customerPo: string;
  rows: number[];
  lineCount: number;
  total: number;
  currency: string;
  /** The body for createOrder; null when the group has errors. */
  body: CreateOrderBody | null;
  /** This order's errors found while resolving it (also in the `errors` returned beside it). */
  errors: IntakeError[];
}

/**
 * The agreed price for a quantity: the tier with the highest minimum quantity not above it, else
 * the lowest tier (the order review then judges the price).
 */
export function termsPrice(
  prices: readonly { productId: string; minQty: number; unitPrice: number }[],
  productId: string,
  qty: number,
): number | null {
  let best: (typeof prices)[number] | undefined;
  let lowest: (typeof prices)[number] | undefined;
  for (const p of prices) {
    if (p.productId !== productId) continue;
    if (!lowest || p.minQty < lowest.minQty) lowest = p;
    if (p.minQty <= qty && (!best || p.minQty > best.minQty)) best = p;
  }
  return (best ?? lowest)?.unitPrice ?? null;
}

/** Where a createOrder body field came from, to report a schema issue by column. */
const BODY_FIELD_COLUMNS: Record<string, ColumnKey> = {
  customerId: 'customerCode',
  customerPo: 'customerPo',
  currency: 'currency',
  paymentTerms: 'paymentTerms',
  packaging: 'packaging',
  acceptanceStandard: 'acceptanceStandard',
  incoterm: 'paymentTerms',
  shippingMode: 'shippingMode',
  shipTo: 'shipTo',
  notes: 'notes',
  orderDate: 'orderDate',
  lines: 'model',
  statedTotal: 'statedTotal',
};

const LINE_FIELD_COLUMNS: Record<string, ColumnKey> = {
  productId: 'model',
  qty: 'qty',
  unitPrice: 'unitPrice',
  discountPct: 'discountPct',
  specs: 'specs',
  requestedDate: 'requestedDate',
  statedAmount: 'statedAmount',
  description: 'description',
};

/**
 * Turns groups into createOrder bodies: resolves codes and models, fills what the sheet left
 * empty from the customer and its active contract (currency, terms, unit prices), computes totals
 * and validates each body against the API schema, reporting every problem by row and column.
 */
export function buildOrders(
  groups: readonly OrderGroup[],
  catalog: IntakeCatalog,
  today: string,
): { orders: PlannedOrder[]; errors: IntakeError[] } {
  const orders: PlannedOrder[] = [];
  const errors: IntakeError[] = [];
  for (const g of groups) {
    const label = (key: ColumnKey) => g.source + columnLabel(key, g.letters[key]);
    const firstRow = g.rows[0] ?? 0;
    const groupErrors: IntakeError[] = [];
    const fail = (row: number, key: ColumnKey, code: IntakeErrorCode, params?: Record<string, unknown>) =>
      groupErrors.push({ row, column: label(key), code, ...(params ? { params } : {}) });

    const customer = catalog.customer(g.customerCode);
    if (!customer || !customer.active)
      fail(firstRow, 'customerCode', 'UNKNOWN_CUSTOMER', { value: g.customerCode });
    const orderDate = g.fields.orderDate ?? today;
    const terms = customer ? catalog.terms(customer.id, orderDate) : undefined;
    const currency = g.fields.currency ?? terms?.currency ?? customer?.currency ?? 'CNY';
    const paymentTerms = g.fields.paymentTerms ?? terms?.paymentTerms ?? customer?.paymentTerms ?? null;
    if (customer && paymentTerms === null) fail(firstRow, 'paymentTerms', 'NO_TERMS');

    for (const m of g.otherModels) {
      if (!catalog.productId(m.model)) fail(m.row, 'model', 'UNKNOWN_PRODUCT', { value: m.model });
    }
    const lines: CreateOrderBody['lines'] = [];
    let total = 0;
    for (const l of g.lines) {
      const productId = catalog.productId(l.model);
      if (!productId) fail(l.row, 'model', 'UNKNOWN_PRODUCT', { value: l.model });
      const unitPrice = l.unitPrice ?? (productId && terms ? terms.priceFor(productId, l.qty) : null);
      if (unitPrice === null && productId && customer) fail(l.row, 'unitPrice', 'NO_PRICE');
      const amount = lineAmount(l.qty, unitPrice ?? 0, pctToBp(l.discountPct));
      if (amount > MONEY_MAX) fail(l.row, 'qty', 'AMOUNT_TOO_LARGE');
      total += amount;
      lines.push({
        productId: productId ?? '',
        qty: l.qty,
        unitPrice: unitPrice ?? 0,
        ...(l.discountPct !== null ? { discountPct: l.discountPct } : {}),
        specs: l.specs,
        requestedDate: l.requestedDate,
        ...(l.statedAmount !== null ? { statedAmount: l.statedAmount } : {}),
        ...(l.description !== null ? { description: l.description } : {}),
      });
    }

    if (total > MONEY_MAX && !groupErrors.some((e) => e.code === 'AMOUNT_TOO_LARGE'))
      fail(firstRow, 'qty', 'AMOUNT_TOO_LARGE');

    let body: CreateOrderBody | null = null;
    if (!g.invalid && groupErrors.length === 0 && customer && paymentTerms !== null) {
      const candidate: CreateOrderBody = {
        customerId: customer.id,
        customerPo: g.customerPo,
        currency,
        paymentTerms,
        packaging: g.fields.packaging ?? terms?.packaging ?? null,
        acceptanceStandard: g.fields.acceptanceStandard ?? terms?.acceptanceStandard ?? null,
        incoterm: terms?.incoterm ?? null,
        shippingMode: g.fields.shippingMode ?? null,
        shipTo: g.fields.shipTo ?? customer.defaultShipTo ?? null,
        notes: g.fields.notes ?? null,
        orderDate,
        lines,
        statedTotal: g.fields.statedTotal ?? null,
      };
      const parsed = createOrderBodySchema.safeParse(candidate);
      if (parsed.success) body = parsed.data;
      else {
        for (const issue of parsed.error.issues) {
          const [head, index, field] = issue.path;
          const line = head === 'lines' && typeof index === 'number' ? g.lines[index] : undefined;
          const key: ColumnKey =
            line && typeof field === 'string'
              ? (LINE_FIELD_COLUMNS[field] ?? 'model')
              : (BODY_FIELD_COLUMNS[String(head)] ?? 'customerPo');
          const row = line?.row ?? g.fieldRows[key as OrderField] ?? firstRow;
          fail(row, key, 'INVALID', { reason: issue.message });
        }
      }
    }
    errors.push(...groupErrors);
    orders.push({
      key: g.key,
      customerCode: g.customerCode,
      customerPo: g.customerPo,
      rows: g.rows,
      lineCount: g.lines.length,
      total,
      currency,
      body,
      errors: groupErrors,
    });
  }
  return { orders, errors };
}
