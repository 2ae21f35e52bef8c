import { Breadcrumb } from 'antd';
import type { BreadcrumbProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useMatches } from 'react-router';
import { isRouteHandle } from './routeHandle';

type Items = NonNullable<BreadcrumbProps['items']>;

export function Breadcrumbs() {
  const { t } = useTranslation();
  const matches = useMatches();
  const crumbs = matches.flatMap((m) =>
    isRouteHandle(m.handle) ? [{ ...m.handle, pathname: m.pathname }] : [],
  );
  const atHome = crumbs.length === 1 && crumbs[0]?.pathname === '/';

  const items: Items = atHome ? [{ title: t('nav.home') }] : [{ title: <Link to="/">{t('nav.home')}</Link> }];
  if (!atHome) {
    crumbs.forEach((crumb, index) => {
      const last = index === crumbs.length - 1;
      const label = t(crumb.crumb);
      items.push({ title: !last && crumb.link !== false ? <Link to={crumb.pathname}>{label}</Link> : label });
    });
  }
  return <Breadcrumb items={items} style={{ marginBottom: 16 }} />;
}
