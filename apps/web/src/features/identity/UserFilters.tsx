import { ChoiceFilter, FilterBar, ListSearch, anyFilterSet } from '../../components/ListFilters';
import { useTranslation } from 'react-i18next';
import type { Role } from '@gendan/contracts';
import { useRoleOptions } from './RoleTags';

export interface UserFilterValues {
  q?: string;
  role?: Role;
  active?: 'true' | 'false';
}

export function UserFilters({
  value,
  onChange,
}: {
  value: UserFilterValues;
  onChange: (next: UserFilterValues) => void;
}) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const hasFilter = anyFilterSet(value);

  return (
    <FilterBar
      active={hasFilter}
      onReset={() => {
        onChange({});
      }}
    >
      <ListSearch
        value={value.q}
        placeholder={t('users.searchPlaceholder')}
        onSearch={(q) => {
          onChange({ ...value, q });
        }}
        testId="users-search"
      />
      <ChoiceFilter
        value={value.role}
        placeholder={t('users.filterRole')}
        options={roleOptions}
        onChange={(role) => {
          onChange({ ...value, role });
        }}
        width={180}
        testId="users-filter-role"
      />
      <ChoiceFilter<'true' | 'false'>
        value={value.active}
        placeholder={t('users.filterActive')}
        options={[
          { value: 'true', label: t('users.statusActive') },
          { value: 'false', label: t('users.statusInactive') },
        ]}
        onChange={(active) => {
          onChange({ ...value, active });
        }}
        width={140}
        testId="users-filter-active"
      />
    </FilterBar>
  );
}
