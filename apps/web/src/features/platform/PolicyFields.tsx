import { Col, Form, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SHIPPING_MODES } from '@gendan/contracts/constants';
import { moneyInputFormatter, moneyInputParser } from '../catalog/money';
import { DISCOUNT_ROLES } from './policy';

/**
 * The company policy part of the settings form (`policy` in its values, see policy.ts): what
 * the order review checks against — allowed payment terms, the maximum discount each role may
 * grant, the minimum order value (in the company currency) and the shipping lead time per mode.
 */
export function PolicyFields() {
  const { t } = useTranslation();
  const currency = Form.useWatch('currency') as string | undefined;

  return (
    <div data-testid="policy-fields">
      <Typography.Title level={5}>{t('catalog.policy.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('catalog.policy.help')}</Typography.Paragraph>
      <Form.Item
        name={['policy', 'allowedPaymentTerms']}
        label={t('catalog.policy.allowedPaymentTerms')}
        extra={t('catalog.policy.allowedPaymentTermsHelp')}
        rules={[
          {
            validator: (_rule, terms: string[] | undefined) =>
              (terms ?? []).some((term) => term.trim().length > 100)
                ? Promise.reject(new Error(t('catalog.policy.termTooLong')))
                : Promise.resolve(),
          },
        ]}
      >
        <Select
          mode="tags"
          tokenSeparators={['\n']}
          open={false}
          suffixIcon={null}
          data-testid="policy-payment-terms"
        />
      </Form.Item>

      <Form.Item label={t('catalog.policy.maxDiscount')} extra={t('catalog.policy.maxDiscountHelp')}>
        <Row gutter={[16, 8]}>
          {DISCOUNT_ROLES.map((role) => (
            <Col key={role} xs={12} sm={8} md={6}>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t(`roles.${role}`)}
              </Typography.Text>
              <Form.Item name={['policy', 'maxDiscount', role]} style={{ marginBottom: 0 }}>
                <InputNumber<number>
                  min={0}
                  max={100}
                  precision={2}
                  suffix="%"
                  placeholder={t('catalog.policy.noDiscount')}
                  aria-label={t(`roles.${role}`)}
                  style={{ width: '100%' }}
                  data-testid={`policy-discount-${role}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form.Item>

      <Form.Item
        name={['policy', 'minOrderValue']}
        label={t('catalog.policy.minOrderValue')}
        extra={t('catalog.policy.minOrderValueHelp')}
        rules={[{ required: true, message: t('catalog.common.requiredShort') }]}
      >
        <InputNumber<number>
          min={0}
          precision={2}
          formatter={moneyInputFormatter}
          parser={(text) => Number(moneyInputParser(text))}
          suffix={currency}
          style={{ width: 220 }}
          data-testid="policy-min-order"
        />
      </Form.Item>

      <Form.Item
        label={t('catalog.policy.shippingLeadDays')}
        extra={t('catalog.policy.shippingLeadDaysHelp')}
      >
        <Row gutter={16}>
          {SHIPPING_MODES.map((mode) => (
            <Col key={mode} xs={12} sm={6}>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t(`catalog.shippingModes.${mode}`)}
              </Typography.Text>
              <Form.Item
                name={['policy', 'shippingLeadDays', mode]}
                style={{ marginBottom: 0 }}
                rules={[{ required: true, message: t('catalog.common.requiredShort') }]}
              >
                <InputNumber<number>
                  min={0}
                  max={365}
                  precision={0}
                  suffix={t('catalog.common.days')}
                  style={{ width: '100%' }}
                  data-testid={`policy-lead-${mode}`}
                />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </Form.Item>
    </div>
  );
}
