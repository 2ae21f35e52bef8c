import { useState } from 'react';
import { Button, Flex, Form, InputNumber, Table, Tooltip, Typography } from 'antd';
import type { FormInstance } from 'antd';
import { CopyOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { emptyLine, type AgreementValues, type LineRow } from './agreementForm';
import { moneyInputFormatter, moneyInputParser } from './money';
import { ProductPicker, productLabel } from './pickers';
import { SpecsPopoverInput, specsRule } from './SpecsInput';

const cell = { marginBottom: 0 };
const PAGE_SIZE = 50;

/**
 * The agreement's lines as an editable table (`lines` in the form): product, quantity tier
 * (the price applies from "min qty" upwards), unit price in major units, agreed specs and the
 * maximum discount. "Add tier" copies a line so the same product gets another quantity break.
 */
export function AgreementLinesTable({
  form,
  currency,
  disabled,
}: {
  form: FormInstance<AgreementValues>;
  currency: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);

  return (
    <Form.List
      name="lines"
      rules={[
        {
          validator: (_rule, lines: LineRow[] | undefined) =>
            lines && lines.length > 0
              ? Promise.resolve()
              : Promise.reject(new Error(t('catalog.lines.atLeastOne'))),
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <>
          <Table
            size="small"
            rowKey="key"
            dataSource={fields}
            scroll={{ x: 'max-content' }}
            pagination={
              fields.length > PAGE_SIZE
                ? { current: page, pageSize: PAGE_SIZE, onChange: setPage, showSizeChanger: false }
                : false
            }
            data-testid="lines-table"
            columns={[
              {
                key: 'no',
                title: '#',
                width: 48,
                render: (_, field) => field.name + 1,
              },
              {
                key: 'product',
                title: t('catalog.lines.product'),
                width: 300,
                render: (_, field) => (
                  <Form.Item
                    name={[field.name, 'productId']}
                    style={cell}
                    rules={[{ required: true, message: t('catalog.lines.productRequired') }]}
                  >
                    <ProductPicker
                      valueLabel={
                        form.getFieldValue(['lines', field.name, 'productLabel']) as string | undefined
                      }
                      placeholder={t('catalog.lines.productPlaceholder')}
                      style={{ width: 280 }}
                      onProductChange={(p) => {
                        form.setFieldValue(
                          ['lines', field.name, 'productLabel'],
                          p ? productLabel(p) : undefined,
                        );
                        form.setFieldValue(['lines', field.name, 'productSpecs'], p?.specs ?? null);
                      }}
                      data-testid={`line-product-${String(field.name)}`}
                    />
                  </Form.Item>
                ),
              },
              {
                key: 'minQty',
                title: (
                  <Tooltip title={t('catalog.lines.minQtyHelp')}>
                    <span>{t('catalog.lines.minQty')}</span>
                  </Tooltip>
                ),
                width: 120,
                render: (_, field) => (
                  <Form.Item
                    name={[field.name, 'minQty']}
                    style={cell}
                    rules={[{ required: true, message: t('catalog.common.requiredShort') }]}
                  >
                    <InputNumber<number>
                      min={1}
                      max={1_000_000_000}
                      precision={0}
                      style={{ width: 110 }}
                      aria-label={t('catalog.lines.minQty')}
                      data-testid={`line-min-qty-${String(field.name)}`}
                    />
                  </Form.Item>
                ),
              },
              {
                key: 'unitPrice',
                title: t('catalog.lines.unitPriceIn', { currency }),
                width: 160,
                render: (_, field) => (
                  <Form.Item
                    name={[field.name, 'unitPrice']}
                    style={cell}
                    rules={[{ required: true, message: t('catalog.common.requiredShort') }]}
                  >
                    <InputNumber<number>
                      min={0}
                      precision={2}
                      formatter={moneyInputFormatter}
                      parser={(text) => Number(moneyInputParser(text))}
                      style={{ width: 150 }}
                      aria-label={t('catalog.lines.unitPrice')}
                      data-testid={`line-unit-price-${String(field.name)}`}
                    />
                  </Form.Item>
                ),
              },
              {
                key: 'specs',
                title: (
                  <Tooltip title={t('catalog.lines.specsHelp')}>
                    <span>{t('catalog.lines.specs')}</span>
                  </Tooltip>
                ),
                width: 110,
                render: (_, field) => (
                  // Re-render when the line's product changes, so its specs are offered.
                  <Form.Item
                    noStyle
                    shouldUpdate={(a: AgreementValues, b: AgreementValues) =>
                      a.lines[field.name]?.productSpecs !== b.lines[field.name]?.productSpecs
                    }
                  >
                    {() => (
                      <Form.Item name={[field.name, 'specs']} style={cell} rules={[specsRule(t)]}>
                        <SpecsPopoverInput
                          suggestion={
                            form.getFieldValue(['lines', field.name, 'productSpecs']) as Record<
                              string,
                              string
                            > | null
                          }
                          data-testid={`line-specs-${String(field.name)}`}
                        />
                      </Form.Item>
                    )}
                  </Form.Item>
                ),
              },
              {
                key: 'maxDiscountPct',
                title: t('catalog.lines.maxDiscountPct'),
                width: 120,
                render: (_, field) => (
                  <Form.Item name={[field.name, 'maxDiscountPct']} style={cell}>
                    <InputNumber<number>
                      min={0}
                      max={100}
                      precision={2}
                      suffix="%"
                      style={{ width: 110 }}
                      aria-label={t('catalog.lines.maxDiscountPct')}
                      data-testid={`line-max-discount-${String(field.name)}`}
                    />
                  </Form.Item>
                ),
              },
              {
                key: 'actions',
                width: 90,
                render: (_, field) => (
                  <Flex>
                    <Tooltip title={t('catalog.lines.addTier')}>
                      <Button
                        type="text"
                        icon={<CopyOutlined />}
                        aria-label={t('catalog.lines.addTier')}
                        onClick={() => {
                          const line = form.getFieldValue(['lines', field.name]) as LineRow;
                          add({ ...line, minQty: null, unitPrice: null }, field.name + 1);
                        }}
                        data-testid={`line-tier-${String(field.name)}`}
                      />
                    </Tooltip>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('catalog.common.remove')}
                      onClick={() => {
                        remove(field.name);
                      }}
                      data-testid={`line-remove-${String(field.name)}`}
                    />
                  </Flex>
                ),
              },
            ]}
          />
          <Form.ErrorList errors={errors} />
          {!disabled && (
            <Flex gap={8} align="center" style={{ marginTop: 8 }}>
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => {
                  add(emptyLine());
                  setPage(Math.ceil((fields.length + 1) / PAGE_SIZE));
                }}
                data-testid="line-add"
              >
                {t('catalog.lines.add')}
              </Button>
              <Typography.Text type="secondary">
                {t('catalog.lines.count', { count: fields.length })}
              </Typography.Text>
            </Flex>
          )}
        </>
      )}
    </Form.List>
  );
}
