import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { appendRouteHook } from '../lib/route-hooks';
import type { Language } from '@gendan/contracts';
import { AppError } from '../lib/errors';

const MESSAGE: Record<Language, string> = {
  'zh-CN': '不能包含 NUL 字符（\\u0000）',
  en: 'must not contain the NUL character (\\u0000)',
};

/** Objects holding parsed data (not Buffers, streams or dates) are walked. */
function isWalkable(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || ArrayBuffer.isView(v) || v instanceof Date) return false;
  return typeof (v as { pipe?: unknown }).pipe !== 'function';
}

/**
 * The path (`body.items[2].name`) of the first string, value or key, that holds U+0000; or null.
 * Walks objects and arrays (not Buffers or streams), without recursion.
 */
export function findNulCharacter(value: unknown, root = ''): string | null {
  // Nearly every request is clean: a quick walk without paths first, the paths only on a hit.
  return hasNulCharacter(value) ? locateNulCharacter(value, root) : null;
}

/** Whether any string, value or key, holds U+0000; iterative, so deep nesting cannot overflow. */
function hasNulCharacter(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return true;
    } else if (Array.isArray(v)) {
      for (const x of v) stack.push(x);
    } else if (isWalkable(v)) {
      for (const k in v) {
        if (k.includes('\u0000')) return true;
        stack.push(v[k]);
      }
    }
  }
  return false;
}

function locateNulCharacter(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) return path;
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([x, `${path}[${i}]`]));
    } else if (isWalkable(v)) {
      for (const [k, x] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (k.includes('\u0000')) return at;
        stack.push([x, at]);
      }
    }
  }
  return null;
}

/** The 400 for a NUL character at `path`, in the caller's language. */
export function nulCharacterError(path: string, lang: Language): AppError {
  const message = MESSAGE[lang] ?? MESSAGE.en;
  return new AppError('VALIDATION_FAILED', { summary: `${path || '(root)'}: ${message}` }, [
    { path, message },
  ]);
}

/**
 * PostgreSQL text cannot hold U+0000: a query with it fails with `invalid byte sequence for
 * encoding "UTF8": 0x00`, a 500, while SQLite stores it. So the API rejects it in every path
 * parameter, query value and JSON body (keys included) with a 400, before validation and on both
 * dialects. Multipart fields are not parsed yet at this point: an upload route checks its fields
 * with `findNulCharacter` itself.
 */
export function registerTextGuard(app: FastifyInstance): void {
  const guard = (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    const parts: [unknown, string][] = [
      [req.params, 'params'],
      [req.query, 'querystring'],
      [req.body, 'body'],
    ];
    for (const [value, root] of parts) {
      const at = findNulCharacter(value, root);
      if (at !== null) return done(nulCharacterError(at, req.lang));
    }
    done();
  };
  // Routes that take input: path params, or a query or body schema (without one, a handler cannot
  // read the query or body with its types). Health probes and static files skip it.
  app.addHook('onRoute', (route) => {
    const schema = route.schema;
    const takesInput = route.url.includes(':') || schema?.params || schema?.querystring || schema?.body;
    if (takesInput) appendRouteHook(route, 'preValidation', guard);
  });
}
