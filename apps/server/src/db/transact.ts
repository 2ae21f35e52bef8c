import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema';

/** A use case's unit of work: everything it writes commits together or not at all. */
export type Work<T> = (trx: Transaction<DB>) => Promise<T>;

export type Transact = <T>(work: Work<T>) => Promise<T>;

/** Most pieces of work one SQLite commit carries. */
export const GROUP_LIMIT = 64;

interface Job {
  work: Work<unknown>;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * A use case whose only write is one `insertTogether` (reads first, then that write), run
 * without a transaction where one would add nothing but round trips. See `Database.singleWrite`.
 */
export type SingleWrite = <T>(work: (db: Kysely<DB>) => Promise<T>) => Promise<T>;

/** PostgreSQL: one database transaction per unit of work; the server groups commits itself. */
export function plainTransact(db: Kysely<DB>): Transact {
  return (work) => db.transaction().execute(work);
}

/**
 * SQLite: group commit. SQLite has one writer, and with `synchronous=FULL` each COMMIT waits for
 * the disk; units of work that arrive while one runs queue up and then run back to back inside
 * one transaction, each in its own SAVEPOINT, and one COMMIT makes them durable together. Nothing
 * is acknowledged before that COMMIT returns, so "acknowledged means on disk" still holds.
 *
 * - A unit that throws is rolled back to its savepoint alone: the others in its group commit.
 * - A unit alone in its group runs as a plain transaction (no savepoint statements).
 * - If SQLite aborts the whole transaction (disk full, I/O error) or COMMIT fails, every unit of
 *   the group fails with that error and nothing of it is written.
 * - Units must not call `transact` again from inside (they would wait for themselves).
 */
export function groupCommitTransact(db: Kysely<DB>, inTransaction: () => boolean): Transact {
  const queue: Job[] = [];
  let draining = false;

  async function runGroup(group: Job[]): Promise<void> {
    if (group.length === 1) {
      const job = group[0]!;
      try {
        job.resolve(await db.transaction().execute(job.work));
      } catch (error) {
        job.reject(error);
      }
      return;
    }
    const outcomes: Outcome[] = [];
    let trx;
    try {
      trx = await db.startTransaction().execute();
    } catch (error) {
      for (const job of group) job.reject(error);
      return;
    }
    let fatal: unknown = null;
    for (const job of group) {
      let sp;
      try {
        sp = await trx.savepoint('unit').execute();
      } catch (error) {
        fatal = error;
        break;
      }
      try {
        const value = await job.work(sp);
        await sp.releaseSavepoint('unit').execute();
        outcomes.push({ ok: true, value });
      } catch (error) {
        outcomes.push({ ok: false, error });
        try {
          if (!inTransaction()) throw error;
          await sp.rollbackToSavepoint('unit').execute();
          await sp.releaseSavepoint('unit').execute();
        } catch {
          // SQLite ended the transaction itself: the whole group is lost.
          fatal = error;
        }
      }
      if (fatal !== null) break;
    }
    if (fatal === null) {
      try {
        await trx.commit().execute();
      } catch (error) {
        fatal = error;
      }
    }
    if (fatal !== null) {
      // Rollback releases Kysely's connection even when SQLite has no transaction left to end.
      await trx
        .rollback()
        .execute()
        .catch(() => undefined);
      for (const job of group) job.reject(fatal);
      return;
    }
    group.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) {
        // SQLite calls are synchronous: a unit runs to its end without letting the event loop read
        // new requests. One turn of the loop first lets the requests already received queue up.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const group = queue.splice(0, GROUP_LIMIT);
        // runGroup settles every unit itself; this only guards against a bug leaving one waiting.
        await runGroup(group).catch((error: unknown) => {
          for (const job of group) job.reject(error);
        });
      }
    } finally {
      draining = false;
    }
  }

  return <T>(work: Work<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!draining) void drain();
    });
}
