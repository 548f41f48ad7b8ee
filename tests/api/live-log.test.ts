/**
 * Live operations are stored as their change set plus a version bump; the whole document is only
 * rewritten every few operations (deferred document writes). Every read path must see the map
 * at its latest version: after many operations, after a restart (nothing cached), and around the
 * other writes (rename, whole-document save, version restore). Resent operations stay recognised
 * across a restart.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffDocs } from '../../src/store/history';
import { startServer, type TestServer } from './helpers/server';
import { createMap, newOpId, retitle, save, type Doc } from './helpers/maps';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 120_000);
afterAll(async () => {
  await server?.dispose();
});

const opId = () => newOpId('log');

async function send(mapId: string, base: Doc, next: Doc, id = opId()) {
  const res = await server.api(`/api/maps/${mapId}/ops`, {
    method: 'POST',
    json: { opId: id, clientId: 'client-log-1', baseVersion: 1, author: 'Ana', changeset: diffDocs(base, next) },
  });
  expect(res.status, res.text).toBe(200);
  return res.body as { version: number; lost: string[]; duplicate: boolean };
}

/** Many operations, each on the result of the previous one: returns the expected document. */
async function edits(mapId: string, start: Doc, count: number, label: string): Promise<Doc> {
  let doc = start;
  for (let i = 0; i < count; i++) {
    const next = retitle(doc, i % doc.touchpoints.length, `${label} ${i}`);
    const r = await send(mapId, doc, next);
    expect(r.lost).toEqual([]);
    doc = next;
  }
  return doc;
}

const titles = (map: Doc) => map.touchpoints.map((t: Doc) => t.title);

describe('deferred document writes', () => {
  it('reads the latest version after many operations, after a restart, and keeps recognising resent operations', async () => {
    const { map } = await createMap(server, { template: 'airline', locale: 'en' });
    const expected = await edits(map.id, map, 75, 'edit');
    const read = await server.api(`/api/maps/${map.id}`);
    expect(read.body.version).toBe(76);
    expect(titles(read.body.map)).toEqual(titles(expected));

    // One more operation whose id is resent after the restart.
    const last = retitle(expected, 0, 'last before restart');
    const id = opId();
    expect((await send(map.id, expected, last, id)).version).toBe(77);

    server = await server.restart();
    const after = await server.api(`/api/maps/${map.id}`);
    expect(after.status, after.text).toBe(200);
    expect(after.body.version).toBe(77);
    expect(titles(after.body.map)).toEqual(titles(last));
    expect(await send(map.id, expected, last, id)).toMatchObject({ version: 77, duplicate: true });

    // Operations go on from there (the first one reads the map from the database).
    const more = await edits(map.id, last, 5, 'after');
    const final = await server.api(`/api/maps/${map.id}`);
    expect(final.body.version).toBe(82);
    expect(titles(final.body.map)).toEqual(titles(more));
  });

  it('renames, saves and restores on top of logged operations', async () => {
    const { map } = await createMap(server, { template: 'hotel', locale: 'en' });
    const edited = await edits(map.id, map, 10, 'card');
    const renamed = await server.api(`/api/maps/${map.id}`, { method: 'PATCH', json: { title: 'Renamed' }, headers: { 'If-Match': '"11"' } });
    expect(renamed.status, renamed.text).toBe(200);
    expect(renamed.body.version).toBe(12);
    expect(renamed.body.map.title).toBe('Renamed');
    expect(titles(renamed.body.map)).toEqual(titles(edited));

    const more = await edits(map.id, renamed.body.map, 3, 'then');
    const current = (await server.api(`/api/maps/${map.id}`)).body;
    expect(current.version).toBe(15);
    expect(current.map.title).toBe('Renamed');
    const saved = await save(server, { ...current.map, description: 'Saved whole' }, 15);
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.version).toBe(16);
    expect(titles(saved.body.map)).toEqual(titles(more));
    expect((await send(map.id, saved.body.map, retitle(saved.body.map, 1, 'after save'))).version).toBe(17);

    // A version kept now, then more operations, then the restore brings back exactly that content.
    const kept = await server.api(`/api/maps/${map.id}/versions`, { method: 'POST', json: { name: 'checkpoint' } });
    expect(kept.status, kept.text).toBe(201);
    const atKeep = (await server.api(`/api/maps/${map.id}`)).body.map;
    await edits(map.id, atKeep, 40, 'later');
    const restore = await server.api(`/api/maps/${map.id}/versions/${kept.body.version.id}/restore`, { method: 'POST', json: {} });
    expect(restore.status, restore.text).toBe(200);
    const restored = (await server.api(`/api/maps/${map.id}`)).body;
    expect(restored.version).toBe(restore.body.version);
    expect(titles(restored.map)).toEqual(titles(atKeep));
    expect(restored.map.description).toBe('Saved whole');
  });

  it('answers concurrent operations on many maps each after its own commit, none lost', async () => {
    const maps = await Promise.all(Array.from({ length: 6 }, () => createMap(server, { template: 'airline', locale: 'en' })));
    const expected = await Promise.all(maps.map(({ map }, i) => edits(map.id, map, 40, `m${i}`)));
    for (const [i, { map }] of maps.entries()) {
      const read = (await server.api(`/api/maps/${map.id}`)).body;
      expect(read.version).toBe(41);
      expect(titles(read.map)).toEqual(titles(expected[i]));
    }
    const list = (await server.api('/api/maps')).body.maps as Array<{ id: string; version: number }>;
    for (const { map } of maps) expect(list.find((m) => m.id === map.id)?.version).toBe(41);
  });
});

