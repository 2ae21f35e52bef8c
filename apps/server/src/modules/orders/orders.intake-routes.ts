import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { fileTypeFromBuffer } from 'file-type';
import { LRUCache } from 'lru-cache';
import {
  importQuerySchema,
  orderEmailImportResultSchema,
  orderImportResultSchema,
  type Language,
  type OrderEmailImportResult,
  type OrderImportResult,
  type Role,
} from '@gendan/contracts';
import { AppError } from '../../lib/errors';
import { todayInZone } from '../../lib/time';
import { attachmentHeader, loadTable, SheetFormatError, XLSX_MIME, type ReadSheet } from '../../lib/xlsx';
import { actionContext, requireUser } from '../identity/index';
import { getSettings } from '../platform/index';
import { emailSources, EmailFormatError, readEmail } from './orders.email';
import { readOrderTable, translateErrors, type IntakeError } from './orders.import-columns';
import { orderImportTemplate } from './orders.import-template';
import {
  commitIntake,
  emailIntakeRequest,
  IntakeRaceError,
  planIntake,
  storeIntakeFile,
  type CommitOptions,
  type IntakePlan,
  type IntakeRequest,
} from './orders.intake';
import { registerUploads } from '../../plugins/uploads';

/**
 * Order intake routes (registered by orders.routes.ts under /api): the import template, the xlsx/csv
 * import with preview (`?dryRun=1`), and orders by e-mail (`.eml`). All or nothing: any error gives
 * 422 IMPORT_INVALID with every error by row and column, and nothing is written.
 */

const INTAKE_ROLES: readonly Role[] = ['manager', 'clerk', 'sales'];

interface UploadedFile {
  filename: string;
  data: Buffer;
}

/** The multipart `file` part, buffered (the plugin's `fileSize` limit caps it; 413 beyond). */
async function readFilePart(req: FastifyRequest): Promise<UploadedFile> {
  let file: UploadedFile | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      const data = await part.toBuffer();
      if (part.fieldname === 'file' && !file) file = { filename: part.filename, data };
    }
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (err instanceof AppError || (typeof code === 'string' && code.startsWith('FST_'))) throw err;
    throw new AppError('MALFORMED_MULTIPART');
  }
  if (!file || file.data.length === 0) throw new AppError('FILE_REQUIRED');
  return file;
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

/**
 * Text, as far as the first 64 KiB tell: no NUL and no control characters but tab, CR, LF, FF and
 * ESC (which ISO-2022 mail encodings use).
 */
function looksLikeText(data: Buffer): boolean {
  for (const b of data.subarray(0, 65536)) {
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) return false;
    if (b === 0x7f) return false;
  }
  return true;
}

/** An upload's sheet format by its content: an xlsx (zip) or csv text; anything else is 415. */
async function sheetFormat(data: Buffer): Promise<'xlsx' | 'csv'> {
  const detected = await fileTypeFromBuffer(data);
  if (detected?.ext === 'xlsx' || detected?.ext === 'zip') return 'xlsx';
  if (detected) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { type: detected.mime });
  if (data.length >= 4 && data.readUInt32LE(0) === 0x04034b50) return 'xlsx';
  if (!looksLikeText(data))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { type: 'application/octet-stream' });
  return 'csv';
}

/**
 * Parsed sheets of recent uploads, by format and content hash. The import wizard previews a file
 * and then commits the same bytes; parsing is a pure function of them, so the commit reuses the
 * preview's parse instead of reading the workbook again, and drops it. Kept: at most 100,000 rows
 * in all, each sheet for 10 minutes. A commit that reaches another process, or comes later,
 * parses again.
 */
export function parsedSheetCache(): LRUCache<string, ReadSheet> {
  return new LRUCache<string, ReadSheet>({
    maxSize: 100_000,
    sizeCalculation: (sheet) => Math.max(1, sheet.rows.length),
    ttl: 10 * 60_000,
  });
}

