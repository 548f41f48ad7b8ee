/**
 * Hostile input: property-based fuzzing (fast-check) of every write route — malformed JSON, wrong
 * types, deep nesting (10 000 levels), 10 MB strings, prototype-pollution keys, unknown schema
 * versions, invalid UTF-8, wrong content types, garbage If-Match headers and ids. Every answer
 * must be a 4xx with a JSON `{ error }` message (never a 5xx), and a reference map stored before
 * (and the map list) must be byte-identical afterwards.
 *
 * Every generated case is invalid by construction (or checked with the app's own validators), so a
 * 2xx is a failure too: it would mean hostile input was stored.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../api/helpers/server';
import { parseJourneyMap } from '../../src/domain/parse';
import { createMapRequestSchema, duplicateMapRequestSchema, renameMapRequestSchema } from '../../server/http/api-schemas';
import { recordFigures } from './helpers/figures';
import { failedRequestLines } from './helpers/server';

type Body = string | Uint8Array | undefined;
interface Case {
  method: string;
  path: string;
  body?: Body;
  contentType?: string | null;
  ifMatch?: string;
}

let server: TestServer;
let refId: string;
let refDoc: Record<string, unknown>;
let refBefore: string;
let listBefore: string;
let cases = 0;
let serverErrors = 0;
const failures: string[] = [];

/** The routes that write, and whether a body is what they take. */
type RouteKey = 'create' | 'save' | 'rename' | 'duplicate' | 'delete' | 'import';
const ROUTES: RouteKey[] = ['create', 'save', 'rename', 'duplicate', 'delete', 'import'];

function target(route: RouteKey): { method: string; path: string } {
  switch (route) {
    case 'create':
      return { method: 'POST', path: '/api/maps' };
    case 'save':
      return { method: 'PUT', path: `/api/maps/${refId}` };
    case 'rename':
      return { method: 'PATCH', path: `/api/maps/${refId}` };
    case 'duplicate':
      return { method: 'POST', path: `/api/maps/${refId}/duplicate` };
    case 'delete':
      return { method: 'DELETE', path: `/api/maps/${refId}` };
    case 'import':
      return { method: 'POST', path: '/api/maps/import' };
  }
}

/** Would the server accept this (parsed) body on this route? Used to keep only invalid cases. */
function acceptable(route: RouteKey, value: unknown): boolean {
  switch (route) {
    case 'create':
      return createMapRequestSchema.safeParse(value).success;
    case 'rename':
      return renameMapRequestSchema.safeParse(value).success;
    case 'duplicate':
      return value === undefined || duplicateMapRequestSchema.safeParse(value).success;
    case 'save': {
      const v = value as { map?: unknown } | null;
      return typeof v === 'object' && v !== null && parseJourneyMap(v.map).ok;
    }
    case 'import':
      return parseJourneyMap(value).ok;
    case 'delete':
      return false; // DELETE reads no body; its cases always carry a wrong If-Match
  }
}

/** The If-Match a case sends: the current version for save (so the body is what is judged), a stale one for delete. */
function defaultIfMatch(route: RouteKey): string | undefined {
  if (route === 'save') return '"1"';
  if (route === 'delete' || route === 'rename') return '"999999"';
  return undefined;
}

async function send(c: Case): Promise<void> {
  cases++;
  const headers: Record<string, string> = { ...server.ownerHeaders };
  if (c.contentType !== null) headers['content-type'] = c.contentType ?? 'application/json';
  if (c.ifMatch !== undefined) headers['if-match'] = c.ifMatch;
  let status = 0;
  let text = '';
  let type = '';
  try {
    const res = await fetch(server.baseUrl + c.path, { method: c.method, headers, body: c.body as BodyInit | undefined });
    status = res.status;
    type = res.headers.get('content-type') ?? '';
    text = await res.text();
  } catch (e) {
    failures.push(`${c.method} ${c.path}: network error ${String(e)}`);
    return;
  }
  const label = `${c.method} ${c.path} (${c.contentType ?? 'application/json'}, If-Match ${c.ifMatch ?? '—'}, body ${show(c.body)})`;
  if (status >= 500) serverErrors++;
  if (status < 400 || status > 499) {
    failures.push(`${label} → ${status} ${text.slice(0, 200)}`);
    return;
  }
  let error: unknown;
  try {
    error = (JSON.parse(text) as { error?: unknown }).error;
  } catch {
    error = undefined;
  }
  if (!type.startsWith('application/json') || typeof error !== 'string' || error.trim() === '') {
    failures.push(`${label} → ${status} without a JSON {error} message: ${text.slice(0, 200)}`);
  }
}

function show(body: Body): string {
  if (body === undefined) return 'none';
  const len = typeof body === 'string' ? body.length : body.byteLength;
  const head = typeof body === 'string' ? body.slice(0, 60) : Buffer.from(body.slice(0, 40)).toString('hex');
  return `${len} bytes: ${JSON.stringify(head)}`;
}

