import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors';
import { appendRouteHook, routeMethods } from '../lib/route-hooks';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request is a cross-site one, judged from the standard headers browsers always send
 * (OWASP "verify origin with standard headers" and Fetch Metadata). Clients that are not
 * browsers send neither header and are not cross-site.
 */
export function isCrossSite(headers: FastifyRequest['headers'], host: string | undefined): boolean {
  const site = headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = headers.origin;
  if (typeof origin === 'string' && origin !== '') {
    if (origin === 'null') return true;
    try {
      return new URL(origin).host !== host;
    } catch {
      return true;
    }
  }
  return false;
}

/**
 * CSRF protection for mutating requests. Session cookies are SameSite=Lax; on top of that a
 * mutating request that carries the session cookie must come from our own origin. Requests
 * authenticated by a Bearer token carry no ambient credential and are not checked.
 */
export function registerCsrf(app: FastifyInstance): void {
  const check = (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    if (SAFE.has(req.method) || req.headers.authorization) return done();
    const hasCookie = typeof req.headers.cookie === 'string' && req.headers.cookie.includes('gendan_sid=');
    const isLogin = req.url.startsWith('/api/auth/login');
    if ((hasCookie || isLogin) && isCrossSite(req.headers, req.host)) {
      return done(new AppError('CSRF_REJECTED'));
    }
    done();
  };
  // Only routes that change something carry the check.
  app.addHook('onRoute', (route) => {
    if (routeMethods(route).some((m) => !SAFE.has(m))) appendRouteHook(route, 'onRequest', check);
  });
}
