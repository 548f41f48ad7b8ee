/**
 * Storage of journey maps: one row per map, the whole document in `doc` (jsonb), a version
 * number for optimistic concurrency, and a few summary columns so the list never loads documents.
 */
import type { JourneyMap, Locale } from '../../src/domain/schema';
import { parseJourneyMap } from '../../src/domain/parse';
import { summarizeMap } from '../../src/domain/summary';
import type { Database, Queryable } from '../db/database';

export interface MapSummary {
  id: string;
  title: string;
  locale: Locale;
  version: number;
  createdAt: string;
  updatedAt: string;
  stageCount: number;
  touchpointCount: number;
  motCount: number;
}

export interface StoredMap {
  map: JourneyMap;
  version: number;
}

/** The outcome of a write guarded by a version: done, no such map, or someone wrote first. */
export type GuardedWrite<T> =
  | { ok: true; value: T }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict'; currentVersion: number };

interface SummaryRow {
  id: string;
  title: string;
  locale: string;
  version: number;
  created_at: unknown;
  updated_at: unknown;
  stage_count: number;
  touchpoint_count: number;
  mot_count: number;
}

interface DocRow {
  doc: unknown;
  version: number;
}

function toIso(v: unknown): string {
  const d = v instanceof Date ? v : new Date(String(v));
  return d.toISOString();
}

/** Stored documents go through the same migration + validation as any input. */
function readDoc(id: string, raw: unknown): JourneyMap {
  const parsed = parseJourneyMap(raw);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw new Error(`Stored map ${id} is not readable: ${parsed.message}${first ? ` (${first.path}: ${first.message})` : ''}`);
  }
  return parsed.map;
}

export class MapRepository {
  constructor(private readonly db: Database) {}

  /** Summaries of every map, most recently updated first. Documents are not loaded. */
  async list(): Promise<MapSummary[]> {
    const { rows } = await this.db.query<SummaryRow>(
      `SELECT id, title, locale, version, created_at, updated_at, stage_count, touchpoint_count, mot_count
         FROM maps ORDER BY updated_at DESC, created_at DESC, id`,
    );
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      locale: r.locale as Locale,
      version: r.version,
      createdAt: toIso(r.created_at),
      updatedAt: toIso(r.updated_at),
      stageCount: r.stage_count,
      touchpointCount: r.touchpoint_count,
      motCount: r.mot_count,
    }));
  }

  async get(id: string, q: Queryable = this.db): Promise<StoredMap | null> {
    const { rows } = await q.query<DocRow>('SELECT doc, version FROM maps WHERE id = $1', [id]);
    const row = rows[0];
    return row ? { map: readDoc(id, row.doc), version: row.version } : null;
  }

  /** Store a new map at version 1. The map must already be valid. */
  async create(map: JourneyMap, q: Queryable = this.db): Promise<StoredMap> {
    const s = summarizeMap(map);
    await q.query(
      `INSERT INTO maps (id, title, locale, doc, version, stage_count, touchpoint_count, mot_count, created_at, updated_at)
       VALUES ($1, $2, $3, $4::text::jsonb, 1, $5, $6, $7, $8::text::timestamptz, $9::text::timestamptz)`,
      [map.id, map.title, map.locale, JSON.stringify(map), s.stageCount, s.touchpointCount, s.motCount, map.createdAt, map.updatedAt],
    );
    return { map, version: 1 };
  }

  /**
   * Replace a map's document if it is still at `baseVersion`. The stored `createdAt` is kept
   * whatever the new document says; nothing is written when the version does not match.
   */
  async update(map: JourneyMap, baseVersion: number): Promise<GuardedWrite<StoredMap>> {
    const s = summarizeMap(map);
    const { rows } = await this.db.query<{ version: number; created_at_doc: string }>(
      `UPDATE maps
          SET doc = jsonb_set($3::text::jsonb, '{createdAt}', maps.doc->'createdAt'),
              title = $4, locale = $5, stage_count = $6, touchpoint_count = $7, mot_count = $8,
              updated_at = $9::text::timestamptz, version = version + 1
        WHERE id = $1 AND version = $2
        RETURNING version, doc->>'createdAt' AS created_at_doc`,
      [map.id, baseVersion, JSON.stringify(map), map.title, map.locale, s.stageCount, s.touchpointCount, s.motCount, map.updatedAt],
    );
    const row = rows[0];
    if (row) return { ok: true, value: { map: { ...map, createdAt: row.created_at_doc }, version: row.version } };
    return this.missOrConflict(map.id);
  }

  /** Change the title (and bump the version); guarded by `baseVersion` when one is given. */
  async rename(id: string, title: string, now: string, baseVersion?: number): Promise<GuardedWrite<StoredMap>> {
    const { rows } = await this.db.query<DocRow>(
      `UPDATE maps
          SET doc = jsonb_set(jsonb_set(doc, '{title}', to_jsonb($2::text)), '{updatedAt}', to_jsonb($3::text)),
              title = $2, updated_at = $3::text::timestamptz, version = version + 1
        WHERE id = $1 AND ($4::integer IS NULL OR version = $4::integer)
        RETURNING doc, version`,
      [id, title, now, baseVersion ?? null],
    );
    const row = rows[0];
    if (row) return { ok: true, value: { map: readDoc(id, row.doc), version: row.version } };
    return this.missOrConflict(id);
  }

  /** Store a transformed copy of a map as a new map, in one transaction. Null when the source is missing. */
  async duplicate(id: string, copy: (source: JourneyMap) => JourneyMap): Promise<StoredMap | null> {
    return this.db.transaction(async (tx) => {
      const source = await this.get(id, tx);
      if (!source) return null;
      return this.create(copy(source.map), tx);
    });
  }

  async delete(id: string, baseVersion?: number): Promise<GuardedWrite<null>> {
    const { rows } = await this.db.query<{ id: string }>(
      'DELETE FROM maps WHERE id = $1 AND ($2::integer IS NULL OR version = $2::integer) RETURNING id',
      [id, baseVersion ?? null],
    );
    if (rows.length > 0) return { ok: true, value: null };
    return this.missOrConflict(id);
  }

  private async missOrConflict(id: string): Promise<{ ok: false; reason: 'not-found' } | { ok: false; reason: 'conflict'; currentVersion: number }> {
    const { rows } = await this.db.query<{ version: number }>('SELECT version FROM maps WHERE id = $1', [id]);
    const row = rows[0];
    return row ? { ok: false, reason: 'conflict', currentVersion: row.version } : { ok: false, reason: 'not-found' };
  }
}
