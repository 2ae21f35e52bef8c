import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { RequestLogger, requestLoggerFactory } from './request-logger';

function capture(level: string) {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const parent = pino({ level }, stream);
  // Children made from the parent itself; a child's own children have that child as `this`.
  const spy = vi.spyOn(parent, 'child');
  return { parent, lines, children: () => spy.mock.contexts.filter((c) => c === parent).length };
}

describe('RequestLogger', () => {
  it('makes no child while nothing passes the level', () => {
    const { parent, lines, children } = capture('warn');
    const log = new RequestLogger(parent, { reqId: 'r-1' });
    log.info('incoming request');
    log.debug({ a: 1 }, 'detail');
    log.trace('x');
    expect(children()).toBe(0);
    expect(lines).toEqual([]);
    expect(log.level).toBe('warn');
  });

  it('writes through one child that carries the bindings', () => {
    const { parent, lines, children } = capture('info');
    const log = new RequestLogger(parent, { reqId: 'r-2' });
    log.info({ user: 'u1' }, 'first');
    log.error(new Error('boom'), 'second');
    log.warn('third %s', 'formatted');
    expect(children()).toBe(1);
    expect(lines.map((l) => [l.reqId, l.msg])).toEqual([
      ['r-2', 'first'],
      ['r-2', 'second'],
      ['r-2', 'third formatted'],
    ]);
    expect(lines[0]?.user).toBe('u1');
    expect((lines[1]?.err as { message: string }).message).toBe('boom');
  });

  it('passes its bindings on to its own children and follows a level change', () => {
    const { parent, lines } = capture('warn');
    const log = new RequestLogger(parent, { reqId: 'r-3' });
    log.child({ part: 'db' }).warn('slow');
    expect(lines[0]).toMatchObject({ reqId: 'r-3', part: 'db', msg: 'slow' });
    log.level = 'debug';
    log.debug('now visible');
    expect(lines[1]).toMatchObject({ reqId: 'r-3', msg: 'now visible' });
    expect(parent.level).toBe('warn');
  });

  it('the factory builds pino’s child at once for a route with its own level', () => {
    const { parent, children } = capture('warn');
    const own = requestLoggerFactory(parent, { reqId: 'r-4' }, { level: 'debug' });
    expect(own).not.toBeInstanceOf(RequestLogger);
    expect(own.level).toBe('debug');
    expect(children()).toBe(1);
    expect(requestLoggerFactory(parent, { reqId: 'r-5' }, {})).toBeInstanceOf(RequestLogger);
  });
});
