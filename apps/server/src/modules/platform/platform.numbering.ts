import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { datePartsInZone } from '../../lib/time';
import { formatNumber, periodKey } from '@gendan/contracts/numbering';
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
