import { useState } from 'react';
import { Badge, Button, Flex, Input, Popover, Typography } from 'antd';
import type { FormRule } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { SPEC_KEY_MAX, SPEC_VALUE_MAX, specsProblem, specsToRows, type SpecRow } from './specs';

/**
 * A key/value editor for specs (材质 → 304 不锈钢). It is a form control over `SpecRow[]`
 * (`specsToRows` / `rowsToSpecs` convert to and from the API's record); validate it with
 * `specsRule(t)`.
 */
export interface SpecsInputProps {
  value?: SpecRow[];
  onChange?: (rows: SpecRow[]) => void;
  /** Offered as a one-click fill when the editor is empty (e.g. the product's own specs). */
  suggestion?: Record<string, string> | null;
  disabled?: boolean;
  'data-testid'?: string;
}

export function SpecsInput({ value, onChange, suggestion, disabled, ...rest }: SpecsInputProps) {
  const { t } = useTranslation();
  const rows = value ?? [];
  const testId = rest['data-testid'] ?? 'specs';
  const set = (next: SpecRow[]) => {
    onChange?.(next);
  };
  const patch = (index: number, part: Partial<SpecRow>) => {
    set(rows.map((r, i) => (i === index ? { ...r, ...part } : r)));
  };
  const hasSuggestion = suggestion && Object.keys(suggestion).length > 0;

  return (
    <Flex vertical gap={6} data-testid={testId}>
      {rows.map((row, index) => (
        <Flex key={index} gap={6} align="center">
          <Input
            value={row.key}
            placeholder={t('catalog.specs.key')}
            aria-label={t('catalog.specs.key')}
            maxLength={SPEC_KEY_MAX}
            disabled={disabled}
            onChange={(e) => {
              patch(index, { key: e.target.value });
            }}
            style={{ width: 160 }}
            data-testid={`${testId}-key-${String(index)}`}
          />
          <Input
            value={row.value}
            placeholder={t('catalog.specs.value')}
            aria-label={t('catalog.specs.value')}
            maxLength={SPEC_VALUE_MAX}
            disabled={disabled}
            onChange={(e) => {
              patch(index, { value: e.target.value });
            }}
            style={{ flex: 1, minWidth: 160 }}
            data-testid={`${testId}-value-${String(index)}`}
          />
          <Button
            type="text"
            danger
            icon={<DeleteOutlined />}
            aria-label={t('catalog.common.remove')}
            disabled={disabled}
            onClick={() => {
              set(rows.filter((_, i) => i !== index));
            }}
          />
        </Flex>
      ))}
      {rows.length === 0 && <Typography.Text type="secondary">{t('catalog.specs.empty')}</Typography.Text>}
      <Flex gap={8} wrap>
        <Button
          type="dashed"
          size="small"
          icon={<PlusOutlined />}
          disabled={disabled}
          onClick={() => {
            set([...rows, { key: '', value: '' }]);
          }}
          data-testid={`${testId}-add`}
        >
          {t('catalog.specs.add')}
        </Button>
        {hasSuggestion && rows.length === 0 && (
          <Button
            size="small"
            type="link"
            disabled={disabled}
            onClick={() => {
              set(specsToRows(suggestion));
            }}
            data-testid={`${testId}-suggest`}
          >
            {t('catalog.specs.fromProduct')}
          </Button>
        )}
      </Flex>
    </Flex>
  );
}

/** Form rule for a `SpecsInput`: no duplicate keys, no value without a key, lengths. */
export function specsRule(t: TFunction): FormRule {
  return {
    validator: (_rule, value: SpecRow[] | undefined) => {
      const problem = specsProblem(value);
      return problem
        ? Promise.reject(
            new Error(t(`catalog.specs.problems.${problem}`, { key: SPEC_KEY_MAX, value: SPEC_VALUE_MAX })),
          )
        : Promise.resolve();
    },
  };
}

/** `SpecsInput` behind a compact button (for a table cell): "规格 (2)" opens the editor. */
export function SpecsPopoverInput(props: SpecsInputProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const count = (props.value ?? []).filter((r) => r.key.trim()).length;
  const summary = (props.value ?? [])
    .filter((r) => r.key.trim())
    .map((r) => `${r.key}: ${r.value}`)
    .join('; ');
  return (
    <Popover
      trigger="click"
      open={open}
      onOpenChange={setOpen}
      title={t('catalog.specs.agreedTitle')}
      content={
        <div style={{ width: 440 }}>
          <SpecsInput {...props} />
        </div>
      }
    >
      <Button
        size="small"
        title={summary || undefined}
        data-testid={`${props['data-testid'] ?? 'specs'}-open`}
      >
        <Badge count={count} size="small" offset={[8, -2]} color="#1668dc">
          {t('catalog.specs.button')}
        </Badge>
      </Button>
    </Popover>
  );
}
