import { Checkbox, Form, Input, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { NOTIFICATION_KINDS } from '@gendan/contracts/constants';
import type { ContactRow } from './customerForm';
import { cellStyle, FormListTable, textColumn } from './FormListTable';

/** The customer's contacts as an editable table (`contacts` in the customer form). */
export function ContactsTable({ disabled }: { disabled?: boolean }) {
  const { t } = useTranslation();
  const notifyOptions = NOTIFICATION_KINDS.map((kind) => ({
    value: kind,
    label: t(`catalog.notify.${kind}`),
  }));
  const empty: ContactRow = { name: '', notify: [...NOTIFICATION_KINDS] };

  return (
    <FormListTable
      name="contacts"
      empty={empty}
      emptyText={t('catalog.contacts.empty')}
      addLabel={t('catalog.contacts.add')}
      disabled={disabled}
      testId="contacts-table"
      addTestId="contact-add"
      columns={[
        {
          key: 'name',
          title: t('catalog.contacts.name'),
          width: 140,
          render: (field) => (
            <Form.Item
              name={[field.name, 'name']}
              style={cellStyle}
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
        textColumn('title', t('catalog.contacts.title'), 110, [{ max: 100 }]),
        textColumn('phone', t('catalog.contacts.phone'), 140, [{ max: 50 }]),
        textColumn('email', t('catalog.contacts.email'), 190, [
          { type: 'email', message: t('catalog.common.emailInvalid') },
        ]),
        textColumn('wechat', t('catalog.contacts.wechat'), 120, [{ max: 100 }]),
        {
          key: 'notify',
          title: <Tooltip title={t('catalog.contacts.notifyHelp')}>{t('catalog.contacts.notify')}</Tooltip>,
          width: 230,
          render: (field) => (
            <Form.Item name={[field.name, 'notify']} style={cellStyle}>
              <Checkbox.Group
                options={notifyOptions}
                style={{ display: 'grid', gridTemplateColumns: 'repeat(2, auto)', columnGap: 4 }}
                data-testid={`contact-notify-${String(field.name)}`}
              />
            </Form.Item>
          ),
        },
      ]}
    />
  );
}
