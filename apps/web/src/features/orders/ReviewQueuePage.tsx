import { Alert, Button, Card, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { AuditOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import type { OrderSummary } from '@gendan/contracts';
import { QueryError } from '../../components/QueryError';
import { currentLanguage } from '../../i18n';
import { formatMoney } from './money';
import { FindingCounts, OrderStatusTag } from './OrderTags';
import { useReviewQueue } from './orders.api';

dayjs.extend(relativeTime);

/** 待审核: orders in review and drafts with findings, oldest first. */
export default function ReviewQueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const lang = currentLanguage();
  const queue = useReviewQueue();
  const link = (o: OrderSummary) => `/orders/${encodeURIComponent(o.id)}`;

  const columns: TableColumnsType<OrderSummary> = [
    {
      key: 'age',
      title: t('orders.field.age'),
      width: 120,
      render: (_: unknown, o) => (
        <Typography.Text title={dayjs(o.createdAt).format('YYYY-MM-DD HH:mm')}>
          {dayjs(o.createdAt)
            .locale(lang === 'en' ? 'en' : 'zh-cn')
            .fromNow(true)}
        </Typography.Text>
      ),
    },
    {
      key: 'customerPo',
      title: t('orders.field.customerPo'),
      render: (_: unknown, o) => (
        <Link to={link(o)} data-testid={`queue-link-${o.customerPo}`}>
          {o.customerPo}
        </Link>
      ),
    },
    {
      key: 'customer',
      title: t('orders.field.customer'),
      render: (_: unknown, o) => `${o.customerCode} · ${o.customerName}`,
    },
    {
      key: 'status',
      title: t('orders.field.status'),
      render: (_: unknown, o) => <OrderStatusTag status={o.status} />,
    },
    {
      key: 'findings',
      title: t('orders.field.findings'),
      render: (_: unknown, o) => (
        <FindingCounts blocks={o.openBlocks} warnings={o.openWarnings} showClean={o.status === 'in_review'} />
      ),
    },
    {
      key: 'total',
      title: t('orders.field.total'),
      align: 'right',
      render: (_: unknown, o) => formatMoney(o.total, o.currency, lang),
    },
    {
      key: 'requestedDate',
      dataIndex: 'requestedDate',
      title: t('orders.field.requestedDate'),
      render: (d: string | null) => d ?? '—',
    },
    {
      key: 'channel',
      title: t('orders.field.channel'),
      render: (_: unknown, o) => t(`orders.channel.${o.channel}`),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      render: (_: unknown, o) => (
        <Button type="link" icon={<AuditOutlined />} onClick={() => void navigate(link(o))}>
          {t('orders.queue.review')}
        </Button>
      ),
    },
  ];

  return (
    <Card
      title={t('orders.queue.title')}
      extra={
        <Button icon={<ReloadOutlined />} onClick={() => void queue.refetch()}>
          {t('common.refresh')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('orders.queue.intro')}</Typography.Paragraph>
      {queue.isError && <QueryError error={queue.error} onRetry={() => void queue.refetch()} />}
      {queue.data?.truncated && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('orders.queue.truncated', { shown: queue.data.items.length, total: queue.data.total })}
        />
      )}
      <Table<OrderSummary>
        rowKey="id"
        columns={columns}
        dataSource={queue.data?.items}
        loading={queue.isFetching}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('orders.queue.empty') }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        data-testid="review-queue"
      />
    </Card>
  );
}
