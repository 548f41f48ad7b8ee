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
  {
    version: 2,
    name: 'workshops: workspace settings, share links, operation log, versions, dot voting',
    sql: `
      CREATE TABLE workspace_settings (
        key   text PRIMARY KEY,
        value text NOT NULL
      );
      CREATE TABLE share_links (
        id         text PRIMARY KEY,
        map_id     text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        token      text NOT NULL UNIQUE,
        role       text NOT NULL CHECK (role IN ('view', 'comment', 'edit')),
        label      text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL,
        revoked_at timestamptz
      );
      CREATE INDEX share_links_map_idx ON share_links (map_id, created_at);
      CREATE TABLE map_ops (
        map_id     text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        version    integer NOT NULL,
        op_id      text,
        client_id  text,
        author     text NOT NULL DEFAULT '',
        changeset  jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (map_id, version)
      );
      CREATE UNIQUE INDEX map_ops_op_id_idx ON map_ops (map_id, op_id);
      CREATE TABLE map_versions (
        id          text PRIMARY KEY,
        map_id      text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        map_version integer NOT NULL,
        kind        text NOT NULL CHECK (kind IN ('auto', 'named', 'restore')),
        name        text NOT NULL DEFAULT '',
        author      text NOT NULL DEFAULT '',
        doc         jsonb NOT NULL,
        created_at  timestamptz NOT NULL
      );
      CREATE INDEX map_versions_map_idx ON map_versions (map_id, created_at DESC);
      CREATE TABLE vote_sessions (
        id              text PRIMARY KEY,
        map_id          text NOT NULL REFERENCES maps (id) ON DELETE CASCADE,
        target_kind     text NOT NULL CHECK (target_kind IN ('touchpoint', 'mot')),
        dots_per_person integer NOT NULL,
        title           text NOT NULL DEFAULT '',
        status          text NOT NULL CHECK (status IN ('open', 'revealed', 'closed')),
        created_at      timestamptz NOT NULL,
        revealed_at     timestamptz,
        applied_at      timestamptz
      );
      CREATE INDEX vote_sessions_map_idx ON vote_sessions (map_id, created_at DESC);
      CREATE TABLE vote_ballots (
        session_id     text NOT NULL REFERENCES vote_sessions (id) ON DELETE CASCADE,
        participant_id text NOT NULL,
        name           text NOT NULL DEFAULT '',
        customer_group text NOT NULL CHECK (customer_group IN ('love', 'like', 'dislike')),
        dots           jsonb NOT NULL,
        updated_at     timestamptz NOT NULL,
        PRIMARY KEY (session_id, participant_id)
      );
    `,
  },
  {
    version: 3,
    name: 'deferred document writes: the version the stored document is at',
    // Live operations store their change set in map_ops and bump maps.version; the document
    // itself is rewritten every few operations. Versions doc_version + 1 … version are the
    // logged operations to apply to doc (map-repository.ts). Without an index on updated_at
    // (the list sorts a few hundred rows at most), those row updates are HOT: no index entry
    // is written for them.
    sql: `
      ALTER TABLE maps ADD COLUMN doc_version integer;
      UPDATE maps SET doc_version = version;
      ALTER TABLE maps ALTER COLUMN doc_version SET NOT NULL;
      DROP INDEX IF EXISTS maps_updated_at_idx;
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
