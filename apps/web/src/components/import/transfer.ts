import { ApiError, api, type QueryValue } from '../../api/client';
import i18n from '../../i18n';
import { filenameFromDisposition, withQuery } from './transferUtils';

/**
 * File transfers that the JSON client (`api/client.ts`) does not cover: downloading a generated
 * file (xlsx export, import template) and uploading a file with progress. Both speak the same
 * error shape as the JSON client (`ApiError`, the server's translated message).
 */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** An `ApiError` from a failed response body (`{error:{code,message,details}}`), or a generic HTTP one. */
export function errorFromBody(status: number, text: string): ApiError {
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message, details } = body.error;
    if (typeof code === 'string' && typeof message === 'string') {
      return new ApiError(status, code, message, details);
    }
  }
  return new ApiError(status, `HTTP_${String(status)}`, i18n.t('errors.http', { status }));
}

/**
 * A 401 on a transfer means the session expired. Asking the JSON client for `/api/auth/me` lets
 * it run its registered 401 handler (the redirect to the login page, keeping the way back).
 */
function onUnauthorized(): void {
  api.get('/api/auth/me').catch(() => undefined);
}

const baseHeaders = (): Record<string, string> => ({
  'Accept-Language': i18n.language,
  'X-Requested-With': 'XMLHttpRequest',
});

/** Saves a Blob as a file through a temporary object URL. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the download before the URL goes away.
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 30_000);
}

/**
 * GETs a file and saves it. The name comes from the server's Content-Disposition, else
 * `fallbackName`. Throws `ApiError` (with the server's message) when the server refuses.
 */
export async function downloadFile(
  path: string,
  query: Record<string, QueryValue> | undefined,
  fallbackName: string,
  signal?: AbortSignal,
): Promise<string> {
  let res: Response;
  try {
    res = await fetch(withQuery(path, query), {
      method: 'GET',
      headers: { ...baseHeaders(), Accept: '*/*' },
      credentials: 'same-origin',
      signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }
  if (!res.ok) {
    if (res.status === 401) onUnauthorized();
    throw errorFromBody(res.status, await res.text());
  }
  const blob = await res.blob();
  const filename = filenameFromDisposition(res.headers.get('Content-Disposition')) ?? fallbackName;
  saveBlob(blob, filename);
  return filename;
}

export interface UploadOptions {
  /** The endpoint, e.g. `/api/customers/import`. */
  path: string;
  query?: Record<string, QueryValue>;
  file: File;
  /** The multipart field name; `file` by default. */
  field?: string;
  /** Called with 0–100 while the request body is sent (`XMLHttpRequest.upload.onprogress`). */
  onProgress?: (percent: number) => void;
  /** Called once the whole file is sent: the server is now working on it. */
  onUploaded?: () => void;
  signal?: AbortSignal;
}

/**
 * POSTs one file as multipart/form-data with upload progress, and resolves with the parsed JSON
 * response. A non-2xx response rejects with `ApiError` (code, translated message and `details`,
 * e.g. the per-row errors of a 422 IMPORT_INVALID); an abort rejects with a DOMException
 * named `AbortError`.
 */
export function uploadFile<T>(opts: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const form = new FormData();
    form.append(opts.field ?? 'file', opts.file, opts.file.name);

    const abort = () => {
      xhr.abort();
    };
    if (opts.signal?.aborted) {
      reject(new DOMException('Aborted', 'AbortError'));
      return;
    }
    opts.signal?.addEventListener('abort', abort, { once: true });
    const cleanup = () => {
      opts.signal?.removeEventListener('abort', abort);
    };

    xhr.open('POST', withQuery(opts.path, opts.query));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [name, value] of Object.entries(baseHeaders())) xhr.setRequestHeader(name, value);

    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0)
        opts.onProgress?.(Math.min(100, Math.round((e.loaded / e.total) * 100)));
    };
    xhr.upload.onload = () => {
      opts.onProgress?.(100);
      opts.onUploaded?.();
    };
    xhr.onload = () => {
      cleanup();
      const text = xhr.responseText;
      if (xhr.status >= 200 && xhr.status < 300) {
        try {
          resolve((text ? JSON.parse(text) : undefined) as T);
        } catch {
          reject(new ApiError(xhr.status, 'BAD_RESPONSE', i18n.t('errors.unknown')));
        }
        return;
      }
      if (xhr.status === 401) onUnauthorized();
      reject(errorFromBody(xhr.status, text));
    };
    xhr.onerror = () => {
      cleanup();
      reject(new ApiError(0, 'NETWORK', i18n.t('errors.network')));
    };
    xhr.onabort = () => {
      cleanup();
      reject(new DOMException('Aborted', 'AbortError'));
    };
    xhr.send(form);
  });
}

export function isAbortError(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}
