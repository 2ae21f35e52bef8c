import {
  createOrderBodySchema,
  formatMessage,
  SHIPPING_MODES,
  type CreateOrderBody,
  type ImportError,
  type Language,
  type ShippingMode,
} from '@gendan/contracts';
import { lineAmount, pctToBp } from '../../lib/money';
import { addDays } from '../../lib/time';
import ExcelJS from 'exceljs';
import {
  cellDate,
  cellInt,
  cellMoney,
  cellPercent,
  cellText,
  INVALID,
  plainCellValue,
  readRows,
  writeWorkbook,
  type CellValue,
  type ColumnSpec,
  type ReadSheet,
} from '../../lib/xlsx';

/**
 * Order intake from a spreadsheet (xlsx, csv, or a table found in an e-mail): the columns, the
 * row parser and the grouping of rows into orders. Pure: the catalog look-ups are passed in, and
 * the database work is in orders.intake.ts.
 *
 * One sheet may hold many orders, grouped by (customer code, customer PO). Order-level fields may
 * be given on any one row of a group (usually the first); two different values in one group are an
 * error. A row whose customer code and PO are both empty continues the order above it.
 */

export const ORDER_FIELDS = [
  'orderDate',
  'currency',
  'paymentTerms',
  'packaging',
  'acceptanceStandard',
  'shippingMode',
  'shipTo',
  'notes',
  'statedTotal',
] as const;
export type OrderField = (typeof ORDER_FIELDS)[number];

export type ColumnKey =
  | 'customerCode'
  | 'customerPo'
  | OrderField
  | 'model'
  | 'specs'
  | 'qty'
  | 'unitPrice'
  | 'discountPct'
  | 'requestedDate'
  | 'statedAmount'
  | 'description';

interface ImportColumn {
  key: ColumnKey;
  'zh-CN': string;
  en: string;
  /** Further header names accepted on read (matched ignoring case, spaces, `*` and brackets). */
  aliases: string[];
  width: number;
}

/** The columns, in template order. `zh-CN` and `en` are the template headers and error labels. */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  {
    key: 'customerCode',
    'zh-CN': '客户编码',
    en: 'Customer code',
    aliases: ['客户代码', 'Customer'],
    width: 14,
  },
  {
    key: 'customerPo',
    'zh-CN': '客户PO号',
    en: 'Customer PO',
    aliases: ['PO号', 'PO', 'PO No.', 'PO No', 'PO number', '客户订单号', '采购单号'],
    width: 16,
  },
  { key: 'orderDate', 'zh-CN': '订单日期', en: 'Order date', aliases: ['下单日期'], width: 12 },
  { key: 'currency', 'zh-CN': '币种', en: 'Currency', aliases: ['货币'], width: 8 },
  {
    key: 'paymentTerms',
    'zh-CN': '付款方式',
    en: 'Payment terms',
    aliases: ['付款条件', '结算方式'],
    width: 14,
  },
  { key: 'packaging', 'zh-CN': '包装要求', en: 'Packaging', aliases: ['包装'], width: 14 },
  { key: 'acceptanceStandard', 'zh-CN': '验收标准', en: 'Acceptance standard', aliases: [], width: 18 },
  {
    key: 'shippingMode',
    'zh-CN': '运输方式',
    en: 'Shipping mode',
    aliases: ['发货方式', '物流方式'],
    width: 12,
  },
  { key: 'shipTo', 'zh-CN': '收货地址', en: 'Ship-to', aliases: ['Ship to', '送货地址'], width: 24 },
  { key: 'model', 'zh-CN': '型号', en: 'Model', aliases: ['产品型号', 'Product model', 'Item'], width: 14 },
  { key: 'specs', 'zh-CN': '规格', en: 'Specs', aliases: ['规格参数', 'Spec', 'Specifications'], width: 24 },
  { key: 'qty', 'zh-CN': '数量', en: 'Qty', aliases: ['Quantity', '订货数量'], width: 10 },
  { key: 'unitPrice', 'zh-CN': '单价', en: 'Unit price', aliases: ['Price', '含税单价'], width: 10 },
  { key: 'discountPct', 'zh-CN': '折扣%', en: 'Discount %', aliases: ['折扣', 'Discount'], width: 10 },
  {
    key: 'requestedDate',
    'zh-CN': '要求交期',
    en: 'Requested date',
    aliases: ['交期', '交货日期', 'Delivery date', 'Due date'],
    width: 12,
  },
  { key: 'statedAmount', 'zh-CN': '金额', en: 'Line amount', aliases: ['行金额', 'Amount'], width: 12 },
  { key: 'statedTotal', 'zh-CN': '订单总额', en: 'Order total', aliases: ['总金额', 'Total'], width: 12 },
  { key: 'description', 'zh-CN': '行描述', en: 'Description', aliases: ['描述', '说明', '品名'], width: 20 },
  { key: 'notes', 'zh-CN': '备注', en: 'Notes', aliases: ['Remarks', 'Note'], width: 20 },
];

