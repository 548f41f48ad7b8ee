/**
 * Every client mistake gets a 4xx JSON answer `{ error, details? }`, never a 500, and never
 * changes what is stored: after each case the saved map is byte-identical.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server';
import { createMap, save, snapshot, type Doc } from './helpers/maps';

let server: TestServer;
/** A saved map (version 2) that every case below must leave exactly as it is. */
let saved: { map: Doc; version: number };
let before: string;

beforeAll(async () => {
  server = await startServer();
  const created = await createMap(server, { locale: 'en', template: 'airline', title: 'Guarded map' });
  const res = await save(server, { ...created.map, description: 'Saved once' }, 1);
  expect(res.status, res.text).toBe(200);
  saved = res.body;
  before = await snapshot(server, saved.map.id);
});
afterAll(async () => {
  await server?.dispose();
});

/** The map with an extra emotion keyed `key` (which JSON.stringify of an object literal could not write for __proto__). */
function withKey(map: Doc, key: string): string {
  const copy: Doc = structuredClone(map);
  copy.touchpoints[0].emotions.PLACEHOLDER_KEY = { value: 1 };
  return JSON.stringify(copy).replace('"PLACEHOLDER_KEY"', JSON.stringify(key));
}

const url = () => `/api/maps/${saved.map.id}`;
const ifMatch = (v: number | string) => ({ 'If-Match': typeof v === 'number' ? `"${v}"` : v });

function expectErrorShape(res: { body: Doc; headers: Headers }) {
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(typeof res.body.error).toBe('string');
  expect(res.body.error.length).toBeGreaterThan(0);
  expect(Object.keys(res.body).every((k) => k === 'error' || k === 'details')).toBe(true);
}

