/**
 * Version history against the real server: the baseline and automatic snapshots (a short
 * interval through VERSION_SNAPSHOT_INTERVAL_MS), named versions, list / get / compare, restore
 * (a kept snapshot, a new map version, an `op` on the events stream), roles, validation, unknown
 * ids; and thinning of automatic snapshots on a real database.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffDocs } from '../../src/store/history';
import { createBlankMap } from '../../src/domain/defaults';
import { openDatabase } from '../../server/db/database';
import { runMigrations } from '../../server/db/migrations';
import { LocalHub } from '../../server/live/hub';
import { MapRepository } from '../../server/maps/map-repository';
import { SnapshotPolicy } from '../../server/versions/snapshot-policy';
import { VersionRepository } from '../../server/versions/version-repository';
import { DAY_MS, HOUR_MS } from '../../server/versions/thinning';
import { startServer, type TestServer } from './helpers/server';
import { createMap, save, snapshot, type Doc } from './helpers/maps';
import { openEvents } from './helpers/events';

// Long enough for a loaded machine to make two operations within it.
const INTERVAL_MS = 4000;
let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { VERSION_SNAPSHOT_INTERVAL_MS: String(INTERVAL_MS) } });
}, 120_000);
afterAll(async () => {
  await server?.dispose();
});

let seq = 0;
const opId = () => `op-ver-${Date.now().toString(36)}-${seq++}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function current(mapId: string): Promise<{ map: Doc; version: number }> {
  const res = await server.api(`/api/maps/${mapId}`);
  expect(res.status, res.text).toBe(200);
  return res.body as { map: Doc; version: number };
}

/** One live operation from the current document to `edit(current)`. */
async function op(mapId: string, edit: (m: Doc) => Doc, author = 'Ana') {
  const { map, version } = await current(mapId);
  const res = await server.api(`/api/maps/${mapId}/ops`, {
    method: 'POST',
    json: { opId: opId(), clientId: 'client-ver-1', baseVersion: version, author, changeset: diffDocs(map, edit(map)) },
  });
  expect(res.status, res.text).toBe(200);
  return res.body as { version: number };
}

const renameStage = (i: number, name: string) => (m: Doc) => ({ ...m, stages: m.stages.map((s: Doc, j: number) => (j === i ? { ...s, name } : s)) });

async function list(mapId: string, as?: { token: string }) {
  const res = await server.api(`/api/maps/${mapId}/versions`, as ? { as } : {});
  expect(res.status, res.text).toBe(200);
  return res.body.versions as Doc[];
}

async function link(mapId: string, role: 'view' | 'comment' | 'edit') {
  const res = await server.api(`/api/maps/${mapId}/links`, { method: 'POST', json: { role } });
  expect(res.status, res.text).toBe(201);
  return { token: res.body.link.token as string };
}

describe('automatic snapshots', () => {
  it('keeps the pre-edit document before the first operation, then one snapshot per interval of changes', async () => {
    const { map } = await createMap(server, { template: 'airline', locale: 'en' });
    expect(await list(map.id)).toEqual([]);
    await op(map.id, renameStage(0, 'First edit'));
    let versions = await list(map.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ kind: 'auto', mapVersion: 1, name: '' });
    // The baseline holds the document as it was before the edit.
    const baseline = await server.api(`/api/maps/${map.id}/versions/${versions[0].id}`);
    expect(baseline.body.map.stages[0].name).toBe(map.stages[0].name);

    // Within the interval: no new snapshot.
    await op(map.id, renameStage(0, 'Second edit'));
    expect(await list(map.id)).toHaveLength(1);

    // After the interval, the next change is kept (as it is after the write), by its author.
    await sleep(INTERVAL_MS + 100);
    const third = await op(map.id, renameStage(0, 'Third edit'), 'Bo');
    versions = await list(map.id);
    expect(versions).toHaveLength(2);
    expect(versions[0]).toMatchObject({ kind: 'auto', mapVersion: third.version, author: 'Bo' });
    const kept = await server.api(`/api/maps/${map.id}/versions/${versions[0].id}`);
    expect(kept.body.map.stages[0].name).toBe('Third edit');
  });

  it('keeps the document a whole-document save replaces', async () => {
    const { map, version } = await createMap(server, { template: 'hotel', locale: 'zh-CN' });
    const saved = await save(server, renameStage(1, '改过的阶段')(map), version);
    expect(saved.status, saved.text).toBe(200);
    const versions = await list(map.id);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ kind: 'auto', mapVersion: 1 });
    const got = await server.api(`/api/maps/${map.id}/versions/${versions[0].id}`);
    expect(got.body.map.stages[1].name).toBe(map.stages[1].name);
    // A refused save (stale version) still leaves the map as it was, and keeps nothing new.
    const stale = await save(server, map, version);
    expect(stale.status).toBe(409);
    expect(await list(map.id)).toHaveLength(1);
  });
});

