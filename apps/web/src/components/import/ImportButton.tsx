import { useState, type ReactNode } from 'react';
import { Button } from 'antd';
import type { ButtonProps } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '@gendan/contracts';
import { ImportWizard, type ImportSummary, type ImportWizardProps } from './ImportWizard';

export type ImportButtonProps<R extends ImportSummary = ImportResult> = Omit<
  ImportWizardProps<R>,
  'open' | 'onClose'
> & {
  /** Button text; "导入 Import" by default. */
  label?: ReactNode;
  type?: ButtonProps['type'];
  disabled?: boolean;
  'data-testid'?: string;
};

/** A button that opens the import wizard. */
export function ImportButton<R extends ImportSummary = ImportResult>({
  label,
  type,
  disabled,
  'data-testid': testId,
  ...wizard
}: ImportButtonProps<R>) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        type={type}
        icon={<UploadOutlined />}
        disabled={disabled}
        onClick={() => {
          setOpen(true);
        }}
        data-testid={testId ?? `${wizard.testIdPrefix ?? 'import'}-open`}
      >
        {label ?? t('importer.open')}
      </Button>
      <ImportWizard<R>
        {...wizard}
        open={open}
        onClose={() => {
          setOpen(false);
        }}
      />
    </>
  );
}
