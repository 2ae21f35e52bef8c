import { useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Space, Tag, Tooltip, Typography } from 'antd';
import { SafetyCertificateOutlined, ToolOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { Finding, Order } from '@gendan/contracts';
import { currentLanguage } from '../../i18n';
import { fixFor, type Fix, type FixChange } from './findingFix';
import { FindingValue } from './FindingValue';
import { formatMoney } from './money';
import { FindingCounts, SeverityTag } from './OrderTags';
import { ReasonModal } from './ReasonModal';

/** Open blocks first, then warnings, then what was overridden; by line within each group. */
function rank(f: Finding): number {
  if (f.status !== 'open') return 2;
  return f.severity === 'block' ? 0 : 1;
}

export function useChangeText() {
  const { t } = useTranslation();
  const lang = currentLanguage();
  return (change: FixChange, currency: string): string => {
    switch (change.kind) {
      case 'unitPrice':
        return t('orders.findings.change.unitPrice', {
          lineNo: change.lineNo,
          value: formatMoney(change.value, currency, lang),
        });
      case 'qty':
        return t('orders.findings.change.qty', { lineNo: change.lineNo, value: change.value });
      case 'requestedDate':
        return change.lineNo === null
          ? t('orders.findings.change.requestedDate', { value: change.value })
          : t('orders.findings.change.requestedDateLine', { lineNo: change.lineNo, value: change.value });
      case 'discountPct':
        return change.lineNo === null
          ? t('orders.findings.change.discountPct', { value: change.value })
          : t('orders.findings.change.discountPctLine', { lineNo: change.lineNo, value: change.value });
      case 'specs':
        return t('orders.findings.change.specs', {
          lineNo: change.lineNo,
          value: Object.entries(change.value)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', '),
        });
      case 'statedAmount':
        return t('orders.findings.change.statedAmount', {
          lineNo: change.lineNo,
          value: formatMoney(change.value, currency, lang),
        });
      case 'statedTotal':
        return t('orders.findings.change.statedTotal', { value: formatMoney(change.value, currency, lang) });
      case 'terms':
        return t('orders.findings.change.terms', { value: Object.values(change.value).join(' / ') });
      case 'currency':
        return t('orders.findings.change.currency', { value: change.value });
    }
  };
}

export interface FindingsPanelProps {
  order: Order;
  /** The user may change the order (fix in place). */
  canFix: boolean;
  /** The user may override blocking findings (managers). */
  canOverride: boolean;
  /** Overrides collected on this page, sent with the approval: findingId → reason. */
  overrides: Record<string, string>;
  onOverride: (findingId: string, reason: string) => void;
  onUndoOverride: (findingId: string) => void;
  onFix: (finding: Finding, fix: Fix) => void;
  /** The finding whose fix is running. */
  fixingId?: string;
  busy: boolean;
  /** Who overrode which finding (findingId → name), from the timeline. */
  overriddenByName?: ReadonlyMap<string, string>;
}

