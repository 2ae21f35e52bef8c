import { Button, Flex, Input, Select } from 'antd';
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
  const hasFilter = Boolean(value.q || value.role || value.active);

  return (
    <Flex wrap gap={8} style={{ marginBottom: 16 }}>
      <Input.Search
        key={value.q ?? ''}
        defaultValue={value.q}
        placeholder={t('users.searchPlaceholder')}
        allowClear
        onSearch={(q) => {
          onChange({ ...value, q: q.trim() || undefined });
        }}
        style={{ width: 280 }}
        data-testid="users-search"
      />
      <Select<Role>
        value={value.role}
        placeholder={t('users.filterRole')}
        options={roleOptions}
        allowClear
        onChange={(role) => {
          onChange({ ...value, role });
        }}
        style={{ width: 180 }}
        data-testid="users-filter-role"
      />
      <Select<'true' | 'false'>
        value={value.active}
        placeholder={t('users.filterActive')}
        options={[
          { value: 'true', label: t('users.statusActive') },
          { value: 'false', label: t('users.statusInactive') },
        ]}
        allowClear
        onChange={(active) => {
          onChange({ ...value, active });
        }}
        style={{ width: 140 }}
        data-testid="users-filter-active"
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
