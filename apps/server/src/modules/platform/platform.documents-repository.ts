import type { Insertable, Kysely, Selectable } from 'kysely';
import { tableRows, type TableRows } from '../../db/inserts';
import type { DB, DocumentTable } from '../../db/schema';

/** SQL of the platform module's document attachments (the `documents` table). */

export type DocumentRow = Selectable<DocumentTable>;

export async function insertDocument(db: Kysely<DB>, row: Insertable<DocumentTable>): Promise<void> {
  await db.insertInto('documents').values(row).execute();
}

/** Document rows as `insertTogether` writes them. */
export function documentTableRows(rows: readonly Insertable<DocumentTable>[]): TableRows<'documents'> {
  return tableRows('documents', rows);
}

export async function findDocument(db: Kysely<DB>, id: string): Promise<DocumentRow | undefined> {
  return db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * The documents attached to one entity, newest first. With `visibleTo`, only those shared with
 * customers or uploaded by that user (the portal's view).
 */
export async function listDocumentsOf(
  db: Kysely<DB>,
  entityType: string,
  entityId: string,
  visibleTo?: string,
): Promise<DocumentRow[]> {
  return db
    .selectFrom('documents')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .$if(visibleTo !== undefined, (q) =>
      q.where((eb) => eb.or([eb('shared', '=', 1), eb('uploaded_by', '=', visibleTo ?? '')])),
    )
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function deleteDocumentRow(db: Kysely<DB>, id: string): Promise<boolean> {
  const res = await db.deleteFrom('documents').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}
