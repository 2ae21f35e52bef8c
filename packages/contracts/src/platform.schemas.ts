import { z } from 'zod';
import { isoInstantSchema, pageOf } from './common.schemas';
import { policySchema } from './catalog.schemas';

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.enum(['sqlite', 'postgres']),
  version: z.string(),
});

export const systemInfoSchema = z.object({
  version: z.string(),
  db: z.enum(['sqlite', 'postgres']),
  dbLabel: z.string(),
  node: z.string(),
  timeZone: z.string(),
  uptimeSeconds: z.number(),
  migrations: z.array(z.string()),
  outbox: z.object({ pending: z.number(), dead: z.number() }),
});

/** `{yyyy}`, `{yy}`, `{MM}`, `{dd}` and `{seq:N}` are replaced; everything else is literal. */
export const numberingPatternSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/\{seq(:\d{1,2})?\}/, 'must contain {seq} or {seq:N}');

export const settingsSchema = z.object({
  companyName: z.string().min(1).max(200),
  timeZone: z.string().min(1).max(64),
  currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. CNY'),
  numbering: z.record(z.string().regex(/^[a-z_]{1,32}$/), numberingPatternSchema),
  policy: policySchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsResponseSchema = settingsSchema.extend({ version: z.number().int() });

export const updateSettingsBodySchema = z.strictObject({
  version: z.number().int().min(1),
  companyName: z.string().min(1).max(200).optional(),
  timeZone: z.string().min(1).max(64).optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .optional(),
  numbering: z.record(z.string().regex(/^[a-z_]{1,32}$/), numberingPatternSchema).optional(),
  policy: policySchema.optional(),
});

export const documentSchema = z.object({
  id: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  docType: z.string(),
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  shared: z.boolean(),
  uploadedBy: z.string().nullable(),
  createdAt: isoInstantSchema,
});
export type DocumentInfo = z.infer<typeof documentSchema>;

export const entityRefSchema = z.string().regex(/^[a-z][a-z_]{0,31}$/, 'lower-case letters and _');

export const listDocumentsQuerySchema = z.strictObject({
  entityType: entityRefSchema,
  entityId: z.string().min(1).max(64),
});

export const documentListSchema = pageOf(documentSchema);

/** A document class such as `contract`, `drawing`, `qc_report`, `packing_list`. */
export const docTypeSchema = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, 'lower-case letters, digits and _');

/**
 * The text fields of `POST /api/documents` (multipart/form-data). The one file part is named
 * `file`; its type is detected from its content, never from its name or the sent Content-Type.
 */
export const uploadDocumentFieldsSchema = z.strictObject({
  entityType: entityRefSchema,
  entityId: z.string().min(1).max(64),
  docType: docTypeSchema,
  shared: z.enum(['true', 'false', '1', '0']).optional(),
});

export const auditEntrySchema = z.object({
  id: z.string(),
  at: isoInstantSchema,
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  entityType: z.string(),
  entityId: z.string(),
  action: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
});

export const auditListSchema = pageOf(auditEntrySchema);

export const listAuditQuerySchema = z.strictObject({
  entityType: z.string().max(32).optional(),
  entityId: z.string().max(64).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
