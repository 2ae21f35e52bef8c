import type { ReactNode } from 'react';
import {
  ApiOutlined,
  AuditOutlined,
  ContainerOutlined,
  DollarOutlined,
  FileProtectOutlined,
  FileTextOutlined,
  ProfileOutlined,
  HomeOutlined,
  ImportOutlined,
  InfoCircleOutlined,
  ShopOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Role } from '@gendan/contracts';
import { STAFF_ROLES } from '@gendan/contracts/constants';
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
/** Roles that enter, review and follow up orders. */
export const ORDER_ROLES: readonly Role[] = ['admin', 'manager', 'clerk', 'sales'];
/** The order list is also the customer portal's view of its own orders. */
export const ORDER_LIST_ROLES: readonly Role[] = [...ORDER_ROLES, 'customer'];
/** Every role but the customer portal's: master data is read by all staff. */
export { STAFF_ROLES };

/** The side menu, in order. Routes reuse the same role lists, so menu and guards cannot drift. */
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', description: 'navDesc.home', icon: <HomeOutlined /> },
  {
    key: 'orders',
    path: '/orders',
    label: 'orders.nav.orders',
    description: 'orders.navDesc.orders',
    icon: <FileTextOutlined />,
    roles: ORDER_LIST_ROLES,
  },
  {
    key: 'orders-review-queue',
    path: '/orders/review-queue',
    label: 'orders.nav.reviewQueue',
    description: 'orders.navDesc.reviewQueue',
    icon: <AuditOutlined />,
    roles: ORDER_ROLES,
  },
  {
    key: 'orders-import',
    path: '/orders/import',
    label: 'orders.nav.import',
    description: 'orders.navDesc.import',
    icon: <ImportOutlined />,
    roles: ORDER_ROLES,
  },
  {
    key: 'catalog-customers',
    path: '/catalog/customers',
    label: 'catalog.nav.customers',
    description: 'catalog.navDesc.customers',
    icon: <ShopOutlined />,
    roles: STAFF_ROLES,
  },
  {
    key: 'catalog-products',
    path: '/catalog/products',
    label: 'catalog.nav.products',
    description: 'catalog.navDesc.products',
    icon: <ContainerOutlined />,
    roles: STAFF_ROLES,
  },
  {
    key: 'catalog-contracts',
    path: '/catalog/contracts',
    label: 'catalog.nav.contracts',
    description: 'catalog.navDesc.contracts',
    icon: <FileProtectOutlined />,
    roles: STAFF_ROLES,
  },
  {
    key: 'catalog-price-lists',
    path: '/catalog/price-lists',
    label: 'catalog.nav.priceLists',
    description: 'catalog.navDesc.priceLists',
    icon: <DollarOutlined />,
    roles: STAFF_ROLES,
  },
  {
    key: 'catalog-quotations',
    path: '/catalog/quotations',
    label: 'catalog.nav.quotations',
    description: 'catalog.navDesc.quotations',
    icon: <ProfileOutlined />,
    roles: STAFF_ROLES,
  },
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
