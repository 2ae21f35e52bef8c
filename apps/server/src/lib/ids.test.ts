import { describe, expect, it } from 'vitest';
import { newId, newRequestId } from './ids';

describe('ids', () => {
  it('newId gives time-ordered UUIDv7 text', () => {
    const a = newId();
    const b = newId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a < b).toBe(true);
  });

  it('newRequestId is unique within the process and fits the x-request-id pattern', () => {
    const ids = Array.from({ length: 1000 }, () => newRequestId());
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    // one process prefix
    expect(new Set(ids.map((id) => id.split('-')[0])).size).toBe(1);
  });
});
