/** Server configuration, read once from the environment and validated. */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** An unset or blank variable counts as absent, so `FOO= node …` means "use the default". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const envSchema = z.object({
  PORT: optional(z.coerce.number().int('must be a whole number').min(0).max(65535)),
  HOST: optional(z.string()),
  DATA_DIR: optional(z.string()),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\//, 'must be a PostgreSQL connection URL (postgres://user:password@host:5432/db)'),
  ),
  DIST_DIR: optional(z.string()),
  DURABILITY: optional(z.enum(['fsync', 'os'], 'must be fsync or os')),
  WORKSPACE_KEY: optional(z.string().regex(/^[A-Za-z0-9_-]{16,200}$/, 'must be 16–200 letters, digits, - or _')),
  TRUST_LOCALHOST: optional(z.enum(['true', 'false', '1', '0'], 'must be true or false')),
  VERSION_SNAPSHOT_INTERVAL_MS: optional(z.coerce.number().int('must be a whole number').min(0).max(7 * 24 * 3_600_000)),
});

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the embedded database's directory (used when databaseUrl is absent). */
  dataDir: string;
  /** When set, a real PostgreSQL server is used instead of the embedded one. */
  databaseUrl: string | undefined;
  /** Absolute path of the built SPA (`vite build` output). */
  distDir: string;
  /**
   * Embedded database only. `fsync`: a write is acknowledged once its WAL is fsynced (survives an
   * OS crash / power loss). `os`: once the OS has it (survives the process being killed).
   */
  durability: 'fsync' | 'os';
  /** The workspace key from the environment; when absent one is generated and kept in the database. */
  workspaceKey: string | undefined;
  /**
   * A browser on the server's own machine (loopback, not through a proxy) becomes a workspace
   * member without typing the key. Default: on, unless WORKSPACE_KEY is set.
   */
  trustLocalhost: boolean;
  /** Automatic version snapshots: at most one per this many ms of editing (default 10 minutes). */
  versionSnapshotIntervalMs: number;
}

/** The repository root: this file lives in `<root>/server/`. */
const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT ?? 3000,
    host: e.HOST ?? '0.0.0.0',
    dataDir: resolve(e.DATA_DIR ?? './data'),
    databaseUrl: e.DATABASE_URL,
    distDir: e.DIST_DIR ? resolve(e.DIST_DIR) : resolve(repoRoot, 'dist'),
    durability: e.DURABILITY ?? 'fsync',
    workspaceKey: e.WORKSPACE_KEY,
    versionSnapshotIntervalMs: e.VERSION_SNAPSHOT_INTERVAL_MS ?? 10 * 60_000,
    trustLocalhost: e.TRUST_LOCALHOST === undefined ? e.WORKSPACE_KEY === undefined : e.TRUST_LOCALHOST === 'true' || e.TRUST_LOCALHOST === '1',
  };
}
