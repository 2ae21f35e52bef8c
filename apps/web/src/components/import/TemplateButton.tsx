import { useState, type ReactNode } from 'react';
import { Button } from 'antd';
import type { ButtonProps } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../api/notify';
import { downloadFile } from './transfer';

export interface TemplateButtonProps {
  /** GET endpoint of the template, e.g. `/api/customers/import-template`. */
  url: string;
  /** Download name when the server sends none, e.g. `customers-template.xlsx`. */
  filename: string;
  label?: ReactNode;
  size?: ButtonProps['size'];
  type?: ButtonProps['type'];
  'data-testid'?: string;
}

/** Downloads an import template (an xlsx with the expected headers). */
export function TemplateButton({ url, filename, label, size, type = 'link', ...rest }: TemplateButtonProps) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const download = () => {
    setBusy(true);
    downloadFile(url, undefined, filename)
      .catch(notifyError)
      .finally(() => {
        setBusy(false);
      });
  };
  return (
    <Button
      type={type}
      size={size}
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={download}
      data-testid={rest['data-testid'] ?? 'import-template'}
    >
      {label ?? t('importer.template')}
    </Button>
  );
}
