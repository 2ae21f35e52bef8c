import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type { Dialect } from '../../db/database';
import { tableRows, type TableRows } from '../../db/inserts';
import type { AuditLogTable, DB, IdempotencyKeyTable, OutboxTable } from '../../db/schema';

/**
 * SQL of the platform module: audit, settings, numbering, idempotency keys, the outbox and the
 * system page. Documents live in platform.documents-repository.ts.
 */

/** Audit rows as `insertTogether` writes them. */
export function auditTableRows(rows: readonly Insertable<AuditLogTable>[]): TableRows<'audit_log'> {
  return tableRows('audit_log', rows);
}

export async function listAuditRows(
  db: Kysely<DB>,
  filter: { entityType?: string | undefined; entityId?: string | undefined },
  page: number,
  pageSize: number,
) {
  let q = db.selectFrom('audit_log');
  if (filter.entityType) q = q.where('entity_type', '=', filter.entityType);
  if (filter.entityId) q = q.where('entity_id', '=', filter.entityId);
  const [items, total] = await Promise.all([
    q
      .selectAll()
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function getSettingRows(db: Kysely<DB>) {
  return db.selectFrom('settings').selectAll().execute();
}

/**
 * Writes a setting only if its stored version is still `expectedVersion` (a missing row counts as
 * version 1). Returns false when another writer got there first.
 */
export async function saveSettingIfVersion(
  db: Kysely<DB>,
  key: string,
  value: string,
  expectedVersion: number,
  now: string,
): Promise<boolean> {
  const updated = await db
    .updateTable('settings')
    .set({ value, updated_at: now, version: expectedVersion + 1 })
    .where('key', '=', key)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 1) return true;
  if (expectedVersion !== 1) return false;
  const inserted = await db
    .insertInto('settings')
    .values({ key, value, version: 2, updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
}

/** Atomically bumps and returns a numbering counter (one statement, both dialects). */
export async function nextCounterValue(db: Kysely<DB>, docType: string, period: string): Promise<number> {
  const row = await db
    .insertInto('numbering_counters')
    .values({ doc_type: docType, period, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(['doc_type', 'period']).doUpdateSet({
        last_value: sql<number>`numbering_counters.last_value + 1`,
      }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return Number(row.last_value);
}

// ---------------------------------------------------------------------------------------------
// System

/** Names of the applied migrations, from Kysely's own bookkeeping table. */
export async function listAppliedMigrations(db: Kysely<DB>): Promise<string[]> {
  const res = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return res.rows.map((r) => r.name);
}

// ---------------------------------------------------------------------------------------------
// Idempotency keys

/** Inserts the key unless it exists (one atomic statement). Returns whether this call inserted it. */
export async function insertIdempotencyKey(
  db: Kysely<DB>,
  row: Insertable<IdempotencyKeyTable>,
): Promise<boolean> {
  const res = await db
    .insertInto('idempotency_keys')
    .values(row)
    .onConflict((oc) => oc.columns(['scope', 'key']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function findIdempotencyKey(
  db: Kysely<DB>,
  scope: string,
  key: string,
): Promise<Selectable<IdempotencyKeyTable> | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('scope', '=', scope)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function completeIdempotencyKey(
  db: Kysely<DB>,
  scope: string,
  key: string,
  status: number,
  body: string | null,
): Promise<void> {
  await db
    .updateTable('idempotency_keys')
    .set({ status: 'done', response_status: status, response_body: body })
    .where('scope', '=', scope)
    .where('key', '=', key)
    .execute();
}

/** Deletes a key; with `createdAt`, only that generation of it (an expired one being replaced). */
export async function deleteIdempotencyKey(
  db: Kysely<DB>,
  scope: string,
  key: string,
  createdAt?: string,
): Promise<void> {
  await db
    .deleteFrom('idempotency_keys')
    .where('scope', '=', scope)
    .where('key', '=', key)
    .$if(createdAt !== undefined, (q) => q.where('created_at', '=', createdAt ?? ''))
    .execute();
}

export async function purgeIdempotencyKeys(db: Kysely<DB>, createdBefore: string): Promise<number> {
  const res = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', createdBefore)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

// ---------------------------------------------------------------------------------------------
// Outbox

export async function insertOutboxRow(db: Kysely<DB>, row: Insertable<OutboxTable>): Promise<void> {
  await db.insertInto('outbox').values(row).execute();
}

export interface ClaimedOutboxRow {
  id: string;
  topic: string;
  payload: string;
  attempts: number;
  max_attempts: number;
}

/**
 * Claims up to `limit` due rows for one worker: pending rows whose time has come, and rows whose
 * worker's lease ran out (it crashed). Run it in a transaction; on PostgreSQL the rows are locked
 * with SKIP LOCKED, so concurrent workers in any process claim disjoint rows. A claimed row is
 * 'processing' until `leaseUntil`, and its attempt counter is bumped at claim time, so a message
 * that kills its worker still runs out of attempts. An expired lease on a row with no attempts
 * left makes the row dead instead.
 */
export async function claimOutboxRows(
  trx: Kysely<DB>,
  dialect: Dialect,
  now: string,
  leaseUntil: string,
  limit: number,
): Promise<ClaimedOutboxRow[]> {
  const due = await trx
    .selectFrom('outbox')
    .select(['id', 'status', 'attempts', 'max_attempts'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'processing'), eb('locked_until', '<', now)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .$if(dialect === 'postgres', (q) => q.forUpdate().skipLocked())
    .execute();
  const exhausted = due.filter((r) => r.status === 'processing' && r.attempts >= r.max_attempts);
  const runnable = due.filter((r) => !exhausted.includes(r));
  if (exhausted.length > 0) {
    await trx
      .updateTable('outbox')
      .set({ status: 'dead', locked_until: null, last_error: 'lease expired during the last attempt' })
      .where(
        'id',
        'in',
        exhausted.map((r) => r.id),
      )
      .execute();
  }
  if (runnable.length === 0) return [];
  return trx
    .updateTable('outbox')
    .set({ status: 'processing', locked_until: leaseUntil, attempts: sql<number>`attempts + 1` })
    .where(
      'id',
      'in',
      runnable.map((r) => r.id),
    )
    .returning(['id', 'topic', 'payload', 'attempts', 'max_attempts'])
    .execute();
}

/** Marks a claimed row done, unless its lease was lost to another worker meanwhile. */
export async function completeOutboxRow(
  db: Kysely<DB>,
  id: string,
  leaseUntil: string,
  now: string,
): Promise<boolean> {
  const res = await db
    .updateTable('outbox')
    .set({ status: 'done', processed_at: now, locked_until: null, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'processing')
    .where('locked_until', '=', leaseUntil)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Records a failed attempt: back to 'pending' at `nextAttemptAt`, or 'dead' when none remain. */
export async function failOutboxRow(
  db: Kysely<DB>,
  id: string,
  leaseUntil: string,
  failure: { dead: boolean; error: string; nextAttemptAt: string },
): Promise<boolean> {
  const res = await db
    .updateTable('outbox')
    .set({
      status: failure.dead ? 'dead' : 'pending',
      last_error: failure.error,
      next_attempt_at: failure.nextAttemptAt,
      locked_until: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'processing')
    .where('locked_until', '=', leaseUntil)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Pending counts rows waiting or running; dead counts rows that ran out of attempts. */
export async function countOutbox(db: Kysely<DB>): Promise<{ pending: number; dead: number }> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', 'in', ['pending', 'processing', 'dead'])
    .groupBy('status')
    .execute();
  let pending = 0;
  let dead = 0;
  for (const r of rows) {
    if (r.status === 'dead') dead += Number(r.n);
    else pending += Number(r.n);
  }
  return { pending, dead };
}

export async function getOutboxRow(db: Kysely<DB>, id: string) {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Gives a dead row a fresh set of attempts. Returns false unless the row exists and is dead. */
export async function retryDeadOutboxRow(db: Kysely<DB>, id: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, next_attempt_at: now, locked_until: null })
    .where('id', '=', id)
    .where('status', '=', 'dead')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Deletes finished rows processed before the cut-off (dead rows are kept for inspection). */
export async function purgeDoneOutboxRows(db: Kysely<DB>, processedBefore: string): Promise<number> {
  const res = await db
    .deleteFrom('outbox')
    .where('status', '=', 'done')
    .where('processed_at', '<', processedBefore)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}
