/**
 * Database schema migrations, applied in order at start-up. Each one runs once and is recorded
 * in `schema_migrations`. The whole run happens in one transaction holding an advisory lock, so
 * several instances starting at once against the same PostgreSQL apply each migration once.
 *
 * Adding a migration: append to MIGRATIONS with the next version number. Never edit one that
 * has shipped.
 */
import type { Database } from './database';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'create maps',
    sql: `
      CREATE TABLE maps (
        id               text PRIMARY KEY,
        title            text NOT NULL,
        locale           text NOT NULL,
        doc              jsonb NOT NULL,
        version          integer NOT NULL,
        stage_count      integer NOT NULL,
        touchpoint_count integer NOT NULL,
        mot_count        integer NOT NULL,
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL
      );
      CREATE INDEX maps_updated_at_idx ON maps (updated_at DESC);
    `,
  },
];

/** The newest database schema version this server knows. */
export const DATABASE_SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/** Any constant shared by every instance of this app: "MOTC" in ASCII. */
const MIGRATION_LOCK_KEY = 0x4d4f5443;

/** Apply every pending migration; returns the database schema version afterwards. */
export async function runMigrations(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        version    integer PRIMARY KEY,
        name       text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    const { rows } = await tx.query<{ version: number }>('SELECT version FROM schema_migrations');
    const applied = new Set(rows.map((r) => r.version));
    const newest = Math.max(0, ...applied);
    if (newest > DATABASE_SCHEMA_VERSION) {
      throw new Error(
        `The database was migrated by a newer version of MOT Canvas (database schema ${newest}; this server knows up to ${DATABASE_SCHEMA_VERSION}). Update MOT Canvas.`,
      );
    }
    for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      // One statement at a time: the extended protocol used for parameters runs a single statement.
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    return DATABASE_SCHEMA_VERSION;
  });
}

/** Split a migration on `;` at line ends. Migrations are plain DDL: no functions with bodies. */
function splitStatements(sql: string): string[] {
  return sql
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
