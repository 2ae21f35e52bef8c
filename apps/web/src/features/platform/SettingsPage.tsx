import { useMemo } from 'react';
import { App, Button, Card, Divider, Form, Input, Select, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Settings } from '@gendan/contracts';
import { api, isApiError } from '../../api/client';
import { qk } from '../../api/keys';
import { useSettings, type SettingsResponse } from '../../api/settings';
import { PageSpin } from '../../components/PageSpin';
import { QueryError } from '../../components/QueryError';
import { NumberingFields } from './NumberingFields';
import { numberingToRows, rowsToNumbering, type NumberingRow } from './numbering';
import { PolicyFields } from './PolicyFields';
import { policyToValues, valuesToPolicy, type PolicyValues } from './policy';

interface Values {
  companyName: string;
  timeZone: string;
  currency: string;
  numbering: NumberingRow[];
  policy: PolicyValues;
}

type UpdateBody = Partial<Settings> & { version: number };

function timeZones(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) ? zones : [current, ...zones];
}

export default function SettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useSettings();
  const [form] = Form.useForm<Values>();
  const data = settings.data;
  const zoneOptions = useMemo(
    () => timeZones(data?.timeZone ?? 'Asia/Shanghai').map((z) => ({ value: z, label: z })),
    [data?.timeZone],
  );

  const save = useMutation({
    mutationFn: (body: UpdateBody) => api.put<SettingsResponse>('/api/settings', body),
    onSuccess: () => void message.success(t('settings.saved')),
    // A 409 means someone else saved first: the refetch reloads the form with their values.
    onSettled: (_data, error) => {
      if (!error || isApiError(error, 409)) void queryClient.invalidateQueries({ queryKey: qk.settings });
    },
  });

  if (settings.isPending) return <PageSpin />;
  if (settings.isError) return <QueryError error={settings.error} onRetry={() => void settings.refetch()} />;

  const current = settings.data;
  const submit = (v: Values) => {
    save.mutate({
      version: current.version,
      companyName: v.companyName.trim(),
      timeZone: v.timeZone,
      currency: v.currency.trim().toUpperCase(),
      numbering: rowsToNumbering(v.numbering),
      policy: valuesToPolicy(v.policy),
    });
  };

  return (
    <Card title={t('settings.title')}>
      <Form<Values>
        key={current.version}
        form={form}
        layout="vertical"
        style={{ maxWidth: 820 }}
        initialValues={{
          companyName: current.companyName,
          timeZone: current.timeZone,
          currency: current.currency,
          numbering: numberingToRows(current.numbering),
          policy: policyToValues(current.policy),
        }}
        onFinish={submit}
        data-testid="settings-form"
      >
        <Typography.Title level={5}>{t('settings.company')}</Typography.Title>
        <Form.Item
          name="companyName"
          label={t('settings.companyName')}
          rules={[
            { required: true, whitespace: true, message: t('settings.companyNameRequired') },
            { max: 200 },
          ]}
        >
          <Input name="companyName" style={{ maxWidth: 480 }} />
        </Form.Item>
        <Form.Item
          name="timeZone"
          label={t('settings.timeZone')}
          extra={t('settings.timeZoneHelp')}
          rules={[{ required: true }]}
        >
          <Select
            options={zoneOptions}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ maxWidth: 320 }}
          />
        </Form.Item>
        <Form.Item
          name="currency"
          label={t('settings.currency')}
          normalize={(value: string) => value.toUpperCase()}
          rules={[{ required: true, pattern: /^[A-Z]{3}$/, message: t('settings.currencyRule') }]}
        >
          <Input name="currency" maxLength={3} style={{ width: 120 }} />
        </Form.Item>
        <Divider />
        <Typography.Title level={5}>{t('settings.numbering')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('settings.numberingHelp')}</Typography.Paragraph>
        <NumberingFields />
        <Divider />
        <PolicyFields />
        <Divider />
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="settings-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
