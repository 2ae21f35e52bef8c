import type { ReactNode } from 'react';
import { Button, Form, Input, Table } from 'antd';
import type { FormListFieldData, FormRule } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** A cell's form item sits flush in its table row. */
export const cellStyle = { marginBottom: 0 };

export interface FormListColumn {
  key: string;
  title?: ReactNode;
  width?: number;
  align?: 'left' | 'center' | 'right';
  render: (field: FormListFieldData) => ReactNode;
}

/** A column holding a plain text input for `key` of each row, labelled for screen readers. */
export function textColumn(
  key: string,
  title: string,
  width: number,
  rules: FormRule[] = [],
): FormListColumn {
  return {
    key,
    title,
    width,
    render: (field) => (
      <Form.Item name={[field.name, key]} style={cellStyle} rules={rules}>
        <Input aria-label={title} />
      </Form.Item>
    ),
  };
}

export interface FormListTableProps<T> {
  /** The form list's field name (`contacts`, `addresses`). */
  name: string;
  columns: FormListColumn[];
  /** The row "add" appends. */
  empty: T;
  emptyText: string;
  addLabel: string;
  disabled?: boolean | undefined;
  testId: string;
  addTestId: string;
}

/**
 * Rows of a form list as an editable table: one form item per cell, a remove button per row and
 * an "add" button below. Read-only (`disabled`) shows the rows without the buttons.
 */
export function FormListTable<T>({
  name,
  columns,
  empty,
  emptyText,
  addLabel,
  disabled,
  testId,
  addTestId,
}: FormListTableProps<T>) {
  const { t } = useTranslation();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            rowKey="key"
            dataSource={fields}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText }}
            data-testid={testId}
            columns={[
              ...columns.map((c) => ({
                key: c.key,
                title: c.title,
                width: c.width,
                align: c.align,
                render: (_: unknown, field: FormListFieldData) => c.render(field),
              })),
              ...(disabled
                ? []
                : [
                    {
                      key: 'actions',
                      width: 48,
                      render: (_: unknown, field: FormListFieldData) => (
                        <Button
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('catalog.common.remove')}
                          onClick={() => {
                            remove(field.name);
                          }}
                        />
                      ),
                    },
                  ]),
            ]}
          />
          {!disabled && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => {
                add(empty);
              }}
              style={{ marginTop: 8 }}
              data-testid={addTestId}
            >
              {addLabel}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
