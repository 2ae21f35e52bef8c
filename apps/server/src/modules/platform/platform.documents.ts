import type { Kysely } from 'kysely';
import { fileTypeFromBuffer } from 'file-type';
import type { DocumentInfo } from '@gendan/contracts';
import type { DB } from '../../db/schema';
import type { ActionContext, AuthUser } from '../../lib/context';
import { AppError, notFound } from '../../lib/errors';
import { newId } from '../../lib/ids';
import { nowIso } from '../../lib/time';
import type { TableRows } from '../../db/inserts';
import { audit, auditRecords } from './platform.audit';
import type { FileStore } from './platform.files';
import { sanitizeFilename } from './platform.filenames';
import { decideFileType } from './platform.filetypes';
import {
  deleteDocumentRow,
  findDocument,
  insertDocument,
  documentTableRows,
  listDocumentsOf,
  type DocumentRow,
} from './platform.documents-repository';

/**
 * Attachments linked to any entity (an order, a shipment, a user…). The owning module decides who
 * may see them: it registers an access check for its entity type. No access looks exactly like a
 * missing record (404), so ids of other tenants' records reveal nothing (DESIGN §7).
 */

export type EntityAccess = 'read' | 'write';
export type EntityAccessCheck = (
  db: Kysely<DB>,
  user: AuthUser,
  entityId: string,
) => Promise<EntityAccess | null>;

const registry = new Map<string, EntityAccessCheck>();

/** Declares who may read and attach documents for an entity type. Call it once, at start-up. */
export function registerEntityAccess(entityType: string, check: EntityAccessCheck): void {
  registry.set(entityType, check);
}

const isCustomer = (user: AuthUser) => user.roles.includes('customer');

/**
 * The caller's access to an entity. Unknown entity types are a client error (400); no access at
 * all, or only read access when `need` is write, is NOT_FOUND.
 */
export async function assertEntityAccess(
  db: Kysely<DB>,
  user: AuthUser,
  entityType: string,
  entityId: string,
  need: EntityAccess,
): Promise<void> {
  const check = registry.get(entityType);
  if (!check) throw new AppError('UNKNOWN_ENTITY_TYPE', { entityType });
  const access = await check(db, user, entityId);
  if (access === 'write' || (access === 'read' && need === 'read')) return;
  throw notFound('record');
}

export function toDocumentInfo(row: DocumentRow): DocumentInfo {
  return {
    id: row.id,
    entityType: row.entity_type,
    entityId: row.entity_id,
    docType: row.doc_type,
    filename: row.filename,
    mime: row.mime,
    size: Number(row.size),
    sha256: row.sha256,
    shared: Number(row.shared) === 1,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
  };
}

/**
 * A customer (portal) user sees only documents shared with customers and its own uploads, on top
 * of the entity check.
 */
function visibleToUser(row: DocumentRow, user: AuthUser): boolean {
  return !isCustomer(user) || Number(row.shared) === 1 || row.uploaded_by === user.id;
}

/** Loads a document the user may see (with `need` access to its entity), else NOT_FOUND. */
export async function getDocument(
  db: Kysely<DB>,
  user: AuthUser,
  id: string,
  need: EntityAccess = 'read',
): Promise<DocumentRow> {
  const row = await findDocument(db, id);
  if (!row || !visibleToUser(row, user) || !registry.has(row.entity_type)) throw notFound('document');
  try {
    await assertEntityAccess(db, user, row.entity_type, row.entity_id, need);
  } catch (err) {
    if (err instanceof AppError) throw notFound('document');
    throw err;
  }
  if (need === 'write' && isCustomer(user) && row.uploaded_by !== user.id) throw notFound('document');
  return row;
}

export async function listDocuments(
  db: Kysely<DB>,
  user: AuthUser,
  entityType: string,
  entityId: string,
): Promise<{ items: DocumentInfo[]; total: number }> {
  await assertEntityAccess(db, user, entityType, entityId, 'read');
  const rows = await listDocumentsOf(db, entityType, entityId, isCustomer(user) ? user.id : undefined);
  return { items: rows.map(toDocumentInfo), total: rows.length };
}

export interface StoredUpload {
  filename: string;
  mime: string;
  sha256: string;
  size: number;
}

/**
 * Checks an upload's content against the allow-list and stores it. Runs before the database
 * transaction: a blob whose row never commits is harmless (content-addressed, never served).
 */
export async function storeUpload(files: FileStore, clientName: string, data: Buffer): Promise<StoredUpload> {
  if (data.length === 0) throw new AppError('FILE_REQUIRED');
  const filename = sanitizeFilename(clientName);
  const detected = await fileTypeFromBuffer(data);
  const decision = decideFileType(detected, filename, data);
  if (!decision.ok) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { type: decision.type });
  const { sha256, size } = await files.put(data);
  return { filename, mime: decision.mime, sha256, size };
}

export interface NewDocument {
  entityType: string;
  entityId: string;
  docType: string;
  shared: boolean;
}

function documentRow(input: NewDocument, user: AuthUser, stored: StoredUpload, at: string): DocumentRow {
  return {
    id: newId(),
    entity_type: input.entityType,
    entity_id: input.entityId,
    doc_type: input.docType,
    filename: stored.filename,
    mime: stored.mime,
    size: stored.size,
    sha256: stored.sha256,
    shared: input.shared ? 1 : 0,
    uploaded_by: user.id,
    created_at: at,
  };
}

export async function createDocument(
  db: Kysely<DB>,
  ctx: ActionContext,
  user: AuthUser,
  input: NewDocument,
  stored: StoredUpload,
): Promise<DocumentInfo> {
  await assertEntityAccess(db, user, input.entityType, input.entityId, 'write');
  const row = documentRow(input, user, stored, nowIso());
  await insertDocument(db, row);
  const info = toDocumentInfo(row);
  await audit(db, ctx, { entityType: 'document', entityId: row.id, action: 'create', after: info });
  return info;
}

export interface NewEntitiesArchive {
  entityType: string;
  entityIds: readonly string[];
  docType: string;
  shared: boolean;
}

/**
 * Archives one stored file as a document of each of many entities, with one audit row each: the
 * rows, for the use case to write with its own in one `insertTogether` (the same statement on
 * PostgreSQL). Only for entities the same use case has just created (an import archives its
 * file on every order it made): creating them is what grants the access, so no per-entity access
 * check is made here; anything else goes through `createDocument`.
 */
export function archiveRowsForNewEntities(
  ctx: ActionContext,
  user: AuthUser,
  input: NewEntitiesArchive,
  stored: StoredUpload,
): { infos: DocumentInfo[]; rows: TableRows[] } {
  const at = nowIso();
  const docs = input.entityIds.map((entityId) => documentRow({ ...input, entityId }, user, stored, at));
  const infos = docs.map(toDocumentInfo);
  const audits = auditRecords(
    ctx,
    infos.map((info) => ({ entityType: 'document', entityId: info.id, action: 'create', after: info })),
  );
  return { infos, rows: [documentTableRows(docs), audits] };
}

export async function deleteDocument(
  db: Kysely<DB>,
  ctx: ActionContext,
  user: AuthUser,
  id: string,
): Promise<void> {
  const row = await getDocument(db, user, id, 'write');
  if (!(await deleteDocumentRow(db, id))) throw notFound('document');
  await audit(db, ctx, {
    entityType: 'document',
    entityId: id,
    action: 'delete',
    before: toDocumentInfo(row),
  });
}
