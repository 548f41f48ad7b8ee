/**
 * Storage of journey maps: one row per map, the whole document in `doc` (jsonb), a version
 * number for optimistic concurrency, and a few summary columns so the list never loads documents.
 */
import { isoTimestamp } from '../db/timestamps';
import type { JourneyMap, Locale } from '../../src/domain/schema';
import { parseJourneyMap } from '../../src/domain/parse';
import { CURRENT_SCHEMA_VERSION } from '../../src/domain/schema';
import { summarizeMap } from '../../src/domain/summary';
import type { Database, Queryable } from '../db/database';
import { diffDocs, type Changeset } from '../../src/store/history';

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

/** A stored document as JSON text, ready to be sent as is. */
export interface StoredMapJson {
  /** The map document as JSON text (current schema version). */
  json: string;
  version: number;
}

interface TextRow {
  doc: string;
  version: number;
  schema_version: string | null;
}

/** The stored `created_at` in the same form as `Date.toISOString()`, computed by the database. */
const CREATED_AT_ISO = `to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const toIso = isoTimestamp;

/** Stored documents go through the same migration + validation as any input. */
function readDoc(id: string, raw: unknown): JourneyMap {
  const parsed = parseJourneyMap(raw);
  if (!parsed.ok) {
    const first = parsed.problems[0];
    throw new Error(`Stored map ${id} is not readable: ${parsed.message}${first ? ` (${first.path}: ${first.message})` : ''}`);
  }
  return parsed.map;
}

/**
 * Documents at the current schema version were validated when they were written: only older
 * ones go through migration + validation again. Returns the JSON text to send.
 */
function readRow(id: string, row: TextRow): StoredMapJson {
  if (row.schema_version === String(CURRENT_SCHEMA_VERSION)) return { json: row.doc, version: row.version };
  return { json: JSON.stringify(readDoc(id, JSON.parse(row.doc))), version: row.version };
}

/** The response body `{"map":…,"version":N}` built from the document's JSON text without re-serializing it. */
export function mapResponseJson(stored: StoredMapJson, extra: Record<string, unknown> = {}): string {
  const more = JSON.stringify(extra);
  return `{"map":${stored.json},"version":${stored.version}${more === '{}' ? '' : `,${more.slice(1, -1)}`}}`;
}

/** How many documents the read cache keeps (least recently stored dropped first). */
const CACHE_MAX_ENTRIES = 500;

/**
 * Write-through cache of `{ json, version }` per map id, for GET. Only correct when this process
 * is the only writer: used with the embedded database, never with PostgreSQL (other instances may
 * write). Every write path updates or drops the entry. A read only fills the cache when no write
 * started or finished while it ran (`generation` unchanged), so a slow read never overwrites a
 * newer document.
 */
class DocCache {
  private readonly entries = new Map<string, StoredMapJson>();
  generation = 0;

  get(id: string): StoredMapJson | undefined {
    return this.entries.get(id);
  }

  set(id: string, value: StoredMapJson): void {
    this.entries.delete(id);
    this.entries.set(id, value);
    if (this.entries.size > CACHE_MAX_ENTRIES) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }

  /** Called before and after every write: drops the entry and fences off reads in progress. */
  invalidate(id: string): void {
    this.generation++;
    this.entries.delete(id);
  }
}

/** What a transform decided: store `next` (with an op-log entry) or leave the map as it is. */
export type TransformDecision<R> =
  | { write: true; next: JourneyMap; log: { opId: string | null; clientId: string | null; author: string }; result: R }
  | { write: false; result: R };

const NO_CHANGE: Changeset = { fields: [], collections: [] };

/** Parsed documents by id, valid for exactly the version they were read or written at. */
class ParsedCache {
  private readonly entries = new Map<string, StoredMap>();
  get(id: string, version: number): JourneyMap | undefined {
    const e = this.entries.get(id);
    return e && e.version === version ? e.map : undefined;
  }
  set(id: string, value: StoredMap): void {
    this.entries.delete(id);
    this.entries.set(id, value);
    if (this.entries.size > 200) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
}

export class MapRepository {
  private readonly cache: DocCache | null;
  private readonly parsed = new ParsedCache();

  constructor(private readonly db: Database) {
    this.cache = db.kind === 'pglite' ? new DocCache() : null;
  }

  /** Run a write on map `id`, keeping the cache coherent; `fresh` is what to cache on success. */
  private async write<T>(id: string, run: () => Promise<T>, fresh: (result: T) => StoredMapJson | null): Promise<T> {
    this.cache?.invalidate(id);
    try {
      const result = await run();
      const value = fresh(result);
      this.cache?.invalidate(id);
      if (value) this.cache?.set(id, value);
      return result;
    } catch (e) {
      this.cache?.invalidate(id);
      throw e;
    }
  }

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
    const stored = await this.getJson(id, q);
    return stored ? { map: JSON.parse(stored.json) as JourneyMap, version: stored.version } : null;
  }

  /** A map as JSON text: what GET sends, without parsing and re-serializing the document. */
  async getJson(id: string, q: Queryable = this.db): Promise<StoredMapJson | null> {
    const cache = q === this.db ? this.cache : null;
    const cached = cache?.get(id);
    if (cached) return cached;
    const generation = cache?.generation;
    const { rows } = await q.query<TextRow>(
      `SELECT doc::text AS doc, version, doc->>'schemaVersion' AS schema_version FROM maps WHERE id = $1`,
      [id],
    );
    const row = rows[0];
    const stored = row ? readRow(id, row) : null;
    if (cache && stored && cache.generation === generation) cache.set(id, stored);
    return stored;
  }

  /** Store a new map at version 1. The map must already be valid. */
  async create(map: JourneyMap, q: Queryable = this.db): Promise<StoredMapJson> {
    const s = summarizeMap(map);
    // The document is answered as the database stores it (jsonb's key order), like every read.
    const insert = () =>
      q.query<{ doc: string }>(
        `INSERT INTO maps (id, title, locale, doc, version, stage_count, touchpoint_count, mot_count, created_at, updated_at)
         VALUES ($1, $2, $3, $4::text::jsonb, 1, $5, $6, $7, $8::text::timestamptz, $9::text::timestamptz)
         RETURNING doc::text AS doc`,
        [map.id, map.title, map.locale, JSON.stringify(map), s.stageCount, s.touchpointCount, s.motCount, map.createdAt, map.updatedAt],
      );
    // In a transaction the row is not committed yet: only drop the entry, never fill it.
    const { rows } = await this.write(map.id, insert, (r) => (q === this.db && r.rows[0] ? { json: r.rows[0].doc, version: 1 } : null));
    const row = rows[0];
    if (!row) throw new Error(`Storing map ${map.id} returned nothing`);
    return { json: row.doc, version: 1 };
  }

  /**
   * Replace a map's document if it is still at `baseVersion`. The stored `createdAt` is kept
   * whatever the new document says; nothing is written when the version does not match.
   *
   * Usual case: the document carries the stored `createdAt` (clients send back what they read),
   * so it is stored as sent, with no work on the old document. Otherwise a second statement puts
   * the stored value into the new document.
   */
  async update(map: JourneyMap, baseVersion: number): Promise<GuardedWrite<StoredMapJson>> {
    return this.write(map.id, () => this.updateRow(map, baseVersion), (r) => (r.ok && r.value ? r.value : null));
  }

  private async updateRow(map: JourneyMap, baseVersion: number): Promise<GuardedWrite<StoredMapJson>> {
    const s = summarizeMap(map);
    const params = [map.id, baseVersion, JSON.stringify(map), map.title, map.locale, s.stageCount, s.touchpointCount, s.motCount, map.updatedAt];
    const plain = await this.db.query<{ version: number; doc: string }>(
      `UPDATE maps
          SET doc = $3::text::jsonb,
              title = $4, locale = $5, stage_count = $6, touchpoint_count = $7, mot_count = $8,
              updated_at = $9::text::timestamptz, version = version + 1
        WHERE id = $1 AND version = $2 AND ${CREATED_AT_ISO} = $10
        RETURNING version, doc::text AS doc`,
      [...params, map.createdAt],
    );
    const row = plain.rows[0];
    if (row) return { ok: true, value: { json: row.doc, version: row.version } };
    const { rows } = await this.db.query<{ version: number; doc: string }>(
      `UPDATE maps
          SET doc = jsonb_set($3::text::jsonb, '{createdAt}', maps.doc->'createdAt'),
              title = $4, locale = $5, stage_count = $6, touchpoint_count = $7, mot_count = $8,
              updated_at = $9::text::timestamptz, version = version + 1
        WHERE id = $1 AND version = $2
        RETURNING version, doc::text AS doc`,
      params,
    );
    const kept = rows[0];
    if (kept) return { ok: true, value: { json: kept.doc, version: kept.version } };
    return this.missOrConflict(map.id);
  }

  /**
   * Read-modify-write of one map under a row lock (safe with several instances on one
   * PostgreSQL): `decide` sees the current document and version and says what to store. A write
   * bumps the version by one and records the change in `map_ops` (the live operation log).
   * Returns null when the map does not exist.
   */
  async transform<R>(
    id: string,
    decide: (current: StoredMap, tx: Queryable) => Promise<TransformDecision<R>> | TransformDecision<R>,
  ): Promise<{ result: R; written: (StoredMapJson & { map: JourneyMap }) | null; prev: StoredMap; changeset: Changeset } | null> {
    const outcome = await this.write(
      id,
      () =>
        this.db.transaction(async (tx) => {
          const { rows } = await tx.query<{ version: number }>('SELECT version FROM maps WHERE id = $1 FOR UPDATE', [id]);
          const row = rows[0];
          if (!row) return null;
          let map = this.parsed.get(id, row.version);
          if (!map) {
            const stored = await this.get(id, tx);
            if (!stored) return null;
            map = stored.map;
          }
          const prev: StoredMap = { map, version: row.version };
          const decision = await decide(prev, tx);
          if (!decision.write) return { result: decision.result, written: null, prev, changeset: NO_CHANGE };
          const next = decision.next;
          const s = summarizeMap(next);
          const json = JSON.stringify(next);
          const version = row.version + 1;
          await tx.query(
            `UPDATE maps
                SET doc = $2::text::jsonb, title = $3, locale = $4, stage_count = $5, touchpoint_count = $6, mot_count = $7,
                    updated_at = $8::text::timestamptz, version = $9
              WHERE id = $1`,
            [id, json, next.title, next.locale, s.stageCount, s.touchpointCount, s.motCount, next.updatedAt, version],
          );
          // What the write did, by entity id: logged, and broadcast to open editors.
          const changeset = diffDocs(map, next);
          await tx.query(
            `INSERT INTO map_ops (map_id, version, op_id, client_id, author, changeset, created_at)
             VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7::text::timestamptz)`,
            [id, version, decision.log.opId, decision.log.clientId, decision.log.author, JSON.stringify(changeset), next.updatedAt],
          );
          return { result: decision.result, written: { json, version, map: next }, prev, changeset };
        }),
      // The cache keeps the text the database would answer; ours has the same content and keys.
      () => null,
    );
    // Only once committed: a rolled-back write must never be taken for that version's document.
    if (outcome?.written) this.parsed.set(id, { map: outcome.written.map, version: outcome.written.version });
    return outcome;
  }

  /** Change the title (and bump the version); guarded by `baseVersion` when one is given. */
  async rename(id: string, title: string, now: string, baseVersion?: number): Promise<GuardedWrite<StoredMapJson>> {
    return this.write(id, () => this.renameRow(id, title, now, baseVersion), (r) => (r.ok && r.value ? r.value : null));
  }

  private async renameRow(id: string, title: string, now: string, baseVersion?: number): Promise<GuardedWrite<StoredMapJson>> {
    const { rows } = await this.db.query<TextRow>(
      `UPDATE maps
          SET doc = jsonb_set(jsonb_set(doc, '{title}', to_jsonb($2::text)), '{updatedAt}', to_jsonb($3::text)),
              title = $2, updated_at = $3::text::timestamptz, version = version + 1
        WHERE id = $1 AND ($4::integer IS NULL OR version = $4::integer)
        RETURNING doc::text AS doc, version, doc->>'schemaVersion' AS schema_version`,
      [id, title, now, baseVersion ?? null],
    );
    const row = rows[0];
    if (row) return { ok: true, value: readRow(id, row) };
    return this.missOrConflict(id);
  }

  /** Store a transformed copy of a map as a new map, in one transaction. Null when the source is missing. */
  async duplicate(id: string, copy: (source: JourneyMap) => JourneyMap): Promise<StoredMapJson | null> {
    return this.db.transaction(async (tx) => {
      const source = await this.get(id, tx);
      if (!source) return null;
      return this.create(copy(source.map), tx);
    });
  }

  async delete(id: string, baseVersion?: number): Promise<GuardedWrite<null>> {
    return this.write(id, () => this.deleteRow(id, baseVersion), () => null);
  }

  private async deleteRow(id: string, baseVersion?: number): Promise<GuardedWrite<null>> {
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
