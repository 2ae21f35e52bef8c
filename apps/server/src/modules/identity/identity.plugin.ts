import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../lib/errors';
import { registerEntityAccess } from '../platform/index';
import { decideAccess, type RouteAccess } from './identity.access';
import { userEntityAccess, userFromSession, userFromToken } from './identity.service';

export const SESSION_COOKIE = 'gendan_sid';

export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  idleMinutes: number,
) {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
    // The server enforces the idle expiry; the cookie lives a little longer than one idle period.
    maxAge: idleMinutes * 60 + 3600,
  });
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply) {
  void reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: req.protocol === 'https',
  });
}

/** Routes outside /api, and Swagger UI, are not API routes and need no access declaration. */
function isApiRoute(url: string): boolean {
  return url.startsWith('/api/') && !url.startsWith('/api/docs');
}

/**
 * Authentication and the permission check for every route:
 * - at registration, every /api route must declare `config.access` (a missing one is a bug and
 *   stops start-up);
 * - on each request the user is resolved from `Authorization: Bearer` or the session cookie;
 * - before validation, the route's access is enforced (401 without a user, 403 without a role).
 */
export function registerIdentity(app: FastifyInstance): void {
  registerEntityAccess('user', userEntityAccess);

  app.addHook('onRoute', (route) => {
    if (isApiRoute(route.url) && route.config?.access === undefined) {
      throw new Error(`Route ${String(route.method)} ${route.url} declares no config.access`);
    }
  });

  const resolveUser = async (req: FastifyRequest, auth: string | undefined, token: string | undefined) => {
    if (auth !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(auth);
      const user = m?.[1] ? await userFromToken(app.db, m[1]) : null;
      if (!user) throw new AppError('UNAUTHENTICATED');
      req.user = user;
    } else if (token) {
      req.user = await userFromSession(app.db, token, app.config.sessionIdleMinutes);
    }
    if (req.user) req.lang = req.user.language;
  };

  // Callback-style hooks: a request without credentials (health probes, static files, the login
  // page) passes straight through without a promise or a database read.
  app.addHook('onRequest', (req, _reply, done) => {
    const auth = req.headers.authorization;
    const token = req.cookies[SESSION_COOKIE];
    if (auth === undefined && !token) return done();
    resolveUser(req, auth, token).then(() => done(), done);
  });

  app.addHook('preValidation', (req, _reply, done) => {
    const access = req.routeOptions.config.access;
    const decision = access === undefined ? 'allow' : decideAccess(access, req.user);
    if (decision === 'unauthenticated') return done(new AppError('UNAUTHENTICATED'));
    if (decision === 'forbidden') return done(new AppError('FORBIDDEN'));
    done();
  });
}

export type { RouteAccess };
