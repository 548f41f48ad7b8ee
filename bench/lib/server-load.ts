/**
 * Server load: N clients, each on its own map, for a fixed time, in one of two modes:
 * - `ops`: like a browser editing card titles live: each client reads its map once, then loops
 *   POST /api/maps/:id/ops with a small id-anchored change set (one card's title, the card as
 *   `before` / `after`, as `diffDocs` makes it), the next one sent when the previous is answered;
 * - `put`: the whole-document save: GET → edit the title and a card → PUT with If-Match.
 * Then every map is read back: its version and content must be those of the last acknowledged
 * write (for `ops`, every card's last acknowledged title).
 */
import { Agent } from 'node:http';
import { keepAliveRequest as http } from '../../tests/api/helpers/keepalive-http';
import { diffDocs } from '../../src/store/history';
import type { JourneyMap } from '../../src/domain/schema';
import { percentile } from './stats';

export type LoadMode = 'ops' | 'put';

export interface LoadResult {
  mode: LoadMode;
  clients: number;
  seconds: number;
  /** Acknowledged writes (200 answers that stored a new version). */
  edits: number;
  editsPerSecond: number;
  conflicts: number;
  errors: number;
  /** Latency of the write request (POST /ops or PUT). */
  writeP50: number;
  writeP99: number;
  /** `put` only: GET latency and the whole GET + PUT cycle. */
  getP99: number;
  cycleP99: number;
  acked: number;
  lost: number;
  /** Bytes of one write request body. */
  bodyBytes: number;
  /** Bytes of the map document. */
  docBytes: number;
}

interface Tracker {
  writeLat: number[];
  getLat: number[];
  cycleLat: number[];
  conflicts: number;
  errors: number;
  edits: number;
  bodyBytes: number;
  docBytes: number;
}

function result(mode: LoadMode, mapIds: readonly string[], seconds: number, t: Tracker, acked: number, lost: number): LoadResult {
  return {
    mode,
    clients: mapIds.length,
    seconds,
    edits: t.edits,
    editsPerSecond: t.edits / seconds,
    conflicts: t.conflicts,
    errors: t.errors,
    writeP50: percentile(t.writeLat, 50),
    writeP99: percentile(t.writeLat, 99),
    getP99: percentile(t.getLat, 99),
    cycleP99: percentile(t.cycleLat, 99),
    acked,
    lost,
    bodyBytes: t.bodyBytes,
    docBytes: t.docBytes,
  };
}

const tracker = (): Tracker => ({ writeLat: [], getLat: [], cycleLat: [], conflicts: 0, errors: 0, edits: 0, bodyBytes: 0, docBytes: 0 });

async function readMap(agent: Agent, base: URL, id: string): Promise<{ map: JourneyMap; version: number; bytes: number }> {
  const got = await http(agent, base, 'GET', `/api/maps/${id}`);
  if (got.status !== 200) throw new Error(`GET /api/maps/${id}: ${got.status} ${got.text.slice(0, 200)}`);
  const { map, version } = JSON.parse(got.text) as { map: JourneyMap; version: number };
  return { map, version, bytes: got.text.length };
}

/** GET → edit → PUT with If-Match, in a loop. */
async function putLoad(baseUrl: string, mapIds: readonly string[], seconds: number): Promise<LoadResult> {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: mapIds.length });
  const t = tracker();
  const lastAck = new Map<string, { version: number; title: string; card: string }>();
  const deadline = performance.now() + seconds * 1000;

  await Promise.all(
    mapIds.map(async (id, client) => {
      let n = 0;
      while (performance.now() < deadline) {
        const c0 = performance.now();
        const got = await http(agent, base, 'GET', `/api/maps/${id}`);
        const g1 = performance.now();
        t.getLat.push(g1 - c0);
        if (got.status !== 200) {
          t.errors++;
          continue;
        }
        const { map, version } = JSON.parse(got.text) as { map: JourneyMap; version: number };
        n++;
        const title = `client ${client} edit ${n}`;
        const card = `card edited by ${client} #${n}`;
        const edited = { ...map, title, touchpoints: map.touchpoints.map((tp, i) => (i === 0 ? { ...tp, title: card } : tp)) };
        const body = JSON.stringify({ map: edited });
        t.bodyBytes = body.length;
        t.docBytes = got.text.length;
        const p0 = performance.now();
        const put = await http(agent, base, 'PUT', `/api/maps/${id}`, body, { 'if-match': `"${version}"` });
        const p1 = performance.now();
        t.writeLat.push(p1 - p0);
        t.cycleLat.push(p1 - c0);
        if (put.status === 200) {
          t.edits++;
          const ack = JSON.parse(put.text) as { version: number };
          lastAck.set(id, { version: ack.version, title, card });
        } else if (put.status === 409) t.conflicts++;
        else t.errors++;
      }
    }),
  );

  let lost = 0;
  for (const id of mapIds) {
    const ack = lastAck.get(id);
    if (!ack) continue;
    const { map, version } = await readMap(agent, base, id);
    // Nobody else writes this map: the server must hold exactly the last acknowledged write.
    if (version !== ack.version || map.title !== ack.title || map.touchpoints[0]?.title !== ack.card) lost++;
  }
  agent.destroy();
  return result('put', mapIds, seconds, t, lastAck.size, lost);
}

