import { Menu } from 'antd';
import type { MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useCurrentUser } from './currentUser';
import { navKeyFor, visibleNav } from './nav';

export function SideMenu() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { pathname } = useLocation();
  const selected = navKeyFor(pathname);

  const items: MenuProps['items'] = visibleNav(me.roles).map((item) => ({
    key: item.key,
    icon: item.icon,
    label: (
      <Link to={item.path} data-testid={`nav-${item.key}`}>
        {t(item.label)}
      </Link>
    ),
  }));

  return <Menu theme="dark" mode="inline" items={items} selectedKeys={selected ? [selected] : []} />;
}