/** The review findings: severity, code, message, expected vs actual, fix in place, override with a reason. */
export function FindingsPanel({
  order,
  canFix,
  canOverride,
  overrides,
  onOverride,
  onUndoOverride,
  onFix,
  fixingId,
  busy,
  overriddenByName,
}: FindingsPanelProps) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const changeText = useChangeText();
  const [overriding, setOverriding] = useState<Finding>();
  const findings = [...order.findings].sort((a, b) => rank(a) - rank(b) || (a.lineNo ?? 0) - (b.lineNo ?? 0));
  const reviewed = order.reviewedVersion !== null;
  const stale =
    reviewed &&
    order.reviewedVersion !== order.version &&
    (order.status === 'draft' || order.status === 'in_review');

  return (
    <Card
      title={t('orders.findings.title')}
      extra={<FindingCounts blocks={order.openBlocks} warnings={order.openWarnings} showClean={reviewed} />}
      style={{ marginBottom: 16 }}
      data-testid="findings-panel"
    >
      {!reviewed && findings.length === 0 && (
        <Alert
          type="info"
          showIcon
          title={t('orders.findings.notReviewed')}
          data-testid="findings-not-reviewed"
        />
      )}
      {stale && (
        <Alert type="warning" showIcon title={t('orders.findings.stale')} style={{ marginBottom: 12 }} />
      )}
      {reviewed && findings.length === 0 && (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('orders.findings.none')}
          data-testid="findings-none"
        />
      )}
      <Flex vertical gap={12}>
        {findings.map((f) => {
          const fix = canFix ? fixFor(order, f) : null;
          const pending = overrides[f.id];
          const open = f.status === 'open';
          return (
            <div
              key={f.id}
              data-testid={`finding-${f.code}`}
              data-finding-id={f.id}
              data-severity={f.severity}
              data-status={f.status}
              style={{
                border: '1px solid #f0f0f0',
                borderLeft: `4px solid ${!open ? '#d9d9d9' : f.severity === 'block' ? '#ff4d4f' : '#faad14'}`,
                borderRadius: 6,
                padding: '10px 12px',
                opacity: open ? 1 : 0.75,
              }}
            >
              <Flex justify="space-between" align="start" gap={12} wrap>
                <Flex vertical gap={6} style={{ flex: 1, minWidth: 280 }}>
                  <Space size={4} wrap>
                    <SeverityTag severity={f.severity} />
                    <Tag>
                      {t(`orders.findingCode.${f.code}`)}{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                        {f.code}
                      </Typography.Text>
                    </Tag>
                    <Typography.Text type="secondary">
                      {f.lineNo
                        ? t('orders.findings.line', { lineNo: f.lineNo })
                        : t('orders.findings.orderLevel')}
                    </Typography.Text>
                  </Space>
                  <Typography.Text data-testid="finding-message">{f.message}</Typography.Text>
                  {(f.expected !== undefined || f.actual !== undefined) && (
                    <Space size={16} wrap style={{ fontSize: 13 }}>
                      <span>
                        <Typography.Text type="secondary">{t('orders.findings.expected')}: </Typography.Text>
                        <FindingValue
                          code={f.code}
                          value={f.expected}
                          currency={order.currency}
                          lang={lang}
                        />
                      </span>
                      <span>
                        <Typography.Text type="secondary">{t('orders.findings.actual')}: </Typography.Text>
                        <Typography.Text type={open ? 'danger' : undefined}>
                          <FindingValue
                            code={f.code}
                            value={f.actual}
                            currency={order.currency}
                            lang={lang}
                          />
                        </Typography.Text>
                      </span>
                    </Space>
                  )}
                  {f.status === 'overridden' && (
                    <Typography.Text type="secondary" data-testid="finding-overridden">
                      <SafetyCertificateOutlined />{' '}
                      {t('orders.findings.overridden', {
                        reason: f.overrideReason ?? '',
                        by: overriddenByName?.get(f.id) ?? t('orders.findings.someone'),
                        at: f.overriddenAt ? dayjs(f.overriddenAt).format('YYYY-MM-DD HH:mm') : '',
                      })}
                    </Typography.Text>
                  )}
                  {pending !== undefined && open && (
                    <Typography.Text type="warning" data-testid="finding-override-pending">
                      <SafetyCertificateOutlined />{' '}
                      {t('orders.findings.overridePending', { reason: pending })}
                    </Typography.Text>
                  )}
                </Flex>
                <Space wrap>
                  {fix && (
                    <Tooltip
                      title={t('orders.findings.fixTitle', {
                        change: changeText(fix.change, order.currency),
                      })}
                    >
                      <Button
                        type="primary"
                        ghost
                        icon={<ToolOutlined />}
                        loading={fixingId === f.id}
                        disabled={busy && fixingId !== f.id}
                        onClick={() => {
                          onFix(f, fix);
                        }}
                        data-testid={`finding-fix-${f.code}`}
                      >
                        {t('orders.findings.fix')}
                      </Button>
                    </Tooltip>
                  )}
                  {canOverride &&
                    open &&
                    f.severity === 'block' &&
                    (pending === undefined ? (
                      <Button
                        icon={<SafetyCertificateOutlined />}
                        onClick={() => {
                          setOverriding(f);
                        }}
                        data-testid={`finding-override-${f.code}`}
                      >
                        {t('orders.findings.override')}
                      </Button>
                    ) : (
                      <Button
                        icon={<UndoOutlined />}
                        onClick={() => {
                          onUndoOverride(f.id);
                        }}
                      >
                        {t('orders.findings.overrideUndo')}
                      </Button>
                    ))}
                </Space>
              </Flex>
            </div>
          );
        })}
      </Flex>
      <ReasonModal
        open={overriding !== undefined}
        title={t('orders.findings.overrideTitle')}
        label={t('orders.findings.overrideReason')}
        help={overriding ? `${overriding.message} — ${t('orders.findings.overrideHelp')}` : undefined}
        onOk={(reason) => {
          if (overriding) onOverride(overriding.id, reason);
          setOverriding(undefined);
        }}
        onCancel={() => {
          setOverriding(undefined);
        }}
        testId="override-reason"
      />
    </Card>
  );
}
