/**
 * Access control through the real server: every API route × every kind of credentials
 * (none, an unknown token, a revoked link, view / comment / edit links, a link for another map,
 * the workspace key). Refused requests answer 401 / 403 / 404 with a JSON error, and a refused
 * write changes nothing (the map, its links, votes and versions are compared before and after).
 * Also: workspace sign-in (no trusted localhost when WORKSPACE_KEY is set), what a share link
 * opens, and revocation (immediate for new requests, and it closes open event streams).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffDocs } from '../../src/store/history';
import { credentialHeaders, jsonOrUndefined, request, startServer, TEST_WORKSPACE_KEY, type ApiInit, type ApiResponse, type TestServer } from './helpers/server';
import { createMap, snapshot, type Doc } from './helpers/maps';
import { openEvents } from './helpers/events';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.dispose();
});

type Need = 'workspace' | 'view' | 'comment' | 'edit' | 'owner';
type Cred = 'none' | 'invalid' | 'revoked' | 'other-map' | 'view' | 'comment' | 'edit' | 'owner';
const CREDS: readonly Cred[] = ['none', 'invalid', 'revoked', 'other-map', 'view', 'comment', 'edit', 'owner'];
const RANK = { view: 0, comment: 1, edit: 2, owner: 3 } as const;

/** The status a credential must get (a number), or 'ok' (any 2xx). */
function expected(need: Need, cred: Cred): number | 'ok' {
  if (cred === 'none' || cred === 'invalid' || cred === 'revoked') return 401;
  if (cred === 'owner') return 'ok';
  if (cred === 'other-map') return need === 'workspace' ? 403 : 404;
  if (need === 'workspace' || need === 'owner') return 403;
  return RANK[cred] >= RANK[need] ? 'ok' : 403;
}

interface Ctx {
  map: Doc;
  mapId: string;
  tokens: Record<'view' | 'comment' | 'edit' | 'revoked' | 'other-map', string>;
  /** A touchpoint and an MOT of the map (the airline template has both). */
  touchpointId: string;
}

type Params = Record<string, string | number | Doc>;

interface Row {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  need: Need;
  path: (ctx: Ctx, p: Params) => string;
  body?: (ctx: Ctx, p: Params) => unknown;
  headers?: (ctx: Ctx, p: Params) => Record<string, string>;
  /** Made fresh (as the owner) before every attempt: ids of things a successful call uses up. */
  fresh?: (ctx: Ctx) => Promise<Params>;
  /** A server-sent event stream: only the status is read. */
  stream?: boolean;
}

const owner = (path: string, init: ApiInit = {}) => server.api(path, { ...init, as: 'owner' });

async function ok(res: Promise<ApiResponse>, status = 200): Promise<ApiResponse> {
  const r = await res;
  expect(r.status, r.text).toBe(status);
  return r;
}

async function currentVersion(mapId: string): Promise<{ map: Doc; version: number }> {
  return (await ok(owner(`/api/maps/${mapId}`))).body as { map: Doc; version: number };
}

async function newComment(ctx: Ctx): Promise<Params> {
  const r = await ok(
    owner(`/api/maps/${ctx.mapId}/comments`, {
      method: 'POST',
      json: { targetKind: 'touchpoint', targetId: ctx.touchpointId, body: 'A comment to act on', author: 'Owner' },
    }),
    201,
  );
  return { commentId: r.body.comment.id as string };
}

/** Ends any running vote, then starts a new one (and reveals it when asked). */
async function newVote(ctx: Ctx, kind: 'touchpoint' | 'mot', reveal = false): Promise<Params> {
  const list = await ok(owner(`/api/maps/${ctx.mapId}/votes`));
  const current = list.body.current as { id: string } | null;
  if (current) await ok(owner(`/api/maps/${ctx.mapId}/votes/${current.id}/close`, { method: 'POST', json: {} }));
  const started = await ok(owner(`/api/maps/${ctx.mapId}/votes`, { method: 'POST', json: { targetKind: kind, dotsPerPerson: 3 } }), 201);
  const sessionId = started.body.session.id as string;
  if (reveal) await ok(owner(`/api/maps/${ctx.mapId}/votes/${sessionId}/reveal`, { method: 'POST', json: {} }));
  return { sessionId };
}

