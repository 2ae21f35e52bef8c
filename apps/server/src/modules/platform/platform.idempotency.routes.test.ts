import { Readable, Writable } from 'node:stream';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { Kysely, KyselyPlugin, QueryId } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers';
import type { DB } from '../../db/schema';
import { registerErrorHandling } from '../../plugins/errors';
import { bodyFingerprint, registerIdempotency, type IdempotencyOptions } from './platform.idempotency';

/**
 * The Idempotency-Key hooks on a small app of their own, so that each test controls the wait
 * times, the routes (statuses, empty and binary bodies, unparsed uploads) and the database
 * underneath (failures, a row that vanishes). The real routes are covered in platform.routes.test.ts.
 */

type LogLine = Record<string, unknown> & { level: number; msg: string };
type User = NonNullable<FastifyRequest['user']>;

interface SmallApp {
  app: FastifyInstance;
  lines: LogLine[];
  runs: Map<string, number>;
}

const HOUR = 3600 * 1000;

/** A plugin that makes the chosen kinds of statement fail, or one look-up find nothing. */
class Sabotage implements KyselyPlugin {
  failing = new Set<string>();
  hideNextSelect = false;
  private readonly hidden = new WeakSet<QueryId>();
  transformQuery: KyselyPlugin['transformQuery'] = ({ node, queryId }) => {
    if (this.failing.has(node.kind)) throw new Error(`sabotaged ${node.kind}`);
    if (this.hideNextSelect && node.kind === 'SelectQueryNode') {
      this.hideNextSelect = false;
      this.hidden.add(queryId);
    }
    return node;
  };
  transformResult: KyselyPlugin['transformResult'] = ({ queryId, result }) =>
    Promise.resolve(this.hidden.has(queryId) ? { ...result, rows: [] } : result);
}

async function smallApp(
  db: Kysely<DB>,
  opts: IdempotencyOptions = { pollMs: 5, waitMs: 200 },
): Promise<SmallApp> {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as LogLine);
      done();
    },
  });
  const app = Fastify({ logger: { level: 'info', stream } });
  app.decorate('db', db);
  app.decorateRequest('user', null);
  app.decorateRequest('lang', 'en');
  app.addHook('onRequest', async (req) => {
    const id = req.headers['x-user'];
    if (typeof id === 'string') req.user = { id } as unknown as User;
  });
  registerErrorHandling(app);
  registerIdempotency(app, opts);
  // Bodies left unparsed, like multipart uploads in the real app.
  app.addContentTypeParser(
    ['multipart/form-data', 'multipart/mixed'],
    { parseAs: 'buffer' },
    (_req, _body, done) => done(null, undefined),
  );

  const runs = new Map<string, number>();
  const run = (name: string) => {
    const n = (runs.get(name) ?? 0) + 1;
    runs.set(name, n);
    return n;
  };
  app.post('/api/things', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    const row =
      typeof key === 'string'
        ? await db
            .selectFrom('idempotency_keys')
            .select('status')
            .where('scope', '=', req.user?.id ?? 'anon')
            .where('key', '=', key)
            .executeTakeFirst()
        : undefined;
    return reply.code(201).send({ n: run('things'), keyStatus: row?.status ?? null });
  });
  app.post('/api/other', async (_req, reply) => reply.code(201).send({ n: run('other') }));
  app.route({
    method: ['POST', 'PUT'],
    url: '/api/both',
    handler: async (_req, reply) => reply.code(201).send({ n: run('both') }),
  });
  app.post('/api/empty', async (_req, reply) => {
    run('empty');
    return reply.code(201).send();
  });
  app.post('/api/empty-string', async (_req, reply) => {
    run('empty-string');
    return reply.code(200).type('text/plain').send('');
  });
  app.post('/api/status/:code', async (req, reply) => {
    const code = Number((req.params as { code: string }).code);
    return reply.code(code).send({ n: run(`status-${code}`) });
  });
  app.post('/api/buffer', async (_req, reply) =>
    reply
      .code(201)
      .type('application/json; charset=utf-8')
      .send(Buffer.from(JSON.stringify({ n: run('buffer'), text: '订单' }))),
  );
  app.post('/api/stream', async (_req, reply) => {
    run('stream');
    return reply
      .code(201)
      .type('text/plain')
      .send(Readable.from(['streamed']));
  });
  app.post('/api/upload', async (_req, reply) => reply.code(201).send({ n: run('upload') }));
  app.get('/api/things', async () => ({ n: run('get') }));
  app.post('/outside', async (_req, reply) => reply.code(201).send({ n: run('outside') }));
  await app.ready();
  return { app, lines, runs };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