describe('named versions, view, compare and restore', () => {
  it('saves a named version with a size summary, lists it without documents and returns it', async () => {
    const { map } = await createMap(server, { template: 'airline', locale: 'en' });
    const res = await server.api(`/api/maps/${map.id}/versions`, { method: 'POST', json: { name: '  Before the workshop ', author: 'Ana' } });
    expect(res.status, res.text).toBe(201);
    expect(res.body.version).toMatchObject({
      kind: 'named',
      name: 'Before the workshop',
      author: 'Ana',
      mapVersion: 1,
      title: map.title,
      summary: { stages: map.stages.length, cards: map.touchpoints.length, mots: map.mots.length, personas: map.personas.length, comments: 0 },
    });
    expect(typeof res.body.version.createdAt).toBe('string');
    const versions = await list(map.id);
    expect(versions.map((v) => v.id)).toEqual([res.body.version.id]);
    expect(versions[0].map).toBeUndefined();
    const got = await server.api(`/api/maps/${map.id}/versions/${res.body.version.id}`);
    expect(got.status).toBe(200);
    expect(got.body.map).toEqual(map);
  });

  it('compares a version with now and restores it as a live operation, keeping the current state first', async () => {
    const { map } = await createMap(server, { template: 'airline', locale: 'en' });
    const named = (await server.api(`/api/maps/${map.id}/versions`, { method: 'POST', json: { name: 'Workshop start' } })).body.version;
    const card = map.touchpoints[0];
    const otherStage = map.stages[2].id;
    await op(map.id, (m) => ({
      ...renameStage(0, 'Renamed stage')(m),
      touchpoints: m.touchpoints.map((t: Doc) => (t.id === card.id ? { ...t, stageId: otherStage } : t)),
    }));
    const compare = await server.api(`/api/maps/${map.id}/versions/${named.id}/compare`);
    expect(compare.status, compare.text).toBe(200);
    expect(compare.body.comparison.stages.renamed).toEqual([{ id: map.stages[0].id, from: map.stages[0].name, to: 'Renamed stage' }]);
    expect(compare.body.comparison.cards.moved).toEqual([
      expect.objectContaining({ id: card.id, fromStage: map.stages.find((s: Doc) => s.id === card.stageId).name, toStage: map.stages[2].name }),
    ]);
    expect(compare.body.comparison.total).toBe(2);

    const before = await current(map.id);
    const events = await openEvents(server, map.id);
    try {
      await events.waitFor((f) => f.event === 'hello');
      const restored = await server.api(`/api/maps/${map.id}/versions/${named.id}/restore`, { method: 'POST', json: { author: 'Ana' } });
      expect(restored.status, restored.text).toBe(200);
      expect(restored.body.version).toBe(before.version + 1);
      expect(restored.body.kept).toMatchObject({ kind: 'restore', name: 'Before restoring “Workshop start”', author: 'Ana', mapVersion: before.version });
      const opFrame = await events.waitFor((f) => f.event === 'op');
      expect(opFrame.data).toMatchObject({ version: before.version + 1, author: 'Ana', opId: null });
      await events.waitFor((f) => f.event === 'versions');
    } finally {
      events.close();
    }
    const after = await current(map.id);
    expect(after.version).toBe(before.version + 1);
    expect({ ...after.map, updatedAt: '' }).toEqual({ ...map, updatedAt: '' });
    // The state before the restore is kept, and restoring it undoes the restore.
    const versions = await list(map.id);
    expect(versions[0]).toMatchObject({ kind: 'restore' });
    const kept = await server.api(`/api/maps/${map.id}/versions/${versions[0].id}`);
    expect(kept.body.map.stages[0].name).toBe('Renamed stage');
    const undo = await server.api(`/api/maps/${map.id}/versions/${versions[0].id}/restore`, { method: 'POST' });
    expect(undo.status, undo.text).toBe(200);
    expect(undo.body.kept.name).toBe(`Before restoring the version of ${versions[0].createdAt}`);
    expect((await current(map.id)).map.stages[0].name).toBe('Renamed stage');
    // Nothing was deleted along the way.
    const all = await list(map.id);
    expect(all.filter((v) => v.kind === 'named')).toHaveLength(1);
    expect(all.filter((v) => v.kind === 'restore')).toHaveLength(2);
  });
});