async function newVersion(ctx: Ctx): Promise<Params> {
  const r = await ok(owner(`/api/maps/${ctx.mapId}/versions`, { method: 'POST', json: { name: 'Before the workshop', author: 'Owner' } }), 201);
  return { versionId: r.body.version.id as string };
}

let opSeq = 0;
const ROWS: Row[] = [
  // ── the workspace ──
  { name: 'list maps', method: 'GET', need: 'workspace', path: () => '/api/maps' },
  { name: 'create map', method: 'POST', need: 'workspace', path: () => '/api/maps', body: () => ({ title: 'Made in the matrix', locale: 'en' }) },
  { name: 'import map', method: 'POST', need: 'workspace', path: () => '/api/maps/import', body: (ctx) => ctx.map },
  // ── one map ──
  { name: 'read map', method: 'GET', need: 'view', path: (c) => `/api/maps/${c.mapId}` },
  {
    name: 'save map (PUT)',
    method: 'PUT',
    need: 'edit',
    path: (c) => `/api/maps/${c.mapId}`,
    fresh: async (c) => {
      const { map, version } = await currentVersion(c.mapId);
      return { version, map: { ...map, title: `Saved ${opSeq++}` } };
    },
    body: (_c, p) => ({ map: p.map }),
    headers: (_c, p) => ({ 'If-Match': `"${p.version}"` }),
  },
  { name: 'rename map (PATCH)', method: 'PATCH', need: 'edit', path: (c) => `/api/maps/${c.mapId}`, body: () => ({ title: `Renamed ${opSeq++}` }) },
  { name: 'duplicate map', method: 'POST', need: 'owner', path: (c) => `/api/maps/${c.mapId}/duplicate`, body: () => ({}) },
  { name: 'export SVG', method: 'GET', need: 'view', path: (c) => `/api/maps/${c.mapId}/export.svg` },
  { name: 'export PNG', method: 'GET', need: 'view', path: (c) => `/api/maps/${c.mapId}/export.png` },
  // ── live ──
  { name: 'event stream', method: 'GET', need: 'view', path: (c) => `/api/maps/${c.mapId}/events`, stream: true },
  {
    name: 'operation',
    method: 'POST',
    need: 'edit',
    path: (c) => `/api/maps/${c.mapId}/ops`,
    fresh: async (c) => {
      const { map, version } = await currentVersion(c.mapId);
      return { version, map };
    },
    body: (_c, p) => {
      const map = p.map as Doc;
      const n = opSeq++;
      return {
        opId: `op-matrix-${n}-${Date.now().toString(36)}`,
        clientId: 'client-matrix',
        baseVersion: p.version,
        author: '',
        changeset: diffDocs(map, { ...map, title: `Op ${n}` }),
      };
    },
  },
  {
    name: 'presence',
    method: 'POST',
    need: 'view',
    path: (c) => `/api/maps/${c.mapId}/presence`,
    body: () => ({ clientId: 'client-matrix', name: 'M', color: '#1f77b4' }),
  },
  { name: 'leave (presence DELETE)', method: 'DELETE', need: 'view', path: (c) => `/api/maps/${c.mapId}/presence?clientId=client-matrix` },
  {
    name: 'walkthrough',
    method: 'POST',
    need: 'edit',
    path: (c) => `/api/maps/${c.mapId}/walkthrough`,
    body: (c) => ({ clientId: 'client-matrix', name: 'M', stageId: c.map.stages[0].id }),
  },
  // ── share links ──
  { name: 'list links', method: 'GET', need: 'owner', path: (c) => `/api/maps/${c.mapId}/links` },
  { name: 'create link', method: 'POST', need: 'owner', path: (c) => `/api/maps/${c.mapId}/links`, body: () => ({ role: 'edit', label: 'matrix' }) },
  {
    name: 'revoke link',
    method: 'DELETE',
    need: 'owner',
    path: (c, p) => `/api/maps/${c.mapId}/links/${p.linkId}`,
    fresh: async (c) => {
      const r = await ok(owner(`/api/maps/${c.mapId}/links`, { method: 'POST', json: { role: 'view', label: 'to revoke' } }), 201);
      return { linkId: r.body.link.id as string };
    },
  },
  // ── comments ──
  {
    name: 'add comment',
    method: 'POST',
    need: 'comment',
    path: (c) => `/api/maps/${c.mapId}/comments`,
    body: (c) => ({ targetKind: 'touchpoint', targetId: c.touchpointId, body: 'Looks right', author: 'Guest' }),
  },
  {
    name: 'resolve comment',
    method: 'PATCH',
    need: 'comment',
    path: (c, p) => `/api/maps/${c.mapId}/comments/${p.commentId}`,
    fresh: newComment,
    body: () => ({ resolved: true }),
  },
  {
    name: 'edit comment text',
    method: 'PATCH',
    need: 'edit',
    path: (c, p) => `/api/maps/${c.mapId}/comments/${p.commentId}`,
    fresh: newComment,
    body: () => ({ body: 'Edited' }),
  },
  { name: 'delete comment', method: 'DELETE', need: 'edit', path: (c, p) => `/api/maps/${c.mapId}/comments/${p.commentId}`, fresh: newComment },
  // ── dot votes ──
  { name: 'list votes', method: 'GET', need: 'view', path: (c) => `/api/maps/${c.mapId}/votes` },
  {
    name: 'start vote',
    method: 'POST',
    need: 'owner',
    path: (c) => `/api/maps/${c.mapId}/votes`,
    fresh: async (c) => {
      const list = await ok(owner(`/api/maps/${c.mapId}/votes`));
      const current = list.body.current as { id: string } | null;
      if (current) await ok(owner(`/api/maps/${c.mapId}/votes/${current.id}/close`, { method: 'POST', json: {} }));
      return {};
    },
    body: () => ({ targetKind: 'touchpoint', dotsPerPerson: 3 }),
  },
  {
    name: 'cast ballot',
    method: 'PUT',
    need: 'comment',
    path: (c, p) => `/api/maps/${c.mapId}/votes/${p.sessionId}/ballot`,
    fresh: (c) => newVote(c, 'touchpoint'),
    body: (c) => ({ participantId: 'participant-matrix', name: 'Guest', group: 'love', dots: { [c.touchpointId]: 2 } }),
  },
  {
    name: 'reveal vote',
    method: 'POST',
    need: 'owner',
    path: (c, p) => `/api/maps/${c.mapId}/votes/${p.sessionId}/reveal`,
    fresh: (c) => newVote(c, 'touchpoint'),
    body: () => ({}),
  },
  {
    name: 'close vote',
    method: 'POST',
    need: 'owner',
    path: (c, p) => `/api/maps/${c.mapId}/votes/${p.sessionId}/close`,
    fresh: (c) => newVote(c, 'touchpoint'),
    body: () => ({}),
  },
  {
    name: 'apply vote to MOTs',
    method: 'POST',
    need: 'owner',
    path: (c, p) => `/api/maps/${c.mapId}/votes/${p.sessionId}/apply`,
    fresh: (c) => newVote(c, 'mot', true),
    body: () => ({}),
  },
  // ── versions ──
  { name: 'list versions', method: 'GET', need: 'view', path: (c) => `/api/maps/${c.mapId}/versions` },
  { name: 'save version', method: 'POST', need: 'edit', path: (c) => `/api/maps/${c.mapId}/versions`, body: () => ({ name: 'Matrix', author: 'M' }) },
  { name: 'read version', method: 'GET', need: 'view', path: (c, p) => `/api/maps/${c.mapId}/versions/${p.versionId}`, fresh: newVersion },
  { name: 'compare version', method: 'GET', need: 'view', path: (c, p) => `/api/maps/${c.mapId}/versions/${p.versionId}/compare`, fresh: newVersion },
  {
    name: 'restore version',
    method: 'POST',
    need: 'edit',
    path: (c, p) => `/api/maps/${c.mapId}/versions/${p.versionId}/restore`,
    fresh: newVersion,
    body: () => ({ author: 'M' }),
  },
  // Last: deleting the map ends the row.
  { name: 'delete map', method: 'DELETE', need: 'owner', path: (c) => `/api/maps/${c.mapId}` },
];

