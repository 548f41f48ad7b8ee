/**
 * Server load: N clients, each on its own map, loop GET → edit → PUT with If-Match for a fixed time.
 * Then every map is read back: its version and content must be those of the last acknowledged write.
 */
import { Agent } from 'node:http';
import { keepAliveRequest as http } from '../../tests/api/helpers/keepalive-http';
import { percentile } from './stats';

export interface LoadResult {
  clients: number;
  seconds: number;
  edits: number;
  editsPerSecond: number;
  conflicts: number;
  errors: number;
  putP50: number;
  putP99: number;
  getP99: number;
  cycleP99: number;
  acked: number;
  lost: number;
  docBytes: number;
}

interface MapDoc {
  title: string;
  touchpoints: Array<{ title: string }>;
}

export async function serverLoad(baseUrl: string, mapIds: readonly string[], seconds: number): Promise<LoadResult> {
  const base = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: mapIds.length });
  const putLat: number[] = [];
  const getLat: number[] = [];
  const cycleLat: number[] = [];
  let conflicts = 0;
  let errors = 0;
  let docBytes = 0;
  const lastAck = new Map<string, { version: number; title: string; card: string }>();
  const deadline = performance.now() + seconds * 1000;

  await Promise.all(
    mapIds.map(async (id, client) => {
      let n = 0;
      while (performance.now() < deadline) {
        const c0 = performance.now();
        const got = await http(agent, base, 'GET', `/api/maps/${id}`);
        const g1 = performance.now();
        getLat.push(g1 - c0);
        if (got.status !== 200) {
          errors++;
          continue;
        }
        const { map, version } = JSON.parse(got.text) as { map: MapDoc; version: number };
        n++;
        map.title = `client ${client} edit ${n}`;
        const card = `card edited by ${client} #${n}`;
        if (map.touchpoints[0]) map.touchpoints[0].title = card;
        const body = JSON.stringify({ map });
        docBytes = body.length;
        const p0 = performance.now();
        const put = await http(agent, base, 'PUT', `/api/maps/${id}`, body, { 'if-match': `"${version}"` });
        const p1 = performance.now();
        putLat.push(p1 - p0);
        cycleLat.push(p1 - c0);
        if (put.status === 200) {
          const ack = JSON.parse(put.text) as { version: number };
          lastAck.set(id, { version: ack.version, title: map.title, card });
        } else if (put.status === 409) conflicts++;
        else errors++;
      }
    }),
  );
  const elapsed = seconds;

  let lost = 0;
  for (const id of mapIds) {
    const ack = lastAck.get(id);
    if (!ack) continue;
    const got = await http(agent, base, 'GET', `/api/maps/${id}`);
    const { map, version } = JSON.parse(got.text) as { map: MapDoc; version: number };
    // Nobody else writes this map: the server must hold exactly the last acknowledged write.
    if (version !== ack.version || map.title !== ack.title || map.touchpoints[0]?.title !== ack.card) lost++;
  }
  agent.destroy();
  return {
    clients: mapIds.length,
    seconds: elapsed,
    edits: putLat.length - conflicts - errors,
    editsPerSecond: (putLat.length - conflicts - errors) / elapsed,
    conflicts,
    errors,
    putP50: percentile(putLat, 50),
    putP99: percentile(putLat, 99),
    getP99: percentile(getLat, 99),
    cycleP99: percentile(cycleLat, 99),
    acked: lastAck.size,
    lost,
    docBytes,
  };
}
