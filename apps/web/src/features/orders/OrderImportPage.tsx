import { useState } from 'react';
import { Button, Card, Flex, Tabs, Typography } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OrderImportResult } from '@gendan/contracts';
import { ImportWizard, type ImportSummary } from '../../components/import/ImportWizard';
import { TemplateButton } from '../../components/import/TemplateButton';
import { EmailImport } from './EmailImport';
import { ImportedOrdersTable } from './OrderImportResults';
import { useInvalidateOrders } from './orders.api';

/** What the wizard gets back from `POST /api/orders/import`: the orders found, besides the usual counts. */
type OrderImport = OrderImportResult & Partial<Pick<ImportSummary, 'created' | 'updated' | 'skipped'>>;

const TEMPLATE_URL = '/api/orders/import-template';

/** 订单导入: xlsx/csv through the shared import wizard (template, progress, preview, commit), and .eml. */
export default function OrderImportPage() {
  const { t } = useTranslation();
  const invalidate = useInvalidateOrders();
  const [open, setOpen] = useState(false);
  const [last, setLast] = useState<OrderImport>();

  return (
    <Card title={t('orders.import.title')}>
      <Tabs
        items={[
          {
            key: 'excel',
            label: t('orders.import.excelTab'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('orders.import.intro')}</Typography.Paragraph>
                <Flex gap={8} wrap style={{ marginBottom: 16 }}>
                  <Button
                    type="primary"
                    icon={<UploadOutlined />}
                    onClick={() => {
                      setOpen(true);
                    }}
                    data-testid="orders-import-open"
                  >
                    {t('orders.import.start')}
                  </Button>
                  <TemplateButton
                    url={TEMPLATE_URL}
                    filename={t('orders.import.templateFile')}
                    type="default"
                    label={t('orders.import.template')}
                    data-testid="orders-template"
                  />
                </Flex>
                {last && <ImportedOrdersTable orders={last.orders} committed testId="orders-import-last" />}
              </>
            ),
          },
          { key: 'email', label: t('orders.import.emailTab'), children: <EmailImport /> },
        ]}
      />
      <ImportWizard<OrderImport & ImportSummary>
        open={open}
        onClose={() => {
          setOpen(false);
        }}
        title={t('orders.import.title')}
        endpoint="/api/orders/import"
        templateUrl={TEMPLATE_URL}
        templateFilename={t('orders.import.templateFile')}
        hint={t('orders.import.hint')}
        renderPreview={(r) =>
          r.orders.length > 0 ? (
            <ImportedOrdersTable orders={r.orders} committed={false} testId="orders-import-orders" />
          ) : null
        }
        renderResult={(r) => (
          <ImportedOrdersTable orders={r.orders} committed testId="orders-import-created" />
        )}
        onCommitted={(r) => {
          setLast(r);
          invalidate();
        }}
        testIdPrefix="orders-import"
      />
    </Card>
  );
}
