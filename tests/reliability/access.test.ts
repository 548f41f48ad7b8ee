/**
 * Access control under hostile and concurrent use:
 * - fast-check: valid write bodies sent to every write route with credentials that must not be
 *   enough — no header, garbage, near-misses of real tokens and of the workspace key (one
 *   character changed, cut short, one too many, other case, other schemes), revoked links, view
 *   links, links for another map, forged cookies. Every answer must be 401 / 403 / 404 with a JSON
 *   error (never a 2xx, never a 5xx), and the map, its links, votes and versions and the maps list
 *   must be byte-identical afterwards.
 * - revocation racing writes: a comment link posts comments while the owner revokes it. Every
 *   comment acknowledged (201) is in the map, every request sent after the revocation answered
 *   is refused, and the revoked holder's event stream is closed.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffDocs } from '../../src/store/history';
import { startServer, TEST_WORKSPACE_KEY, type TestServer } from '../api/helpers/server';
import { createMap, snapshot, type Doc } from '../api/helpers/maps';
import { openEvents } from '../api/helpers/events';
import { recordFigures } from './helpers/figures';
import { failedRequestLines } from './helpers/server';

let server: TestServer;
let map: Doc;
let otherMapId: string;
const tokens = { view: '', comment: '', edit: '', revoked: '', otherMap: '' };
let cases = 0;
let serverErrors = 0;

async function link(mapId: string, role: 'view' | 'comment' | 'edit'): Promise<{ id: string; token: string }> {
  const res = await server.api(`/api/maps/${mapId}/links`, { method: 'POST', json: { role, label: 'fuzz' } });
  expect(res.status, res.text).toBe(201);
  return res.body.link as { id: string; token: string };
}

beforeAll(async () => {
  server = await startServer();
  map = (await createMap(server, { locale: 'en', template: 'airline' })).map;
  otherMapId = (await createMap(server, { locale: 'en', title: 'Other' })).map.id;
  tokens.view = (await link(map.id, 'view')).token;
  tokens.comment = (await link(map.id, 'comment')).token;
  tokens.edit = (await link(map.id, 'edit')).token;
  tokens.otherMap = (await link(otherMapId, 'edit')).token;
  const revoked = await link(map.id, 'edit');
  expect((await server.api(`/api/maps/${map.id}/links/${revoked.id}`, { method: 'DELETE' })).status).toBe(200);
  tokens.revoked = revoked.token;
});

afterAll(async () => {
  recordFigures({ cases, serverErrors });
  await server?.dispose();
});

/** The write routes with bodies that WOULD be accepted with enough rights. */
function writeRoutes(): { method: string; path: string; json?: unknown; headers?: Record<string, string> }[] {
  const id = map.id as string;
  const tp = (map.touchpoints as Array<{ id: string }>)[0]?.id ?? '';
  return [
    { method: 'POST', path: '/api/maps', json: { title: 'Sneaky', locale: 'en' } },
    { method: 'POST', path: '/api/maps/import', json: map },
    { method: 'PUT', path: `/api/maps/${id}`, json: { map: { ...map, title: 'Overwritten' } }, headers: { 'If-Match': '"1"' } },
    { method: 'PATCH', path: `/api/maps/${id}`, json: { title: 'Renamed' } },
    { method: 'DELETE', path: `/api/maps/${id}` },
    { method: 'POST', path: `/api/maps/${id}/duplicate`, json: {} },
    {
      method: 'POST',
      path: `/api/maps/${id}/ops`,
      json: { opId: 'op-fuzz-0001', clientId: 'client-fuzz', baseVersion: 1, changeset: diffDocs(map, { ...map, title: 'By op' }) },
    },
    { method: 'POST', path: `/api/maps/${id}/walkthrough`, json: { clientId: 'client-fuzz', stageId: map.stages[0].id } },
    { method: 'POST', path: `/api/maps/${id}/links`, json: { role: 'edit' } },
    { method: 'POST', path: `/api/maps/${id}/comments`, json: { targetKind: 'touchpoint', targetId: tp, body: 'Sneaky', author: 'X' } },
    { method: 'POST', path: `/api/maps/${id}/votes`, json: { targetKind: 'touchpoint', dotsPerPerson: 3 } },
    { method: 'POST', path: `/api/maps/${id}/versions`, json: { name: 'Sneaky' } },
  ];
}

/** Everything a write could change. */
async function state(): Promise<string> {
  const parts = [(await server.api('/api/maps')).text, await snapshot(server, map.id as string)];
  for (const sub of ['links', 'votes', 'versions']) parts.push((await server.api(`/api/maps/${map.id}/${sub}`)).text);
  return parts.join('\n---\n');
}

