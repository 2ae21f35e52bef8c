import { Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { RowError } from './transferUtils';

export interface ImportErrorsTableProps {
  errors: readonly RowError[];
  /** Turns the server's column key (e.g. `creditLimit`) into a header the user knows. */
  columnLabel?: (column: string) => string;
  'data-testid'?: string;
}

/** The errors of an import preview, one per row and column, sorted by row. */
export function ImportErrorsTable({ errors, columnLabel, ...rest }: ImportErrorsTableProps) {
  const { t } = useTranslation();
  const rows = errors
    .map((e, index) => ({ ...e, key: index }))
    .sort((a, b) => a.row - b.row || a.key - b.key);

  const columns: TableColumnsType<(typeof rows)[number]> = [
    {
      key: 'row',
      dataIndex: 'row',
      title: t('importer.row'),
      width: 80,
      sorter: (a, b) => a.row - b.row,
      render: (row: number) => (row > 0 ? row : '—'),
    },
    {
      key: 'column',
      dataIndex: 'column',
      title: t('importer.column'),
      width: 160,
      render: (column: string | null) =>
        column ? (
          <Tag>{columnLabel ? columnLabel(column) : column}</Tag>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
    },
    {
      key: 'message',
      dataIndex: 'message',
      title: t('importer.message'),
      render: (message: string, e) => (
        <>
          <Typography.Text>{message}</Typography.Text>{' '}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.code}
          </Typography.Text>
        </>
      ),
    },
  ];

  return (
    <Table
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={rows.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      data-testid={rest['data-testid']}
    />
  );
}
