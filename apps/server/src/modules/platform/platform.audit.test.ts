import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers';
import { insertTogether } from '../../db/inserts';
import { systemContext } from '../../lib/context';
import { audit, auditJson, auditRecords } from './platform.audit';

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

describe('auditRecords', () => {
  it('gives each entry a row for the audit table, a missing before or after as null', () => {
    const ctx = { actor: { id: 'u-9', username: 'zhao' }, requestId: 'req-9' };
    const records = auditRecords(ctx, [
      { entityType: 'order', entityId: 'e-9', action: 'create', after: { n: 1 } },
      { entityType: 'order', entityId: 'e-9', action: 'delete', before: { n: 1 } },
    ]);
    expect(records.table).toBe('audit_log');
    const rows = records.rows as readonly Record<string, unknown>[];
    expect(rows.map((r) => [r.action, r.before, r.after])).toEqual([
      ['create', null, '{"n":1}'],
      ['delete', '{"n":1}', null],
    ]);
    expect(rows[0]).toMatchObject({
      actor_id: 'u-9',
      actor_name: 'zhao',
      entity_type: 'order',
      entity_id: 'e-9',
      request_id: 'req-9',
    });
  });
});

for (const dialect of testDialects()) {
  describe(`audit rows [${dialect}]`, () => {
    let testDb: TestDatabase;
    beforeAll(async () => {
      testDb = await createTestDatabase(dialect);
    });
    afterAll(() => testDb?.dispose());

    const rowsOf = (entityId: string) =>
      testDb.database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_id', '=', entityId)
        .orderBy('id')
        .execute();

    it('store who, what, before and after, with secrets redacted', async () => {
      const ctx = { actor: { id: 'u-1', username: 'li' }, requestId: 'req-7' };
      await audit(testDb.database.db, ctx, {
        entityType: 'user',
        entityId: 'e-1',
        action: 'update',
        before: { name: 'Li', password: 'old-secret' },
        after: { name: 'Li Lei', password: 'new-secret' },
      });
      const [row, ...rest] = await rowsOf('e-1');
      expect(rest).toEqual([]);
      expect(row).toMatchObject({
        actor_id: 'u-1',
        actor_name: 'li',
        entity_type: 'user',
        entity_id: 'e-1',
        action: 'update',
        request_id: 'req-7',
      });
      expect(JSON.parse(row!.before!)).toEqual({ name: 'Li', password: '[redacted]' });
      expect(JSON.parse(row!.after!)).toEqual({ name: 'Li Lei', password: '[redacted]' });
      expect(Date.parse(row!.at)).not.toBeNaN();
    });

    it('keep a missing before or after as null, and a system action without an actor', async () => {
      await audit(testDb.database.db, systemContext, {
        entityType: 'order',
        entityId: 'e-2',
        action: 'create',
        after: { status: 'draft' },
      });
      const [row] = await rowsOf('e-2');
      expect(row).toMatchObject({ actor_id: null, actor_name: null, request_id: null, before: null });
      expect(JSON.parse(row!.after!)).toEqual({ status: 'draft' });
    });

    it('are written by auditRecords with one time for every entry', async () => {
      const ctx = { actor: { id: 'u-2', username: 'wang' }, requestId: null };
      await insertTogether(testDb.database.db, [
        auditRecords(ctx, [
          { entityType: 'order', entityId: 'e-3', action: 'import', before: { n: 1 } },
          { entityType: 'order', entityId: 'e-3', action: 'import', after: { n: 2 } },
        ]),
      ]);
      const rows = await rowsOf('e-3');
      expect(rows).toHaveLength(2);
      expect(new Set(rows.map((r) => r.at)).size).toBe(1);
      expect(rows.map((r) => [r.actor_name, r.before, r.after]).sort()).toEqual(
        [
          ['wang', '{"n":1}', null],
          ['wang', null, '{"n":2}'],
        ].sort(),
      );
    });
  });
}
