import { Fragment, type ReactNode } from 'react';
import { Drawer } from 'antd';
import { PageSpin } from '../../components/PageSpin';
import { QueryError } from '../../components/QueryError';

/** The record id a drawer target names: undefined for `'new'` or a closed drawer. */
export function recordId(target: string | undefined): string | undefined {
  return target && target !== 'new' ? target : undefined;
}

interface RecordQuery<T> {
  data?: T | undefined;
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

export interface RecordDrawerProps<T extends { id: string; version: number }> {
  /** `'new'` to create, an id to show/edit, undefined when closed. */
  target: string | undefined;
  /** The record's query, for `recordId(target)`. */
  record: RecordQuery<T>;
  titles: { create: string; edit: (record: T) => string; fallback: string };
  size: number;
  onClose: () => void;
  /** The form: without a record it creates one. */
  renderForm: (record: T | undefined) => ReactNode;
  testId: string;
}

/**
 * A master-data drawer: the create form, or the record loading, failing (with a retry) or shown
 * in its form. The form is keyed by the record's version: after a 409 the record is reloaded and
 * the form shows what is now stored.
 */
export function RecordDrawer<T extends { id: string; version: number }>({
  target,
  record,
  titles,
  size,
  onClose,
  renderForm,
  testId,
}: RecordDrawerProps<T>) {
  const isNew = target === 'new';
  const data = record.data;
  const title = isNew ? titles.create : data ? titles.edit(data) : titles.fallback;
  return (
    <Drawer
      open={target !== undefined}
      title={title}
      size={size}
      onClose={onClose}
      destroyOnHidden
      data-testid={testId}
    >
      {isNew ? (
        renderForm(undefined)
      ) : record.isPending || !data ? (
        record.isError ? (
          <QueryError error={record.error} onRetry={() => void record.refetch()} />
        ) : (
          <PageSpin />
        )
      ) : (
        <Fragment key={`${data.id}:${String(data.version)}`}>{renderForm(data)}</Fragment>
      )}
    </Drawer>
  );
}
