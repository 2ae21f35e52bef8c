import { useEffect } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Asks for a reason (reject, cancel, override a finding). */
export function ReasonModal({
  open,
  title,
  label,
  help,
  okText,
  danger,
  loading,
  onOk,
  onCancel,
  testId,
}: {
  open: boolean;
  title: ReactNode;
  label?: ReactNode;
  help?: ReactNode;
  okText?: ReactNode;
  danger?: boolean;
  loading?: boolean;
  onOk: (reason: string) => void;
  onCancel: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      okButtonProps={{ danger, loading, 'data-testid': `${testId ?? 'reason'}-ok` }}
      onOk={() => {
        form.submit();
      }}
      onCancel={onCancel}
      destroyOnHidden
      forceRender
    >
      {help && <Typography.Paragraph type="secondary">{help}</Typography.Paragraph>}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          onOk(v.reason.trim());
        }}
      >
        <Form.Item
          name="reason"
          label={label ?? t('orders.actions.reasonLabel')}
          rules={[{ required: true, whitespace: true, message: t('orders.actions.reasonRequired') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 8 }}
            maxLength={1000}
            showCount
            placeholder={t('orders.actions.reasonPlaceholder')}
            data-testid={testId ? `${testId}-input` : undefined}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
