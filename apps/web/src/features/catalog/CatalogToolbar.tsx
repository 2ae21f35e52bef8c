import { Button, Flex } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ColumnSettings, type ColumnSettingsControl } from '../../components/ColumnSettings';
import { ExportButton } from '../../components/ExportButton';
import { ImportButton } from '../../components/import';
import type { QueryValue } from '../../api/client';

export interface CatalogToolbarProps {
  /** The list's API path (`/api/customers`); import, template and export hang below it. */
  endpoint: string;
  /** Query key to refresh after an import. */
  queryKey: readonly unknown[];
  exportQuery: Record<string, QueryValue>;
  columns: ColumnSettingsControl;
  canEdit: boolean;
  onRefresh: () => void;
  onCreate: () => void;
  /** Texts in the user's language. */
  labels: {
    importTitle: string;
    importHint: string;
    templateFile: string;
    exportFile: string;
    create: string;
  };
  /** Test ids: `<prefix>-import`, `-export`, `-columns`; and the create button's. */
  testIdPrefix: string;
  createTestId: string;
}

/**
 * The header actions of a master-data list: refresh, xlsx import (with template and preview),
 * xlsx export of the filtered list, column settings and "create". Import and create need the
 * right to edit.
 */
export function CatalogToolbar({
  endpoint,
  queryKey,
  exportQuery,
  columns,
  canEdit,
  onRefresh,
  onCreate,
  labels,
  testIdPrefix,
  createTestId,
}: CatalogToolbarProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return (
    <Flex gap={8} wrap>
      <Button icon={<ReloadOutlined />} onClick={onRefresh}>
        {t('common.refresh')}
      </Button>
      {canEdit && (
        <ImportButton
          title={labels.importTitle}
          endpoint={`${endpoint}/import`}
          templateUrl={`${endpoint}/import-template`}
          templateFilename={labels.templateFile}
          hint={labels.importHint}
          onCommitted={() => void queryClient.invalidateQueries({ queryKey })}
          data-testid={`${testIdPrefix}-import`}
        />
      )}
      <ExportButton
        endpoint={`${endpoint}/export`}
        query={exportQuery}
        filename={labels.exportFile}
        data-testid={`${testIdPrefix}-export`}
      />
      <ColumnSettings control={columns} data-testid={`${testIdPrefix}-columns`} />
      {canEdit && (
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate} data-testid={createTestId}>
          {labels.create}
        </Button>
      )}
    </Flex>
  );
}
