import { useRef, useState } from 'react';
import { Alert, Button, Descriptions, Flex, Progress, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OrderEmailImportResult } from '@gendan/contracts';
import { errorText, isApiError } from '../../api/client';
import { ImportErrorsTable } from '../../components/import/ImportErrorsTable';
import { isAbortError, uploadFile } from '../../components/import/transfer';
import { rowErrorsFromDetails, type RowError } from '../../components/import/transferUtils';
import { ImportedOrdersTable } from './OrderImportResults';
import { useInvalidateOrders } from './orders.api';

const MAX_MB = 20;

type Outcome =
  | { kind: 'preview'; result: OrderEmailImportResult }
  | { kind: 'done'; result: OrderEmailImportResult }
  | { kind: 'refused'; message: string; errors: RowError[] };

/**
 * Orders by e-mail: a `.eml` is checked first (who sent it, where the lines are, which orders
 * it makes, any errors), then committed; the mail is archived on each order it creates.
 */
export function EmailImport() {
  const { t } = useTranslation();
  const invalidate = useInvalidateOrders();
  const [file, setFile] = useState<File>();
  const [percent, setPercent] = useState<number>();
  const [outcome, setOutcome] = useState<Outcome>();
  const abortRef = useRef<AbortController | null>(null);

  const send = (f: File, dryRun: boolean) => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setPercent(0);
    uploadFile<OrderEmailImportResult>({
      path: '/api/orders/import-email',
      query: dryRun ? { dryRun: 1 } : undefined,
      file: f,
      signal: controller.signal,
      onProgress: setPercent,
    })
      .then((result) => {
        setOutcome({ kind: dryRun ? 'preview' : 'done', result });
        if (!dryRun) invalidate();
      })
      .catch((err: unknown) => {
        if (isAbortError(err)) return;
        const errors = isApiError(err) ? rowErrorsFromDetails(err.details) : null;
        setOutcome({ kind: 'refused', message: errorText(err), errors: errors ?? [] });
      })
      .finally(() => {
        setPercent(undefined);
      });
  };

  const choose = (f: File) => {
    if (!f.name.toLowerCase().endsWith('.eml') || f.size === 0 || f.size > MAX_MB * 1024 * 1024) {
      setOutcome({ kind: 'refused', message: t('orders.import.emailInvalid', { max: MAX_MB }), errors: [] });
      return;
    }
    setFile(f);
    setOutcome(undefined);
    send(f, true);
  };

  const result = outcome && outcome.kind !== 'refused' ? outcome.result : undefined;
  const errors = result?.errors ?? (outcome?.kind === 'refused' ? outcome.errors : []);
  const canCommit =
    outcome?.kind === 'preview' &&
    errors.length === 0 &&
    outcome.result.orders.some((o) => !o.alreadyImported);

  return (
    <div data-testid="email-import">
      <Typography.Paragraph type="secondary">{t('orders.import.emailIntro')}</Typography.Paragraph>
      <Upload.Dragger
        accept=".eml,message/rfc822"
        multiple={false}
        showUploadList={false}
        disabled={percent !== undefined}
        beforeUpload={(f) => {
          choose(f);
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('orders.import.emailUpload')}</p>
        {file && <p className="ant-upload-hint">{file.name}</p>}
      </Upload.Dragger>
      {percent !== undefined && (
        <Progress
          percent={percent}
          status="active"
          style={{ marginTop: 12 }}
          data-testid="email-import-progress"
        />
      )}
      {outcome?.kind === 'refused' && (
        <Alert
          type="error"
          showIcon
          title={outcome.message}
          style={{ marginTop: 12 }}
          data-testid="email-import-error"
        />
      )}
      {result && (
        <>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            style={{ marginTop: 16 }}
            items={[
              { key: 'subject', label: t('orders.import.emailSubject'), children: result.subject || '—' },
              {
                key: 'from',
                label: t('orders.import.emailFrom'),
                children: [result.fromName, result.from].filter(Boolean).join(' ') || '—',
              },
              { key: 'customer', label: t('orders.field.customer'), children: result.customerCode ?? '—' },
              {
                key: 'source',
                label: t('orders.import.emailSource'),
                children: t(`orders.import.source.${result.source}`),
              },
            ]}
          />
          {outcome?.kind === 'done' && (
            <Alert
              type="success"
              showIcon
              style={{ margin: '12px 0' }}
              title={t('orders.import.emailDone', {
                count: result.orders.filter((o) => !o.alreadyImported).length,
              })}
              data-testid="email-import-done"
            />
          )}
          <ImportedOrdersTable
            orders={result.orders}
            committed={outcome?.kind === 'done'}
            testId="email-import-orders"
          />
        </>
      )}
      {errors.length > 0 && (
        <>
          <Typography.Title level={5}>
            {t('orders.import.errorsTitle', { count: errors.length })}
          </Typography.Title>
          <ImportErrorsTable errors={errors} data-testid="email-import-errors" />
        </>
      )}
      {outcome?.kind === 'preview' && file && (
        <Flex justify="end" style={{ marginTop: 12 }}>
          <Button
            type="primary"
            disabled={!canCommit}
            onClick={() => {
              send(file, false);
            }}
            data-testid="email-import-commit"
          >
            {t('orders.import.emailCommit')}
          </Button>
        </Flex>
      )}
    </div>
  );
}