/** Run a property over every route; the property sends one case per run. */
async function fuzz<T>(name: string, arb: (route: RouteKey) => fc.Arbitrary<T>, toCase: (route: RouteKey, v: T) => Case, runs: number, routes = ROUTES) {
  for (const route of routes) {
    await fc.assert(
      fc.asyncProperty(arb(route), async (v) => {
        await send(toCase(route, v));
      }),
      { numRuns: runs, seed: 20251123 + name.length * 97 + route.length },
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Generators

const notJson = fc.oneof(
  fc.string(),
  fc.string().map((s) => `{${s}`),
  fc.string().map((s) => `{"title": "${s}`),
  fc.jsonValue().map((v) => `${JSON.stringify(v)},`),
  fc.jsonValue().map((v) => {
    const s = JSON.stringify({ locale: 'en', v });
    return s.slice(0, Math.max(1, s.length - 2));
  }),
  fc.constantFrom("{'locale': 'en'}", '{locale: "en"}', '{"locale": "en",}', 'NaN', 'undefined', '[1,2,', '{"a":1}{"b":2}', '\u0000', '{"a": 01}'),
).filter((s) => {
  try {
    JSON.parse(s);
    return false;
  } catch {
    // A blank body is "no body", which duplicate accepts: not hostile, so not generated.
    return s.trim() !== '';
  }
});

/** Every path (as keys) into a JSON value, for mutating one spot of a valid document. */
function pathsOf(value: unknown, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.forEach((v, i) => pathsOf(v, [...prefix, i], out));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
  return out;
}

function setAt(root: unknown, path: (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]!] = value;
  return copy;
}

/** A valid body for each route (so that one mutation makes a wrong-typed one). */
function validBody(route: RouteKey): unknown {
  switch (route) {
    case 'create':
      return { locale: 'en', title: 'A title', template: 'airline' };
    case 'rename':
      return { title: 'A new title' };
    case 'duplicate':
      return { title: 'A copy' };
    case 'save':
      return { map: refDoc, baseVersion: 1 };
    case 'import':
    case 'delete':
      return refDoc;
  }
}

const wrongValue = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, '', ' ', [], {}, '#zzzzzz', 'en-US', '2025-13-45', 'x'.repeat(6000)),
);

function mutated(route: RouteKey): fc.Arbitrary<string> {
  const base = validBody(route);
  const paths = pathsOf(base);
  return fc
    .tuple(fc.nat({ max: paths.length - 1 }), wrongValue, fc.boolean())
    .map(([i, value, addKey]) => {
      const path = paths[i] ?? [];
      const out = addKey ? setAt(base, [...path.slice(0, -1), 'unexpectedKey'], value) : setAt(base, path, value);
      return JSON.stringify(out);
    })
    .filter((s) => !acceptable(route, JSON.parse(s)));
}

function deep(levels: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(levels) + ']'.repeat(levels) : '{"a":'.repeat(levels) + '1' + '}'.repeat(levels);
}

const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype'];

/** A valid body with a prototype-pollution key inserted at some object in it. */
function polluted(route: RouteKey): fc.Arbitrary<string> {
  const base = validBody(route);
  const objectPaths = pathsOf(base).filter((p) => {
    let node: unknown = base;
    for (const k of p) node = (node as Record<string | number, unknown>)[k];
    return node !== null && typeof node === 'object' && !Array.isArray(node);
  });
  return fc
    .tuple(fc.nat({ max: objectPaths.length - 1 }), fc.constantFrom(...POLLUTION_KEYS), fc.jsonValue({ maxDepth: 1 }))
    .map(([i, key, value]) => {
      // JSON.stringify would drop a real __proto__ key, so write it into the text.
      const marker = '"__pollution_marker__":0';
      const withMarker = setAt(base, [...(objectPaths[i] ?? []), '__pollution_marker__'], 0);
      const payload = key === 'constructor' ? { prototype: { polluted: true, value } } : { polluted: true, value };
      return JSON.stringify(withMarker).replace(marker, `${JSON.stringify(key)}:${JSON.stringify(payload)}`);
    });
}

const BAD_BYTES = [
  [0xff],
  [0xfe, 0xff],
  [0xc3, 0x28],
  [0xe2, 0x28, 0xa1],
  [0xed, 0xa0, 0x80], // a UTF-16 surrogate encoded in UTF-8
  [0xc0, 0xaf], // overlong "/"
  [0xf8, 0x88, 0x80, 0x80, 0x80],
  [0x80],
];

