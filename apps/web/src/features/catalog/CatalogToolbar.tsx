import { useEffect, useState } from 'react';
import { Button, Flex, Input } from 'antd';
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

/**
 * The free-text search of a master-data list. `value` is the search in the URL; a new search (or
 * clearing it) reports the trimmed text, or undefined for none. The box follows the URL (going
 * back in history shows that page's search) without losing focus while the user types.
 */
export function ListSearch({
  value,
  placeholder,
  onSearch,
  width = 280,
  testId,
}: {
  value: string | undefined;
  placeholder: string;
  onSearch: (q: string | undefined) => void;
  width?: number;
  testId: string;
}) {
  const [text, setText] = useState(value ?? '');
  useEffect(() => {
    setText(value ?? '');
  }, [value]);
  return (
    <Input.Search
      value={text}
      onChange={(e) => {
        setText(e.target.value);
      }}
      placeholder={placeholder}
      allowClear
      onSearch={(q) => {
        onSearch(q.trim() || undefined);
      }}
      style={{ width }}
      data-testid={testId}
    />
  );
}
