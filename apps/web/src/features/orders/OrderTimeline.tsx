import type { ReactNode } from 'react';
import { Empty, Flex, Timeline, Typography } from 'antd';
import {
  AuditOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  CloseCircleOutlined,
  EditOutlined,
  FileExcelOutlined,
  MailOutlined,
  PaperClipOutlined,
  PlusCircleOutlined,
  RedoOutlined,
  SafetyCertificateOutlined,
  SendOutlined,
  StopOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { FINDING_CODES, ORDER_STATUSES, type FindingCode } from '@gendan/contracts/constants';
import { PageSpin } from '../../components/PageSpin';
import { QueryError } from '../../components/QueryError';
import { useOrderTimeline, type OrderEvent } from './orders.api';

interface EventStyle {
  icon: ReactNode;
  color: string;
}

const STYLES: Record<string, EventStyle> = {
  created: { icon: <PlusCircleOutlined />, color: 'blue' },
  updated: { icon: <EditOutlined />, color: 'gray' },
  submitted: { icon: <SendOutlined />, color: 'blue' },
  reviewed: { icon: <AuditOutlined />, color: 'blue' },
  approved: { icon: <CheckCircleOutlined />, color: 'green' },
  rejected: { icon: <CloseCircleOutlined />, color: 'red' },
  cancelled: { icon: <StopOutlined />, color: 'gray' },
  reopened: { icon: <RedoOutlined />, color: 'blue' },
  imported: { icon: <FileExcelOutlined />, color: 'green' },
  email: { icon: <MailOutlined />, color: 'blue' },
  email_received: { icon: <MailOutlined />, color: 'blue' },
  document_added: { icon: <PaperClipOutlined />, color: 'gray' },
  finding_overridden: { icon: <SafetyCertificateOutlined />, color: 'orange' },
};
const DEFAULT_STYLE: EventStyle = { icon: <ClockCircleOutlined />, color: 'gray' };

const EVENT_TYPES = [
  'created',
  'updated',
  'submitted',
  'reviewed',
  'approved',
  'rejected',
  'cancelled',
  'reopened',
  'imported',
  'email_received',
  'email',
  'document_added',
  'finding_overridden',
  'status_changed',
] as const;
type EventType = (typeof EVENT_TYPES)[number];
const isEventType = (s: string): s is EventType => (EVENT_TYPES as readonly string[]).includes(s);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const isFindingCode = (s: unknown): s is FindingCode =>
  typeof s === 'string' && (FINDING_CODES as readonly string[]).includes(s);

const isStatus = (s: unknown): s is (typeof ORDER_STATUSES)[number] =>
  typeof s === 'string' && (ORDER_STATUSES as readonly string[]).includes(s);

/** The order's story from its events, newest first, with an icon per event type. */
export function OrderTimeline({ orderId }: { orderId: string }) {
  const { t } = useTranslation();
  const timeline = useOrderTimeline(orderId);
  if (timeline.isPending) return <PageSpin />;
  if (timeline.isError) return <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />;
  const items = [...timeline.data.items].sort((a, b) => b.at.localeCompare(a.at) || b.id.localeCompare(a.id));
  if (items.length === 0) return <Empty description={t('orders.timeline.empty')} />;

  const label = (e: OrderEvent): string => {
    return isEventType(e.type) ? t(`orders.timeline.events.${e.type}`) : e.type;
  };

  const details = (e: OrderEvent): ReactNode[] => {
    const out: ReactNode[] = [];
    if (isStatus(e.fromStatus) && isStatus(e.toStatus) && e.fromStatus !== e.toStatus) {
      out.push(
        t('orders.timeline.transition', {
          from: t(`orders.status.${e.fromStatus}`),
          to: t(`orders.status.${e.toStatus}`),
        }),
      );
    }
    const data = isRecord(e.data) ? e.data : {};
    if (typeof data.number === 'string') out.push(`${t('orders.field.number')}: ${data.number}`);
    if (typeof data.openBlocks === 'number' || typeof data.openWarnings === 'number') {
      out.push(
        [
          t('orders.findings.openBlocks', { count: Number(data.openBlocks ?? 0) }),
          t('orders.findings.openWarnings', { count: Number(data.openWarnings ?? 0) }),
        ].join(' · '),
      );
    }
    if (typeof data.reason === 'string' && data.reason)
      out.push(t('orders.timeline.reason', { reason: data.reason }));
    if (isFindingCode(data.code)) out.push(t(`orders.findingCode.${data.code}`));
    for (const key of ['subject', 'from', 'filename'] as const) {
      const v = data[key];
      if (typeof v === 'string' && v) out.push(v);
    }
    return out;
  };

  return (
    <Timeline
      data-testid="order-timeline"
      items={items.map((e) => {
        const style = STYLES[e.type] ?? DEFAULT_STYLE;
        return {
          key: e.id,
          icon: style.icon,
          color: style.color,
          content: (
            <Flex vertical gap={2} data-testid={`timeline-${e.type}`}>
              <Typography.Text strong>{label(e)}</Typography.Text>
              {details(e).map((d, i) => (
                <Typography.Text key={i} type="secondary">
                  {d}
                </Typography.Text>
              ))}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {e.actorName ?? t('orders.timeline.system')} · {dayjs(e.at).format('YYYY-MM-DD HH:mm:ss')}
              </Typography.Text>
            </Flex>
          ),
        };
      })}
    />
  );
}
