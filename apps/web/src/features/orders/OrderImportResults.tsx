import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrderImportResult } from '@gendan/contracts';
import { currentLanguage } from '../../i18n';
import { formatMoney } from './money';

export type ImportedOrder = OrderImportResult['orders'][number];

/** The orders an import found (preview) or created (result), with links once they exist. */
export function ImportedOrdersTable({
  orders,
  committed,
  testId,
}: {
  orders: readonly ImportedOrder[];
  committed: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const columns: TableColumnsType<ImportedOrder> = [
    { key: 'customerCode', dataIndex: 'customerCode', title: t('orders.field.customer') },
    {
      key: 'customerPo',
      dataIndex: 'customerPo',
      title: t('orders.field.customerPo'),
      render: (po: string, o) =>
        o.id && (committed || o.alreadyImported) ? (
          <Link to={`/orders/${encodeURIComponent(o.id)}`} data-testid={`${testId}-link-${po}`}>
            {po}
          </Link>
        ) : (
          po
        ),
    },
    { key: 'lines', dataIndex: 'lines', title: t('orders.field.lineCount'), align: 'right' },
    {
      key: 'total',
      title: t('orders.field.total'),
      align: 'right',
      render: (_: unknown, o) => formatMoney(o.total, o.currency, lang),
    },
    {
      key: 'state',
      title: t('orders.field.status'),
      render: (_: unknown, o) =>
        o.alreadyImported ? (
          <Tag>{t('orders.import.alreadyImported')}</Tag>
        ) : committed ? (
          <Tag color="success">{t('orders.status.draft')}</Tag>
        ) : (
          <Tag color="processing">{t('orders.import.willCreate')}</Tag>
        ),
    },
  ];
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 8 }}>
        {t('orders.import.ordersTitle', { count: orders.length })}
      </Typography.Title>
      <Table<ImportedOrder>
        size="small"
        rowKey={(o) => `${o.customerCode}\u0000${o.customerPo}`}
        columns={columns}
        dataSource={[...orders]}
        pagination={orders.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
        data-testid={testId}
      />
    </>
  );
}