async function makeLink(mapId: string, role: 'view' | 'comment' | 'edit'): Promise<{ id: string; token: string }> {
  const r = await ok(owner(`/api/maps/${mapId}/links`, { method: 'POST', json: { role, label: role } }), 201);
  return r.body.link as { id: string; token: string };
}

async function setup(): Promise<Ctx> {
  const { map } = await createMap(server, { locale: 'en', template: 'airline' });
  const other = await createMap(server, { locale: 'en', title: 'Another map' });
  const revoked = await makeLink(map.id, 'edit');
  await ok(owner(`/api/maps/${map.id}/links/${revoked.id}`, { method: 'DELETE' }));
  const touchpointId = (map.touchpoints as Array<{ id: string }>)[0]?.id;
  if (!touchpointId) throw new Error('the airline template should have touchpoints');
  return {
    map,
    mapId: map.id,
    touchpointId,
    tokens: {
      view: (await makeLink(map.id, 'view')).token,
      comment: (await makeLink(map.id, 'comment')).token,
      edit: (await makeLink(map.id, 'edit')).token,
      revoked: revoked.token,
      'other-map': (await makeLink(other.map.id, 'edit')).token,
    },
  };
}

function credentials(ctx: Ctx, cred: Cred): ApiInit['as'] {
  if (cred === 'owner') return 'owner';
  if (cred === 'none') return 'anonymous';
  if (cred === 'invalid') return { token: 'NotAValidTokenAtAll_0123456789abcdef' };
  return { token: ctx.tokens[cred] };
}

