import { Checkbox, Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ADDRESS_KINDS } from '@gendan/contracts/constants';
import type { AddressRow } from './customerForm';
import { cellStyle, FormListTable, textColumn } from './FormListTable';

/** The customer's ship-to and bill-to addresses as an editable table (`addresses` in the form). */
export function AddressesTable({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  const kindOptions = ADDRESS_KINDS.map((kind) => ({
    value: kind,
    label: t(`catalog.addressKinds.${kind}`),
  }));
  const empty: AddressRow = { kind: 'ship_to', address: '', isDefault: false };

  return (
    <FormListTable
      name="addresses"
      empty={empty}
      emptyText={t('catalog.addresses.empty')}
      addLabel={t('catalog.addresses.add')}
      disabled={disabled}
      testId="addresses-table"
      addTestId="address-add"
      columns={[
        {
          key: 'kind',
          title: t('catalog.addresses.kind'),
          width: 110,
          render: (field) => (
            <Form.Item name={[field.name, 'kind']} style={cellStyle} rules={[{ required: true }]}>
              <Select options={kindOptions} aria-label={t('catalog.addresses.kind')} />
            </Form.Item>
          ),
        },
        textColumn('label', t('catalog.addresses.label'), 120, [{ max: 100 }]),
        {
          key: 'address',
          title: t('catalog.addresses.address'),
          width: 300,
          render: (field) => (
            <Form.Item
              name={[field.name, 'address']}
              style={cellStyle}
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
        textColumn('contact', t('catalog.addresses.contact'), 110, [{ max: 100 }]),
        textColumn('phone', t('catalog.addresses.phone'), 130, [{ max: 50 }]),
        {
          key: 'isDefault',
          title: t('catalog.addresses.isDefault'),
          width: 70,
          align: 'center',
          render: (field) => (
            <Form.Item name={[field.name, 'isDefault']} valuePropName="checked" style={cellStyle}>
              <Checkbox aria-label={t('catalog.addresses.isDefault')} />
            </Form.Item>
          ),
        },
      ]}
    />
  );
}
