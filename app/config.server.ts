// Configuration from environment variables, validated by zod once at boot with messages a person can act on.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const postgresUrl = z
  .string()
  .trim()
  .refine((value) => /^postgres(ql)?:\/\/.+/.test(value), 'must be a PostgreSQL URL such as postgresql://user@host:5432/db');

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: z.preprocess((v) => (v === '' ? undefined : v), postgresUrl.optional()),
  REDIS_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .refine((value) => /^rediss?:\/\/.+/.test(value), 'must be a Redis URL such as redis://127.0.0.1:6379')
      .optional(),
  ),
  SMTP_URL: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z
      .string()
      .refine((value) => /^smtps?:\/\/.+/.test(value), 'must be an SMTP URL such as smtp://user:pass@mail.example:587')
      .optional(),
  ),
  SMTP_FROM: z.string().trim().default('Integrity Compact <no-reply@localhost>'),
  SESSION_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32, 'must be at least 32 characters (try: openssl rand -hex 32)').optional()),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  PUBLIC_URL: z.preprocess((v) => (v === '' ? undefined : v), z.url().optional()),
  SEED_DEMO_DATA: z.enum(['auto', 'always', 'never']).default('auto'),
  CORS_ORIGINS: z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((o) => o.trim())
            .filter(Boolean)
        : [],
    z.array(
      z
        .string()
        .refine(
          (value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol),
          'must be a comma-separated list of origins such as https://app.example.org',
        )
        .transform((value) => new URL(value).origin),
    ),
  ),
  TRUST_PROXY: z
    .string()
    .optional()
    .transform((v) => parseTrustProxy(v?.trim() ?? '')),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(600_000).default(5_000),
  ANONYMOUS_SUMMARY_DELAY_DAYS: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(0).max(90).default(7)),
});

/**
 * TRUST_PROXY: whether X-Forwarded-For/-Proto/-Host come from a proxy we trust. Off by default, so a client cannot
 * pick its own address for rate limiting. `true` trusts every hop, a number trusts that many hops, anything else is
 * Express's list of addresses/subnets or names such as loopback, uniquelocal (https://expressjs.com/en/guide/behind-proxies.html).
 */
function parseTrustProxy(value: string): boolean | number | string {
  const lower = value.toLowerCase();
  if (['', 'false', '0', 'no', 'off'].includes(lower)) return false;
  if (['true', 'yes', 'on'].includes(lower)) return true;
  if (/^\d+$/.test(lower)) return Number(lower);
  return value;
}

export type Config = {
  production: boolean;
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  smtpUrl: string | undefined;
  smtpFrom: string;
  sessionSecret: string;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  publicUrl: string | undefined;
  seedDemoData: 'auto' | 'always' | 'never';
  /** Origins (besides this site's own) allowed to call /graphql with cookies. */
  corsOrigins: string[];
  /** Express `trust proxy`: false unless TRUST_PROXY says otherwise. */
  trustProxy: boolean | number | string;
  /** Per-statement limit on database connections, in milliseconds (0: none). */
  statementTimeoutMs: number;
  /** Days before an anonymous issue's published summary is public (0–90, default 7): timing must not identify the reporter. */
  anonymousSummaryDelayDays: number;
};

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`);
    this.name = 'ConfigError';
  }
}

/** Read the session secret from DATA_DIR, creating a random one on first start (file mode 0600). */
function dataDirSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  try {
    const existing = fs.readFileSync(file, 'utf8').trim();
    if (existing.length >= 32) return existing;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32).toString('hex');
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const dataDir = path.resolve(e.DATA_DIR);
  // In production with an external database, several instances must share one secret: it has to be given.
  // With the embedded database the secret lives in DATA_DIR beside the data it protects (decision 004).
  if (!e.SESSION_SECRET && production && e.DATABASE_URL) {
    throw new ConfigError(['SESSION_SECRET: required in production with DATABASE_URL (try: openssl rand -hex 32)']);
  }
  return {
    production,
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    smtpFrom: e.SMTP_FROM,
    sessionSecret: e.SESSION_SECRET ?? dataDirSecret(dataDir),
    logLevel: e.LOG_LEVEL,
    publicUrl: e.PUBLIC_URL,
    seedDemoData: e.SEED_DEMO_DATA,
    corsOrigins: e.CORS_ORIGINS,
    trustProxy: e.TRUST_PROXY,
    statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    anonymousSummaryDelayDays: e.ANONYMOUS_SUMMARY_DELAY_DAYS,
  };
}