const COLUMN_BY_KEY = new Map(IMPORT_COLUMNS.map((c) => [c.key, c]));

/** The header spec for `readRows`; required columns are checked by `parseOrderSheets`. */
export const IMPORT_COLUMN_SPECS: readonly ColumnSpec[] = IMPORT_COLUMNS.map((c) => ({
  key: c.key,
  headers: [c['zh-CN'], c.en, ...c.aliases],
}));

/**
 * Reads an order sheet. The header is the first of the first ten rows that names at least the
 * model and quantity columns (so a title row above it is fine), else row 1.
 */
export function readOrderWorksheet(ws: ExcelJS.Worksheet): ReadSheet {
  for (let r = 1; r <= Math.min(10, ws.rowCount); r++) {
    const cells: CellValue[] = [];
    ws.getRow(r).eachCell({ includeEmpty: false }, (cell, col) => {
      cells[col - 1] = plainCellValue(cell.value);
    });
    const { letters } = sheetFromTable([Array.from(cells, (c) => c ?? null)]);
    if ('model' in letters && 'qty' in letters) return readRows(ws, IMPORT_COLUMN_SPECS, r);
  }
  return readRows(ws, IMPORT_COLUMN_SPECS);
}

/**
 * Reads a table of cells (an HTML or text table from an e-mail, or test data) as a sheet, through
 * the same header mapping as a file. Row numbers are the table's, 1-based.
 */
export function sheetFromTable(table: readonly (readonly CellValue[])[], headerRow = 1): ReadSheet {
  const ws = new ExcelJS.Workbook().addWorksheet('table');
  for (const r of table) ws.addRow([...r]);
  return readRows(ws, IMPORT_COLUMN_SPECS, headerRow);
}

/** "F 型号/Model": the column as errors name it, with its letter when the sheet has it. */
export function columnLabel(key: ColumnKey, letter?: string): string {
  const c = COLUMN_BY_KEY.get(key);
  const name = c ? `${c['zh-CN']}/${c.en}` : key;
  return letter ? `${letter} ${name}` : name;
}

// Errors

