import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Col,
  Flex,
  Modal,
  Progress,
  Result,
  Row,
  Statistic,
  Steps,
  Typography,
  Upload,
} from 'antd';
import { FileExcelOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '@gendan/contracts';
import { errorText, isApiError, type QueryValue } from '../../api/client';
import { ImportErrorsTable } from './ImportErrorsTable';
import { TemplateButton } from './TemplateButton';
import { isAbortError, uploadFile } from './transfer';
import { formatBytes, hasAcceptedExtension, rowErrorsFromDetails, type RowError } from './transferUtils';

/**
 * The shape every import endpoint answers with (`importResultSchema`). An endpoint may return
 * more (the orders import lists the orders it found); pass that type as the wizard's `R`.
 */
export type ImportSummary = Pick<ImportResult, 'dryRun' | 'rows' | 'created' | 'updated' | 'skipped'> & {
  errors: RowError[];
};

export interface ImportWizardProps<R extends ImportSummary = ImportResult> {
  open: boolean;
  onClose: () => void;
  /** Modal title, e.g. "导入客户". */
  title: ReactNode;
  /**
   * POST endpoint taking a multipart `file`. The wizard calls it with `?dryRun=1` for the
   * preview, then without for the all-or-nothing commit (200 with the result, or 422
   * IMPORT_INVALID with `details.errors`).
   */
  endpoint: string;
  /** Extra query parameters sent with both calls. */
  query?: Record<string, QueryValue>;
  /** GET endpoint of the xlsx template; shows a download button when set. */
  templateUrl?: string;
  /** Fallback name of the template download. */
  templateFilename?: string;
  /** Accepted extensions, as for `<input accept>`; `.xlsx,.csv` by default. */
  accept?: string;
  /** Client-side size cap in MB (the server has its own); 20 by default. */
  maxSizeMb?: number;
  /** A hint under the drop zone, e.g. which columns are required. */
  hint?: ReactNode;
  /** Turns the server's column key in an error into a header the user knows. */
  columnLabel?: (column: string) => string;
  /** Extra content under the preview's summary (e.g. the orders found in the file). */
  renderPreview?: (result: R) => ReactNode;
  /** Extra content on the result step (e.g. links to what was created). */
  renderResult?: (result: R) => ReactNode;
  /** Called once after a successful commit, e.g. to invalidate list queries. */
  onCommitted?: (result: R) => void;
  /** Prefix of the `data-testid`s inside the wizard; `import` by default. */
  testIdPrefix?: string;
}

type Step = 'select' | 'preview' | 'result';

interface Busy {
  kind: 'check' | 'commit';
  percent: number;
  /** The file is sent; the server is reading it. */
  processing: boolean;
}

const STEP_INDEX: Record<Step, number> = { select: 0, preview: 1, result: 2 };

/**
 * Import wizard: choose a file (with a template download) → the server checks it (dry run) and
 * the preview lists every error by row and column → commit, all or nothing → result. Uploads
 * show their progress; a large file then shows the server working on it.
 */
export function ImportWizard<R extends ImportSummary = ImportResult>(props: ImportWizardProps<R>) {
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onClose}
      footer={null}
      width={880}
      destroyOnHidden
      maskClosable={false}
    >
      {props.open && <WizardContent<R> {...props} />}
    </Modal>
  );
}

