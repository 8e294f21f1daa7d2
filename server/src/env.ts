import path from 'node:path';
import { z } from 'zod';

// The only reader of process.env. Validated once at start-up; a bad value stops the process
// with one line saying which variable and why.

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL').optional(),
  /** Unset: seed demo data when the database is empty. */
  DEMO: bool.optional(),
  ADMIN_USERNAME: z.string().regex(/^[a-zA-Z0-9_.-]{2,32}$/).default('admin'),
  ADMIN_PASSWORD: z.string().min(10, 'must be at least 10 characters').optional(),
  PUBLIC_URL: z.string().url().optional(),
  SESSION_TTL_HOURS: z.coerce.number().min(0.1).max(720).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().min(1).max(1440).default(15),
  /** log2 of the scrypt cost N; 15 = 32 MiB per hash. Tests lower it. */
  PASSWORD_HASH_COST: z.coerce.number().int().min(10).max(20).default(15),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 * 1024 * 1024).default(20 * 1024 * 1024),
  ATTACHMENT_TYPES: z
    .string()
    .default('image/jpeg,image/png,image/gif,image/webp,application/pdf,audio/wav,audio/mpeg,video/mp4,text/plain')
    .transform((s) => s.split(',').map((t) => t.trim()).filter(Boolean)),
  /** S3-compatible object storage for attachments (AWS S3, MinIO, OSS, COS); unset keeps them on disk. */
  S3_ENDPOINT: z.string().url().optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_PATH_STYLE: bool.default(true),
  S3_PREFIX: z.string().regex(/^[A-Za-z0-9._\/-]*$/).default(''),
  /** How often the deadline job scans, in seconds. */
  DEADLINE_SCAN_SECONDS: z.coerce.number().min(1).max(3600).default(60),
  /** Requests per minute per client address to login and the public progress query. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(30),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.infer<typeof schema> & { dataDir: string };

export class ConfigError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = issue.path.join('.') || 'environment';
    throw new ConfigError(`configuration error: ${name}=${JSON.stringify(cleaned[name] ?? '')}: ${issue.message}`);
  }
  const d = parsed.data;
  if (d.S3_ENDPOINT && !(d.S3_BUCKET && d.S3_ACCESS_KEY_ID && d.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError('configuration error: S3_ENDPOINT needs S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY');
  }
  return { ...d, dataDir: path.resolve(d.DATA_DIR) };
}
