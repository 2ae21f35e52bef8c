import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Button, Flex, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The pieces every list's filter row is made of: the row itself with its reset button, the
 * free-text search, and a clearable choice. Each filter reports its new value; the page keeps the
 * filters in the URL.
 */

/** The filter row above a list; the reset button (test id `<testId>-reset`) shows while any filter is set. */
export function FilterBar({
  active,
  onReset,
  testId,
  children,
}: {
  active: boolean;
  onReset: () => void;
  testId?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} data-testid={testId}>
      {children}
      {active && (
        <Button onClick={onReset} data-testid={testId ? `${testId}-reset` : undefined}>
          {t('common.reset')}
        </Button>
      )}
    </Flex>
  );
}

/** Whether any value of a filter set is set (an empty string counts as unset). */
export function anyFilterSet(values: object): boolean {
  return Object.values(values).some((v) => v !== undefined && v !== null && v !== '');
}

/**
 * The free-text search of a list. `value` is the search in the URL; a new search (or clearing it)
 * reports the trimmed text, or undefined for none. The box follows the URL (going back in history
 * shows that page's search) without losing focus or what the user has typed since searching.
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
  // The search this box last reported. The URL takes it in a transition, so the new value may
  // arrive after the user has typed on: only a change that came from elsewhere (history, the
  // reset button) replaces the text in the box.
  const reported = useRef(value);
  useEffect(() => {
    if (value !== reported.current) setText(value ?? '');
    reported.current = value;
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
        const next = q.trim() || undefined;
        reported.current = next;
        onSearch(next);
      }}
      style={{ width }}
      data-testid={testId}
    />
  );
}

/** A clearable choice among fixed options; clearing reports undefined. */
export function ChoiceFilter<T extends string>({
  value,
  options,
  placeholder,
  onChange,
  width,
  testId,
}: {
  value: T | undefined;
  options: { value: T; label: string }[];
  placeholder: string;
  onChange: (value: T | undefined) => void;
  width: number;
  testId: string;
}) {
  return (
    <Select<T>
      value={value}
      placeholder={placeholder}
      options={options}
      allowClear
      onChange={(v) => {
        onChange(v);
      }}
      style={{ width }}
      data-testid={testId}
    />
  );
}
