import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerErrorHandling } from './errors';
import { findNulCharacter, registerTextGuard } from './text-guard';

describe('findNulCharacter', () => {
  it('finds U+0000 in nested values and keys, and names where', () => {
    expect(findNulCharacter({ a: 'x', b: [{ c: 'ok' }, { c: 'y\u0000' }] }, 'body')).toBe('body.b[1].c');
    expect(findNulCharacter({ ['k\u0000']: 1 }, 'body')).toBe('body.k\u0000');
    expect(findNulCharacter('\u0000', 'params')).toBe('params');
  });

  it('passes clean values, numbers, nulls and non-plain objects', () => {
    expect(findNulCharacter({ a: 'x', b: [1, null, true, { c: '跟单' }] })).toBeNull();
    expect(findNulCharacter(Buffer.from([0, 0, 0]))).toBeNull();
    expect(findNulCharacter(undefined)).toBeNull();
  });

  it('walks deep nesting without recursion', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNulCharacter(deep)).toMatch(/^(\[0\]){100000}$/);
  });
});

describe('registerTextGuard', () => {
  async function app() {
    const a = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
    a.setValidatorCompiler(validatorCompiler);
    a.setSerializerCompiler(serializerCompiler);
    a.decorateRequest('lang', 'en');
    registerErrorHandling(a);
    registerTextGuard(a);
    a.post(
      '/x/:id',
      {
        schema: {
          params: z.object({ id: z.string() }),
          querystring: z.object({ q: z.string().optional() }),
          body: z.object({ name: z.string() }),
        },
      },
      async (req) => ({ ok: req.body.name }),
    );
    await a.ready();
    return a;
  }

  it('answers 400 VALIDATION_FAILED for a NUL in params, query or body', async () => {
    const a = await app();
    for (const [url, payload, path] of [
      ['/x/a%00', { name: 'n' }, 'params.id'],
      ['/x/a?q=%00', { name: 'n' }, 'querystring.q'],
      ['/x/a', { name: 'n\u0000' }, 'body.name'],
    ] as const) {
      const res = await a.inject({ method: 'POST', url, payload });
      expect(res.statusCode, url).toBe(400);
      expect(res.json<{ error: { code: string; details: { path: string }[] } }>().error).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [{ path }],
      });
    }
    await a.close();
  });

  it('lets clean requests through', async () => {
    const a = await app();
    const res = await a.inject({ method: 'POST', url: '/x/a?q=b', payload: { name: '跟单' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: '跟单' });
    await a.close();
  });
});
