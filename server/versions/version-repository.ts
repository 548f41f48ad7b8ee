/**
 * Stored versions of a map (table `map_versions`): automatic snapshots, named versions and the
 * snapshots kept before a restore. The list never loads documents: its size summary is computed
 * by the database from the jsonb.
 */
import { isoTimestamp } from '../db/timestamps';
import { newId } from '../../src/domain/ids';
import { parseJourneyMap } from '../../src/domain/parse';
import type { JourneyMap } from '../../src/domain/schema';
import type { Database, Queryable } from '../db/database';

export const VERSION_KINDS = ['auto', 'named', 'restore'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export interface VersionSummary {
  stages: number;
  cards: number;
  mots: number;
  personas: number;
  comments: number;
}

export interface VersionMeta {
  id: string;
  mapId: string;
  kind: VersionKind;
  name: string;
  author: string;
  /** The map's version number when the snapshot was taken. */
  mapVersion: number;
  createdAt: string;
  title: string;
  summary: VersionSummary;
}

export interface StoredVersion extends VersionMeta {
  map: JourneyMap;
}

interface MetaRow {
  id: string;
  map_id: string;
  kind: string;
  name: string;
  author: string;
  map_version: number;
  created_at: unknown;
  title: string | null;
  stages: number | null;
  cards: number | null;
  mots: number | null;
  personas: number | null;
  comments: number | null;
}

const META_COLUMNS = `id, map_id, kind, name, author, map_version, created_at,
  doc->>'title' AS title,
  jsonb_array_length(COALESCE(doc->'stages', '[]'::jsonb)) AS stages,
  jsonb_array_length(COALESCE(doc->'touchpoints', '[]'::jsonb)) AS cards,
  jsonb_array_length(COALESCE(doc->'mots', '[]'::jsonb)) AS mots,
  jsonb_array_length(COALESCE(doc->'personas', '[]'::jsonb)) AS personas,
  jsonb_array_length(COALESCE(doc->'comments', '[]'::jsonb)) AS comments`;

const iso = isoTimestamp;

function metaOf(r: MetaRow): VersionMeta {
  return {
    id: r.id,
    mapId: r.map_id,
    kind: (VERSION_KINDS as readonly string[]).includes(r.kind) ? (r.kind as VersionKind) : 'auto',
    name: r.name,
    author: r.author,
    mapVersion: Number(r.map_version),
    createdAt: iso(r.created_at),
    title: r.title ?? '',
    summary: {
      stages: Number(r.stages ?? 0),
      cards: Number(r.cards ?? 0),
      mots: Number(r.mots ?? 0),
      personas: Number(r.personas ?? 0),
      comments: Number(r.comments ?? 0),
    },
  };
}

export interface NewVersion {
  mapId: string;
  kind: VersionKind;
  name?: string;
  author?: string;
  mapVersion: number;
  map: JourneyMap;
  createdAt?: Date;
}

/** Hard cap per map, whatever the thinning: the oldest automatic ones go first. */
export const MAX_VERSIONS_PER_MAP = 2000;

export class VersionRepository {
  constructor(private readonly db: Database) {}

  async insert(v: NewVersion, q: Queryable = this.db): Promise<VersionMeta> {
    const id = newId();
    const { rows } = await q.query<MetaRow>(
      `INSERT INTO map_versions (id, map_id, map_version, kind, name, author, doc, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text::jsonb, $8::text::timestamptz)
       RETURNING ${META_COLUMNS}`,
      [id, v.mapId, v.mapVersion, v.kind, v.name ?? '', v.author ?? '', JSON.stringify(v.map), (v.createdAt ?? new Date()).toISOString()],
    );
    const row = rows[0];
    if (!row) throw new Error(`Storing a version of map ${v.mapId} returned nothing`);
    return metaOf(row);
  }

  /** Newest first. */
  async list(mapId: string): Promise<VersionMeta[]> {
    const { rows } = await this.db.query<MetaRow>(
      `SELECT ${META_COLUMNS} FROM map_versions WHERE map_id = $1 ORDER BY created_at DESC, id DESC`,
      [mapId],
    );
    return rows.map(metaOf);
  }

  /** The newest snapshot of any kind (when it was taken and the map version it holds). */
  async latest(mapId: string, q: Queryable = this.db): Promise<{ id: string; mapVersion: number; createdAt: Date } | null> {
    const { rows } = await q.query<{ id: string; map_version: number; created_at: unknown }>(
      'SELECT id, map_version, created_at FROM map_versions WHERE map_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1',
      [mapId],
    );
    const r = rows[0];
    return r ? { id: r.id, mapVersion: Number(r.map_version), createdAt: new Date(iso(r.created_at)) } : null;
  }

  async get(mapId: string, versionId: string): Promise<StoredVersion | null> {
    const { rows } = await this.db.query<MetaRow & { doc: string }>(
      `SELECT ${META_COLUMNS}, doc::text AS doc FROM map_versions WHERE map_id = $1 AND id = $2`,
      [mapId, versionId],
    );
    const r = rows[0];
    if (!r) return null;
    // Old snapshots are migrated to the current schema like any stored document.
    const parsed = parseJourneyMap(JSON.parse(r.doc));
    if (!parsed.ok) throw new Error(`Stored version ${versionId} of map ${mapId} is not readable: ${parsed.message}`);
    return { ...metaOf(r), map: parsed.map };
  }

  /** Only the document of a version (no metadata). */
  async docOf(mapId: string, versionId: string): Promise<JourneyMap | null> {
    return (await this.get(mapId, versionId))?.map ?? null;
  }

  /** Automatic snapshots (id and time), for thinning. */
  async autoTimes(mapId: string): Promise<{ id: string; createdAt: Date }[]> {
    const { rows } = await this.db.query<{ id: string; created_at: unknown }>(
      `SELECT id, created_at FROM map_versions WHERE map_id = $1 AND kind = 'auto' ORDER BY created_at DESC, id DESC`,
      [mapId],
    );
    return rows.map((r) => ({ id: r.id, createdAt: new Date(iso(r.created_at)) }));
  }

  /** Delete automatic snapshots by id (named and restore versions are never deleted here). */
  async deleteAuto(mapId: string, ids: readonly string[]): Promise<number> {
    if (ids.length === 0) return 0;
    const { rows } = await this.db.query<{ id: string }>(
      `DELETE FROM map_versions WHERE map_id = $1 AND kind = 'auto' AND id = ANY($2::text[]) RETURNING id`,
      [mapId, [...ids]],
    );
    return rows.length;
  }
}
