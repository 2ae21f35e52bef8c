import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { errorMessage, type Language } from '@gendan/contracts';
import { AppError } from '../lib/errors';
import { translateIssue } from './zod-messages';

interface ValidationDetail {
  path: string;
  message: string;
}

function send(
  reply: FastifyReply,
  lang: Language,
  code: string,
  status: number,
  params: Record<string, unknown>,
  details?: unknown,
) {
  return reply.status(status).send({
    error: { code, message: errorMessage(code, lang, params), ...(details === undefined ? {} : { details }) },
  });
}

function joinPath(prefix: string, path: readonly PropertyKey[]): string {
  let out = prefix;
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${bytes} B`;
}

/** The single error handler (DESIGN §5.5): codes to statuses, messages in the caller's language. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const lang = req.lang ?? 'zh-CN';
    if (err instanceof AppError) {
      return send(reply, lang, err.code, err.status, err.params, err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details: ValidationDetail[] = err.validation.map((v) => {
        const segments = v.instancePath.split('/').filter(Boolean);
        const issue = { ...v.params, code: v.keyword, message: v.message ?? '' };
        return {
          path: joinPath(
            err.validationContext ?? '',
            segments.map((p) => (/^\d+$/.test(p) ? Number(p) : p)),
          ),
          message: translateIssue(issue, lang),
        };
      });
      const summary = details
        .slice(0, 3)
        .map((d) => `${d.path || '(root)'}: ${d.message}`)
        .join('; ');
      return send(reply, lang, 'VALIDATION_FAILED', 400, { summary }, details);
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      return send(reply, lang, 'INTERNAL', 500, { requestId: req.id });
    }
    switch (err.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(reply, lang, 'BAD_JSON', 400, {});
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
      case 'FST_PARTS_LIMIT':
      case 'FST_FILES_LIMIT':
      case 'FST_FIELDS_LIMIT':
        return send(reply, lang, 'PAYLOAD_TOO_LARGE', 413, {
          limit: formatLimit(req.server.config.uploadMaxBytes),
        });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return send(reply, lang, 'UNSUPPORTED_MEDIA_TYPE', 415, {
          type: req.headers['content-type'] ?? '-',
        });
    }
    if (err instanceof SyntaxError) return send(reply, lang, 'BAD_JSON', 400, {});
    const status = err.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return send(reply, lang, 'BAD_REQUEST', status, { reason: err.message });
    }
    req.log.error({ err }, 'unhandled error');
    return send(reply, lang, 'INTERNAL', 500, { requestId: req.id });
  });
}
