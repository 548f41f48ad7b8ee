/**
 * Crash: several clients write to several maps (saves with If-Match, live operations, new maps), the server is
 * killed with SIGKILL in the middle of the burst, then restarted on the same data directory. Every
 * write that got a success answer must be there: each map's version ≥ its last acknowledged
 * version, and its content is that write's or a later (in-flight, unacknowledged) write's based on
 * it; every acknowledged new map exists. Live operations (one client per map, each change set
 * sent when the previous one was answered, more operations than the server keeps out of the
 * stored document): the map is at the last acknowledged version or one more (the operation in
 * flight), and every card has its last acknowledged title unless that one in-flight operation
 * changed it. The database must open cleanly. Three rounds.
 */
import { diffDocs } from '../../src/store/history';
import type { JourneyMap } from '../../src/domain/schema';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, TEST_WORKSPACE_KEY, type TestServer } from '../api/helpers/server';
import { recordFigures } from './helpers/figures';
import { failedRequestLines, killHard } from './helpers/server';

const ROUNDS = 3;
const MAPS = 4;
const CLIENTS_PER_MAP = 2;
const CREATORS = 2;
const OP_MAPS = 3;

interface OpLedger {
  /** The client's copy of the map at `version` (the last acknowledged operation's result, or what the server had after a restart). */
  doc: JourneyMap;
  version: number;
  /** Operations acknowledged so far (every round). */
  acked: number;
  /** The operation sent and not answered when the server died: its version and card title. */
  inFlight: { version: number; cardId: string; title: string } | null;
}
const opLedgers = new Map<string, OpLedger>();

interface Ack {
  version: number;
  title: string;
}

interface MapLedger {
  /** Every acknowledged save, in the order the answers came. */
  acks: Ack[];
  /** Titles sent in saves based on a version (acknowledged or not): baseVersion → titles. */
  attempts: Map<number, Set<string>>;
}

