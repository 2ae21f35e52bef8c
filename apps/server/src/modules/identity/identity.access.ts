import type { FastifyRequest } from 'fastify';
import type { Role } from '@gendan/contracts';
import type { ActionContext, AuthUser } from '../../lib/context';
import { AppError } from '../../lib/errors';

/**
 * Who may call a route. Every /api route declares one in `config.access`:
 * - 'public': anyone;
 * - 'authenticated': any signed-in user (portal users included);
 * - a list of roles: users holding at least one of them. `admin` passes every role check.
 */
export type RouteAccess = 'public' | 'authenticated' | readonly Role[];

export type AccessDecision = 'allow' | 'unauthenticated' | 'forbidden';

export function decideAccess(access: RouteAccess, user: Pick<AuthUser, 'roles'> | null): AccessDecision {
  if (access === 'public') return 'allow';
  if (!user) return 'unauthenticated';
  if (access === 'authenticated') return 'allow';
  return hasRole(user, ...access) ? 'allow' : 'forbidden';
}

export function hasRole(user: Pick<AuthUser, 'roles'>, ...roles: readonly Role[]): boolean {
  return user.roles.includes('admin') || roles.some((r) => user.roles.includes(r));
}

/** The signed-in user, or 401. */
export function requireUser(req: FastifyRequest): AuthUser {
  if (!req.user) throw new AppError('UNAUTHENTICATED');
  return req.user;
}

/** Throws 403 unless the user holds one of the roles. */
export function requireRoles(req: FastifyRequest, ...roles: Role[]): AuthUser {
  const user = requireUser(req);
  if (!hasRole(user, ...roles)) throw new AppError('FORBIDDEN');
  return user;
}

export function isCustomerUser(user: Pick<AuthUser, 'roles'>): boolean {
  return user.roles.includes('customer');
}

/**
 * Per-record check for portal users: a `customer` user sees only its own company's records.
 * Anything else is reported as not found, so that an id reveals nothing.
 */
export function assertCustomerScope(
  user: Pick<AuthUser, 'roles' | 'customerId'>,
  recordCustomerId: string | null,
  entity = 'record',
): void {
  if (!isCustomerUser(user)) return;
  if (!user.customerId || user.customerId !== recordCustomerId) throw new AppError('NOT_FOUND', { entity });
}

export function actionContext(req: FastifyRequest): ActionContext {
  return {
    actor: req.user ? { id: req.user.id, username: req.user.username } : null,
    requestId: req.id,
  };
}
