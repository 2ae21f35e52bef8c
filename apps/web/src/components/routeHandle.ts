import type { TKey } from '../i18n';

/** `handle` of a route: its breadcrumb label, and whether the crumb links to the route. */
export interface RouteHandle {
  crumb: TKey;
  link?: boolean;
}

export function isRouteHandle(handle: unknown): handle is RouteHandle {
  return (
    typeof handle === 'object' && handle !== null && 'crumb' in handle && typeof handle.crumb === 'string'
  );
}