function WizardContent<R extends ImportSummary>({
  onClose,
  endpoint,
  query,
  templateUrl,
  templateFilename = 'template.xlsx',
  accept = '.xlsx,.csv',
  maxSizeMb = 20,
  hint,
  columnLabel,
  renderPreview,
  renderResult,
  onCommitted,
  testIdPrefix = 'import',
}: ImportWizardProps<R>) {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>('select');
  const [file, setFile] = useState<File>();
  const [busy, setBusy] = useState<Busy>();
  const [fileError, setFileError] = useState<string>();
  const [preview, setPreview] = useState<R>();
  const [result, setResult] = useState<R>();
  const abortRef = useRef<AbortController | null>(null);
  const id = (name: string) => `${testIdPrefix}-${name}`;

  // Closing the wizard (or unmounting it) cancels an upload in flight.
  useEffect(
    () => () => {
      abortRef.current?.abort();
    },
    [],
  );

  const send = async (kind: Busy['kind'], f: File): Promise<R> => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setBusy({ kind, percent: 0, processing: false });
    try {
      return await uploadFile<R>({
        path: endpoint,
        query: kind === 'check' ? { ...query, dryRun: 1 } : query,
        file: f,
        signal: controller.signal,
        onProgress: (percent) => {
          setBusy((b) => (b ? { ...b, percent } : b));
        },
        onUploaded: () => {
          setBusy((b) => (b ? { ...b, percent: 100, processing: true } : b));
        },
      });
    } finally {
      if (abortRef.current === controller) abortRef.current = null;
      setBusy(undefined);
    }
  };

  /** A refused import (422 with per-row errors) becomes a preview that lists them. */
  const refusedAsPreview = (err: unknown, dryRun: boolean): R | undefined => {
    if (!isApiError(err)) return undefined;
    const errors = rowErrorsFromDetails(err.details);
    if (!errors) return undefined;
    return { dryRun, rows: 0, created: 0, updated: 0, skipped: 0, errors } as unknown as R;
  };

  const check = (f: File) => {
    setFileError(undefined);
    send('check', f)
      .then((r) => {
        setPreview(r);
        setStep('preview');
      })
      .catch((err: unknown) => {
        if (isAbortError(err)) return;
        const refused = refusedAsPreview(err, true);
        if (refused) {
          setPreview(refused);
          setStep('preview');
        } else {
          setFileError(errorText(err));
          setStep('select');
        }
      });
  };

  const commit = () => {
    if (!file) return;
    send('commit', file)
      .then((r) => {
        if (r.errors.length > 0) {
          setPreview(r);
          setStep('preview');
          return;
        }
        setResult(r);
        setStep('result');
        onCommitted?.(r);
      })
      .catch((err: unknown) => {
        if (isAbortError(err)) return;
        // The data changed since the check (e.g. a code was taken meanwhile): show the new errors.
        const refused = refusedAsPreview(err, false);
        if (refused) {
          setPreview(refused);
          setStep('preview');
        } else {
          setFileError(errorText(err));
        }
      });
  };

  const choose = (f: File) => {
    if (!hasAcceptedExtension(f.name, accept)) {
      setFileError(t('importer.fileType', { accept }));
      return;
    }
    if (f.size > maxSizeMb * 1024 * 1024) {
      setFileError(t('importer.fileTooLarge', { max: maxSizeMb }));
      return;
    }
    if (f.size === 0) {
      setFileError(t('importer.fileEmpty'));
      return;
    }
    setFile(f);
    check(f);
  };

  const restart = () => {
    abortRef.current?.abort();
    setFile(undefined);
    setPreview(undefined);
    setResult(undefined);
    setFileError(undefined);
    setStep('select');
  };

  const cancelBusy = () => {
    abortRef.current?.abort();
  };

  const fileLine = file && (
    <Flex align="center" gap={8} data-testid={id('file')}>
      <FileExcelOutlined style={{ color: '#217346', fontSize: 18 }} />
      <Typography.Text strong>{file.name}</Typography.Text>
      <Typography.Text type="secondary">{formatBytes(file.size)}</Typography.Text>
    </Flex>
  );

  const progress = busy && (
    <div data-testid={id('progress')} style={{ margin: '16px 0' }}>
      {fileLine}
      <Progress
        percent={busy.percent}
        status="active"
        format={(p) => (busy.processing ? t('importer.processing') : `${String(p ?? 0)}%`)}
      />
      <Typography.Text type="secondary">
        {busy.processing
          ? busy.kind === 'check'
            ? t('importer.checking')
            : t('importer.committing')
          : t('importer.uploading')}
      </Typography.Text>
      <Flex justify="end" style={{ marginTop: 16 }}>
        <Button onClick={cancelBusy} data-testid={id('cancel-upload')}>
          {t('importer.cancelUpload')}
        </Button>
      </Flex>
    </div>
  );

  const errorCount = preview?.errors.length ?? 0;
  const ready = preview !== undefined && errorCount === 0 && preview.rows > 0;

  return (
    <div data-testid={id('wizard')}>
      <Steps
        size="small"
        current={STEP_INDEX[step]}
        status={step === 'preview' && errorCount > 0 ? 'error' : undefined}
        style={{ margin: '8px 0 24px' }}
        items={[
          { title: t('importer.stepSelect') },
          { title: t('importer.stepPreview') },
          { title: t('importer.stepResult') },
        ]}
      />

      {fileError && (
        <Alert
          type="error"
          showIcon
          title={fileError}
          style={{ marginBottom: 16 }}
          data-testid={id('file-error')}
        />
      )}

      {busy ? (
        progress
      ) : step === 'select' ? (
        <>
          <div data-testid={id('dropzone')}>
            <Upload.Dragger
              accept={accept}
              multiple={false}
              showUploadList={false}
              beforeUpload={(f) => {
                choose(f);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('importer.dropText')}</p>
              <p className="ant-upload-hint">{t('importer.dropHint', { accept, max: maxSizeMb })}</p>
            </Upload.Dragger>
          </div>
          {hint && (
            <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
              {hint}
            </Typography.Paragraph>
          )}
          <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
            {templateUrl ? (
              <TemplateButton url={templateUrl} filename={templateFilename} data-testid={id('template')} />
            ) : (
              <span />
            )}
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </Flex>
        </>
      ) : step === 'preview' && preview ? (
        <>
          {fileLine}
          <Summary result={preview} testId={id('summary')} />
          {errorCount > 0 ? (
            <>
              <Alert
                type="error"
                showIcon
                title={t('importer.hasErrors', { count: errorCount })}
                description={t('importer.hasErrorsHelp')}
                style={{ marginBottom: 12 }}
              />
              <ImportErrorsTable
                errors={preview.errors}
                columnLabel={columnLabel}
                data-testid={id('errors')}
              />
            </>
          ) : preview.rows === 0 ? (
            <Alert type="warning" showIcon title={t('importer.noRows')} style={{ marginBottom: 12 }} />
          ) : (
            <Alert
              type="success"
              showIcon
              title={t('importer.ready', { rows: preview.rows })}
              description={
                preview.skipped > 0 ? t('importer.skippedHelp', { count: preview.skipped }) : undefined
              }
              style={{ marginBottom: 12 }}
              data-testid={id('ready')}
            />
          )}
          {renderPreview?.(preview)}
          <Flex justify="end" gap={8} style={{ marginTop: 16 }}>
            <Button onClick={restart} data-testid={id('back')}>
              {t('importer.chooseAnother')}
            </Button>
            <Button type="primary" disabled={!ready} onClick={commit} data-testid={id('commit')}>
              {t('importer.commit', { rows: preview.rows })}
            </Button>
          </Flex>
        </>
      ) : step === 'result' && result ? (
        <>
          <Result
            status="success"
            title={t('importer.done')}
            subTitle={t('importer.doneSummary', {
              created: result.created,
              updated: result.updated,
              skipped: result.skipped,
            })}
            style={{ padding: '16px 0' }}
            data-testid={id('result')}
          />
          {renderResult?.(result)}
          <Flex justify="end" gap={8} style={{ marginTop: 16 }}>
            <Button onClick={restart} data-testid={id('again')}>
              {t('importer.importAnother')}
            </Button>
            <Button type="primary" onClick={onClose} data-testid={id('close')}>
              {t('common.close')}
            </Button>
          </Flex>
        </>
      ) : null}
    </div>
  );
}

function Summary({ result, testId }: { result: ImportSummary; testId: string }) {
  const { t } = useTranslation();
  const items: { key: string; title: string; value: number; color?: string }[] = [
    { key: 'rows', title: t('importer.rows'), value: result.rows },
    { key: 'created', title: t('importer.toCreate'), value: result.created },
    { key: 'updated', title: t('importer.toUpdate'), value: result.updated },
    { key: 'skipped', title: t('importer.skipped'), value: result.skipped },
    {
      key: 'errors',
      title: t('importer.errors'),
      value: result.errors.length,
      color: result.errors.length > 0 ? '#cf1322' : undefined,
    },
  ];
  return (
    <Row gutter={16} style={{ margin: '16px 0' }} data-testid={testId}>
      {items.map((item) => (
        <Col key={item.key} xs={12} sm={8} md={4}>
          <Statistic
            title={item.title}
            value={item.value}
            styles={item.color ? { content: { color: item.color } } : undefined}
            data-testid={`${testId}-${item.key}`}
          />
        </Col>
      ))}
    </Row>
  );
}
