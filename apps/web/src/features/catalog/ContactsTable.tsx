import { Button, Checkbox, Form, Input, Table, Tooltip } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_KINDS } from '@gendan/contracts/constants';
import type { ContactRow } from './customerForm';

const cell = { marginBottom: 0 };

/** The customer's contacts as an editable table (`contacts` in the customer form). */
export function ContactsTable({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  const notifyOptions = NOTIFICATION_KINDS.map((kind) => ({
    value: kind,
    label: t(`catalog.notify.${kind}`),
  }));
  const empty: ContactRow = { name: '', notify: [...NOTIFICATION_KINDS] };

  return (
    <Form.List name="contacts">
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            rowKey="key"
            dataSource={fields}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('catalog.contacts.empty') }}
            data-testid="contacts-table"
            columns={[
              {
                key: 'name',
                title: t('catalog.contacts.name'),
                width: 140,
                render: (_, field) => (
                  <Form.Item
                    name={[field.name, 'name']}
                    style={cell}
                    rules={[
                      { required: true, whitespace: true, message: t('catalog.common.requiredShort') },
                      { max: 100 },
                    ]}
                  >
                    <Input
                      aria-label={t('catalog.contacts.name')}
                      data-testid={`contact-name-${String(field.name)}`}
                    />
                  </Form.Item>
                ),
              },
              {
                key: 'title',
                title: t('catalog.contacts.title'),
                width: 110,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'title']} style={cell} rules={[{ max: 100 }]}>
                    <Input aria-label={t('catalog.contacts.title')} />
                  </Form.Item>
                ),
              },
              {
                key: 'phone',
                title: t('catalog.contacts.phone'),
                width: 140,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'phone']} style={cell} rules={[{ max: 50 }]}>
                    <Input aria-label={t('catalog.contacts.phone')} />
                  </Form.Item>
                ),
              },
              {
                key: 'email',
                title: t('catalog.contacts.email'),
                width: 190,
                render: (_, field) => (
                  <Form.Item
                    name={[field.name, 'email']}
                    style={cell}
                    rules={[{ type: 'email', message: t('catalog.common.emailInvalid') }]}
                  >
                    <Input aria-label={t('catalog.contacts.email')} />
                  </Form.Item>
                ),
              },
              {
                key: 'wechat',
                title: t('catalog.contacts.wechat'),
                width: 120,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'wechat']} style={cell} rules={[{ max: 100 }]}>
                    <Input aria-label={t('catalog.contacts.wechat')} />
                  </Form.Item>
                ),
              },
              {
                key: 'notify',
                title: (
                  <Tooltip title={t('catalog.contacts.notifyHelp')}>{t('catalog.contacts.notify')}</Tooltip>
                ),
                width: 230,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'notify']} style={cell}>
                    <Checkbox.Group
                      options={notifyOptions}
                      style={{ display: 'grid', gridTemplateColumns: 'repeat(2, auto)', columnGap: 4 }}
                      data-testid={`contact-notify-${String(field.name)}`}
                    />
                  </Form.Item>
                ),
              },
              {
                key: 'actions',
                width: 48,
                render: (_, field) => (
                  <Button
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('catalog.common.remove')}
                    onClick={() => {
                      remove(field.name);
                    }}
                  />
                ),
              },
            ]}
          />
          {!disabled && (
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              onClick={() => {
                add(empty);
              }}
              style={{ marginTop: 8 }}
              data-testid="contact-add"
            >
              {t('catalog.contacts.add')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
