/** The journey-map API: list, create, read, save, rename, duplicate, delete, import. */
import type { Context, Hono } from 'hono';
import { cloneWithNewIds, createBlankMap } from '../../../src/domain/defaults';
import { ID_PATTERN, newId } from '../../../src/domain/ids';
import { parseJourneyMap } from '../../../src/domain/parse';
import { journeyMapSchema, type JourneyMap } from '../../../src/domain/schema';
import { createFromTemplate } from '../../../src/domain/templates';
import { mapResponseJson, type MapRepository, type StoredMapJson, type GuardedWrite } from '../../maps/map-repository';
import { copyTitle, defaultTitle } from '../../maps/titles';
import {
  createMapRequestSchema,
  duplicateMapRequestSchema,
  renameMapRequestSchema,
  saveMapRequestSchema,
} from '../api-schemas';
import { readBody, readJson } from '../body';
import { ApiError, mapNotFound } from '../errors';
import { baseVersionOf, conflict, etagFor, ifMatchVersion } from '../preconditions';
import { route } from '../router';
import type { AccessControl } from '../../access/require';
import type { LiveHub } from '../../live/hub';

/** Ids that cannot exist are simply not found (never a 400 or 500). */
function mapId(c: Context): string {
  const id = c.req.param('id');
  if (!id || !ID_PATTERN.test(id)) throw mapNotFound();
  return id;
}

/** `{ map, version, ...extra }` from the document's JSON text as stored (no parse / re-serialize). */
function sendMap(c: Context, id: string, stored: StoredMapJson, status: 200 | 201, extra: Record<string, unknown> = {}): Response {
  c.header('ETag', etagFor(stored.version));
  if (status === 201) c.header('Location', `/api/maps/${encodeURIComponent(id)}`);
  return c.body(mapResponseJson(stored, extra), status, { 'Content-Type': 'application/json' });
}

/** Unwrap a version-guarded write, turning a miss into 404 and a lost race into 409. */
function settled<T>(result: GuardedWrite<T>, yourVersion: number | undefined): T {
  if (result.ok) return result.value;
  if (result.reason === 'not-found') throw mapNotFound();
  throw conflict(yourVersion ?? 0, result.currentVersion);
}

/** Maps made by the server itself are checked too: a bad template is a bug, not a bad request. */
function checked(map: JourneyMap): JourneyMap {
  return journeyMapSchema.parse(map);
}

/** Migrate and validate a document from the client; 400 with field problems when it is not valid. */
function parseDocument(raw: unknown): { map: JourneyMap; migratedFrom: number } {
  const parsed = parseJourneyMap(raw);
  if (!parsed.ok) throw new ApiError(400, parsed.message, parsed.problems.length > 0 ? parsed.problems : undefined);
  return { map: parsed.map, migratedFrom: parsed.migratedFrom };
}

export function mapRoutes(app: Hono, repo: MapRepository, access: AccessControl, hub: LiveHub): void {
  route(app, '/api/maps', {
    GET: async (c) => {
      await access.require(c, null, 'owner');
      return c.json({ maps: await repo.list() });
    },
    POST: async (c) => {
      await access.require(c, null, 'owner');
      const body = await readBody(c, createMapRequestSchema);
      const now = new Date();
      const title = body.title || undefined; // blank means "use the default"
      let map = body.template
        ? createFromTemplate(body.template, body.locale, now)
        : createBlankMap({ title: title ?? defaultTitle(body.locale), locale: body.locale, now });
      if (title) map = { ...map, title };
      return sendMap(c, map.id, await repo.create(checked(map)), 201);
    },
  });

  // Before /api/maps/:id, so that "import" is never taken for an id.
  route(app, '/api/maps/import', {
    POST: async (c) => {
      await access.require(c, null, 'owner');
      const { map, migratedFrom } = parseDocument(await readJson(c));
      const now = new Date().toISOString();
      // Always a new map: a new map id (inner ids are kept), never overwriting an existing one.
      const title = map.title.trim() === '' ? defaultTitle(map.locale) : map.title;
      const id = newId();
      const stored = await repo.create({ ...map, id, title, createdAt: now, updatedAt: now });
      return sendMap(c, id, stored, 201, { migratedFrom });
    },
  });

  route(app, '/api/maps/:id', {
    GET: async (c) => {
      const id = mapId(c);
      await access.require(c, id, 'view');
      const stored = await repo.getJson(id);
      if (!stored) throw mapNotFound();
      // What the caller may do with it, so the client can offer only that.
      c.header('X-Map-Role', (await access.roleOn(c, id)) ?? 'view');
      return sendMap(c, id, stored, 200);
    },
    PUT: async (c) => {
      const id = mapId(c);
      await access.require(c, id, 'edit');
      const body = await readBody(c, saveMapRequestSchema);
      const baseVersion = baseVersionOf(c, body.baseVersion, { required: true }) ?? 0;
      const { map } = parseDocument(body.map);
      if (map.id !== id) {
        throw new ApiError(400, `The map's id ("${map.id}") does not match the map being saved ("${id}")`, [
          { path: 'map.id', message: `must be "${id}"` },
        ]);
      }
      const stored = settled(await repo.update({ ...map, updatedAt: new Date().toISOString() }, baseVersion), baseVersion);
      hub.publish(id, { type: 'reset', version: stored.version, reason: 'saved' });
      return sendMap(c, id, stored, 200);
    },
    PATCH: async (c) => {
      const id = mapId(c);
      await access.require(c, id, 'edit');
      const body = await readBody(c, renameMapRequestSchema);
      const baseVersion = ifMatchVersion(c);
      const stored = settled(await repo.rename(id, body.title, new Date().toISOString(), baseVersion), baseVersion);
      hub.publish(id, { type: 'reset', version: stored.version, reason: 'saved' });
      return sendMap(c, id, stored, 200);
    },
    DELETE: async (c) => {
      const id = mapId(c);
      await access.require(c, id, 'owner');
      const baseVersion = ifMatchVersion(c);
      settled(await repo.delete(id, baseVersion), baseVersion);
      hub.publish(id, { type: 'deleted' });
      return c.body(null, 204);
    },
  });

  route(app, '/api/maps/:id/duplicate', {
    POST: async (c) => {
      const id = mapId(c);
      await access.require(c, id, 'owner');
      const body = await readBody(c, duplicateMapRequestSchema, { optional: true });
      let copyId = '';
      const stored = await repo.duplicate(id, (source) => {
        const copy = checked(cloneWithNewIds(source, { title: body.title ?? copyTitle(source.title, source.locale) }));
        copyId = copy.id;
        return copy;
      });
      if (!stored) throw mapNotFound();
      return sendMap(c, copyId, stored, 201);
    },
  });
}
