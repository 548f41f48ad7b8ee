/** Create, list, read, save, rename, duplicate and delete maps through the real server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journeyMapSchema } from '../../src/domain/schema';
import { DATABASE_SCHEMA_VERSION } from '../../server/db/migrations';
import { startServer, type TestServer } from './helpers/server';
import { createMap, innerIds, save, type Doc } from './helpers/maps';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.dispose();
});

describe('health', () => {
  it('reports the database and schema versions', async () => {
    const res = await server.api('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      ok: true,
      database: process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite',
      schemaVersion: 1,
      databaseSchemaVersion: DATABASE_SCHEMA_VERSION,
    });
  });
});

describe('create', () => {
  it.each([
    ['en', 'Untitled journey'],
    ['zh-CN', '未命名旅程'],
  ] as const)('creates a blank %s map with the default title', async (locale, title) => {
    const res = await server.api('/api/maps', { method: 'POST', json: { locale } });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('location')).toBe(`/api/maps/${res.body.map.id}`);
    expect(res.body.version).toBe(1);
    const map = journeyMapSchema.parse(res.body.map);
    expect(map.title).toBe(title);
    expect(map.locale).toBe(locale);
    expect(map.touchpoints).toEqual([]);
    expect(map.stages.length).toBeGreaterThan(0);
    expect(map.id).toMatch(/^[A-Za-z0-9_-]{21}$/);
  });

  it('uses a given title, trimmed', async () => {
    const { map } = await createMap(server, { locale: 'en', title: '  Checkout journey  ' });
    expect(map.title).toBe('Checkout journey');
  });

  it.each([
    ['airline', 'en'],
    ['airline', 'zh-CN'],
    ['hotel', 'en'],
    ['hotel', 'zh-CN'],
  ] as const)('creates a map from the %s template in %s', async (template, locale) => {
    const { map, version } = await createMap(server, { locale, template });
    expect(version).toBe(1);
    const parsed = journeyMapSchema.parse(map);
    expect(parsed.locale).toBe(locale);
    expect(parsed.title.length).toBeGreaterThan(0);
    expect(parsed.touchpoints.length).toBeGreaterThan(0);
    expect(parsed.mots.length).toBeGreaterThan(0);
    if (locale === 'zh-CN') expect(parsed.title).toMatch(/[\u4e00-\u9fff]/);
    // Stored as answered.
    const again = await server.api(`/api/maps/${map.id}`);
    expect(again.body.map).toEqual(map);
  });

  it('keeps a given title over the template title', async () => {
    const { map } = await createMap(server, { locale: 'en', template: 'hotel', title: 'Our hotel' });
    expect(map.title).toBe('Our hotel');
    expect(map.touchpoints.length).toBeGreaterThan(0);
  });

  it('rejects unknown templates, locales and keys with field paths', async () => {
    const res = await server.api('/api/maps', { method: 'POST', json: { locale: 'fr', template: 'bank', extra: 1 } });
    expect(res.status).toBe(400);
    const paths = (res.body.details as Array<{ path: string }>).map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['locale', 'template']));
    expect(res.body.details.some((d: { message: string }) => /extra/.test(d.message))).toBe(true);
  });
});

describe('list and read', () => {
  it('lists summaries with counts, most recently updated first, without documents', async () => {
    const a = await createMap(server, { locale: 'en', template: 'airline', title: 'List A' });
    const b = await createMap(server, { locale: 'zh-CN', title: 'List B' });
    let res = await server.api('/api/maps');
    expect(res.status).toBe(200);
    const first = res.body.maps[0];
    expect(first.id).toBe(b.map.id);
    const summaryA = res.body.maps.find((m: Doc) => m.id === a.map.id);
    expect(summaryA).toEqual({
      id: a.map.id,
      title: 'List A',
      locale: 'en',
      version: 1,
      createdAt: a.map.createdAt,
      updatedAt: a.map.updatedAt,
      stageCount: a.map.stages.length,
      touchpointCount: a.map.touchpoints.length,
      motCount: a.map.mots.length,
    });
    expect(res.text).not.toContain('"touchpoints"');

    // Saving A moves it to the top.
    const saved = await save(server, { ...a.map, touchpoints: a.map.touchpoints.slice(1), mots: [] }, 1);
    expect(saved.status, saved.text).toBe(200);
    res = await server.api('/api/maps');
    expect(res.body.maps[0]).toMatchObject({
      id: a.map.id,
      version: 2,
      touchpointCount: a.map.touchpoints.length - 1,
      motCount: 0,
    });
  });

  it('reads a map with its version as ETag', async () => {
    const { map } = await createMap(server, { locale: 'en' });
    const res = await server.api(`/api/maps/${map.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({ map, version: 1 });
  });

  it.each([
    ['an unknown id', 'AAAAAAAAAAAAAAAAAAAAA'],
    ['an id with a space', 'has%20space'],
    ['a too long id', 'x'.repeat(65)],
    ['a path escape', '..%2F..%2Fetc%2Fpasswd'],
    ['non-ASCII', '%E2%9C%93'],
    ['a null byte', 'a%00b'],
  ])('answers 404 JSON for %s', async (_label, id) => {
    for (const method of ['GET', 'PUT', 'PATCH', 'DELETE'] as const) {
      const res = await server.api(`/api/maps/${id}`, {
        method,
        ...(method === 'PUT' ? { json: { map: { id: 'x' } }, headers: { 'If-Match': '"1"' } } : {}),
        ...(method === 'PATCH' ? { json: { title: 'x' } } : {}),
      });
      if (method === 'PUT' && id === 'AAAAAAAAAAAAAAAAAAAAA') {
        // A well-formed id: the body is checked first and this one is not a map.
        expect(res.status).toBe(400);
        continue;
      }
      expect(res.status, `${method} ${id}: ${res.text}`).toBe(404);
      expect(res.body).toEqual({ error: 'Map not found' });
    }
  });
});

describe('save', () => {
  it('saves a changed document, bumps the version, sets updatedAt and keeps createdAt', async () => {
    const { map } = await createMap(server, { locale: 'en', template: 'airline' });
    const edited: Doc = structuredClone(map);
    edited.title = 'Edited';
    edited.touchpoints[0].title = 'A new first card';
    edited.createdAt = '2001-01-01T00:00:00.000Z'; // the server keeps its own
    const before = Date.now();
    const res = await save(server, edited, 1);
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body.version).toBe(2);
    expect(res.body.map.title).toBe('Edited');
    expect(res.body.map.createdAt).toBe(map.createdAt);
    expect(Date.parse(res.body.map.updatedAt)).toBeGreaterThanOrEqual(before - 1000);
    const read = await server.api(`/api/maps/${map.id}`);
    expect(read.body.version).toBe(2);
    expect(read.body.map.touchpoints[0].title).toBe('A new first card');
    expect(read.body.map.createdAt).toBe(map.createdAt);
    expect(read.body.map).toEqual(res.body.map);
  });

  it('lets exactly one of several simultaneous saves from the same version win', async () => {
    const { map } = await createMap(server, { locale: 'en' });
    const results = await Promise.all(
      ['A', 'B', 'C', 'D'].map((title) => save(server, { ...map, title }, 1)),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409, 409, 409]);
    const winner = results.find((r) => r.status === 200)!;
    const read = await server.api(`/api/maps/${map.id}`);
    expect(read.body.version).toBe(2);
    expect(read.body.map.title).toBe(winner.body.map.title);
  });

  it('accepts baseVersion in the body instead of If-Match', async () => {
    const { map } = await createMap(server, { locale: 'en' });
    const res = await server.api(`/api/maps/${map.id}`, { method: 'PUT', json: { map, baseVersion: 1 } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.version).toBe(2);
  });

  it('fills defaults of a minimal valid document', async () => {
    const { map } = await createMap(server, { locale: 'en' });
    const minimal = { ...map };
    delete minimal.mots;
    delete minimal.comments;
    delete minimal.settings;
    const res = await save(server, minimal, 1);
    expect(res.status, res.text).toBe(200);
    expect(res.body.map.mots).toEqual([]);
    expect(res.body.map.settings.groupWeights).toBeDefined();
  });
});

describe('rename', () => {
  it('renames (trimmed), bumps the version and shows in the list', async () => {
    const { map } = await createMap(server, { locale: 'en' });
    const res = await server.api(`/api/maps/${map.id}`, { method: 'PATCH', json: { title: '  Renamed  ' } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.version).toBe(2);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(res.body.map.title).toBe('Renamed');
    expect(res.body.map.stages).toEqual(map.stages);
    const list = await server.api('/api/maps');
    expect(list.body.maps.find((m: Doc) => m.id === map.id)).toMatchObject({ title: 'Renamed', version: 2 });
    expect((await server.api(`/api/maps/${map.id}`)).body.map.title).toBe('Renamed');
  });

  it.each([
    ['empty', ''],
    ['blank', '   '],
    ['too long', 'x'.repeat(301)],
    ['not a string', 42],
  ])('rejects a %s title with 400 on the field', async (_label, title) => {
    const { map } = await createMap(server, { locale: 'en' });
    const res = await server.api(`/api/maps/${map.id}`, { method: 'PATCH', json: { title } });
    expect(res.status).toBe(400);
    expect(res.body.details[0].path).toBe('title');
    expect((await server.api(`/api/maps/${map.id}`)).body.version).toBe(1);
  });

  it('honours an optional If-Match', async () => {
    const { map } = await createMap(server, { locale: 'en' });
    const stale = await server.api(`/api/maps/${map.id}`, { method: 'PATCH', json: { title: 'x' }, headers: { 'If-Match': '"7"' } });
    expect(stale.status).toBe(409);
    expect(stale.body.details).toEqual({ currentVersion: 1, yourVersion: 7 });
    const ok = await server.api(`/api/maps/${map.id}`, { method: 'PATCH', json: { title: 'y' }, headers: { 'If-Match': '"1"' } });
    expect(ok.status).toBe(200);
  });
});

describe('duplicate', () => {
  it('copies with new ids, the same content and a "(copy)" title', async () => {
    const { map } = await createMap(server, { locale: 'en', template: 'airline', title: 'Original' });
    const res = await server.api(`/api/maps/${map.id}/duplicate`, { method: 'POST', json: {} });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/maps/${res.body.map.id}`);
    const copy = res.body.map;
    expect(res.body.version).toBe(1);
    expect(copy.id).not.toBe(map.id);
    expect(copy.title).toBe('Original (copy)');
    const sourceIds = new Set(innerIds(map));
    expect(innerIds(copy).filter((id) => sourceIds.has(id))).toEqual([]);
    // Emotions are keyed by persona id: compare them persona by persona (key order is not meaningful).
    const strip = (m: Doc) =>
      m.touchpoints.map((t: Doc) => [t.title, t.description, t.channel, t.order, m.personas.map((p: Doc) => t.emotions[p.id])]);
    expect(strip(copy)).toEqual(strip(map));
    expect(copy.stages.map((s: Doc) => s.name)).toEqual(map.stages.map((s: Doc) => s.name));
    expect(copy.mots.map((m: Doc) => m.situation)).toEqual(map.mots.map((m: Doc) => m.situation));
    journeyMapSchema.parse(copy);
    // The original is untouched.
    expect((await server.api(`/api/maps/${map.id}`)).body).toEqual({ map, version: 1 });
  });

  it('uses the Chinese suffix for Chinese maps, works without a body and accepts a title', async () => {
    const { map } = await createMap(server, { locale: 'zh-CN', title: '酒店旅程' });
    const noBody = await server.api(`/api/maps/${map.id}/duplicate`, { method: 'POST' });
    expect(noBody.status, noBody.text).toBe(201);
    expect(noBody.body.map.title).toBe('酒店旅程（副本）');
    const named = await server.api(`/api/maps/${map.id}/duplicate`, { method: 'POST', json: { title: 'Named copy' } });
    expect(named.body.map.title).toBe('Named copy');
  });

  it('keeps a copy of a 300-character title within the limit', async () => {
    const { map } = await createMap(server, { locale: 'en', title: 'x'.repeat(300) });
    const res = await server.api(`/api/maps/${map.id}/duplicate`, { method: 'POST', json: {} });
    expect(res.status, res.text).toBe(201);
    expect(res.body.map.title).toHaveLength(300);
    expect(res.body.map.title.endsWith(' (copy)')).toBe(true);
  });

  it('answers 404 for an unknown map', async () => {
    const res = await server.api('/api/maps/AAAAAAAAAAAAAAAAAAAAA/duplicate', { method: 'POST', json: {} });
    expect(res.status).toBe(404);
  });
});

describe('delete', () => {
  it('deletes, then the map is gone everywhere', async () => {
    const { map } = await createMap(server, { locale: 'en' });
    const res = await server.api(`/api/maps/${map.id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await server.api(`/api/maps/${map.id}`)).status).toBe(404);
    expect((await server.api(`/api/maps/${map.id}`, { method: 'DELETE' })).status).toBe(404);
    const list = await server.api('/api/maps');
    expect(list.body.maps.some((m: Doc) => m.id === map.id)).toBe(false);
  });

  it('refuses a stale If-Match and keeps the map', async () => {
    const { map } = await createMap(server, { locale: 'en' });
    const res = await server.api(`/api/maps/${map.id}`, { method: 'DELETE', headers: { 'If-Match': '"3"' } });
    expect(res.status).toBe(409);
    expect((await server.api(`/api/maps/${map.id}`)).status).toBe(200);
  });
});
