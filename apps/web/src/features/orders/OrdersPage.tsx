import { Button, Card, Space, Table, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import type { OrderSummary } from '@gendan/contracts';
import { ORDER_CHANNELS, ORDER_STATUSES } from '@gendan/contracts/constants';
import { ColumnSettings, useColumnSettings } from '../../components/ColumnSettings';
import { ExportButton } from '../../components/ExportButton';
import { useCurrentUser } from '../../components/currentUser';
import { QueryError } from '../../components/QueryError';
import { currentLanguage } from '../../i18n';
import { formatMoney } from './money';
import { ORDER_STAFF, hasRole } from './orderActions';
import { OrderFilters, type OrderFilterValues } from './OrderFilters';
import { FindingCounts, OrderStatusTag } from './OrderTags';
import { exportQuery, useOrders, type OrderListParams } from './orders.api';

const PAGE_SIZES = [10, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;
/** Columns the server sorts on; the URL keeps `sort=-orderDate` style. */
const SORTABLE = [
  'number',
  'customerPo',
  'orderDate',
  'requestedDate',
  'promisedDate',
  'total',
  'createdAt',
] as const;
type SortKey = (typeof SORTABLE)[number];

function positiveInt(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** List state lives in the URL: a filtered list can be bookmarked and survives a reload. */
function paramsFromUrl(search: URLSearchParams): OrderListParams {
  const pageSize = positiveInt(search.get('pageSize'), DEFAULT_PAGE_SIZE);
  const sort = search.get('sort') ?? undefined;
  const sortKey = sort?.replace(/^-/, '');
  const hasFindings = search.get('hasFindings');
  const from = search.get('from');
  const to = search.get('to');
  return {
    page: positiveInt(search.get('page'), 1),
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
    sort: sortKey && (SORTABLE as readonly string[]).includes(sortKey) ? sort : undefined,
    q: search.get('q') ?? undefined,
    status: ORDER_STATUSES.find((s) => s === search.get('status')),
    customerId: search.get('customerId') ?? undefined,
    clerkId: search.get('clerkId') ?? undefined,
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
    hasFindings: hasFindings === 'true' || hasFindings === 'false' ? hasFindings : undefined,
    channel: ORDER_CHANNELS.find((c) => c === search.get('channel')),
  };
}

function urlFromParams(p: OrderListParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(p)) {
    if (value === undefined || value === '') continue;
    if (key === 'page' && value === 1) continue;
    if (key === 'pageSize' && value === DEFAULT_PAGE_SIZE) continue;
    out[key] = String(value);
  }
  return out;
}

function filtersOf({
  page: _page,
  pageSize: _pageSize,
  sort: _sort,
  ...filters
}: OrderListParams): OrderFilterValues {
  return filters;
}

function sortOrder(sort: string | undefined, key: SortKey): 'ascend' | 'descend' | null {
  if (sort === key) return 'ascend';
  if (sort === `-${key}`) return 'descend';
  return null;
}

export const orderLink = (o: Pick<OrderSummary, 'id'>) => `/orders/${encodeURIComponent(o.id)}`;

export default function OrdersPage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const lang = currentLanguage();
  const [search, setSearch] = useSearchParams();
  const params = paramsFromUrl(search);
  const orders = useOrders(params);

  const update = (next: OrderListParams) => {
    setSearch(urlFromParams(next));
  };
  const setFilters = (f: OrderFilterValues) => {
    update({ ...f, page: 1, pageSize: params.pageSize, sort: params.sort });
  };

  const sortable = (key: SortKey) => ({ sorter: true, sortOrder: sortOrder(params.sort, key) });

  const allColumns: TableColumnsType<OrderSummary> = [
    {
      key: 'number',
      dataIndex: 'number',
      title: t('orders.field.number'),
      fixed: 'left',
      ...sortable('number'),
      render: (number: string | null, o) => (
        <Link to={orderLink(o)} data-testid={`order-link-${o.customerPo}`}>
          {number ?? <Typography.Text type="secondary">—</Typography.Text>}
        </Link>
      ),
    },
    {
      key: 'customerPo',
      dataIndex: 'customerPo',
      title: t('orders.field.customerPo'),
      render: (po: string, o) => <Link to={orderLink(o)}>{po}</Link>,
    },
    {
      key: 'customer',
      title: t('orders.field.customer'),
      render: (_: unknown, o) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{o.customerName}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {o.customerCode}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'status',
      dataIndex: 'status',
      title: t('orders.field.status'),
      render: (_: unknown, o) => <OrderStatusTag status={o.status} />,
    },
    {
      key: 'findings',
      title: t('orders.field.findings'),
      render: (_: unknown, o) => <FindingCounts blocks={o.openBlocks} warnings={o.openWarnings} />,
    },
    {
      key: 'total',
      dataIndex: 'total',
      title: t('orders.field.total'),
      align: 'right',
      ...sortable('total'),
      render: (total: number, o) => formatMoney(total, o.currency, lang),
    },
    {
      key: 'orderDate',
      dataIndex: 'orderDate',
      title: t('orders.field.orderDate'),
      ...sortable('orderDate'),
    },
    {
      key: 'requestedDate',
      dataIndex: 'requestedDate',
      title: t('orders.field.requestedDate'),
      ...sortable('requestedDate'),
      render: (d: string | null) => d ?? '—',
    },
    {
      key: 'promisedDate',
      dataIndex: 'promisedDate',
      title: t('orders.field.promisedDate'),
      render: (d: string | null) => d ?? '—',
    },
    {
      key: 'channel',
      dataIndex: 'channel',
      title: t('orders.field.channel'),
      render: (c: OrderSummary['channel']) => t(`orders.channel.${c}`),
    },
    { key: 'lineCount', dataIndex: 'lineCount', title: t('orders.field.lineCount'), align: 'right' },
    {
      key: 'clerkName',
      dataIndex: 'clerkName',
      title: t('orders.field.clerkName'),
      render: (name: string | null) => name ?? '—',
    },
    {
      key: 'createdAt',
      dataIndex: 'createdAt',
      title: t('orders.field.createdAt'),
      ...sortable('createdAt'),
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
    },
    {
      key: 'updatedAt',
      dataIndex: 'updatedAt',
      title: t('orders.field.updatedAt'),
      render: (at: string) => dayjs(at).format('YYYY-MM-DD HH:mm'),
    },
  ];
  const cols = useColumnSettings('orders.list', allColumns, {
    defaultHidden: ['lineCount', 'createdAt', 'updatedAt'],
    locked: ['number'],
  });

  const onTableChange: TableProps<OrderSummary>['onChange'] = (pagination, _filters, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    const key = typeof s?.columnKey === 'string' ? s.columnKey : undefined;
    const sort = key && s?.order ? `${s.order === 'descend' ? '-' : ''}${key}` : undefined;
    const pageSize = pagination.pageSize ?? params.pageSize;
    update({
      ...params,
      sort,
      pageSize,
      page: pageSize !== params.pageSize || sort !== params.sort ? 1 : (pagination.current ?? 1),
    });
  };

  return (
    <Card
      title={t('orders.list.title')}
      extra={
        <Space wrap>
          <Button icon={<ReloadOutlined />} onClick={() => void orders.refetch()}>
            {t('common.refresh')}
          </Button>
          <ExportButton
            endpoint="/api/orders/export"
            query={exportQuery(params)}
            filename="orders.xlsx"
            data-testid="orders-export"
          />
          <ColumnSettings control={cols.control} data-testid="orders-columns" />
          {hasRole(me.roles, ORDER_STAFF) && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => void navigate('/orders/new')}
              data-testid="order-create"
            >
              {t('orders.list.create')}
            </Button>
          )}
        </Space>
      }
    >
      <OrderFilters value={filtersOf(params)} onChange={setFilters} />
      {orders.isError && <QueryError error={orders.error} onRetry={() => void orders.refetch()} />}
      <Table<OrderSummary>
        rowKey="id"
        columns={cols.columns}
        dataSource={orders.data?.items}
        loading={orders.isFetching}
        scroll={{ x: 'max-content' }}
        onChange={onTableChange}
        data-testid="orders-table"
        pagination={{
          current: params.page,
          pageSize: params.pageSize,
          total: orders.data?.total ?? 0,
          pageSizeOptions: PAGE_SIZES,
          showSizeChanger: true,
          showTotal: (total) => t('common.total', { total }),
        }}
      />
    </Card>
  );
}
