/** Public API of the identity module: users, sessions, API tokens and the permission helpers. */
export { registerIdentity } from './identity.plugin';
export { AuthCache } from './identity.auth-cache';
export { SESSION_COOKIE } from './identity.cookies';
export { identityRoutes } from './identity.routes';
export {
  actionContext,
  assertCustomerScope,
  decideAccess,
  hasRole,
  isCustomerUser,
  requireRoles,
  requireUser,
  type RouteAccess,
} from './identity.access';
export { createUser, getUser, createToken, findUserByUsername, userCount } from './identity.service';
export { ensureAdminUser, seedDemoUsers, DEMO_PASSWORD } from './identity.seed';
