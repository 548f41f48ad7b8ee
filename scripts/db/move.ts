/**
 * Copy everything from one database to another and check the result (used by `npm run db:move`).
 *
 * Tables copied, in this order: maps, share_links, map_versions, vote_sessions, vote_ballots,
 * map_ops, workspace_settings. The operation log (map_ops) is copied too: it is small (at most
 * the last 1000 operations per map) and lets browsers that were open during the move catch up
 * instead of reloading.
 *
 * The target is migrated first. Rows are copied as they are (ids, documents, versions, tokens,
 * timestamps) in one transaction; a row whose key already exists in the target is never
 * overwritten. A map that already exists in the target with a different version or document is
 * reported as mismatched, and nothing that belongs to it (links, versions, votes, operations) is
 * copied. Afterwards every copied or already-present row must be in the target with the same
 * content, or it is reported as mismatched (the command then exits 1). A different workspace key
 * already in the target is kept and reported as a warning (WORKSPACE_KEY overrides it anyway).
 */
import type { Database, Queryable } from '../../server/db/database';
import { runMigrations } from '../../server/db/migrations';

interface TableSpec {
  name: string;
  /** Primary key columns. */
  key: readonly string[];
  /** jsonb columns. */
  json: readonly string[];
  /** Columns compared by the check (all when absent). */
  compare?: readonly string[];
}

export const TABLES: readonly TableSpec[] = [
  { name: 'maps', key: ['id'], json: ['doc'], compare: ['version', 'doc'] },
  { name: 'share_links', key: ['id'], json: [] },
  { name: 'map_versions', key: ['id'], json: ['doc'] },
  { name: 'vote_sessions', key: ['id'], json: [] },
  { name: 'vote_ballots', key: ['session_id', 'participant_id'], json: ['dots'] },
  { name: 'map_ops', key: ['map_id', 'version'], json: ['changeset'] },
  { name: 'workspace_settings', key: ['key'], json: [] },
];

export interface TableReport {
  /** Rows in the source. */
  source: number;
  copied: number;
  /** Already in the target (not overwritten), or belonging to a mismatched map. */
  skipped: number;
  /** Keys ("id" or "a/b") whose row in the target differs from the source's. */
  mismatched: string[];
}

export interface MoveReport {
  /** Maps: rows in the source, copied, already in the target, mismatched ids. */
  source: number;
  copied: number;
  skipped: number;
  mismatched: string[];
  tables: Record<string, TableReport>;
  warnings: string[];
  /** True when every table checked out (workspace settings only warn). */
  ok: boolean;
}

type Row = Record<string, unknown>;

/** Stable JSON text of a value, with object keys sorted (jsonb does not keep key order). */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A value as compared: timestamps as ISO text, jsonb parsed. */
function normal(v: unknown, isJson: boolean): unknown {
  if (v instanceof Date) return v.toISOString();
  if (isJson && typeof v === 'string') return JSON.parse(v) as unknown;
  return v;
}

const keyOf = (spec: TableSpec, r: Row): string => spec.key.map((k) => String(r[k])).join('/');

async function tableExists(db: Queryable, name: string): Promise<boolean> {
  const { rows } = await db.query<{ t: string | null }>('SELECT to_regclass($1)::text AS t', [name]);
  return rows[0]?.t != null;
}

async function allRows(db: Queryable, spec: TableSpec): Promise<Row[]> {
  if (!(await tableExists(db, spec.name))) return []; // a source from before migration 2
  const { rows } = await db.query<Row>(`SELECT * FROM ${spec.name} ORDER BY ${spec.key.join(', ')}`);
  return rows;
}

function sameRow(spec: TableSpec, a: Row, b: Row): boolean {
  const cols = spec.compare ?? Object.keys(a);
  return cols.every((c) => canonical(normal(a[c], spec.json.includes(c))) === canonical(normal(b[c], spec.json.includes(c))));
}

export async function moveData(from: Database, to: Database): Promise<MoveReport> {
  await runMigrations(to);
  const source = new Map<string, Row[]>();
  for (const spec of TABLES) source.set(spec.name, await allRows(from, spec));
  const rowsOf = (name: string) => source.get(name) ?? [];

  // Maps already in the target with other content: their rows are left alone.
  const targetMaps = new Map((await allRows(to, TABLES[0]!)).map((r) => [String(r.id), r]));
  const foreign = new Set(
    rowsOf('maps')
      .filter((r) => {
        const t = targetMaps.get(String(r.id));
        return t !== undefined && !sameRow(TABLES[0]!, r, t);
      })
      .map((r) => String(r.id)),
  );
  const sessionMap = new Map(rowsOf('vote_sessions').map((r) => [String(r.id), String(r.map_id)]));
  const mapOf = (spec: TableSpec, r: Row): string | null => {
    if (spec.name === 'maps') return String(r.id);
    if (spec.name === 'vote_ballots') return sessionMap.get(String(r.session_id)) ?? null;
    if (spec.name === 'workspace_settings') return null;
    return String(r.map_id);
  };
  const eligible = (spec: TableSpec, r: Row): boolean => {
    const m = mapOf(spec, r);
    return m === null || !foreign.has(m);
  };

  const tables: Record<string, TableReport> = {};
  await to.transaction(async (tx) => {
    for (const spec of TABLES) {
      const rows = rowsOf(spec.name);
      const report: TableReport = { source: rows.length, copied: 0, skipped: 0, mismatched: [] };
      tables[spec.name] = report;
      for (const r of rows) {
        if (!eligible(spec, r)) {
          report.skipped++;
          continue;
        }
        const cols = Object.keys(r);
        const values = cols.map((c) => {
          const v = r[c];
          if (v === null || v === undefined) return null;
          if (spec.json.includes(c)) return typeof v === 'string' ? v : JSON.stringify(v);
          if (v instanceof Date) return v.toISOString();
          return v;
        });
        const placeholders = cols.map((c, i) => (spec.json.includes(c) ? `$${i + 1}::jsonb` : `$${i + 1}`));
        const res = await tx.query(
          `INSERT INTO ${spec.name} (${cols.join(', ')}) VALUES (${placeholders.join(', ')}) ON CONFLICT DO NOTHING RETURNING 1 AS inserted`,
          values,
        );
        if (res.rows.length) report.copied++;
        else report.skipped++;
      }
    }
  });

  // Check: every eligible source row is in the target with the same content.
  const warnings: string[] = [];
  for (const spec of TABLES) {
    const report = tables[spec.name]!;
    const after = new Map((await allRows(to, spec)).map((r) => [keyOf(spec, r), r]));
    for (const r of rowsOf(spec.name)) {
      if (!eligible(spec, r)) continue;
      const t = after.get(keyOf(spec, r));
      if (t && sameRow(spec, r, t)) continue;
      if (spec.name === 'workspace_settings' && t) {
        warnings.push(`workspace setting "${keyOf(spec, r)}" already differed in the target and was kept (the workspace key is the target's unless WORKSPACE_KEY is set)`);
        continue;
      }
      report.mismatched.push(keyOf(spec, r));
    }
  }
  const maps = tables.maps!;
  maps.mismatched = [...new Set([...foreign, ...maps.mismatched])].sort();
  if (foreign.size) warnings.push(`${foreign.size} map(s) already in the target with other content: they and their links, versions, votes and operations were not copied`);
  const ok = TABLES.every((s) => (tables[s.name]?.mismatched.length ?? 0) === 0);
  return { source: maps.source, copied: maps.copied, skipped: maps.skipped, mismatched: maps.mismatched, tables, warnings, ok };
}
