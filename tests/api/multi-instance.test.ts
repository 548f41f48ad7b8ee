/**
 * Several app instances on one PostgreSQL (TEST_DATABASE_URL; runs in the "pg" step of npm test):
 * live events cross instances through LISTEN/NOTIFY (in order, also operations too big for one
 * notification), presence and revocation reach every instance, concurrent edits through two
 * instances both persist, and kill -9 of one instance in the middle of a stream of edits loses
 * no acknowledged operation while the other keeps serving and streaming.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffDocs } from '../../src/store/history';
import { openDatabase, type Database } from '../../server/db/database';
import { LISTEN_APPLICATION_NAME } from '../../server/db/postgres';
import { startServer, type TestServer } from './helpers/server';
import { createMap, newOpId, retitle, type Doc } from './helpers/maps';
import { openEvents, type EventStream } from './helpers/events';

const url = process.env.TEST_DATABASE_URL;

const opId = (who: string) => newOpId(who);

/** POST one operation: `base` → `next` as a change set. */
function sendOp(server: TestServer, mapId: string, base: Doc, next: Doc, who: string, id = opId(who)) {
  return server.api(`/api/maps/${mapId}/ops`, {
    method: 'POST',
    json: { opId: id, clientId: `client-${who}`, baseVersion: 1, author: who, changeset: diffDocs(base, next) },
  });
}

/** The op versions a stream has received so far. */
const opVersions = (s: EventStream): number[] => s.frames.filter((f) => f.event === 'op').map((f) => f.data.version as number);

const range = (from: number, to: number): number[] => Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);

/** The pid of the server process listening on `port` (the API helper does not expose it). */
function pidOf(server: TestServer): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (!cmd.includes('server/index.ts')) continue;
      const env = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (env.includes(`PORT=${server.port}`)) return Number(entry);
    } catch {
      // gone meanwhile, or not ours
    }
  }
  throw new Error(`no server process found for port ${server.port}`);
}

