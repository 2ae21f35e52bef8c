import { describe, expect, it } from 'vitest';
import { bodyFingerprint, canonicalJson } from './platform.idempotency';

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(undefined)).toBe('null');
  });
});

describe('bodyFingerprint', () => {
  it('ignores key order but not values', () => {
    expect(bodyFingerprint({ a: 1, b: 2 }, 'application/json', '13')).toBe(
      bodyFingerprint({ b: 2, a: 1 }, 'application/json', '13'),
    );
    expect(bodyFingerprint({ a: 1 }, undefined, undefined)).not.toBe(
      bodyFingerprint({ a: 2 }, undefined, undefined),
    );
  });
  it('uses media type and length for unparsed bodies, ignoring the multipart boundary', () => {
    const a = bodyFingerprint(undefined, 'multipart/form-data; boundary=aaa', '100');
    expect(a).toBe(bodyFingerprint(undefined, 'Multipart/Form-Data; boundary=bbb', '100'));
    expect(a).not.toBe(bodyFingerprint(undefined, 'multipart/form-data; boundary=aaa', '101'));
  });
});
