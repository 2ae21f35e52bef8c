import {
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import type { Agreement, AgreementKind } from '@gendan/contracts';
import { useSettings } from '../../api/settings';
import { PageSpin } from '../../components/PageSpin';
import { QueryError } from '../../components/QueryError';
import { useCurrentUser } from '../../components/currentUser';
import { hasAnyRole } from '../../components/nav';
import { AGREEMENT_WRITE_ROLES } from './access';
import {
  NEW_STATUSES,
  NEXT_STATUSES,
  agreementToValues,
  duplicateTiers,
  needsCustomer,
  newAgreementValues,
  valuesToAgreementBody,
  valuesToAgreementUpdate,
  type AgreementValues,
} from './agreementForm';
import { AgreementLinesTable } from './AgreementLinesTable';
import { useAgreement, useCreateAgreement, useUpdateAgreement } from './catalog.api';
import { CODE_PATTERN, CURRENCY_PATTERN, formatTime } from './formRules';
import { CustomerPicker } from './pickers';
import { agreementListPath, agreementPath } from './routes';
import { AgreementStatusTag } from './tags';

/** Common trade terms offered while typing; any other may be entered. */
const INCOTERMS = ['EXW', 'FCA', 'FAS', 'FOB', 'CFR', 'CIF', 'CPT', 'CIP', 'DAP', 'DPU', 'DDP'];

/**
 * A contract, price list or quotation: header (customer, validity, currency, status, terms)
 * and its lines. `/catalog/<kind>/new` creates one; `/catalog/<kind>/:id` shows and edits it.
 */
export default function AgreementEditPage({ kind }: { kind: AgreementKind }) {
  const { id } = useParams();
  const isNew = id === undefined || id === 'new';
  const agreement = useAgreement(kind, isNew ? undefined : id);

  if (isNew) return <AgreementForm kind={kind} />;
  if (agreement.isPending) return <PageSpin />;
  if (agreement.isError)
    return <QueryError error={agreement.error} onRetry={() => void agreement.refetch()} />;
  return (
    <AgreementForm
      key={`${agreement.data.id}:${String(agreement.data.version)}`}
      kind={kind}
      agreement={agreement.data}
    />
  );
}

function AgreementForm({ kind, agreement }: { kind: AgreementKind; agreement?: Agreement }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const me = useCurrentUser();
  const settings = useSettings();
  const [form] = Form.useForm<AgreementValues>();
  const create = useCreateAgreement(kind);
  const update = useUpdateAgreement(kind);
  const canEdit = hasAnyRole(me.roles, AGREEMENT_WRITE_ROLES);
  const currency = (Form.useWatch('currency', form) as string | undefined) ?? agreement?.currency ?? '';
  const termOptions = (settings.data?.policy.allowedPaymentTerms ?? []).map((v) => ({ value: v }));
  const statuses = agreement ? NEXT_STATUSES[agreement.status] : NEW_STATUSES;
  const initial = agreement
    ? agreementToValues(agreement)
    : newAgreementValues(settings.data?.currency ?? 'CNY');
  const kindName = t(`catalog.kinds.${kind}.one`);

  const submit = () => {
    // The whole store, lines on other pages of the table included.
    const v = form.getFieldsValue(true) as AgreementValues;
    const dups = duplicateTiers(v.lines);
    if (dups.length > 0) {
      modal.error({
        title: t('catalog.lines.duplicateTitle'),
        content: dups.map((d) => (
          <div key={d.line}>{t('catalog.lines.duplicate', { line: d.line, first: d.first })}</div>
        )),
      });
      return;
    }
    if (agreement) {
      update.mutate(
        { id: agreement.id, body: valuesToAgreementUpdate(v, agreement.version) },
        {
          onSuccess: (saved) =>
            void message.success(t('catalog.agreements.saved', { kind: kindName, code: saved.code })),
        },
      );
    } else {
      create.mutate(valuesToAgreementBody(v), {
        onSuccess: (saved) => {
          void message.success(t('catalog.agreements.created', { kind: kindName, code: saved.code }));
          void navigate(agreementPath(kind, saved.id), { replace: true });
        },
      });
    }
  };

  const back = (
    <Button
      icon={<ArrowLeftOutlined />}
      onClick={() => void navigate(agreementListPath(kind))}
      disabled={false}
      data-testid="agreement-back"
    >
      {t('catalog.agreements.backToList')}
    </Button>
  );

  return (
    <Form<AgreementValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={!canEdit}
      onFinish={submit}
      scrollToFirstError
      data-testid="agreement-form"
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card
          title={
            <Space>
              {agreement
                ? t('catalog.agreements.editTitle', { kind: kindName, code: agreement.code })
                : t(`catalog.kinds.${kind}.create`)}
              {agreement && <AgreementStatusTag status={agreement.status} />}
            </Space>
          }
          extra={back}
        >
          <Row gutter={16}>
            <Col xs={24} md={6}>
              <Form.Item
                name="code"
                label={t('catalog.agreements.code')}
                extra={t('catalog.common.codeRule')}
                rules={[
                  {
                    required: true,
                    message: t('catalog.common.required', { field: t('catalog.agreements.code') }),
                  },
                  { max: 32, pattern: CODE_PATTERN, message: t('catalog.common.codeRule') },
                ]}
              >
                <Input autoComplete="off" data-testid="agreement-code" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="name" label={t('catalog.agreements.name')} rules={[{ max: 200 }]}>
                <Input autoComplete="off" data-testid="agreement-name" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="customerId"
                label={t('catalog.agreements.customer')}
                extra={needsCustomer(kind) ? undefined : t('catalog.agreements.generalHelp')}
                rules={
                  needsCustomer(kind)
                    ? [{ required: true, message: t('catalog.agreements.customerRequired') }]
                    : undefined
                }
              >
                <CustomerPicker
                  valueLabel={agreement?.customerName}
                  allowClear
                  placeholder={needsCustomer(kind) ? undefined : t('catalog.agreements.general')}
                  data-testid="agreement-customer"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="validity"
                label={t('catalog.agreements.validity')}
                rules={[{ required: true, message: t('catalog.common.requiredShort') }]}
              >
                <DatePicker.RangePicker
                  style={{ width: '100%' }}
                  allowClear={false}
                  data-testid="agreement-validity"
                />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                name="currency"
                label={t('catalog.agreements.currency')}
                normalize={(v: string) => v.toUpperCase()}
                rules={[
                  { required: true, pattern: CURRENCY_PATTERN, message: t('catalog.common.currencyRule') },
                ]}
              >
                <Input maxLength={3} data-testid="agreement-currency" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item
                name="status"
                label={t('catalog.agreements.status')}
                extra={t('catalog.agreements.statusHelp')}
              >
                <Select
                  options={statuses.map((s) => ({ value: s, label: t(`catalog.statuses.${s}`) }))}
                  data-testid="agreement-status"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item
                name="paymentTerms"
                label={t('catalog.agreements.paymentTerms')}
                rules={[{ max: 100 }]}
              >
                <AutoComplete options={termOptions} allowClear data-testid="agreement-payment-terms" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item name="packaging" label={t('catalog.agreements.packaging')} rules={[{ max: 500 }]}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="agreement-packaging" />
              </Form.Item>
            </Col>
            <Col xs={24} md={10}>
              <Form.Item
                name="acceptanceStandard"
                label={t('catalog.agreements.acceptanceStandard')}
                rules={[{ max: 500 }]}
              >
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} data-testid="agreement-acceptance" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item name="incoterm" label={t('catalog.agreements.incoterm')} rules={[{ max: 16 }]}>
                <AutoComplete
                  options={INCOTERMS.map((v) => ({ value: v }))}
                  allowClear
                  data-testid="agreement-incoterm"
                />
              </Form.Item>
            </Col>
          </Row>
        </Card>
        <Card title={t('catalog.agreements.lines')}>
          <AgreementLinesTable form={form} currency={currency} disabled={!canEdit} />
        </Card>
        <Flex justify="space-between" align="center">
          <Typography.Text type="secondary">
            {agreement
              ? t('catalog.common.versionInfo', {
                  version: agreement.version,
                  at: formatTime(agreement.updatedAt),
                })
              : null}
          </Typography.Text>
          {canEdit && (
            <Button
              type="primary"
              htmlType="submit"
              loading={create.isPending || update.isPending}
              data-testid="agreement-save"
            >
              {t('common.save')}
            </Button>
          )}
        </Flex>
      </Space>
    </Form>
  );
}