async function readSheet(data: Buffer, format: 'xlsx' | 'csv'): Promise<ReadSheet> {
  try {
    return readOrderTable(await loadTable(data, format));
  } catch (err) {
    if (err instanceof SheetFormatError) throw unreadable(format, err.message);
    throw err;
  }
}

function unreadable(format: string, reason: string): AppError {
  return new AppError('FILE_UNREADABLE', { format, reason: reason.slice(0, 200) });
}

/** The name the archived copy gets: the client's, with the extension its content deserves. */
function archiveName(clientName: string, ext: string): string {
  const name = clientName.trim() || 'upload';
  return name.toLowerCase().endsWith(`.${ext}`) ? name : `${name}.${ext}`;
}

function importInvalid(errors: readonly IntakeError[], lang: Language): AppError {
  return new AppError('IMPORT_INVALID', { count: errors.length }, { errors: translateErrors(errors, lang) });
}

async function companyToday(app: FastifyInstance): Promise<string> {
  return todayInZone((await getSettings(app.db, app.config.timeZone)).timeZone);
}

function orderSummaries(plan: IntakePlan) {
  return plan.orders.map((o) => ({
    id: o.id,
    customerCode: o.customerCode,
    customerPo: o.customerPo,
    lines: o.lineCount,
    total: o.total,
    currency: o.currency,
    alreadyImported: o.alreadyImported,
  }));
}

/**
 * The counts every import reports (the same shape as the master-data imports): orders created
 * (or, on a dry run, to be created), and orders a previous run of the same file already made.
 */
export function importCounts(plan: IntakePlan): { created: number; updated: number; skipped: number } {
  const skipped = plan.orders.filter((o) => o.alreadyImported).length;
  return { created: plan.orders.length - skipped, updated: 0, skipped };
}

/**
 * Plans and commits in one transaction: errors → 422 and nothing written. A concurrent commit of
 * the same file is retried once, which then reports the other request's orders as imported.
 */
async function commit(
  app: FastifyInstance,
  req: FastifyRequest,
  request: IntakeRequest,
  options: CommitOptions,
  extraErrors: readonly IntakeError[] = [],
): Promise<IntakePlan> {
  const user = requireUser(req);
  for (let attempt = 1; ; attempt++) {
    try {
      return await app.database.transact(async (trx) => {
        const plan = await planIntake(trx, request);
        const errors = [...extraErrors, ...plan.errors];
        if (errors.length > 0) throw importInvalid(errors, req.lang);
        const ctx = { ...actionContext(req), lang: req.lang, timeZone: app.config.timeZone };
        await commitIntake(trx, ctx, user, plan, options);
        return plan;
      });
    } catch (err) {
      if (!(err instanceof IntakeRaceError) || attempt >= 2) throw err;
    }
  }
}

const isDryRun = (q: { dryRun?: string | undefined }) => q.dryRun === '1' || q.dryRun === 'true';