for (const dialect of testDialects()) {
  describe(`Idempotency-Key hooks [${dialect}]`, () => {
    let testDb: TestDatabase;
    let db: Kysely<DB>;
    const apps: FastifyInstance[] = [];
    let seq = 0;
    const uniqueKey = (name: string) => `${name}-${Date.now()}-${++seq}`;

    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
      db = testDb.database.db;
    });
    afterAll(async () => {
      for (const app of apps) await app.close();
      await testDb?.dispose();
    });

    const open = async (opts?: IdempotencyOptions, database: Kysely<DB> = db) => {
      const small = await smallApp(database, opts);
      apps.push(small.app);
      return small;
    };
    const post = (
      app: FastifyInstance,
      url: string,
      key: string | string[] | undefined,
      payload?: unknown,
      headers: Record<string, string> = {},
    ) =>
      app.inject({
        method: 'POST',
        url,
        headers: { ...(key === undefined ? {} : { 'idempotency-key': key }), ...headers },
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
    const keyRow = (scope: string, key: string) =>
      db
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('scope', '=', scope)
        .where('key', '=', key)
        .executeTakeFirst();
    const insertRow = (row: {
      scope?: string;
      key: string;
      path?: string;
      method?: string;
      bodyHash?: string;
      status: string;
      createdAt: Date;
      responseStatus?: number;
      responseBody?: string;
    }) =>
      db
        .insertInto('idempotency_keys')
        .values({
          scope: row.scope ?? 'anon',
          key: row.key,
          method: row.method ?? 'POST',
          path: row.path ?? '/api/things',
          body_hash: row.bodyHash ?? bodyFingerprint({ a: 1 }, 'application/json', undefined),
          status: row.status,
          response_status: row.responseStatus ?? null,
          response_body: row.responseBody ?? null,
          created_at: row.createdAt.toISOString(),
        })
        .execute();
    /** Waits until `check` holds (at most 3 s). */
    const eventually = async (check: () => Promise<boolean>) => {
      const until = Date.now() + 3000;
      while (!(await check())) {
        if (Date.now() > until) throw new Error('condition not reached in 3 s');
        await sleep(10);
      }
    };

    it('claims the key while the request runs, stores its 2xx response and replays it', async () => {
      const { app, runs } = await open();
      const key = uniqueKey('store');
      const first = await post(app, '/api/things', key, { a: 1 });
      expect(first.statusCode).toBe(201);
      expect(first.json()).toEqual({ n: 1, keyStatus: 'in_flight' });
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      expect(await keyRow('anon', key)).toMatchObject({
        method: 'POST',
        path: '/api/things',
        status: 'done',
        response_status: 201,
        response_body: first.body,
      });

      const again = await post(app, '/api/things', key, { a: 1 });
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(again.body).toBe(first.body);
      expect(runs.get('things')).toBe(1);
    });

    it('scopes keys to the caller, anonymous callers sharing one scope', async () => {
      const { app, runs } = await open();
      const key = uniqueKey('scope');
      expect((await post(app, '/api/things', key, { a: 1 })).json().n).toBe(1);
      const asUser = await post(app, '/api/things', key, { a: 1 }, { 'x-user': 'user-1' });
      expect(asUser.json().n).toBe(2);
      expect(asUser.headers['idempotent-replayed']).toBeUndefined();
      expect(await keyRow('user-1', key)).toMatchObject({ status: 'done' });
      expect(await keyRow('anon', key)).toMatchObject({ status: 'done' });
      const anonAgain = await post(app, '/api/things', key, { a: 1 });
      expect(anonAgain.headers['idempotent-replayed']).toBe('true');
      expect(runs.get('things')).toBe(2);
    });

    it('takes keys of 1 to 200 characters and refuses longer ones', async () => {
      const { app, runs } = await open();
      const one = `${++seq % 10}`;
      const long = uniqueKey('long').padEnd(200, 'x');
      for (const key of [one, long]) {
        const res = await post(app, '/api/other', key, { a: 1 }, { 'x-user': `len-${Date.now()}` });
        expect(res.statusCode, key).toBe(201);
      }
      expect(runs.get('other')).toBe(2);
      for (const bad of ['', `${long}y`]) {
        const refused = await post(app, '/api/other', bad, { a: 1 });
        expect(refused.statusCode).toBe(400);
        expect(refused.json().error).toEqual({
          code: 'IDEMPOTENCY_KEY_INVALID',
          message: 'The Idempotency-Key header must be 1–200 characters long',
        });
      }
      expect(runs.get('other')).toBe(2);
    });

    it('joins a repeated header into one key', async () => {
      const { app } = await open();
      const a = uniqueKey('a');
      const res = await post(app, '/api/other', [a, 'b'], { a: 1 });
      expect(res.statusCode).toBe(201);
      expect(await keyRow('anon', `${a}, b`)).toMatchObject({ status: 'done' });
      const same = await post(app, '/api/other', `${a}, b`, { a: 1 });
      expect(same.headers['idempotent-replayed']).toBe('true');
    });

    it('refuses the key for another body, another target or another method (422)', async () => {
      const { app, runs } = await open();
      const key = uniqueKey('reuse');
      expect((await post(app, '/api/both', key, { a: 1 })).statusCode).toBe(201);
      const expectReused = (res: Awaited<ReturnType<typeof post>>) => {
        expect(res.statusCode).toBe(422);
        expect(res.json().error).toEqual({
          code: 'IDEMPOTENCY_KEY_REUSED',
          message: 'This Idempotency-Key was already used with a different request body',
        });
      };
      expectReused(await post(app, '/api/both', key, { a: 2 }));
      expectReused(await post(app, '/api/other', key, { a: 1 }));
      expectReused(
        await app.inject({
          method: 'PUT',
          url: '/api/both',
          headers: { 'idempotency-key': key },
          payload: { a: 1 },
        }),
      );
      expect(runs.get('both')).toBe(1);
      expect(runs.get('other')).toBeUndefined();
      expect((await post(app, '/api/both', key, { a: 1 })).headers['idempotent-replayed']).toBe('true');
    });

    it('replays an empty response as empty, without a content type', async () => {
      const { app, runs } = await open();
      for (const [url, status] of [
        ['/api/empty', 201],
        ['/api/empty-string', 200],
      ] as const) {
        const key = uniqueKey('empty');
        const first = await post(app, url, key, { a: 1 });
        expect(first.statusCode).toBe(status);
        expect(first.body).toBe('');
        const again = await post(app, url, key, { a: 1 });
        expect(again.statusCode, url).toBe(status);
        expect(again.headers['idempotent-replayed']).toBe('true');
        expect(again.body).toBe('');
        expect(again.headers['content-type'], url).toBeUndefined();
      }
      expect(runs.get('empty')).toBe(1);
      expect(runs.get('empty-string')).toBe(1);
    });

    it('stores 200 to 299 only: any other status releases the key for a retry', async () => {
      const { app, runs } = await open();
      for (const code of [200, 299]) {
        const key = uniqueKey(`ok-${code}`);
        const first = await post(app, `/api/status/${code}`, key, { a: 1 });
        expect(first.statusCode).toBe(code);
        const again = await post(app, `/api/status/${code}`, key, { a: 1 });
        expect(again.statusCode).toBe(code);
        expect(again.headers['idempotent-replayed']).toBe('true');
        expect(runs.get(`status-${code}`)).toBe(1);
      }
      for (const code of [300, 409, 500]) {
        const key = uniqueKey(`fail-${code}`);
        for (let i = 1; i <= 2; i++) {
          const res = await post(app, `/api/status/${code}`, key, { a: 1 });
          expect(res.statusCode).toBe(code);
          expect(res.json().n).toBe(i);
          expect(res.headers['idempotent-replayed']).toBeUndefined();
          expect(await keyRow('anon', key)).toBeUndefined();
        }
      }
    });

    it('stores a binary response as text and replays it as JSON', async () => {
      const { app, runs } = await open();
      const key = uniqueKey('buffer');
      const first = await post(app, '/api/buffer', key, { a: 1 });
      expect(first.json()).toEqual({ n: 1, text: '订单' });
      expect((await keyRow('anon', key))?.response_body).toBe('{"n":1,"text":"订单"}');
      const again = await post(app, '/api/buffer', key, { a: 1 });
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual({ n: 1, text: '订单' });
      expect(runs.get('buffer')).toBe(1);
    });

    it('completes the key of a streamed response without keeping its body', async () => {
      const { app, runs, lines } = await open();
      const key = uniqueKey('stream');
      const first = await post(app, '/api/stream', key, { a: 1 });
      expect(first.body).toBe('streamed');
      expect(await keyRow('anon', key)).toMatchObject({
        status: 'done',
        response_status: 201,
        response_body: null,
      });
      const again = await post(app, '/api/stream', key, { a: 1 });
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toBe('');
      expect(runs.get('stream')).toBe(1);
      expect(lines.filter((l) => l.level >= 50)).toEqual([]);
    });

    it('matches unparsed bodies by media type and length, not by multipart boundary', async () => {
      const { app, runs } = await open();
      const key = uniqueKey('upload');
      const upload = (type: string, body: string) =>
        app.inject({
          method: 'POST',
          url: '/api/upload',
          headers: { 'idempotency-key': key, 'content-type': type },
          payload: body,
        });
      expect((await upload('multipart/form-data; boundary=aaaa', 'x'.repeat(50))).statusCode).toBe(201);
      const retry = await upload('multipart/form-data; boundary=bbbb', 'y'.repeat(50));
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect((await upload('multipart/mixed; boundary=aaaa', 'x'.repeat(50))).statusCode).toBe(422);
      expect((await upload('multipart/form-data; boundary=aaaa', 'x'.repeat(51))).statusCode).toBe(422);
      expect(runs.get('upload')).toBe(1);
    });

    it('waits for the request holding the key for waitMs, then answers 409 without running', async () => {
      const { app, runs } = await open({ pollMs: 5, waitMs: 200 });
      const key = uniqueKey('in-flight');
      await insertRow({ key, status: 'in_flight', createdAt: new Date() });
      const started = Date.now();
      const res = await post(app, '/api/things', key, { a: 1 });
      const took = Date.now() - started;
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toEqual({
        code: 'IDEMPOTENCY_IN_FLIGHT',
        message: 'A request with the same Idempotency-Key is still being processed; retry later',
      });
      expect(took).toBeGreaterThanOrEqual(190);
      expect(took).toBeLessThan(3000);
      expect(runs.get('things')).toBeUndefined();
    });

    it('looks at the request holding the key every pollMs, and takes over when it finishes', async () => {
      const slowPoll = await open({ pollMs: 600, waitMs: 50 });
      const key = uniqueKey('poll');
      await insertRow({ key, status: 'in_flight', createdAt: new Date() });
      const started = Date.now();
      const res = await post(slowPoll.app, '/api/things', key, { a: 1 });
      expect(res.statusCode).toBe(409);
      expect(Date.now() - started).toBeGreaterThanOrEqual(550);

      // The holder fails and releases the key while another request waits: that one runs.
      const { app, runs } = await open({ pollMs: 5, waitMs: 2000 });
      const waiting = post(app, '/api/things', key, { a: 1 });
      await sleep(50);
      await db.deleteFrom('idempotency_keys').where('key', '=', key).execute();
      const taken = await waiting;
      expect(taken.statusCode).toBe(201);
      expect(taken.headers['idempotent-replayed']).toBeUndefined();
      expect(runs.get('things')).toBe(1);
    });

    it('runs again when the stored key is older than 24 hours, replacing it', async () => {
      const { app, runs } = await open();
      // The first keyed request starts the lazy purge; let it finish before planting the old row.
      await post(app, '/api/other', uniqueKey('warm-up'), { a: 1 });
      await sleep(100);
      const key = uniqueKey('expired');
      const createdAt = new Date(Date.now() - 25 * HOUR);
      await insertRow({
        key,
        status: 'done',
        bodyHash: bodyFingerprint({ a: 'old' }, 'application/json', undefined),
        responseStatus: 201,
        responseBody: '{"old":true}',
        createdAt,
      });
      const res = await post(app, '/api/things', key, { a: 1 });
      expect(res.statusCode).toBe(201);
      expect(res.headers['idempotent-replayed']).toBeUndefined();
      expect(res.json().n).toBe(1);
      const row = await keyRow('anon', key);
      expect(Date.parse(row!.created_at)).toBeGreaterThan(Date.now() - HOUR);
      expect(row!.response_body).toBe(res.body);
      expect(runs.get('things')).toBe(1);
    });

    it('purges keys older than 24 hours on the first keyed request, then at most every 10 minutes', async () => {
      const { app } = await open();
      const old = uniqueKey('old');
      const recent = uniqueKey('recent');
      await insertRow({ key: old, status: 'done', createdAt: new Date(Date.now() - 25 * HOUR) });
      await insertRow({ key: recent, status: 'done', createdAt: new Date(Date.now() - 23 * HOUR) });
      // An unkeyed request does not purge.
      await post(app, '/api/other', undefined, { a: 1 });
      await sleep(50);
      expect(await keyRow('anon', old)).toBeDefined();

      await post(app, '/api/other', uniqueKey('trigger'), { a: 1 });
      await eventually(async () => (await keyRow('anon', old)) === undefined);
      expect(await keyRow('anon', recent)).toBeDefined();

      const old2 = uniqueKey('old2');
      await insertRow({ key: old2, status: 'done', createdAt: new Date(Date.now() - 25 * HOUR) });
      await post(app, '/api/other', uniqueKey('trigger2'), { a: 1 });
      await sleep(100);
      expect(await keyRow('anon', old2)).toBeDefined();
      await db.deleteFrom('idempotency_keys').where('key', '=', old2).execute();
    });

    it('logs a failed purge as a warning and still serves the request', async () => {
      const sabotage = new Sabotage();
      sabotage.failing.add('DeleteQueryNode');
      const { app, lines } = await open(undefined, db.withPlugin(sabotage));
      const res = await post(app, '/api/other', uniqueKey('purge-fails'), { a: 1 });
      expect(res.statusCode).toBe(201);
      await eventually(() => Promise.resolve(lines.some((l) => l.level === 40)));
      const warning = lines.find((l) => l.level === 40)!;
      expect(warning.msg).toBe('idempotency: purge of expired keys failed');
      expect(warning.err).toMatchObject({ message: 'sabotaged DeleteQueryNode' });
    });

    it('logs an outcome it could not record and still sends the response', async () => {
      const sabotage = new Sabotage();
      sabotage.failing.add('UpdateQueryNode');
      const { app, lines } = await open(undefined, db.withPlugin(sabotage));
      const key = uniqueKey('record-fails');
      const res = await post(app, '/api/other', key, { a: 1 });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ n: 1 });
      const errors = lines.filter((l) => l.level === 50);
      expect(errors.map((l) => l.msg)).toEqual([
        'idempotency: could not record the outcome of a keyed request',
      ]);
      expect(errors[0]!.err).toMatchObject({ message: 'sabotaged UpdateQueryNode' });
      expect(await keyRow('anon', key)).toMatchObject({ status: 'in_flight' });
      await db.deleteFrom('idempotency_keys').where('key', '=', key).execute();
    });

    it('claims the key again when the row it collided with is gone by the time it looks', async () => {
      const sabotage = new Sabotage();
      const { app, runs } = await open(undefined, db.withPlugin(sabotage));
      const key = uniqueKey('vanish');
      const first = await post(app, '/api/other', key, { a: 1 });
      sabotage.hideNextSelect = true;
      const again = await post(app, '/api/other', key, { a: 1 });
      expect(again.statusCode).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toBe(first.body);
      expect(sabotage.hideNextSelect).toBe(false);
      expect(runs.get('other')).toBe(1);
    });

    it('leaves requests without a key, GET requests and routes outside /api alone', async () => {
      const { app, runs, lines } = await open();
      const key = uniqueKey('untouched');
      for (let i = 1; i <= 2; i++) {
        expect((await post(app, '/api/other', undefined, { a: 1 })).json().n).toBe(i);
        const get = await app.inject({
          method: 'GET',
          url: '/api/things',
          headers: { 'idempotency-key': key },
        });
        expect(get.json().n).toBe(i);
        expect(get.headers['idempotent-replayed']).toBeUndefined();
        const outside = await post(app, '/outside', key, { a: 1 });
        expect(outside.json().n).toBe(i);
        expect(outside.headers['idempotent-replayed']).toBeUndefined();
      }
      expect(runs.get('other')).toBe(2);
      expect(await keyRow('anon', key)).toBeUndefined();
      expect(lines.filter((l) => l.level >= 40)).toEqual([]);
    });
  });
}
