/** Weighted dot voting through the real server: lifecycle, hidden ballots, validation, roles, apply. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server';
import { createMap, type Doc } from './helpers/maps';
import { openEvents } from './helpers/events';

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.dispose();
});

async function link(mapId: string, role: 'view' | 'comment' | 'edit'): Promise<{ token: string }> {
  const res = await server.api(`/api/maps/${mapId}/links`, { method: 'POST', json: { role } });
  expect(res.status, res.text).toBe(201);
  return { token: res.body.link.token as string };
}

async function airline(): Promise<Doc> {
  return (await createMap(server, { locale: 'en', template: 'airline' })).map;
}

const P1 = 'participant-one';
const P2 = 'participant-two';
const P3 = 'participant-three';

describe('dot voting', () => {
  it('runs a whole MOT vote: start, hidden ballots, reveal with weighted ranking, apply once, close', async () => {
    const map = await airline();
    const [m1, m2] = map.mots as Array<{ id: string; votes: Record<string, number> }>;
    if (!m1 || !m2) throw new Error('the airline template has MOTs');
    const comment = await link(map.id, 'comment');
    const edit = await link(map.id, 'edit');
    const events = await openEvents(server, map.id);

    const empty = await server.api(`/api/maps/${map.id}/votes`);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ current: null, past: [] });

    const start = await server.api(`/api/maps/${map.id}/votes`, { method: 'POST', json: { targetKind: 'mot', dotsPerPerson: 5, title: ' Pick MOTs ' } });
    expect(start.status, start.text).toBe(201);
    const session = start.body.session;
    expect(session).toMatchObject({ targetKind: 'mot', dotsPerPerson: 5, title: 'Pick MOTs', status: 'open', voters: 0, results: null, appliedAt: null });
    await events.waitFor((f) => f.event === 'votes' && f.data.sessionId === session.id);

    // one active vote per map
    const second = await server.api(`/api/maps/${map.id}/votes`, { method: 'POST', json: { targetKind: 'touchpoint', dotsPerPerson: 3 } });
    expect(second.status).toBe(409);
    expect(second.body.details).toMatchObject({ reason: 'vote-active', activeSessionId: session.id });

    // a comment guest speaks for people who don't love us: 4 dots on m2
    const b1 = await server.api(`/api/maps/${map.id}/votes/${session.id}/ballot`, {
      method: 'PUT',
      as: comment,
      json: { participantId: P1, name: 'Ana', group: 'dislike', dots: { [m2.id]: 4 } },
    });
    expect(b1.status, b1.text).toBe(200);
    expect(b1.body.session.myBallot).toMatchObject({ name: 'Ana', group: 'dislike', dots: { [m2.id]: 4 } });
    expect(b1.body.session.results).toBeNull();
    // an edit guest for people who love us: 2 dots on m1, 1 on m2
    const b2 = await server.api(`/api/maps/${map.id}/votes/${session.id}/ballot`, {
      method: 'PUT',
      as: edit,
      json: { participantId: P2, name: 'Bo', group: 'love', dots: { [m1.id]: 2, [m2.id]: 1 } },
    });
    expect(b2.status, b2.text).toBe(200);
    await events.waitFor((f) => f.event === 'votes' && f.data.sessionId === session.id && events.frames.filter((x) => x.event === 'votes').length >= 3);

    // before the reveal nobody sees anyone else's ballot, only the count
    const asP1 = await server.api(`/api/maps/${map.id}/votes?participantId=${P1}`, { as: comment });
    expect(asP1.status).toBe(200);
    expect(asP1.body.current).toMatchObject({ id: session.id, voters: 2, results: null, myBallot: { group: 'dislike', dots: { [m2.id]: 4 } } });
    expect(asP1.text).not.toContain('"Bo"');
    expect(asP1.text).not.toContain(P2);
    const asOwner = await server.api(`/api/maps/${map.id}/votes`);
    expect(asOwner.body.current).toMatchObject({ voters: 2, results: null, myBallot: null });
    expect(asOwner.text).not.toContain('Ana');

    // replacing a ballot: P1 moves one dot to m1
    const b1b = await server.api(`/api/maps/${map.id}/votes/${session.id}/ballot`, {
      method: 'PUT',
      as: comment,
      json: { participantId: P1, name: 'Ana', group: 'dislike', dots: { [m1.id]: 0, [m2.id]: 4 } },
    });
    expect(b1b.status).toBe(200);
    expect(b1b.body.session.myBallot.dots).toEqual({ [m2.id]: 4 });

    // apply before the reveal is refused
    expect((await server.api(`/api/maps/${map.id}/votes/${session.id}/apply`, { method: 'POST' })).status).toBe(409);

    const reveal = await server.api(`/api/maps/${map.id}/votes/${session.id}/reveal`, { method: 'POST' });
    expect(reveal.status, reveal.text).toBe(200);
    const results = reveal.body.session.results;
    expect(results.weights).toEqual({ love: 3, like: 1.5, dislike: 1 });
    expect(results.voters).toBe(2);
    expect(results.votersByGroup).toEqual({ love: 1, like: 0, dislike: 1 });
    // m2: raw 5 (4 dislike + 1 love) → weighted 4 + 3 = 7; m1: raw 2 (love) → weighted 6
    expect(results.targets).toEqual([
      { targetId: m2.id, raw: 5, byGroup: { love: 1, like: 0, dislike: 4 }, weighted: 7, rank: 1 },
      { targetId: m1.id, raw: 2, byGroup: { love: 2, like: 0, dislike: 0 }, weighted: 6, rank: 2 },
    ]);
    expect(results.ballots).toEqual(expect.arrayContaining([{ name: 'Ana', group: 'dislike', dots: 4 }, { name: 'Bo', group: 'love', dots: 3 }]));
    // results are for everyone now, viewers too
    const viewer = await link(map.id, 'view');
    const seen = await server.api(`/api/maps/${map.id}/votes`, { as: viewer });
    expect(seen.body.current.results.targets).toHaveLength(2);
    expect(seen.text).not.toContain(P1);

    // no ballots after the reveal; no second reveal
    const late = await server.api(`/api/maps/${map.id}/votes/${session.id}/ballot`, {
      method: 'PUT',
      as: comment,
      json: { participantId: P3, group: 'love', dots: { [m1.id]: 1 } },
    });
    expect(late.status).toBe(409);
    expect((await server.api(`/api/maps/${map.id}/votes/${session.id}/reveal`, { method: 'POST' })).status).toBe(409);

    // apply: dots per group are added to the MOTs' votes, through a live op
    const before = (await server.api(`/api/maps/${map.id}`)).body;
    const apply = await server.api(`/api/maps/${map.id}/votes/${session.id}/apply`, { method: 'POST' });
    expect(apply.status, apply.text).toBe(200);
    expect(apply.body).toMatchObject({ alreadyApplied: false, missing: [], version: before.version + 1 });
    expect(apply.body.applied.sort()).toEqual([m1.id, m2.id].sort());
    expect(apply.body.session.appliedAt).toEqual(expect.any(String));
    await events.waitFor((f) => f.event === 'op' && f.data.version === before.version + 1);
    const after = (await server.api(`/api/maps/${map.id}`)).body;
    const votesOf = (doc: Doc, id: string) => (doc.mots as Array<{ id: string; votes: object }>).find((m) => m.id === id)?.votes;
    const was1 = votesOf(before.map, m1.id) as Record<string, number>;
    const was2 = votesOf(before.map, m2.id) as Record<string, number>;
    expect(votesOf(after.map, m1.id)).toEqual({ love: (was1.love ?? 0) + 2, like: was1.like, dislike: was1.dislike });
    expect(votesOf(after.map, m2.id)).toEqual({ love: (was2.love ?? 0) + 1, like: was2.like, dislike: (was2.dislike ?? 0) + 4 });

    // applying again changes nothing
    const again = await server.api(`/api/maps/${map.id}/votes/${session.id}/apply`, { method: 'POST' });
    expect(again.status).toBe(200);
    expect(again.body.alreadyApplied).toBe(true);
    const still = (await server.api(`/api/maps/${map.id}`)).body;
    expect(still.version).toBe(after.version);
    expect(votesOf(still.map, m1.id)).toEqual(votesOf(after.map, m1.id));

    // close: it moves to the past, and a new vote can start
    const close = await server.api(`/api/maps/${map.id}/votes/${session.id}/close`, { method: 'POST' });
    expect(close.status).toBe(200);
    expect(close.body.session.status).toBe('closed');
    expect((await server.api(`/api/maps/${map.id}/votes/${session.id}/close`, { method: 'POST' })).status).toBe(409);
    const listed = await server.api(`/api/maps/${map.id}/votes`);
    expect(listed.body.current).toBeNull();
    expect(listed.body.past.map((s: { id: string }) => s.id)).toEqual([session.id]);
    expect(listed.body.past[0].results.targets).toHaveLength(2);
    const next = await server.api(`/api/maps/${map.id}/votes`, { method: 'POST', json: { targetKind: 'touchpoint', dotsPerPerson: 1 } });
    expect(next.status).toBe(201);
    events.close();
  });

  it('applies concurrent requests once', async () => {
    const map = await airline();
    const mot = map.mots[0] as { id: string; votes: { love: number } };
    const s = (await server.api(`/api/maps/${map.id}/votes`, { method: 'POST', json: { targetKind: 'mot', dotsPerPerson: 3 } })).body.session;
    await server.api(`/api/maps/${map.id}/votes/${s.id}/ballot`, { method: 'PUT', json: { participantId: P1, group: 'love', dots: { [mot.id]: 3 } } });
    await server.api(`/api/maps/${map.id}/votes/${s.id}/close`, { method: 'POST' }); // close without a reveal: results become visible
    const answers = await Promise.all([1, 2, 3].map(() => server.api(`/api/maps/${map.id}/votes/${s.id}/apply`, { method: 'POST' })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.filter((a) => a.body.alreadyApplied === false)).toHaveLength(1);
    const doc = (await server.api(`/api/maps/${map.id}`)).body.map;
    expect(doc.mots.find((m: { id: string }) => m.id === mot.id).votes.love).toBe(mot.votes.love + 3);
  });

  it('validates the budget and the targets', async () => {
    const map = await airline();
    const mot = map.mots[0] as { id: string };
    const touchpoint = map.touchpoints[0] as { id: string };
    const s = (await server.api(`/api/maps/${map.id}/votes`, { method: 'POST', json: { targetKind: 'mot', dotsPerPerson: 3 } })).body.session;
    const put = (json: unknown) => server.api(`/api/maps/${map.id}/votes/${s.id}/ballot`, { method: 'PUT', json });

    const over = await put({ participantId: P1, group: 'love', dots: { [mot.id]: 4 } });
    expect(over.status).toBe(400);
    expect(over.body.error).toMatch(/Too many dots/);
    expect(over.body.details).toEqual([{ path: 'dots', message: 'uses 4 dots; the budget is 3' }]);

    const wrongKind = await put({ participantId: P1, group: 'love', dots: { [touchpoint.id]: 1 } });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.details).toEqual([{ path: `dots.${touchpoint.id}`, message: 'is not a Moment of Truth of this map' }]);
    expect((await put({ participantId: P1, group: 'love', dots: { nope: 1 } })).status).toBe(400);

    for (const bad of [
      { participantId: 'short', group: 'love', dots: {} },
      { participantId: P1, group: 'fans', dots: {} },
      { participantId: P1, group: 'love', dots: { [mot.id]: 1.5 } },
      { participantId: P1, group: 'love', dots: { [mot.id]: -1 } },
      { participantId: P1, group: 'love', dots: [] },
      { participantId: P1, group: 'love', dots: {}, extra: true },
      { participantId: P1, group: 'love' },
    ]) {
      const res = await put(bad);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.details, JSON.stringify(bad)).toBeTruthy();
    }
    // nothing was stored
    expect((await server.api(`/api/maps/${map.id}/votes?participantId=${P1}`)).body.current).toMatchObject({ voters: 0, myBallot: null });
    expect((await server.api(`/api/maps/${map.id}/votes?participantId=x`)).status).toBe(400);

    // start validation
    for (const bad of [
      { targetKind: 'stage', dotsPerPerson: 3 },
      { targetKind: 'mot', dotsPerPerson: 0 },
      { targetKind: 'mot', dotsPerPerson: 21 },
      { targetKind: 'mot', dotsPerPerson: 2.5 },
      { targetKind: 'mot' },
      { targetKind: 'mot', dotsPerPerson: 3, title: 'x'.repeat(201) },
    ]) {
      const res = await server.api(`/api/maps/${map.id}/votes`, { method: 'POST', json: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    // a map without MOTs has nothing to vote on
    const blank = (await createMap(server, { locale: 'en' })).map;
    const none = await server.api(`/api/maps/${blank.id}/votes`, { method: 'POST', json: { targetKind: 'mot', dotsPerPerson: 3 } });
    expect(none.status).toBe(409);
    expect(none.body.details).toEqual({ reason: 'no-targets' });
    // unknown sessions and maps
    expect((await server.api(`/api/maps/${map.id}/votes/nosuchsession/reveal`, { method: 'POST' })).status).toBe(404);
    expect((await server.api(`/api/maps/nosuchmap/votes`)).status).toBe(404);
    expect((await server.api(`/api/maps/${blank.id}/votes/${s.id}/reveal`, { method: 'POST' })).status).toBe(404); // another map's vote
    // apply on a touchpoint vote is refused
    await server.api(`/api/maps/${map.id}/votes/${s.id}/close`, { method: 'POST' });
    const tp = (await server.api(`/api/maps/${map.id}/votes`, { method: 'POST', json: { targetKind: 'touchpoint', dotsPerPerson: 2 } })).body.session;
    await server.api(`/api/maps/${map.id}/votes/${tp.id}/reveal`, { method: 'POST' });
    const applyTp = await server.api(`/api/maps/${map.id}/votes/${tp.id}/apply`, { method: 'POST' });
    expect(applyTp.status).toBe(409);
    expect(applyTp.body.details).toEqual({ reason: 'not-mot-vote' });
  });

  it('enforces roles: viewers watch, commenters vote, only owners run the vote', async () => {
    const map = await airline();
    const mot = map.mots[0] as { id: string };
    const view = await link(map.id, 'view');
    const comment = await link(map.id, 'comment');
    const edit = await link(map.id, 'edit');
    const other = await airline();
    const otherLink = await link(other.id, 'comment');

    for (const who of [view, comment, edit]) {
      const res = await server.api(`/api/maps/${map.id}/votes`, { method: 'POST', as: who, json: { targetKind: 'mot', dotsPerPerson: 3 } });
      expect(res.status).toBe(403);
    }
    expect((await server.api(`/api/maps/${map.id}/votes`, { as: 'anonymous' })).status).toBe(401);
    expect((await server.api(`/api/maps/${map.id}/votes`, { as: otherLink })).status).toBe(404);
    expect((await server.api(`/api/maps/${map.id}/votes`, { as: view })).status).toBe(200);

    const s = (await server.api(`/api/maps/${map.id}/votes`, { method: 'POST', json: { targetKind: 'mot', dotsPerPerson: 3 } })).body.session;
    const ballot = { participantId: P1, group: 'like', dots: { [mot.id]: 1 } };
    const byView = await server.api(`/api/maps/${map.id}/votes/${s.id}/ballot`, { method: 'PUT', as: view, json: ballot });
    expect(byView.status).toBe(403);
    expect((await server.api(`/api/maps/${map.id}/votes/${s.id}/ballot`, { method: 'PUT', as: comment, json: ballot })).status).toBe(200);
    expect((await server.api(`/api/maps/${map.id}/votes/${s.id}/ballot`, { method: 'PUT', as: otherLink, json: ballot })).status).toBe(404);

    for (const action of ['reveal', 'close', 'apply']) {
      for (const who of [view, comment, edit]) {
        const res = await server.api(`/api/maps/${map.id}/votes/${s.id}/${action}`, { method: 'POST', as: who });
        expect(res.status, `${action}`).toBe(403);
      }
    }
    expect((await server.api(`/api/maps/${map.id}/votes/${s.id}/reveal`, { method: 'POST' })).status).toBe(200);
  });
});
