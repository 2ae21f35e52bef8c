import { Space, Tag, Tooltip } from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FindingSeverity, OrderStatus } from '@gendan/contracts';

const STATUS_COLORS: Record<OrderStatus, string> = {
  draft: 'default',
  in_review: 'processing',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} data-testid="order-status" data-status={status}>
      {t(`orders.status.${status}`)}
    </Tag>
  );
}

export function SeverityTag({ severity }: { severity: FindingSeverity }) {
  const { t } = useTranslation();
  return (
    <Tag
      color={severity === 'block' ? 'error' : 'warning'}
      icon={severity === 'block' ? <CloseCircleOutlined /> : <ExclamationCircleOutlined />}
    >
      {t(`orders.severity.${severity}`)}
    </Tag>
  );
}

/** Open finding counts: blocks red, warnings orange; nothing when there are none. */
export function FindingCounts({
  blocks,
  warnings,
  showClean = false,
}: {
  blocks: number;
  warnings: number;
  showClean?: boolean;
}) {
  const { t } = useTranslation();
  if (blocks === 0 && warnings === 0) {
    return showClean ? (
      <Tag color="success" icon={<CheckCircleOutlined />}>
        {t('orders.list.clean')}
      </Tag>
    ) : null;
  }
  return (
    <Space size={4} data-testid="finding-counts">
      {blocks > 0 && (
        <Tooltip title={t('orders.severity.block')}>
          <Tag color="error" icon={<CloseCircleOutlined />} data-testid="finding-blocks">
            {t('orders.list.blocks', { count: blocks })}
          </Tag>
        </Tooltip>
      )}
      {warnings > 0 && (
        <Tooltip title={t('orders.severity.warn')}>
          <Tag color="warning" icon={<ExclamationCircleOutlined />} data-testid="finding-warnings">
            {t('orders.list.warnings', { count: warnings })}
          </Tag>
        </Tooltip>
      )}
    </Space>
  );
}
