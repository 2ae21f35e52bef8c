import { useEffect, useState } from 'react';
import { Button, Layout, Result, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { errorText, isApiError } from '../api/client';
import { useMe } from '../api/auth';
import { setLanguage } from '../i18n';
import { AppHeader } from './AppHeader';
import { Breadcrumbs } from './Breadcrumbs';
import { LazyPage } from './LazyPage';
import { loginPath } from './loginPath';
import { MeContext } from './currentUser';
import { PageSpin } from './PageSpin';
import { SideMenu } from './SideMenu';

/** The signed-in shell: checks the session, then side menu, header, breadcrumbs and the page. */
export default function AppLayout() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useMe();
  const [collapsed, setCollapsed] = useState(false);
  const language = me.data?.language;

  // The UI follows the user's saved language.
  useEffect(() => {
    if (language) void setLanguage(language);
  }, [language]);

  if (me.isPending) return <PageSpin fullScreen />;
  if (me.isError) {
    if (isApiError(me.error, 401))
      return <Navigate to={loginPath(location.pathname, location.search)} replace />;
    return (
      <Result
        status="error"
        title={t('errors.loadFailed')}
        subTitle={errorText(me.error)}
        extra={
          <Button type="primary" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        }
      />
    );
  }

  return (
    <MeContext.Provider value={me.data}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider collapsible collapsed={collapsed} onCollapse={setCollapsed} breakpoint="lg" width={208}>
          <div style={{ height: 64, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
            <Typography.Text
              strong
              style={{ color: '#fff', fontSize: collapsed ? 14 : 18, whiteSpace: 'nowrap' }}
            >
              {collapsed ? t('app.short') : t('app.name')}
            </Typography.Text>
          </div>
          <SideMenu />
        </Layout.Sider>
        <Layout>
          <AppHeader />
          <Layout.Content style={{ padding: 16 }}>
            <Breadcrumbs />
            <LazyPage>
              <Outlet />
            </LazyPage>
          </Layout.Content>
        </Layout>
      </Layout>
    </MeContext.Provider>
  );
}