let server: TestServer;
const ledgers = new Map<string, MapLedger>();
const createdAcked = new Set<string>();
let totalAcked = 0;
let totalFound = 0;
let faults = 0;
let serverErrors = 0;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
async function api(base: string, path: string, init: RequestInit & { json?: unknown } = {}): Promise<{ status: number; body: any }> {
  const { json, ...rest } = init;
  const res = await fetch(base + path, {
    ...rest,
    headers: {
      ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
      authorization: `Bearer ${TEST_WORKSPACE_KEY}`,
      ...(rest.headers as Record<string, string>),
    },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Write until the server dies; returns when this client's requests start failing at the network level. */
async function saver(base: string, mapId: string, client: number, stop: { dead: boolean }): Promise<void> {
  const ledger = ledgers.get(mapId)!;
  let n = 0;
  while (!stop.dead) {
    try {
      const got = await api(base, `/api/maps/${mapId}`);
      if (got.status >= 500) serverErrors++;
      if (got.status !== 200) continue;
      const { map, version } = got.body as { map: { title: string; touchpoints: Array<{ title: string }> }; version: number };
      const title = `map ${mapId.slice(0, 6)} client ${client} write ${++n} ${Math.random().toString(36).slice(2, 8)}`;
      map.title = title;
      if (map.touchpoints[0]) map.touchpoints[0].title = title;
      let set = ledger.attempts.get(version);
      if (!set) ledger.attempts.set(version, (set = new Set()));
      set.add(title);
      const put = await api(base, `/api/maps/${mapId}`, { method: 'PUT', json: { map }, headers: { 'if-match': `"${version}"` } });
      if (put.status === 200) {
        ledger.acks.push({ version: (put.body as { version: number }).version, title });
        totalAcked++;
      } else if (put.status >= 500) serverErrors++;
      else if (put.status !== 409) throw new Error(`unexpected ${put.status} on save`);
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('unexpected')) throw e;
      stop.dead = true; // connection refused / reset: the server is gone
    }
  }
}

/** Live operations on one map, each sent once the previous one was answered. */
async function opper(base: string, mapId: string, client: number, stop: { dead: boolean }): Promise<void> {
  const ledger = opLedgers.get(mapId)!;
  let n = 0;
  while (!stop.dead) {
    n++;
    const index = n % ledger.doc.touchpoints.length;
    const card = ledger.doc.touchpoints[index]!;
    const title = `op ${client}/${n} ${Math.random().toString(36).slice(2, 8)}`;
    const next = { ...ledger.doc, touchpoints: ledger.doc.touchpoints.map((t, i) => (i === index ? { ...t, title } : t)) };
    ledger.inFlight = { version: ledger.version + 1, cardId: card.id, title };
    try {
      const res = await api(base, `/api/maps/${mapId}/ops`, {
        method: 'POST',
        json: { opId: `crash-${client}-${Date.now().toString(36)}-${n}`, clientId: `crash-client-${client}`, baseVersion: ledger.version, changeset: diffDocs(ledger.doc, next) },
      });
      if (res.status >= 500) serverErrors++;
      if (res.status !== 200) throw new Error(`unexpected ${res.status} on an operation`);
      const ack = res.body as { version: number; lost: string[] };
      if (ack.version !== ledger.version + 1 || ack.lost.length > 0) throw new Error(`unexpected answer ${JSON.stringify(ack)} to an operation`);
      ledger.doc = next;
      ledger.version = ack.version;
      ledger.acked++;
      ledger.inFlight = null;
      totalAcked++;
    } catch (e) {
      if (e instanceof Error && e.message.startsWith('unexpected')) throw e;
      stop.dead = true;
    }
  }
}

async function creator(base: string, stop: { dead: boolean }): Promise<void> {
  while (!stop.dead) {
    try {
      const res = await api(base, '/api/maps', { method: 'POST', json: { locale: 'en', title: `created ${Math.random().toString(36).slice(2)}` } });
      if (res.status === 201) {
        createdAcked.add((res.body as { map: { id: string } }).map.id);
        totalAcked++;
      } else if (res.status >= 500) serverErrors++;
      await new Promise((r) => setTimeout(r, 20));
    } catch {
      stop.dead = true;
    }
  }
}

async function verify(base: string): Promise<{ found: number; lost: string[] }> {
  const lost: string[] = [];
  let found = 0;
  for (const [id, ledger] of ledgers) {
    const got = await api(base, `/api/maps/${id}`);
    expect(got.status, `map ${id} is readable after the restart`).toBe(200);
    const { map, version } = got.body as { map: { title: string; touchpoints: Array<{ title: string }> }; version: number };
    const last = ledger.acks.reduce<Ack | undefined>((a, b) => (!a || b.version > a.version ? b : a), undefined);
    for (const ack of ledger.acks) {
      // An acknowledged write is kept when the map's history reached its version.
      if (version >= ack.version) found++;
      else lost.push(`map ${id}: acknowledged version ${ack.version} but the server has ${version}`);
    }
    if (last) {
      if (version === last.version && map.title !== last.title)
        lost.push(`map ${id}: version ${version} has "${map.title}", the acknowledged write was "${last.title}"`);
      if (version > last.version && !ledger.attempts.get(version - 1)?.has(map.title))
        lost.push(`map ${id}: version ${version} has "${map.title}", which no client sent on version ${version - 1}`);
      // The card edited in the same write travels with the title.
      if (map.touchpoints[0] && map.touchpoints[0].title !== map.title) lost.push(`map ${id}: title and card of one write disagree`);
    }
  }
  for (const [id, ledger] of opLedgers) {
    const got = await api(base, `/api/maps/${id}`);
    expect(got.status, `map ${id} is readable after the restart`).toBe(200);
    const { map, version } = got.body as { map: JourneyMap; version: number };
    const flying = ledger.inFlight && version === ledger.inFlight.version ? ledger.inFlight : null;
    if (version !== ledger.version && !flying) lost.push(`map ${id}: acknowledged operations up to version ${ledger.version}, the server has ${version}`);
    else found += ledger.acked;
    const stored = new Map(map.touchpoints.map((t) => [t.id, t.title]));
    for (const t of ledger.doc.touchpoints) {
      const expected = flying && flying.cardId === t.id ? flying.title : t.title;
      if (stored.get(t.id) !== expected) lost.push(`map ${id}: card ${t.id} has "${stored.get(t.id)}", expected "${expected}"`);
    }
    // Go on from what the server has (the in-flight operation may have been stored).
    ledger.doc = map;
    ledger.version = version;
    ledger.inFlight = null;
  }
  const list = await api(base, '/api/maps');
  const ids = new Set((list.body as { maps: Array<{ id: string }> }).maps.map((m) => m.id));
  for (const id of createdAcked) {
    if (ids.has(id)) found++;
    else lost.push(`created map ${id} was acknowledged but is missing`);
  }
  return { found, lost };
}

describe('crash: kill -9 in the middle of a write burst', () => {
  beforeAll(async () => {
    server = await startServer();
    for (let i = 0; i < MAPS; i++) {
      const res = await server.api('/api/maps', { method: 'POST', json: { locale: 'en', template: i % 2 ? 'hotel' : 'airline' } });
      expect(res.status).toBe(201);
      ledgers.set(res.body.map.id as string, { acks: [{ version: 1, title: res.body.map.title as string }], attempts: new Map() });
      totalAcked++;
    }
    for (let i = 0; i < OP_MAPS; i++) {
      const res = await server.api('/api/maps', { method: 'POST', json: { locale: 'en', template: 'airline' } });
      expect(res.status).toBe(201);
      opLedgers.set(res.body.map.id as string, { doc: res.body.map as JourneyMap, version: 1, acked: 0, inFlight: null });
    }
  });

  afterAll(async () => {
    recordFigures({ faults, acked: totalAcked, found: totalFound, lost: totalAcked - totalFound, serverErrors });
    await server?.dispose();
  });

  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: every acknowledged write survives, the database reopens`, async () => {
      const base = server.baseUrl;
      const stop = { dead: false };
      const ackedBefore = totalAcked;
      const workers: Promise<void>[] = [];
      let client = 0;
      for (const id of ledgers.keys()) for (let c = 0; c < CLIENTS_PER_MAP; c++) workers.push(saver(base, id, client++, stop));
      for (let c = 0; c < CREATORS; c++) workers.push(creator(base, stop));
      for (const id of opLedgers.keys()) workers.push(opper(base, id, client++, stop));

      // Mid-burst: after some writes have been acknowledged, at a random moment.
      const deadline = Date.now() + 20_000;
      while (totalAcked - ackedBefore < 120 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 600));
      const pid = await killHard(server);
      faults++;
      await Promise.all(workers);
      expect(totalAcked - ackedBefore, 'the burst got writes acknowledged before the kill').toBeGreaterThan(0);

      // The same data directory: PGlite recovers from its WAL; the stale lock (dead pid) is taken over.
      server = await server.restart();
      expect(server.output()).not.toMatch(/failed to start|PANIC|could not/i);
      const health = await server.api('/api/health');
      expect(health.status).toBe(200);
      expect(health.body.ok).toBe(true);

      const { found, lost } = await verify(server.baseUrl);
      expect(failedRequestLines(server)).toEqual([]);
      const ackedSoFar = [...ledgers.values()].reduce((s, l) => s + l.acks.length, 0) + createdAcked.size + [...opLedgers.values()].reduce((s, l) => s + l.acked, 0);
      totalFound = found;
      console.log(`crash round ${round}: killed pid ${pid}; ${ackedSoFar} writes acknowledged so far, ${found} found, ${lost.length} lost`);
      expect(lost, 'acknowledged writes lost after kill -9').toEqual([]);
      expect(found).toBe(ackedSoFar);
      expect(serverErrors).toBe(0);
    });
  }
});
