import { Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { CatalogToolbar } from './CatalogToolbar';
import { ChoiceFilter, FilterBar, ListSearch, anyFilterSet } from '../../components/ListFilters';
import { Link, useNavigate } from 'react-router';
import type { Agreement, AgreementKind, AgreementStatus } from '@gendan/contracts';
import { AGREEMENT_STATUSES } from '@gendan/contracts/constants';
import { useColumnSettings } from '../../components/ColumnSettings';
import { QueryError } from '../../components/QueryError';
import { useCurrentUser } from '../../components/currentUser';
import { hasAnyRole } from '../../components/nav';
import { AGREEMENT_WRITE_ROLES } from './access';
import { AGREEMENT_API, catalogKeys, useAgreements } from './catalog.api';
import { formatTime } from './formRules';
import { sortOrderOf, type ListSpec } from './listState';
import { CustomerPicker } from './pickers';
import { agreementPath, customerPath } from './routes';
import { AgreementStatusTag } from './tags';
import { useListState } from './useListState';

type FilterKey = 'q' | 'customerId' | 'status';

const SPEC: ListSpec<FilterKey> = {
  filters: ['q', 'customerId', 'status'],
  enums: { status: AGREEMENT_STATUSES },
  sorts: ['code', 'validFrom', 'validTo', 'status', 'createdAt', 'updatedAt'],
  defaultSort: '-validFrom',
};

/** The list of one kind of agreement: contracts, price lists or quotations. */
export default function AgreementsPage({ kind }: { kind: AgreementKind }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const list = useListState(SPEC);
  const { params } = list;
  const f = params.filters;
  const agreements = useAgreements(kind, list.query);
  const canEdit = hasAnyRole(me.roles, AGREEMENT_WRITE_ROLES);
  const endpoint = AGREEMENT_API[kind];
  const tk = `catalog.kinds.${kind}` as const;
  const sortable = (key: string) => ({ sorter: true, sortOrder: sortOrderOf(params.sort, key) });

  const columns: TableColumnsType<Agreement> = [
    {
      key: 'code',
      dataIndex: 'code',
      title: t('catalog.agreements.code'),
      ...sortable('code'),
      render: (code: string, a) => (
        <Link to={agreementPath(kind, a.id)} data-testid={`agreement-open-${code}`}>
          {code}
        </Link>
      ),
    },
    {
      key: 'name',
      dataIndex: 'name',
      title: t('catalog.agreements.name'),
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'customer',
      title: t('catalog.agreements.customer'),
      render: (_, a) =>
        a.customerId ? (
          <Link to={customerPath(a.customerId)}>{a.customerName ?? a.customerId}</Link>
        ) : (
          <Typography.Text type="secondary">{t('catalog.agreements.general')}</Typography.Text>
        ),
    },
    {
      key: 'validFrom',
      dataIndex: 'validFrom',
      title: t('catalog.agreements.validFrom'),
      ...sortable('validFrom'),
    },
    { key: 'validTo', dataIndex: 'validTo', title: t('catalog.agreements.validTo'), ...sortable('validTo') },
    { key: 'currency', dataIndex: 'currency', title: t('catalog.agreements.currency') },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('catalog.agreements.status'),
      ...sortable('status'),
      render: (s: AgreementStatus) => <AgreementStatusTag status={s} />,
    },
    {
      key: 'paymentTerms',
      dataIndex: 'paymentTerms',
      title: t('catalog.agreements.paymentTerms'),
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'incoterm',
      dataIndex: 'incoterm',
      title: t('catalog.agreements.incoterm'),
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'lines',
      title: t('catalog.agreements.lineCount'),
      align: 'right',
      render: (_, a) => a.lines.length,
    },
    {
      key: 'updatedAt',
      dataIndex: 'updatedAt',
      title: t('catalog.common.updatedAt'),
      ...sortable('updatedAt'),
      render: formatTime,
    },
  ];
  const cols = useColumnSettings(`catalog.agreements.${kind}`, columns, {
    defaultHidden: ['name', 'incoterm'],
    locked: ['code'],
  });
  const hasFilter = anyFilterSet(f);
  const prefix = `${kind.replace('_', '-')}s`;

  return (
    <Card
      title={t(`${tk}.title`)}
      extra={
        <CatalogToolbar
          endpoint={endpoint}
          queryKey={catalogKeys.agreements(kind)}
          exportQuery={list.exportQuery}
          columns={cols.control}
          canEdit={canEdit}
          onRefresh={() => void agreements.refetch()}
          onCreate={() => void navigate(agreementPath(kind, 'new'))}
          labels={{
            importTitle: t(`${tk}.importTitle`),
            importHint: t('catalog.agreements.importHint'),
            templateFile: t(`${tk}.templateFile`),
            exportFile: t(`${tk}.exportFile`),
            create: t(`${tk}.create`),
          }}
          testIdPrefix={prefix}
          createTestId="agreement-create"
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
          placeholder={t('catalog.agreements.searchPlaceholder')}
          onSearch={(q) => {
            list.setFilters({ ...f, q });
          }}
          width={260}
          testId={`${prefix}-search`}
        />
        <CustomerPicker
          value={f.customerId}
          activeOnly={false}
          allowClear
          placeholder={t('catalog.agreements.filterCustomer')}
          onChange={(customerId) => {
            list.setFilters({ ...f, customerId });
          }}
          style={{ width: 240 }}
          data-testid={`${prefix}-filter-customer`}
        />
        <ChoiceFilter
          value={f.status}
          placeholder={t('catalog.agreements.filterStatus')}
          options={AGREEMENT_STATUSES.map((s) => ({ value: s, label: t(`catalog.statuses.${s}`) }))}
          onChange={(status) => {
            list.setFilters({ ...f, status });
          }}
          width={140}
          testId={`${prefix}-filter-status`}
        />
      </FilterBar>
      {agreements.isError && (
        <QueryError error={agreements.error} onRetry={() => void agreements.refetch()} />
      )}
      <div data-testid={`${prefix}-table`}>
        <Table<Agreement>
          rowKey="id"
          columns={cols.columns}
          dataSource={agreements.data?.items}
          loading={agreements.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={list.pagination(agreements.data?.total)}
          onChange={list.onTableChange}
        />
      </div>
    </Card>
  );
}
