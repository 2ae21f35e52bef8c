import { describe, expect, it } from 'vitest';
import type { AuthUser } from '../../lib/context';
import { AuthCache, sessionKey, tokenKey } from './identity.auth-cache';

const user = { id: 'u1', username: 'clerk', roles: ['clerk'], language: 'zh-CN' } as unknown as AuthUser;

describe('AuthCache', () => {
  it('keeps a credential for at most maxAgeMs', async () => {
    const cache = new AuthCache(40);
    cache.set(tokenKey('t1'), user);
    expect(cache.get(tokenKey('t1'))).toBe(user);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(cache.get(tokenKey('t1'))).toBeUndefined();
  });

  it('forgets everything on clear', () => {
    const cache = new AuthCache();
    cache.set(tokenKey('t1'), user);
    cache.set(sessionKey('s1'), user);
    cache.clear();
    expect(cache.get(tokenKey('t1'))).toBeUndefined();
    expect(cache.get(sessionKey('s1'))).toBeUndefined();
  });

  it('keeps tokens and sessions apart, and drops the least recently used beyond its size', () => {
    const cache = new AuthCache(1000, 2);
    cache.set(tokenKey('x'), user);
    expect(cache.get(sessionKey('x'))).toBeUndefined();
    cache.set(sessionKey('a'), user);
    cache.set(sessionKey('b'), user);
    expect(cache.get(tokenKey('x'))).toBeUndefined();
    expect(cache.get(sessionKey('b'))).toBe(user);
  });
});
