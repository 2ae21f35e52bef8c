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
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import type { Product } from '@gendan/contracts';
import { PRODUCT_CATEGORIES } from '@gendan/contracts/constants';
import { useSettings } from '../../api/settings';
import { recordId, RecordDrawer } from './RecordDrawer';
import { useCreateProduct, useProduct, useUpdateProduct } from './catalog.api';
import { CURRENCY_PATTERN, formatTime } from './formRules';
import { moneyInputFormatter, moneyInputParser } from './money';
import {
  newProductValues,
  productToValues,
  valuesToProductBody,
  valuesToProductUpdate,
  type ProductValues,
} from './productForm';
import { SpecsInput, specsRule } from './SpecsInput';

/** Units offered while typing; any other unit may be entered. */
const UNITS = ['pcs', 'set', 'box', 'carton', 'kg', 'g', 't', 'm', 'm2', 'm3', 'l', 'roll', 'sheet', 'pair'];

export interface ProductDrawerProps {
  /** `'new'` to create, an id to show/edit, undefined when closed. */
  target: string | undefined;
  canEdit: boolean;
  onClose: () => void;
  onCreated?: (product: Product) => void;
}

/** Creates or edits one product: model, name, category, unit, lead time, cost and specs. */
export function ProductDrawer({ target, canEdit, onClose, onCreated }: ProductDrawerProps) {
  const { t } = useTranslation();
  const product = useProduct(recordId(target));
  return (
    <RecordDrawer
      target={target}
      record={product}
      titles={{
        create: t('catalog.products.createTitle'),
        edit: (p) => t('catalog.products.editTitle', { model: p.model }),
        fallback: t('catalog.products.title'),
      }}
      size={720}
      onClose={onClose}
      renderForm={(p) => (
        <ProductForm product={p} canEdit={canEdit} onClose={onClose} onCreated={onCreated} />
      )}
      testId="product-drawer"
    />
  );
}

function ProductForm({
  product,
  canEdit,
  onClose,
  onCreated,
}: {
  product?: Product | undefined;
  canEdit: boolean;
  onClose: () => void;
  onCreated?: ((product: Product) => void) | undefined;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProductValues>();
  const settings = useSettings();
  const create = useCreateProduct();
  const update = useUpdateProduct();
  const initial = product ? productToValues(product) : newProductValues(settings.data?.currency ?? 'CNY');

  const submit = (v: ProductValues) => {
    if (product) {
      update.mutate(
        { id: product.id, body: valuesToProductUpdate(v, product.version) },
        {
          onSuccess: (saved) => {
            void message.success(t('catalog.products.saved', { model: saved.model }));
            onClose();
          },
        },
      );
    } else {
      create.mutate(valuesToProductBody(v), {
        onSuccess: (saved) => {
          void message.success(t('catalog.products.created', { model: saved.model }));
          onCreated?.(saved);
        },
      });
    }
  };

  return (
    <Form<ProductValues>
      form={form}
      layout="vertical"
      initialValues={initial}
      disabled={!canEdit}
      onFinish={submit}
      data-testid="product-form"
    >
      <Row gutter={16}>
        <Col xs={24} md={10}>
          <Form.Item
            name="model"
            label={t('catalog.products.model')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('catalog.common.required', { field: t('catalog.products.model') }),
              },
              { max: 64 },
            ]}
          >
            <Input autoComplete="off" data-testid="product-model" />
          </Form.Item>
        </Col>
        <Col xs={24} md={14}>
          <Form.Item
            name="name"
            label={t('catalog.products.name')}
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('catalog.common.required', { field: t('catalog.products.name') }),
              },
              { max: 200 },
            ]}
          >
            <Input autoComplete="off" data-testid="product-name" />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item name="category" label={t('catalog.products.category')} rules={[{ required: true }]}>
            <Select
              options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`catalog.categories.${c}`) }))}
              data-testid="product-category"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="unit"
            label={t('catalog.products.unit')}
            rules={[
              { required: true, whitespace: true, message: t('catalog.common.requiredShort') },
              { max: 16 },
            ]}
          >
            <AutoComplete
              options={UNITS.map((u) => ({ value: u }))}
              showSearch={{ filterOption: (input, option) => String(option?.value ?? '').startsWith(input) }}
              data-testid="product-unit"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={10}>
          <Form.Item
            name="standardLeadTimeDays"
            label={t('catalog.products.leadTime')}
            extra={t('catalog.products.leadTimeHelp')}
            rules={[{ required: true, message: t('catalog.common.requiredShort') }]}
          >
            <InputNumber<number>
              min={0}
              max={3650}
              precision={0}
              suffix={t('catalog.common.days')}
              style={{ width: '100%' }}
              data-testid="product-lead-time"
            />
          </Form.Item>
        </Col>
        <Col xs={12} md={8}>
          <Form.Item
            noStyle
            shouldUpdate={(a: ProductValues, b: ProductValues) => a.costCurrency !== b.costCurrency}
          >
            {({ getFieldValue }) => (
              <Form.Item name="standardCost" label={t('catalog.products.standardCost')}>
                <InputNumber<number>
                  min={0}
                  precision={2}
                  formatter={moneyInputFormatter}
                  parser={(text) => Number(moneyInputParser(text))}
                  suffix={String(getFieldValue('costCurrency') ?? '')}
                  style={{ width: '100%' }}
                  data-testid="product-cost"
                />
              </Form.Item>
            )}
          </Form.Item>
        </Col>
        <Col xs={12} md={6}>
          <Form.Item
            name="costCurrency"
            label={t('catalog.products.costCurrency')}
            normalize={(v: string) => v.toUpperCase()}
            rules={[{ pattern: CURRENCY_PATTERN, message: t('catalog.common.currencyRule') }]}
          >
            <Input maxLength={3} />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item name="active" label={t('catalog.common.active')} valuePropName="checked">
            <Switch data-testid="product-active" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="packagingSpec" label={t('catalog.products.packagingSpec')} rules={[{ max: 500 }]}>
            <Input.TextArea
              autoSize={{ minRows: 1, maxRows: 4 }}
              placeholder={t('catalog.products.packagingPlaceholder')}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            name="specs"
            label={t('catalog.products.specs')}
            extra={t('catalog.products.specsHelp')}
            rules={[specsRule(t)]}
          >
            <SpecsInput data-testid="product-specs" />
          </Form.Item>
        </Col>
      </Row>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">
          {product
            ? t('catalog.common.versionInfo', { version: product.version, at: formatTime(product.updatedAt) })
            : null}
        </Typography.Text>
        <Flex gap={8}>
          <Button onClick={onClose} disabled={false}>
            {canEdit ? t('common.cancel') : t('common.close')}
          </Button>
          {canEdit && (
            <Button
              type="primary"
              htmlType="submit"
              loading={create.isPending || update.isPending}
              data-testid="product-save"
            >
              {t('common.save')}
            </Button>
          )}
        </Flex>
      </Flex>
    </Form>
  );
}
