import { Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { CloseCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Order } from '@gendan/contracts';
import { currentLanguage } from '../../i18n';
import { formatMoney } from './money';

type Line = Order['lines'][number];

/** The order's lines (read-only), each flagged with its open findings. */
export function OrderLinesTable({ order }: { order: Order }) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const money = (minor: number | null) => formatMoney(minor, order.currency, lang);
  const openByLine = new Map<number, { blocks: number; warnings: number }>();
  for (const f of order.findings) {
    if (f.status !== 'open' || !f.lineNo) continue;
    const c = openByLine.get(f.lineNo) ?? { blocks: 0, warnings: 0 };
    if (f.severity === 'block') c.blocks += 1;
    else c.warnings += 1;
    openByLine.set(f.lineNo, c);
  }

  const columns: TableColumnsType<Line> = [
    {
      key: 'lineNo',
      dataIndex: 'lineNo',
      title: t('orders.field.lineNo'),
      width: 64,
      render: (lineNo: number) => {
        const c = openByLine.get(lineNo);
        return (
          <Space size={4}>
            {lineNo}
            {c && c.blocks > 0 && (
              <Tooltip title={t('orders.findings.openBlocks', { count: c.blocks })}>
                <CloseCircleOutlined style={{ color: '#ff4d4f' }} />
              </Tooltip>
            )}
            {c && c.blocks === 0 && c.warnings > 0 && (
              <Tooltip title={t('orders.findings.openWarnings', { count: c.warnings })}>
                <ExclamationCircleOutlined style={{ color: '#faad14' }} />
              </Tooltip>
            )}
          </Space>
        );
      },
    },
    {
      key: 'product',
      title: t('orders.field.product'),
      render: (_: unknown, l) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{l.productModel}</Typography.Text>
          <Typography.Text type="secondary">{l.productName}</Typography.Text>
          {l.description && <Typography.Text type="secondary">{l.description}</Typography.Text>}
        </Space>
      ),
    },
    {
      key: 'specs',
      dataIndex: 'specs',
      title: t('orders.field.specs'),
      render: (specs: Record<string, string>) => (
        <Space size={4} wrap>
          {Object.entries(specs).map(([k, v]) => (
            <Tag key={k}>
              {k}: {v}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'qty',
      title: t('orders.field.qty'),
      align: 'right',
      render: (_: unknown, l) => `${l.qty.toLocaleString()} ${l.unit}`,
    },
    {
      key: 'unitPrice',
      dataIndex: 'unitPrice',
      title: t('orders.field.unitPrice'),
      align: 'right',
      render: (p: number, l) => <span data-testid={`line-${String(l.lineNo)}-price`}>{money(p)}</span>,
    },
    {
      key: 'discountPct',
      dataIndex: 'discountPct',
      title: t('orders.field.discountPct'),
      align: 'right',
      render: (d: number) => (d ? `${String(d)}%` : '—'),
    },
    {
      key: 'amount',
      title: t('orders.field.amount'),
      align: 'right',
      render: (_: unknown, l) => (
        <Space orientation="vertical" size={0} align="end">
          <Typography.Text strong>{money(l.amount)}</Typography.Text>
          {l.statedAmount !== null && l.statedAmount !== l.amount && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {t('orders.detail.stated', { amount: money(l.statedAmount) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { key: 'requestedDate', dataIndex: 'requestedDate', title: t('orders.field.requestedDate') },
    {
      key: 'feasibleDate',
      dataIndex: 'feasibleDate',
      title: t('orders.field.feasibleDate'),
      render: (d: string | null) => d ?? '—',
    },
    {
      key: 'promisedDate',
      dataIndex: 'promisedDate',
      title: t('orders.field.promisedDate'),
      render: (d: string | null) => (d ? <Typography.Text strong>{d}</Typography.Text> : '—'),
    },
  ];

  return (
    <Table<Line>
      size="small"
      rowKey="id"
      columns={columns}
      dataSource={[...order.lines].sort((a, b) => a.lineNo - b.lineNo)}
      pagination={order.lines.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: 'max-content' }}
      data-testid="order-lines"
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={6} align="right">
            <Typography.Text strong>{t('orders.detail.linesTotal')}</Typography.Text>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={1} align="right">
            <Space orientation="vertical" size={0} align="end">
              <Typography.Text strong data-testid="order-detail-total">
                {money(order.total)}
              </Typography.Text>
              {order.statedTotal !== null && order.statedTotal !== order.total && (
                <Typography.Text type="warning" style={{ fontSize: 12 }}>
                  {t('orders.detail.stated', { amount: money(order.statedTotal) })}
                </Typography.Text>
              )}
            </Space>
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2} colSpan={3} />
        </Table.Summary.Row>
      )}
    />
  );
}
