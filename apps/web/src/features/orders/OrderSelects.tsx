import { useEffect, useState, type CSSProperties } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCustomerOptions, useProductOptions } from './orders.api';
import type { TermsPrice } from './pricing';

/** The value once it has stopped changing for `ms` (search-as-you-type without a request per key). */
function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => {
      setSettled(value);
    }, ms);
    return () => {
      window.clearTimeout(timer);
    };
  }, [value, ms]);
  return settled;
}

export interface Labelled {
  value: string;
  label: string;
}

/** Customer search select (by code or name); `initial` labels the current value before any search. */
export function CustomerSelect({
  value,
  onChange,
  initial,
  placeholder,
  allowClear,
  style,
  testId,
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  initial?: Labelled;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search);
  const customers = useCustomerOptions(q.trim());
  const options = (customers.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} · ${c.name}` }));
  if (initial && value === initial.value && !options.some((o) => o.value === initial.value))
    options.unshift(initial);

  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(id) => onChange?.(id)}
      options={options}
      loading={customers.isFetching}
      placeholder={placeholder ?? t('orders.form.customerPlaceholder')}
      allowClear={allowClear}
      notFoundContent={customers.isFetching ? t('common.loading') : undefined}
      style={style}
      data-testid={testId}
      popupMatchSelectWidth={false}
    />
  );
}

/**
 * Product picker: the contract's products first (they carry prices), then a catalogue search.
 * Reports the picked product's own specs so the line can prefill them.
 */
export function ProductSelect({
  value,
  onChange,
  onPick,
  contractPrices,
  initial,
  testId,
}: {
  value?: string;
  onChange?: (id: string | undefined) => void;
  onPick?: (id: string, productSpecs: Record<string, string> | null) => void;
  contractPrices: readonly TermsPrice[];
  initial?: Labelled;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search).trim();
  const products = useProductOptions(q);

  const needle = q.toLowerCase();
  const contractOptions: Labelled[] = [];
  for (const p of contractPrices) {
    if (contractOptions.some((o) => o.value === p.productId)) continue;
    const label = `${p.productModel} · ${p.productName}`;
    if (!needle || label.toLowerCase().includes(needle)) contractOptions.push({ value: p.productId, label });
  }
  const otherOptions: Labelled[] = (products.data?.items ?? [])
    .filter((p) => !contractOptions.some((o) => o.value === p.id))
    .map((p) => ({ value: p.id, label: `${p.model} · ${p.name}` }));
  const known = [...contractOptions, ...otherOptions];
  if (initial && value === initial.value && !known.some((o) => o.value === initial.value))
    otherOptions.unshift(initial);

  const options = [
    ...(contractOptions.length > 0
      ? [{ label: t('orders.form.contractProducts'), options: contractOptions }]
      : []),
    ...(otherOptions.length > 0 ? [{ label: t('orders.form.otherProducts'), options: otherOptions }] : []),
  ];

  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      onChange={(id) => {
        onChange?.(id);
        const product = products.data?.items.find((p) => p.id === id);
        onPick?.(id, product?.specs ?? null);
      }}
      options={options}
      loading={products.isFetching}
      placeholder={t('orders.form.productPlaceholder')}
      notFoundContent={products.isFetching ? t('common.loading') : undefined}
      style={{ width: '100%', minWidth: 200 }}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
