import { parseCookie, stringifySetCookie } from 'cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The session cookie, read and written here with the `cookie` package. No framework plugin parses
 * cookies on every request: only the session id is ever read, and only when the request carries a
 * `Cookie` header, so health probes and API-token calls pay nothing for cookies.
 */
export const SESSION_COOKIE = 'gendan_sid';

/** The session id in the request's `Cookie` header. */
export function sessionTokenOf(req: FastifyRequest): string | undefined {
  const header = req.headers.cookie;
  return header ? parseCookie(header)[SESSION_COOKIE] : undefined;
}

/** HttpOnly, SameSite=Lax, Secure behind HTTPS; the server enforces the idle expiry itself. */
export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  token: string,
  idleMinutes: number,
) {
  void reply.header(
    'set-cookie',
    stringifySetCookie({
      name: SESSION_COOKIE,
      value: token,
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: req.protocol === 'https',
      // The cookie lives a little longer than one idle period.
      maxAge: idleMinutes * 60 + 3600,
    }),
  );
}

/** Tells the browser to drop the session cookie. */
export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply) {
  void reply.header(
    'set-cookie',
    stringifySetCookie({
      name: SESSION_COOKIE,
      value: '',
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure: req.protocol === 'https',
      expires: new Date(0),
      maxAge: 0,
    }),
  );
}
