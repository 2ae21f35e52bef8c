import type { Kysely } from 'kysely';
import type { Language, OrderSummary } from '@gendan/contracts';
import type { DB } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { writeWorkbook } from '../../lib/xlsx';
import { toSummary } from './orders.mapping';
import { ORDER_STATUS_NAMES } from './orders.status';
import {
  countOrders,
  clerkNamesByIds,
  customersByIds,
  listOrderRows,
  ORDER_SORTS,
  type OrderFilter,
  type OrderSort,
} from './orders.list-repository';
import { fieldError } from './orders.validation';

export interface ListOrdersQuery extends OrderFilter {
  page: number;
  pageSize: number;
  sort?: string | undefined;
}

/** `createdAt` or `-createdAt` against the allow-list; default newest first. */
export function parseOrderSort(sort: string | undefined, lang: Language): { sort: OrderSort; desc: boolean } {
  if (!sort) return { sort: 'createdAt', desc: true };
  const desc = sort.startsWith('-');
  const key = desc ? sort.slice(1) : sort;
  if (!Object.hasOwn(ORDER_SORTS, key)) {
    const list = Object.keys(ORDER_SORTS).join(', ');
    throw fieldError(
      [{ path: 'querystring.sort', reasonZh: `可排序字段：${list}`, reasonEn: `sortable fields: ${list}` }],
      lang,
    );
  }
  return { sort: key as OrderSort, desc };
}

/** One page of orders (4 statements: page, its customers, its clerks, count). */
export async function listOrders(
  db: Kysely<DB>,
  query: ListOrdersQuery,
  lang: Language,
): Promise<{ items: OrderSummary[]; total: number }> {
  const { sort, desc } = parseOrderSort(query.sort, lang);
  const rows = await listOrderRows(db, query, sort, desc, query.pageSize, (query.page - 1) * query.pageSize);
  const customers = await customersByIds(db, [...new Set(rows.map((r) => r.customer_id))]);
  const clerks = await clerkNamesOf(db, rows);
  // The count is only needed when the page does not already tell it.
  const total = query.page === 1 && rows.length < query.pageSize ? rows.length : await countOrders(db, query);
  return {
    items: rows.map((r) => toSummary(r, customers.get(r.customer_id), clerkOf(clerks, r.clerk_id))),
    total,
  };
}

function clerkNamesOf(db: Kysely<DB>, rows: readonly { clerk_id: string | null }[]) {
  return clerkNamesByIds(db, [...new Set(rows.flatMap((r) => r.clerk_id ?? []))]);
}

const clerkOf = (names: Map<string, string>, id: string | null) =>
  id === null ? null : (names.get(id) ?? null);

export const EXPORT_LIMIT = 50_000;

const EXPORT_COLUMNS: { key: keyof OrderSummary | 'totalMajor'; zh: string; en: string; width?: number }[] = [
  { key: 'number', zh: '订单号', en: 'Order no.', width: 18 },
  { key: 'customerCode', zh: '客户编码', en: 'Customer code' },
  { key: 'customerName', zh: '客户名称', en: 'Customer', width: 28 },
  { key: 'customerPo', zh: '客户PO号', en: 'Customer PO', width: 18 },
  { key: 'status', zh: '状态', en: 'Status' },
  { key: 'channel', zh: '来源', en: 'Channel' },
  { key: 'orderDate', zh: '下单日期', en: 'Order date' },
  { key: 'currency', zh: '币种', en: 'Currency' },
  { key: 'totalMajor', zh: '金额', en: 'Total' },
  { key: 'lineCount', zh: '行数', en: 'Lines' },
  { key: 'requestedDate', zh: '要求交期', en: 'Requested date' },
  { key: 'promisedDate', zh: '承诺交期', en: 'Promised date' },
  { key: 'openBlocks', zh: '阻断问题', en: 'Open blocks' },
  { key: 'openWarnings', zh: '警告', en: 'Open warnings' },
  { key: 'clerkName', zh: '跟单员', en: 'Clerk' },
  { key: 'createdAt', zh: '创建时间', en: 'Created at', width: 24 },
];

/** Export columns of the review, left out of a portal customer's export. */
const REVIEW_COLUMNS: ReadonlySet<string> = new Set(['openBlocks', 'openWarnings']);

const CHANNEL_NAMES: Record<Language, Record<string, string>> = {
  'zh-CN': { form: '表单', api: 'API', import: 'Excel 导入', email: '邮件', portal: '客户门户' },
  en: { form: 'Form', api: 'API', import: 'Import', email: 'E-mail', portal: 'Portal' },
};

/**
 * The filtered list (all pages, up to 50,000 rows) as an xlsx workbook, headers in `lang`. A
 * portal customer's (`customerView`) has no review columns.
 */
export async function exportOrders(
  db: Kysely<DB>,
  query: Omit<ListOrdersQuery, 'page' | 'pageSize'>,
  lang: Language,
  opts: { customerView?: boolean } = {},
) {
  const { sort, desc } = parseOrderSort(query.sort, lang);
  const rows = await listOrderRows(db, query, sort, desc, EXPORT_LIMIT + 1, 0);
  if (rows.length > EXPORT_LIMIT) throw new AppError('EXPORT_TOO_LARGE', { limit: EXPORT_LIMIT });
  const customers = await customersByIds(db, [...new Set(rows.map((r) => r.customer_id))]);
  const clerks = await clerkNamesOf(db, rows);
  const data = rows.map((r) => {
    const s = toSummary(r, customers.get(r.customer_id), clerkOf(clerks, r.clerk_id));
    return {
      ...s,
      status: ORDER_STATUS_NAMES[lang][s.status] ?? s.status,
      channel: CHANNEL_NAMES[lang][s.channel] ?? s.channel,
      totalMajor: s.total / 100,
    };
  });
  return writeWorkbook([
    {
      name: lang === 'en' ? 'Orders' : '订单',
      columns: (opts.customerView
        ? EXPORT_COLUMNS.filter((c) => !REVIEW_COLUMNS.has(c.key))
        : EXPORT_COLUMNS
      ).map((c) => ({
        header: lang === 'en' ? c.en : c.zh,
        key: c.key,
        ...(c.width ? { width: c.width } : {}),
        ...(c.key === 'totalMajor' ? { numFmt: '#,##0.00' } : {}),
      })),
      rows: data,
    },
  ]);
}
