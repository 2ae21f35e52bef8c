import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../../db/database';
import { createTestDatabase, testDialects, type TestDatabase } from '../../../test/helpers';
import { enqueue, OutboxWorker } from './platform.outbox';
import { getOutboxRow } from './platform.repository';

const quiet = { error: () => undefined, warn: () => undefined, debug: () => undefined };
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

for (const dialect of testDialects()) {
  describe(`outbox worker [${dialect}]`, () => {
    let tdb: TestDatabase;
    let database: Database;
    /** The workers' clock; tests move it instead of sleeping through backoff. */
    let clock: Date;
    const worker = (opts: { batchSize?: number; leaseMs?: number } = {}) =>
      new OutboxWorker(database, {
        intervalMs: 20,
        log: quiet,
        now: () => clock,
        random: () => 0.5,
        ...opts,
      });
    const advance = (ms: number) => {
      clock = new Date(clock.getTime() + ms);
    };

    beforeAll(async () => {
      tdb = await createTestDatabase(dialect);
      database = tdb.database;
    });
    afterAll(async () => {
      await tdb.dispose();
    });
    beforeEach(async () => {
      await sql`delete from outbox`.execute(database.db);
      clock = new Date(Date.now() + 1000);
    });

    it('runs a message only when its transaction commits', async () => {
      const w = worker();
      const seen: unknown[] = [];
      w.register('mail', async (payload) => {
        seen.push(payload);
      });
      await database.db.transaction().execute((trx) => enqueue(trx, 'mail', { to: 'a@example.com' }));
      await expect(
        database.db.transaction().execute(async (trx) => {
          await enqueue(trx, 'mail', { to: 'rolled-back' });
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      expect(await w.runOnce()).toBe(1);
      expect(seen).toEqual([{ to: 'a@example.com' }]);
      expect(await w.runOnce()).toBe(0);
      expect(await w.counts()).toEqual({ pending: 0, dead: 0 });
    });

    it('retries with exponential backoff, then succeeds', async () => {
      const w = worker();
      const attempts: number[] = [];
      w.register('flaky', async (_p, meta) => {
        attempts.push(meta.attempt);
        if (meta.attempt < 3) throw new Error(`boom ${meta.attempt}`);
      });
      const id = await database.db.transaction().execute((trx) => enqueue(trx, 'flaky', { n: 1 }));

      expect(await w.runOnce()).toBe(1);
      let row = await getOutboxRow(database.db, id);
      expect(row).toMatchObject({ status: 'pending', attempts: 1, last_error: 'boom 1' });
      expect(Date.parse(row!.next_attempt_at) - clock.getTime()).toBe(1000);

      advance(999);
      expect(await w.runOnce()).toBe(0); // not due yet
      advance(1);
      expect(await w.runOnce()).toBe(1);
      row = await getOutboxRow(database.db, id);
      expect(row).toMatchObject({ status: 'pending', attempts: 2, last_error: 'boom 2' });
      expect(Date.parse(row!.next_attempt_at) - clock.getTime()).toBe(2000);

      advance(2000);
      expect(await w.runOnce()).toBe(1);
      row = await getOutboxRow(database.db, id);
      expect(row).toMatchObject({ status: 'done', attempts: 3, last_error: null, locked_until: null });
      expect(row!.processed_at).not.toBeNull();
      expect(attempts).toEqual([1, 2, 3]);
    });

    it('dead-letters a message after its last attempt, and can retry it', async () => {
      const w = worker();
      let calls = 0;
      w.register('broken', async () => {
        calls++;
        throw new Error('smtp refused');
      });
      const id = await database.db
        .transaction()
        .execute((trx) => enqueue(trx, 'broken', {}, { maxAttempts: 3 }));
      for (let i = 0; i < 5; i++) {
        await w.runOnce();
        advance(3_600_000);
      }
      expect(calls).toBe(3);
      expect(await getOutboxRow(database.db, id)).toMatchObject({
        status: 'dead',
        attempts: 3,
        last_error: 'smtp refused',
      });
      expect(await w.counts()).toEqual({ pending: 0, dead: 1 });

      expect(await w.retryDead(id)).toBe(true);
      expect(await w.retryDead(id)).toBe(false);
      expect(await w.counts()).toEqual({ pending: 1, dead: 0 });
    });

    it('treats a topic without a handler as a failure', async () => {
      const id = await database.db.transaction().execute((trx) => enqueue(trx, 'nobody', {}));
      expect(await worker().runOnce()).toBe(1);
      expect(await getOutboxRow(database.db, id)).toMatchObject({
        status: 'pending',
        attempts: 1,
        last_error: 'no handler for topic nobody',
      });
    });

    it('honours delayMs', async () => {
      const w = worker();
      w.register('later', async () => undefined);
      await database.db.transaction().execute((trx) => enqueue(trx, 'later', {}, { delayMs: 60_000 }));
      expect(await w.runOnce()).toBe(0);
      advance(60_000);
      expect(await w.runOnce()).toBe(1);
    });

    it("takes over a crashed worker's expired lease", async () => {
      const id = await database.db.transaction().execute((trx) => enqueue(trx, 'job', {}));
      const crashed = worker({ leaseMs: 30_000 });
      crashed.register('job', () => new Promise<void>(() => undefined)); // hangs forever
      void crashed.runOnce();
      await sleep(100);
      expect(await getOutboxRow(database.db, id)).toMatchObject({ status: 'processing', attempts: 1 });

      const rescuer = worker();
      const seen: number[] = [];
      rescuer.register('job', async (_p, meta) => {
        seen.push(meta.attempt);
      });
      expect(await rescuer.runOnce()).toBe(0); // the lease still holds
      advance(30_001);
      expect(await rescuer.runOnce()).toBe(1);
      expect(seen).toEqual([2]);
      expect(await getOutboxRow(database.db, id)).toMatchObject({ status: 'done' });
    });

    it('polls on its own once started, and stops cleanly', async () => {
      clock = new Date(Date.now() + 60_000);
      const w = worker({ batchSize: 3 });
      let running = 0;
      let maxRunning = 0;
      const done: string[] = [];
      w.register('tick', async (_p, meta) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await sleep(5);
        running--;
        done.push(meta.id);
      });
      await database.db.transaction().execute(async (trx) => {
        for (let i = 0; i < 10; i++) await enqueue(trx, 'tick', { i });
      });
      w.start();
      w.start(); // idempotent
      for (let i = 0; i < 200 && done.length < 10; i++) await sleep(20);
      await w.stop();
      expect(done).toHaveLength(10);
      expect(maxRunning).toBeLessThanOrEqual(3); // one batch at a time
      expect(await w.counts()).toEqual({ pending: 0, dead: 0 });
    });

    it('never gives one message to two workers', async () => {
      // On PostgreSQL the second worker has its own pool: two independent connections racing,
      // as two processes would. On SQLite both share the one connection.
      const other =
        dialect === 'postgres'
          ? openDatabase({ databaseUrl: tdb.databaseUrl, pgSchema: tdb.pgSchema, pgPoolSize: 5 })
          : database;
      try {
        clock = new Date(Date.now() + 60_000);
        const handled = new Map<string, number>();
        const handler = async (_p: unknown, meta: { id: string }) => {
          handled.set(meta.id, (handled.get(meta.id) ?? 0) + 1);
          await sleep(Math.random() * 3);
        };
        const a = worker({ batchSize: 7 });
        const b = new OutboxWorker(other, { intervalMs: 20, log: quiet, now: () => clock, batchSize: 7 });
        a.register('race', handler);
        b.register('race', handler);
        await database.db.transaction().execute(async (trx) => {
          for (let i = 0; i < 150; i++) await enqueue(trx, 'race', { i });
        });
        const drain = async (w: OutboxWorker) => {
          let total = 0;
          for (;;) {
            const n = await w.runOnce();
            if (n === 0) return total;
            total += n;
          }
        };
        const [na, nb] = await Promise.all([drain(a), drain(b)]);
        expect(na + nb).toBe(150);
        expect(handled.size).toBe(150);
        expect([...handled.values()].every((n) => n === 1)).toBe(true);
        expect(await a.counts()).toEqual({ pending: 0, dead: 0 });
      } finally {
        if (other !== database) await other.destroy();
      }
    });
  });
}