describe('after every error the stored map is byte-identical', () => {
  beforeEach(async () => {
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it('409 on a stale write, with both versions, and nothing written', async () => {
    const res = await save(server, { ...saved.map, title: 'Lost update' }, 1);
    expect(res.status).toBe(409);
    expectErrorShape(res);
    expect(res.body).toEqual({
      error: 'This map was changed elsewhere (you have version 1, the server has version 2). Reload or merge your changes.',
      details: { currentVersion: 2, yourVersion: 1 },
    });
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it('409 on a stale baseVersion in the body too', async () => {
    const res = await server.api(url(), { method: 'PUT', json: { map: saved.map, baseVersion: 1 } });
    expect(res.status).toBe(409);
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it('428 without any precondition', async () => {
    const res = await server.api(url(), { method: 'PUT', json: { map: saved.map } });
    expect(res.status).toBe(428);
    expectErrorShape(res);
    expect(res.body.error).toMatch(/If-Match/);
    const star = await server.api(url(), { method: 'PUT', json: { map: saved.map }, headers: ifMatch('*') });
    expect(star.status).toBe(428);
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it('400 on a malformed If-Match or one that disagrees with baseVersion', async () => {
    const bad = await server.api(url(), { method: 'PUT', json: { map: saved.map }, headers: ifMatch('"two"') });
    expect(bad.status).toBe(400);
    const disagree = await server.api(url(), { method: 'PUT', json: { map: saved.map, baseVersion: 1 }, headers: ifMatch(2) });
    expect(disagree.status).toBe(400);
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it.each([
    ['truncated JSON', '{"map": {"id": '],
    ['a trailing comma', '{"map": {},}'],
    ['single quotes', "{'map': 1}"],
    ['an empty body', ''],
    ['NaN', '{"map": NaN}'],
  ])('400 "Malformed JSON" on %s', async (_label, body) => {
    const res = await server.api(url(), { method: 'PUT', body, headers: { 'content-type': 'application/json', ...ifMatch(2) } });
    expect(res.status).toBe(400);
    expectErrorShape(res);
    expect(res.body.error).toMatch(/^Malformed JSON: ./);
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it('400 on invalid UTF-8', async () => {
    const res = await server.api(url(), {
      method: 'PUT',
      body: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
      headers: { 'content-type': 'application/json', ...ifMatch(2), ...server.ownerHeaders },
    });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/UTF-8/);
  });

  it('400 with the field path on wrong types', async () => {
    const map: Doc = structuredClone(saved.map);
    map.touchpoints[3].title = 42;
    map.stages[0].name = null;
    map.personas[0].color = 'red';
    const res = await save(server, map, 2);
    expect(res.status).toBe(400);
    expectErrorShape(res);
    const paths = res.body.details.map((d: Doc) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['touchpoints.3.title', 'stages.0.name', 'personas.0.color']));
    for (const d of res.body.details) expect(typeof d.message).toBe('string');
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it('400 on a body that is not { map }', async () => {
    for (const json of [[], 'a map', { doc: saved.map }, { map: saved.map, extra: true }, { map: [] }, { map: saved.map, baseVersion: 'two' }]) {
      const res = await server.api(url(), { method: 'PUT', json, headers: ifMatch(2) });
      expect(res.status, JSON.stringify(json).slice(0, 40)).toBe(400);
      expectErrorShape(res);
    }
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it('400 when map.id differs from the URL', async () => {
    const other = await createMap(server, { locale: 'en' });
    const res = await save(server, { ...other.map }, 2).then(() =>
      server.api(url(), { method: 'PUT', json: { map: other.map }, headers: ifMatch(2) }),
    );
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([{ path: 'map.id', message: `must be "${saved.map.id}"` }]);
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it('400 on a reference to an unknown persona', async () => {
    const map: Doc = structuredClone(saved.map);
    map.touchpoints[0].emotions.ghost = { value: 1 };
    const res = await save(server, map, 2);
    expect(res.status).toBe(400);
    expect(res.body.details).toContainEqual({ path: 'touchpoints.0.emotions.ghost', message: 'unknown persona "ghost"' });
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it('400 with the clear message on a document from a newer app', async () => {
    const res = await save(server, { ...saved.map, schemaVersion: 99 }, 2);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/newer version of MOT Canvas \(schema version 99\).*Update MOT Canvas/);
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it('413 on a 6 MB body announced by Content-Length', async () => {
    const map = { ...saved.map, description: 'x'.repeat(6 * 1024 * 1024) };
    const res = await save(server, map, 2);
    expect(res.status).toBe(413);
    expectErrorShape(res);
    expect(res.body.error).toMatch(/5 MB/);
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it('413 on a 6 MB chunked body without Content-Length', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent >= 6 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(sent === chunk.byteLength ? new TextEncoder().encode('{"map":"') : chunk);
      },
    });
    const res = await fetch(server.baseUrl + url(), {
      method: 'PUT',
      body,
      headers: { 'content-type': 'application/json', ...ifMatch(2), ...server.ownerHeaders },
      duplex: 'half',
    } as RequestInit);
    expect(res.headers.get('content-length')).not.toBe(null);
    expect(res.status).toBe(413);
    expect(((await res.json()) as Doc).error).toMatch(/too large/);
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it('415 on text/plain and on a missing content type', async () => {
    const text = await server.api(url(), {
      method: 'PUT',
      body: JSON.stringify({ map: saved.map }),
      headers: { 'content-type': 'text/plain', ...ifMatch(2) },
    });
    expect(text.status).toBe(415);
    expectErrorShape(text);
    expect(text.body.error).toMatch(/application\/json/);
    const form = await server.api('/api/maps', { method: 'POST', body: new URLSearchParams({ locale: 'en' }) });
    expect(form.status).toBe(415);
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it('400 on prototype-pollution keys anywhere, and nothing is polluted', async () => {
    const attacks = [
      '{"__proto__": {"polluted": true}, "locale": "en"}',
      '{"locale": "en", "constructor": {"prototype": {"polluted": true}}}',
      `{"map": ${JSON.stringify(saved.map).replace('"personas":', '"__proto__": {"polluted": true}, "personas":')}}`,
      `{"map": ${withKey(saved.map, 'constructor')}}`,
      '{"title": "x", "nested": [{"deep": {"prototype": {"polluted": true}}}]}',
    ];
    for (const [i, body] of attacks.entries()) {
      const target = i < 2 ? '/api/maps' : i < 4 ? url() : `${url()}/duplicate`;
      const method = i >= 2 && i < 4 ? 'PUT' : 'POST';
      const res = await server.api(target, { method, body, headers: { 'content-type': 'application/json', ...ifMatch(2) } });
      expect(res.status, `attack ${i}: ${res.text}`).toBe(400);
      expect(res.body.error).toMatch(/not allowed/);
      expect(res.body.details[0].message).toBe('forbidden key');
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- checking the prototype on purpose
    expect(({} as any).polluted).toBeUndefined();
    // The server's own objects are clean too: a fresh map has no stray "polluted" field anywhere.
    const fresh = await createMap(server, { locale: 'en' });
    expect(JSON.stringify(fresh)).not.toContain('polluted');
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it('400 on absurdly deep nesting, not a crash', async () => {
    const deep = '['.repeat(5000) + ']'.repeat(5000);
    const res = await server.api(url(), { method: 'PUT', body: `{"map": ${deep}}`, headers: { 'content-type': 'application/json', ...ifMatch(2) } });
    expect(res.status).toBe(400);
    expect((await server.api('/api/health')).status).toBe(200);
  });

  it('404 / 405 JSON for unknown routes and wrong methods', async () => {
    const unknown = await server.api('/api/nothing-here');
    expect(unknown.status).toBe(404);
    expectErrorShape(unknown);
    const unknownPost = await server.api('/api/maps/x/y/z', { method: 'POST', json: {} });
    expect(unknownPost.status).toBe(404);
    expectErrorShape(unknownPost);
    for (const [method, path, allow] of [
      ['PUT', '/api/maps', 'GET, POST, HEAD'],
      ['DELETE', '/api/health', 'GET, HEAD'],
      ['POST', url(), 'GET, PUT, PATCH, DELETE, HEAD'],
      ['GET', '/api/maps/import', 'POST'],
      ['GET', `${url()}/duplicate`, 'POST'],
      ['POST', '/api/openapi.json', 'GET, HEAD'],
    ] as const) {
      const res = await server.api(path, { method });
      expect(res.status, `${method} ${path}`).toBe(405);
      expectErrorShape(res);
      expect(res.headers.get('allow')).toBe(allow);
    }
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });

  it('stores script text in a title verbatim, as JSON data', async () => {
    const title = `<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" '`;
    const created = await createMap(server, { locale: 'en', title });
    expect(created.map.title).toBe(title);
    const read = await server.api(`/api/maps/${created.map.id}`);
    expect(read.headers.get('content-type')).toMatch(/^application\/json/);
    expect(read.headers.get('x-content-type-options')).toBe('nosniff');
    expect(read.body.map.title).toBe(title);
    const list = await server.api('/api/maps');
    expect(list.body.maps.find((m: Doc) => m.id === created.map.id).title).toBe(title);
    const renamed = await server.api(`/api/maps/${created.map.id}`, { method: 'PATCH', json: { title: `${title}!` } });
    expect(renamed.body.map.title).toBe(`${title}!`);
  });

  it('never answers 500 to randomly damaged documents (bounded fuzz)', async () => {
    const paths: Array<Array<string | number>> = [];
    const walk = (v: unknown, path: Array<string | number>) => {
      if (path.length > 0) paths.push(path);
      if (Array.isArray(v)) v.slice(0, 3).forEach((x, i) => walk(x, [...path, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
    };
    walk(saved.map, []);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...paths), fc.jsonValue({ maxDepth: 2 })), { minLength: 1, maxLength: 3 }),
        async (edits) => {
          const doc: Doc = structuredClone(saved.map);
          for (const [path, value] of edits) {
            let parent = doc;
            for (const key of path.slice(0, -1)) parent = parent?.[key];
            if (parent && typeof parent === 'object') parent[path[path.length - 1]!] = value;
          }
          // A stale version: valid documents get 409, so nothing is ever written.
          const res = await server.api(url(), { method: 'PUT', json: { map: doc }, headers: ifMatch(999) });
          expect([400, 409], res.text).toContain(res.status);
          expectErrorShape(res);
        },
      ),
      { numRuns: 150, seed: 20240601 },
    );
    expect(await snapshot(server, saved.map.id)).toBe(before);
  });
});
