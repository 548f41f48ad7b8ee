/** Importing documents of any supported schema version: always a new map, never an overwrite. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyMapSchema } from '../../src/domain/schema';
import { startServer, type TestServer } from './helpers/server';
import { createMap, innerIds, snapshot, type Doc } from './helpers/maps';

const v0 = JSON.parse(readFileSync(new URL('../fixtures/v0-airline.json', import.meta.url), 'utf8')) as Doc;

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.dispose();
});

const importDoc = (doc: unknown) => server.api('/api/maps/import', { method: 'POST', json: doc });

describe('import', () => {
  it('imports a v0 prototype document, migrating it', async () => {
    const res = await importDoc(v0);
    expect(res.status, res.text).toBe(201);
    expect(res.body.migratedFrom).toBe(0);
    expect(res.body.version).toBe(1);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe(`/api/maps/${res.body.map.id}`);
    const map = journeyMapSchema.parse(res.body.map);
    expect(map.schemaVersion).toBe(1);
    expect(map.title).toBe(v0.name);
    expect(map.locale).toBe('zh-CN');
    expect(map.personas).toHaveLength(1);
    expect(map.personas[0]).toMatchObject({ name: v0.persona.name, color: v0.persona.color });
    // Phases become stages and steps become touchpoints, keeping their ids.
    expect(map.stages.map((s) => s.id)).toEqual(v0.phases.map((p: Doc) => p.id));
    expect(map.stages.map((s) => s.name)).toEqual(v0.phases.map((p: Doc) => p.title));
    const steps = v0.phases.flatMap((p: Doc) => p.steps);
    expect(map.touchpoints.map((t) => t.id)).toEqual(steps.map((s: Doc) => s.id));
    expect(map.touchpoints.map((t) => t.description)).toEqual(steps.map((s: Doc) => s.note));
    // Feelings 1..5 land on −3..+3; a step without a feeling has no emotion.
    const personaId = map.personas[0]!.id;
    const byId = new Map(map.touchpoints.map((t) => [t.id, t]));
    expect(byId.get('st-pay-fail')!.emotions[personaId]?.value).toBe(-3);
    expect(byId.get('st-compare')!.emotions[personaId]?.value).toBe(0);
    expect(byId.get('st-online-checkin')!.emotions[personaId]?.value).toBe(3);
    expect(byId.get('st-boarding')!.emotions).toEqual({});
    // Free lane words become typed lanes.
    const laneType = (tpId: string) => map.lanes.find((l) => l.id === byId.get(tpId)!.laneId)?.type;
    expect(laneType('st-fasttrack-idea')).toBe('opportunity');
    expect(laneType('st-bags')).toBe('pain');
    expect(laneType('st-app-book')).toBe('touchpoint');

    const read = await server.api(`/api/maps/${map.id}`);
    expect(read.body.map).toEqual(res.body.map);
    const list = await server.api('/api/maps');
    expect(list.body.maps.find((m: Doc) => m.id === map.id)).toMatchObject({
      title: v0.name,
      locale: 'zh-CN',
      stageCount: 4,
      touchpointCount: steps.length,
      motCount: 0,
    });
  });

  it('imports a current document as a new map, keeping inner ids, never overwriting', async () => {
    const { map } = await createMap(server, { locale: 'en', template: 'hotel' });
    const before = await snapshot(server, map.id);
    const exported = (await server.api(`/api/maps/${map.id}`)).body.map;
    const first = await importDoc(exported);
    const second = await importDoc(exported);
    expect(first.status, first.text).toBe(201);
    expect(second.status).toBe(201);
    expect(first.body.migratedFrom).toBe(1);
    const ids = [map.id, first.body.map.id, second.body.map.id];
    expect(new Set(ids).size).toBe(3);
    expect(innerIds(first.body.map)).toEqual(innerIds(map));
    expect(first.body.map.touchpoints).toEqual(map.touchpoints);
    expect(await snapshot(server, map.id)).toBe(before);
  });

  it('gives an untitled document the default title of its language', async () => {
    const res = await importDoc({ name: '  ', lang: 'zh', phases: [{ id: 'p1', title: '阶段', steps: [] }] });
    expect(res.status, res.text).toBe(201);
    expect(res.body.map.title).toBe('未命名旅程');
  });

  it('refuses a document from a newer app with the clear message', async () => {
    const { map } = await createMap(server, { locale: 'en' });
    const count = (await server.api('/api/maps')).body.maps.length;
    const res = await importDoc({ ...map, schemaVersion: 2, somethingNew: [] });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe(
      'This map was saved by a newer version of MOT Canvas (schema version 2); this app reads up to version 1. Update MOT Canvas to open it.',
    );
    expect((await server.api('/api/maps')).body.maps.length).toBe(count);
  });

  it('refuses invalid documents with field paths and stores nothing', async () => {
    const count = (await server.api('/api/maps')).body.maps.length;
    const { map } = await createMap(server, { locale: 'en' });
    const broken = { ...map, personas: [], stages: [{ id: 'has space', name: 'x' }] };
    const res = await importDoc(broken);
    expect(res.status).toBe(400);
    const paths = res.body.details.map((d: Doc) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['personas', 'stages.0.id']));
    for (const doc of [null, [], 'text', 42, { schemaVersion: 'one' }]) {
      const r = await importDoc(doc);
      expect(r.status, JSON.stringify(doc)).toBe(400);
      expect(typeof r.body.error).toBe('string');
    }
    expect((await server.api('/api/maps')).body.maps.length).toBe(count + 1);
  });
});
