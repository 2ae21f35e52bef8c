import { Form, Input, Select } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Language, Role } from '@gendan/contracts';
import { LANGUAGES } from '../../api/constants';
import { useRoleOptions } from './RoleTags';

/** Values of the fields shared by the create modal and the edit drawer. */
export interface UserProfileValues {
  displayName: string;
  email?: string;
  roles: Role[];
  language: Language;
  customerId?: string;
}

/** Trimmed optional text, or null when left empty. */
export function emptyToNull(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

/** displayName, email, roles, language and (for portal users) customerId. */
export function UserProfileFields<V extends UserProfileValues>({ form }: { form: FormInstance<V> }) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const roles = Form.useWatch('roles', form) as Role[] | undefined;
  const isCustomer = roles?.includes('customer') ?? false;

  return (
    <>
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        rules={[
          {
            required: true,
            whitespace: true,
            message: t('users.required', { field: t('users.displayName') }),
          },
          { max: 100 },
        ]}
      >
        <Input name="displayName" autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="email"
        label={t('users.email')}
        rules={[{ type: 'email', message: t('users.emailInvalid') }]}
      >
        <Input name="email" type="email" autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="roles"
        label={t('users.roles')}
        rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}
      >
        <Select
          mode="multiple"
          options={roleOptions}
          showSearch={{ optionFilterProp: 'label' }}
          allowClear
          data-testid="user-roles"
        />
      </Form.Item>
      <Form.Item name="language" label={t('users.language')}>
        <Select
          options={LANGUAGES.map((code) => ({ value: code, label: t(`languageNames.${code}`) }))}
          data-testid="user-language"
        />
      </Form.Item>
      {isCustomer && (
        <Form.Item
          name="customerId"
          label={t('users.customerId')}
          extra={t('users.customerIdHelp')}
          rules={[{ max: 64 }]}
        >
          <Input name="customerId" autoComplete="off" />
        </Form.Item>
      )}
    </>
  );
}
