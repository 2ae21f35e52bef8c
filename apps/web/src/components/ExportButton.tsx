import { useState, type ReactNode } from 'react';
import { App, Button } from 'antd';
import type { ButtonProps } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { QueryValue } from '../api/client';
import { notifyError } from '../api/notify';
import { downloadFile } from './import/transfer';

/** List-state parameters that never go to an export: it holds every matching row. */
const PAGING = new Set(['page', 'pageSize']);

export interface ExportButtonProps {
  /** GET endpoint answering with an xlsx file, e.g. `/api/customers/export`. */
  endpoint: string;
  /**
   * The list's current filters and sort, exactly as sent to the list endpoint (`q`, `status`,
   * `sort` …). `page` and `pageSize` are dropped, so the export holds every matching row.
   */
  query?: Record<string, QueryValue>;
  /** Download name when the server sends no Content-Disposition name, e.g. `customers.xlsx`. */
  filename: string;
  /** Button text; "导出 Excel Export" by default. */
  label?: ReactNode;
  type?: ButtonProps['type'];
  size?: ButtonProps['size'];
  disabled?: boolean;
  'data-testid'?: string;
}

/**
 * Downloads the server's xlsx export of a list for the filters currently applied. Shows a
 * spinner while the file is generated and the server's message if it refuses.
 */
export function ExportButton({
  endpoint,
  query,
  filename,
  label,
  type,
  size,
  disabled,
  'data-testid': testId = 'export',
}: ExportButtonProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const run = () => {
    const params: Record<string, QueryValue> = {};
    for (const [key, value] of Object.entries(query ?? {})) if (!PAGING.has(key)) params[key] = value;
    setBusy(true);
    downloadFile(endpoint, params, filename)
      .then((name) => void message.success(t('importer.exportDone', { name })))
      .catch(notifyError)
      .finally(() => {
        setBusy(false);
      });
  };

  return (
    <Button
      type={type}
      size={size}
      icon={<ExportOutlined />}
      loading={busy}
      disabled={disabled}
      onClick={run}
      data-testid={testId}
    >
      {label ?? t('importer.export')}
    </Button>
  );
}
