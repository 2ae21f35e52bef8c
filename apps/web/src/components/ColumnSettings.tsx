import { useCallback, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { Button, Checkbox, Divider, Flex, Popover, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { columnsStorageKey, parseStoredColumns, resolveHidden, serialiseColumns } from './columnVisibility';

/**
 * Column settings for a table: the user shows or hides columns, and the choice is kept in
 * localStorage per table key (so it survives reloads and applies in every tab).
 *
 * ```tsx
 * const columns: TableColumnsType<Customer> = [{ key: 'code', title: …, … }, …];
 * const cols = useColumnSettings('catalog.customers', columns, { defaultHidden: ['taxId'], locked: ['code'] });
 * <ColumnSettings control={cols.control} />
 * <Table columns={cols.columns} … />
 * ```
 * Every column that should be configurable needs a string `key`; a column without one is always
 * shown. A column whose title is not plain text can set `settingsTitle` for the list.
 */

export interface ColumnSettingsOptions {
  /** Columns hidden until the user shows them. */
  defaultHidden?: readonly string[];
  /** Columns that cannot be hidden (the record's code, the actions column). */
  locked?: readonly string[];
}

export interface ColumnSettingsItem {
  key: string;
  title: ReactNode;
  visible: boolean;
  locked: boolean;
}

/** What `<ColumnSettings/>` needs; returned by `useColumnSettings().control`. */
export interface ColumnSettingsControl {
  tableKey: string;
  items: ColumnSettingsItem[];
  setVisible: (key: string, visible: boolean) => void;
  showAll: () => void;
  /** Back to the table's defaults (forgets the stored choice). */
  reset: () => void;
}

/** A column may carry a plain-text title for the settings list. */
type WithSettingsTitle = { settingsTitle?: ReactNode };

// localStorage as an external store, so two tables with the same key (or two tabs) stay in step.
const listeners = new Set<() => void>();
function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}
function readStorage(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}
function writeStorage(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // storage unavailable (private mode): the choice lasts until reload
  }
  for (const l of listeners) l();
}

function columnKey(column: TableColumnsType<never>[number]): string | undefined {
  return typeof column.key === 'string' ? column.key : undefined;
}

export function useColumnSettings<T>(
  tableKey: string,
  columns: TableColumnsType<T>,
  options: ColumnSettingsOptions = {},
): { columns: TableColumnsType<T>; control: ColumnSettingsControl } {
  const storageKey = columnsStorageKey(tableKey);
  const raw = useSyncExternalStore(subscribe, () => readStorage(storageKey));
  const { defaultHidden, locked } = options;
  const keys = columns.flatMap((c) => {
    const key = columnKey(c as TableColumnsType<never>[number]);
    return key ? [key] : [];
  });
  const keysSig = keys.join('\u0000');

  const hidden = useMemo(
    () => resolveHidden(keysSig.split('\u0000'), parseStoredColumns(raw), defaultHidden, locked),
    [keysSig, raw, defaultHidden, locked],
  );

  const setVisible = useCallback(
    (key: string, visible: boolean) => {
      const next = new Set(hidden);
      if (visible) next.delete(key);
      else next.add(key);
      writeStorage(storageKey, serialiseColumns(keysSig.split('\u0000'), next));
    },
    [hidden, keysSig, storageKey],
  );

  const control: ColumnSettingsControl = {
    tableKey,
    items: columns.flatMap((c) => {
      const key = columnKey(c as TableColumnsType<never>[number]);
      if (!key) return [];
      const own = (c as WithSettingsTitle).settingsTitle;
      const title = own ?? (typeof c.title === 'function' ? key : c.title);
      return [{ key, title, visible: !hidden.has(key), locked: locked?.includes(key) ?? false }];
    }),
    setVisible,
    showAll: () => {
      writeStorage(storageKey, serialiseColumns(keysSig.split('\u0000'), new Set()));
    },
    reset: () => {
      writeStorage(storageKey, null);
    },
  };

  const visibleColumns = columns.filter((c) => {
    const key = columnKey(c as TableColumnsType<never>[number]);
    return !key || !hidden.has(key);
  });
  return { columns: visibleColumns, control };
}

export interface ColumnSettingsProps {
  control: ColumnSettingsControl;
  'data-testid'?: string;
}

/** A gear button with a popover of checkboxes, one per configurable column. */
export function ColumnSettings({ control, 'data-testid': testId = 'column-settings' }: ColumnSettingsProps) {
  const { t } = useTranslation();
  const content = (
    <div style={{ minWidth: 200, maxHeight: 360, overflowY: 'auto' }} data-testid={`${testId}-panel`}>
      <Flex vertical gap={4}>
        {control.items.map((item) => (
          <Checkbox
            key={item.key}
            checked={item.visible}
            disabled={item.locked}
            onChange={(e) => {
              control.setVisible(item.key, e.target.checked);
            }}
            data-testid={`${testId}-${item.key}`}
          >
            {item.title}
          </Checkbox>
        ))}
      </Flex>
      <Divider style={{ margin: '8px 0' }} />
      <Flex justify="space-between">
        <Button size="small" type="link" onClick={control.showAll}>
          {t('importer.columnsShowAll')}
        </Button>
        <Button size="small" type="link" onClick={control.reset} data-testid={`${testId}-reset`}>
          {t('importer.columnsReset')}
        </Button>
      </Flex>
    </div>
  );
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={<Typography.Text strong>{t('importer.columnsTitle')}</Typography.Text>}
      content={content}
    >
      <Tooltip title={t('importer.columns')}>
        <Button icon={<SettingOutlined />} aria-label={t('importer.columns')} data-testid={testId} />
      </Tooltip>
    </Popover>
  );
}
