import { Button, Checkbox, Form, Input, Select, Table } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ADDRESS_KINDS } from '@gendan/contracts/constants';
import type { AddressRow } from './customerForm';

const cell = { marginBottom: 0 };

/** The customer's ship-to and bill-to addresses as an editable table (`addresses` in the form). */
export function AddressesTable({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  const kindOptions = ADDRESS_KINDS.map((kind) => ({
    value: kind,
    label: t(`catalog.addressKinds.${kind}`),
  }));
  const empty: AddressRow = { kind: 'ship_to', address: '', isDefault: false };

  return (
    <Form.List name="addresses">
      {(fields, { add, remove }) => (
        <>
          <Table
            size="small"
            rowKey="key"
            dataSource={fields}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('catalog.addresses.empty') }}
            data-testid="addresses-table"
            columns={[
              {
                key: 'kind',
                title: t('catalog.addresses.kind'),
                width: 110,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'kind']} style={cell} rules={[{ required: true }]}>
                    <Select options={kindOptions} aria-label={t('catalog.addresses.kind')} />
                  </Form.Item>
                ),
              },
              {
                key: 'label',
                title: t('catalog.addresses.label'),
                width: 120,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'label']} style={cell} rules={[{ max: 100 }]}>
                    <Input aria-label={t('catalog.addresses.label')} />
                  </Form.Item>
                ),
              },
              {
                key: 'address',
                title: t('catalog.addresses.address'),
                width: 300,
                render: (_, field) => (
                  <Form.Item
                    name={[field.name, 'address']}
                    style={cell}
                    rules={[
                      { required: true, whitespace: true, message: t('catalog.common.requiredShort') },
                      { max: 500 },
                    ]}
                  >
                    <Input.TextArea
                      autoSize={{ minRows: 1, maxRows: 3 }}
                      aria-label={t('catalog.addresses.address')}
                      data-testid={`address-text-${String(field.name)}`}
                    />
                  </Form.Item>
                ),
              },
              {
                key: 'contact',
                title: t('catalog.addresses.contact'),
                width: 110,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'contact']} style={cell} rules={[{ max: 100 }]}>
                    <Input aria-label={t('catalog.addresses.contact')} />
                  </Form.Item>
                ),
              },
              {
                key: 'phone',
                title: t('catalog.addresses.phone'),
                width: 130,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'phone']} style={cell} rules={[{ max: 50 }]}>
                    <Input aria-label={t('catalog.addresses.phone')} />
                  </Form.Item>
                ),
              },
              {
                key: 'isDefault',
                title: t('catalog.addresses.isDefault'),
                width: 70,
                align: 'center',
                render: (_, field) => (
                  <Form.Item name={[field.name, 'isDefault']} valuePropName="checked" style={cell}>
                    <Checkbox aria-label={t('catalog.addresses.isDefault')} />
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
              data-testid="address-add"
            >
              {t('catalog.addresses.add')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
