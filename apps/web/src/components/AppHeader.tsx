import { Flex, Layout, Typography, theme } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Language, Me } from '@gendan/contracts';
import { api } from '../api/client';
import { qk } from '../api/keys';
import { useSettings } from '../api/settings';
import { currentLanguage, setLanguage } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { UserMenu } from './UserMenu';

export function AppHeader() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const settings = useSettings();
  const queryClient = useQueryClient();

  const saveLanguage = useMutation({
    mutationFn: (language: Language) => api.patch<unknown>('/api/auth/me', { language }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: qk.me }),
  });

  const switchLanguage = (language: Language) => {
    const previous = currentLanguage();
    // Switch at once; the saved preference follows. Keep the cached user in step so the layout's
    // "language follows the profile" effect does not switch back.
    void setLanguage(language);
    queryClient.setQueryData<Me>(qk.me, (me) => (me ? { ...me, language } : me));
    saveLanguage.mutate(language, {
      onError: () => {
        void setLanguage(previous);
        queryClient.setQueryData<Me>(qk.me, (me) => (me ? { ...me, language: previous } : me));
      },
    });
  };

  return (
    <Layout.Header
      style={{
        background: token.colorBgContainer,
        borderBottom: `1px solid ${token.colorBorderSecondary}`,
        padding: '0 16px',
      }}
    >
      <Flex align="center" justify="space-between" style={{ height: '100%' }}>
        <Typography.Text strong ellipsis style={{ fontSize: 16 }} data-testid="company-name">
          {settings.data?.companyName ?? t('app.name')}
        </Typography.Text>
        <Flex align="center" gap={8}>
          <LanguageSwitch onChange={switchLanguage} />
          <UserMenu />
        </Flex>
      </Flex>
    </Layout.Header>
  );
}
