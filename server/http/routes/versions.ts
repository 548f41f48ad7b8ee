/**
 * Version history of a map:
 * - GET  /api/maps/:id/versions                         The list, newest first, without documents (view and up).
 * - POST /api/maps/:id/versions            {name}       Keep the map as it is now under a name (edit and up).
 * - GET  /api/maps/:id/versions/:vid                    One version with its document (view and up).
 * - GET  /api/maps/:id/versions/:vid/compare            What changed between that version and now (view and up).
 * - POST /api/maps/:id/versions/:vid/restore            Keep the current map (kind 'restore'), then make the
 *                                                       old content current as a live operation (edit and up).
 * Plus the automatic snapshots (`versionHooks`): before a whole-document PUT replaces a map, and
 * after live operations (the map's baseline before its first one, then the interval rule).
 */
import { repairIntegrity } from '../../../src/store/integrity';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { ID_PATTERN } from '../../../src/domain/ids';
import { compareMaps } from '../../../src/domain/map-compare';
import type { JourneyMap } from '../../../src/domain/schema';
import type { AccessControl } from '../../access/require';
import type { LiveHub } from '../../live/hub';
import type { OpService } from '../../live/op-service';
import type { MapRepository } from '../../maps/map-repository';
import type { SnapshotPolicy } from '../../versions/snapshot-policy';
import type { StoredVersion, VersionMeta, VersionRepository } from '../../versions/version-repository';
import { readBody } from '../body';
import { ApiError, mapNotFound } from '../errors';
import { route } from '../router';

const authorSchema = z.string().trim().max(80, 'must be at most 80 characters').default('');

export const saveVersionSchema = z.strictObject({
  name: z.string().trim().min(1, 'cannot be empty: give the version a name').max(120, 'must be at most 120 characters'),
  author: authorSchema,
});

export const restoreSchema = z.strictObject({ author: authorSchema });

function mapIdOf(c: Context): string {
  const id = c.req.param('id');
  if (!id || !ID_PATTERN.test(id)) throw mapNotFound();
  return id;
}

const versionNotFound = () => new ApiError(404, 'Version not found');

function versionIdOf(c: Context): string {
  const id = c.req.param('versionId');
  if (!id || !ID_PATTERN.test(id)) throw versionNotFound();
  return id;
}

/** The list entry as sent: the map id is implied by the path. */
function metaJson(v: VersionMeta): Omit<VersionMeta, 'mapId'> {
  const { mapId: _mapId, ...rest } = v;
  return rest;
}

/** How a restore snapshot is named: after the named version, else its time (the client recognises both forms to translate them). */
export function restoreName(v: VersionMeta): string {
  return v.kind === 'named' && v.name.trim() !== '' ? `Before restoring “${v.name.trim()}”` : `Before restoring the version of ${v.createdAt}`;
}

/**
 * The old content, made current: the map keeps its id, schema version and creation time. The
 * discussion is not rolled back with it: comments written since that version stay when what
 * they are about exists in the restored map (the old comments come back as they were).
 */
export function restoredDocument(old: JourneyMap, current: JourneyMap): JourneyMap {
  const oldIds = new Set(old.comments.map((c) => c.id));
  const targets = new Set<string>([...old.stages, ...old.touchpoints, ...old.mots].map((x) => x.id));
  const later = current.comments.filter((c) => !oldIds.has(c.id) && targets.has(c.targetId));
  return repairIntegrity({
    ...old,
    id: current.id,
    schemaVersion: current.schemaVersion,
    createdAt: current.createdAt,
    comments: later.length ? [...old.comments, ...later] : old.comments,
  });
}

export interface VersionDeps {
  access: AccessControl;
  repo: MapRepository;
  versions: VersionRepository;
  policy: SnapshotPolicy;
  ops: OpService;
  hub: LiveHub;
}

/**
 * Automatic snapshots around writes, decided in the write path (no work on requests where no
 * snapshot can be due):
 * - before a whole-document PUT (`repo.onBeforeSave`, after the route's access check): when the
 *   policy says a snapshot may be due, the document about to be replaced is considered;
 * - after every live operation (`ops.onCommit`): a map with no version yet gets its pre-edit
 *   document kept as the baseline, then the interval rule is applied to the new document.
 */
