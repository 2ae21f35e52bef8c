import { useEffect } from 'react';
import { Alert, Button, Card, Flex, Form, Input, Typography, theme } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { Me } from '@gendan/contracts';
import { api, errorText } from '../../api/client';
import { qk } from '../../api/keys';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { safeNext } from '../../components/loginPath';
import { setLanguage } from '../../i18n';

interface Credentials {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();

  // Whatever was cached belongs to a session that has ended.
  useEffect(() => {
    queryClient.clear();
  }, [queryClient]);

  const login = useMutation({
    mutationFn: (body: Credentials) => api.post<Me>('/api/auth/login', body, { redirectOn401: false }),
    meta: { silentError: true },
    onSuccess: (me) => {
      queryClient.removeQueries();
      queryClient.setQueryData(qk.me, me);
      void setLanguage(me.language);
      void navigate(safeNext(params.get('next')), { replace: true });
    },
  });

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', padding: 16, background: token.colorBgLayout }}
    >
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <Flex justify="space-between" align="start" style={{ marginBottom: 24 }}>
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('auth.subtitle')}</Typography.Text>
          </div>
          <LanguageSwitch type="default" onChange={(lang) => void setLanguage(lang)} />
        </Flex>
        {login.isError && (
          <Alert
            type="error"
            showIcon
            title={errorText(login.error)}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<Credentials>
          layout="vertical"
          requiredMark={false}
          onFinish={(values) => {
            login.mutate(values);
          }}
          disabled={login.isPending}
        >
          <Form.Item
            name="username"
            label={t('auth.username')}
            rules={[{ required: true, whitespace: true, message: t('auth.usernameRequired') }]}
          >
            <Input name="username" prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.password')}
            rules={[{ required: true, message: t('auth.passwordRequired') }]}
          >
            <Input.Password
              name="password"
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={login.isPending}
            data-testid="login-submit"
          >
            {t('auth.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
