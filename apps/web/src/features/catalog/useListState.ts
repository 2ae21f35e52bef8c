import { useSearchParams } from 'react-router';
import type { TablePaginationConfig, TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  PAGE_SIZES,
  exportQuery,
  listQuery,
  listSearch,
  readListParams,
  sortFromTable,
  type Filters,
  type ListParams,
  type ListSpec,
} from './listState';

const LIST_KEYS = ['page', 'pageSize', 'sort'];

/**
 * A list page's state, kept in the URL (see listState.ts). Other search parameters (such as
 * `open=<id>` for a drawer) are left alone.
 */
export function useListState<K extends string>(spec: ListSpec<K>) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const params = readListParams(search, spec);

  const update = (next: ListParams<K>) => {
    setSearch((prev) => {
      const out = new URLSearchParams(listSearch(next, spec));
      for (const [key, value] of prev) {
        if (!LIST_KEYS.includes(key) && !(spec.filters as readonly string[]).includes(key))
          out.set(key, value);
      }
      return out;
    });
  };

  const setFilters = (filters: Filters<K>) => {
    update({ ...params, page: 1, filters });
  };

  /** Table `onChange`: paging and the column sort. */
  const onTableChange = <T>(
    ...[pagination, , sorter]: Parameters<NonNullable<TableProps<T>['onChange']>>
  ) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = one?.columnKey ?? one?.field;
    const sort = sortFromTable(field, one?.order ?? null) ?? spec.defaultSort;
    const pageSize = pagination.pageSize ?? params.pageSize;
    const sortChanged = sort !== params.sort;
    update({
      ...params,
      sort,
      pageSize,
      page: pageSize !== params.pageSize || sortChanged ? 1 : (pagination.current ?? 1),
    });
  };

  const pagination = (total: number | undefined): TablePaginationConfig => ({
    current: params.page,
    pageSize: params.pageSize,
    total: total ?? 0,
    pageSizeOptions: PAGE_SIZES,
    showSizeChanger: true,
    showTotal: (n) => t('common.total', { total: n }),
  });

  return {
    params,
    /** For the list endpoint. */
    query: listQuery(params),
    /** For the export: filters and sort, no paging. */
    exportQuery: exportQuery(params),
    setFilters,
    onTableChange,
    pagination,
  };
}
