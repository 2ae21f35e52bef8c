import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '@gendan/contracts';
import { ROLES } from '../../api/constants';

const COLORS: Partial<Record<Role, string>> = {
  admin: 'red',
  manager: 'gold',
  clerk: 'blue',
  customer: 'purple',
};

/** Translated role names as tags, in the canonical role order. */
export function RoleTags({ roles }: { roles: readonly Role[] }) {
  const { t } = useTranslation();
  const ordered = ROLES.filter((role) => roles.includes(role));
  return (
    <>
      {ordered.map((role) => (
        <Tag key={role} color={COLORS[role]} style={{ marginBlock: 2 }}>
          {t(`roles.${role}`)}
        </Tag>
      ))}
    </>
  );
}

/** Options for a role Select, labelled in the current language. */
export function useRoleOptions(): { value: Role; label: string }[] {
  const { t } = useTranslation();
  return ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));
}
