import path from 'node:path';
import { z } from 'zod';

/** Runtime configuration, read from the environment and validated once at start-up. */
const boolFlag = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'], {
    error: 'must be one of 0, 1, true, false, yes, no, on, off',
  })
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(3000),
  HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  GENDAN_DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  GENDAN_ADMIN_PASSWORD: z.string().min(8, 'must be at least 8 characters').optional(),
  GENDAN_DEMO: boolFlag.default(false),
  GENDAN_TIMEZONE: z
    .string()
    .default('Asia/Shanghai')
    .refine((tz) => isValidTimeZone(tz), 'must be an IANA time zone such as Asia/Shanghai'),
  GENDAN_UPLOAD_MAX_MB: z.coerce
    .number({ error: 'must be a number' })
    .positive('must be positive')
    .max(1024, 'must be at most 1024')
    .default(25),
  GENDAN_SESSION_IDLE_MINUTES: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .positive('must be positive')
    .default(480),
  GENDAN_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  GENDAN_WEB_DIR: z.string().optional(),
  GENDAN_OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  GENDAN_PG_POOL_SIZE: z.coerce
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .max(200, 'must be at most 200')
    .default(20),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminPassword: string | undefined;
  demo: boolean;
  timeZone: string;
  uploadMaxBytes: number;
  sessionIdleMinutes: number;
  logLevel: string;
  webDir: string | undefined;
  outboxIntervalMs: number;
  /** PostgreSQL: connections in this process's pool. */
  pgPoolSize: number;
  /** Whether background workers (outbox) run in this process. */
  workers: boolean;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(
      'Invalid configuration / 配置无效:\n' + issues.map((i) => `  ${i.variable}: ${i.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/** Parses the environment. Empty strings count as unset. Throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = env[key];
    if (v !== undefined && v !== '') cleaned[key] = v;
  }
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? '?'), message: i.message })),
    );
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.GENDAN_DATA_DIR),
    adminPassword: e.GENDAN_ADMIN_PASSWORD,
    demo: e.GENDAN_DEMO,
    timeZone: e.GENDAN_TIMEZONE,
    uploadMaxBytes: Math.round(e.GENDAN_UPLOAD_MAX_MB * 1024 * 1024),
    sessionIdleMinutes: e.GENDAN_SESSION_IDLE_MINUTES,
    logLevel: e.GENDAN_LOG_LEVEL,
    webDir: e.GENDAN_WEB_DIR,
    outboxIntervalMs: e.GENDAN_OUTBOX_INTERVAL_MS,
    pgPoolSize: e.GENDAN_PG_POOL_SIZE,
    workers: true,
  };
}