/** Everything a write could change: the maps list, the map, its links, votes and versions. */
async function state(ctx: Ctx): Promise<string> {
  const parts = [(await owner('/api/maps')).text, await snapshot(server, ctx.mapId)];
  for (const sub of ['links', 'votes', 'versions']) parts.push((await owner(`/api/maps/${ctx.mapId}/${sub}`)).text);
  return parts.join('\n---\n');
}

async function call(row: Row, ctx: Ctx, p: Params, as: ApiInit['as']): Promise<ApiResponse> {
  const path = row.path(ctx, p);
  if (row.stream) {
    // Read the status and headers of the stream, then hang up.
    const controller = new AbortController();
    const res = await fetch(server.baseUrl + path, { headers: as ? credentialHeaders(as) : {}, signal: controller.signal });
    const text = res.ok ? '' : await res.text();
    controller.abort();
    return { status: res.status, headers: res.headers, text, body: jsonOrUndefined(text) };
  }
  const body = row.body?.(ctx, p);
  return server.api(path, {
    method: row.method,
    as,
    ...(body !== undefined ? { json: body } : {}),
    ...(row.headers ? { headers: row.headers(ctx, p) } : {}),
  });
}

describe('every route × every kind of credentials', () => {
  it.each(ROWS.map((r) => [`${r.method} ${r.name}`, r] as const))('%s', async (_name, row) => {
    const ctx = await setup();
    const outcomes: string[] = [];
    const failures: string[] = [];
    for (const cred of CREDS) {
      const want = expected(row.need, cred);
      const p = row.fresh ? await row.fresh(ctx) : {};
      const isWrite = row.method !== 'GET';
      const before = want !== 'ok' && isWrite ? await state(ctx) : null;
      const res = await call(row, ctx, p, credentials(ctx, cred));
      outcomes.push(`${cred}: ${res.status}`);
      const good = want === 'ok' ? res.status >= 200 && res.status < 300 : res.status === want;
      if (!good) failures.push(`${cred}: expected ${want}, got ${res.status} ${res.text.slice(0, 300)}`);
      if (want !== 'ok') {
        // A refusal is a JSON error, never an empty or HTML page.
        if (typeof res.body?.error !== 'string') failures.push(`${cred}: refusal without a JSON error: ${res.text.slice(0, 200)}`);
        if (before !== null) {
          const after = await state(ctx);
          if (after !== before) failures.push(`${cred}: a refused ${row.method} changed stored data`);
        }
      }
    }
    expect(failures, outcomes.join(', ')).toEqual([]);
  });

  it('covers every map route the server has', async () => {
    // The route files list their paths in route(app, '…'); each must appear in the matrix.
    const { readdirSync, readFileSync } = await import('node:fs');
    const dir = new URL('../../server/http/routes/', import.meta.url);
    const paths = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .flatMap((f) => [...readFileSync(new URL(f, dir), 'utf8').matchAll(/route\(app, '(\/api\/maps[^']*)'/g)].map((m) => m[1] ?? ''));
    const ctx: Ctx = { map: { stages: [{ id: 'S' }] }, mapId: ':id', touchpointId: 'T', tokens: {} as Ctx['tokens'] };
    const params: Params = { linkId: ':linkId', commentId: ':commentId', sessionId: ':sessionId', versionId: ':versionId' };
    const covered = new Set(ROWS.map((r) => r.path(ctx, params).split('?')[0]));
    expect(paths.length).toBeGreaterThan(10);
    expect(paths.filter((p) => !covered.has(p))).toEqual([]);
  });
});

describe('workspace sign-in (WORKSPACE_KEY set: localhost is not trusted)', () => {
  it('answers 401 to GET /api/session without credentials, even from this machine', async () => {
    const res = await server.api('/api/session', { as: 'anonymous' });
    expect(res.status).toBe(401);
    expect(res.body.details.reason).toBe('no-credentials');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect((await server.api('/api/maps', { as: 'anonymous' })).status).toBe(401);
  });

  it('refuses a wrong key and signs in with the right one (HttpOnly cookie)', async () => {
    const wrong = await server.api('/api/session', { method: 'POST', as: 'anonymous', json: { key: 'not-the-key' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const right = await server.api('/api/session', { method: 'POST', as: 'anonymous', json: { key: TEST_WORKSPACE_KEY } });
    expect(right.status).toBe(200);
    expect(right.body).toEqual({ role: 'owner', workspaceKey: TEST_WORKSPACE_KEY });
    const cookie = right.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^mot_ws=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const jar = cookie.split(';')[0] ?? '';
    const session = await server.api('/api/session', { as: 'anonymous', headers: { cookie: jar } });
    expect(session.status).toBe(200);
    expect((await server.api('/api/maps', { as: 'anonymous', headers: { cookie: jar } })).status).toBe(200);
    // A wrong cookie is nobody.
    expect((await server.api('/api/maps', { as: 'anonymous', headers: { cookie: 'mot_ws=guess' } })).status).toBe(401);
  });

  it('never upgrades a share token with the workspace cookie', async () => {
    const { map, version } = await createMap(server, { locale: 'en', title: 'Cookie and token' });
    const view = await makeLink(map.id, 'view');
    const cookie = `mot_ws=${encodeURIComponent(TEST_WORKSPACE_KEY)}`;
    const before = await snapshot(server, map.id);
    const res = await server.api(`/api/maps/${map.id}`, {
      method: 'PATCH',
      as: { token: view.token },
      headers: { cookie },
      json: { title: 'Upgraded?' },
    });
    expect(res.status).toBe(403);
    expect(await snapshot(server, map.id)).toBe(before);
    const session = await server.api('/api/session', { as: { token: view.token }, headers: { cookie } });
    expect(session.body).toEqual({ role: 'view', mapId: map.id });
    expect(version).toBe(1);
  });

  it('trusts this machine only when TRUST_LOCALHOST is on, and never through a proxy', async () => {
    const trusting = await startServer({ env: { TRUST_LOCALHOST: 'true' } });
    try {
      const direct = await request(trusting.baseUrl, '/api/session', { as: 'anonymous' });
      expect(direct.status).toBe(200);
      expect(direct.body.role).toBe('owner');
      expect(direct.headers.get('set-cookie')).toMatch(/^mot_ws=/);
      const proxied = await request(trusting.baseUrl, '/api/session', { as: 'anonymous', headers: { 'X-Forwarded-For': '203.0.113.9' } });
      expect(proxied.status).toBe(401);
      // Only the session route signs in: other routes still need the cookie or a token.
      expect((await request(trusting.baseUrl, '/api/maps', { as: 'anonymous' })).status).toBe(401);
    } finally {
      await trusting.dispose();
    }
  });
});

describe('share links', () => {
  it('tell what they open; revoked and unknown ones say why', async () => {
    const { map } = await createMap(server, { locale: 'en', title: 'Shared map' });
    const link = await makeLink(map.id, 'comment');
    const open = await server.api(`/api/share/${link.token}`, { as: 'anonymous' });
    expect(open.status).toBe(200);
    expect(open.body).toEqual({ mapId: map.id, role: 'comment', label: 'comment', title: 'Shared map' });
    expect((await server.api(`/api/session`, { as: { token: link.token } })).body).toEqual({ role: 'comment', mapId: map.id });

    const list = await ok(owner(`/api/maps/${map.id}/links`));
    expect(list.body.links).toEqual([expect.objectContaining({ id: link.id, role: 'comment', label: 'comment', revokedAt: null, path: `/s/${link.token}` })]);

    await ok(owner(`/api/maps/${map.id}/links/${link.id}`, { method: 'DELETE' }));
    const revoked = await server.api(`/api/share/${link.token}`, { as: 'anonymous' });
    expect(revoked.status).toBe(401);
    expect(revoked.body.details.reason).toBe('revoked');
    const unknown = await server.api(`/api/share/${'x'.repeat(43)}`, { as: 'anonymous' });
    expect(unknown.status).toBe(401);
    expect(unknown.body.details.reason).toBe('unknown-token');
    expect((await server.api('/api/share/short', { as: 'anonymous' })).status).toBe(401);
    // Revoking twice is fine; another map's link id is not found.
    await ok(owner(`/api/maps/${map.id}/links/${link.id}`, { method: 'DELETE' }));
    const other = await createMap(server, { locale: 'en', title: 'Other' });
    expect((await owner(`/api/maps/${other.map.id}/links/${link.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuse bad link input with a clear 400', async () => {
    const { map } = await createMap(server, { locale: 'en' });
    const bad = await owner(`/api/maps/${map.id}/links`, { method: 'POST', json: { role: 'owner' } });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('role');
    const long = await owner(`/api/maps/${map.id}/links`, { method: 'POST', json: { role: 'view', label: 'x'.repeat(81) } });
    expect(long.status).toBe(400);
    expect((await owner(`/api/maps/nope-${Date.now()}/links`, { method: 'POST', json: { role: 'view' } })).status).toBe(404);
  });

  it('revocation works at once for new requests and closes open event streams', async () => {
    const { map } = await createMap(server, { locale: 'en', title: 'Revoke me' });
    const edit = await makeLink(map.id, 'edit');
    const view = await makeLink(map.id, 'view');
    const asEdit = { token: edit.token };
    expect((await server.api(`/api/maps/${map.id}`, { as: asEdit })).status).toBe(200);

    const editStream = await openEvents(server, map.id, { headers: { authorization: `Bearer ${edit.token}` } });
    const viewStream = await openEvents(server, map.id, { headers: { authorization: `Bearer ${view.token}` } });
    const ownerStream = await openEvents(server, map.id);
    try {
      expect(editStream.status).toBe(200);
      await editStream.waitFor((f) => f.event === 'hello');
      await viewStream.waitFor((f) => f.event === 'hello');
      await ownerStream.waitFor((f) => f.event === 'hello');

      await ok(owner(`/api/maps/${map.id}/links/${edit.id}`, { method: 'DELETE' }));
      // The holder's stream is told and ended by the server.
      await editStream.waitFor((f) => f.event === 'revoked');
      await expect.poll(() => editStream.ended(), { timeout: 5000 }).toBe(true);
      // The very next request is refused; nothing was written.
      const before = await snapshot(server, map.id);
      const write = await server.api(`/api/maps/${map.id}`, { method: 'PATCH', as: asEdit, json: { title: 'Too late' } });
      expect(write.status).toBe(401);
      expect(write.body.details.reason).toBe('revoked');
      expect((await server.api(`/api/maps/${map.id}`, { as: asEdit })).status).toBe(401);
      const reopened = await openEvents(server, map.id, { headers: { authorization: `Bearer ${edit.token}` } });
      expect(reopened.status).toBe(401);
      expect(await snapshot(server, map.id)).toBe(before);

      // Other links and the owner keep their streams.
      await new Promise((r) => setTimeout(r, 300));
      expect(viewStream.ended()).toBe(false);
      expect(ownerStream.ended()).toBe(false);
      expect((await server.api(`/api/maps/${map.id}`, { as: { token: view.token } })).status).toBe(200);
    } finally {
      editStream.close();
      viewStream.close();
      ownerStream.close();
    }
  });
});