function badUtf8(route: RouteKey): fc.Arbitrary<Uint8Array> {
  const text = JSON.stringify(route === 'save' ? { map: { ...refDoc, title: 'TITLE' } } : route === 'import' ? { ...refDoc, title: 'TITLE' } : { locale: 'en', title: 'TITLE' });
  const [before, after] = text.split('TITLE') as [string, string];
  return fc.tuple(fc.constantFrom(...BAD_BYTES), fc.string({ maxLength: 20 }), fc.nat({ max: 2 })).map(([bad, s, where]) => {
    const enc = new TextEncoder();
    const inner = where === 0 ? [...bad, ...enc.encode(s)] : where === 1 ? [...enc.encode(s), ...bad] : [...enc.encode(s), ...bad, ...enc.encode(s)];
    return new Uint8Array([...enc.encode(before), ...inner, ...enc.encode(after)]);
  });
}

const isJsonType = (t: string) => {
  const media = t.split(';')[0]?.trim().toLowerCase() ?? '';
  return media === 'application/json' || (media.startsWith('application/') && media.endsWith('+json'));
};
const wrongContentType = fc
  .oneof(
    fc.constantFrom(
      'text/plain',
      'text/html',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/xml',
      'text/json',
      'application/jsonp',
      'application/json-patch',
      'json',
      'application',
      '*/*',
      'application/octet-stream',
    ),
    fc.stringMatching(/^[a-z]{1,12}\/[a-z0-9.+-]{1,20}$/),
  )
  .filter((t) => !isJsonType(t));

/** Printable If-Match values that never name the reference map's current version (1). */
const wrongIfMatch = fc
  .oneof(fc.stringMatching(/^[\x20-\x7e]{0,40}$/), fc.constantFrom('*', 'W/"x"', '"-1"', '""', '"1', '1"', '"9999999999"', '"0"', '"2", "3"', 'W/'))
  .filter((v) => {
    const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(v.trim());
    return !(m && Number(m[1]) === 1);
  });

const randomId = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/),
  fc.string({ minLength: 1, maxLength: 80 }),
  fc.constantFrom('x'.repeat(65), '%00', '..%2F..%2Fetc', 'null', 'undefined', '0', '-1', 'import'),
);

// ---------------------------------------------------------------------------------------------

