import {
  formatMessage,
  SHIPPING_MODES,
  type ImportError,
  type Language,
  type ShippingMode,
} from '@gendan/contracts';
import {
  plainCellValue,
  readRows,
  type CellValue,
  type ColumnSpec,
  type ReadSheet,
  type TableRow,
} from '../../lib/xlsx';
import { isKnownCurrency } from './orders.validation';

/**
 * The columns of an order import (xlsx, csv, or a table found in an e-mail), how errors name them
 * ("F 型号/Model"), the row errors in both languages, and the parsers of the cells that are not
 * plain numbers or dates (specs, currency, shipping mode).
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

export const COLUMN_BY_KEY = new Map(IMPORT_COLUMNS.map((c) => [c.key, c]));

/** The header spec for `readRows`; required columns are checked by `parseOrderSheets`. */
export const IMPORT_COLUMN_SPECS: readonly ColumnSpec[] = IMPORT_COLUMNS.map((c) => ({
  key: c.key,
  headers: [c['zh-CN'], c.en, ...c.aliases],
}));

/**
 * Reads an order sheet. The header is the first of the first ten rows that names at least the
 * model and quantity columns (so a title row above it is fine), else row 1.
 */
export function readOrderTable(table: readonly TableRow[]): ReadSheet {
  for (const row of table) {
    if (row.rowNumber > 10) break;
    const { letters } = readRows([{ rowNumber: 1, cells: row.cells }], IMPORT_COLUMN_SPECS);
    if ('model' in letters && 'qty' in letters) return readRows(table, IMPORT_COLUMN_SPECS, row.rowNumber);
  }
  return readRows(table, IMPORT_COLUMN_SPECS);
}

/**
 * Reads a table of cells (an HTML or text table from an e-mail, or test data) as a sheet, through
 * the same header mapping as a file. Row numbers are the table's, 1-based.
 */
export function sheetFromTable(table: readonly (readonly CellValue[])[], headerRow = 1): ReadSheet {
  return readRows(
    table.map((cells, i) => ({ rowNumber: i + 1, cells: cells.map(plainCellValue) })),
    IMPORT_COLUMN_SPECS,
    headerRow,
  );
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
  AMOUNT_TOO_LARGE: {
    'zh-CN': '金额过大：数量 × 单价超过系统上限',
    en: 'Amount too large: quantity × unit price exceeds the limit',
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
  return /^[A-Z]{3}$/.test(c) && isKnownCurrency(c) ? c : null;
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

/** A cell as an error message quotes it. */
export function shown(v: CellValue): string {
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 100);
}
