import { Descriptions, Empty, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageSpin } from '../../components/PageSpin';
import { QueryError } from '../../components/QueryError';
import { useCustomerTerms, type CustomerTerms } from './catalog.api';
import { formatMoney, formatPct } from './money';
import { agreementPath } from './routes';
import { specsSummary } from './specs';

type Price = CustomerTerms['prices'][number];

/** The terms and prices that apply to the customer today (read-only). */
export function CustomerTermsPanel({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation();
  const terms = useCustomerTerms(customerId);
  if (terms.isPending) return <PageSpin />;
  if (terms.isError) return <QueryError error={terms.error} onRetry={() => void terms.refetch()} />;
  const d = terms.data;
  const none = <Typography.Text type="secondary">—</Typography.Text>;

  return (
    <div data-testid="customer-terms">
      <Descriptions
        size="small"
        column={2}
        bordered
        items={[
          {
            key: 'agreement',
            label: t('catalog.terms.agreement'),
            span: 2,
            children: d.agreement ? (
              <>
                <Tag>{t(`catalog.kinds.${d.agreement.kind}.one`)}</Tag>
                <Link to={agreementPath(d.agreement.kind, d.agreement.id)}>{d.agreement.code}</Link>{' '}
                <Typography.Text type="secondary">
                  {d.agreement.validFrom} ~ {d.agreement.validTo}
                </Typography.Text>
              </>
            ) : (
              <Typography.Text type="secondary">{t('catalog.terms.noAgreement')}</Typography.Text>
            ),
          },
          { key: 'currency', label: t('catalog.agreements.currency'), children: d.currency },
          {
            key: 'paymentTerms',
            label: t('catalog.agreements.paymentTerms'),
            children: d.paymentTerms ?? none,
          },
          { key: 'packaging', label: t('catalog.agreements.packaging'), children: d.packaging ?? none },
          {
            key: 'acceptanceStandard',
            label: t('catalog.agreements.acceptanceStandard'),
            children: d.acceptanceStandard ?? none,
          },
          { key: 'incoterm', label: t('catalog.agreements.incoterm'), children: d.incoterm ?? none },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('catalog.terms.prices')}
      </Typography.Title>
      {d.prices.length === 0 ? (
        <Empty description={t('catalog.terms.noPrices')} />
      ) : (
        <Table<Price>
          size="small"
          rowKey={(p) => `${p.productId}:${String(p.minQty)}`}
          dataSource={d.prices}
          pagination={d.prices.length > 20 ? { pageSize: 20 } : false}
          columns={[
            {
              key: 'product',
              title: t('catalog.lines.product'),
              render: (_, p) => (
                <>
                  <Typography.Text strong>{p.productModel}</Typography.Text> {p.productName}
                </>
              ),
            },
            { key: 'minQty', dataIndex: 'minQty', title: t('catalog.lines.minQty'), align: 'right' },
            {
              key: 'unitPrice',
              title: t('catalog.lines.unitPrice'),
              align: 'right',
              render: (_, p) => formatMoney(p.unitPrice, d.currency, i18n.language),
            },
            {
              key: 'maxDiscountPct',
              title: t('catalog.lines.maxDiscountPct'),
              align: 'right',
              render: (_, p) => formatPct(p.maxDiscountPct),
            },
            { key: 'specs', title: t('catalog.lines.specs'), render: (_, p) => specsSummary(p.specs) || '—' },
          ]}
        />
      )}
    </div>
  );
}
