import { Button, Checkbox, DatePicker, Flex, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import type { OrderStatus } from '@gendan/contracts';
import { ORDER_CHANNELS, ORDER_STATUSES } from '@gendan/contracts/constants';
import { useCurrentUser } from '../../components/currentUser';
import { DATE_FORMAT } from './orderFormModel';
import { useClerkOptions, useCustomerLabel, type OrderListParams } from './orders.api';
import { ORDER_OVERRIDERS, hasRole } from './orderActions';
import { CustomerSelect } from './OrderSelects';

export type OrderFilterValues = Omit<OrderListParams, 'page' | 'pageSize' | 'sort'>;

/** The order list's filters: search, status, customer, clerk, order date range, channel, findings. */
export function OrderFilters({
  value,
  onChange,
}: {
  value: OrderFilterValues;
  onChange: (next: OrderFilterValues) => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const isCustomer = me.roles.includes('customer') && me.roles.length === 1;
  // Listing users needs the manager role; everyone else filters on "mine".
  const canPickClerk = hasRole(me.roles, ORDER_OVERRIDERS);
  const clerks = useClerkOptions(canPickClerk);
  const customerLabel = useCustomerLabel(value.customerId);
  const hasFilter = Object.values(value).some((v) => v !== undefined && v !== '');

  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }} data-testid="order-filters">
      <Input.Search
        key={value.q ?? ''}
        defaultValue={value.q}
        placeholder={t('orders.list.searchPlaceholder')}
        allowClear
        onSearch={(q) => {
          onChange({ ...value, q: q.trim() || undefined });
        }}
        style={{ width: 260 }}
        data-testid="orders-search"
      />
      <Select<OrderStatus>
        value={value.status}
        placeholder={t('orders.list.filterStatus')}
        options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
        allowClear
        onChange={(status) => {
          onChange({ ...value, status });
        }}
        style={{ width: 130 }}
        data-testid="orders-filter-status"
      />
      {!isCustomer && (
        <CustomerSelect
          value={value.customerId}
          initial={customerLabel.data}
          onChange={(customerId) => {
            onChange({ ...value, customerId });
          }}
          placeholder={t('orders.list.filterCustomer')}
          allowClear
          style={{ width: 220 }}
          testId="orders-filter-customer"
        />
      )}
      {canPickClerk ? (
        <Select<string>
          value={value.clerkId}
          placeholder={t('orders.list.filterClerk')}
          options={clerks.data}
          loading={clerks.isFetching}
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          onChange={(clerkId) => {
            onChange({ ...value, clerkId });
          }}
          style={{ width: 160 }}
          data-testid="orders-filter-clerk"
        />
      ) : (
        !isCustomer && (
          <Checkbox
            checked={value.clerkId === me.id}
            onChange={(e) => {
              onChange({ ...value, clerkId: e.target.checked ? me.id : undefined });
            }}
            style={{ alignSelf: 'center' }}
            data-testid="orders-filter-mine"
          >
            {t('orders.list.mine')}
          </Checkbox>
        )
      )}
      <DatePicker.RangePicker
        value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
        placeholder={[t('orders.list.dateFrom'), t('orders.list.dateTo')]}
        allowEmpty={[true, true]}
        onChange={(range) => {
          onChange({
            ...value,
            from: range?.[0] ? range[0].format(DATE_FORMAT) : undefined,
            to: range?.[1] ? range[1].format(DATE_FORMAT) : undefined,
          });
        }}
        data-testid="orders-filter-dates"
      />
      <Select<string>
        value={value.channel}
        placeholder={t('orders.list.filterChannel')}
        options={ORDER_CHANNELS.map((c) => ({ value: c, label: t(`orders.channel.${c}`) }))}
        allowClear
        onChange={(channel) => {
          onChange({ ...value, channel });
        }}
        style={{ width: 130 }}
        data-testid="orders-filter-channel"
      />
      <Select<'true' | 'false'>
        value={value.hasFindings}
        placeholder={t('orders.list.filterFindings')}
        options={[
          { value: 'true', label: t('orders.list.hasFindings') },
          { value: 'false', label: t('orders.list.noFindings') },
        ]}
        allowClear
        onChange={(hasFindings) => {
          onChange({ ...value, hasFindings });
        }}
        style={{ width: 150 }}
        data-testid="orders-filter-findings"
      />
      {hasFilter && (
        <Button
          onClick={() => {
            onChange({});
          }}
        >
          {t('common.reset')}
        </Button>
      )}
    </Flex>
  );
}
