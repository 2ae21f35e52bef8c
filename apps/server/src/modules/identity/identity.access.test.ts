import { describe, expect, it } from 'vitest';
import type { FastifyRequest } from 'fastify';
import type { AuthUser } from '../../lib/context';
import { AppError } from '../../lib/errors';
import {
  actionContext,
  assertCustomerScope,
  decideAccess,
  hasRole,
  isCustomerUser,
  requireRoles,
  requireUser,
} from './identity.access';

const user = (over: Partial<AuthUser> = {}): AuthUser => ({
  id: 'u1',
  username: 'li',
  displayName: 'Li',
  roles: ['clerk'],
  language: 'zh-CN',
  customerId: null,
  authMethod: 'session',
  sessionId: 's1',
  ...over,
});
const request = (u: AuthUser | null) => ({ user: u ?? undefined, id: 'req-1' }) as unknown as FastifyRequest;
const codeOf = (fn: () => unknown) => {
  try {
    fn();
    return null;
  } catch (err) {
    return err instanceof AppError ? { code: err.code, params: err.params } : 'OTHER';
  }
};

describe('access', () => {
  it('decides by route access and roles', () => {
    expect(decideAccess('public', null)).toBe('allow');
    expect(decideAccess('authenticated', null)).toBe('unauthenticated');
    expect(decideAccess(['clerk'], null)).toBe('unauthenticated');
    expect(decideAccess('authenticated', { roles: ['customer'] })).toBe('allow');
    expect(decideAccess(['clerk', 'sales'], { roles: ['sales'] })).toBe('allow');
    expect(decideAccess(['clerk'], { roles: ['qc'] })).toBe('forbidden');
  });
  it('lets admin pass every role check', () => {
    expect(hasRole({ roles: ['admin'] }, 'finance')).toBe(true);
    expect(decideAccess(['warehouse'], { roles: ['admin'] })).toBe('allow');
  });
  it('hides other companies from customer users as not found', () => {
    const portal = { roles: ['customer' as const], customerId: 'c1' };
    expect(() => assertCustomerScope(portal, 'c1')).not.toThrow();
    expect(() => assertCustomerScope(portal, 'c2')).toThrow('NOT_FOUND');
    expect(() => assertCustomerScope(portal, null)).toThrow('NOT_FOUND');
    expect(() => assertCustomerScope({ roles: ['clerk'], customerId: null }, 'c2')).not.toThrow();
  });
  it('a portal user without a company sees nothing, and the error names the entity', () => {
    const orphan = { roles: ['customer' as const], customerId: null };
    expect(codeOf(() => assertCustomerScope(orphan, null, 'order'))).toEqual({
      code: 'NOT_FOUND',
      params: { entity: 'order' },
    });
    expect(codeOf(() => assertCustomerScope({ roles: ['customer'], customerId: 'c1' }, 'c2'))).toEqual({
      code: 'NOT_FOUND',
      params: { entity: 'record' },
    });
  });
  it('checks roles one by one, not by any overlap', () => {
    expect(hasRole({ roles: ['clerk', 'qc'] }, 'qc')).toBe(true);
    expect(hasRole({ roles: ['clerk'] }, 'sales', 'finance')).toBe(false);
    expect(hasRole({ roles: [] }, 'clerk')).toBe(false);
    expect(hasRole({ roles: ['clerk'] })).toBe(false);
    expect(decideAccess('authenticated', { roles: [] })).toBe('allow');
    expect(decideAccess('public', { roles: [] })).toBe('allow');
  });
  it('tells portal users apart', () => {
    expect(isCustomerUser({ roles: ['customer'] })).toBe(true);
    expect(isCustomerUser({ roles: ['clerk', 'sales'] })).toBe(false);
  });
  it('requires a signed-in user (401) and one of the roles (403)', () => {
    const clerk = user();
    expect(requireUser(request(clerk))).toBe(clerk);
    expect(codeOf(() => requireUser(request(null)))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(requireRoles(request(clerk), 'sales', 'clerk')).toBe(clerk);
    expect(codeOf(() => requireRoles(request(clerk), 'finance'))).toMatchObject({ code: 'FORBIDDEN' });
    expect(codeOf(() => requireRoles(request(null), 'clerk'))).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(requireRoles(request(user({ roles: ['admin'] })), 'finance').roles).toEqual(['admin']);
  });
  it('names the actor and the request for the audit row', () => {
    expect(actionContext(request(user()))).toEqual({
      actor: { id: 'u1', username: 'li' },
      requestId: 'req-1',
    });
    expect(actionContext(request(null))).toEqual({ actor: null, requestId: 'req-1' });
  });
});
