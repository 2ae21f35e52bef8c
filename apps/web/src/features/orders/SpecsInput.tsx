import { useState } from 'react';
import { Button, Flex, Input, Popover, Space, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { SpecPair } from './specs';

/** Spec key/values of an order line: shown as tags, edited in a popover. A form control (value/onChange). */
export function SpecsInput({
  value,
  onChange,
  testId,
}: {
  value?: SpecPair[];
  onChange?: (next: SpecPair[]) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const pairs = value ?? [];
  const set = (index: number, patch: Partial<SpecPair>) => {
    onChange?.(pairs.map((p, i) => (i === index ? { ...p, ...patch } : p)));
  };

  const editor = (
    <Flex vertical gap={8} style={{ width: 360 }}>
      {pairs.map((p, index) => (
        <Space.Compact key={index} style={{ width: '100%' }}>
          <Input
            value={p.key}
            placeholder={t('orders.form.specKey')}
            onChange={(e) => {
              set(index, { key: e.target.value });
            }}
            style={{ width: '40%' }}
            status={p.key.trim() ? undefined : 'warning'}
          />
          <Input
            value={p.value}
            placeholder={t('orders.form.specValue')}
            onChange={(e) => {
              set(index, { value: e.target.value });
            }}
          />
          <Button
            icon={<DeleteOutlined />}
            aria-label={t('orders.form.removeLine')}
            onClick={() => {
              onChange?.(pairs.filter((_, i) => i !== index));
            }}
          />
        </Space.Compact>
      ))}
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        onClick={() => {
          onChange?.([...pairs, { key: '', value: '' }]);
        }}
      >
        {t('orders.form.specAdd')}
      </Button>
    </Flex>
  );

  return (
    <Popover
      content={editor}
      title={t('orders.form.specsEdit')}
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      placement="bottomLeft"
    >
      <Flex wrap gap={4} align="center" style={{ cursor: 'pointer', minWidth: 140 }} data-testid={testId}>
        {pairs.filter((p) => p.key.trim()).length === 0 ? (
          <Typography.Text type="secondary">{t('orders.form.specsEmpty')}</Typography.Text>
        ) : (
          pairs
            .filter((p) => p.key.trim())
            .map((p, index) => (
              <Tag key={index} style={{ marginInlineEnd: 0 }}>
                {p.key}: {p.value}
              </Tag>
            ))
        )}
        <EditOutlined style={{ color: '#1668dc' }} aria-label={t('orders.form.specsEdit')} />
      </Flex>
    </Popover>
  );
}
