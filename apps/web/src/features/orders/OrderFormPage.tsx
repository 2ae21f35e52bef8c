import { useEffect, useState } from 'react';
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Spin,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type { Order } from '@gendan/contracts';
import { isApiError } from '../../api/client';
import { SHIPPING_MODES } from '@gendan/contracts/constants';
import { useSettings } from '../../api/settings';
import { PageSpin } from '../../components/PageSpin';
import { QueryError } from '../../components/QueryError';
import { currentLanguage } from '../../i18n';
import { formatMoney, toMajor } from './money';
import { CustomerSelect } from './OrderSelects';
import { OrderLinesEditor, newLine } from './OrderLinesEditor';
import {
  DATE_FORMAT,
  fieldErrorsFromDetails,
  formTotal,
  fromOrder,
  toOrderBody,
  type LineValues,
  type OrderFormValues,
} from './orderFormModel';
import { useCreateOrder, useCustomerTerms, useOrder, useUpdateOrder, type CustomerTerms } from './orders.api';
import { tierFor } from './pricing';

const EDITABLE = new Set(['draft', 'in_review']);

/** Fields a 400's `details[].path` may point at. */
const FORM_FIELDS = new Set([
  'customerId',
  'customerPo',
  'orderDate',
  'currency',
  'paymentTerms',
  'packaging',
  'acceptanceStandard',
  'incoterm',
  'shippingMode',
  'shipTo',
  'notes',
  'statedTotal',
  'productId',
  'qty',
  'unitPrice',
  'discountPct',
  'requestedDate',
  'statedAmount',
]);

/** `/orders/new` and `/orders/:id/edit`. */
export default function OrderFormPage() {
  const { id } = useParams();
  return id ? <EditOrder id={id} /> : <OrderForm />;
}

function EditOrder({ id }: { id: string }) {
  const { t } = useTranslation();
  const order = useOrder(id);
  if (order.isPending) return <PageSpin />;
  if (order.isError) return <QueryError error={order.error} onRetry={() => void order.refetch()} />;
  if (!EDITABLE.has(order.data.status)) {
    return (
      <Alert
        type="warning"
        showIcon
        title={t('orders.form.notEditable', { status: t(`orders.status.${order.data.status}`) })}
        action={<Link to={`/orders/${encodeURIComponent(id)}`}>{t('orders.nav.detail')}</Link>}
      />
    );
  }
  // Keyed by version: after a save (or a 409) the form restarts from what is stored.
  return <OrderForm key={order.data.version} order={order.data} />;
}

