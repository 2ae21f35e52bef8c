import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { MultipartFile } from '@fastify/multipart';
import {
  documentListSchema,
  documentSchema,
  idParamsSchema,
  listDocumentsQuerySchema,
  okSchema,
  uploadDocumentFieldsSchema,
} from '@gendan/contracts';
import { formatBytes } from '../../lib/bytes';
import { AppError } from '../../lib/errors';
import { findNulCharacter, nulCharacterError } from '../../plugins/text-guard';
import { actionContext, requireUser } from '../identity/index';
import { contentDisposition } from './platform.filenames';
import {
  assertEntityAccess,
  createDocument,
  deleteDocument,
  getDocument,
  listDocuments,
  storeUpload,
  toDocumentInfo,
} from './platform.documents';
import { registerUploads } from '../../plugins/uploads';

interface ParsedUpload {
  fields: Record<string, string>;
  file: { filename: string; data: Buffer } | null;
}

/**
 * Reads a multipart upload: text fields and one `file` part, buffered in memory (the size cap is
 * the multipart plugin's `fileSize` limit, set from GENDAN_UPLOAD_MAX_MB in app.ts).
 */
async function readUpload(req: FastifyRequest, maxBytes: number): Promise<ParsedUpload> {
  const fields: Record<string, string> = {};
  let file: ParsedUpload['file'] = null;
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const data = await bufferFile(part, maxBytes);
        if (part.fieldname !== 'file' || file) continue;
        file = { filename: part.filename, data };
      } else if (typeof part.value === 'string') {
        fields[part.fieldname] = part.value;
      }
    }
  } catch (err) {
    throw asClientError(err);
  }
  return { fields, file };
}

/**
 * The multipart plugin's own errors (limits, wrong content type) carry codes the error handler
 * maps; anything else the parser throws ("Unexpected end of multipart data", a missing boundary…)
 * is a malformed request, not a server fault.
 */
function asClientError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('FST_')) return err;
  return new AppError('MALFORMED_MULTIPART');
}

async function bufferFile(part: MultipartFile, maxBytes: number): Promise<Buffer> {
  const data = await part.toBuffer();
  if (part.file.truncated || data.length > maxBytes) throw tooLarge(maxBytes);
  return data;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', { limit: formatBytes(maxBytes) });
}

function validationError(issues: { path: PropertyKey[]; message: string }[]): AppError {
  const details = issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
  const summary = details
    .slice(0, 3)
    .map((d) => `${d.path || '(root)'}: ${d.message}`)
    .join('; ');
  return new AppError('VALIDATION_FAILED', { summary }, details);
}

/** `/api/documents`: attachments of any entity whose module registered an access check. */
export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  await registerUploads(app);
  app.post(
    '/documents',
    {
      config: { access: 'authenticated' },
      schema: {
        summary: 'Upload a document (multipart/form-data: entityType, entityId, docType, shared?, file)',
        consumes: ['multipart/form-data'],
        response: { 201: documentSchema },
      },
    },
    async (req, reply) => {
      const user = requireUser(req);
      const upload = await readUpload(req, app.config.uploadMaxBytes);
      // The text guard runs before multipart fields are parsed, so they are checked here.
      const nulAt = findNulCharacter(upload.fields, 'body');
      if (nulAt !== null) throw nulCharacterError(nulAt, req.lang);
      const parsed = uploadDocumentFieldsSchema.safeParse(upload.fields);
      if (!parsed.success) throw validationError(parsed.error.issues);
      if (!upload.file || upload.file.data.length === 0) throw new AppError('FILE_REQUIRED');
      const fields = parsed.data;
      // Check access before anything touches the disk.
      await assertEntityAccess(app.db, user, fields.entityType, fields.entityId, 'write');
      const stored = await storeUpload(app.files, upload.file.filename, upload.file.data);
      const info = await app.database.transact((trx) =>
        createDocument(
          trx,
          actionContext(req),
          user,
          {
            entityType: fields.entityType,
            entityId: fields.entityId,
            docType: fields.docType,
            shared: fields.shared === 'true' || fields.shared === '1',
          },
          stored,
        ),
      );
      return reply.code(201).send(info);
    },
  );

  app.get(
    '/documents',
    {
      config: { access: 'authenticated' },
      schema: { querystring: listDocumentsQuerySchema, response: { 200: documentListSchema } },
    },
    async (req) => listDocuments(app.db, requireUser(req), req.query.entityType, req.query.entityId),
  );

  app.get(
    '/documents/:id',
    {
      config: { access: 'authenticated' },
      schema: { params: idParamsSchema, response: { 200: documentSchema } },
    },
    async (req) => toDocumentInfo(await getDocument(app.db, requireUser(req), req.params.id)),
  );

  app.get(
    '/documents/:id/content',
    {
      config: { access: 'authenticated' },
      schema: { params: idParamsSchema, summary: 'Download the file (always as an attachment)' },
    },
    async (req, reply) => {
      const row = await getDocument(app.db, requireUser(req), req.params.id);
      if (!(await app.files.exists(row.sha256))) {
        req.log.error({ documentId: row.id, sha256: row.sha256 }, 'document blob missing from storage');
        throw new Error('document blob missing');
      }
      return reply
        .header('content-type', row.mime)
        .header('content-length', String(row.size))
        .header('content-disposition', contentDisposition(row.filename))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cache-control', 'private, no-store')
        .send(app.files.open(row.sha256));
    },
  );

  app.delete(
    '/documents/:id',
    {
      config: { access: 'authenticated' },
      schema: { params: idParamsSchema, response: { 200: okSchema } },
    },
    async (req) => {
      const user = requireUser(req);
      await app.database.transact((trx) => deleteDocument(trx, actionContext(req), user, req.params.id));
      return { ok: true as const };
    },
  );
};