describe('hostile input on every write route', () => {
  beforeAll(async () => {
    server = await startServer();
    const created = await server.api('/api/maps', { method: 'POST', json: { locale: 'en', template: 'airline' } });
    expect(created.status).toBe(201);
    refId = created.body.map.id as string;
    refDoc = created.body.map as Record<string, unknown>;
    refBefore = (await server.api(`/api/maps/${refId}`)).text;
    listBefore = (await server.api('/api/maps')).text;
  });

  afterAll(async () => {
    recordFigures({ cases, serverErrors });
    await server?.dispose();
  });

  it('malformed JSON', async () => {
    await fuzz('malformed', () => notJson, (r, body) => ({ ...target(r), body, ifMatch: defaultIfMatch(r) }), 150);
  });

  it('well-formed JSON of the wrong shape', async () => {
    await fuzz(
      'shape',
      (r) => fc.jsonValue({ maxDepth: 4 }).filter((v) => !acceptable(r, v)),
      (r, v) => ({ ...target(r), body: JSON.stringify(v), ifMatch: defaultIfMatch(r) }),
      150,
    );
  });

  it('valid bodies with one field of the wrong type or an unknown key', async () => {
    await fuzz('mutated', mutated, (r, body) => ({ ...target(r), body, ifMatch: defaultIfMatch(r) }), 250, ['save', 'import']);
    await fuzz('mutated', mutated, (r, body) => ({ ...target(r), body, ifMatch: defaultIfMatch(r) }), 100, ['create', 'rename', 'duplicate']);
  });

  it('deep nesting (10 000 levels)', async () => {
    await fuzz(
      'deep',
      () => fc.tuple(fc.constantFrom<'array' | 'object'>('array', 'object'), fc.constantFrom(10_000, 1_000, 65), fc.constantFrom('top', 'field')),
      (r, [kind, levels, where]) => {
        const nested = deep(levels, kind);
        const field = r === 'save' ? 'map' : r === 'import' ? 'touchpoints' : 'title';
        return { ...target(r), body: where === 'top' ? nested : `{"${field}":${nested}}`, ifMatch: defaultIfMatch(r) };
      },
      8,
    );
  });

  it('10 MB strings (over the 5 MB limit) and 4 MB strings (under it) in text fields', async () => {
    const ten = 'x'.repeat(10 * 1024 * 1024);
    const four = '好'.repeat(1_300_000); // ≈ 3.9 MB of UTF-8
    for (const r of ROUTES) {
      for (const big of [ten, four]) {
        const body =
          r === 'save'
            ? JSON.stringify({ map: { ...refDoc, title: big } })
            : r === 'import'
              ? JSON.stringify({ ...refDoc, description: big })
              : JSON.stringify(r === 'create' ? { locale: 'en', title: big } : { title: big });
        await send({ ...target(r), body, ifMatch: defaultIfMatch(r) });
      }
      // A huge body announced as something else.
      await send({ ...target(r), body: ten, contentType: 'text/plain', ifMatch: defaultIfMatch(r) });
    }
    // A huge header value.
    await send({ ...target('save'), body: JSON.stringify({ map: refDoc }), ifMatch: `"${'9'.repeat(8000)}"` });
  });

  it('prototype-pollution keys anywhere in the body', async () => {
    await fuzz('pollution', polluted, (r, body) => ({ ...target(r), body, ifMatch: defaultIfMatch(r) }), 60, ['create', 'save', 'rename', 'duplicate', 'import']);
    // And the classic payloads, verbatim.
    for (const body of [
      '{"__proto__":{"isAdmin":true},"locale":"en"}',
      '{"constructor":{"prototype":{"isAdmin":true}},"locale":"en"}',
      '{"locale":"en","title":"x","__proto__":null}',
    ]) {
      await send({ ...target('create'), body });
      await send({ ...target('import'), body });
    }
    // The server's own objects are not polluted: a fresh map has no such key.
    const probe = await server.api('/api/maps/import', { method: 'POST', json: { nope: 1 } });
    expect(probe.text).not.toMatch(/isAdmin|polluted/);
  });

  it('unknown and malformed schema versions', async () => {
    await fuzz(
      'versions',
      (r) =>
        fc
          .oneof(
            fc.integer().filter((v) => v !== 0 && v !== 1),
            fc.double().filter((v) => !Number.isInteger(v)),
            fc.string(),
            fc.constantFrom(null, true, [], {}, '1', '0', 1e21, 2, 99, -1),
          )
          .map((v) => {
            const doc = { ...refDoc, schemaVersion: v };
            return r === 'save' ? { map: doc } : doc;
          })
          .filter((body) => !acceptable(r, JSON.parse(JSON.stringify(body)))),
      (r, body) => ({ ...target(r), body: JSON.stringify(body), ifMatch: defaultIfMatch(r) }),
      60,
      ['save', 'import'],
    );
  });

  it('invalid UTF-8 bytes', async () => {
    await fuzz('utf8', badUtf8, (r, body) => ({ ...target(r), body, ifMatch: defaultIfMatch(r) }), 60, ['create', 'save', 'rename', 'duplicate', 'import']);
  });

  it('wrong or missing content types on valid bodies', async () => {
    await fuzz(
      'content-type',
      () => fc.option(wrongContentType, { nil: null, freq: 5 }),
      (r, contentType) => ({ ...target(r), body: JSON.stringify(validBody(r)), contentType, ifMatch: defaultIfMatch(r) }),
      60,
      ['create', 'save', 'rename', 'duplicate', 'import'],
    );
  });

  it('garbage If-Match headers on save, rename and delete', async () => {
    await fuzz(
      'if-match',
      () => wrongIfMatch,
      (r, ifMatch) => ({ ...target(r), body: r === 'delete' ? undefined : JSON.stringify(r === 'save' ? { map: { ...refDoc, title: 'overwritten' } } : { title: 'renamed' }), ifMatch }),
      200,
      ['save', 'rename', 'delete'],
    );
  });

  it('unknown, malformed and hostile ids on every id route', async () => {
    const body = fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)), notJson);
    await fc.assert(
      fc.asyncProperty(
        randomId.filter((id) => id !== refId && id !== '.' && id !== '..'),
        fc.constantFrom('PUT', 'PATCH', 'DELETE', 'POST duplicate'),
        body,
        fc.option(wrongIfMatch, { nil: undefined }),
        async (id, method, b, ifMatch) => {
          const enc = encodeURIComponent(id);
          if (method === 'POST duplicate') await send({ method: 'POST', path: `/api/maps/${enc}/duplicate`, body: b ?? '{"title":"copy"}', ifMatch });
          else await send({ method, path: `/api/maps/${enc}`, body: method === 'DELETE' ? undefined : (b ?? '{"title":"x"}'), ifMatch });
        },
      ),
      { numRuns: 300, seed: 77 },
    );
  });

  it('every answer was a 4xx with a JSON error; the stored data is byte-identical', async () => {
    const refAfter = (await server.api(`/api/maps/${refId}`)).text;
    const listAfter = (await server.api('/api/maps')).text;
    console.log(`hostile input: ${cases} cases, ${failures.length} bad answers, ${serverErrors} server errors`);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(serverErrors).toBe(0);
    expect(failedRequestLines(server)).toEqual([]);
    expect(refAfter).toBe(refBefore);
    expect(listAfter).toBe(listBefore);
    expect(cases).toBeGreaterThan(2000);
  });
});