function OrderForm({ order }: { order?: Order }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const settings = useSettings();
  const [form] = Form.useForm<OrderFormValues>();
  const create = useCreateOrder();
  const update = useUpdateOrder();
  const lang = currentLanguage();

  const customerId = Form.useWatch('customerId', form);
  const orderDate = Form.useWatch('orderDate', form);
  const lines = Form.useWatch('lines', form);
  const currency = Form.useWatch('currency', form) || order?.currency || settings.data?.currency || 'CNY';
  const terms = useCustomerTerms(customerId, orderDate ? orderDate.format(DATE_FORMAT) : undefined);
  const prices = terms.data?.prices ?? [];
  // The customer the user just picked: its terms are filled in once they have loaded.
  const [applyFor, setApplyFor] = useState<string>();
  const applyTerms = (data: CustomerTerms) => {
    const patch: OrderFormValues = {
      paymentTerms: data.paymentTerms ?? undefined,
      packaging: data.packaging,
      acceptanceStandard: data.acceptanceStandard,
      incoterm: data.incoterm,
    };
    patch.currency = data.currency;
    form.setFieldsValue(patch);
    // Re-price the lines whose price came from a contract (or that have none yet).
    const current = (form.getFieldValue('lines') as LineValues[] | undefined) ?? [];
    current.forEach((line, index) => {
      if (!line.productId || (line.autoPrice === false && typeof line.unitPrice === 'number')) return;
      const tier = tierFor(data.prices, line.productId, line.qty);
      if (tier) {
        form.setFieldValue(['lines', index, 'unitPrice'], toMajor(tier.unitPrice));
        form.setFieldValue(['lines', index, 'autoPrice'], true);
      }
    });
  };

  useEffect(() => {
    if (!applyFor || applyFor !== customerId || terms.isFetching) return;
    if (terms.data) applyTerms(terms.data);
    if (terms.data || terms.isError) setApplyFor(undefined);
    // applyTerms only reads and writes the form; this runs when the picked customer's terms arrive.
  }, [applyFor, customerId, terms.data, terms.isFetching, terms.isError]);

  const initialValues: OrderFormValues = order
    ? fromOrder(order)
    : {
        currency: settings.data?.currency ?? 'CNY',
        lines: [newLine()],
      };

  const paymentOptions = [
    ...new Set([
      ...(terms.data?.paymentTerms ? [terms.data.paymentTerms] : []),
      ...(settings.data?.policy.allowedPaymentTerms ?? []),
    ]),
  ].map((value) => ({ value }));

  const saving = create.isPending || update.isPending;

  const showFieldErrors = (err: unknown) => {
    if (isApiError(err, 400))
      form.setFields(
        fieldErrorsFromDetails(err.details, FORM_FIELDS) as Parameters<typeof form.setFields>[0],
      );
  };

  const submit = () => {
    // getFieldsValue(true) also returns the values without a visible field (autoPrice, labels, descriptions).
    const body = toOrderBody(form.getFieldsValue(true) as OrderFormValues);
    if (order) {
      update.mutate(
        { id: order.id, body: { ...body, version: order.version } },
        {
          onSuccess: () => {
            void message.success(t('orders.form.updated'));
            void navigate(`/orders/${encodeURIComponent(order.id)}`);
          },
          onError: showFieldErrors,
        },
      );
    } else {
      create.mutate(body, {
        onSuccess: (created) => {
          void message.success(t('orders.form.created'));
          void navigate(`/orders/${encodeURIComponent(created.id)}`);
        },
        onError: showFieldErrors,
      });
    }
  };

  const agreement = terms.data?.agreement;
  const termsAlert = !customerId ? null : terms.isFetching ? (
    <Alert type="info" showIcon icon={<Spin size="small" />} title={t('orders.form.termsLoading')} />
  ) : terms.isError ? null : agreement ? (
    <Alert
      type="success"
      showIcon
      data-testid="order-terms-found"
      title={t('orders.form.contractFound', {
        kind: t(`orders.agreementKind.${agreement.kind}`),
        code: agreement.code,
        from: agreement.validFrom,
        to: agreement.validTo,
      })}
      action={
        terms.data ? (
          <Button size="small" onClick={() => terms.data && applyTerms(terms.data)}>
            {t('orders.form.termsReset')}
          </Button>
        ) : undefined
      }
    />
  ) : (
    <Alert type="warning" showIcon title={t('orders.form.contractNone')} data-testid="order-terms-none" />
  );

  const required = (message: string) => [{ required: true, whitespace: true, message }];

  return (
    <Form<OrderFormValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={submit}
      scrollToFirstError
      data-testid="order-form"
    >
      <Card
        title={order ? t('orders.form.editTitle', { po: order.customerPo }) : t('orders.form.newTitle')}
        style={{ marginBottom: 16 }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="customerId"
              label={t('orders.form.customer')}
              rules={[{ required: true, message: t('orders.form.customerRequired') }]}
            >
              <CustomerSelect
                initial={
                  order
                    ? { value: order.customerId, label: `${order.customerCode} · ${order.customerName}` }
                    : undefined
                }
                onChange={(id) => {
                  setApplyFor(id);
                }}
                testId="order-customer"
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item
              name="customerPo"
              label={t('orders.field.customerPo')}
              rules={required(t('orders.form.poRequired'))}
            >
              <Input maxLength={64} data-testid="order-customer-po" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="orderDate" label={t('orders.field.orderDate')}>
              <DatePicker style={{ width: '100%' }} placeholder={t('orders.form.orderDateToday')} />
            </Form.Item>
          </Col>
        </Row>
        {termsAlert && <div style={{ marginBottom: 16 }}>{termsAlert}</div>}
        <Row gutter={16}>
          <Col xs={12} md={4}>
            <Form.Item
              name="currency"
              label={t('orders.field.currency')}
              rules={[
                { required: true, message: t('orders.form.currencyRequired') },
                { pattern: /^[A-Za-z]{3}$/, message: t('orders.form.currencyRule') },
              ]}
              normalize={(v: string) => v.toUpperCase()}
            >
              <Input maxLength={3} data-testid="order-currency" />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item
              name="paymentTerms"
              label={t('orders.field.paymentTerms')}
              rules={required(t('orders.form.paymentTermsRequired'))}
            >
              <AutoComplete options={paymentOptions} maxLength={100} data-testid="order-payment-terms" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="incoterm" label={t('orders.field.incoterm')}>
              <Input maxLength={16} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="shippingMode" label={t('orders.field.shippingMode')}>
              <Select
                allowClear
                options={SHIPPING_MODES.map((m) => ({ value: m, label: t(`orders.shippingMode.${m}`) }))}
                data-testid="order-shipping-mode"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="packaging" label={t('orders.field.packaging')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="acceptanceStandard" label={t('orders.field.acceptanceStandard')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="shipTo" label={t('orders.field.shipTo')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="notes" label={t('orders.field.notes')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={4000} />
            </Form.Item>
          </Col>
        </Row>
      </Card>

      <Card title={t('orders.form.linesSection')} style={{ marginBottom: 16 }}>
        <OrderLinesEditor form={form} prices={prices} currency={currency} />
        <Row gutter={16} style={{ marginTop: 16 }} align="bottom">
          <Col xs={24} md={8}>
            <Form.Item
              name="statedTotal"
              label={t('orders.field.statedTotal')}
              tooltip={t('orders.form.statedTotalHelp')}
              style={{ marginBottom: 0 }}
            >
              <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="order-stated-total" />
            </Form.Item>
          </Col>
          <Col xs={24} md={16}>
            <Flex justify="end" align="center" gap={8} wrap>
              <span>
                {t('orders.form.computedTotal')}:{' '}
                <strong>{formatMoney(formTotal(lines), currency, lang)}</strong>
              </span>
              <Button
                onClick={() => void navigate(order ? `/orders/${encodeURIComponent(order.id)}` : '/orders')}
              >
                {t('common.cancel')}
              </Button>
              {/* Not a submit button: Enter in a line field (a date, a quantity) must not save the order. */}
              <Button
                type="primary"
                loading={saving}
                onClick={() => {
                  form.submit();
                }}
                data-testid="order-save"
              >
                {order ? t('orders.form.saveChanges') : t('orders.form.saveDraft')}
              </Button>
            </Flex>
          </Col>
        </Row>
      </Card>
    </Form>
  );
}
