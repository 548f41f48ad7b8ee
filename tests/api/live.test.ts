/**
 * Live operations against the real server: three-way merge in server order, idempotent resends,
 * validation, the events stream (order, replay after reconnect, gaps), presence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffDocs } from '../../src/store/history';
import { startServer, type TestServer } from './helpers/server';
import { createMap, newOpId, retitle, snapshot, type Doc } from './helpers/maps';
import { openEvents } from './helpers/events';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
}, 120_000);
afterAll(async () => {
  await server?.dispose();
});

const opId = () => newOpId('test');

async function sendOp(mapId: string, base: Doc, next: Doc, extra: Record<string, unknown> = {}) {
  return server.api(`/api/maps/${mapId}/ops`, {
    method: 'POST',
    json: { opId: opId(), clientId: 'client-aaaa', baseVersion: 1, author: 'Ana', changeset: diffDocs(base, next), ...extra },
  });
}

describe('live operations', () => {
  it('merges concurrent changes to different cards and keeps the first of two changes to the same title', async () => {
    const { map } = await createMap(server, { template: 'airline', locale: 'en' });
    // Both clients start from version 1.
    const a = await sendOp(map.id, map, retitle(map, 0, 'A title'));
    expect(a.status, a.text).toBe(200);
    expect(a.body).toEqual({ version: 2, lost: [], duplicate: false });
    const b = await sendOp(map.id, map, retitle(map, 1, 'B title'));
    expect(b.body).toMatchObject({ version: 3, lost: [] });
    // Same title as A changed, from the old value: A reached the server first, A's value is kept.
    const c = await sendOp(map.id, map, retitle(map, 0, 'C title'));
    expect(c.body.version).toBe(3);
    expect(c.body.lost).toEqual([`touchpoints/${map.touchpoints[0].id}/title`]);
    const now = (await server.api(`/api/maps/${map.id}`)).body.map;
    expect(now.touchpoints[0].title).toBe('A title');
    expect(now.touchpoints[1].title).toBe('B title');
  });

  it('applies a resent operation once', async () => {
    const { map } = await createMap(server, { template: 'hotel', locale: 'zh-CN' });
    const body = { opId: opId(), clientId: 'client-bbbb', baseVersion: 1, author: '', changeset: diffDocs(map, retitle(map, 0, '重发')) };
    const first = await server.api(`/api/maps/${map.id}/ops`, { method: 'POST', json: body });
    const again = await server.api(`/api/maps/${map.id}/ops`, { method: 'POST', json: body });
    expect(first.body).toMatchObject({ version: 2, duplicate: false });
    expect(again.body).toMatchObject({ version: 2, duplicate: true });
  });

  it('refuses an operation that would break the map, with a clear message, and changes nothing', async () => {
    const { map } = await createMap(server, { template: 'airline', locale: 'en' });
    const before = await snapshot(server, map.id);
    const orphan = { ...map, touchpoints: map.touchpoints.map((t: Doc, i: number) => (i === 0 ? { ...t, stageId: 'nosuchstage000000000000' } : t)) };
    const res = await sendOp(map.id, map, orphan);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatch(/cannot be applied/);
    expect(res.body.details.length).toBeGreaterThan(0);
    expect(await snapshot(server, map.id)).toBe(before);
    // Malformed change sets are 400s.
    const bad = await server.api(`/api/maps/${map.id}/ops`, { method: 'POST', json: { opId: 'x', changeset: {} } });
    expect(bad.status).toBe(400);
    const fields = await server.api(`/api/maps/${map.id}/ops`, {
      method: 'POST',
      json: { opId: opId(), clientId: 'client-cccc', baseVersion: 1, changeset: { fields: [{ key: 'id', after: 'x' }], collections: [] } },
    });
    expect(fields.status).toBe(400);
    expect(await snapshot(server, map.id)).toBe(before);
    const unknown = await sendOp('AAAAAAAAAAAAAAAAAAAAA', map, retitle(map, 0, 'x'));
    expect(unknown.status).toBe(404);
  });

  it('streams operations in order, replays what a reconnecting client missed, and resets after a gap', async () => {
    const { map } = await createMap(server, { template: 'airline', locale: 'en' });
    const stream = await openEvents(server, map.id, { clientId: 'client-stream1' });
    expect(stream.status).toBe(200);
    const hello = await stream.waitFor((f) => f.event === 'hello');
    expect(hello.data).toMatchObject({ version: 1, role: 'owner' });
    await stream.waitFor((f) => f.event === 'roster');
    let doc = map;
    for (let i = 0; i < 5; i++) {
      const next = retitle(doc, i, `Step ${i}`);
      expect((await sendOp(map.id, doc, next)).status).toBe(200);
      doc = next;
    }
    await stream.waitFor((f) => f.event === 'op' && f.data.version === 6);
    const versions = stream.frames.filter((f) => f.event === 'op').map((f) => f.data.version);
    expect(versions).toEqual([2, 3, 4, 5, 6]);
    const op = stream.frames.find((f) => f.event === 'op');
    expect(op?.data.author).toBe('Ana');
    expect(op?.data.changeset.collections[0].key).toBe('touchpoints');
    stream.close();

    // Reconnect from version 3: versions 4..6 are replayed.
    const again = await openEvents(server, map.id, { since: 3 });
    await again.waitFor((f) => f.event === 'roster');
    expect(again.frames.filter((f) => f.event === 'op').map((f) => f.data.version)).toEqual([4, 5, 6]);
    again.close();

    // A whole-document save is announced as a reset.
    const watch = await openEvents(server, map.id);
    await watch.waitFor((f) => f.event === 'roster');
    const current = (await server.api(`/api/maps/${map.id}`)).body;
    await server.api(`/api/maps/${map.id}`, { method: 'PUT', json: { map: { ...current.map, title: 'Saved whole' } }, headers: { 'If-Match': `"${current.version}"` } });
    const reset = await watch.waitFor((f) => f.event === 'reset');
    expect(reset.data).toMatchObject({ version: 7, reason: 'saved' });
    watch.close();

    // Asking for versions the log cannot replay (the PUT is not in the op log) gives a reset.
    const gap = await openEvents(server, map.id, { since: 5 });
    const r = await gap.waitFor((f) => f.event === 'reset');
    expect(r.data.reason).toBe('gap');
    gap.close();
  });

  it('shares presence: a newcomer gets the roster, leaving is announced', async () => {
    const { map } = await createMap(server, { template: 'hotel', locale: 'en' });
    const a = await openEvents(server, map.id, { clientId: 'client-presA' });
    await a.waitFor((f) => f.event === 'roster');
    const put = await server.api(`/api/maps/${map.id}/presence`, {
      method: 'POST',
      json: { clientId: 'client-presA', name: 'Ana', color: '#1f77b4', selection: [map.touchpoints[0].id], cursor: { x: 10, y: 20 } },
    });
    expect(put.status).toBe(204);
    await a.waitFor((f) => f.event === 'presence' && f.data.participant.name === 'Ana');
    const b = await openEvents(server, map.id, { clientId: 'client-presB' });
    const roster = await b.waitFor((f) => f.event === 'roster');
    expect(roster.data.participants).toEqual([
      expect.objectContaining({ clientId: 'client-presA', name: 'Ana', role: 'owner', selection: [map.touchpoints[0].id] }),
    ]);
    a.close();
    await b.waitFor((f) => f.event === 'left' && f.data.clientId === 'client-presA');
    b.close();
    const bad = await server.api(`/api/maps/${map.id}/presence`, { method: 'POST', json: { clientId: 'short', color: 'red' } });
    expect(bad.status).toBe(400);
  });

  it('a page that said goodbye stays gone: its announcement arriving late is dropped, a stream that merely closed can come back', async () => {
    const { map } = await createMap(server, { template: 'hotel', locale: 'en' });
    const presence = (clientId: string, name: string) =>
      server.api(`/api/maps/${map.id}/presence`, { method: 'POST', json: { clientId, name, color: '#1f77b4', selection: [], cursor: null } });
    const watch = await openEvents(server, map.id, { clientId: 'client-watch' });
    await watch.waitFor((f) => f.event === 'roster');
    expect((await presence('client-gone1', 'Bo')).status).toBe(204);
    await watch.waitFor((f) => f.event === 'presence' && f.data.participant.clientId === 'client-gone1');
    // The page hides: DELETE (final); an announcement it sent just before arrives afterwards.
    const bye = await server.api(`/api/maps/${map.id}/presence?clientId=client-gone1`, { method: 'DELETE' });
    expect(bye.status).toBe(204);
    const left = await watch.waitFor((f) => f.event === 'left' && f.data.clientId === 'client-gone1');
    expect(left.data.final).toBe(true);
    expect((await presence('client-gone1', 'Bo')).status).toBe(204);
    // A reconnecting page (its old stream closed, no goodbye) announces itself again and is back.
    const s = await openEvents(server, map.id, { clientId: 'client-back1' });
    await s.waitFor((f) => f.event === 'roster');
    s.close();
    await watch.waitFor((f) => f.event === 'left' && f.data.clientId === 'client-back1');
    expect((await presence('client-back1', 'Cy')).status).toBe(204);
    await watch.waitFor((f) => f.event === 'presence' && f.data.participant.clientId === 'client-back1');
    const late = await openEvents(server, map.id, { clientId: 'client-late' });
    const roster = await late.waitFor((f) => f.event === 'roster');
    const ids = (roster.data.participants as { clientId: string }[]).map((p) => p.clientId);
    expect(ids).toContain('client-back1');
    expect(ids).not.toContain('client-gone1');
    // Only the first announcement was broadcast, not the late one.
    expect(watch.frames.filter((f) => f.event === 'presence' && f.data.participant.clientId === 'client-gone1')).toHaveLength(1);
    late.close();
    watch.close();
  });

  it('tells open streams when the map is deleted, and ends them', async () => {
    const { map } = await createMap(server, { template: 'hotel', locale: 'en' });
    const s = await openEvents(server, map.id);
    await s.waitFor((f) => f.event === 'roster');
    expect((await server.api(`/api/maps/${map.id}`, { method: 'DELETE' })).status).toBe(204);
    await s.waitFor((f) => f.event === 'deleted');
    await expect.poll(() => s.ended()).toBe(true);
  });
});

describe('live operations racing a delete', () => {
  it('a delete made before a comment arrived still applies, and the orphaned comment goes with the card', async () => {
    const { map } = await createMap(server, { template: 'airline', locale: 'en' });
    const card = map.touchpoints[0];
    // A comment lands on the card (version 2) ...
    const c = await server.api(`/api/maps/${map.id}/comments`, {
      method: 'POST',
      json: { targetKind: 'touchpoint', targetId: card.id, body: 'Queue is too long', author: 'Guest' },
    });
    expect(c.status, c.text).toBe(201);
    // ... while an editor who had not seen it deletes the card (with its MOTs and comments as of version 1).
    const without = {
      ...map,
      touchpoints: map.touchpoints.filter((t: Doc) => t.id !== card.id),
      mots: map.mots.filter((m: Doc) => m.touchpointId !== card.id),
      comments: map.comments.filter((x: Doc) => x.targetId !== card.id),
    };
    const res = await sendOp(map.id, map, without);
    expect(res.status, res.text).toBe(200);
    const now = (await server.api(`/api/maps/${map.id}`)).body.map;
    expect(now.touchpoints.find((t: Doc) => t.id === card.id)).toBeUndefined();
    expect(now.comments.filter((x: Doc) => x.targetId === card.id)).toEqual([]);
  });
});
