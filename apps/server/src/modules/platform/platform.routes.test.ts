import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import path from 'node:path';
import { Writable } from 'node:stream';
import { buildApp } from '../../app';
import { openDatabase } from '../../db/database';
import { forEachDialect, testConfig } from '../../../test/helpers';
import { APP_VERSION } from '../../lib/version';
import { bodyFingerprint } from './platform.idempotency';

forEachDialect('platform API', (ctx) => {
  describe('health and system', () => {
    it('reports health publicly', async () => {
      const res = await ctx.app.inject({ url: '/api/health' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ status: 'ok', db: ctx.dialect, version: APP_VERSION });
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('answers a probe whatever credentials it carries, without looking them up', async () => {
      for (const headers of [{ authorization: 'Bearer not-a-token' }, { cookie: 'gendan_sid=unknown' }]) {
        const res = await ctx.app.inject({ url: '/api/health', headers });
        expect(res.statusCode, JSON.stringify(headers)).toBe(200);
      }
      // Elsewhere a bad token is refused.
      const me = await ctx.app.inject({
        url: '/api/auth/me',
        headers: { authorization: 'Bearer not-a-token' },
      });
      expect(me.statusCode).toBe(401);
    });

    it('reports degraded with 503 when the database does not answer', async () => {
      // A second handle on the test database, closed under the app's feet.
      const broken =
        ctx.dialect === 'postgres'
          ? openDatabase({
              databaseUrl: ctx.testDb.databaseUrl,
              pgSchema: ctx.testDb.pgSchema,
              pgPoolSize: 1,
            })
          : openDatabase({ sqliteFile: path.join(ctx.dataDir, 'gendan.db') });
      const app = await buildApp(testConfig(ctx.dataDir), { database: broken, logger: false });
      try {
        expect((await app.inject({ url: '/api/health' })).statusCode).toBe(200);
        await broken.destroy();
        const res = await app.inject({ url: '/api/health' });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toEqual({ status: 'degraded', db: ctx.dialect, version: APP_VERSION });
      } finally {
        await app.close();
      }
    });

    it('writes the request id on each log line of a request and in the response header', async () => {
      const lines: Array<Record<string, unknown>> = [];
      const stream = new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
          done();
        },
      });
      const app = await buildApp(testConfig(ctx.dataDir), {
        database: ctx.database,
        logger: { level: 'info', stream },
      });
      try {
        const res = await app.inject({ url: '/api/health', headers: { 'x-request-id': 'probe-42' } });
        expect(res.headers['x-request-id']).toBe('probe-42');
        const own = lines.filter((l) => l.reqId === 'probe-42');
        expect(own.map((l) => l.msg)).toEqual(['incoming request', 'request completed']);
        expect(lines.filter((l) => (l.req || l.res) && l.reqId !== 'probe-42')).toEqual([]);
        const generated = await app.inject({ url: '/api/health' });
        const id = generated.headers['x-request-id'];
        expect(id).toMatch(/^[\w.:-]{1,64}$/);
        expect(lines.filter((l) => l.reqId === id)).toHaveLength(2);
      } finally {
        await app.close();
      }
    });

    it('shows the system page to signed-in users only', async () => {
      expect((await ctx.app.inject({ url: '/api/system' })).statusCode).toBe(401);
      const res = await ctx.app.inject({ url: '/api/system', headers: { cookie: await ctx.adminCookie() } });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({ version: APP_VERSION, db: ctx.dialect, timeZone: 'Asia/Shanghai' });
      expect(body.migrations).toContain('20261127000001_platform_init');
      expect(body.outbox).toEqual({ pending: expect.any(Number), dead: expect.any(Number) });
      expect(body.dbLabel).not.toMatch(/password|:[^/@]*@/);
    });
  });

  describe('uploads', () => {
    it('takes multipart only on the routes that accept a file', async () => {
      const boundary = 'gendan-test-boundary';
      const body =
        `--${boundary}\r\nContent-Disposition: form-data; name="username"\r\n\r\nadmin\r\n` +
        `--${boundary}--\r\n`;
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: body,
      });
      expect(res.statusCode).toBe(415);
      expect(res.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('settings', () => {
    it('reads defaults, updates with the version, refuses a stale one and audits', async () => {
      const clerk = await ctx.createUser({ roles: ['clerk'] });
      const admin = await ctx.adminCookie();
      const initial = await ctx.app.inject({ url: '/api/settings', headers: { cookie: clerk.cookie } });
      expect(initial.statusCode).toBe(200);
      const s0 = initial.json();
      expect(s0).toMatchObject({ timeZone: 'Asia/Shanghai', currency: 'CNY' });
      expect(s0.numbering.sales_order).toBe('SO{yyyy}{MM}-{seq:5}');

      const forbidden = await ctx.app.inject({
        method: 'PUT',
        url: '/api/settings',
        headers: { cookie: clerk.cookie },
        payload: { version: s0.version, companyName: 'X' },
      });
      expect(forbidden.statusCode).toBe(403);

      const ok = await ctx.app.inject({
        method: 'PUT',
        url: '/api/settings',
        headers: { cookie: admin },
        payload: {
          version: s0.version,
          companyName: '宁波精工',
          numbering: { sales_order: 'XS{yy}{MM}{seq:4}' },
        },
      });
      expect(ok.statusCode).toBe(200);
      const s1 = ok.json();
      expect(s1).toMatchObject({ companyName: '宁波精工', version: s0.version + 1 });
      expect(s1.numbering).toMatchObject({
        sales_order: 'XS{yy}{MM}{seq:4}',
        purchase_order: 'PO{yyyy}{MM}-{seq:5}',
      });

      const stale = await ctx.app.inject({
        method: 'PUT',
        url: '/api/settings',
        headers: { cookie: admin, 'accept-language': 'en' },
        payload: { version: s0.version, companyName: 'Lost update' },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('VERSION_CONFLICT');
      expect(
        (await ctx.app.inject({ url: '/api/settings', headers: { cookie: admin } })).json().companyName,
      ).toBe('宁波精工');

      const rows = await sql<{ action: string; actor_name: string; after: string }>`
        select action, actor_name, after from audit_log where entity_type = 'settings' and entity_id = 'company'
      `.execute(ctx.database.db);
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0]).toMatchObject({ action: 'update', actor_name: 'admin' });
      expect(JSON.parse(rows.rows[0]!.after)).toMatchObject({ companyName: '宁波精工' });
    });

    it('refuses an unknown time zone, a bad pattern and unknown fields with 400', async () => {
      const admin = await ctx.adminCookie();
      const { version } = (await ctx.app.inject({ url: '/api/settings', headers: { cookie: admin } })).json();
      for (const payload of [
        { version, timeZone: 'Mars/Olympus' },
        { version, numbering: { sales_order: 'SO-no-seq' } },
        { version, colour: 'red' },
        { companyName: 'no version' },
      ]) {
        const res = await ctx.app.inject({
          method: 'PUT',
          url: '/api/settings',
          headers: { cookie: admin },
          payload,
        });
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      }
      const ok = await ctx.app.inject({
        method: 'PUT',
        url: '/api/settings',
        headers: { cookie: admin },
        payload: { version, timeZone: 'Europe/Berlin' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().timeZone).toBe('Europe/Berlin');
    });
  });

  describe('audit log', () => {
    it('is readable by admins and managers, filtered and paginated', async () => {
      const manager = await ctx.createUser({ roles: ['manager'] });
      const clerk = await ctx.createUser({ roles: ['clerk'] });
      expect(
        (await ctx.app.inject({ url: '/api/audit', headers: { cookie: clerk.cookie } })).statusCode,
      ).toBe(403);
      const res = await ctx.app.inject({
        url: '/api/audit?entityType=settings&page=1&pageSize=1',
        headers: { cookie: manager.cookie },
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.total).toBeGreaterThanOrEqual(1);
      expect(body.items).toHaveLength(1);
      expect(body.items[0]).toMatchObject({ entityType: 'settings', action: 'update', actorName: 'admin' });
      expect(typeof body.items[0].after).toBe('object');
      expect(
        (await ctx.app.inject({ url: '/api/audit?bogus=1', headers: { cookie: manager.cookie } })).statusCode,
      ).toBe(400);
    });
  });

  describe('Idempotency-Key', () => {
    const newUser = (username: string) => ({
      username,
      password: 'password-123',
      displayName: username,
      roles: ['clerk'],
    });

    it('lets 50 concurrent requests with one key create exactly one resource', async () => {
      const admin = await ctx.adminCookie();
      const key = `create-user-${Date.now()}`;
      const responses = await Promise.all(
        Array.from({ length: 50 }, () =>
          ctx.app.inject({
            method: 'POST',
            url: '/api/users',
            headers: { cookie: admin, 'idempotency-key': key },
            payload: newUser('idem_user'),
          }),
        ),
      );
      const statuses = responses.map((r) => r.statusCode);
      expect(
        new Set(statuses),
        responses
          .map((r) => r.body)
          .join('\n')
          .slice(0, 2000),
      ).toEqual(new Set([201]));
      const ids = new Set(responses.map((r) => r.json().id as string));
      expect(ids.size).toBe(1);
      expect([...ids][0]).toMatch(/^[0-9a-f-]{36}$/);
      expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(49);
      const count = await sql<{
        n: number;
      }>`select count(*) as n from users where username = 'idem_user'`.execute(ctx.database.db);
      expect(Number(count.rows[0]!.n)).toBe(1);

      // A later replay still gets the stored response.
      const later = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: admin, 'idempotency-key': key },
        payload: {
          roles: ['clerk'],
          displayName: 'idem_user',
          password: 'password-123',
          username: 'idem_user',
        },
      });
      expect(later.statusCode).toBe(201);
      expect(later.json().id).toBe([...ids][0]);
      expect(later.headers['idempotent-replayed']).toBe('true');

      // The same key with another body is refused.
      const reused = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: admin, 'idempotency-key': key, 'accept-language': 'en' },
        payload: newUser('idem_other'),
      });
      expect(reused.statusCode).toBe(422);
      expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('scopes keys per user and releases a key whose request failed', async () => {
      const admin = await ctx.adminCookie();
      const other = await ctx.createUser({ roles: ['admin'] });
      const key = `scoped-${Date.now()}`;
      const first = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: admin, 'idempotency-key': key },
        payload: newUser('idem_scope_a'),
      });
      expect(first.statusCode).toBe(201);
      // Another user may use the same key for its own request.
      const second = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: other.cookie, 'idempotency-key': key },
        payload: newUser('idem_scope_b'),
      });
      expect(second.statusCode).toBe(201);
      expect(second.headers['idempotent-replayed']).toBeUndefined();

      // A failed request (409: the username is taken) is not stored: the retry runs again.
      const failKey = `fail-${Date.now()}`;
      for (let i = 0; i < 2; i++) {
        const res = await ctx.app.inject({
          method: 'POST',
          url: '/api/users',
          headers: { cookie: admin, 'idempotency-key': failKey },
          payload: newUser('idem_scope_a'),
        });
        expect(res.statusCode).toBe(409);
        expect(res.json().error.code).toBe('USERNAME_TAKEN');
        expect(res.headers['idempotent-replayed']).toBeUndefined();
      }
    });

    it('releases the key of a request the service refused: the corrected retry runs and is then replayed', async () => {
      const admin = await ctx.adminCookie();
      const key = `release-${Date.now()}`;
      const send = (payload: Record<string, unknown>) =>
        ctx.app.inject({
          method: 'POST',
          url: '/api/users',
          headers: { cookie: admin, 'idempotency-key': key, 'accept-language': 'en' },
          payload,
        });
      const usersNamed = async (username: string) =>
        Number(
          (
            await sql<{ n: number }>`select count(*) as n from users where username = ${username}`.execute(
              ctx.database.db,
            )
          ).rows[0]!.n,
        );
      const keyRows = async () =>
        Number(
          (
            await sql<{ n: number }>`select count(*) as n from idempotency_keys where key = ${key}`.execute(
              ctx.database.db,
            )
          ).rows[0]!.n,
        );

      // Valid for the schema, so the key is claimed; the service then refuses a customer user
      // without a customer.
      const refusedBody = { ...newUser('idem_release'), roles: ['customer'] };
      const refused = await send(refusedBody);
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().error.code).toBe('BAD_REQUEST');
      expect(refused.headers['idempotent-replayed']).toBeUndefined();
      expect(await keyRows()).toBe(0);
      expect(await usersNamed('idem_release')).toBe(0);

      const corrected = await send(newUser('idem_release'));
      expect(corrected.statusCode, corrected.body).toBe(201);
      expect(corrected.headers['idempotent-replayed']).toBeUndefined();
      expect(corrected.json()).toMatchObject({ username: 'idem_release', roles: ['clerk'] });
      expect(await usersNamed('idem_release')).toBe(1);

      const replayed = await send(newUser('idem_release'));
      expect(replayed.statusCode).toBe(201);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      expect(replayed.json()).toEqual(corrected.json());
      expect(await usersNamed('idem_release')).toBe(1);

      // The key now stands for the success: the refused body is another request.
      const reused = await send(refusedBody);
      expect(reused.statusCode).toBe(422);
      expect(reused.json().error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('waits for the request holding the key, then answers 409 IDEMPOTENCY_IN_FLIGHT without running', async () => {
      const holder = await ctx.createUser({ roles: ['admin'] });
      const key = `in-flight-${Date.now()}`;
      const payload = newUser('idem_in_flight');
      // The same request, claimed by another process that is still running it.
      await ctx.database.db
        .insertInto('idempotency_keys')
        .values({
          scope: holder.id,
          key,
          method: 'POST',
          path: '/api/users',
          body_hash: bodyFingerprint(payload, 'application/json', undefined),
          status: 'in_flight',
          response_status: null,
          response_body: null,
          created_at: new Date().toISOString(),
        })
        .execute();
      const started = Date.now();
      const res = await ctx.app.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: holder.cookie, 'idempotency-key': key, 'accept-language': 'en' },
        payload,
      });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.code).toBe('IDEMPOTENCY_IN_FLIGHT');
      expect(Date.now() - started).toBeGreaterThanOrEqual(9_000);
      const count = await sql<{
        n: number;
      }>`select count(*) as n from users where username = 'idem_in_flight'`.execute(ctx.database.db);
      expect(Number(count.rows[0]!.n)).toBe(0);
    });

    it('refuses an empty or overlong key', async () => {
      const admin = await ctx.adminCookie();
      for (const key of ['', 'k'.repeat(201)]) {
        const res = await ctx.app.inject({
          method: 'POST',
          url: '/api/users',
          headers: { cookie: admin, 'idempotency-key': key },
          payload: newUser('idem_badkey'),
        });
        expect(res.statusCode).toBe(400);
        expect(res.json().error.code).toBe('IDEMPOTENCY_KEY_INVALID');
      }
    });
  });
});
