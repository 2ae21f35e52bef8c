import { Button, Flex, Form, Input, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { DOC_TYPE_PATTERN, SEQ_PATTERN, numberingExample, type NumberingRow } from './numbering';

/** Editable docType → pattern rows, each with a live example of the next number. */
export function NumberingFields() {
  const { t } = useTranslation();
  return (
    <Form.List name="numbering">
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Flex key={field.key} gap={8} align="start" wrap>
              <Form.Item
                name={[field.name, 'docType']}
                rules={[
                  { required: true, pattern: DOC_TYPE_PATTERN, message: t('settings.docTypeRule') },
                  ({ getFieldValue }) => ({
                    validator: (_rule, value) => {
                      const rows = (getFieldValue('numbering') ?? []) as NumberingRow[];
                      const same = rows.filter((r) => r.docType.trim() === value);
                      return same.length > 1
                        ? Promise.reject(new Error(t('settings.docTypeDuplicate')))
                        : Promise.resolve();
                    },
                  }),
                ]}
                style={{ width: 200, marginBottom: 12 }}
              >
                <Input placeholder={t('settings.docType')} aria-label={t('settings.docType')} />
              </Form.Item>
              <Form.Item
                name={[field.name, 'pattern']}
                rules={[
                  { required: true, message: t('settings.patternRule') },
                  { max: 64 },
                  { pattern: SEQ_PATTERN, message: t('settings.patternRule') },
                ]}
                style={{ width: 260, marginBottom: 12 }}
              >
                <Input placeholder={t('settings.pattern')} aria-label={t('settings.pattern')} />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {({ getFieldValue }) => {
                  const pattern = getFieldValue(['numbering', field.name, 'pattern']) as unknown;
                  return typeof pattern === 'string' && SEQ_PATTERN.test(pattern) ? (
                    <Typography.Text type="secondary" style={{ lineHeight: '32px', minWidth: 160 }}>
                      {t('settings.example')}:{' '}
                      <Typography.Text code>{numberingExample(pattern)}</Typography.Text>
                    </Typography.Text>
                  ) : null;
                }}
              </Form.Item>
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t('settings.remove')}
                onClick={() => {
                  remove(field.name);
                }}
              />
            </Flex>
          ))}
          <Button
            type="dashed"
            icon={<PlusOutlined />}
            onClick={() => {
              add({ docType: '', pattern: '' });
            }}
          >
            {t('settings.addNumbering')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
