/** Public API of the platform module: audit, numbering, settings, idempotency, outbox, files. */
export { audit, auditRecords, type AuditEntry } from './platform.audit';
export { nextDocumentNumber, DEFAULT_NUMBERING } from './platform.numbering';
export {
  getSettings,
  updateSettings,
  defaultSettings,
  SettingsCache,
  type SettingsWithVersion,
} from './platform.settings';
export { registerIdempotency } from './platform.idempotency';
export { OutboxWorker, enqueue, type OutboxHandler } from './platform.outbox';
export { FileStore } from './platform.files';
export {
  registerEntityAccess,
  storeUpload,
  createDocument,
  archiveRowsForNewEntities,
  type StoredUpload,
  assertEntityAccess,
  type EntityAccess,
  type EntityAccessCheck,
} from './platform.documents';
export { platformRoutes } from './platform.routes';