/** Small change sets (one card's title) sent to POST /ops, one at a time per client. */
async function opsLoad(baseUrl: string, mapIds: readonly string[], seconds: number): Promise<LoadResult> {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: mapIds.length });
  const t = tracker();
  const acks = new Map<string, { version: number; titles: Map<string, string> }>();
  const runId = Date.now().toString(36);
  const start = await Promise.all(mapIds.map((id) => readMap(agent, base, id)));
  const deadline = performance.now() + seconds * 1000;

  await Promise.all(
    mapIds.map(async (id, client) => {
      const first = start[client];
      if (!first) return;
      t.docBytes = first.bytes;
      // The client's own copy, kept up to date with its acknowledged edits (it is the only writer).
      let doc = first.map;
      let version = first.version;
      const titles = new Map<string, string>();
      let n = 0;
      while (performance.now() < deadline) {
        n++;
        const index = n % doc.touchpoints.length;
        const card = `card ${index} edited by ${client} #${n}`;
        const next: JourneyMap = { ...doc, touchpoints: doc.touchpoints.map((tp, i) => (i === index ? { ...tp, title: card } : tp)) };
        const body = JSON.stringify({
          opId: `bench-${runId}-${client}-${n}`,
          clientId: `bench-client-${client}`,
          baseVersion: version,
          author: `Bench ${client}`,
          changeset: diffDocs(doc, next),
        });
        t.bodyBytes = body.length;
        const p0 = performance.now();
        const res = await http(agent, base, 'POST', `/api/maps/${id}/ops`, body);
        t.writeLat.push(performance.now() - p0);
        if (res.status !== 200) {
          if (res.status === 409) t.conflicts++;
          else t.errors++;
          if (t.errors <= 3) console.error(`  ops: ${res.status} ${res.text.slice(0, 300)}`);
          continue;
        }
        const ack = JSON.parse(res.text) as { version: number; lost: string[]; duplicate: boolean };
        if (ack.lost.length > 0 || ack.duplicate || ack.version !== version + 1) {
          // Alone on its map, nothing of an edit may be lost and every edit makes a new version.
          t.errors++;
          continue;
        }
        t.edits++;
        doc = next;
        version = ack.version;
        const cardId = doc.touchpoints[index]?.id;
        if (cardId) titles.set(cardId, card);
        acks.set(id, { version, titles });
      }
    }),
  );

  let lost = 0;
  for (const id of mapIds) {
    const ack = acks.get(id);
    if (!ack) continue;
    const { map, version } = await readMap(agent, base, id);
    const stored = new Map(map.touchpoints.map((tp) => [tp.id, tp.title]));
    if (version !== ack.version || [...ack.titles].some(([cardId, title]) => stored.get(cardId) !== title)) lost++;
  }
  agent.destroy();
  return result('ops', mapIds, seconds, t, acks.size, lost);
}

export function serverLoad(baseUrl: string, mapIds: readonly string[], seconds: number, mode: LoadMode = 'put'): Promise<LoadResult> {
  return mode === 'ops' ? opsLoad(baseUrl, mapIds, seconds) : putLoad(baseUrl, mapIds, seconds);
}
