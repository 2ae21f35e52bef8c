import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import type { DB } from '../../db/schema';
import { newId } from '../../lib/ids';
import { nowIso } from '../../lib/time';
import {
  claimOutboxRows,
  completeOutboxRow,
  countOutbox,
  failOutboxRow,
  insertOutboxRow,
  purgeDoneOutboxRows,
  retryDeadOutboxRow,
  type ClaimedOutboxRow,
} from './platform.repository';

/**
 * The transactional outbox (DESIGN §5.7): side effects outside the database (mail, webhooks) are
 * written as rows in the transaction that causes them and run by a worker after commit, at least
 * once, with retries and a dead letter. Handlers must therefore be idempotent.
 */

export type OutboxHandler = (payload: unknown, meta: { id: string; attempt: number }) => Promise<void>;

export const DEFAULT_MAX_ATTEMPTS = 12;
const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 60 * 60 * 1000;
const JITTER = 0.2;

/**
 * The wait before retrying after failed attempt number `attempt` (1-based): 1 s · 2^(attempt-1),
 * spread by ±20 % so that a burst of failures does not retry in lock-step, and never above 1 h.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const exp = Math.min(Math.max(attempt, 1) - 1, 32);
  const base = Math.min(BASE_DELAY_MS * 2 ** exp, MAX_DELAY_MS);
  const factor = 1 + (random() * 2 - 1) * JITTER;
  return Math.round(Math.min(base * factor, MAX_DELAY_MS));
}

/** Writes an outbox row in the caller's transaction; it runs only if that transaction commits. */
export async function enqueue(
  db: Kysely<DB>,
  topic: string,
  payload: unknown,
  opts: { maxAttempts?: number; delayMs?: number } = {},
): Promise<string> {
  const id = newId();
  const now = Date.now();
  await insertOutboxRow(db, {
    id,
    topic,
    payload: JSON.stringify(payload ?? null),
    status: 'pending',
    attempts: 0,
    max_attempts: Math.max(1, opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
    next_attempt_at: new Date(now + Math.max(0, opts.delayMs ?? 0)).toISOString(),
    locked_until: null,
    last_error: null,
    created_at: new Date(now).toISOString(),
    processed_at: null,
  });
  return id;
}

export interface OutboxWorkerOptions {
  intervalMs: number;
  log: Pick<FastifyBaseLogger, 'error' | 'warn' | 'debug'>;
  /** Rows claimed per batch (default 20). */
  batchSize?: number;
  /** How long a claim is held before another worker may take the row over (default 60 s). */
  leaseMs?: number;
  /** Clock and randomness, replaceable in tests. */
  now?: () => Date;
  random?: () => number;
}

const DONE_RETENTION_MS = 7 * 24 * 3600 * 1000;
const MAINTENANCE_EVERY_MS = 3600 * 1000;

export class OutboxWorker {
  private readonly handlers = new Map<string, OutboxHandler>();
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private readonly now: () => Date;
  private readonly random: () => number;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  /** The end of the current batch; batches of one worker never overlap. */
  private tail: Promise<unknown> = Promise.resolve();
  private lastMaintenance = 0;

  constructor(
    private readonly database: Database,
    private readonly opts: OutboxWorkerOptions,
  ) {
    this.batchSize = opts.batchSize ?? 20;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.now = opts.now ?? (() => new Date());
    this.random = opts.random ?? Math.random;
  }

  register(topic: string, handler: OutboxHandler): void {
    this.handlers.set(topic, handler);
  }

  /** Starts polling; the timer does not keep the process alive. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedule(0);
  }

  /** Stops polling and waits for the batch in progress. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.tail.catch(() => undefined);
  }

  /** Claims and processes one batch; resolves to the number of rows processed. */
  runOnce(): Promise<number> {
    const run = this.tail.then(() => this.processBatch());
    this.tail = run.catch(() => undefined);
    return run;
  }

  async counts(): Promise<{ pending: number; dead: number }> {
    return countOutbox(this.database.db);
  }

  /** Gives a dead message a fresh set of attempts. */
  async retryDead(id: string): Promise<boolean> {
    return retryDeadOutboxRow(this.database.db, id, nowIso(this.now()));
  }

  private schedule(delayMs: number): void {
    if (!this.running) return;
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    this.timer = null;
    let processed = 0;
    try {
      processed = await this.runOnce();
      await this.maintain();
    } catch (err) {
      this.opts.log.error({ err }, 'outbox: batch failed');
    }
    // A full batch suggests more is due: go on at once rather than after the interval.
    this.schedule(processed >= this.batchSize ? 0 : this.opts.intervalMs);
  }

  private async maintain(): Promise<void> {
    const now = this.now().getTime();
    if (now - this.lastMaintenance < MAINTENANCE_EVERY_MS) return;
    this.lastMaintenance = now;
    await purgeDoneOutboxRows(this.database.db, new Date(now - DONE_RETENTION_MS).toISOString());
  }

  private async processBatch(): Promise<number> {
    const now = this.now();
    const leaseUntil = new Date(now.getTime() + this.leaseMs).toISOString();
    const claimed = await this.database.transact((trx) =>
      claimOutboxRows(trx, this.database.dialect, nowIso(now), leaseUntil, this.batchSize),
    );
    await Promise.all(claimed.map((row) => this.runRow(row, leaseUntil)));
    return claimed.length;
  }

  private async runRow(row: ClaimedOutboxRow, leaseUntil: string): Promise<void> {
    const db = this.database.db;
    try {
      const handler = this.handlers.get(row.topic);
      if (!handler) throw new Error(`no handler for topic ${row.topic}`);
      await handler(JSON.parse(row.payload) as unknown, { id: row.id, attempt: row.attempts });
    } catch (err) {
      const dead = row.attempts >= row.max_attempts;
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
      const nextAttemptAt = new Date(
        this.now().getTime() + backoffMs(row.attempts, this.random),
      ).toISOString();
      this.opts.log.warn(
        { outboxId: row.id, topic: row.topic, attempt: row.attempts, dead, err },
        dead ? 'outbox: message dead after its last attempt' : 'outbox: attempt failed; will retry',
      );
      try {
        await failOutboxRow(db, row.id, leaseUntil, { dead, error, nextAttemptAt });
      } catch (dbErr) {
        this.opts.log.error({ err: dbErr, outboxId: row.id }, 'outbox: could not record a failure');
      }
      return;
    }
    try {
      const kept = await completeOutboxRow(db, row.id, leaseUntil, nowIso(this.now()));
      if (!kept) this.opts.log.warn({ outboxId: row.id }, 'outbox: lease lost before completion');
    } catch (dbErr) {
      this.opts.log.error({ err: dbErr, outboxId: row.id }, 'outbox: could not record a success');
    }
  }
}
