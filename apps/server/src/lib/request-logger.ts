import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions } from 'pino';

type Level = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';
/** What a pino level method takes: an object or message first, then a message and format arguments. */
type LogArgs = [obj: unknown, msg?: string, ...args: unknown[]];
type ParentLogger = FastifyBaseLogger & { isLevelEnabled?: (level: string) => boolean };

/**
 * A request's logger (`req.log`) that builds its pino child (the parent's bindings plus the
 * request id) only when it first writes a line. At the usual levels most requests write none,
 * and a child per request is a measurable share of a small request's CPU. A line that is written
 * goes through that child, so it carries the request id exactly as an eager child's would.
 */
export class RequestLogger implements FastifyBaseLogger {
  #child: FastifyBaseLogger | undefined;
  readonly #parent: ParentLogger;
  readonly #bindings: Bindings;

  constructor(parent: ParentLogger, bindings: Bindings) {
    this.#parent = parent;
    this.#bindings = bindings;
  }

  /** The real child logger, made on first use. */
  get target(): FastifyBaseLogger {
    return (this.#child ??= this.#parent.child(this.#bindings));
  }

  get level(): string {
    return (this.#child ?? this.#parent).level;
  }

  set level(level: string) {
    this.target.level = level;
  }

  #write(level: Level, args: LogArgs): void {
    // A level the parent filters out is filtered out by the child too: skip making it.
    if (this.#child === undefined && this.#parent.isLevelEnabled?.(level) === false) return;
    this.target[level](...args);
  }

  fatal(...args: LogArgs): void {
    this.#write('fatal', args);
  }
  error(...args: LogArgs): void {
    this.#write('error', args);
  }
  warn(...args: LogArgs): void {
    this.#write('warn', args);
  }
  info(...args: LogArgs): void {
    this.#write('info', args);
  }
  debug(...args: LogArgs): void {
    this.#write('debug', args);
  }
  trace(...args: LogArgs): void {
    this.#write('trace', args);
  }
  silent(): void {
    // pino's `silent` level method writes nothing either.
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.target.child(bindings, options);
  }
}

/**
 * Fastify's `childLoggerFactory`: a {@link RequestLogger} per request. A route with its own log
 * level or serializers gets pino's child at once, since those change how the child is built.
 */
export function requestLoggerFactory(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  if (options.level !== undefined || options.serializers !== undefined)
    return logger.child(bindings, options);
  return new RequestLogger(logger, bindings);
}