describe('validating only what an operation changed', () => {
  it('accepts and refuses exactly what the whole-document schema does', async () => {
    const { validateAgainst } = await import('../../server/live/validate-change');
    const { journeyMapSchema } = await import('../../src/domain/schema');
    const { createFromTemplate } = await import('../../src/domain/templates');
    const base = journeyMapSchema.parse(createFromTemplate('airline', 'en', new Date('2026-01-01T00:00:00Z')));
    const tp = (i: number, patch: Doc) => ({ ...base, touchpoints: base.touchpoints.map((t, j) => (j === i ? { ...t, ...patch } : t)) });
    const candidates: Doc[] = [
      tp(0, { title: 'New title' }),
      tp(1, { title: 'x'.repeat(10_000) }), // too long
      tp(2, { stageId: base.stages[1]?.id }), // moved to another stage
      tp(2, { stageId: 'nosuchstage000000000000' }), // unknown stage
      tp(3, { id: base.touchpoints[4]?.id }), // duplicate id
      tp(0, { emotions: { nosuchpersona00000000000: 1 } }), // unknown persona
      tp(0, { extra: true }), // unknown key
      { ...base, title: 'Renamed', updatedAt: '2026-02-01T00:00:00.000Z' },
      { ...base, updatedAt: 'not a date' },
      { ...base, touchpoints: base.touchpoints.slice(1) }, // shorter: whole check, MOTs on card 0 dangle or not
      { ...base, mots: base.mots.map((m, i) => (i === 0 ? { ...m, touchpointId: 'nosuchcard00000000000000' } : m)) },
      { ...base, comments: [{ id: 'c1', targetKind: 'stage', targetId: base.stages[0]?.id, parentId: 'nope', author: 'A', body: 'b', createdAt: base.createdAt, resolved: false }] },
      { ...base, extra: 1 },
    ];
    for (const candidate of candidates) {
      const fast = validateAgainst(base, candidate);
      const full = journeyMapSchema.safeParse(candidate);
      expect(fast.success, JSON.stringify(candidate).slice(0, 200)).toBe(full.success);
      if (fast.success && full.success) expect(fast.data).toEqual(full.data);
      if (!fast.success && !full.success) expect(fast.error.issues).toEqual(full.error.issues);
    }
    // Unchanged parts keep their objects.
    const one = validateAgainst(base, candidates[0]);
    expect(one.success && one.data.stages).toBe(base.stages);
    expect(one.success && one.data.touchpoints[1]).toBe(base.touchpoints[1]);
  });
});
