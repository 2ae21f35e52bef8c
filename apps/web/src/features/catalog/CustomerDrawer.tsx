import { useState } from 'react';
import {
  App,
  AutoComplete,
  Button,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Switch,
  Tabs,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { Customer } from '@gendan/contracts';
import { LANGUAGES } from '../../api/constants';
import { useSettings } from '../../api/settings';
import { recordId, RecordDrawer } from './RecordDrawer';
import { currentLanguage } from '../../i18n';
import { AddressesTable } from './AddressesTable';
import { useCreateCustomer, useCustomer, useUpdateCustomer } from './catalog.api';
import { ContactsTable } from './ContactsTable';
import {
  customerToValues,
  newCustomerValues,
  valuesToCreateBody,
  valuesToUpdateBody,
  type CustomerValues,
} from './customerForm';
import { CustomerTermsPanel } from './CustomerTermsPanel';
import { CODE_PATTERN, CURRENCY_PATTERN, formatTime } from './formRules';
import { moneyInputFormatter, moneyInputParser } from './money';
import { StaffPicker } from './pickers';

type TabKey = 'basic' | 'contacts' | 'addresses' | 'terms';

/** Which tab holds a field, so a failed save can show the first error. */
function tabOf(field: string | number | undefined): TabKey {
  return field === 'contacts' ? 'contacts' : field === 'addresses' ? 'addresses' : 'basic';
}

export interface CustomerDrawerProps {
  /** `'new'` to create, an id to show/edit, undefined when closed. */
  target: string | undefined;
  canEdit: boolean;
  onClose: () => void;
  /** After a create: the new record's id (the page switches the drawer to it). */
  onCreated?: (customer: Customer) => void;
}

/**
 * Creates or edits one customer: basic data, contacts (with the notifications each gets),
 * addresses, and (for a stored customer) the terms that apply today.
 */
export function CustomerDrawer({ target, canEdit, onClose, onCreated }: CustomerDrawerProps) {
  const { t } = useTranslation();
  const customer = useCustomer(recordId(target));
  return (
    <RecordDrawer
      target={target}
      record={customer}
      titles={{
        create: t('catalog.customers.createTitle'),
        edit: (c) => t('catalog.customers.editTitle', { name: c.name }),
        fallback: t('catalog.customers.title'),
      }}
      size={1040}
      onClose={onClose}
      renderForm={(c) => (
        <CustomerForm customer={c} canEdit={canEdit} onClose={onClose} onCreated={onCreated} />
      )}
      testId="customer-drawer"
    />
  );
}

function CustomerForm({
  customer,
  canEdit,
  onClose,
  onCreated,
}: {
  customer?: Customer | undefined;
  canEdit: boolean;
  onClose: () => void;
  onCreated?: ((customer: Customer) => void) | undefined;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CustomerValues>();
  const [tab, setTab] = useState<TabKey>('basic');
  const settings = useSettings();
  const create = useCreateCustomer();
  const update = useUpdateCustomer();
  const saving = create.isPending || update.isPending;
  const contacts = Form.useWatch('contacts', form);
  const addresses = Form.useWatch('addresses', form);

  const initial = customer
    ? customerToValues(customer)
    : newCustomerValues(settings.data?.currency ?? 'CNY', currentLanguage());
  const termOptions = (settings.data?.policy.allowedPaymentTerms ?? []).map((v) => ({ value: v }));

  const submit = (v: CustomerValues) => {
    if (customer) {
      update.mutate(
        { id: customer.id, body: valuesToUpdateBody(v, customer.version) },
        {
          onSuccess: (saved) => {
            void message.success(t('catalog.customers.saved', { name: saved.name }));
            onClose();
          },
        },
      );
    } else {
      create.mutate(valuesToCreateBody(v), {
        onSuccess: (saved) => {
          void message.success(t('catalog.customers.created', { name: saved.name }));
          onCreated?.(saved);
        },
      });
    }
  };

  const basic = (
    <Row gutter={16}>
      <Col xs={24} md={8}>
        <Form.Item
          name="code"
          label={t('catalog.customers.code')}
          extra={t('catalog.common.codeRule')}
          rules={[
            { required: true, message: t('catalog.common.required', { field: t('catalog.customers.code') }) },
            { max: 32, pattern: CODE_PATTERN, message: t('catalog.common.codeRule') },
          ]}
        >
          <Input autoComplete="off" data-testid="customer-code" />
        </Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item
          name="name"
          label={t('catalog.customers.name')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('catalog.common.required', { field: t('catalog.customers.name') }),
            },
            { max: 200 },
          ]}
        >
          <Input autoComplete="off" data-testid="customer-name" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item name="taxId" label={t('catalog.customers.taxId')} rules={[{ max: 64 }]}>
          <Input autoComplete="off" data-testid="customer-tax-id" />
        </Form.Item>
      </Col>
      <Col xs={12} md={4}>
        <Form.Item
          name="currency"
          label={t('catalog.customers.currency')}
          normalize={(v: string) => v.toUpperCase()}
          rules={[{ required: true, pattern: CURRENCY_PATTERN, message: t('catalog.common.currencyRule') }]}
        >
          <Input maxLength={3} data-testid="customer-currency" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item noStyle shouldUpdate={(a: CustomerValues, b: CustomerValues) => a.currency !== b.currency}>
          {({ getFieldValue }) => (
            <Form.Item
              name="creditLimit"
              label={t('catalog.customers.creditLimit')}
              extra={t('catalog.customers.creditLimitHelp')}
            >
              <InputNumber<number>
                min={0}
                max={10_000_000_000_000}
                precision={2}
                formatter={moneyInputFormatter}
                parser={(text) => Number(moneyInputParser(text))}
                suffix={String(getFieldValue('currency') ?? '')}
                style={{ width: '100%' }}
                data-testid="customer-credit-limit"
              />
            </Form.Item>
          )}
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name="language" label={t('catalog.customers.language')}>
          <Select
            options={LANGUAGES.map((code) => ({ value: code, label: t(`languageNames.${code}`) }))}
            data-testid="customer-language"
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="paymentTerms"
          label={t('catalog.customers.paymentTerms')}
          extra={t('catalog.customers.paymentTermsHelp')}
          rules={[{ max: 100 }]}
        >
          <AutoComplete options={termOptions} allowClear data-testid="customer-payment-terms" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="clerkId" label={t('catalog.customers.clerk')}>
          <StaffPicker role="clerk" data-testid="customer-clerk" />
        </Form.Item>
      </Col>
      <Col xs={12} md={6}>
        <Form.Item name="salesRepId" label={t('catalog.customers.salesRep')}>
          <StaffPicker role="sales" data-testid="customer-sales-rep" />
        </Form.Item>
      </Col>
      <Col xs={24} md={18}>
        <Form.Item name="notes" label={t('catalog.customers.notes')} rules={[{ max: 2000 }]}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
      </Col>
      <Col xs={24} md={6}>
        <Form.Item name="active" label={t('catalog.common.active')} valuePropName="checked">
          <Switch data-testid="customer-active" />
        </Form.Item>
      </Col>
    </Row>
  );

  const count = (rows: unknown[] | undefined) => (rows && rows.length > 0 ? ` (${String(rows.length)})` : '');

  return (
    <Form<CustomerValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={!canEdit}
      onFinish={submit}
      onFinishFailed={({ errorFields }) => {
        setTab(tabOf(errorFields[0]?.name[0]));
      }}
      data-testid="customer-form"
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setTab(key as TabKey);
        }}
        items={[
          { key: 'basic', label: t('catalog.customers.tabBasic'), forceRender: true, children: basic },
          {
            key: 'contacts',
            label: `${t('catalog.customers.tabContacts')}${count(contacts)}`,
            forceRender: true,
            children: <ContactsTable disabled={!canEdit} />,
          },
          {
            key: 'addresses',
            label: `${t('catalog.customers.tabAddresses')}${count(addresses)}`,
            forceRender: true,
            children: <AddressesTable disabled={!canEdit} />,
          },
          ...(customer
            ? [
                {
                  key: 'terms' as const,
                  label: t('catalog.customers.tabTerms'),
                  children: <CustomerTermsPanel customerId={customer.id} />,
                },
              ]
            : []),
        ]}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">
          {customer
            ? t('catalog.common.versionInfo', {
                version: customer.version,
                at: formatTime(customer.updatedAt),
              })
            : null}
        </Typography.Text>
        <Flex gap={8}>
          <Button onClick={onClose} disabled={false}>
            {canEdit ? t('common.cancel') : t('common.close')}
          </Button>
          {canEdit && (
            <Button type="primary" htmlType="submit" loading={saving} data-testid="customer-save">
              {t('common.save')}
            </Button>
          )}
        </Flex>
      </Flex>
    </Form>
  );
}