const printable = fc.string({ unit: fc.integer({ min: 0x21, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 120 });

/** A string that differs from `s` in one place. */
function nearMiss(s: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.nat({ max: s.length - 1 }).chain((i) =>
      fc
        .constantFrom(...'ABCxyz019-_')
        .filter((ch) => ch !== s[i])
        .map((ch) => s.slice(0, i) + ch + s.slice(i + 1)),
    ),
    fc.integer({ min: 1, max: s.length - 1 }).map((n) => s.slice(0, n)),
    fc.constantFrom('A', '_', '0').map((ch) => s + ch),
    fc.constant(s.toUpperCase() === s ? s.toLowerCase() : s.toUpperCase()),
  );
}

/** Credentials that must never be enough to write to the map (or the workspace). */
function weakCredentials(): fc.Arbitrary<Record<string, string>> {
  const token = fc.oneof(
    printable,
    fc.constantFrom(tokens.view, tokens.revoked, tokens.otherMap),
    nearMiss(tokens.edit),
    nearMiss(tokens.comment),
    nearMiss(TEST_WORKSPACE_KEY),
    fc.constant('x'.repeat(5000)),
  );
  const authorization = fc.oneof(
    token.map((t) => `Bearer ${t}`),
    token.map((t) => `bearer   ${t}`),
    fc.constantFrom(tokens.edit, TEST_WORKSPACE_KEY), // no scheme
    fc.constantFrom(`Basic ${tokens.edit}`, `Token ${TEST_WORKSPACE_KEY}`, `Bearer ${tokens.edit} ${tokens.edit}`, 'Bearer', 'Bearer '),
  );
  const cookie = fc.oneof(
    nearMiss(TEST_WORKSPACE_KEY).map((k) => `mot_ws=${encodeURIComponent(k)}`),
    printable.map((v) => `mot_ws=${encodeURIComponent(v)}`),
    fc.constant(`MOT_WS=${encodeURIComponent(TEST_WORKSPACE_KEY)}`),
  );
  return fc.oneof(
    fc.constant({}),
    authorization.map((a) => ({ authorization: a })),
    cookie.map((c) => ({ cookie: c })),
    // A view link with the workspace cookie: still a viewer.
    fc.constant({ authorization: `Bearer ${tokens.view}`, cookie: `mot_ws=${encodeURIComponent(TEST_WORKSPACE_KEY)}` }),
  );
}

describe('access under hostile credentials', () => {
  it('never lets a write through, never answers 5xx, never changes stored data', async () => {
    const routes = writeRoutes();
    const before = await state();
    const failures: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: routes.length - 1 }), weakCredentials(), async (i, creds) => {
        const route = routes[i];
        if (!route) return;
        cases++;
        const res = await fetch(server.baseUrl + route.path, {
          method: route.method,
          headers: { ...(route.json !== undefined ? { 'content-type': 'application/json' } : {}), ...route.headers, ...creds },
          body: route.json !== undefined ? JSON.stringify(route.json) : undefined,
        });
        const text = await res.text();
        if (res.status >= 500) serverErrors++;
        let error: unknown;
        try {
          error = (JSON.parse(text) as { error?: unknown }).error;
        } catch {
          error = undefined;
        }
        if (![401, 403, 404].includes(res.status) || typeof error !== 'string') {
          failures.push(`${route.method} ${route.path} with ${JSON.stringify(creds).slice(0, 200)} → ${res.status} ${text.slice(0, 200)}`);
        }
      }),
      { numRuns: 400, seed: 20261123 },
    );
    expect(failures).toEqual([]);
    expect(await state()).toBe(before);
    expect(failedRequestLines(server)).toEqual([]);
  });
});

describe('revocation racing writes', () => {
  it('keeps every acknowledged comment, refuses everything after the revocation, closes the stream', async () => {
    const { map: raced } = await createMap(server, { locale: 'en', template: 'hotel' });
    const tp = (raced.touchpoints as Array<{ id: string }>)[0]?.id ?? '';
    const holder = await link(raced.id, 'comment');
    const stream = await openEvents(server, raced.id, { headers: { authorization: `Bearer ${holder.token}` } });
    await stream.waitFor((f) => f.event === 'hello');

    const acked: string[] = [];
    let revokedAt = Number.POSITIVE_INFINITY;
    const lateSuccesses: string[] = [];
    let n = 0;
    const writer = async () => {
      for (let k = 0; k < 20; k++) {
        const body = `race ${n++}`;
        const sentAt = performance.now();
        const res = await server.api(`/api/maps/${raced.id}/comments`, {
          method: 'POST',
          as: { token: holder.token },
          json: { targetKind: 'touchpoint', targetId: tp, body, author: 'Racer' },
        });
        cases++;
        if (res.status >= 500) serverErrors++;
        if (res.status === 201) {
          acked.push(body);
          if (sentAt > revokedAt) lateSuccesses.push(body);
        } else expect([401]).toContain(res.status);
      }
    };
    const revoker = async () => {
      // Revoke in the middle of the burst: once some comments went through.
      const deadline = Date.now() + 5000;
      while (acked.length < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const res = await server.api(`/api/maps/${raced.id}/links/${holder.id}`, { method: 'DELETE' });
      expect(res.status).toBe(200);
      revokedAt = performance.now();
    };
    await Promise.all([writer(), writer(), writer(), revoker()]);

    expect(lateSuccesses).toEqual([]);
    const stored = (await server.api(`/api/maps/${raced.id}`)).body.map as Doc;
    const bodies = new Set((stored.comments as Array<{ body: string }>).map((c) => c.body));
    const found = acked.filter((b) => bodies.has(b));
    recordFigures({ acked: acked.length, found: found.length, lost: acked.length - found.length });
    expect(found).toEqual(acked);
    // Nothing unacknowledged sneaked in either.
    expect([...bodies].filter((b) => b.startsWith('race ')).sort()).toEqual([...acked].sort());

    await stream.waitFor((f) => f.event === 'revoked');
    await expect.poll(() => stream.ended(), { timeout: 5000 }).toBe(true);
    stream.close();
  });
});
