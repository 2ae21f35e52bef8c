import { ERRORS, type ErrorCode } from '@gendan/contracts';

/** The one error type services throw. The error handler maps `code` to a status and a message. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly params: Record<string, unknown> = {},
    readonly details?: unknown,
  ) {
    super(code);
    this.name = 'AppError';
    this.status = ERRORS[code].status;
  }
}

export const notFound = (entity: string) => new AppError('NOT_FOUND', { entity });

/** Throws VERSION_CONFLICT unless the sent version matches the stored one. */
export function assertVersion(current: number, sent: number): void {
  if (current !== sent) throw new AppError('VERSION_CONFLICT', { current, sent });
}