export const intakeRoutes: FastifyPluginAsyncZod = async (app) => {
  await registerUploads(app);
  const parsedSheets = parsedSheetCache();
  app.get(
    '/orders/import-template',
    {
      config: { access: INTAKE_ROLES },
      schema: {
        tags: ['orders'],
        summary: 'The order import template (xlsx, headers in the caller’s language)',
      },
    },
    async (req, reply) => {
      const buf = await orderImportTemplate(req.lang, await companyToday(app));
      const name = req.lang === 'en' ? 'order-import-template.xlsx' : '订单导入模板.xlsx';
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', attachmentHeader(name))
        .send(buf);
    },
  );

  app.post(
    '/orders/import',
    {
      config: { access: INTAKE_ROLES },
      schema: {
        tags: ['orders'],
        summary: 'Import orders from xlsx or csv (multipart `file`); `?dryRun=1` previews',
        consumes: ['multipart/form-data'],
        querystring: importQuerySchema,
        response: { 200: orderImportResultSchema },
      },
    },
    async (req): Promise<OrderImportResult> => {
      const file = await readFilePart(req);
      const format = await sheetFormat(file.data);
      const fileHash = sha256(file.data);
      const dryRun = isDryRun(req.query);
      // A preview keeps its parse for the commit that follows; the commit takes it out again.
      const cacheKey = `${format}:${fileHash}`;
      let sheet = parsedSheets.get(cacheKey);
      if (!sheet) {
        sheet = await readSheet(file.data, format);
        if (dryRun) parsedSheets.set(cacheKey, sheet);
      } else if (!dryRun) {
        parsedSheets.delete(cacheKey);
      }
      const request: IntakeRequest = {
        kind: 'order_import',
        fileHash,
        sources: [{ sheet }],
        today: await companyToday(app),
      };
      let plan: IntakePlan;
      if (dryRun) {
        plan = await planIntake(app.db, request);
      } else {
        // The blob is written before the transaction: if the rows never commit it is harmless.
        const stored = await storeIntakeFile(app.files, archiveName(file.filename, format), file.data);
        plan = await commit(app, req, request, {
          kind: 'order_import',
          channel: 'import',
          fileHash,
          stored,
          docType: 'import_file',
          event: { type: 'imported', data: { filename: stored.filename, fileHash, format } },
        });
      }
      return {
        dryRun,
        fileHash,
        rows: plan.rows,
        ...importCounts(plan),
        orders: orderSummaries(plan),
        errors: translateErrors(plan.errors, req.lang),
      };
    },
  );

  app.post(
    '/orders/import-email',
    {
      config: { access: INTAKE_ROLES },
      schema: {
        tags: ['orders'],
        summary: 'Draft orders from an e-mail (multipart `file`: a .eml); `?dryRun=1` previews',
        consumes: ['multipart/form-data'],
        querystring: importQuerySchema,
        response: { 200: orderEmailImportResultSchema },
      },
    },
    async (req): Promise<OrderEmailImportResult> => {
      const file = await readFilePart(req);
      const detected = await fileTypeFromBuffer(file.data);
      if (detected || !looksLikeText(file.data)) {
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', { type: detected?.mime ?? 'application/octet-stream' });
      }
      let mail;
      let found;
      try {
        mail = await readEmail(file.data);
        found = await emailSources(mail);
      } catch (err) {
        if (err instanceof EmailFormatError) throw unreadable('eml', err.message);
        if (err instanceof SheetFormatError) throw unreadable('xlsx/csv', err.message);
        throw err;
      }
      const fileHash = sha256(file.data);
      const { request, customerCode, errors } = await emailIntakeRequest(app.db, {
        mail,
        sources: found.sources,
        fileHash,
        today: await companyToday(app),
      });
      const dryRun = isDryRun(req.query);
      let plan: IntakePlan;
      if (dryRun) {
        plan = await planIntake(app.db, request);
        plan.errors.unshift(...errors);
      } else {
        if (errors.length > 0) throw importInvalid(errors, req.lang);
        const stored = await storeIntakeFile(app.files, archiveName(file.filename, 'eml'), file.data);
        plan = await commit(app, req, request, {
          kind: 'order_email',
          channel: 'email',
          fileHash,
          stored,
          docType: 'email',
          event: {
            type: 'email_received',
            data: {
              from: mail.from,
              fromName: mail.fromName,
              subject: mail.subject,
              date: mail.date,
              messageId: mail.messageId,
              source: found.source,
            },
          },
        });
      }
      return {
        dryRun,
        fileHash,
        from: mail.from,
        fromName: mail.fromName,
        subject: mail.subject,
        date: mail.date,
        source: found.source,
        customerCode,
        orders: orderSummaries(plan),
        errors: translateErrors(plan.errors, req.lang),
      };
    },
  );
};
