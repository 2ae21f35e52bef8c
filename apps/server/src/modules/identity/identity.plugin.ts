import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors';
import { appendRouteHook } from '../../lib/route-hooks';
import { registerEntityAccess } from '../platform/index';
import { decideAccess, type RouteAccess } from './identity.access';
import { AuthCache, sessionKey, tokenKey } from './identity.auth-cache';
import { sessionTokenOf } from './identity.cookies';
import { userEntityAccess, userFromSession, userFromToken } from './identity.service';

/** Routes outside /api, and Swagger UI, are not API routes and need no access declaration. */
function isApiRoute(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

/**
 * Authentication and the permission check, attached to every route that declares `config.access`
 * (all /api routes; static files and Swagger UI have none and skip both):
 * - at registration, every /api route must declare `config.access` (a missing one is a bug and
 *   stops start-up);
 * - on each request the user is resolved from `Authorization: Bearer` or the session cookie
 *   (through `AuthCache`: a credential seen within the last second is not looked up again);
 * - before validation, a non-public route's access is enforced (401 without a user, 403 without
 *   a role).
 */
export function registerIdentity(app: FastifyInstance): void {
  registerEntityAccess('user', userEntityAccess);

  const authCache = new AuthCache();
  app.decorate('authCache', authCache);

  const resolveUser = async (req: FastifyRequest, auth: string | undefined, token: string | undefined) => {
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const bearer = m?.[1];
      const key = bearer ? tokenKey(bearer) : '';
      let user = bearer ? authCache.get(key) : undefined;
      if (!user && bearer) {
        user = (await userFromToken(app.db, bearer)) ?? undefined;
        if (user) authCache.set(key, user);
      }
      if (!user) throw new AppError('UNAUTHENTICATED');
      req.user = user;
    } else if (token) {
      const key = sessionKey(token);
      let user = authCache.get(key);
      if (!user) {
        user = (await userFromSession(app.db, token, app.config.sessionIdleMinutes)) ?? undefined;
        if (user) authCache.set(key, user);
      }
      req.user = user ?? null;
    }
    if (req.user) req.lang = req.user.language;
  };

  // Callback style: a request without credentials (health probes, the login page) passes
  // straight through without a promise or a database read.
  const authenticate = (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    const auth = req.headers.authorization;
    const token = sessionTokenOf(req);
    if (auth === undefined && !token) return done();
    resolveUser(req, auth, token).then(() => done(), done);
  };

  const authorize =
    (access: RouteAccess) => (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
      const decision = decideAccess(access, req.user);
      if (decision === 'unauthenticated') return done(new AppError('UNAUTHENTICATED'));
      if (decision === 'forbidden') return done(new AppError('FORBIDDEN'));
      done();
    };

  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (access === undefined) {
      if (isApiRoute(route.url))
        throw new Error(`Route ${String(route.method)} ${route.url} declares no config.access`);
      return;
    }
    if (route.config?.identify === false) {
      if (access !== 'public')
        throw new Error(`Route ${String(route.method)} ${route.url}: identify: false needs access 'public'`);
    } else {
      appendRouteHook(route, 'onRequest', authenticate);
    }
    if (access !== 'public') appendRouteHook(route, 'preValidation', authorize(access));
  });
}

export type { RouteAccess };
