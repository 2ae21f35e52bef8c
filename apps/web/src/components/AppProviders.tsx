import { useEffect, type ReactNode } from 'react';
import { App, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryClient } from '../api/queryClient';
import { setMessageApi } from '../api/notify';

/** Hands antd's context-aware message API to code outside components (the global error toast). */
function MessageBridge() {
  const { message } = App.useApp();
  useEffect(() => {
    setMessageApi(message);
    return () => {
      setMessageApi(null);
    };
  }, [message]);
  return null;
}

export function AppProviders({ children }: { children: ReactNode }) {
  const { i18n, t } = useTranslation();
  const locale = i18n.language === 'en' ? enUS : zhCN;

  useEffect(() => {
    document.title = t('app.name');
  }, [t]);

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={locale} theme={{ token: { colorPrimary: '#1668dc' } }}>
        <App>
          <MessageBridge />
          {children}
        </App>
      </ConfigProvider>
    </QueryClientProvider>
  );
}
