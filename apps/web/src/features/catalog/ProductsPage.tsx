import { Card, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { CatalogToolbar } from './CatalogToolbar';
import { ChoiceFilter, FilterBar, ListSearch, anyFilterSet } from '../../components/ListFilters';
import type { Product, ProductCategory } from '@gendan/contracts';
import { PRODUCT_CATEGORIES } from '@gendan/contracts/constants';
import { useColumnSettings } from '../../components/ColumnSettings';
import { QueryError } from '../../components/QueryError';
import { useCurrentUser } from '../../components/currentUser';
import { hasAnyRole } from '../../components/nav';
import { PRODUCT_WRITE_ROLES } from './access';
import { PRODUCTS_API, catalogKeys, useProducts } from './catalog.api';
import { formatTime } from './formRules';
import { sortOrderOf, type ListSpec } from './listState';
import { formatMoney } from './money';
import { ProductDrawer } from './ProductDrawer';
import { specsSummary } from './specs';
import { ActiveTag, CategoryTag, activeOptions } from './tags';
import { useDrawerTarget } from './useDrawerTarget';
import { useListState } from './useListState';

type FilterKey = 'q' | 'category' | 'active';

const SPEC: ListSpec<FilterKey> = {
  filters: ['q', 'category', 'active'],
  enums: { category: PRODUCT_CATEGORIES, active: ['true', 'false'] },
  sorts: ['model', 'name', 'category', 'createdAt', 'updatedAt'],
  defaultSort: 'model',
};

export default function ProductsPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const list = useListState(SPEC);
  const { params } = list;
  const f = params.filters;
  const products = useProducts(list.query);
  const drawer = useDrawerTarget();
  const canEdit = hasAnyRole(me.roles, PRODUCT_WRITE_ROLES);
  const sortable = (key: string) => ({ sorter: true, sortOrder: sortOrderOf(params.sort, key) });

  const columns: TableColumnsType<Product> = [
    {
      key: 'model',
      dataIndex: 'model',
      title: t('catalog.products.model'),
      ...sortable('model'),
      render: (model: string, p) => (
        <Typography.Link
          onClick={() => {
            drawer.open(p.id);
          }}
          data-testid={`product-open-${model}`}
        >
          {model}
        </Typography.Link>
      ),
    },
    { key: 'name', dataIndex: 'name', title: t('catalog.products.name'), ...sortable('name') },
    {
      key: 'category',
      dataIndex: 'category',
      title: t('catalog.products.category'),
      ...sortable('category'),
      render: (c: ProductCategory) => <CategoryTag category={c} />,
    },
    { key: 'unit', dataIndex: 'unit', title: t('catalog.products.unit') },
    {
      key: 'specs',
      dataIndex: 'specs',
      title: t('catalog.products.specs'),
      render: (specs: Product['specs']) => {
        const text = specsSummary(specs);
        return text ? (
          <Tooltip title={text}>
            <Typography.Text ellipsis style={{ maxWidth: 260 }}>
              {text}
            </Typography.Text>
          </Tooltip>
        ) : (
          '—'
        );
      },
    },
    {
      key: 'packagingSpec',
      dataIndex: 'packagingSpec',
      title: t('catalog.products.packagingSpec'),
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'leadTime',
      dataIndex: 'standardLeadTimeDays',
      title: t('catalog.products.leadTime'),
      align: 'right',
      render: (d: number) => t('catalog.common.daysValue', { count: d }),
    },
    {
      key: 'standardCost',
      dataIndex: 'standardCost',
      title: t('catalog.products.standardCost'),
      align: 'right',
      render: (v: number | null, p) =>
        v === null ? '—' : formatMoney(v, p.costCurrency ?? '', i18n.language),
    },
    {
      key: 'active',
      dataIndex: 'active',
      title: t('catalog.common.status'),
      render: (active: boolean) => <ActiveTag active={active} />,
    },
    {
      key: 'updatedAt',
      dataIndex: 'updatedAt',
      title: t('catalog.common.updatedAt'),
      ...sortable('updatedAt'),
      render: formatTime,
    },
    {
      key: 'createdAt',
      dataIndex: 'createdAt',
      title: t('catalog.common.createdAt'),
      ...sortable('createdAt'),
      render: formatTime,
    },
  ];
  const cols = useColumnSettings('catalog.products', columns, {
    defaultHidden: ['packagingSpec', 'standardCost', 'createdAt'],
    locked: ['model'],
  });
  const hasFilter = anyFilterSet(f);

  return (
    <Card
      title={t('catalog.products.title')}
      extra={
        <CatalogToolbar
          endpoint={PRODUCTS_API}
          queryKey={catalogKeys.products}
          exportQuery={list.exportQuery}
          columns={cols.control}
          canEdit={canEdit}
          onRefresh={() => void products.refetch()}
          onCreate={() => {
            drawer.open('new');
          }}
          labels={{
            importTitle: t('catalog.products.importTitle'),
            importHint: t('catalog.products.importHint'),
            templateFile: t('catalog.products.templateFile'),
            exportFile: t('catalog.products.exportFile'),
            create: t('catalog.products.create'),
          }}
          testIdPrefix="products"
          createTestId="product-create"
        />
      }
    >
      <FilterBar
        active={hasFilter}
        onReset={() => {
          list.setFilters({});
        }}
      >
        <ListSearch
          value={f.q}
          placeholder={t('catalog.products.searchPlaceholder')}
          onSearch={(q) => {
            list.setFilters({ ...f, q });
          }}
          testId="products-search"
        />
        <ChoiceFilter
          value={f.category}
          placeholder={t('catalog.products.filterCategory')}
          options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`catalog.categories.${c}`) }))}
          onChange={(category) => {
            list.setFilters({ ...f, category });
          }}
          width={160}
          testId="products-filter-category"
        />
        <ChoiceFilter
          value={f.active}
          placeholder={t('catalog.common.filterActive')}
          options={activeOptions(t)}
          onChange={(active) => {
            list.setFilters({ ...f, active });
          }}
          width={140}
          testId="products-filter-active"
        />
      </FilterBar>
      {products.isError && <QueryError error={products.error} onRetry={() => void products.refetch()} />}
      <div data-testid="products-table">
        <Table<Product>
          rowKey="id"
          columns={cols.columns}
          dataSource={products.data?.items}
          loading={products.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={list.pagination(products.data?.total)}
          onChange={list.onTableChange}
        />
      </div>
      <ProductDrawer
        target={drawer.target}
        canEdit={canEdit}
        onClose={drawer.close}
        onCreated={(p) => {
          drawer.open(p.id, true);
        }}
      />
    </Card>
  );
}
