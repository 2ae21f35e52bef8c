import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { datePartsInZone } from '../../lib/time';
import { nextCounterValue } from './platform.repository';

/** Default patterns per document type; admins change them in settings. */
export const DEFAULT_NUMBERING: Record<string, string> = {
  sales_order: 'SO{yyyy}{MM}-{seq:5}',
  purchase_order: 'PO{yyyy}{MM}-{seq:5}',
  work_order: 'WO{yyyy}{MM}-{seq:5}',
  shipment: 'SH{yyyy}{MM}-{seq:5}',
  change_request: 'CR{yyyy}{MM}-{seq:5}',
  aftersales_case: 'AS{yyyy}{MM}-{seq:5}',
};

const TOKEN = /\{(yyyy|yy|MM|dd|seq(?::(\d{1,2}))?)\}/g;

/**
 * The counter period of a pattern: the date tokens it holds, so that `SO{yyyy}{MM}-{seq}`
 * restarts every month and `INV-{seq:6}` never restarts.
 */
export function periodKey(pattern: string, parts: { yyyy: string; MM: string; dd: string }): string {
  const keys: string[] = [];
  if (pattern.includes('{yyyy}') || pattern.includes('{yy}')) keys.push(parts.yyyy);
  if (pattern.includes('{MM}')) keys.push(parts.MM);
  if (pattern.includes('{dd}')) keys.push(parts.dd);
  return keys.join('-') || 'all';
}

export function formatNumber(
  pattern: string,
  parts: { yyyy: string; MM: string; dd: string },
  seq: number,
): string {
  return pattern.replace(TOKEN, (_m, token: string, width?: string) => {
    switch (token) {
      case 'yyyy':
        return parts.yyyy;
      case 'yy':
        return parts.yyyy.slice(2);
      case 'MM':
        return parts.MM;
      case 'dd':
        return parts.dd;
      default:
        return String(seq).padStart(width ? Number(width) : 1, '0');
    }
  });
}

/**
 * Issues the next document number of a type. The counter is bumped with one atomic upsert, so
 * numbers are unique under concurrency on SQLite and across processes on PostgreSQL. Call it
 * inside the transaction that creates the document: a rollback returns nothing to reuse, but
 * never gives one number twice.
 */
export async function nextDocumentNumber(
  db: Kysely<DB>,
  docType: string,
  pattern: string,
  timeZone: string,
  now: Date = new Date(),
): Promise<string> {
  const parts = datePartsInZone(now, timeZone);
  const seq = await nextCounterValue(db, docType, periodKey(pattern, parts));
  return formatNumber(pattern, parts, seq);
}