describe.skipIf(!url)('several instances on one PostgreSQL', () => {
  let a: TestServer;
  let b: TestServer;
  let db: Database;
  const streams: EventStream[] = [];
  const watch = async (...args: Parameters<typeof openEvents>) => {
    const s = await openEvents(...args);
    streams.push(s);
    return s;
  };

  beforeAll(async () => {
    // Started together: the migrations' advisory lock keeps them from migrating twice.
    [a, b] = await Promise.all([startServer(), startServer()]);
    db = await openDatabase({ databaseUrl: url, dataDir: '' });
  }, 180_000);
  afterAll(async () => {
    for (const s of streams) s.close();
    await Promise.all([a?.dispose(), b?.dispose()]);
    await db?.close();
  });

  it('delivers operations made on one instance to the streams of the other, in order, also when they are too big for one notification', async () => {
    const { map } = await createMap(a, { template: 'airline', locale: 'en' });
    const onB = await watch(b, map.id, { clientId: 'watcher-b-0001' });
    const onA = await watch(a, map.id, { clientId: 'watcher-a-0001' });
    await onB.waitFor((f) => f.event === 'roster');
    await onA.waitFor((f) => f.event === 'roster');

    // 12 kB of description: far over NOTIFY's 8000-byte limit.
    const big = '旅程'.repeat(2000);
    let doc = map;
    const sent: number[] = [];
    for (let i = 0; i < 5; i++) {
      const next = retitle(doc, 0, `Step ${i}`, i === 2 ? big : undefined);
      const res = await sendOp(a, map.id, doc, next, 'writer-a');
      expect(res.status, res.text).toBe(200);
      sent.push(res.body.version as number);
      doc = next;
    }
    expect(sent).toEqual([2, 3, 4, 5, 6]);
    await onB.waitFor((f) => f.event === 'op' && f.data.version === 6);
    expect(opVersions(onB)).toEqual([2, 3, 4, 5, 6]);
    const bigOp = onB.frames.find((f) => f.event === 'op' && f.data.version === 4);
    expect(Buffer.byteLength(JSON.stringify(bigOp?.data.changeset))).toBeGreaterThan(8000);
    const tp = bigOp?.data.changeset.collections.find((c: Doc) => c.key === 'touchpoints');
    expect(tp.entities[0].after.description).toBe(big);
    expect(bigOp?.data.author).toBe('writer-a');

    // Operations sent at once through both instances: every stream gets every version, in order.
    const burst = await Promise.all(
      range(0, 19).map((i) => {
        const server = i % 2 ? a : b;
        // Each on its own card, all from the same base: none is lost to another.
        return sendOp(server, map.id, map, retitle(map, 6 + i, `Burst ${i}`), i % 2 ? 'burst-a' : 'burst-b');
      }),
    );
    for (const r of burst) expect(r.status, r.text).toBe(200);
    await onA.waitFor((f) => f.event === 'op' && f.data.version === 26);
    await onB.waitFor((f) => f.event === 'op' && f.data.version === 26);
    expect(opVersions(onA)).toEqual(range(2, 26));
    expect(opVersions(onB)).toEqual(range(2, 26));
    expect(onB.frames.some((f) => f.event === 'reset')).toBe(false);
  });

  it('shows presence from one instance in the roster of the other', async () => {
    const { map } = await createMap(b, { template: 'hotel', locale: 'zh-CN' });
    const onB = await watch(b, map.id);
    await onB.waitFor((f) => f.event === 'roster');
    const joined = await a.api(`/api/maps/${map.id}/presence`, {
      method: 'POST',
      json: { clientId: 'presence-on-a-01', name: '小林', color: '#1f77b4', selection: [map.touchpoints[0].id], cursor: { x: 10, y: 20 } },
    });
    expect(joined.status, joined.text).toBe(204);
    const seen = await onB.waitFor((f) => f.event === 'presence');
    expect(seen.data.participant).toMatchObject({ clientId: 'presence-on-a-01', name: '小林', role: 'owner', cursor: { x: 10, y: 20 } });
    // A stream opened on B now starts with A's participant in its roster.
    const late = await watch(b, map.id);
    const roster = await late.waitFor((f) => f.event === 'roster');
    expect(roster.data.participants.map((p: Doc) => p.clientId)).toContain('presence-on-a-01');
    // Leaving through A removes them on B.
    const left = await a.api(`/api/maps/${map.id}/presence?clientId=presence-on-a-01`, { method: 'DELETE' });
    expect(left.status).toBe(204);
    await onB.waitFor((f) => f.event === 'left' && f.data.clientId === 'presence-on-a-01');
    const after = await watch(b, map.id);
    const roster2 = await after.waitFor((f) => f.event === 'roster');
    expect(roster2.data.participants.map((p: Doc) => p.clientId)).not.toContain('presence-on-a-01');
  });

  it('refuses a share link on every instance within a second of its revocation on one', async () => {
    const { map } = await createMap(a, { template: 'airline', locale: 'en' });
    const created = await a.api(`/api/maps/${map.id}/links`, { method: 'POST', json: { role: 'edit', label: 'Workshop' } });
    expect(created.status, created.text).toBe(201);
    const { id: linkId, token } = created.body.link as { id: string; token: string };
    // B has looked the token up (and cached it).
    const before = await b.api(`/api/maps/${map.id}`, { as: { token } });
    expect(before.status).toBe(200);
    const guestStream = await watch(b, map.id, { headers: { authorization: `Bearer ${token}` } });
    await guestStream.waitFor((f) => f.event === 'roster');

    const revoked = await a.api(`/api/maps/${map.id}/links/${linkId}`, { method: 'DELETE' });
    expect(revoked.status).toBe(200);
    const t0 = Date.now();
    let status = 200;
    while (Date.now() - t0 < 1000) {
      status = (await b.api(`/api/maps/${map.id}`, { as: { token } })).status;
      if (status !== 200) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(status).toBe(401);
    expect(Date.now() - t0).toBeLessThan(1000);
    // The guest's stream on B was told and closed.
    await guestStream.waitFor((f) => f.event === 'revoked' && f.data.linkId === linkId);
    await expect.poll(() => guestStream.ended(), { timeout: 2000 }).toBe(true);
    const asGuest = await b.api(`/api/maps/${map.id}/ops`, {
      method: 'POST',
      as: { token },
      json: { opId: opId('guest'), clientId: 'client-guest', baseVersion: 1, changeset: diffDocs(map, retitle(map, 1, 'nope')) },
    });
    expect(asGuest.status).toBe(401);
  });

  it('keeps concurrent edits of different cards made through two instances', async () => {
    const { map } = await createMap(a, { template: 'airline', locale: 'en' });
    // Two people, each on their own instance and card, each from their own copy of the map.
    const person = async (server: TestServer, index: number, who: string) => {
      let mine = map;
      const versions: number[] = [];
      for (let i = 0; i < 10; i++) {
        const next = retitle(mine, index, `${who} ${i}`);
        const res = await sendOp(server, map.id, mine, next, who);
        expect(res.status, res.text).toBe(200);
        expect(res.body.lost).toEqual([]);
        versions.push(res.body.version as number);
        mine = next;
      }
      return versions;
    };
    const [va, vb] = await Promise.all([person(a, 0, 'ana'), person(b, 1, 'bo')]);
    expect([...va, ...vb].sort((x, y) => x - y)).toEqual(range(2, 21));
    for (const server of [a, b]) {
      const now = (await server.api(`/api/maps/${map.id}`)).body;
      expect(now.version).toBe(21);
      expect(now.map.touchpoints[0].title).toBe('ana 9');
      expect(now.map.touchpoints[1].title).toBe('bo 9');
    }
  });

  it('reconnects when the database drops the LISTEN connections, tells open streams to reload, then relays again', async () => {
    const { map } = await createMap(a, { template: 'airline', locale: 'en' });
    const onB = await watch(b, map.id);
    await onB.waitFor((f) => f.event === 'roster');
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(pg_terminate_backend(pid))::integer AS n FROM pg_stat_activity WHERE application_name = $1',
      [LISTEN_APPLICATION_NAME],
    );
    expect(rows[0]?.n).toBeGreaterThanOrEqual(2);
    const reset = await onB.waitFor((f) => f.event === 'reset', 15_000);
    expect(reset.data).toEqual({ type: 'reset', version: 1, reason: 'gap' });
    await expect.poll(() => b.output(), { timeout: 5000 }).toMatch(/listening again after a reconnect/);
    await expect.poll(() => a.output(), { timeout: 5000 }).toMatch(/listening again after a reconnect/);
    const res = await sendOp(a, map.id, map, retitle(map, 0, 'after the reconnect'), 'writer-a');
    expect(res.status).toBe(200);
    const op = await onB.waitFor((f) => f.event === 'op');
    expect(op.data.version).toBe(2);
  });

  it('survives kill -9 of one instance mid-stream: the other keeps serving and streaming, no acknowledged operation is lost', async () => {
    const c = await startServer();
    try {
      const { map } = await createMap(b, { template: 'airline', locale: 'en' });
      const onB = await watch(b, map.id, { clientId: 'survivor-b-0001' });
      const onC = await watch(c, map.id, { clientId: 'victim-c-000001' });
      await onB.waitFor((f) => f.event === 'roster');
      await onC.waitFor((f) => f.event === 'roster');

      const acked: Array<{ opId: string; version: number }> = [];
      let stop = false;
      let killedAt = 0;
      let failuresAfterKill = 0;
      // A writer on each instance, each on its own card, as fast as answers come.
      const writer = async (server: TestServer, index: number, who: string) => {
        let mine = map;
        for (let i = 0; !stop && i < 400; i++) {
          const id = opId(who);
          const next = retitle(mine, index, `${who} ${i}`);
          try {
            const res = await sendOp(server, map.id, mine, next, who, id);
            if (res.status !== 200) throw new Error(`${res.status} ${res.text}`);
            acked.push({ opId: id, version: res.body.version as number });
            mine = next;
          } catch (e) {
            if (!killedAt) throw e;
            failuresAfterKill++;
            return; // this writer's instance is gone
          }
        }
      };
      const writers = [writer(b, 0, 'survivor'), writer(c, 1, 'victim')];
      await expect.poll(() => acked.length, { timeout: 20_000, interval: 20 }).toBeGreaterThan(30);
      process.kill(pidOf(c), 'SIGKILL');
      killedAt = Date.now();
      const killedVersion = Math.max(...acked.map((x) => x.version));
      await c.stop();
      // The survivor keeps editing for a while after the kill.
      await expect.poll(() => Math.max(...acked.map((x) => x.version)), { timeout: 20_000, interval: 20 }).toBeGreaterThan(killedVersion + 20);
      stop = true;
      await Promise.all(writers);

      // B answers reads and its stream got every version, in order, also those C acknowledged but never announced.
      const final = await b.api(`/api/maps/${map.id}`);
      expect(final.status).toBe(200);
      const finalVersion = final.body.version as number;
      await onB.waitFor((f) => f.event === 'op' && f.data.version === finalVersion, 10_000);
      expect(opVersions(onB)).toEqual(range(2, finalVersion));
      expect(onC.ended()).toBe(true);
      // The killed instance's browser reconnects (through the load balancer, to B) and is replayed what it missed.
      const lastOnC = Math.max(1, ...opVersions(onC));
      expect(lastOnC).toBeLessThan(finalVersion);
      const resumed = await watch(b, map.id, { since: lastOnC, clientId: 'victim-c-000001' });
      await resumed.waitFor((f) => f.event === 'op' && f.data.version === finalVersion);
      expect(opVersions(resumed)).toEqual(range(lastOnC + 1, finalVersion));
      expect(resumed.frames.some((f) => f.event === 'reset')).toBe(false);

      // Every acknowledged operation is in the log at the version its answer gave.
      const { rows } = await db.query<{ version: number; op_id: string | null }>('SELECT version, op_id FROM map_ops WHERE map_id = $1', [map.id]);
      const logged = new Map(rows.map((r) => [r.op_id, r.version]));
      for (const x of acked) expect(logged.get(x.opId), x.opId).toBe(x.version);
      expect(new Set(acked.map((x) => x.version)).size).toBe(acked.length);
      const last = (who: string) => acked.filter((x) => x.opId.startsWith(`op-${who}-`)).length - 1;
      expect(final.body.map.touchpoints[0].title).toBe(`survivor ${last('survivor')}`);
      // The victim's last operation may have been stored without its answer arriving.
      expect([`victim ${last('victim')}`, `victim ${last('victim') + 1}`]).toContain(final.body.map.touchpoints[1].title);
      expect(failuresAfterKill).toBeLessThanOrEqual(1);
    } finally {
      await c.dispose();
    }
  });
});