const MESSAGES = {
  REQUIRED: { 'zh-CN': '必填，不能为空', en: 'Required; must not be empty' },
  MISSING_COLUMN: { 'zh-CN': '缺少必需的列「{column}」', en: 'The required column "{column}" is missing' },
  INVALID_NUMBER: {
    'zh-CN': '「{value}」不是有效的数量（1 到 10 亿之间的整数）',
    en: '"{value}" is not a valid quantity (a whole number from 1 to 1,000,000,000)',
  },
  INVALID_MONEY: {
    'zh-CN': '「{value}」不是有效的金额（非负数，最多两位小数）',
    en: '"{value}" is not a valid amount (not negative, at most two decimals)',
  },
  INVALID_PERCENT: {
    'zh-CN': '「{value}」不是有效的百分比（0–100，最多两位小数）',
    en: '"{value}" is not a valid percentage (0–100, at most two decimals)',
  },
  INVALID_DATE: {
    'zh-CN': '「{value}」不是有效日期（如 2026-03-07）',
    en: '"{value}" is not a valid date (e.g. 2026-03-07)',
  },
  INVALID_SPECS: {
    'zh-CN': '「{value}」格式不对，应为「材质=钢; 颜色=红」',
    en: '"{value}" is not in the form "material=steel; colour=red"',
  },
  INVALID_VALUE: {
    'zh-CN': '「{value}」无效，可填：{allowed}',
    en: '"{value}" is not valid; use one of: {allowed}',
  },
  TOO_LONG: { 'zh-CN': '内容过长（最多 {max} 个字符）', en: 'Too long (at most {max} characters)' },
  CONFLICT: {
    'zh-CN': '「{value}」与同一订单第 {firstRow} 行的「{first}」不一致',
    en: '"{value}" differs from "{first}" on row {firstRow} of the same order',
  },
  UNKNOWN_CUSTOMER: {
    'zh-CN': '客户编码「{value}」不存在或已停用',
    en: 'Customer code "{value}" does not exist or is inactive',
  },
  UNKNOWN_PRODUCT: { 'zh-CN': '型号「{value}」不存在', en: 'Model "{value}" does not exist' },
  NO_PRICE: {
    'zh-CN': '未填单价，且该客户没有覆盖此型号的有效合同或价格表',
    en: 'No unit price given, and no active contract or price list of the customer covers this model',
  },
  NO_TERMS: {
    'zh-CN': '未填付款方式，客户资料和有效合同中也没有',
    en: 'No payment terms given, and neither the customer nor an active contract has any',
  },
  TOO_MANY_LINES: { 'zh-CN': '一个订单最多 {max} 行', en: 'An order has at most {max} lines' },
  NO_LINES: {
    'zh-CN': '没有找到订单行：需要 xlsx/csv 附件，或正文中带「型号」「数量」等列的表格',
    en: 'No order lines found: attach an xlsx/csv file, or put a table with Model, Qty… columns in the body',
  },
  NO_CUSTOMER: {
    'zh-CN': '无法确定客户：发件人不是任何客户的联系人，主题中没有 [客户编码]，表格中也没有客户编码',
    en: 'The customer is unknown: the sender is no customer contact, the subject has no [customer code], and the sheet has no customer code',
  },
  NO_PO: {
    'zh-CN': '没有客户PO号：请在表格中或邮件主题中注明（如「PO 4500012345」）',
    en: 'No customer PO: give it in the sheet or in the subject (e.g. "PO 4500012345")',
  },
  INVALID: { 'zh-CN': '无效：{reason}', en: 'Invalid: {reason}' },
} as const satisfies Record<string, Record<Language, string>>;

export type IntakeErrorCode = keyof typeof MESSAGES;

/** An error before translation; `column` is already a label ("F 型号/Model"). */
export interface IntakeError {
  row: number;
  column: string | null;
  code: IntakeErrorCode;
  params?: Record<string, unknown>;
}

export function translateErrors(errors: readonly IntakeError[], lang: Language): ImportError[] {
  return errors.map((e) => ({
    row: e.row,
    column: e.column,
    code: e.code,
    message: formatMessage(MESSAGES[e.code][lang], e.params),
  }));
}

// Cells

const CURRENCY_ALIASES: Record<string, string> = {
  RMB: 'CNY',
  人民币: 'CNY',
  '¥': 'CNY',
  '￥': 'CNY',
  美元: 'USD',
  $: 'USD',
  欧元: 'EUR',
  '€': 'EUR',
};

const SHIPPING_ALIASES: Record<string, ShippingMode> = {
  快递: 'express',
  整车: 'ftl',
  专线: 'ltl',
  零担: 'ltl',
  自提: 'pickup',
};

export function parseShippingMode(text: string): ShippingMode | null {
  const t = text.trim();
  const lower = t.toLowerCase();
  if ((SHIPPING_MODES as readonly string[]).includes(lower)) return lower as ShippingMode;
  return SHIPPING_ALIASES[t] ?? null;
}

export function parseCurrency(text: string): string | null {
  const t = text.trim();
  const c = CURRENCY_ALIASES[t] ?? CURRENCY_ALIASES[t.toUpperCase()] ?? t.toUpperCase();
  return /^[A-Z]{3}$/.test(c) ? c : null;
}

