/** Start-up, graceful shutdown and persistence across restarts of the real process. */
import { DATABASE_SCHEMA_VERSION } from '../../server/db/migrations';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers/server';
import { createMap, snapshot, type Doc } from './helpers/maps';

const servers: TestServer[] = [];

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
afterAll(async () => {
  for (const s of servers) await s.dispose();
});

describe('lifecycle', () => {
  const slow = { timeout: 180_000 }; // several process starts, on a possibly busy machine

  it('creates its database, logs one line with the URL, stops on SIGTERM with exit 0, keeps data on restart', slow, async () => {
    const server = await startServer({ emptyDataDir: true });
    servers.push(server);
    expect(server.output()).toMatch(
      process.env.TEST_DATABASE_URL
        ? new RegExp(`MOT Canvas listening on http://localhost:${server.port} \\(database: postgres\\)`)
        : new RegExp(`MOT Canvas listening on http://localhost:${server.port} \\(database: pglite at ${server.dataDir}\\)`),
    );
    const { map } = await createMap(server, { locale: 'zh-CN', template: 'airline' });
    const edited: Doc = { ...map, title: '重启前保存' };
    const saved = await server.api(`/api/maps/${map.id}`, { method: 'PUT', json: { map: edited }, headers: { 'If-Match': '"1"' } });
    expect(saved.status).toBe(200);
    const before = await snapshot(server, map.id);
    const listBefore = (await server.api('/api/maps')).text;

    const again = await server.restart();
    servers.push(again);
    expect(await snapshot(again, map.id)).toBe(before);
    expect((await again.api('/api/maps')).text).toBe(listBefore);
    // Migrations are not applied twice.
    expect((await again.api('/api/health')).body.databaseSchemaVersion).toBe(DATABASE_SCHEMA_VERSION);

    const exit = await again.stop();
    expect(exit).toEqual({ code: 0, signal: null });
    expect(again.output()).toContain('MOT Canvas stopped');
  });

  it('finishes an in-flight request before exiting on SIGTERM', slow, async () => {
    const server = await startServer();
    servers.push(server);
    const { map } = await createMap(server, { locale: 'en' });
    const payload = new TextEncoder().encode(JSON.stringify({ map: { ...map, title: 'Saved during shutdown' } }));
    const half = Math.floor(payload.length / 2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let firstHalfSent!: () => void;
    const sending = new Promise<void>((r) => (firstHalfSent = r));
    let step = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (step === 0) controller.enqueue(payload.slice(0, half));
        else if (step === 1) {
          firstHalfSent(); // asked for more: the first half is on the wire
          await gate;
          controller.enqueue(payload.slice(half));
        } else controller.close();
        step++;
      },
    });
    const pending = fetch(`${server.baseUrl}/api/maps/${map.id}`, {
      method: 'PUT',
      body,
      headers: { 'content-type': 'application/json', 'If-Match': '"1"', ...server.ownerHeaders },
      duplex: 'half',
    } as RequestInit);
    await sending;
    await new Promise((r) => setTimeout(r, 500)); // let the server start handling it
    const stopped = server.stop();
    await until(() => server.output().includes('SIGTERM received'));
    // Stopped accepting new connections...
    await expect(fetch(`${server.baseUrl}/api/health`)).rejects.toThrow();
    // ...but the request in flight completes.
    release();
    const res = await pending;
    expect(res.status).toBe(200);
    expect(((await res.json()) as Doc).version).toBe(2);
    expect(await stopped).toEqual({ code: 0, signal: null });

    const again = await server.restart();
    servers.push(again);
    expect((await again.api(`/api/maps/${map.id}`)).body.map.title).toBe('Saved during shutdown');
  });

  const pgliteOnly = it.skipIf(Boolean(process.env.TEST_DATABASE_URL));
  pgliteOnly('refuses a second process on the same embedded database', slow, async () => {
    const server = await startServer();
    servers.push(server);
    await expect(startServer({ dataDir: server.dataDir, removeDataDirOnDispose: false })).rejects.toThrow(
      /in use by another MOT Canvas process/,
    );
    expect((await server.api('/api/health')).status).toBe(200);
  });

  it('refuses to start with an invalid configuration', async () => {
    await expect(startServer({ env: { PORT: 'not-a-port' } })).rejects.toThrow(/PORT/);
  });
});
