import i18n from '../i18n';

/** An error response from the API, `{ error: { code, message, details? } }`, or a transport failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

export function isApiError(err: unknown, status?: number): err is ApiError {
  return err instanceof ApiError && (status === undefined || err.status === status);
}

/** The text to show for any error: the server's (already translated) message when there is one. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return i18n.t('errors.unknown');
}

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  signal?: AbortSignal;
  /** When false, a 401 is only thrown, without sending the browser to the login page. */
  redirectOn401?: boolean;
}

type UnauthorizedHandler = () => void;
let unauthorizedHandler: UnauthorizedHandler | null = null;

/** Registers what happens on a 401 (main.tsx sends the user to /login?next=…). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler | null): void {
  unauthorizedHandler = handler;
}

function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function toApiError(status: number, body: unknown): ApiError {
  if (isRecord(body) && isRecord(body.error)) {
    const { code, message, details } = body.error;
    if (typeof code === 'string' && typeof message === 'string') {
      return new ApiError(status, code, message, details);
    }
  }
  return new ApiError(status, `HTTP_${String(status)}`, i18n.t('errors.http', { status }));
}

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError';
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    'Accept-Language': i18n.language,
    'X-Requested-With': 'XMLHttpRequest',
  };
  let body: string | undefined;
  if (options.body !== undefined) {
    // Only send a JSON content type when there is a body: Fastify rejects an empty JSON body.
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }

  let res: Response;
  try {
    res = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new ApiError(0, 'NETWORK', i18n.t('errors.network'));
  }

  const text = await res.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }

  if (!res.ok) {
    const error = toApiError(res.status, data);
    if (res.status === 401 && options.redirectOn401 !== false) unauthorizedHandler?.();
    throw error;
  }
  return data as T;
}

type Opts = Omit<RequestOptions, 'body' | 'query'>;

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, opts?: Opts) =>
    request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Opts) => request<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body: unknown, opts?: Opts) => request<T>('PUT', path, { ...opts, body }),
  patch: <T>(path: string, body: unknown, opts?: Opts) => request<T>('PATCH', path, { ...opts, body }),
  delete: <T>(path: string, opts?: Opts) => request<T>('DELETE', path, opts),
};
