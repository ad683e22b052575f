import { z } from 'zod';
import { limits } from '../shared/limits';

// Every setting comes from the environment, validated once at start-up. Documented in the README.
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  PUBLIC_URL: z.url().optional(),
  ALLOWED_ORIGINS: z.string().default(''),
  SESSION_SECRET: z.string().min(32).optional(),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(7),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEED_DEMO: z.enum(['true', 'false']).default('true'),
  COMPACT_EVERY: z.coerce.number().int().min(10).default(10_000),
  DOC_UNLOAD_MS: z.coerce.number().int().min(0).default(10_000),
  DOC_MAX_BYTES: z.coerce.number().int().min(64 * 1024).max(limits.docBytes).default(limits.docBytes),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  SQLITE_SYNC: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  LOG_FOLD_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// URL').optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// URL').optional(),
  RETENTION_DAYS: z.coerce.number().int().min(0).max(3650).default(90),
  RETENTION_SWEEP_MS: z.coerce.number().int().min(1000).default(3_600_000),
  // Empty means unset (an env file with `EVENT_CREATION_KEY=`); a set key must be long enough not to guess.
  // Where the built client is served from (a test run may build its own copy elsewhere).
  CLIENT_DIR: z.string().min(1).default('dist/client'),
  EVENT_CREATION_KEY: z.union([z.literal(''), z.string().regex(/^[\x21-\x7e]{16,200}$/, 'EVENT_CREATION_KEY must be 16 to 200 printable ASCII characters (it travels in an HTTP header)')]).optional(),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  publicUrl?: string;
  allowedOrigins: string[];
  sessionSecret?: string;
  sessionDays: number;
  logLevel: string;
  seedDemo: boolean;
  compactEvery: number;
  /** How often the SQLite store folds its update log into the database. */
  logFoldMs: number;
  docUnloadMs: number;
  /** Largest encoded state of one document (shared/limits.ts docBytes unless lowered). */
  docMaxBytes: number;
  trustProxy: boolean;
  sqliteSync: 'NORMAL' | 'FULL';
  /** PostgreSQL instead of SQLite (several servers share it). */
  databaseUrl?: string;
  /** Redis for several cooperating servers. */
  redisUrl?: string;
  /** Events are deleted this many days after their date (or creation, if later); 0 keeps them. */
  retentionDays: number;
  retentionSweepMs: number;
  /** When set, creating an event needs this key in the X-Event-Creation-Key header. */
  eventCreationKey?: string;
  /** Where the built client lives; tests that need no browser can leave it unbuilt. */
  clientDir: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  // Several servers must share the store and the key that signs sessions, or a session made on one
  // would be refused by another.
  if (e.REDIS_URL && !e.DATABASE_URL) throw new Error('Invalid configuration: REDIS_URL (several servers) needs DATABASE_URL (a shared PostgreSQL).');
  if (e.REDIS_URL && !e.SESSION_SECRET) throw new Error('Invalid configuration: REDIS_URL (several servers) needs SESSION_SECRET, the same on every server.');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: e.DATA_DIR,
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    allowedOrigins: e.ALLOWED_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
    sessionSecret: e.SESSION_SECRET,
    sessionDays: e.SESSION_DAYS,
    logLevel: e.LOG_LEVEL,
    seedDemo: e.SEED_DEMO === 'true',
    compactEvery: e.COMPACT_EVERY,
    logFoldMs: e.LOG_FOLD_MS,
    docUnloadMs: e.DOC_UNLOAD_MS,
    docMaxBytes: e.DOC_MAX_BYTES,
    trustProxy: e.TRUST_PROXY === 'true',
    sqliteSync: e.SQLITE_SYNC,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    retentionDays: e.RETENTION_DAYS,
    retentionSweepMs: e.RETENTION_SWEEP_MS,
    eventCreationKey: e.EVENT_CREATION_KEY || undefined,
    clientDir: e.CLIENT_DIR,
  };
}
