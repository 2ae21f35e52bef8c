import { describe, expect, it } from 'vitest';
import { auditJson } from './platform.audit';

describe('auditJson', () => {
  it('redacts secrets at any depth and keeps everything else', () => {
    const value = {
      username: 'li',
      password: 'secret-1',
      nested: { token: 'abc', tokens: [{ tokenHash: 'h', name: 'ci' }], password_hash: 'x' },
      lines: [{ qty: 3 }],
    };
    expect(JSON.parse(auditJson(value))).toEqual({
      username: 'li',
      password: '[redacted]',
      nested: {
        token: '[redacted]',
        tokens: [{ tokenHash: '[redacted]', name: 'ci' }],
        password_hash: '[redacted]',
      },
      lines: [{ qty: 3 }],
    });
    // the value itself is untouched
    expect(value.password).toBe('secret-1');
  });
});
