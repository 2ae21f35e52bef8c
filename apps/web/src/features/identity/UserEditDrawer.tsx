import { App, Button, Drawer, Flex, Form, Input, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UpdateUserBody, User } from '@gendan/contracts';
import { UserProfileFields, emptyToNull, type UserProfileValues } from './UserFormFields';
import { useUpdateUser } from './users.api';

interface EditValues extends UserProfileValues {
  active: boolean;
  password?: string;
}

const MIN_PASSWORD = 8;

function initialValues(user: User): EditValues {
  return {
    displayName: user.displayName,
    email: user.email ?? undefined,
    roles: user.roles,
    language: user.language,
    customerId: user.customerId ?? undefined,
    active: user.active,
  };
}

/**
 * Edits one user. The form is keyed by the user's version: after a 409 the list is refetched and the form
 * reloads with what is now stored, so the admin re-applies the change on fresh data.
 */
export function UserEditDrawer({ user, onClose }: { user: User | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<EditValues>();
  const update = useUpdateUser();

  const submit = (v: EditValues) => {
    if (!user) return;
    const isCustomer = v.roles.includes('customer');
    const body: UpdateUserBody = {
      version: user.version,
      displayName: v.displayName.trim(),
      email: emptyToNull(v.email),
      roles: v.roles,
      language: v.language,
      active: v.active,
      customerId: isCustomer ? emptyToNull(v.customerId) : null,
      ...(v.password ? { password: v.password } : {}),
    };
    update.mutate(
      { id: user.id, body },
      {
        onSuccess: (saved) => {
          void message.success(t('users.updated', { username: saved.username }));
          onClose();
        },
      },
    );
  };

  return (
    <Drawer
      open={user !== undefined}
      title={user ? t('users.editTitle', { name: user.displayName || user.username }) : undefined}
      size={480}
      onClose={onClose}
      destroyOnHidden
      footer={
        <Flex justify="end" gap={8}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={update.isPending}
            onClick={() => {
              form.submit();
            }}
            data-testid="user-edit-save"
          >
            {t('common.save')}
          </Button>
        </Flex>
      }
    >
      {user && (
        <Form<EditValues>
          key={`${user.id}:${String(user.version)}`}
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={initialValues(user)}
          onFinish={submit}
          data-testid="user-edit-form"
        >
          <Form.Item label={t('users.username')}>
            <Typography.Text strong copyable>
              {user.username}
            </Typography.Text>
          </Form.Item>
          <UserProfileFields form={form} />
          <Form.Item name="active" label={t('users.active')} valuePropName="checked">
            <Switch data-testid="user-active" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('users.newPassword')}
            extra={t('users.newPasswordHelp')}
            rules={[
              { min: MIN_PASSWORD, message: t('auth.passwordMin', { min: MIN_PASSWORD }) },
              { max: 200 },
            ]}
          >
            <Input.Password name="password" autoComplete="new-password" />
          </Form.Item>
        </Form>
      )}
    </Drawer>
  );
}
