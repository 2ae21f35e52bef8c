import { useEffect, useState } from 'react';
import { Alert, DatePicker, Modal, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import type { Order } from '@gendan/contracts';
import { errorText, isApiError } from '../../api/client';
import { DATE_FORMAT } from './orderFormModel';
import { useOrderAction } from './orders.api';
import { defaultPromisedDate } from './pricing';

type Line = Order['lines'][number];

interface BlockedFinding {
  id?: string;
  code?: string;
  message?: string;
}

function blockedFindings(details: unknown): BlockedFinding[] {
  if (typeof details !== 'object' || details === null) return [];
  const list = (details as { findings?: unknown }).findings;
  return Array.isArray(list)
    ? (list.filter((f) => typeof f === 'object' && f !== null) as BlockedFinding[])
    : [];
}

/**
 * Approve: confirm each line's promised date (default: the later of requested and feasible),
 * sending the overrides collected on the page. A 409 REVIEW_BLOCKED lists the open blocks here.
 */
export function ApproveModal({
  order,
  open,
  overrides,
  onClose,
  onApproved,
}: {
  order: Order;
  open: boolean;
  overrides: Record<string, string>;
  onClose: () => void;
  onApproved: (number: string | null) => void;
}) {
  const { t } = useTranslation();
  const approve = useOrderAction('approve', { silentError: true });
  const [dates, setDates] = useState<Record<number, Dayjs | null>>({});

  useEffect(() => {
    if (!open) return;
    approve.reset();
    const next: Record<number, Dayjs | null> = {};
    for (const l of order.lines) {
      next[l.lineNo] = dayjs(l.promisedDate ?? defaultPromisedDate(l.requestedDate, l.feasibleDate));
    }
    setDates(next);
    // Only when the modal opens (or the order changes underneath it).
  }, [open, order.version]);

  const missing = order.lines.some((l) => !dates[l.lineNo]);
  const overrideList = Object.entries(overrides).map(([findingId, reason]) => ({ findingId, reason }));

  const submit = () => {
    approve.mutate(
      {
        id: order.id,
        body: {
          version: order.version,
          ...(overrideList.length > 0 ? { overrides: overrideList } : {}),
          promisedDates: order.lines.map((l) => ({
            lineNo: l.lineNo,
            promisedDate: (dates[l.lineNo] ?? dayjs(l.requestedDate)).format(DATE_FORMAT),
          })),
        },
      },
      {
        onSuccess: (res) => {
          const number =
            typeof res === 'object' &&
            res !== null &&
            typeof (res as { number?: unknown }).number === 'string'
              ? (res as { number: string }).number
              : null;
          onApproved(number);
        },
      },
    );
  };

  const columns: TableColumnsType<Line> = [
    { key: 'lineNo', dataIndex: 'lineNo', title: t('orders.field.lineNo'), width: 56 },
    {
      key: 'product',
      title: t('orders.field.product'),
      render: (_: unknown, l) => `${l.productModel} · ${l.productName}`,
    },
    { key: 'qty', dataIndex: 'qty', title: t('orders.field.qty'), align: 'right' },
    { key: 'requestedDate', dataIndex: 'requestedDate', title: t('orders.field.requestedDate') },
    {
      key: 'feasibleDate',
      dataIndex: 'feasibleDate',
      title: t('orders.field.feasibleDate'),
      render: (d: string | null) => d ?? '—',
    },
    {
      key: 'promisedDate',
      title: t('orders.field.promisedDate'),
      render: (_: unknown, l) => (
        <DatePicker
          value={dates[l.lineNo] ?? null}
          allowClear={false}
          status={dates[l.lineNo] ? undefined : 'error'}
          onChange={(d) => {
            setDates((prev) => ({ ...prev, [l.lineNo]: d }));
          }}
          data-testid={`approve-promised-${String(l.lineNo)}`}
        />
      ),
    },
  ];

  const error = approve.error;
  const blocked = isApiError(error) && error.code === 'REVIEW_BLOCKED' ? blockedFindings(error.details) : [];

  return (
    <Modal
      open={open}
      title={t('orders.approve.title')}
      width={860}
      okText={t('orders.approve.confirm')}
      okButtonProps={{ loading: approve.isPending, disabled: missing, 'data-testid': 'approve-confirm' }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('orders.approve.intro')}</Typography.Paragraph>
      {error && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={errorText(error)}
          data-testid="approve-error"
          description={
            blocked.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {blocked.map((f, i) => (
                  <li key={f.id ?? i}>
                    {f.code ? <Typography.Text code>{f.code}</Typography.Text> : null} {f.message}
                  </li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}
      {overrideList.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('orders.approve.overrides')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {overrideList.map((o) => {
                const finding = order.findings.find((f) => f.id === o.findingId);
                return (
                  <li key={o.findingId}>
                    {finding?.message ?? o.findingId} — {o.reason}
                  </li>
                );
              })}
            </ul>
          }
        />
      )}
      <Table<Line>
        size="small"
        rowKey="lineNo"
        columns={columns}
        dataSource={[...order.lines].sort((a, b) => a.lineNo - b.lineNo)}
        pagination={order.lines.length > 20 ? { pageSize: 20 } : false}
        data-testid="approve-lines"
      />
    </Modal>
  );
}