/**
 * Spec values written as `材质=钢; 颜色=红` (also `：`/`:` for `=`, `；`, new lines, or a comma that
 * starts a new `key=` pair, as separators). Returns null when a part is not `key=value`.
 */
export function parseSpecs(text: string): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const part of text.split(/[;；\n\r]|[,，](?=[^,，;；\n=＝:：]+[=＝:：])/)) {
    const p = part.trim();
    if (!p) continue;
    const m = /^([^=＝:：]+)[=＝:：](.*)$/s.exec(p);
    const key = m?.[1]?.trim() ?? '';
    const value = m?.[2]?.trim() ?? '';
    if (!key || key.length > 64 || value.length > 500) return null;
    out[key] = value;
  }
  return out;
}

function shown(v: CellValue): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 100);
}

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

/** Reads the rows of one or more sheets into order groups, collecting every cell error. */
export function parseOrderSheets(sources: readonly SheetSource[], opts: ParseOptions = {}): ParsedSheets {
  const groups = new Map<string, OrderGroup>();
  const errors: IntakeError[] = [];
  const defaultCode = opts.defaults?.customerCode ?? null;
  const defaultPo = opts.defaults?.customerPo ?? null;
  let rows = 0;
  for (const { sheet, name } of sources) {
    const prefix = name && sources.length > 1 ? `${name}: ` : '';
    const label = (key: ColumnKey) => prefix + columnLabel(key, sheet.letters[key]);
    const required: ColumnKey[] = ['model', 'qty', 'requestedDate'];
    if (!defaultCode) required.unshift('customerCode');
    if (!defaultPo) required.splice(1, 0, 'customerPo');
    const missing = required.filter((k) => !(k in sheet.letters));
    for (const k of missing)
      errors.push({ row: 1, column: label(k), code: 'MISSING_COLUMN', params: { column: columnLabel(k) } });
    if (missing.length > 0) continue;

    let previous: OrderGroup | null = null;
    for (const { rowNumber: row, values } of sheet.rows) {
      rows++;
      const rowErrors: IntakeError[] = [];
      const fail = (key: ColumnKey, code: IntakeErrorCode, params?: Record<string, unknown>) =>
        rowErrors.push({ row, column: label(key), code, ...(params ? { params } : {}) });
      const value = (key: ColumnKey): CellValue => values[key] ?? null;
      const text = (key: ColumnKey): string | null => {
        const t = cellText(value(key));
        const max = TEXT_LIMITS[key];
        if (t !== null && max !== undefined && t.length > max) {
          fail(key, 'TOO_LONG', { max });
          return null;
        }
        return t;
      };

      // The order this row belongs to.
      const code = text('customerCode');
      const po = text('customerPo');
      let group: OrderGroup | null = null;
      if (code === null && po === null && previous && !defaultCode && !defaultPo) {
        group = previous;
      } else {
        const c = code ?? defaultCode;
        const p = po ?? defaultPo;
        if (c === null && !rowErrors.some((e) => e.column === label('customerCode')))
          fail('customerCode', 'REQUIRED');
        if (p === null && !rowErrors.some((e) => e.column === label('customerPo')))
          fail('customerPo', 'REQUIRED');
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

      const fields = parseOrderFields(value, text, fail);
      const { line, model } = parseLine(row, value, text, fail);

      if (group) {
        group.rows.push(row);
        for (const f of ORDER_FIELDS) {
          const v = fields[f];
          if (v === undefined) continue;
          const current = group.fields[f];
          if (current === undefined) {
            (group.fields as Record<string, unknown>)[f] = v;
            group.fieldRows[f] = row;
          } else if (current !== v) {
            fail(f, 'CONFLICT', { value: shown(value(f)), first: current, firstRow: group.fieldRows[f] });
          }
        }
        if (line) {
          if (group.lines.length >= MAX_LINES_PER_ORDER)
            fail('model', 'TOO_MANY_LINES', { max: MAX_LINES_PER_ORDER });
          else group.lines.push(line);
        } else if (model !== null) group.otherModels.push({ row, model });
        if (rowErrors.length > 0) group.invalid = true;
        previous = group;
      }
      errors.push(...rowErrors);
    }
  }
  return { groups: [...groups.values()], errors, rows };
}

type ValueOf = (key: ColumnKey) => CellValue;
type TextOf = (key: ColumnKey) => string | null;
type Fail = (key: ColumnKey, code: IntakeErrorCode, params?: Record<string, unknown>) => void;

function parseOrderFields(value: ValueOf, text: TextOf, fail: Fail): OrderFieldValues {
  const out: OrderFieldValues = {};
  const orderDate = cellDate(value('orderDate'));
  if (orderDate === INVALID) fail('orderDate', 'INVALID_DATE', { value: shown(value('orderDate')) });
  else if (orderDate !== null) out.orderDate = orderDate;
  const currency = text('currency');
  if (currency !== null) {
    const c = parseCurrency(currency);
    if (c === null) fail('currency', 'INVALID_VALUE', { value: currency, allowed: 'CNY, USD, EUR…' });
    else out.currency = c;
  }
  const mode = text('shippingMode');
  if (mode !== null) {
    const m = parseShippingMode(mode);
    if (m === null) {
      fail('shippingMode', 'INVALID_VALUE', {
        value: mode,
        allowed: 'express/ftl/ltl/pickup, 快递/整车/专线/自提',
      });
    } else out.shippingMode = m;
  }
  for (const f of ['paymentTerms', 'packaging', 'acceptanceStandard', 'shipTo', 'notes'] as const) {
    const t = text(f);
    if (t !== null) out[f] = t;
  }
  const total = cellMoney(value('statedTotal'));
  if (total === INVALID) fail('statedTotal', 'INVALID_MONEY', { value: shown(value('statedTotal')) });
  else if (total !== null) out.statedTotal = total;
  return out;
}

function parseLine(
  row: number,
  value: ValueOf,
  text: TextOf,
  fail: Fail,
): { line: ParsedLine | null; model: string | null } {
  let ok = true;
  const bad = (key: ColumnKey, code: IntakeErrorCode, params?: Record<string, unknown>) => {
    ok = false;
    fail(key, code, params);
  };
  const model = text('model');
  if (model === null && value('model') === null) bad('model', 'REQUIRED');
  const specsText = text('specs');
  const specs = specsText === null ? {} : parseSpecs(specsText);
  if (specs === null) bad('specs', 'INVALID_SPECS', { value: specsText });
  const qty = cellInt(value('qty'));
  if (qty === null) bad('qty', 'REQUIRED');
  else if (qty === INVALID || qty < 1 || qty > 1_000_000_000)
    bad('qty', 'INVALID_NUMBER', { value: shown(value('qty')) });
  const unitPrice = cellMoney(value('unitPrice'));
  if (unitPrice === INVALID) bad('unitPrice', 'INVALID_MONEY', { value: shown(value('unitPrice')) });
  const discount = cellPercent(value('discountPct'));
  if (discount === INVALID) bad('discountPct', 'INVALID_PERCENT', { value: shown(value('discountPct')) });
  const requestedDate = cellDate(value('requestedDate'));
  if (requestedDate === null) bad('requestedDate', 'REQUIRED');
  else if (requestedDate === INVALID)
    bad('requestedDate', 'INVALID_DATE', { value: shown(value('requestedDate')) });
  const statedAmount = cellMoney(value('statedAmount'));
  if (statedAmount === INVALID) bad('statedAmount', 'INVALID_MONEY', { value: shown(value('statedAmount')) });
  const description = text('description');
  if (!ok || model === null || specs === null) return { line: null, model };
  const line: ParsedLine = {
    row,
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
      total += lineAmount(l.qty, unitPrice ?? 0, pctToBp(l.discountPct));
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

// The template

const NOTES: Record<Language, string[]> = {
  'zh-CN': [
    '订单导入模板说明',
    '1. 一个文件可包含多个订单：按「客户编码 + 客户PO号」分组，同一订单的每一行都填写这两列（或都留空，表示接上一行的订单）。',
    '2. 订单日期、币种、付款方式、包装要求、验收标准、运输方式、收货地址、订单总额、备注是订单级字段：只需在该订单的第一行填写；同一订单内填写了不同的值会报错。',
    '3. 必填列：客户编码、客户PO号、型号、数量、要求交期。单价、币种、付款方式、包装要求、验收标准留空时，取客户资料和有效合同中的值。',
    '4. 规格写成「材质=钢; 颜色=红」；单价、金额填元（如 12.50）；折扣填百分数（如 5 表示 5%）；日期填 2026-03-07。',
    '5. 运输方式：快递 / 整车 / 专线 / 自提（或 express / ftl / ltl / pickup）。',
    '6. 金额、订单总额是客户单据上的金额，审核时会与系统计算值核对，可留空。',
    '7. 先「预览」检查错误（按行号和列显示），没有错误才能导入；整个文件要么全部导入，要么都不导入。同一文件重复导入不会产生重复订单。',
    '8. 表头可以用中文或英文。',
  ],
  en: [
    'Order import template',
    '1. One file may hold many orders, grouped by "Customer code + Customer PO". Fill both on every row of an order (or leave both empty to continue the order above).',
    '2. Order date, currency, payment terms, packaging, acceptance standard, shipping mode, ship-to, order total and notes belong to the order: fill them on its first row only. Different values within one order are an error.',
    '3. Required columns: customer code, customer PO, model, qty, requested date. An empty unit price, currency, payment terms, packaging or acceptance standard is taken from the customer and its active contract.',
    '4. Specs as "material=steel; colour=red"; unit price and amounts in major units (e.g. 12.50); discount as a percentage (5 means 5 %); dates as 2026-03-07.',
    '5. Shipping mode: express / ftl / ltl / pickup (or 快递 / 整车 / 专线 / 自提).',
    "6. Line amount and order total are the amounts on the customer's document; the review checks them against the computed ones. They may be left empty.",
    '7. Preview first: errors are listed by row and column, and only a file without errors is imported, all or nothing. Importing the same file again never duplicates orders.',
    '8. Headers may be in Chinese or English.',
  ],
};

/** The import template: headers in the caller's language, one example order of two lines, notes. */
export async function orderImportTemplate(lang: Language, today: string): Promise<Buffer> {
  const zh = lang === 'zh-CN';
  const due = addDays(today, 30);
  const example: Record<ColumnKey, string | number | null>[] = [
    {
      customerCode: 'C001',
      customerPo: 'PO-2026-001',
      orderDate: today,
      currency: 'CNY',
      paymentTerms: zh ? '月结30天' : 'Net 30',
      packaging: zh ? '纸箱，每箱50件' : 'Cartons of 50',
      acceptanceStandard: 'GB/T 2828.1 AQL 1.0',
      shippingMode: zh ? '快递' : 'express',
      shipTo: zh ? '上海市浦东新区张江路 1 号' : '1 Zhangjiang Rd, Pudong, Shanghai',
      model: 'M-100',
      specs: zh ? '材质=钢; 颜色=红' : 'material=steel; colour=red',
      qty: 100,
      unitPrice: 12.5,
      discountPct: 0,
      requestedDate: due,
      statedAmount: 1250,
      statedTotal: 2450,
      description: zh ? '示例行一' : 'Example line 1',
      notes: null,
    },
    {
      customerCode: 'C001',
      customerPo: 'PO-2026-001',
      orderDate: null,
      currency: null,
      paymentTerms: null,
      packaging: null,
      acceptanceStandard: null,
      shippingMode: null,
      shipTo: null,
      model: 'M-200',
      specs: zh ? '尺寸=20x30' : 'size=20x30',
      qty: 50,
      unitPrice: 24,
      discountPct: null,
      requestedDate: due,
      statedAmount: 1200,
      statedTotal: null,
      description: zh ? '示例行二' : 'Example line 2',
      notes: null,
    },
  ];
  return writeWorkbook([
    {
      name: zh ? '订单' : 'Orders',
      columns: IMPORT_COLUMNS.map((c) => ({
        header: c[lang],
        key: c.key,
        width: c.width,
        ...(c.key === 'unitPrice' || c.key === 'statedAmount' || c.key === 'statedTotal'
          ? { numFmt: '0.00' }
          : {}),
      })),
      rows: example,
      notes: NOTES[lang],
    },
  ]);
}
