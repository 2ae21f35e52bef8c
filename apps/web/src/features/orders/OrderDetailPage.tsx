import { useState, type ReactNode } from 'react';
import { App, Button, Card, Descriptions, Flex, Space, Steps, Tabs, Tag, Typography } from 'antd';
import type { DescriptionsProps, StepsProps } from 'antd';
import {
  AuditOutlined,
  CheckOutlined,
  CloseOutlined,
  EditOutlined,
  RedoOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import dayjs from 'dayjs';
import type { Finding, Order } from '@gendan/contracts';
import { useCurrentUser } from '../../components/currentUser';
import { PageSpin } from '../../components/PageSpin';
import { QueryError } from '../../components/QueryError';
import { currentLanguage } from '../../i18n';
import { ApproveModal } from './ApproveModal';
import type { Fix } from './findingFix';
import { FindingsPanel } from './FindingsPanel';
import { formatMoney } from './money';
import { ORDER_OVERRIDERS, ORDER_STAFF, availableActions, hasRole, type DetailAction } from './orderActions';
import { OrderDocuments } from './OrderDocuments';
import { OrderLinesTable } from './OrderLinesTable';
import { OrderStatusTag } from './OrderTags';
import { OrderTimeline } from './OrderTimeline';
import { useFixAndReview, useOrder, useOrderAction, useOrderTimeline, type ReviewResult } from './orders.api';
import { ReasonModal } from './ReasonModal';

export default function OrderDetailPage() {
  const { id = '' } = useParams();
  const order = useOrder(id);
  if (order.isPending) return <PageSpin />;
  if (order.isError) return <QueryError error={order.error} onRetry={() => void order.refetch()} />;
  // Overrides collected on the page belong to one order: a new order id starts afresh.
  return <OrderDetail key={order.data.id} order={order.data} />;
}

function RiskTag({ order }: { order: Order }) {
  const { t } = useTranslation();
  if (order.status === 'cancelled') return null;
  if (order.openBlocks > 0) return <Tag color="error">{t('orders.detail.risk.blocked')}</Tag>;
  if (order.openWarnings > 0) return <Tag color="warning">{t('orders.detail.risk.warnings')}</Tag>;
  if (order.reviewedVersion === null) return <Tag>{t('orders.detail.risk.notReviewed')}</Tag>;
  return <Tag color="success">{t('orders.detail.risk.clean')}</Tag>;
}

function StatusSteps({ order }: { order: Order }) {
  const { t } = useTranslation();
  let current = 0;
  let status: StepsProps['status'] = 'process';
  let last = t('orders.detail.steps.decided');
  if (order.status === 'in_review') current = 1;
  if (order.status === 'approved' || order.status === 'rejected' || order.status === 'cancelled') {
    current = 2;
    status = order.status === 'approved' ? 'finish' : 'error';
    last = t(`orders.status.${order.status}`);
  }
  return (
    <Steps
      size="small"
      current={current}
      status={status}
      style={{ marginBottom: 24 }}
      data-testid="order-steps"
      items={[
        { title: t('orders.detail.steps.draft') },
        { title: t('orders.detail.steps.in_review') },
        { title: last },
      ]}
    />
  );
}

const ACTION_ICONS: Record<DetailAction, ReactNode> = {
  edit: <EditOutlined />,
  submit: <SendOutlined />,
  review: <AuditOutlined />,
  approve: <CheckOutlined />,
  reject: <CloseOutlined />,
  cancel: <StopOutlined />,
  reopen: <RedoOutlined />,
};

function OrderDetail({ order }: { order: Order }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const lang = currentLanguage();
  const money = (minor: number | null) => formatMoney(minor, order.currency, lang);

  const [overrides, setOverrides] = useState<Record<string, string>>({});
  const [approveOpen, setApproveOpen] = useState(false);
  const [reasonFor, setReasonFor] = useState<'reject' | 'cancel'>();
  const [fixingId, setFixingId] = useState<string>();

  const submit = useOrderAction('submit');
  const review = useOrderAction('review');
  const reject = useOrderAction('reject');
  const cancel = useOrderAction('cancel');
  const reopen = useOrderAction('reopen');
  const fixAndReview = useFixAndReview();
  const timeline = useOrderTimeline(order.id);
  const overriddenByName = new Map<string, string>();
  for (const e of timeline.data?.items ?? []) {
    const findingId = (e.data as { findingId?: unknown } | null)?.findingId;
    if (e.type === 'finding_overridden' && typeof findingId === 'string' && e.actorName)
      overriddenByName.set(findingId, e.actorName);
  }

  const actions = availableActions(order.status, me.roles);
  const canFix = actions.includes('edit');
  const canOverride = hasRole(me.roles, ORDER_OVERRIDERS) && actions.includes('approve');
  const busy =
    submit.isPending ||
    review.isPending ||
    reject.isPending ||
    cancel.isPending ||
    reopen.isPending ||
    fixAndReview.isPending;

  const reviewed = (res: unknown) => {
    const r = res as Partial<ReviewResult> | undefined;
    void message.info(
      t('orders.actions.reviewed', { blocks: r?.openBlocks ?? 0, warnings: r?.openWarnings ?? 0 }),
    );
  };

  const run = (action: DetailAction) => {
    const body = { version: order.version };
    switch (action) {
      case 'edit':
        void navigate(`/orders/${encodeURIComponent(order.id)}/edit`);
        return;
      case 'submit':
        submit.mutate(
          { id: order.id, body },
          { onSuccess: () => void message.success(t('orders.actions.submitted')) },
        );
        return;
      case 'review':
        review.mutate({ id: order.id }, { onSuccess: reviewed });
        return;
      case 'approve':
        setApproveOpen(true);
        return;
      case 'reject':
      case 'cancel':
        setReasonFor(action);
        return;
      case 'reopen':
        reopen.mutate(
          { id: order.id, body },
          { onSuccess: () => void message.success(t('orders.actions.reopened')) },
        );
        return;
    }
  };

  const fix = (finding: Finding, f: Fix) => {
    setFixingId(finding.id);
    fixAndReview.mutate(
      { id: order.id, body: f.body },
      {
        onSuccess: (res) => {
          void message.success(t('orders.findings.fixed'));
          reviewed(res);
        },
        onSettled: () => {
          setFixingId(undefined);
        },
      },
    );
  };

  const pendingFor = (action: DetailAction) =>
    (action === 'submit' && submit.isPending) ||
    (action === 'review' && review.isPending) ||
    (action === 'reopen' && reopen.isPending);

  const buttons = (
    <Space wrap>
      {actions.map((action) => (
        <Button
          key={action}
          icon={ACTION_ICONS[action]}
          type={
            action === 'approve' || (action === 'review' && order.status === 'draft') ? 'primary' : 'default'
          }
          danger={action === 'reject' || action === 'cancel'}
          loading={pendingFor(action)}
          disabled={busy && !pendingFor(action)}
          onClick={() => {
            run(action);
          }}
          data-testid={`order-${action}`}
        >
          {t(`orders.actions.${action}`)}
        </Button>
      ))}
    </Space>
  );

  const header: DescriptionsProps['items'] = [
    {
      key: 'customer',
      label: t('orders.field.customer'),
      children: `${order.customerCode} · ${order.customerName}`,
    },
    { key: 'customerPo', label: t('orders.field.customerPo'), children: order.customerPo },
    { key: 'clerkName', label: t('orders.field.clerkName'), children: order.clerkName ?? '—' },
    { key: 'channel', label: t('orders.field.channel'), children: t(`orders.channel.${order.channel}`) },
    { key: 'orderDate', label: t('orders.field.orderDate'), children: order.orderDate },
    {
      key: 'total',
      label: t('orders.field.total'),
      children: <Typography.Text strong>{money(order.total)}</Typography.Text>,
    },
    { key: 'lineCount', label: t('orders.field.lineCount'), children: order.lineCount },
    {
      key: 'requestedDate',
      label: t('orders.field.requestedDate'),
      children: order.requestedDate ?? '—',
    },
    {
      key: 'promisedDate',
      label: t('orders.field.promisedDate'),
      children: order.promisedDate ? <Typography.Text strong>{order.promisedDate}</Typography.Text> : '—',
    },
    {
      key: 'approvedAt',
      label: t('orders.field.approvedAt'),
      children: order.approvedAt ? dayjs(order.approvedAt).format('YYYY-MM-DD HH:mm') : '—',
    },
  ];
  const terms: DescriptionsProps['items'] = [
    { key: 'paymentTerms', label: t('orders.field.paymentTerms'), children: order.paymentTerms },
    { key: 'currency', label: t('orders.field.currency'), children: order.currency },
    { key: 'incoterm', label: t('orders.field.incoterm'), children: order.incoterm ?? '—' },
    {
      key: 'shippingMode',
      label: t('orders.field.shippingMode'),
      children: order.shippingMode ? t(`orders.shippingMode.${order.shippingMode}`) : '—',
    },
    { key: 'packaging', label: t('orders.field.packaging'), children: order.packaging ?? '—' },
    {
      key: 'acceptanceStandard',
      label: t('orders.field.acceptanceStandard'),
      children: order.acceptanceStandard ?? '—',
    },
    { key: 'shipTo', label: t('orders.field.shipTo'), children: order.shipTo ?? '—' },
    { key: 'notes', label: t('orders.field.notes'), children: order.notes ?? '—' },
  ];

  return (
    <>
      <Card
        style={{ marginBottom: 16 }}
        title={
          <Space wrap>
            <span>{t('orders.detail.title', { name: order.number ?? order.customerPo })}</span>
            <OrderStatusTag status={order.status} />
            {hasRole(me.roles, ORDER_STAFF) && <RiskTag order={order} />}
          </Space>
        }
        extra={buttons}
      >
        <StatusSteps order={order} />
        <Flex gap={32} wrap style={{ marginBottom: 16 }}>
          <div>
            <Typography.Text type="secondary">{t('orders.detail.orderNumber')}</Typography.Text>
            {order.number ? (
              <Typography.Title level={3} style={{ margin: 0 }} copyable data-testid="order-number">
                {order.number}
              </Typography.Title>
            ) : (
              <Typography.Title level={4} type="secondary" style={{ margin: 0 }}>
                {t('orders.detail.noNumber')}
              </Typography.Title>
            )}
          </div>
          <div>
            <Typography.Text type="secondary">{t('orders.field.total')}</Typography.Text>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {money(order.total)}
            </Typography.Title>
          </div>
        </Flex>
        {(order.status === 'rejected' || order.status === 'cancelled') && order.statusReason && (
          <Typography.Paragraph type="danger" data-testid="order-status-reason">
            {t(
              order.status === 'rejected' ? 'orders.detail.rejectedBanner' : 'orders.detail.cancelledBanner',
              {
                reason: order.statusReason,
              },
            )}
          </Typography.Paragraph>
        )}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={header}
          style={{ marginBottom: 16 }}
        />
        <Descriptions
          size="small"
          title={t('orders.detail.terms')}
          column={{ xs: 1, sm: 2, lg: 4 }}
          items={terms}
        />
      </Card>

      {/* The review is internal work: the customer portal sees the order, not the findings. */}
      {hasRole(me.roles, ORDER_STAFF) && (
        <FindingsPanel
          order={order}
          canFix={canFix}
          canOverride={canOverride}
          overrides={overrides}
          onOverride={(findingId, reason) => {
            setOverrides((o) => ({ ...o, [findingId]: reason }));
          }}
          onUndoOverride={(findingId) => {
            setOverrides((o) => Object.fromEntries(Object.entries(o).filter(([k]) => k !== findingId)));
          }}
          onFix={fix}
          fixingId={fixingId}
          busy={busy}
          overriddenByName={overriddenByName}
        />
      )}

      <Card title={t('orders.detail.lines')} style={{ marginBottom: 16 }}>
        <OrderLinesTable order={order} />
      </Card>

      <Card>
        <Tabs
          items={[
            {
              key: 'timeline',
              label: t('orders.detail.timeline'),
              children: <OrderTimeline orderId={order.id} />,
            },
            {
              key: 'documents',
              label: t('orders.detail.documents'),
              children: <OrderDocuments orderId={order.id} canUpload={hasRole(me.roles, ORDER_STAFF)} />,
            },
          ]}
        />
      </Card>

      <ApproveModal
        order={order}
        open={approveOpen}
        overrides={overrides}
        onClose={() => {
          setApproveOpen(false);
        }}
        onApproved={(number) => {
          setApproveOpen(false);
          setOverrides({});
          void message.success(t('orders.actions.approved', { number: number ?? '' }));
        }}
      />
      <ReasonModal
        open={reasonFor !== undefined}
        title={reasonFor ? t(`orders.actions.reasonTitle.${reasonFor}`) : undefined}
        okText={reasonFor ? t(`orders.actions.${reasonFor}`) : undefined}
        danger
        loading={reject.isPending || cancel.isPending}
        onCancel={() => {
          setReasonFor(undefined);
        }}
        onOk={(reason) => {
          const mutation = reasonFor === 'reject' ? reject : cancel;
          const done = reasonFor === 'reject' ? t('orders.actions.rejected') : t('orders.actions.cancelled');
          mutation.mutate(
            { id: order.id, body: { version: order.version, reason } },
            {
              onSuccess: () => {
                setReasonFor(undefined);
                void message.success(done);
              },
            },
          );
        }}
        testId="order-reason"
      />
    </>
  );
}
