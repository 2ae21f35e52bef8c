import { App, Button, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CreateUserBody } from '@gendan/contracts';
import { currentLanguage } from '../../i18n';
import { UserProfileFields, emptyToNull, type UserProfileValues } from './UserFormFields';
import { useCreateUser } from './users.api';

interface CreateValues extends UserProfileValues {
  username: string;
  password: string;
}

const USERNAME_PATTERN = /^[A-Za-z0-9._@-]+$/;
const MIN_PASSWORD = 8;

export function UserCreateModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CreateValues>();
  const create = useCreateUser();

  const submit = (v: CreateValues) => {
    const isCustomer = v.roles.includes('customer');
    const body: CreateUserBody = {
      username: v.username.trim(),
      password: v.password,
      displayName: v.displayName.trim(),
      roles: v.roles,
      language: v.language,
      email: emptyToNull(v.email),
      ...(isCustomer ? { customerId: emptyToNull(v.customerId) } : {}),
    };
    create.mutate(body, {
      onSuccess: (user) => {
        void message.success(t('users.created', { username: user.username }));
        onClose();
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('users.createTitle')}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('common.cancel')}
        </Button>,
        <Button
          key="save"
          type="primary"
          loading={create.isPending}
          onClick={() => {
            form.submit();
          }}
          data-testid="user-save"
        >
          {t('common.save')}
        </Button>,
      ]}
    >
      <Form<CreateValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ roles: [], language: currentLanguage() }}
        onFinish={submit}
        data-testid="user-form"
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={t('users.usernameRule')}
          rules={[
            { required: true, message: t('users.required', { field: t('users.username') }) },
            { min: 2, max: 64, pattern: USERNAME_PATTERN, message: t('users.usernameRule') },
          ]}
        >
          <Input name="username" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('users.password')}
          rules={[
            { required: true, message: t('users.required', { field: t('users.password') }) },
            { min: MIN_PASSWORD, message: t('auth.passwordMin', { min: MIN_PASSWORD }) },
            { max: 200 },
          ]}
        >
          <Input.Password name="password" autoComplete="new-password" />
        </Form.Item>
        <UserProfileFields form={form} />
      </Form>
    </Modal>
  );
}
