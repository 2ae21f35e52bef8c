import { useMemo, useState } from 'react';
import { Select, Tooltip, Typography } from 'antd';
import type { SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer, Product, Role } from '@gendan/contracts';
import { useCurrentUser } from '../../components/currentUser';
import {
  canListUsers,
  useCustomer,
  useCustomers,
  useProduct,
  useProducts,
  useStaff,
  type ListQuery,
} from './catalog.api';
import { useDebounced } from './useDebounced';

/**
 * Pickers for master data, usable in any form (`value`/`onChange` of an id, like a Select):
 * - `<CustomerPicker/>` searches `/api/customers?q=` as you type;
 * - `<ProductPicker/>` searches `/api/products?q=` and reports the chosen product;
 * - `<StaffPicker role="clerk"/>` lists active users with a role.
 * A value that is not among the search results is looked up by id, so it shows its label.
 */

type BaseProps = Omit<SelectProps<string>, 'options' | 'showSearch' | 'onSearch' | 'filterOption' | 'mode'>;

const SEARCH_PAGE = 20;

export const customerLabel = (c: Pick<Customer, 'code' | 'name'>) => `${c.code} ${c.name}`;
export const productLabel = (p: Pick<Product, 'model' | 'name'>) => `${p.model} ${p.name}`;

interface Found<T> {
  data?: { items: T[] } | undefined;
  isFetching: boolean;
}

interface EntityPickerProps<T extends { id: string }> extends BaseProps {
  /** The list hook that searches (`useCustomers`, `useProducts`); it runs only while open. */
  useSearch: (query: ListQuery, enabled: boolean) => Found<T>;
  /** The list's sort key, and whether only active records are offered. */
  sort: string;
  activeOnly: boolean;
  /** Loads one record by id (to label a value missing from the results); undefined: nothing. */
  useLookup: (id: string | undefined) => { data?: T | undefined };
  label: (item: T) => string;
  /** Label of the current value when the caller already knows it (saves a lookup). */
  valueLabel?: string | null | undefined;
  onItemChange?: ((item: T | undefined) => void) | undefined;
}

/** A searching Select over one kind of record; the customer and product pickers are this. */
function EntityPicker<T extends { id: string }>({
  useSearch,
  useLookup,
  sort,
  activeOnly,
  label,
  valueLabel,
  onItemChange,
  onChange,
  value,
  ...rest
}: EntityPickerProps<T>) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<{ id: string; label: string }>();
  const q = useDebounced(text.trim());
  // Search only while the dropdown is open: a table of 100 lines must not run 100 searches.
  const found = useSearch(
    { q: q || undefined, pageSize: SEARCH_PAGE, active: activeOnly ? 'true' : undefined, sort },
    open,
  );
  const items = useMemo(() => found.data?.items ?? [], [found.data]);
  const known = value ? items.some((x) => x.id === value) : true;
  const pickedLabel = picked?.id === value ? picked?.label : undefined;
  const current = useLookup(!known && !pickedLabel && !valueLabel ? (value ?? undefined) : undefined);

  const options = items.map((x) => ({ value: x.id, label: label(x) }));
  if (value && !known) {
    options.unshift({
      value,
      label: pickedLabel ?? valueLabel ?? (current.data ? label(current.data) : value),
    });
  }
  return (
    <Select<string>
      {...rest}
      value={value}
      showSearch={{ filterOption: false, onSearch: setText }}
      options={options}
      onOpenChange={(next) => {
        setOpen(next);
        rest.onOpenChange?.(next);
      }}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? t('common.loading') : t('catalog.common.noMatch')}
      onChange={(id, option) => {
        const chosen = items.find((x) => x.id === id) ?? (id === current.data?.id ? current.data : undefined);
        // Remember the label: the search results may be gone by the next render.
        setPicked(chosen ? { id: chosen.id, label: label(chosen) } : undefined);
        onChange?.(id, option);
        onItemChange?.(chosen);
      }}
      onClear={() => {
        setText('');
        rest.onClear?.();
      }}
    />
  );
}

export interface CustomerPickerProps extends BaseProps {
  /** Only active customers (default true); a stored inactive value still shows. */
  activeOnly?: boolean;
  /** Label of the current value when the caller already knows it (saves a lookup). */
  valueLabel?: string | null;
  onCustomerChange?: (customer: Customer | undefined) => void;
}

export function CustomerPicker({ activeOnly = true, onCustomerChange, ...rest }: CustomerPickerProps) {
  return (
    <EntityPicker<Customer>
      {...rest}
      label={customerLabel}
      useSearch={useCustomers}
      sort="code"
      activeOnly={activeOnly}
      useLookup={useCustomer}
      onItemChange={onCustomerChange}
    />
  );
}

export interface ProductPickerProps extends BaseProps {
  activeOnly?: boolean;
  valueLabel?: string | null;
  /** The chosen product (its unit, specs, lead time), when it came from a search. */
  onProductChange?: (product: Product | undefined) => void;
}

export function ProductPicker({ activeOnly = true, onProductChange, ...rest }: ProductPickerProps) {
  return (
    <EntityPicker<Product>
      popupMatchSelectWidth={false}
      {...rest}
      label={productLabel}
      useSearch={useProducts}
      sort="model"
      activeOnly={activeOnly}
      useLookup={useProduct}
      onItemChange={onProductChange}
    />
  );
}

export interface StaffPickerProps extends BaseProps {
  role: Role;
}

/**
 * Active users with `role`. Without the right to list users (only managers may) it shows the
 * stored value and offers only the current user, when they hold the role.
 */
export function StaffPicker({ role, value, ...rest }: StaffPickerProps) {
  const me = useCurrentUser();
  const staff = useStaff(role);
  const myName = me.displayName || me.username;
  const options = (staff.data?.items ?? []).map((u) => ({
    value: u.id,
    label: u.displayName || u.username,
  }));
  // Without the right to list users, a user holding the role can still pick themselves.
  const cannotList = !canListUsers(me.roles) || staff.isError;
  const selfOnly = cannotList && me.roles.includes(role);
  if (selfOnly && !options.some((o) => o.value === me.id)) options.push({ value: me.id, label: myName });
  if (value && !options.some((o) => o.value === value)) {
    options.unshift({ value, label: value === me.id ? myName : shortId(value) });
  }
  return (
    <Select<string>
      {...rest}
      value={value}
      options={options}
      loading={staff.isFetching}
      disabled={rest.disabled || (cannotList && !selfOnly)}
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
    />
  );
}

const shortId = (id: string) => (id.length > 10 ? `…${id.slice(-6)}` : id);

/** A user's name in a table cell: from the staff list when it can be read, else a short id. */
export function StaffName({ id }: { id: string | null }) {
  const me = useCurrentUser();
  const staff = useStaff();
  if (!id) return <Typography.Text type="secondary">—</Typography.Text>;
  if (id === me.id) return <>{me.displayName || me.username}</>;
  const user = staff.data?.items.find((u) => u.id === id);
  if (user) return <>{user.displayName || user.username}</>;
  return (
    <Tooltip title={id}>
      <Typography.Text type="secondary">{shortId(id)}</Typography.Text>
    </Tooltip>
  );
}
