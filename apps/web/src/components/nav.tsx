import type { ReactNode } from 'react';
import {
  ApiOutlined,
  HomeOutlined,
  InfoCircleOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Role } from '@gendan/contracts';
import type { TKey } from '../i18n';

export interface NavItem {
  key: string;
  path: string;
  label: TKey;
  description: TKey;
  icon: ReactNode;
  /** Allow-list; undefined means every signed-in user. */
  roles?: readonly Role[];
}

export const ADMIN_ONLY: readonly Role[] = ['admin'];

/** The side menu, in order. Routes reuse the same role lists, so menu and guards cannot drift. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', description: 'navDesc.home', icon: <HomeOutlined /> },
  {
    key: 'users',
    path: '/admin/users',
    label: 'nav.users',
    description: 'navDesc.users',
    icon: <TeamOutlined />,
    roles: ADMIN_ONLY,
  },
  {
    key: 'tokens',
    path: '/admin/tokens',
    label: 'nav.tokens',
    description: 'navDesc.tokens',
    icon: <ApiOutlined />,
    roles: ADMIN_ONLY,
  },
  {
    key: 'settings',
    path: '/admin/settings',
    label: 'nav.settings',
    description: 'navDesc.settings',
    icon: <SettingOutlined />,
    roles: ADMIN_ONLY,
  },
  {
    key: 'system',
    path: '/system',
    label: 'nav.system',
    description: 'navDesc.system',
    icon: <InfoCircleOutlined />,
  },
];

export function hasAnyRole(userRoles: readonly Role[], allowed?: readonly Role[]): boolean {
  return !allowed || allowed.some((role) => userRoles.includes(role));
}

export function visibleNav(userRoles: readonly Role[]): NavItem[] {
  return NAV_ITEMS.filter((item) => hasAnyRole(userRoles, item.roles));
}

/** The menu key for a location: the longest matching path ("/" only matches itself). */
export function navKeyFor(pathname: string): string | undefined {
  let best: NavItem | undefined;
  for (const item of NAV_ITEMS) {
    const match =
      item.path === '/' ? pathname === '/' : pathname === item.path || pathname.startsWith(`${item.path}/`);
    if (match && (!best || item.path.length > best.path.length)) best = item;
  }
  return best?.key;
}
