import { Checkbox, DatePicker, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { ORDER_CHANNELS, ORDER_STATUSES } from '@gendan/contracts/constants';
import { useCurrentUser } from '../../components/currentUser';
import { ChoiceFilter, FilterBar, ListSearch, anyFilterSet } from '../../components/ListFilters';
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
  const hasFilter = anyFilterSet(value);

  return (
    <FilterBar
      active={hasFilter}
      onReset={() => {
        onChange({});
      }}
      testId="order-filters"
    >
      <ListSearch
        value={value.q}
        placeholder={t('orders.list.searchPlaceholder')}
        onSearch={(q) => {
          onChange({ ...value, q });
        }}
        width={260}
        testId="orders-search"
      />
      <ChoiceFilter
        value={value.status}
        placeholder={t('orders.list.filterStatus')}
        options={ORDER_STATUSES.map((s) => ({ value: s, label: t(`orders.status.${s}`) }))}
        onChange={(status) => {
          onChange({ ...value, status });
        }}
        width={130}
        testId="orders-filter-status"
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
      <ChoiceFilter
        value={value.channel}
        placeholder={t('orders.list.filterChannel')}
        options={ORDER_CHANNELS.map((c) => ({ value: c, label: t(`orders.channel.${c}`) }))}
        onChange={(channel) => {
          onChange({ ...value, channel });
        }}
        width={130}
        testId="orders-filter-channel"
      />
      <ChoiceFilter<'true' | 'false'>
        value={value.hasFindings}
        placeholder={t('orders.list.filterFindings')}
        options={[
          { value: 'true', label: t('orders.list.hasFindings') },
          { value: 'false', label: t('orders.list.noFindings') },
        ]}
        onChange={(hasFindings) => {
          onChange({ ...value, hasFindings });
        }}
        width={150}
        testId="orders-filter-findings"
      />
    </FilterBar>
  );
}
