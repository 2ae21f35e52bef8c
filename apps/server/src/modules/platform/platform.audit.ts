import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { ActionContext } from '../../lib/context';
import { newId } from '../../lib/ids';
import { nowIso } from '../../lib/time';
import { insertAuditRow } from './platform.repository';

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

export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEYS.has(k) ? '[redacted]' : redact(v);
    return out;
  }
  return value;
}

/**
 * Writes one audit row. Call it with the transaction that makes the change, so that the row and
 * the change commit or roll back together (DESIGN §5.10).
 */
export async function audit(db: Kysely<DB>, ctx: ActionContext, entry: AuditEntry): Promise<void> {
  await insertAuditRow(db, {
    id: newId(),
    at: nowIso(),
    actor_id: ctx.actor?.id ?? null,
    actor_name: ctx.actor?.username ?? null,
    entity_type: entry.entityType,
    entity_id: entry.entityId,
    action: entry.action,
    before: entry.before === undefined ? null : JSON.stringify(redact(entry.before)),
    after: entry.after === undefined ? null : JSON.stringify(redact(entry.after)),
    request_id: ctx.requestId,
  });
}
