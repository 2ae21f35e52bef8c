import { useMemo, useState } from 'react';
import { Select, Tooltip, Typography } from 'antd';
import type { SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer, Product, Role } from '@gendan/contracts';
import { useCurrentUser } from '../../components/currentUser';
import { canListUsers, useCustomer, useCustomers, useProduct, useProducts, useStaff } from './catalog.api';
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

export interface CustomerPickerProps extends BaseProps {
  /** Only active customers (default true); a stored inactive value still shows. */
  activeOnly?: boolean;
  /** Label of the current value when the caller already knows it (saves a lookup). */
  valueLabel?: string | null;
  onCustomerChange?: (customer: Customer | undefined) => void;
}

export function CustomerPicker({
  activeOnly = true,
  valueLabel,
  onCustomerChange,
  onChange,
  value,
  ...rest
}: CustomerPickerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<{ id: string; label: string }>();
  const q = useDebounced(text.trim());
  const found = useCustomers(
    { q: q || undefined, pageSize: SEARCH_PAGE, active: activeOnly ? 'true' : undefined, sort: 'code' },
    open,
  );
  const items = useMemo(() => found.data?.items ?? [], [found.data]);
  const known = value ? items.some((c) => c.id === value) : true;
  const pickedLabel = picked?.id === value ? picked?.label : undefined;
  const current = useCustomer(!known && !pickedLabel && !valueLabel ? (value ?? undefined) : undefined);

  const options = items.map((c) => ({ value: c.id, label: customerLabel(c) }));
  if (value && !known) {
    const label = pickedLabel ?? valueLabel ?? (current.data ? customerLabel(current.data) : value);
    options.unshift({ value, label });
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
        const chosen = items.find((c) => c.id === id) ?? (id === current.data?.id ? current.data : undefined);
        // Remember the label: the search results may be gone by the next render.
        setPicked(chosen ? { id: chosen.id, label: customerLabel(chosen) } : undefined);
        onChange?.(id, option);
        onCustomerChange?.(chosen);
      }}
      onClear={() => {
        setText('');
        rest.onClear?.();
      }}
    />
  );
}

export interface ProductPickerProps extends BaseProps {
  activeOnly?: boolean;
  valueLabel?: string | null;
  /** The chosen product (its unit, specs, lead time), when it came from a search. */
  onProductChange?: (product: Product | undefined) => void;
}

export function ProductPicker({
  activeOnly = true,
  valueLabel,
  onProductChange,
  onChange,
  value,
  ...rest
}: ProductPickerProps) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<{ id: string; label: string }>();
  const q = useDebounced(text.trim());
  // Search only while the dropdown is open: a table of 100 lines must not run 100 searches.
  const found = useProducts(
    { q: q || undefined, pageSize: SEARCH_PAGE, active: activeOnly ? 'true' : undefined, sort: 'model' },
    open,
  );
  const items = useMemo(() => found.data?.items ?? [], [found.data]);
  const known = value ? items.some((p) => p.id === value) : true;
  const pickedLabel = picked?.id === value ? picked?.label : undefined;
  const current = useProduct(!known && !pickedLabel && !valueLabel ? (value ?? undefined) : undefined);

  const options = items.map((p) => ({ value: p.id, label: productLabel(p) }));
  if (value && !known) {
    const label = pickedLabel ?? valueLabel ?? (current.data ? productLabel(current.data) : value);
    options.unshift({ value, label });
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
      popupMatchSelectWidth={false}
      onChange={(id, option) => {
        const chosen = items.find((p) => p.id === id) ?? (id === current.data?.id ? current.data : undefined);
        // Remember the label: the search results may be gone by the next render.
        setPicked(chosen ? { id: chosen.id, label: productLabel(chosen) } : undefined);
        onChange?.(id, option);
        onProductChange?.(chosen);
      }}
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