export function versionHooks({ repo, versions, policy, ops }: VersionDeps): void {
  /** Maps known to have at least one version (versions only disappear with their map). */
  const hasVersions = new Set<string>();
  const known = (mapId: string) => {
    hasVersions.add(mapId);
    if (hasVersions.size > 50_000) hasVersions.delete(hasVersions.values().next().value ?? '');
  };

  repo.onBeforeSave(async (mapId) => {
    if (policy.quiet(mapId)) return;
    const stored = await repo.get(mapId);
    if (!stored) return;
    await policy.consider(mapId, stored.map, stored.version).catch((e: unknown) => console.error('snapshot before save failed:', e));
    known(mapId);
  });

  ops.onCommit(async (mapId, next, version, author, prev) => {
    if (!hasVersions.has(mapId)) {
      if (!(await versions.latest(mapId))) {
        await policy.baseline(mapId, prev.map, prev.version).catch((e: unknown) => console.error('baseline snapshot failed:', e));
      }
      known(mapId);
    }
    await policy.consider(mapId, next, version, author);
  });
}

export function versionRoutes(app: Hono, { access, repo, versions, ops, hub }: VersionDeps): void {
  const load = async (mapId: string, versionId: string): Promise<StoredVersion> => {
    const v = await versions.get(mapId, versionId);
    if (!v) throw versionNotFound();
    return v;
  };

  route(app, '/api/maps/:id/versions', {
    GET: async (c) => {
      const mapId = mapIdOf(c);
      await access.require(c, mapId, 'view');
      if (!(await repo.getJson(mapId))) throw mapNotFound();
      return c.json({ versions: (await versions.list(mapId)).map(metaJson) });
    },
    POST: async (c) => {
      const mapId = mapIdOf(c);
      await access.require(c, mapId, 'edit');
      const body = await readBody(c, saveVersionSchema);
      const stored = await repo.get(mapId);
      if (!stored) throw mapNotFound();
      const meta = await versions.insert({ mapId, kind: 'named', name: body.name, author: body.author, mapVersion: stored.version, map: stored.map });
      hub.publish(mapId, { type: 'versions' });
      return c.json({ version: metaJson(meta) }, 201);
    },
  });

  route(app, '/api/maps/:id/versions/:versionId', {
    GET: async (c) => {
      const mapId = mapIdOf(c);
      await access.require(c, mapId, 'view');
      const versionId = versionIdOf(c);
      if (!(await repo.getJson(mapId))) throw mapNotFound();
      const { map, ...meta } = await load(mapId, versionId);
      return c.json({ version: metaJson(meta), map });
    },
  });

  route(app, '/api/maps/:id/versions/:versionId/compare', {
    GET: async (c) => {
      const mapId = mapIdOf(c);
      await access.require(c, mapId, 'view');
      const versionId = versionIdOf(c);
      const current = await repo.get(mapId);
      if (!current) throw mapNotFound();
      const { map, ...meta } = await load(mapId, versionId);
      return c.json({ version: metaJson(meta), mapVersion: current.version, comparison: compareMaps(map, current.map) });
    },
  });

  route(app, '/api/maps/:id/versions/:versionId/restore', {
    POST: async (c) => {
      const mapId = mapIdOf(c);
      await access.require(c, mapId, 'edit');
      const versionId = versionIdOf(c);
      const body = await readBody(c, restoreSchema, { optional: true });
      const author = body.author;
      const current = await repo.get(mapId);
      if (!current) throw mapNotFound();
      const { map: old, ...meta } = await load(mapId, versionId);
      // Nothing is destroyed: the current state is kept first, so the restore can itself be undone.
      const kept = await versions.insert({ mapId, kind: 'restore', name: restoreName(meta), author, mapVersion: current.version, map: current.map });
      hub.publish(mapId, { type: 'versions' });
      const version = await ops.change(mapId, author, (now) => restoredDocument(old, now));
      return c.json({ version, kept: metaJson(kept), restored: metaJson(meta) });
    },
  });
}
