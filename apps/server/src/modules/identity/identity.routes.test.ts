import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ADMIN_PASSWORD, forEachDialect, sessionCookieOf } from '../../../test/helpers';

forEachDialect('identity API', (ctx) => {
  const auditCount = async (entityId: string) => {
    const r = await sql<{
      n: number;
    }>`select count(*) as n from audit_log where entity_type = 'user' and entity_id = ${entityId}`.execute(
      ctx.database.db,
    );
    return Number(r.rows[0]?.n);
  };

  describe('login and sessions', () => {
    it('logs in, sets an HttpOnly SameSite=Lax cookie and returns the user', async () => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: ADMIN_PASSWORD },
      });
      expect(res.statusCode).toBe(200);
      const cookie = res.cookies.find((c) => c.name === 'gendan_sid');
      expect(cookie?.httpOnly).toBe(true);
      expect(cookie?.sameSite).toBe('Lax');
      expect(cookie?.secure).toBeFalsy();
      const body = res.json();
      expect(body).toMatchObject({ username: 'admin', roles: ['admin'], language: 'zh-CN' });
      expect(body.passwordHash).toBeUndefined();
      expect(res.body).not.toContain('scrypt');
      const me = await ctx.app.inject({ url: '/api/auth/me', headers: { cookie: sessionCookieOf(res) } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ id: body.id, username: 'admin', authMethod: 'session' });
    });

    it('marks the cookie Secure behind HTTPS', async () => {
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { username: 'admin', password: ADMIN_PASSWORD },
      });
      expect(res.cookies.find((c) => c.name === 'gendan_sid')?.secure).toBe(true);
    });

    it('rejects bad credentials with 401 in the caller language', async () => {
      const zh = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'admin', password: 'nope-nope' },
      });
      expect(zh.statusCode).toBe(401);
      expect(zh.json().error).toEqual({ code: 'INVALID_CREDENTIALS', message: '用户名或密码错误' });
      const en = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'accept-language': 'en-US,en;q=0.9' },
        payload: { username: 'nobody', password: 'nope-nope' },
      });
      expect(en.statusCode).toBe(401);
      expect(en.json().error.message).toBe('Wrong username or password');
    });

    it('issues a new session id at every login and logout invalidates it', async () => {
      const u = await ctx.createUser({ roles: ['clerk'] });
      const second = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { cookie: u.cookie },
        payload: { username: u.username, password: u.password },
      });
      const newCookie = sessionCookieOf(second);
      expect(newCookie).not.toBe(u.cookie);
      // The session the browser held before login is gone.
      expect((await ctx.app.inject({ url: '/api/auth/me', headers: { cookie: u.cookie } })).statusCode).toBe(
        401,
      );
      const out = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { cookie: newCookie },
      });
      expect(out.statusCode).toBe(200);
      const trail = await ctx.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'session')
        .where('entity_id', '=', u.id)
        .orderBy('at')
        .execute();
      expect(trail.map((r) => r.action)).toEqual(['login', 'login', 'logout']);
      expect((await ctx.app.inject({ url: '/api/auth/me', headers: { cookie: newCookie } })).statusCode).toBe(
        401,
      );
    });

    it('expires idle sessions', async () => {
      const u = await ctx.createUser({ roles: ['clerk'] });
      expect((await ctx.app.inject({ url: '/api/auth/me', headers: { cookie: u.cookie } })).statusCode).toBe(
        200,
      );
      await ctx.database.db
        .updateTable('sessions')
        .set({ expires_at: '2000-01-01T00:00:00.000Z' })
        .where('user_id', '=', u.id)
        .execute();
      // A change made outside this process's routes is seen once the cached credential is a
      // second old (AuthCache); drop it now rather than wait.
      ctx.app.authCache.clear();
      expect((await ctx.app.inject({ url: '/api/auth/me', headers: { cookie: u.cookie } })).statusCode).toBe(
        401,
      );
    });

    it('rate-limits the 11th failure within 15 minutes per username and IP', async () => {
      const u = await ctx.createUser({ roles: ['sales'] });
      const attempt = (password: string, ip = '10.9.8.7') =>
        ctx.app.inject({
          method: 'POST',
          url: '/api/auth/login',
          remoteAddress: ip,
          payload: { username: u.username, password },
        });
      for (let i = 0; i < 10; i++) expect((await attempt('wrong-password')).statusCode).toBe(401);
      const eleventh = await attempt('wrong-password');
      expect(eleventh.statusCode).toBe(429);
      expect(eleventh.json().error.code).toBe('RATE_LIMITED');
      // Locked even with the right password, but only for that IP.
      expect((await attempt(u.password)).statusCode).toBe(429);
      expect((await attempt(u.password, '10.9.8.8')).statusCode).toBe(200);
    });

    it('refuses cross-site mutating requests made with the session cookie (CSRF)', async () => {
      const cookie = await ctx.adminCookie();
      const payload = {
        username: 'csrf_victim',
        password: 'password-123',
        displayName: 'x',
        roles: ['clerk'],
      };
      const evil = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie, origin: 'https://evil.example', host: 'gendan.local' },
        payload,
      });
      expect(evil.statusCode).toBe(403);
      expect(evil.json().error.code).toBe('CSRF_REJECTED');
      const fetchMeta = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie, 'sec-fetch-site': 'cross-site' },
        payload,
      });
      expect(fetchMeta.statusCode).toBe(403);
      const same = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: {
          cookie,
          origin: 'http://gendan.local',
          host: 'gendan.local',
          'sec-fetch-site': 'same-origin',
        },
        payload,
      });
      expect(same.statusCode).toBe(201);
    });
  });

  describe('access', () => {
    it('gives 401 without a session, 403 with the wrong role', async () => {
      expect((await ctx.app.inject({ url: '/api/users' })).statusCode).toBe(401);
      expect((await ctx.app.inject({ url: '/api/auth/me' })).json().error.code).toBe('UNAUTHENTICATED');
      const clerk = await ctx.createUser({ roles: ['clerk'] });
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: clerk.cookie },
        payload: { username: 'x_forbidden', password: 'password-123', displayName: 'x', roles: ['clerk'] },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
      expect(
        await ctx.database.db
          .selectFrom('users')
          .where('username', '=', 'x_forbidden')
          .select('id')
          .executeTakeFirst(),
      ).toBeUndefined();
    });

    it('lets staff look colleagues up, to assign a clerk or sales rep', async () => {
      const sales = await ctx.createUser({ roles: ['sales'] });
      const res = await ctx.app.inject({ url: '/api/users?role=clerk', headers: { cookie: sales.cookie } });
      expect(res.statusCode).toBe(200);
      expect(res.json().items.every((u: { roles: string[] }) => u.roles.includes('clerk'))).toBe(true);
    });

    it('checks access before validating the body', async () => {
      const res = await ctx.app.inject({ method: 'POST', url: '/api/users', payload: { junk: true } });
      expect(res.statusCode).toBe(401);
    });

    it('hides another company from a customer user with 404', async () => {
      const mine = await ctx.createUser({ roles: ['customer'], customerId: 'cust-a' });
      const colleague = await ctx.createUser({ roles: ['customer'], customerId: 'cust-a' });
      const other = await ctx.createUser({ roles: ['customer'], customerId: 'cust-b' });
      const ok = await ctx.app.inject({
        url: `/api/users/${colleague.id}`,
        headers: { cookie: mine.cookie },
      });
      expect(ok.statusCode).toBe(200);
      const hidden = await ctx.app.inject({
        url: `/api/users/${other.id}`,
        headers: { cookie: mine.cookie },
      });
      expect(hidden.statusCode).toBe(404);
      const missing = await ctx.app.inject({
        url: '/api/users/does-not-exist',
        headers: { cookie: mine.cookie },
      });
      expect(hidden.json().error.code).toBe(missing.json().error.code);
      // Portal users may not list users at all.
      expect((await ctx.app.inject({ url: '/api/users', headers: { cookie: mine.cookie } })).statusCode).toBe(
        403,
      );
    });
  });

  describe('users', () => {
    it('creates a user (admin only), with one audit row', async () => {
      const cookie = await ctx.adminCookie();
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie },
        payload: {
          username: 'li.clerk',
          password: 'password-123',
          displayName: '李跟单',
          roles: ['clerk', 'sales'],
          language: 'en',
          email: 'li@example.com',
        },
      });
      expect(res.statusCode).toBe(201);
      const user = res.json();
      expect(user).toMatchObject({
        username: 'li.clerk',
        displayName: '李跟单',
        roles: ['clerk', 'sales'],
        language: 'en',
        active: true,
        version: 1,
      });
      expect(typeof user.id).toBe('string');
      expect(await auditCount(user.id)).toBe(1);
      const dup = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie },
        payload: { username: 'li.clerk', password: 'password-123', displayName: 'x', roles: ['clerk'] },
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json().error.code).toBe('USERNAME_TAKEN');
      // The new user signs in and gets messages in English, the language stored on the user.
      const login = await ctx.login('li.clerk', 'password-123');
      const forbidden = await ctx.app.inject({ url: '/api/tokens', headers: { cookie: login.cookie } });
      expect(forbidden.json().error.message).toBe('You do not have permission to do this');
    });

    it('rejects unknown fields, wrong types and malformed JSON with 400 and the field path', async () => {
      const cookie = await ctx.adminCookie();
      const unknown = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie },
        payload: {
          username: 'v1',
          password: 'password-123',
          displayName: 'x',
          roles: ['clerk'],
          isRoot: true,
        },
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.code).toBe('VALIDATION_FAILED');
      expect(JSON.stringify(unknown.json().error.details)).toContain('isRoot');
      const wrongType = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie, 'accept-language': 'en' },
        payload: { username: 'v2', password: 'password-123', displayName: 'x', roles: ['clerk', 42] },
      });
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json().error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: 'body.roles[1]' })]),
      );
      const bad = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie, 'content-type': 'application/json' },
        payload: '{"username": ',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('BAD_JSON');
      expect(
        await ctx.database.db
          .selectFrom('users')
          .where('username', 'in', ['v1', 'v2'])
          .select('id')
          .execute(),
      ).toEqual([]);
    });

    it('requires a company for portal users', async () => {
      const cookie = await ctx.adminCookie();
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie },
        payload: { username: 'portal1', password: 'password-123', displayName: 'x', roles: ['customer'] },
      });
      expect(res.statusCode).toBe(400);
    });

    it('updates with the version check: a stale version gets 409 and nothing is overwritten', async () => {
      const cookie = await ctx.adminCookie();
      const created = (
        await ctx.app.inject({
          method: 'POST',
          url: '/api/users',
          headers: { cookie },
          payload: { username: 'ver.user', password: 'password-123', displayName: 'Before', roles: ['qc'] },
        })
      ).json();
      const first = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/users/${created.id}`,
        headers: { cookie },
        payload: { version: 1, displayName: 'After', roles: ['qc', 'production'] },
      });
      expect(first.statusCode).toBe(200);
      expect(first.json()).toMatchObject({ displayName: 'After', version: 2, roles: ['qc', 'production'] });
      const stale = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/users/${created.id}`,
        headers: { cookie },
        payload: { version: 1, displayName: 'Lost update' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('VERSION_CONFLICT');
      const now = await ctx.app.inject({ url: `/api/users/${created.id}`, headers: { cookie } });
      expect(now.json()).toMatchObject({ displayName: 'After', version: 2 });
      expect(await auditCount(created.id)).toBe(2);
    });

    it('ends the sessions of a deactivated user and keeps the last admin', async () => {
      const cookie = await ctx.adminCookie();
      const u = await ctx.createUser({ roles: ['warehouse'] });
      const res = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/users/${u.id}`,
        headers: { cookie },
        payload: { version: 1, active: false },
      });
      expect(res.statusCode).toBe(200);
      expect((await ctx.app.inject({ url: '/api/auth/me', headers: { cookie: u.cookie } })).statusCode).toBe(
        401,
      );
      const me = (await ctx.app.inject({ url: '/api/auth/me', headers: { cookie } })).json();
      const last = await ctx.app.inject({
        method: 'PATCH',
        url: `/api/users/${me.id}`,
        headers: { cookie },
        payload: { version: me.version, roles: ['clerk'] },
      });
      expect(last.statusCode).toBe(409);
      expect(last.json().error.code).toBe('LAST_ADMIN');
    });

    it('lists with filters, search and allow-listed sort', async () => {
      const cookie = await ctx.adminCookie();
      const res = await ctx.app.inject({ url: '/api/users?role=admin&sort=-createdAt', headers: { cookie } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.items.every((u: { roles: string[] }) => u.roles.includes('admin'))).toBe(true);
      const search = await ctx.app.inject({ url: '/api/users?q=LI.CLE', headers: { cookie } });
      expect(search.json().items.map((u: { username: string }) => u.username)).toEqual(['li.clerk']);
      const wildcard = await ctx.app.inject({ url: '/api/users?q=%25', headers: { cookie } });
      expect(wildcard.json().total).toBe(0);
      const badSort = await ctx.app.inject({ url: '/api/users?sort=password_hash', headers: { cookie } });
      expect(badSort.statusCode).toBe(400);
    });

    it('lets a user change its own language and password', async () => {
      const u = await ctx.createUser({ roles: ['finance'] });
      const res = await ctx.app.inject({
        method: 'PATCH',
        url: '/api/auth/me',
        headers: { cookie: u.cookie },
        payload: { language: 'en' },
      });
      expect(res.json().language).toBe('en');
      const wrong = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie: u.cookie },
        payload: { currentPassword: 'nope-nope', newPassword: 'new-password-1' },
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error.message).toBe('The current password is wrong');
      const ok = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { cookie: u.cookie },
        payload: { currentPassword: u.password, newPassword: 'new-password-1' },
      });
      expect(ok.statusCode).toBe(200);
      expect((await ctx.app.inject({ url: '/api/auth/me', headers: { cookie: u.cookie } })).statusCode).toBe(
        200,
      );
      await ctx.login(u.username, 'new-password-1');
    });
  });

  describe('API tokens', () => {
    it('creates a hashed token usable as Bearer, and revokes it', async () => {
      const cookie = await ctx.adminCookie();
      const u = await ctx.createUser({ roles: ['sales'] });
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/tokens',
        headers: { cookie },
        payload: { userId: u.id, name: 'ERP sync' },
      });
      expect(res.statusCode).toBe(201);
      const { token, id } = res.json();
      expect(token).toMatch(/^gdn_/);
      const stored = await ctx.database.db
        .selectFrom('api_tokens')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(stored.token_hash).not.toBe(token);
      expect(JSON.stringify(stored)).not.toContain(token);
      const me = await ctx.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
      expect(me.statusCode).toBe(200);
      expect(me.json()).toMatchObject({ username: u.username, authMethod: 'token' });
      // A bearer request needs no CSRF check and carries no cookie.
      const list = await ctx.app.inject({ url: '/api/tokens', headers: { cookie } });
      expect(list.json().find((t: { id: string }) => t.id === id)).not.toHaveProperty('token');
      await ctx.app.inject({ method: 'DELETE', url: `/api/tokens/${id}`, headers: { cookie } });
      const after = await ctx.app.inject({
        url: '/api/auth/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(after.statusCode).toBe(401);
      // A bad token is refused on a public route too (health probes excepted: they never look).
      const garbage = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/logout',
        headers: { authorization: 'Bearer nope' },
      });
      expect(garbage.statusCode).toBe(401);
    });
  });
});
