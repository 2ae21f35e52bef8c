/**
 * The state of a list page (page, page size, sort, filters) lives in the URL, so a filtered list
 * can be bookmarked, shared and survives a reload. Sort is the API's `sort` text: `name` or
 * `-name` (descending), restricted to the fields the page allows.
 */

export const PAGE_SIZES = [10, 20, 50, 100];
export const DEFAULT_PAGE_SIZE = 20;

export type Filters<K extends string> = Partial<Record<K, string>>;

export interface ListParams<K extends string> {
  page: number;
  pageSize: number;
  sort?: string;
  filters: Filters<K>;
}

export interface ListSpec<K extends string> {
  /** Filter names read from and written to the URL (and sent to the API as is). */
  filters: readonly K[];
  /** Allowed values of enum-like filters; any other value in the URL is ignored. */
  enums?: Partial<Record<K, readonly string[]>>;
  /** Sortable fields (without the `-`). */
  sorts: readonly string[];
  defaultSort?: string;
}

function positiveInt(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

export function readListParams<K extends string>(search: URLSearchParams, spec: ListSpec<K>): ListParams<K> {
  const pageSize = positiveInt(search.get('pageSize'), DEFAULT_PAGE_SIZE);
  const rawSort = search.get('sort') ?? undefined;
  const sortField = rawSort?.replace(/^-/, '');
  const filters: Filters<K> = {};
  for (const key of spec.filters) {
    const value = search.get(key)?.trim();
    if (!value) continue;
    const allowed = spec.enums?.[key];
    if (allowed && !allowed.includes(value)) continue;
    filters[key] = value;
  }
  return {
    page: positiveInt(search.get('page'), 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    sort: sortField && spec.sorts.includes(sortField) ? rawSort : spec.defaultSort,
    filters,
  };
}

/** The URL search of a list state; defaults are left out to keep URLs short. */
export function listSearch<K extends string>(p: ListParams<K>, spec: ListSpec<K>): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.page > 1) out.page = String(p.page);
  if (p.pageSize !== DEFAULT_PAGE_SIZE) out.pageSize = String(p.pageSize);
  if (p.sort && p.sort !== spec.defaultSort) out.sort = p.sort;
  for (const key of spec.filters) {
    const value = p.filters[key];
    if (value) out[key] = value;
  }
  return out;
}

/** What the list endpoint (and the export) receives. */
export function listQuery<K extends string>(p: ListParams<K>): Record<string, string | number | undefined> {
  return { page: p.page, pageSize: p.pageSize, sort: p.sort, ...p.filters };
}

/** The filters and sort without paging: what an export sends. */
export function exportQuery<K extends string>(p: ListParams<K>): Record<string, string | undefined> {
  return { sort: p.sort, ...p.filters };
}

export type SortOrder = 'ascend' | 'descend' | null;

/** The API sort text for a table sorter, or undefined when the column sort was cleared. */
export function sortFromTable(field: unknown, order: SortOrder | undefined): string | undefined {
  if (typeof field !== 'string' || !order) return undefined;
  return order === 'descend' ? `-${field}` : field;
}

/** The antd `sortOrder` of a column under the current sort. */
export function sortOrderOf(sort: string | undefined, field: string): SortOrder {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}
