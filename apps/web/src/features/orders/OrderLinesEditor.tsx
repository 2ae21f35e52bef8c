import { Button, DatePicker, Form, InputNumber, Table, Tooltip, Typography } from 'antd';
import type { FormInstance, TableColumnsType } from 'antd';
import type { FormListFieldData } from 'antd/es/form/FormList';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Product } from '@gendan/contracts';
import { api } from '../../api/client';
import { currentLanguage } from '../../i18n';
import { formatMoney, toMajor, toMinor } from './money';
import { ProductSelect } from './OrderSelects';
import { formLineAmount, formTotal, type LineValues } from './orderFormModel';
import { initialSpecs, maxDiscountFor, tierFor, type TermsPrice } from './pricing';
import { recordToPairs } from './specs';
import { SpecsInput } from './SpecsInput';

/** A fresh line; it takes the previous line's requested date. */
export function newLine(previous?: LineValues): LineValues {
  return { specs: [], autoPrice: true, discountPct: 0, requestedDate: previous?.requestedDate ?? null };
}

const cell = { style: { marginBottom: 0 } };

/**
 * The lines of the order form: product, specs, qty, price (tier price from the contract),
 * discount, requested date, stated amount, and the live amount computed as the server does.
 */
export function OrderLinesEditor({
  form,
  prices,
  currency,
}: {
  // Untyped: the line fields are addressed by runtime paths (['lines', index, field]).
  form: FormInstance;
  prices: readonly TermsPrice[];
  currency: string;
}) {
  const { t } = useTranslation();
  const lang = currentLanguage();
  const lines = Form.useWatch('lines', form) as LineValues[] | undefined;
  const money = (minor: number) => formatMoney(minor, currency, lang);
  const path = (name: number, field: keyof LineValues) => ['lines', name, field];

  const pickProduct = async (name: number, productId: string, knownSpecs: Record<string, string> | null) => {
    let productSpecs = knownSpecs;
    if (!productSpecs) {
      try {
        productSpecs = (await api.get<Product>(`/api/products/${encodeURIComponent(productId)}`)).specs;
      } catch {
        productSpecs = null;
      }
    }
    if (form.getFieldValue(path(name, 'productId')) !== productId) return; // picked another meanwhile
    const qty = form.getFieldValue(path(name, 'qty')) as number | null | undefined;
    const tier = tierFor(prices, productId, qty);
    form.setFieldValue(path(name, 'specs'), recordToPairs(initialSpecs(productSpecs, prices, productId)));
    form.setFieldValue(path(name, 'autoPrice'), true);
    if (tier) form.setFieldValue(path(name, 'unitPrice'), toMajor(tier.unitPrice));
  };

  const changeQty = (name: number, qty: number | null) => {
    const line = form.getFieldValue(['lines', name]) as LineValues | undefined;
    if (!line?.productId || line.autoPrice === false) return;
    const tier = tierFor(prices, line.productId, qty);
    if (tier) form.setFieldValue(path(name, 'unitPrice'), toMajor(tier.unitPrice));
  };

  const columns: TableColumnsType<FormListFieldData> = [
    {
      key: 'no',
      title: t('orders.field.lineNo'),
      width: 48,
      render: (_: unknown, _f, index) => index + 1,
    },
    {
      key: 'product',
      title: t('orders.field.product'),
      width: 200,
      render: (_: unknown, field, index) => (
        <Form.Item
          {...cell}
          name={[field.name, 'productId']}
          rules={[{ required: true, message: t('orders.form.productRequired') }]}
        >
          <ProductSelect
            contractPrices={prices}
            initial={
              lines?.[field.name]?.productLabel && lines[field.name]?.productId
                ? { value: lines[field.name]?.productId ?? '', label: lines[field.name]?.productLabel ?? '' }
                : undefined
            }
            onPick={(id, specs) => void pickProduct(field.name, id, specs)}
            testId={`order-line-${String(index)}-product`}
          />
        </Form.Item>
      ),
    },
    {
      key: 'specs',
      title: t('orders.field.specs'),
      width: 170,
      render: (_: unknown, field, index) => (
        <Form.Item {...cell} name={[field.name, 'specs']}>
          <SpecsInput testId={`order-line-${String(index)}-specs`} />
        </Form.Item>
      ),
    },
    {
      key: 'qty',
      title: t('orders.field.qty'),
      width: 100,
      render: (_: unknown, field, index) => (
        <Form.Item
          {...cell}
          name={[field.name, 'qty']}
          rules={[{ required: true, message: t('orders.form.qtyRequired') }]}
        >
          <InputNumber
            min={1}
            max={1_000_000_000}
            precision={0}
            style={{ width: '100%' }}
            onChange={(v) => {
              changeQty(field.name, typeof v === 'number' ? v : null);
            }}
            data-testid={`order-line-${String(index)}-qty`}
          />
        </Form.Item>
      ),
    },
    {
      key: 'unitPrice',
      title: t('orders.field.unitPrice'),
      width: 140,
      render: (_: unknown, field, index) => {
        const line = lines?.[field.name];
        const tier = line?.productId ? tierFor(prices, line.productId, line.qty) : undefined;
        const differs =
          tier && typeof line?.unitPrice === 'number' && toMinor(line.unitPrice) !== tier.unitPrice;
        return (
          <>
            <Form.Item
              {...cell}
              name={[field.name, 'unitPrice']}
              rules={[{ required: true, message: t('orders.form.priceRequired') }]}
            >
              <InputNumber
                min={0}
                precision={2}
                style={{ width: '100%' }}
                onChange={() => {
                  form.setFieldValue(path(field.name, 'autoPrice'), false);
                }}
                data-testid={`order-line-${String(index)}-price`}
              />
            </Form.Item>
            {line?.productId && (
              <Typography.Text type={differs ? 'warning' : 'secondary'} style={{ fontSize: 12 }}>
                {tier
                  ? t('orders.form.tierHint', { minQty: tier.minQty, price: money(tier.unitPrice) })
                  : t('orders.form.noContractPrice')}
              </Typography.Text>
            )}
          </>
        );
      },
    },
    {
      key: 'discountPct',
      title: t('orders.field.discountPct'),
      width: 96,
      render: (_: unknown, field, index) => {
        const line = lines?.[field.name];
        const max = line?.productId ? maxDiscountFor(prices, line.productId, line.qty) : undefined;
        return (
          <>
            <Form.Item {...cell} name={[field.name, 'discountPct']}>
              <InputNumber
                min={0}
                max={100}
                precision={2}
                style={{ width: '100%' }}
                data-testid={`order-line-${String(index)}-discount`}
              />
            </Form.Item>
            {max !== undefined && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('orders.form.maxDiscountHint', { max })}
              </Typography.Text>
            )}
          </>
        );
      },
    },
    {
      key: 'requestedDate',
      title: t('orders.field.requestedDate'),
      width: 140,
      render: (_: unknown, field, index) => (
        <Form.Item
          {...cell}
          name={[field.name, 'requestedDate']}
          rules={[{ required: true, message: t('orders.form.dateRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} data-testid={`order-line-${String(index)}-date`} />
        </Form.Item>
      ),
    },
    {
      key: 'statedAmount',
      title: (
        <Tooltip title={t('orders.form.statedAmountHelp')}>
          <span>{t('orders.field.statedAmount')}</span>
        </Tooltip>
      ),
      width: 120,
      render: (_: unknown, field) => (
        <Form.Item {...cell} name={[field.name, 'statedAmount']}>
          <InputNumber min={0} precision={2} style={{ width: '100%' }} />
        </Form.Item>
      ),
    },
    {
      key: 'amount',
      title: t('orders.field.amount'),
      width: 120,
      align: 'right',
      render: (_: unknown, field, index) => (
        <Typography.Text strong data-testid={`order-line-${String(index)}-amount`}>
          {money(formLineAmount(lines?.[field.name]))}
        </Typography.Text>
      ),
    },
  ];

  return (
    <Form.List
      name="lines"
      rules={[
        {
          validator: async (_, value: unknown[] | undefined) => {
            if (!value || value.length === 0) throw new Error(t('orders.form.linesRequired'));
          },
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          <Table<FormListFieldData>
            rowKey="key"
            size="small"
            dataSource={fields}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="order-lines-editor"
            columns={[
              ...columns,
              {
                key: 'remove',
                width: 48,
                render: (_: unknown, field) => (
                  <Tooltip title={t('orders.form.removeLine')}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('orders.form.removeLine')}
                      onClick={() => {
                        remove(field.name);
                      }}
                    />
                  </Tooltip>
                ),
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={columns.length - 1} align="right">
                  <Typography.Text strong>{t('orders.form.computedTotal')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  <Typography.Text strong data-testid="order-total">
                    {money(formTotal(lines))}
                  </Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} />
              </Table.Summary.Row>
            )}
          />
          <Form.ErrorList errors={errors} />
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => {
              add(newLine(lines?.[lines.length - 1]));
            }}
            style={{ marginTop: 12 }}
            block
            data-testid="order-line-add"
          >
            {t('orders.form.addLine')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
