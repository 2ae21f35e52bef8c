import { Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCreateToken, type CreatedToken } from './tokens.api';
import { useAllUsers } from './users.api';

interface Values {
  userId: string;
  name: string;
}

export function TokenCreateModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (token: CreatedToken) => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const users = useAllUsers();
  const create = useCreateToken();

  const userOptions = (users.data?.items ?? [])
    .filter((u) => u.active)
    .map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }));

  return (
    <Modal
      open={open}
      title={t('tokens.createTitle')}
      onCancel={onClose}
      onOk={() => {
        form.submit();
      }}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: create.isPending }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        onFinish={(v) => {
          create.mutate({ userId: v.userId, name: v.name.trim() }, { onSuccess: onCreated });
        }}
      >
        <Form.Item
          name="userId"
          label={t('tokens.user')}
          rules={[{ required: true, message: t('tokens.userRequired') }]}
        >
          <Select
            options={userOptions}
            loading={users.isPending}
            showSearch={{ optionFilterProp: 'label' }}
            data-testid="token-user"
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('tokens.name')}
          rules={[{ required: true, whitespace: true, message: t('tokens.nameRequired') }, { max: 100 }]}
        >
          <Input name="name" placeholder={t('tokens.namePlaceholder')} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
