/**
 * Copy every map from one database to another and check the result (used by `npm run db:move`).
 * The target is migrated first. Rows are copied as they are (id, document, version, timestamps); a
 * map whose id already exists in the target is never overwritten. Afterwards every source map must
 * be in the target with the same version and document.
 */
import type { Database } from '../../server/db/database';
import { runMigrations } from '../../server/db/migrations';

export interface Row {
  id: string;
  title: string;
  locale: string;
  doc: unknown;
  version: number;
  stage_count: number;
  touchpoint_count: number;
  mot_count: number;
  created_at: string | Date;
  updated_at: string | Date;
}

/** Stable JSON text of a value, with object keys sorted (jsonb does not keep key order). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

async function allMaps(db: Database): Promise<Row[]> {
  const { rows } = await db.query<Row>(
    'SELECT id, title, locale, doc, version, stage_count, touchpoint_count, mot_count, created_at, updated_at FROM maps ORDER BY id',
  );
  return rows;
}

export async function moveData(from: Database, to: Database): Promise<{ source: number; copied: number; skipped: number; mismatched: string[] }> {
  await runMigrations(to);
  const rows = await allMaps(from);
  let copied = 0;
  let skipped = 0;
  await to.transaction(async (tx) => {
    for (const r of rows) {
      const res = await tx.query<{ id: string }>(
        `INSERT INTO maps (id, title, locale, doc, version, stage_count, touchpoint_count, mot_count, created_at, updated_at)
         VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (id) DO NOTHING RETURNING id`,
        [r.id, r.title, r.locale, JSON.stringify(r.doc), r.version, r.stage_count, r.touchpoint_count, r.mot_count, new Date(r.created_at).toISOString(), new Date(r.updated_at).toISOString()],
      );
      if (res.rows.length) copied++;
      else skipped++;
    }
  });
  // Check: every source map is in the target, same version, same document.
  const after = new Map((await allMaps(to)).map((r) => [r.id, r]));
  const mismatched = rows
    .filter((r) => {
      const t = after.get(r.id);
      return !t || t.version !== r.version || canonical(t.doc) !== canonical(r.doc);
    })
    .map((r) => r.id);
  return { source: rows.length, copied, skipped, mismatched };
}

