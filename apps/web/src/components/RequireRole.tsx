import { Outlet } from 'react-router';
import type { Role } from '@gendan/contracts';
import { useCurrentUser } from './currentUser';
import { hasAnyRole } from './nav';
import { ForbiddenResult } from './ResultPages';

/** Route guard: shows 403 unless the user has one of the roles. The server checks again on every call. */
export function RequireRole({ roles }: { roles: readonly Role[] }) {
  const me = useCurrentUser();
  return hasAnyRole(me.roles, roles) ? <Outlet /> : <ForbiddenResult />;
}
