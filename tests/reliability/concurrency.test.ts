/**
 * Concurrency: two clients save the same map many times with If-Match, each from the version it
 * last saw (so they often collide). No lost update: every 200 is a new version exactly one above
 * the version it was based on, no version is acknowledged twice, what a client reads next is its
 * own acknowledged write unless a later acknowledged write replaced it, every other answer is a
 * 409 that changed nothing, and the final document is the last acknowledged write.
 */
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../api/helpers/server';
import { keepAliveRequest } from '../api/helpers/keepalive-http';
import { recordFigures } from './helpers/figures';
import { failedRequestLines } from './helpers/server';

const WRITES_PER_CLIENT = 150;

interface Doc {
  title: string;
  touchpoints: Array<{ title: string }>;
}

/** A keep-alive request whose JSON answer is parsed. */
async function http(agent: Agent, base: URL, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await keepAliveRequest(agent, base, method, path, body, headers);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  return { status: res.status, body: (res.text ? JSON.parse(res.text) : undefined) as any };
}

let server: TestServer;
let mapId: string;
let startVersion: number;

describe('concurrency: two clients, one map, If-Match', () => {
  beforeAll(async () => {
    server = await startServer();
    const res = await server.api('/api/maps', { method: 'POST', json: { locale: 'en', template: 'airline' } });
    expect(res.status).toBe(201);
    mapId = res.body.map.id as string;
    startVersion = res.body.version as number;
  });

  afterAll(async () => {
    await server?.dispose();
  });

  it('never loses an update: every collision is a 409, never a silent overwrite', async () => {
    const base = new URL(server.baseUrl);
    const acks: Array<{ client: string; version: number; base: number; title: string }> = [];
    const problems: string[] = [];
    let conflicts = 0;
    let serverErrors = 0;
    let requests = 0;

    async function client(name: string): Promise<void> {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      let got = await http(agent, base, 'GET', `/api/maps/${mapId}`);
      let doc = got.body.map as Doc;
      let version = got.body.version as number;
      for (let i = 1; i <= WRITES_PER_CLIENT; i++) {
        const title = `${name} write ${i}`;
        doc = { ...doc, title, touchpoints: doc.touchpoints.map((t, j) => (j === 0 ? { ...t, title } : t)) };
        const put = await http(agent, base, 'PUT', `/api/maps/${mapId}`, JSON.stringify({ map: doc }), { 'if-match': `"${version}"` });
        requests++;
        if (put.status === 200) {
          const v = put.body.version as number;
          acks.push({ client: name, version: v, base: version, title });
          if (v !== version + 1) problems.push(`${name}: saved on ${version} but got version ${v}`);
          // Read back: my write, unless someone else's acknowledged write came after it.
          got = await http(agent, base, 'GET', `/api/maps/${mapId}`);
          requests++;
          const seen = got.body.version as number;
          if (seen < v) problems.push(`${name}: acknowledged version ${v}, then read version ${seen}`);
          if (seen === v && (got.body.map as Doc).title !== title) problems.push(`${name}: version ${v} does not hold my write`);
          doc = got.body.map as Doc;
          version = seen;
        } else if (put.status === 409) {
          conflicts++;
          if (put.body?.details?.yourVersion !== version) problems.push(`${name}: 409 does not name my version`);
          // Nothing was written: what the server has is not my rejected title.
          got = await http(agent, base, 'GET', `/api/maps/${mapId}`);
          requests++;
          if ((got.body.map as Doc).title === title) problems.push(`${name}: a 409 write is on the server`);
          doc = got.body.map as Doc;
          version = got.body.version as number;
        } else {
          if (put.status >= 500) serverErrors++;
          problems.push(`${name}: unexpected ${put.status} ${JSON.stringify(put.body)}`);
        }
        // Yield now and then, so the two clients interleave differently.
        if (i % 7 === 0) await new Promise((r) => setTimeout(r, Math.random() * 3));
      }
      agent.destroy();
    }

    await Promise.all([client('A'), client('B')]);

    const final = await server.api(`/api/maps/${mapId}`);
    const versions = acks.map((a) => a.version);
    const last = acks.reduce((a, b) => (b.version > a.version ? b : a));
    console.log(`concurrency: ${acks.length} acknowledged saves, ${conflicts} conflicts (409), ${requests} requests, final version ${final.body.version}`);
    recordFigures({ cases: requests, acked: acks.length, found: problems.length === 0 ? acks.length : 0, lost: problems.length ? acks.length : 0, serverErrors });

    expect(problems).toEqual([]);
    expect(new Set(versions).size, 'no version is acknowledged twice').toBe(versions.length);
    expect(final.body.version - startVersion, 'every version step is an acknowledged write').toBe(acks.length);
    expect(final.body.map.title).toBe(last.title);
    expect(final.body.map.touchpoints[0].title).toBe(last.title);
    expect(conflicts, 'the clients did collide').toBeGreaterThan(0);
    expect(acks.length + conflicts).toBe(2 * WRITES_PER_CLIENT);
    expect(failedRequestLines(server)).toEqual([]);
  });

  it('a stale If-Match is a 409 and changes nothing; a stale rename or delete too', async () => {
    const before = await server.api(`/api/maps/${mapId}`);
    const stale = before.body.version - 1;
    const map = { ...before.body.map, title: 'stale overwrite' };
    const put = await server.api(`/api/maps/${mapId}`, { method: 'PUT', json: { map }, headers: { 'if-match': `"${stale}"` } });
    expect(put.status).toBe(409);
    expect(typeof put.body.error).toBe('string');
    const patch = await server.api(`/api/maps/${mapId}`, { method: 'PATCH', json: { title: 'stale rename' }, headers: { 'if-match': `"${stale}"` } });
    expect(patch.status).toBe(409);
    const del = await server.api(`/api/maps/${mapId}`, { method: 'DELETE', headers: { 'if-match': `"${stale}"` } });
    expect(del.status).toBe(409);
    const after = await server.api(`/api/maps/${mapId}`);
    expect(after.text).toBe(before.text);
    recordFigures({ cases: 3 });
  });
});
