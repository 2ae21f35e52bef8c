import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { ActionContext } from '../../lib/context';
import { newId } from '../../lib/ids';
import { nowIso } from '../../lib/time';
import { insertTogether, type TableRows } from '../../db/inserts';
import { auditTableRows } from './platform.repository';

export interface AuditEntry {
  entityType: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Fields never written to the audit log. */
const SECRET_KEYS = new Set([
  'password',
  'passwordHash',
  'password_hash',
  'token',
  'tokenHash',
  'token_hash',
]);

/** JSON of an audited value with secrets redacted, in one pass and without copying the value. */
export function auditJson(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (SECRET_KEYS.has(key) ? '[redacted]' : v));
}

/**
 * Writes one audit row. Call it with the transaction that makes the change, so that the row and
 * the change commit or roll back together (DESIGN §5.10).
 */
export async function audit(db: Kysely<DB>, ctx: ActionContext, entry: AuditEntry): Promise<void> {
  await insertTogether(db, [auditTableRows([auditRow(ctx, entry, nowIso())])]);
}

/**
 * The audit rows of the entries, for a use case that writes them with its own rows in one
 * `insertTogether` (same transaction, or the same single statement on PostgreSQL).
 */
export function auditRecords(ctx: ActionContext, entries: readonly AuditEntry[]): TableRows {
  const at = nowIso();
  return auditTableRows(entries.map((e) => auditRow(ctx, e, at)));
}

function auditRow(ctx: ActionContext, entry: AuditEntry, at: string) {
  return {
    id: newId(),
    at,
    actor_id: ctx.actor?.id ?? null,
    actor_name: ctx.actor?.username ?? null,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    action: entry.action,
    before: entry.before === undefined ? null : auditJson(entry.before),
    after: entry.after === undefined ? null : auditJson(entry.after),
    request_id: ctx.requestId,
  };
}
