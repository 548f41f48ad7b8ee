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
import { KeyedSerial } from '../lib/keyed-serial';
import { applyChangeset, diffDocs, type Changeset } from '../../src/store/history';

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

/** A cache entry whose JSON text is only made when a reader asks for it. */
function lazyJson(map: JourneyMap, version: number): StoredMapJson {
  let json: string | undefined;
  return {
    version,
    get json() {
      json ??= JSON.stringify(map);
      return json;
    },
  };
}

/**
 * Write-through cache of `{ json, version }` per map id, for GET. Only correct when this process
 * is the only writer: used with the embedded database, never with PostgreSQL (other instances may
 * write). Every write path updates or drops the entry. A read only fills the cache when no write
 * started or finished while it ran (`generation` unchanged), so a slow read never overwrites a
 * newer document; and an entry never goes back to an older version than one already cached
 * (`newest`), so a write answered late (its WAL flush shared with a later write) cannot either.
 */
class DocCache {
  private readonly entries = new Map<string, StoredMapJson>();
  /** The newest version ever cached per map (kept when the entry is dropped). */
  private readonly newest = new Map<string, number>();
  generation = 0;

  get(id: string): StoredMapJson | undefined {
    return this.entries.get(id);
  }

  set(id: string, value: StoredMapJson): void {
    const newest = this.newest.get(id);
    if (newest !== undefined && value.version < newest) return;
    this.newest.delete(id);
    this.newest.set(id, value.version);
    if (this.newest.size > CACHE_MAX_ENTRIES * 4) {
      const oldest = this.newest.keys().next();
      if (!oldest.done) this.newest.delete(oldest.value);
    }
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

/** What a transform can ask about the map besides its document. */
export interface TransformContext {
  /** The version an operation with this id was stored at, when the log has it (a resend). */
  opVersion(opId: string): number | undefined;
}

export interface TransformOutcome<R> {
  result: R;
  written: (StoredMapJson & { map: JourneyMap }) | null;
  prev: StoredMap;
  changeset: Changeset;
}

const NO_CHANGE: Changeset = { fields: [], collections: [] };

/**
 * Deferred document writes: a live operation stores its change set in `map_ops` and bumps the
 * version, and rewrites the whole document only when this many operations are not in it yet
 * (`version - doc_version`). Reading applies the logged operations after `doc_version`.
 */
const DOC_EVERY = 32;
/** The operation log keeps at least this many operations (op-service prunes older ones). */
const OP_IDS_KEPT = 1100;
/** Operations stored together in one transaction, at most. */
const MAX_GROUP = 64;

/**
 * The newest committed state of a map known to this process: its document, version, the
 * version its stored document is at, and the ids of the logged operations. A hint only: every
 * write made from it is guarded by `version = head.version`, and falls back to a locked read
 * when someone else wrote meanwhile.
 */
interface Head {
  map: JourneyMap;
  version: number;
  docVersion: number;
  opIds: Map<string, number>;
}

class HeadCache {
  private readonly entries = new Map<string, Head>();
  get(id: string): Head | undefined {
    return this.entries.get(id);
  }
  set(id: string, head: Head): void {
    const old = this.entries.get(id);
    if (old && old.version > head.version) return;
    this.entries.delete(id);
    this.entries.set(id, head);
    if (this.entries.size > 200) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
  }
  delete(id: string): void {
    this.entries.delete(id);
  }
}

/** One operation waiting for its group transaction. */
interface GroupJob {
  id: string;
  baseVersion: number;
  next: JourneyMap;
  /** The whole document, when this write also rewrites it. */
  json: string | null;
  changeset: Changeset;
  log: { opId: string | null; clientId: string | null; author: string };
  /** true: committed; false: the map was not at baseVersion (nothing written). */
  done: (ok: boolean) => void;
  fail: (e: unknown) => void;
}

/** A group transaction failed as a whole: each of its operations is retried on its own. */
class GroupFailed extends Error {
  constructor(readonly reason: unknown) {
    super('group write failed');
  }
}

/** Version-guarded write of one operation: the summary columns, the version, the log entry (and the document when due). */
const WRITE_OP = (withDoc: boolean) => `
  WITH up AS (
    UPDATE maps
       SET title = $3, locale = $4, stage_count = $5, touchpoint_count = $6, mot_count = $7,
           updated_at = $8::text::timestamptz, version = $2::integer + 1${withDoc ? `, doc = $13::text::jsonb, doc_version = $2::integer + 1` : ''}
     WHERE id = $1 AND version = $2::integer
     RETURNING id, version)
  INSERT INTO map_ops (map_id, version, op_id, client_id, author, changeset, created_at)
  SELECT up.id, up.version, $9, $10, $11, $12::text::jsonb, $8::text::timestamptz FROM up
  RETURNING version`;

/**
 * The same for a whole group in one statement (atomic on its own: no BEGIN / COMMIT round trips).
 * Operations whose map is no longer at their base version change nothing and return no row.
 */
export const WRITE_OPS = `
  WITH v AS (
    SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::integer[], $6::integer[], $7::integer[],
                         $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
      AS v(id, base, title, locale, stage_count, touchpoint_count, mot_count, updated_at, op_id, client_id, author, changeset, doc)
  ), up AS (
    UPDATE maps
       SET title = v.title, locale = v.locale, stage_count = v.stage_count, touchpoint_count = v.touchpoint_count,
           mot_count = v.mot_count, updated_at = v.updated_at::timestamptz, version = v.base + 1,
           doc = COALESCE(v.doc::jsonb, maps.doc),
           doc_version = CASE WHEN v.doc IS NULL THEN maps.doc_version ELSE v.base + 1 END
      FROM v
     WHERE maps.id = v.id AND maps.version = v.base
     RETURNING maps.id, maps.version)
  INSERT INTO map_ops (map_id, version, op_id, client_id, author, changeset, created_at)
  SELECT up.id, up.version, v.op_id, v.client_id, v.author, v.changeset::jsonb, v.updated_at::timestamptz
    FROM up JOIN v ON v.id = up.id
  RETURNING map_id`;

interface StateRow {
  doc: string;
  version: number;
  doc_version: number;
  schema_version: string | null;
}

export class MapRepository {
  private readonly cache: DocCache | null;
  private readonly heads = new HeadCache();
  /** Per map: one transform at a time in this process (the database guards across processes). */
  private readonly chains = new KeyedSerial();
  private queue: GroupJob[] = [];
  private readonly beforeSave: ((id: string) => Promise<void>)[] = [];
  private draining = false;

  constructor(private readonly db: Database) {
    this.cache = db.kind === 'pglite' ? new DocCache() : null;
  }

  /** Run before every whole-document save (`update`), e.g. to keep the document it replaces as a version. */
  onBeforeSave(hook: (id: string) => Promise<void>): void {
    this.beforeSave.push(hook);
  }

  /** Run a write on map `id`, keeping the caches coherent; `fresh` is what to cache on success. */
  private async write<T>(id: string, run: () => Promise<T>, fresh: (result: T) => StoredMapJson | null): Promise<T> {
    this.cache?.invalidate(id);
    this.heads.delete(id);
    try {
      const result = await run();
      const value = fresh(result);
      this.cache?.invalidate(id);
      this.heads.delete(id);
      if (value) this.cache?.set(id, value);
      return result;
    } catch (e) {
      this.cache?.invalidate(id);
      this.heads.delete(id);
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

  /** A map as JSON text: what GET sends, without parsing and re-serializing the document when it is stored whole. */
  async getJson(id: string, q: Queryable = this.db): Promise<StoredMapJson | null> {
    const cache = q === this.db ? this.cache : null;
    const cached = cache?.get(id);
    if (cached) return cached;
    const generation = cache?.generation;
    const state = await this.readState(id, q, false);
    if (!state) return null;
    const stored = state.pending.length === 0 ? readRow(id, state.row) : lazyJson(this.fold(id, state.row, state.pending), state.row.version);
    if (cache && cache.generation === generation) cache.set(id, stored);
    return stored;
  }

  /**
   * The row of map `id` (locked with `FOR UPDATE` when asked) and, when its stored document is
   * behind its version, the logged change sets to apply to it, in order.
   */
  private async readState(
    id: string,
    q: Queryable,
    lock: boolean,
  ): Promise<{ row: StateRow; pending: string[]; opIds: Map<string, number> | null } | null> {
    const { rows } = await q.query<StateRow>(
      `SELECT doc::text AS doc, version, doc_version, doc->>'schemaVersion' AS schema_version FROM maps WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    const row = rows[0];
    if (!row) return null;
    if (!lock && row.doc_version >= row.version) return { row, pending: [], opIds: null };
    // Locked (a transform): the log's operation ids too, for recognising resent operations.
    const log = await q.query<{ version: number; op_id: string | null; changeset: string | null }>(
      lock
        ? `SELECT version, op_id, CASE WHEN version > $2 THEN changeset::text END AS changeset FROM map_ops WHERE map_id = $1 ORDER BY version`
        : `SELECT version, op_id, changeset::text AS changeset FROM map_ops WHERE map_id = $1 AND version > $2 ORDER BY version`,
      [id, row.doc_version],
    );
    const pending: string[] = [];
    const opIds = new Map<string, number>();
    for (const r of log.rows) {
      if (r.op_id !== null) opIds.set(r.op_id, r.version);
      if (r.version > row.doc_version && r.version <= row.version && r.changeset !== null) pending.push(r.changeset);
    }
    if (pending.length !== row.version - row.doc_version) {
      throw new Error(`Stored map ${id} is not readable: the operation log misses versions ${row.doc_version + 1}–${row.version}`);
    }
    return { row, pending, opIds: lock ? opIds : null };
  }

  /** The stored document with the logged operations after it applied: the map at its version. */
  private fold(id: string, row: StateRow, pending: readonly string[]): JourneyMap {
    const raw = JSON.parse(row.doc) as JourneyMap;
    let map = row.schema_version === String(CURRENT_SCHEMA_VERSION) ? raw : readDoc(id, raw);
    for (const cs of pending) map = applyChangeset(map, JSON.parse(cs) as Changeset, 'redo').doc;
    return map;
  }

  /** Store a new map at version 1. The map must already be valid. */
  async create(map: JourneyMap, q: Queryable = this.db): Promise<StoredMapJson> {
    const s = summarizeMap(map);
    // The document is answered as the database stores it (jsonb's key order), like every read.
    const insert = () =>
      q.query<{ doc: string }>(
        `INSERT INTO maps (id, title, locale, doc, version, doc_version, stage_count, touchpoint_count, mot_count, created_at, updated_at)
         VALUES ($1, $2, $3, $4::text::jsonb, 1, 1, $5, $6, $7, $8::text::timestamptz, $9::text::timestamptz)
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
    for (const hook of this.beforeSave) await hook(map.id);
    return this.write(map.id, () => this.updateRow(map, baseVersion), (r) => (r.ok && r.value ? r.value : null));
  }

  private async updateRow(map: JourneyMap, baseVersion: number): Promise<GuardedWrite<StoredMapJson>> {
    const s = summarizeMap(map);
    const params = [map.id, baseVersion, JSON.stringify(map), map.title, map.locale, s.stageCount, s.touchpointCount, s.motCount, map.updatedAt];
    const plain = await this.db.query<{ version: number; doc: string }>(
      `UPDATE maps
          SET doc = $3::text::jsonb,
              title = $4, locale = $5, stage_count = $6, touchpoint_count = $7, mot_count = $8,
              updated_at = $9::text::timestamptz, version = version + 1, doc_version = version + 1
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
              updated_at = $9::text::timestamptz, version = version + 1, doc_version = version + 1
        WHERE id = $1 AND version = $2
        RETURNING version, doc::text AS doc`,
      params,
    );
    const kept = rows[0];
    if (kept) return { ok: true, value: { json: kept.doc, version: kept.version } };
    return this.missOrConflict(map.id);
  }

  /** One transform at a time per map in this process, in arrival order. */
  private serial<T>(id: string, run: () => Promise<T>): Promise<T> {
    return this.chains.run(id, run);
  }

  /**
   * Read-modify-write of one map (safe with several instances on one PostgreSQL): `decide` sees
   * the current document and version and says what to store. A write bumps the version by one
   * and records the change in `map_ops` (the live operation log); the whole document is
   * rewritten every DOC_EVERY operations. Returns null when the map does not exist.
   *
   * Fast path: from the newest state this process committed (no read), a version-guarded write
   * that joins a group transaction with the writes to other maps arriving meanwhile (each one
   * still answered only after its commit and WAL flush). When the map changed elsewhere, or is
   * not known yet: a read under a row lock (`SELECT … FOR UPDATE`), then the write.
   * `decide` may run more than once (it must not have side effects).
   */
  async transform<R>(
    id: string,
    decide: (current: StoredMap, ctx: TransformContext) => Promise<TransformDecision<R>> | TransformDecision<R>,
  ): Promise<TransformOutcome<R> | null> {
    return this.serial(id, async () => {
      const head = this.heads.get(id);
      if (head) {
        const prev: StoredMap = { map: head.map, version: head.version };
        const decision = await decide(prev, { opVersion: (opId) => head.opIds.get(opId) });
        if (!decision.write) return { result: decision.result, written: null, prev, changeset: NO_CHANGE };
        const changeset = diffDocs(head.map, decision.next);
        const withDoc = head.version + 1 - head.docVersion >= DOC_EVERY;
        let ok: boolean;
        try {
          ok = await this.enqueue(id, head.version, decision.next, withDoc ? JSON.stringify(decision.next) : null, changeset, decision.log);
        } catch (e) {
          // The group failed (the whole transaction rolled back): this one alone, from a fresh read.
          // A server-made change has no operation id to recognise a commit that was not answered: never redone.
          if (!(e instanceof GroupFailed) || decision.log.opId === null) throw e instanceof GroupFailed ? e.reason : e;
          ok = false;
        }
        if (ok) return this.committed(id, head, decision.next, withDoc, changeset, decision.result, decision.log.opId, prev);
        this.heads.delete(id);
      }
      return this.lockedTransform(id, decide);
    });
  }

  /** After the commit of a transform: the new head, the read cache, the outcome. */
  private committed<R>(
    id: string,
    base: Head,
    next: JourneyMap,
    withDoc: boolean,
    changeset: Changeset,
    result: R,
    opId: string | null,
    prev: StoredMap,
  ): TransformOutcome<R> {
    const version = base.version + 1;
    const opIds = base.opIds;
    if (opId !== null) {
      opIds.set(opId, version);
      if (opIds.size > OP_IDS_KEPT) {
        const oldest = opIds.keys().next();
        if (!oldest.done) opIds.delete(oldest.value);
      }
    }
    this.heads.set(id, { map: next, version, docVersion: withDoc ? version : base.docVersion, opIds });
    const stored = lazyJson(next, version);
    if (this.cache) {
      this.cache.invalidate(id);
      this.cache.set(id, stored);
    }
    return { result, written: { map: next, version, get json() { return stored.json; } }, prev, changeset };
  }

  /** The slow path: the map read under a row lock, decided and written in one transaction. */
  private async lockedTransform<R>(
    id: string,
    decide: (current: StoredMap, ctx: TransformContext) => Promise<TransformDecision<R>> | TransformDecision<R>,
  ): Promise<TransformOutcome<R> | null> {
    this.cache?.invalidate(id);
    this.heads.delete(id);
    type Written = { head: Head; next: JourneyMap; withDoc: boolean; changeset: Changeset; result: R; opId: string | null; prev: StoredMap };
    const box: { written: Written | null; unchanged: Head | null } = { written: null, unchanged: null };
    try {
      const outcome = await this.db.transaction(async (tx): Promise<TransformOutcome<R> | null> => {
        const state = await this.readState(id, tx, true);
        if (!state) return null;
        const { row, pending } = state;
        const map = this.fold(id, row, pending);
        // A stored document at an older schema version is rewritten by the next write.
        const docVersion = row.schema_version === String(CURRENT_SCHEMA_VERSION) ? row.doc_version : -DOC_EVERY;
        const head: Head = { map, version: row.version, docVersion, opIds: state.opIds ?? new Map<string, number>() };
        const prev: StoredMap = { map, version: row.version };
        const decision = await decide(prev, { opVersion: (opId) => head.opIds.get(opId) });
        if (!decision.write) {
          box.unchanged = head;
          return { result: decision.result, written: null, prev, changeset: NO_CHANGE };
        }
        const next = decision.next;
        const changeset = diffDocs(map, next);
        const withDoc = head.version + 1 - head.docVersion >= DOC_EVERY;
        const params = this.opParams(id, head.version, next, changeset, decision.log, withDoc ? JSON.stringify(next) : null);
        const written = await tx.query(WRITE_OP(withDoc), params);
        if (written.rows.length !== 1) throw new Error(`Storing operation ${head.version + 1} of map ${id} failed`);
        box.written = { head, next, withDoc, changeset, result: decision.result, opId: decision.log.opId, prev };
        return { result: decision.result, written: null, prev, changeset };
      });
      this.cache?.invalidate(id);
      // Only once committed: a rolled-back write must never be taken for that version's document.
      const w = box.written;
      if (outcome && w) return this.committed(id, w.head, w.next, w.withDoc, w.changeset, w.result, w.opId, w.prev);
      if (box.unchanged) this.heads.set(id, box.unchanged);
      return outcome;
    } catch (e) {
      this.cache?.invalidate(id);
      this.heads.delete(id);
      throw e;
    }
  }

  private opParams(
    id: string,
    baseVersion: number,
    next: JourneyMap,
    changeset: Changeset,
    log: { opId: string | null; clientId: string | null; author: string },
    json: string | null,
  ): unknown[] {
    const s = summarizeMap(next);
    const params: unknown[] = [
      id,
      baseVersion,
      next.title,
      next.locale,
      s.stageCount,
      s.touchpointCount,
      s.motCount,
      next.updatedAt,
      log.opId,
      log.clientId,
      log.author,
      JSON.stringify(changeset),
    ];
    if (json !== null) params.push(json);
    return params;
  }

  /** Queue a version-guarded operation write for the next group transaction. */
  private enqueue(
    id: string,
    baseVersion: number,
    next: JourneyMap,
    json: string | null,
    changeset: Changeset,
    log: { opId: string | null; clientId: string | null; author: string },
  ): Promise<boolean> {
    return new Promise<boolean>((done, fail) => {
      this.queue.push({ id, baseVersion, next, json, changeset, log, done, fail });
      if (!this.draining) {
        this.draining = true;
        // Writes arriving in this event-loop turn join the same transaction.
        setImmediate(() => void this.drain());
      }
    });
  }

  /**
   * Group commit: every queued operation (at most one per map: transforms are serial per map)
   * in one transaction. The next group starts as soon as this one's statements have run (its
   * COMMIT and WAL flush overlap with it); each operation is answered after its own commit.
   */
  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const group = this.queue.splice(0, MAX_GROUP);
        let statementDone!: () => void;
        const ran = new Promise<void>((resolve) => {
          statementDone = resolve;
        });
        const columns: unknown[][] = Array.from({ length: 13 }, () => []);
        for (const job of group) {
          const p = this.opParams(job.id, job.baseVersion, job.next, job.changeset, job.log, job.json);
          if (p.length === 12) p.push(null);
          p.forEach((value, i) => columns[i]?.push(value));
        }
        const written = this.db.query<{ map_id: string }>(WRITE_OPS, columns, { onExecuted: statementDone });
        written.then(
          ({ rows }) => {
            const ok = new Set(rows.map((r) => r.map_id));
            for (const job of group) job.done(ok.has(job.id));
          },
          (e: unknown) => {
            statementDone();
            for (const job of group) job.fail(new GroupFailed(e));
          },
        );
        // The next group may start once this statement ran: its WAL flush overlaps with the next one.
        await ran;
      }
    } finally {
      this.draining = false;
      if (this.queue.length > 0) {
        this.draining = true;
        setImmediate(() => void this.drain());
      }
    }
  }

  /**
   * Rewrite the stored document of map `id` at its current version (no version change), so that
   * reads need no operation log. Nothing happens when it is already whole.
   */
  async materialize(id: string): Promise<void> {
    const state = await this.readState(id, this.db, false);
    if (!state || state.pending.length === 0) return;
    const map = this.fold(id, state.row, state.pending);
    await this.db.query(`UPDATE maps SET doc = $2::text::jsonb, doc_version = $3 WHERE id = $1 AND doc_version < $3 AND version >= $3`, [
      id,
      JSON.stringify(map),
      state.row.version,
    ]);
    const head = this.heads.get(id);
    if (head && head.version === state.row.version) head.docVersion = Math.max(head.docVersion, state.row.version);
  }

  /** Change the title (and bump the version); guarded by `baseVersion` when one is given. */
  async rename(id: string, title: string, now: string, baseVersion?: number): Promise<GuardedWrite<StoredMapJson>> {
    return this.write(id, () => this.renameRow(id, title, now, baseVersion), (r) => (r.ok && r.value ? r.value : null));
  }

  private async renameRow(id: string, title: string, now: string, baseVersion?: number): Promise<GuardedWrite<StoredMapJson>> {
    // The rename edits the stored document: it must be whole first.
    for (let attempt = 0; attempt < 5; attempt++) {
      const { rows } = await this.db.query<TextRow>(
        `UPDATE maps
            SET doc = jsonb_set(jsonb_set(doc, '{title}', to_jsonb($2::text)), '{updatedAt}', to_jsonb($3::text)),
                title = $2, updated_at = $3::text::timestamptz, version = version + 1, doc_version = version + 1
          WHERE id = $1 AND ($4::integer IS NULL OR version = $4::integer) AND doc_version = version
          RETURNING doc::text AS doc, version, doc->>'schemaVersion' AS schema_version`,
        [id, title, now, baseVersion ?? null],
      );
      const row = rows[0];
      if (row) return { ok: true, value: readRow(id, row) };
      const state = await this.db.query<{ version: number; doc_version: number }>('SELECT version, doc_version FROM maps WHERE id = $1', [id]);
      const current = state.rows[0];
      if (!current) return { ok: false, reason: 'not-found' };
      if (baseVersion !== undefined && current.version !== baseVersion) return { ok: false, reason: 'conflict', currentVersion: current.version };
      await this.materialize(id);
    }
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
