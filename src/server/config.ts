import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads process.env. Every variable is documented in .env.example and the README.
 * Validated at boot: the process exits listing every problem at once.
 */
const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Embedded database and blobs live here (PGlite under DATA_DIR/pg, files under DATA_DIR/blobs). */
  DATA_DIR: z.string().default('./data'),
  /** When set, a PostgreSQL server is used instead of the embedded PGlite. */
  DATABASE_URL: z.string().url().optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  /**
   * A streaming replica of DATABASE_URL (optional). Reads that tolerate a short lag (lists, search,
   * dashboards, public pages) go there; every write, and a person's reads right after their own write,
   * go to the primary. When it is down, lagging, not a replica or promoted, reads go to the primary.
   */
  DATABASE_REPLICA_URL: z.string().url().optional(),
  /** The most lag (ms) a read may see on the replica; beyond it reads go to the primary. */
  DATABASE_REPLICA_MAX_LAG_MS: z.coerce.number().int().min(0).max(600_000).default(5000),
  /** Maximum upload size in bytes (default 100 MB). */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(100 * 1024 * 1024),
  /** Largest edXML package accepted from a peer or an upload (bytes; files are base64 inside). */
  EXCHANGE_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(150 * 1024 * 1024),
  /** Public base URL used in links (mail, printed documents). */
  PUBLIC_URL: z.string().url().optional(),
  /** Cookies get the Secure flag; set to true behind HTTPS. */
  COOKIE_SECURE: bool,
  /** How long a process may reuse a resolved session (ms); changes invalidate it at once via NOTIFY. 0 = off. */
  SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  SESSION_TTL_HOURS: z.coerce.number().int().min(1).max(720).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  /** Comma-separated roles that must use a TOTP second factor, e.g. "system_admin,agency_admin". */
  TOTP_REQUIRED_ROLES: z.string().default(''),
  /** Load the demo province on first start (embedded database only unless forced by seed-demo). */
  DEMO: z.enum(['auto', 'off']).default('auto'),
  /** Password of every demo account; random when unset, printed at start. */
  DEMO_PASSWORD: z.string().min(8).optional(),
  /** Run the background job runner inside the server process. */
  JOBS_ENABLED: z.enum(['true', 'false']).default('true'),
  /**
   * How long a claimed job stays with its worker (s). A process that dies mid-job (killed, crashed)
   * keeps its jobs this long; then another process takes them over. Longer than the slowest job.
   */
  JOB_LEASE_SECONDS: z.coerce.number().int().min(5).max(86_400).default(300),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Rate limit on sign-in: attempts per minute per address. */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /**
   * Rate limit on anonymous public pages and feeds (/cong-khai/…, calendar feeds): requests per
   * minute per address. A reader never gets near it; a scraper is slowed down.
   */
  PUBLIC_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Citizens' feedback form (/cong-khai/phan-anh): submissions per minute per address. */
  FEEDBACK_SUBMITS_PER_MINUTE: z.coerce.number().int().min(1).default(5),
  /** Feedback tracking lookups (code + secret) per minute per address: guessing secrets is slow. */
  FEEDBACK_LOOKUPS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** The least time (ms) between opening the feedback form and sending it: faster is a robot. */
  FEEDBACK_MIN_FILL_MS: z.coerce.number().int().min(0).default(3000),
  /** Key for mailbox passwords at rest (AES-256-GCM); unset = a random key kept in DATA_DIR/mail-secret.key. */
  MAIL_SECRET_KEY: z.string().min(16).optional(),
  /** Key for signing keys at rest (AES-256-GCM); unset = a random key kept in DATA_DIR/signing-secret.key. */
  SIGNING_SECRET_KEY: z.string().min(16).optional(),
  /**
   * This installation's private key (PEM: Ed25519, RSA or ECDSA) for peers registered by public key;
   * unset = an Ed25519 key generated on first use and kept in DATA_DIR/exchange-signing-key.pem.
   */
  EXCHANGE_SIGNING_KEY: z
    .string()
    .refine((v) => v.includes('PRIVATE KEY'), 'phải là khóa riêng dạng PEM (BEGIN PRIVATE KEY)')
    .optional(),
});

export type Config = z.infer<typeof ConfigSchema> & { dataDir: string; totpRequiredRoles: string[] };

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  return {
    ...c,
    dataDir: path.resolve(c.DATA_DIR),
    totpRequiredRoles: c.TOTP_REQUIRED_ROLES.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  };
}
