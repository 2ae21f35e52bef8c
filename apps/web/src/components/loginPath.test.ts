import { describe, expect, it } from 'vitest';
import { loginPath, safeNext } from './loginPath';

describe('loginPath', () => {
  it('remembers where the visitor was going', () => {
    expect(loginPath('/admin/users', '?q=li')).toBe('/login?next=%2Fadmin%2Fusers%3Fq%3Dli');
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('/login', '?next=x')).toBe('/login');
  });
});

describe('safeNext', () => {
  it('accepts same-site paths only', () => {
    expect(safeNext('/admin/users?q=1')).toBe('/admin/users?q=1');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
    expect(safeNext('/login?next=/x')).toBe('/');
  });
});