describe('restore keeps the discussion', () => {
  it('keeps comments written after the version when what they are about still exists', async () => {
    const { map } = await createMap(server, { template: 'hotel', locale: 'en' });
    const named = (await server.api(`/api/maps/${map.id}/versions`, { method: 'POST', json: { name: 'Before' } })).body.version;
    const card = map.touchpoints[0];
    const added = await server.api(`/api/maps/${map.id}/comments`, {
      method: 'POST',
      json: { targetKind: 'touchpoint', targetId: card.id, body: 'Keep me after the restore', author: 'Bo' },
    });
    expect(added.status, added.text).toBe(201);
    const res = await server.api(`/api/maps/${map.id}/versions/${named.id}/restore`, { method: 'POST', json: { author: 'Ana' } });
    expect(res.status, res.text).toBe(200);
    const after = (await current(map.id)).map;
    expect(after.comments.map((c: Doc) => c.body)).toContain('Keep me after the restore');
  });
});

describe('roles, validation and unknown ids', () => {
  it('lets view and comment links list, view and compare, but not save or restore', async () => {
    const { map } = await createMap(server, { template: 'airline', locale: 'en' });
    const named = (await server.api(`/api/maps/${map.id}/versions`, { method: 'POST', json: { name: 'Owner’s' } })).body.version;
    const before = await snapshot(server, map.id);
    for (const role of ['view', 'comment'] as const) {
      const as = await link(map.id, role);
      expect((await list(map.id, as)).map((v) => v.id)).toEqual([named.id]);
      expect((await server.api(`/api/maps/${map.id}/versions/${named.id}`, { as })).status).toBe(200);
      expect((await server.api(`/api/maps/${map.id}/versions/${named.id}/compare`, { as })).status).toBe(200);
      const saveRes = await server.api(`/api/maps/${map.id}/versions`, { method: 'POST', json: { name: 'Mine' }, as });
      expect(saveRes.status).toBe(403);
      expect(saveRes.body.error).toMatch(/cannot edit/);
      const restoreRes = await server.api(`/api/maps/${map.id}/versions/${named.id}/restore`, { method: 'POST', as });
      expect(restoreRes.status).toBe(403);
    }
    expect(await snapshot(server, map.id)).toBe(before);
    expect(await list(map.id)).toHaveLength(1);
    const edit = await link(map.id, 'edit');
    expect((await server.api(`/api/maps/${map.id}/versions`, { method: 'POST', json: { name: 'Editor’s' }, as: edit })).status).toBe(201);
    // A link for another map does not see this one's history at all.
    const other = await createMap(server, { locale: 'en' });
    const foreign = await link(other.map.id, 'edit');
    expect((await server.api(`/api/maps/${map.id}/versions`, { as: foreign })).status).toBe(404);
    expect((await server.api(`/api/maps/${map.id}/versions`, { as: 'anonymous' })).status).toBe(401);
  });

  it('answers clear 400s for bad bodies and 404s for unknown maps and versions', async () => {
    const { map } = await createMap(server, { locale: 'en' });
    const empty = await server.api(`/api/maps/${map.id}/versions`, { method: 'POST', json: { name: '   ' } });
    expect(empty.status).toBe(400);
    expect(empty.body.details).toEqual([expect.objectContaining({ path: 'name' })]);
    const long = await server.api(`/api/maps/${map.id}/versions`, { method: 'POST', json: { name: 'x'.repeat(121) } });
    expect(long.status).toBe(400);
    const extra = await server.api(`/api/maps/${map.id}/versions`, { method: 'POST', json: { name: 'ok', doc: {} } });
    expect(extra.status).toBe(400);
    const missing = await server.api(`/api/maps/${map.id}/versions`, { method: 'POST' });
    expect(missing.status).toBe(415); // no JSON body at all
    const notJson = await server.api(`/api/maps/${map.id}/versions`, { method: 'POST', body: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(notJson.status).toBe(400);
    const badRestore = await server.api(`/api/maps/${map.id}/versions/nope/restore`, { method: 'POST', json: { author: 5 } });
    expect(badRestore.status).toBe(400);
    expect(await list(map.id)).toEqual([]);

    const unknownMap = 'AAAAAAAAAAAAAAAAAAAAA';
    expect((await server.api(`/api/maps/${unknownMap}/versions`)).status).toBe(404);
    expect((await server.api(`/api/maps/${unknownMap}/versions`, { method: 'POST', json: { name: 'x' } })).status).toBe(404);
    for (const path of ['nosuchversion', 'nosuchversion/compare']) {
      const res = await server.api(`/api/maps/${map.id}/versions/${path}`);
      expect(res.status).toBe(404);
      expect(res.body.error).toBe('Version not found');
    }
    expect((await server.api(`/api/maps/${map.id}/versions/nosuchversion/restore`, { method: 'POST' })).status).toBe(404);
    expect((await server.api(`/api/maps/${map.id}/versions/bad%20id`)).status).toBe(404);
    // A version id of another map is unknown on this one.
    const other = await createMap(server, { locale: 'en' });
    const v = (await server.api(`/api/maps/${other.map.id}/versions`, { method: 'POST', json: { name: 'Other' } })).body.version;
    expect((await server.api(`/api/maps/${map.id}/versions/${v.id}`)).status).toBe(404);
    expect((await server.api(`/api/maps/${map.id}/versions/${v.id}`, { method: 'DELETE' })).status).toBe(405);
  });
});

describe('thinning (real database)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'mot-versions-thin-'));
  // The empty cluster the server helper made (initdb in WASM is slow): copied, like it does.
  const pgliteVersion = (JSON.parse(readFileSync('node_modules/@electric-sql/pglite/package.json', 'utf8')) as { version: string }).version;
  const template = join(tmpdir(), `mot-api-pglite-template-${pgliteVersion}`);
  if (existsSync(join(template, 'PG_VERSION'))) cpSync(template, dataDir, { recursive: true });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps everything from the last day, one per hour after a day and one per day after a week, and every named or restore version', async () => {
    const db = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, dataDir });
    try {
      await runMigrations(db);
      const maps = new MapRepository(db);
      const versions = new VersionRepository(db);
      const now = new Date('2026-11-23T12:30:00.000Z');
      const map = createBlankMap({ title: 'Thinning', locale: 'en', now });
      await maps.create(map);
      const at = (msAgo: number) => new Date(now.getTime() - msAgo);
      const insert = (kind: 'auto' | 'named' | 'restore', msAgo: number) =>
        versions.insert({ mapId: map.id, kind, name: kind === 'auto' ? '' : `${kind} ${msAgo}`, mapVersion: 1, map, createdAt: at(msAgo) });
      // Recent: 3 in the last hour (all kept).
      for (const m of [1, 10, 20]) await insert('auto', m * 60_000);
      // Two days ago: 4 within one clock hour (12:00–12:59 UTC) → 1 kept; plus one named among them.
      for (const m of [1, 15, 25, 29]) await insert('auto', 2 * DAY_MS + m * 60_000);
      await insert('named', 2 * DAY_MS + 5 * 60_000);
      // Ten days ago: 3 on one day in different hours → 1 kept; plus a restore version.
      for (const h of [0, 2, 5]) await insert('auto', 10 * DAY_MS + h * HOUR_MS);
      await insert('restore', 10 * DAY_MS + HOUR_MS);

      const policy = new SnapshotPolicy(versions, new LocalHub(), 600_000, () => now);
      expect(await policy.thin(map.id, now)).toBe(3 + 2);
      const left = await versions.list(map.id);
      expect(left.filter((v) => v.kind === 'auto')).toHaveLength(3 + 1 + 1);
      expect(left.filter((v) => v.kind === 'named')).toHaveLength(1);
      expect(left.filter((v) => v.kind === 'restore')).toHaveLength(1);
      // The newest of each bucket is the one kept.
      const autos = left.filter((v) => v.kind === 'auto').map((v) => v.createdAt);
      expect(autos).toContain(at(2 * DAY_MS + 60_000).toISOString());
      expect(autos).toContain(at(10 * DAY_MS).toISOString());
      // Thinning again changes nothing.
      expect(await policy.thin(map.id, now)).toBe(0);
    } finally {
      await db.close();
    }
  }, 120_000);
});
