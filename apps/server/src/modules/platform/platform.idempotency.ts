import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Selectable } from 'kysely';
import type { IdempotencyKeyTable } from '../../db/schema';
import { AppError } from '../../lib/errors';
import { appendRouteHook, routeMethods } from '../../lib/route-hooks';
import {
  completeIdempotencyKey,
  deleteIdempotencyKey,
  findIdempotencyKey,
  insertIdempotencyKey,
  purgeIdempotencyKeys,
} from './platform.repository';

/**
 * `Idempotency-Key` for POST requests (DESIGN §5.9, after the IETF draft). The first request with a
 * key claims it with an atomic insert and runs; its 2xx response is stored and replayed to every
 * later request with the same key and body. A failed (non-2xx) request releases the key, so the
 * client may retry. The same key with another body or target gets 422; a request arriving while
 * the first is still running waits for it (up to 10 s) and then gets 409.
 *
 * Keys are scoped to the caller (user id, or 'anon'), live 24 h, and are stored in the database,
 * so the guarantee holds across processes on PostgreSQL.
 */

const HEADER = 'idempotency-key';
const TTL_MS = 24 * 3600 * 1000;
const PURGE_EVERY_MS = 10 * 60 * 1000;

export interface IdempotencyOptions {
  /** How often a waiting request looks at the in-flight one (default 25 ms). */
  pollMs?: number;
  /** How long it waits before giving up with 409 (default 10 s). */
  waitMs?: number;
}

/** JSON with object keys sorted at every depth, so that key order does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return canonicalJson((value as { toJSON: () => unknown }).toJSON());
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/**
 * The fingerprint of a request body: the canonical JSON of a parsed body, or, for bodies Fastify
 * does not parse (multipart uploads), the media type without parameters (the multipart boundary
 * changes per attempt) and the length.
 */
export function bodyFingerprint(
  body: unknown,
  contentType: string | undefined,
  contentLength: string | undefined,
): string {
  const source =
    body !== undefined
      ? `json:${canonicalJson(body)}`
      : `raw:${(contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''}:${contentLength ?? ''}`;
  return createHash('sha256').update(source).digest('hex');
}

interface Claim {
  scope: string;
  key: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function replay(reply: FastifyReply, row: Selectable<IdempotencyKeyTable>): FastifyReply {
  void reply.code(row.response_status ?? 200).header('idempotent-replayed', 'true');
  if (row.response_body === null || row.response_body === '') return reply.send();
  return reply.type('application/json; charset=utf-8').send(row.response_body);
}

export function registerIdempotency(app: FastifyInstance, opts: IdempotencyOptions = {}): void {
  const pollMs = opts.pollMs ?? 25;
  const waitMs = opts.waitMs ?? 10_000;
  const claims = new WeakMap<FastifyRequest, Claim>();
  let lastPurge = 0;

  const purgeLazily = () => {
    const now = Date.now();
    if (now - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = now;
    purgeIdempotencyKeys(app.db, new Date(now - TTL_MS).toISOString()).catch((err: unknown) =>
      app.log.warn({ err }, 'idempotency: purge of expired keys failed'),
    );
  };

  // preHandler: after authentication, access checks and validation, right before the handler.
  const preHandler = async (req: FastifyRequest, reply: FastifyReply) => {
    const raw = req.headers[HEADER];
    if (raw === undefined) return;
    const key = Array.isArray(raw) ? raw.join(', ') : raw;
    if (key.length < 1 || key.length > 200) throw new AppError('IDEMPOTENCY_KEY_INVALID');
    purgeLazily();

    const scope = req.user?.id ?? 'anon';
    const path = req.url;
    const hash = bodyFingerprint(req.body, req.headers['content-type'], req.headers['content-length']);
    const deadline = Date.now() + waitMs;
    for (;;) {
      const createdAt = new Date().toISOString();
      const inserted = await insertIdempotencyKey(app.db, {
        scope,
        key,
        method: req.method,
        path,
        body_hash: hash,
        status: 'in_flight',
        response_status: null,
        response_body: null,
        created_at: createdAt,
      });
      if (inserted) {
        claims.set(req, { scope, key });
        return;
      }
      const row = await findIdempotencyKey(app.db, scope, key);
      if (!row) continue; // released by a failed first attempt: claim it ourselves
      if (Date.parse(row.created_at) < Date.now() - TTL_MS) {
        await deleteIdempotencyKey(app.db, scope, key, row.created_at);
        continue;
      }
      if (row.method !== req.method || row.path !== path || row.body_hash !== hash) {
        throw new AppError('IDEMPOTENCY_KEY_REUSED');
      }
      if (row.status === 'done') return replay(reply, row);
      if (Date.now() >= deadline) throw new AppError('IDEMPOTENCY_IN_FLIGHT');
      await sleep(pollMs);
    }
  };

  const onSend = async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const claim = claims.get(req);
    if (!claim) return payload;
    claims.delete(req);
    try {
      if (reply.statusCode >= 200 && reply.statusCode < 300) {
        const body =
          typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
        await completeIdempotencyKey(app.db, claim.scope, claim.key, reply.statusCode, body);
      } else {
        await deleteIdempotencyKey(app.db, claim.scope, claim.key);
      }
    } catch (err) {
      req.log.error({ err }, 'idempotency: could not record the outcome of a keyed request');
    }
    return payload;
  };

  // Only POST routes under /api take keys: the hooks are attached to those routes alone, so that
  // every other request pays nothing for them.
  app.addHook('onRoute', (route) => {
    if (!routeMethods(route).includes('POST') || !route.url.startsWith('/api/')) return;
    appendRouteHook(route, 'preHandler', preHandler);
    appendRouteHook(route, 'onSend', onSend);
  });
}
