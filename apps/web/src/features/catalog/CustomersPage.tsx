import { Card, Checkbox, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { CatalogToolbar } from './CatalogToolbar';
import { ChoiceFilter, FilterBar, ListSearch, anyFilterSet } from '../../components/ListFilters';
import type { Customer } from '@gendan/contracts';
import { useColumnSettings } from '../../components/ColumnSettings';
import { QueryError } from '../../components/QueryError';
import { useCurrentUser } from '../../components/currentUser';
import { hasAnyRole } from '../../components/nav';
import { CUSTOMER_WRITE_ROLES } from './access';
import { CUSTOMERS_API, catalogKeys, useCustomers } from './catalog.api';
import { CustomerDrawer } from './CustomerDrawer';
import { formatTime } from './formRules';
import type { ListSpec } from './listState';
import { formatMoney } from './money';
import { StaffName, StaffPicker } from './pickers';
import { ActiveTag, activeOptions } from './tags';
import { useDrawerTarget } from './useDrawerTarget';
import { useListState } from './useListState';
import { sortOrderOf } from './listState';

type FilterKey = 'q' | 'active' | 'clerkId';

const SPEC: ListSpec<FilterKey> = {
  filters: ['q', 'active', 'clerkId'],
  enums: { active: ['true', 'false'] },
  sorts: ['code', 'name', 'createdAt', 'updatedAt'],
  defaultSort: 'code',
};

export default function CustomersPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const list = useListState(SPEC);
  const { params } = list;
  const customers = useCustomers(list.query);
  const drawer = useDrawerTarget();
  const canEdit = hasAnyRole(me.roles, CUSTOMER_WRITE_ROLES);
  const f = params.filters;

  const columns: TableColumnsType<Customer> = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('catalog.customers.code'),
      sorter: true,
      sortOrder: sortOrderOf(params.sort, 'code'),
      render: (code: string, c) => (
        <Typography.Link
          onClick={() => {
            drawer.open(c.id);
          }}
          data-testid={`customer-open-${code}`}
        >
          {code}
        </Typography.Link>
      ),
    },
    {
      key: 'name',
      dataIndex: 'name',
      title: t('catalog.customers.name'),
      sorter: true,
      sortOrder: sortOrderOf(params.sort, 'name'),
    },
    {
      key: 'taxId',
      dataIndex: 'taxId',
      title: t('catalog.customers.taxId'),
      render: (v: string | null) => v ?? '—',
    },
    { key: 'currency', dataIndex: 'currency', title: t('catalog.customers.currency') },
    {
      key: 'creditLimit',
      dataIndex: 'creditLimit',
      title: t('catalog.customers.creditLimit'),
      align: 'right',
      render: (v: number | null, c) => formatMoney(v, c.currency, i18n.language),
    },
    {
      key: 'paymentTerms',
      dataIndex: 'paymentTerms',
      title: t('catalog.customers.paymentTerms'),
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'language',
      dataIndex: 'language',
      title: t('catalog.customers.language'),
      render: (lang: Customer['language']) => t(`languageNames.${lang}`),
    },
    {
      key: 'clerk',
      title: t('catalog.customers.clerk'),
      render: (_, c) => <StaffName id={c.clerkId} />,
    },
    {
      key: 'salesRep',
      title: t('catalog.customers.salesRep'),
      render: (_, c) => <StaffName id={c.salesRepId} />,
    },
    {
      key: 'contact',
      title: t('catalog.customers.mainContact'),
      render: (_, c) => {
        const first = c.contacts[0];
        if (!first) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <>
            {first.name}
            {first.phone ? <Typography.Text type="secondary"> {first.phone}</Typography.Text> : null}
            {c.contacts.length > 1 ? <Tag style={{ marginLeft: 4 }}>+{c.contacts.length - 1}</Tag> : null}
          </>
        );
      },
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
      sorter: true,
      sortOrder: sortOrderOf(params.sort, 'updatedAt'),
      render: formatTime,
    },
    {
      key: 'createdAt',
      dataIndex: 'createdAt',
      title: t('catalog.common.createdAt'),
      sorter: true,
      sortOrder: sortOrderOf(params.sort, 'createdAt'),
      render: formatTime,
    },
  ];
  const cols = useColumnSettings('catalog.customers', columns, {
    defaultHidden: ['taxId', 'language', 'salesRep', 'createdAt'],
    locked: ['code'],
  });
  const hasFilter = anyFilterSet(f);
  const isClerk = me.roles.includes('clerk');

  return (
    <Card
      title={t('catalog.customers.title')}
      extra={
        <CatalogToolbar
          endpoint={CUSTOMERS_API}
          queryKey={catalogKeys.customers}
          exportQuery={list.exportQuery}
          columns={cols.control}
          canEdit={canEdit}
          onRefresh={() => void customers.refetch()}
          onCreate={() => {
            drawer.open('new');
          }}
          labels={{
            importTitle: t('catalog.customers.importTitle'),
            importHint: t('catalog.customers.importHint'),
            templateFile: t('catalog.customers.templateFile'),
            exportFile: t('catalog.customers.exportFile'),
            create: t('catalog.customers.create'),
          }}
          testIdPrefix="customers"
          createTestId="customer-create"
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
          placeholder={t('catalog.customers.searchPlaceholder')}
          onSearch={(q) => {
            list.setFilters({ ...f, q });
          }}
          testId="customers-search"
        />
        <ChoiceFilter
          value={f.active}
          placeholder={t('catalog.common.filterActive')}
          options={activeOptions(t)}
          onChange={(active) => {
            list.setFilters({ ...f, active });
          }}
          width={140}
          testId="customers-filter-active"
        />
        <StaffPicker
          role="clerk"
          value={f.clerkId}
          placeholder={t('catalog.customers.filterClerk')}
          onChange={(clerkId) => {
            list.setFilters({ ...f, clerkId });
          }}
          style={{ width: 180 }}
          data-testid="customers-filter-clerk"
        />
        {isClerk && (
          <Checkbox
            checked={f.clerkId === me.id}
            onChange={(e) => {
              list.setFilters({ ...f, clerkId: e.target.checked ? me.id : undefined });
            }}
            style={{ alignSelf: 'center' }}
            data-testid="customers-mine"
          >
            {t('catalog.customers.mine')}
          </Checkbox>
        )}
      </FilterBar>
      {customers.isError && <QueryError error={customers.error} onRetry={() => void customers.refetch()} />}
      <div data-testid="customers-table">
        <Table<Customer>
          rowKey="id"
          columns={cols.columns}
          dataSource={customers.data?.items}
          loading={customers.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={list.pagination(customers.data?.total)}
          onChange={list.onTableChange}
        />
      </div>
      <CustomerDrawer
        target={drawer.target}
        canEdit={canEdit}
        onClose={drawer.close}
        onCreated={(c) => {
          drawer.open(c.id, true);
        }}
      />
    </Card>
  );
}
