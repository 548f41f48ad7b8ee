/** Comment threads: POST/PATCH/DELETE /api/maps/:id/comments[/:commentId] against the real server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server';
import { createMap, snapshot, type Doc } from './helpers/maps';
import { openEvents } from './helpers/events';

let server: TestServer;
let map: Doc;
let other: Doc;
const tokens: Record<'view' | 'comment' | 'edit', string> = { view: '', comment: '', edit: '' };

async function link(mapId: string, role: 'view' | 'comment' | 'edit'): Promise<string> {
  const res = await server.api(`/api/maps/${mapId}/links`, { method: 'POST', json: { role, label: `${role} test` } });
  expect(res.status, res.text).toBe(201);
  return res.body.link.token as string;
}

async function current(mapId: string): Promise<Doc> {
  const res = await server.api(`/api/maps/${mapId}`);
  expect(res.status, res.text).toBe(200);
  return res.body.map;
}

const card = () => map.touchpoints[0] as { id: string };
const stage = () => map.stages[0] as { id: string };

async function post(json: unknown, as: 'owner' | { token: string } = 'owner', mapId = map.id as string) {
  return server.api(`/api/maps/${mapId}/comments`, { method: 'POST', json, as });
}

beforeAll(async () => {
  server = await startServer();
  map = (await createMap(server, { locale: 'en', template: 'airline' })).map;
  other = (await createMap(server, { locale: 'en', template: 'hotel' })).map;
  for (const role of ['view', 'comment', 'edit'] as const) tokens[role] = await link(map.id, role);
});
afterAll(async () => {
  await server?.dispose();
});

describe('POST /api/maps/:id/comments', () => {
  it('adds a thread and a reply, with ids, times and resolved made by the server', async () => {
    const before = await server.api(`/api/maps/${map.id}`);
    const res = await post({ targetKind: 'touchpoint', targetId: card().id, body: '  Why is check-in so slow?  ', author: ' Ana ' });
    expect(res.status, res.text).toBe(201);
    const root = res.body.comment;
    expect(root).toMatchObject({ targetKind: 'touchpoint', targetId: card().id, parentId: null, body: 'Why is check-in so slow?', author: 'Ana', resolved: false });
    expect(root.id).toMatch(/^[A-Za-z0-9]{21}$/);
    expect(Date.parse(root.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(res.body.version).toBe(Number(before.headers.get('etag')?.replace(/"/g, '')) + 1);

    const reply = await post({ targetKind: 'touchpoint', targetId: card().id, parentId: root.id, body: 'Queue at bag drop', author: 'Bo' });
    expect(reply.status, reply.text).toBe(201);
    expect(reply.body.comment.parentId).toBe(root.id);

    const doc = await current(map.id);
    expect(doc.comments.map((c: Doc) => c.id)).toEqual(expect.arrayContaining([root.id, reply.body.comment.id]));
  });

  it('comments on stages and Moments of Truth too', async () => {
    const s = await post({ targetKind: 'stage', targetId: stage().id, body: 'Stage note', author: 'Ana' });
    expect(s.status, s.text).toBe(201);
    const mot = map.mots[0] as { id: string };
    const m = await post({ targetKind: 'mot', targetId: mot.id, body: 'Is this really a MOT?', author: 'Ana' });
    expect(m.status, m.text).toBe(201);
  });

  it('stores script as plain text and answers it unchanged', async () => {
    const body = '<script>alert(1)</script> <img src=x onerror="alert(2)"> & "quotes"';
    const res = await post({ targetKind: 'touchpoint', targetId: card().id, body, author: '<b>Eve</b>' });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const stored = (await current(map.id)).comments.find((c: Doc) => c.id === res.body.comment.id);
    expect(stored.body).toBe(body);
    expect(stored.author).toBe('<b>Eve</b>');
  });

  it('refuses invalid bodies with 400 and details, changing nothing', async () => {
    const before = await snapshot(server, map.id);
    const cases: Array<[unknown, string]> = [
      [{ targetKind: 'touchpoint', targetId: card().id, body: '   ', author: 'Ana' }, 'body'],
      [{ targetKind: 'touchpoint', targetId: card().id, body: 'x'.repeat(2001), author: 'Ana' }, 'body'],
      [{ targetKind: 'touchpoint', targetId: card().id, body: 'ok', author: '' }, 'author'],
      [{ targetKind: 'touchpoint', targetId: card().id, body: 'ok', author: 'a'.repeat(81) }, 'author'],
      [{ targetKind: 'lane', targetId: card().id, body: 'ok', author: 'Ana' }, 'targetKind'],
      [{ targetKind: 'touchpoint', targetId: 'no spaces allowed', body: 'ok', author: 'Ana' }, 'targetId'],
      [{ targetKind: 'touchpoint', targetId: card().id, body: 'ok', author: 'Ana', resolved: true }, ''],
      [{ targetKind: 'touchpoint', targetId: card().id, body: 42, author: 'Ana' }, 'body'],
    ];
    for (const [json, path] of cases) {
      const res = await post(json);
      expect(res.status, JSON.stringify(json)).toBe(400);
      expect(res.body.error).toEqual(expect.any(String));
      expect(res.body.details.map((d: Doc) => d.path).join(','), JSON.stringify(json)).toContain(path);
    }
    // 2000 characters is fine.
    expect((await post({ targetKind: 'stage', targetId: stage().id, body: 'y'.repeat(2000), author: 'Ana' })).status).toBe(201);
    const after = await snapshot(server, map.id);
    expect(after).not.toBe(before);
  });

  it('refuses unknown targets and bad replies with a clear 400', async () => {
    const before = await snapshot(server, map.id);
    const unknown = await post({ targetKind: 'touchpoint', targetId: 'nope', body: 'hi', author: 'Ana' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error).toMatch(/no card \(touchpoint\) "nope"/);
    expect(unknown.body.details).toEqual([{ path: 'targetId', message: expect.stringContaining('nope') }]);
    // A card id given as a stage.
    expect((await post({ targetKind: 'stage', targetId: card().id, body: 'hi', author: 'Ana' })).status).toBe(400);

    const root = (await post({ targetKind: 'stage', targetId: stage().id, body: 'root', author: 'Ana' })).body.comment;
    const reply = (await post({ targetKind: 'stage', targetId: stage().id, parentId: root.id, body: 'reply', author: 'Ana' })).body.comment;
    const before2 = await snapshot(server, map.id);
    const nested = await post({ targetKind: 'stage', targetId: stage().id, parentId: reply.id, body: 'reply to reply', author: 'Ana' });
    expect(nested.status).toBe(400);
    expect(nested.body.details[0].path).toBe('parentId');
    const elsewhere = await post({ targetKind: 'touchpoint', targetId: card().id, parentId: root.id, body: 'wrong target', author: 'Ana' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error).toMatch(/same card, stage or Moment of Truth/);
    const missing = await post({ targetKind: 'stage', targetId: stage().id, parentId: 'gone', body: 'x', author: 'Ana' });
    expect(missing.status).toBe(400);
    expect(await snapshot(server, map.id)).toBe(before2);
    expect(before).not.toBe(before2);
  });

  it('answers 404 for an unknown map and 401 without credentials', async () => {
    const res = await post({ targetKind: 'stage', targetId: 'x', body: 'hi', author: 'Ana' }, 'owner', 'NoSuchMap123');
    expect(res.status).toBe(404);
    expect(res.body.error).toBe('Map not found');
    const anon = await server.api(`/api/maps/${map.id}/comments`, { method: 'POST', json: { targetKind: 'stage', targetId: stage().id, body: 'x', author: 'A' }, as: 'anonymous' });
    expect(anon.status).toBe(401);
  });

  it('lets comment and edit links comment; view links get 403; links of other maps 404', async () => {
    const json = { targetKind: 'touchpoint', targetId: card().id, body: 'guest note', author: 'Guest G' };
    expect((await post(json, { token: tokens.comment })).status).toBe(201);
    expect((await post(json, { token: tokens.edit })).status).toBe(201);
    const before = await snapshot(server, map.id);
    const view = await post(json, { token: tokens.view });
    expect(view.status).toBe(403);
    expect(view.body.error).toMatch(/cannot comment/);
    expect(await snapshot(server, map.id)).toBe(before);
    const otherToken = await link(other.id, 'comment');
    expect((await post(json, { token: otherToken })).status).toBe(404);
  });
});

describe('PATCH /api/maps/:id/comments/:commentId', () => {
  it('resolves and reopens a thread (comment role), edits text only with edit role', async () => {
    const root = (await post({ targetKind: 'touchpoint', targetId: card().id, body: 'resolve me', author: 'Ana' })).body.comment;
    const patch = (json: unknown, as: 'owner' | { token: string } = 'owner', id = root.id as string) =>
      server.api(`/api/maps/${map.id}/comments/${id}`, { method: 'PATCH', json, as });

    const resolved = await patch({ resolved: true, author: 'Guest G' }, { token: tokens.comment });
    expect(resolved.status, resolved.text).toBe(200);
    expect(resolved.body.comment).toMatchObject({ id: root.id, resolved: true, body: 'resolve me' });
    expect((await current(map.id)).comments.find((c: Doc) => c.id === root.id).resolved).toBe(true);
    const reopened = await patch({ resolved: false }, { token: tokens.comment });
    expect(reopened.status).toBe(200);
    expect(reopened.body.comment.resolved).toBe(false);

    // Text edits: not for comment or view links.
    const denied = await patch({ body: 'rewritten' }, { token: tokens.comment });
    expect(denied.status).toBe(403);
    expect((await patch({ resolved: true }, { token: tokens.view })).status).toBe(403);
    const edited = await patch({ body: '  rewritten  ' }, { token: tokens.edit });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.comment.body).toBe('rewritten');
    expect((await patch({ body: 'by the owner' })).body.comment.body).toBe('by the owner');

    // Same value again: nothing is written.
    const v = (await patch({ resolved: false })).body.version;
    expect((await patch({ resolved: false })).body.version).toBe(v);
  });

  it('validates the patch', async () => {
    const root = (await post({ targetKind: 'stage', targetId: stage().id, body: 'p', author: 'Ana' })).body.comment;
    const reply = (await post({ targetKind: 'stage', targetId: stage().id, parentId: root.id, body: 'r', author: 'Ana' })).body.comment;
    const url = (id: string) => `/api/maps/${map.id}/comments/${id}`;
    expect((await server.api(url(root.id), { method: 'PATCH', json: {} })).status).toBe(400);
    expect((await server.api(url(root.id), { method: 'PATCH', json: { resolved: 'yes' } })).body.details[0].path).toBe('resolved');
    expect((await server.api(url(root.id), { method: 'PATCH', json: { body: '' } })).status).toBe(400);
    expect((await server.api(url(root.id), { method: 'PATCH', json: { body: 'x', extra: 1 } })).status).toBe(400);
    const replyResolve = await server.api(url(reply.id), { method: 'PATCH', json: { resolved: true } });
    expect(replyResolve.status).toBe(400);
    expect(replyResolve.body.error).toMatch(/Only a thread can be resolved/);
    expect((await server.api(url('unknownComment'), { method: 'PATCH', json: { resolved: true } })).status).toBe(404);
    expect((await server.api(`/api/maps/NoSuchMap123/comments/${root.id}`, { method: 'PATCH', json: { resolved: true } })).status).toBe(404);
  });
});

describe('DELETE /api/maps/:id/comments/:commentId', () => {
  it('deletes a reply alone, and a thread with its replies; edit role and up', async () => {
    const root = (await post({ targetKind: 'touchpoint', targetId: card().id, body: 'to delete', author: 'Ana' })).body.comment;
    const r1 = (await post({ targetKind: 'touchpoint', targetId: card().id, parentId: root.id, body: 'r1', author: 'Ana' })).body.comment;
    const r2 = (await post({ targetKind: 'touchpoint', targetId: card().id, parentId: root.id, body: 'r2', author: 'Ana' })).body.comment;
    const del = (id: string, as: 'owner' | { token: string } = 'owner') => server.api(`/api/maps/${map.id}/comments/${id}`, { method: 'DELETE', as });

    expect((await del(r1.id, { token: tokens.comment })).status).toBe(403);
    expect((await del(r1.id, { token: tokens.view })).status).toBe(403);
    const one = await del(r1.id, { token: tokens.edit });
    expect(one.status, one.text).toBe(200);
    expect(one.body.removed).toBe(1);
    let ids = (await current(map.id)).comments.map((c: Doc) => c.id);
    expect(ids).toContain(root.id);
    expect(ids).not.toContain(r1.id);

    const all = await del(root.id);
    expect(all.status).toBe(200);
    expect(all.body.removed).toBe(2);
    ids = (await current(map.id)).comments.map((c: Doc) => c.id);
    expect(ids).not.toContain(root.id);
    expect(ids).not.toContain(r2.id);
    expect((await del(root.id)).status).toBe(404);
  });
});

describe('live', () => {
  it('broadcasts every comment change as an op on the events stream', async () => {
    const events = await openEvents(server, map.id, { headers: { authorization: `Bearer ${tokens.view}` } });
    try {
      expect(events.status).toBe(200);
      await events.waitFor((f) => f.event === 'hello');
      const created = await post({ targetKind: 'touchpoint', targetId: card().id, body: 'live one', author: 'Live Lu' }, { token: tokens.comment });
      expect(created.status).toBe(201);
      const op = await events.waitFor((f) => f.event === 'op' && f.data.version === created.body.version);
      expect(op.data.author).toBe('Live Lu');
      expect(op.data.clientId).toBeNull();
      expect(JSON.stringify(op.data.changeset)).toContain(created.body.comment.id);
      expect(JSON.stringify(op.data.changeset)).toContain('live one');

      const resolved = await server.api(`/api/maps/${map.id}/comments/${created.body.comment.id}`, { method: 'PATCH', json: { resolved: true } });
      await events.waitFor((f) => f.event === 'op' && f.data.version === resolved.body.version);
      const deleted = await server.api(`/api/maps/${map.id}/comments/${created.body.comment.id}`, { method: 'DELETE' });
      await events.waitFor((f) => f.event === 'op' && f.data.version === deleted.body.version);
    } finally {
      events.close();
    }
  });
});

describe('deleting what comments are on', () => {
  it('a whole-map save that deletes a commented card must drop its comments too (the schema refuses dangling comments)', async () => {
    const fresh = (await createMap(server, { locale: 'en', template: 'airline' })).map;
    const target = fresh.touchpoints[1];
    const c = await post({ targetKind: 'touchpoint', targetId: target.id, body: 'on a card', author: 'Ana' }, 'owner', fresh.id);
    expect(c.status).toBe(201);
    const got = await server.api(`/api/maps/${fresh.id}`);
    const doc = got.body.map;
    const version = Number(got.headers.get('etag')?.replace(/"/g, ''));
    const withoutCard = { ...doc, touchpoints: doc.touchpoints.filter((t: Doc) => t.id !== target.id), mots: doc.mots.filter((m: Doc) => m.touchpointId !== target.id) };
    const dangling = await server.api(`/api/maps/${fresh.id}`, { method: 'PUT', json: { map: withoutCard }, headers: { 'If-Match': `"${version}"` } });
    expect(dangling.status).toBe(400);
    expect(JSON.stringify(dangling.body.details)).toMatch(/comments/);
    const clean = { ...withoutCard, comments: doc.comments.filter((x: Doc) => x.targetId !== target.id) };
    const ok = await server.api(`/api/maps/${fresh.id}`, { method: 'PUT', json: { map: clean }, headers: { 'If-Match': `"${version}"` } });
    expect(ok.status, ok.text).toBe(200);
  });
});
