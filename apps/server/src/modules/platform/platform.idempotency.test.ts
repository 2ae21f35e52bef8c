import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bodyFingerprint, canonicalJson } from './platform.idempotency';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: null }, u: undefined })).toBe(
      '{"a":{"c":null,"d":[1,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson('x')).toBe('"x"');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('writes a value with toJSON (a date) as what toJSON returns', () => {
    expect(canonicalJson({ at: new Date('2024-05-06T07:08:09.000Z') })).toBe(
      '{"at":"2024-05-06T07:08:09.000Z"}',
    );
    expect(canonicalJson({ toJSON: () => ({ b: 2, a: 1 }) })).toBe('{"a":1,"b":2}');
  });

  it('sorts many keys given in any order', () => {
    const keys = Array.from({ length: 60 }, (_, i) => `k${String(i).padStart(2, '0')}`);
    const expected = `{${keys.map((k) => `"${k}":1`).join(',')}}`;
    for (const order of [
      keys,
      [...keys].reverse(),
      keys.filter((_, i) => i % 2).concat(keys.filter((_, i) => !(i % 2))),
    ]) {
      expect(canonicalJson(Object.fromEntries(order.map((k) => [k, 1])))).toBe(expected);
    }
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

  it('hashes the canonical JSON of a parsed body, whatever its headers', () => {
    expect(bodyFingerprint({ b: 2, a: 1 }, 'application/json', '13')).toBe(sha256('json:{"a":1,"b":2}'));
    expect(bodyFingerprint({ a: 1 }, 'text/plain', '99')).toBe(
      bodyFingerprint({ a: 1 }, undefined, undefined),
    );
  });

  it('uses media type and length for unparsed bodies, ignoring the multipart boundary', () => {
    const a = bodyFingerprint(undefined, 'multipart/form-data; boundary=aaa', '100');
    expect(a).toBe(bodyFingerprint(undefined, 'Multipart/Form-Data; boundary=bbb', '100'));
    expect(a).toBe(bodyFingerprint(undefined, ' multipart/form-data ;boundary=ccc', '100'));
    expect(a).not.toBe(bodyFingerprint(undefined, 'multipart/form-data; boundary=aaa', '101'));
    // The stored fingerprint is stable: rows written by an earlier version must still match.
    expect(a).toBe(sha256('raw:multipart/form-data:100'));
    expect(bodyFingerprint(undefined, undefined, undefined)).toBe(sha256('raw::'));
  });

  it('tells unparsed bodies of different media types apart', () => {
    const multipart = bodyFingerprint(undefined, 'multipart/form-data; boundary=x', '100');
    expect(multipart).not.toBe(bodyFingerprint(undefined, 'multipart/mixed; boundary=x', '100'));
    expect(multipart).not.toBe(bodyFingerprint(undefined, 'application/octet-stream', '100'));
    expect(multipart).not.toBe(bodyFingerprint(undefined, undefined, '100'));
  });
});
