/**
 * Moving all maps between databases (npm run db:move): from the database the server used (embedded
 * PGlite, or PostgreSQL when TEST_DATABASE_URL is set) into a fresh embedded database. Counts are
 * checked, nothing in the target is overwritten, and a server on the target serves the same maps.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/database';
import { moveData } from '../../scripts/db/move';
import { startServer, type TestServer } from './helpers/server';

const targetDir = mkdtempSync(join(tmpdir(), 'mot-move-target-'));
let source: TestServer | undefined;
let target: TestServer | undefined;

afterAll(async () => {
  await source?.dispose();
  await target?.dispose();
  rmSync(targetDir, { recursive: true, force: true });
});

describe('db:move', () => {
  it('copies every map with its version and document, checks counts, and never overwrites', async () => {
    source = await startServer();
    const created: string[] = [];
    for (const body of [
      { locale: 'en', template: 'airline' },
      { locale: 'zh-CN', template: 'hotel' },
      { locale: 'en', title: 'Blank <b>map</b> 空白' },
    ]) {
      const res = await source.api('/api/maps', { method: 'POST', json: body });
      expect(res.status).toBe(201);
      created.push(res.body.map.id as string);
    }
    const renamed = await source.api(`/api/maps/${created[0]}`, { method: 'PATCH', json: { title: 'Renamed 改名' } });
    expect(renamed.status).toBe(200);
    const list = (await source.api('/api/maps')).body.maps as { id: string; version: number; title: string }[];
    await source.stop(); // release the embedded database

    const from = await openDatabase({ dataDir: source.dataDir, databaseUrl: process.env.TEST_DATABASE_URL });
    const to = await openDatabase({ dataDir: targetDir, databaseUrl: undefined });
    try {
      const first = await moveData(from, to);
      expect(first.source).toBe(list.length);
      expect(first.copied).toBe(list.length);
      expect(first.skipped).toBe(0);
      expect(first.mismatched).toEqual([]);
      // Running it again copies nothing and overwrites nothing.
      const again = await moveData(from, to);
      expect(again).toMatchObject({ source: list.length, copied: 0, skipped: list.length, mismatched: [] });
    } finally {
      await from.close();
      await to.close();
    }

    // The target is always the embedded database, also when the source was PostgreSQL.
    target = await startServer({ dataDir: targetDir, removeDataDirOnDispose: false, env: { DATABASE_URL: '' } });
    const moved = (await target.api('/api/maps')).body.maps as { id: string; version: number; title: string }[];
    expect(moved.map((m) => [m.id, m.version, m.title]).sort()).toEqual(list.map((m) => [m.id, m.version, m.title]).sort());
    const one = await target.api(`/api/maps/${created[1]}`);
    expect(one.status).toBe(200);
    expect(one.body.map.locale).toBe('zh-CN');
  });
});
