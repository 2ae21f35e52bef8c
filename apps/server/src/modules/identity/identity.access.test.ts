import { describe, expect, it } from 'vitest';
import { assertCustomerScope, decideAccess, hasRole } from './identity.access';

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
});
