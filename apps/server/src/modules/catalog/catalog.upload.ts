import type { FastifyRequest } from 'fastify';
import { fileTypeFromBuffer } from 'file-type';
import { formatBytes } from '../../lib/bytes';
import { AppError } from '../../lib/errors';

/**
 * Reading an import upload (multipart, one part named `file`), the same way as
 * platform.documents-routes.ts, and deciding from its content whether it is xlsx or csv.
 */

export interface Upload {
  filename: string;
  data: Buffer;
}

function tooLarge(maxBytes: number): AppError {
  return new AppError('PAYLOAD_TOO_LARGE', { limit: formatBytes(maxBytes) });
}

/** The multipart plugin's own errors carry codes the error handler maps; the rest is malformed input. */
function asClientError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('FST_')) return err;
  return new AppError('MALFORMED_MULTIPART');
}

export async function readUploadedFile(req: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!req.isMultipart()) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { type: req.headers['content-type'] ?? '-' });
  }
  let file: Upload | null = null;
  try {
    for await (const part of req.parts()) {
      if (part.type !== 'file') continue;
      const data = await part.toBuffer();
      if (part.file.truncated || data.length > maxBytes) throw tooLarge(maxBytes);
      if (part.fieldname === 'file' && !file) file = { filename: part.filename, data };
    }
  } catch (err) {
    throw asClientError(err);
  }
  if (!file || file.data.length === 0) throw new AppError('FILE_REQUIRED');
  return file;
}

const extensionOf = (name: string) => /\.([A-Za-z0-9]{1,8})$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** Whether bytes look like text: no NUL and no control characters but tab, line breaks, form feed. */
export function looksLikeText(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 64 * 1024);
  for (let i = 0; i < n; i++) {
    const b = bytes[i]!;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1a) return false;
  }
  return true;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];

/**
 * xlsx or csv, decided by content: a zip container is read as xlsx (and is FILE_UNREADABLE if it
 * is not a workbook); text is csv. Another recognised type (pdf, image, an old .xls…) is 415; binary
 * junk under an .xlsx or .csv name is FILE_UNREADABLE.
 */
export async function sheetFormatOf(upload: Upload): Promise<'xlsx' | 'csv'> {
  const { data } = upload;
  const ext = extensionOf(upload.filename);
  if (ZIP.every((b, i) => data[i] === b)) return 'xlsx';
  const detected = await fileTypeFromBuffer(data);
  if (detected && detected.ext !== 'xml' && detected.ext !== 'csv') {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { type: detected.mime });
  }
  if (looksLikeText(data)) {
    if (ext === 'xlsx' || ext === 'xlsm') {
      throw new AppError('FILE_UNREADABLE', { format: 'xlsx', reason: 'not a zip workbook' });
    }
    if (['csv', 'txt', 'tsv', ''].includes(ext)) return 'csv';
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { type: `.${ext}` });
  }
  if (ext === 'xlsx' || ext === 'csv') {
    throw new AppError('FILE_UNREADABLE', { format: ext, reason: 'unrecognised binary content' });
  }
  throw new AppError('UNSUPPORTED_MEDIA_TYPE', { type: ext ? `.${ext}` : 'application/octet-stream' });
}
