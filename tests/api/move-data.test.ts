/**
 * Moving everything between databases (npm run db:move): from the database the server used
 * (embedded PGlite, or PostgreSQL when TEST_DATABASE_URL is set) into a fresh embedded database,
 * and back again (into a fresh PostgreSQL database when one is available, else another embedded
 * one). Maps, share links, versions, votes, the operation log and workspace settings are copied;
 * counts are checked, nothing in the target is overwritten, a map that differs in the target is
 * reported and left alone with everything that belongs to it, and a server on the target serves
 * the same maps, links, versions and votes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../server/db/database';
import { moveData, TABLES, type MoveReport } from '../../scripts/db/move';
import { diffDocs } from '../../src/store/history';
import { startServer, type TestServer } from './helpers/server';

const targetDir = mkdtempSync(join(tmpdir(), 'mot-move-target-'));
const backDir = mkdtempSync(join(tmpdir(), 'mot-move-back-'));
const pgUrl = process.env.TEST_DATABASE_URL;
/** A database made for the way back (PostgreSQL only), dropped afterwards. */
const backDbName = `mot_move_back_${Date.now().toString(36)}`;
let source: TestServer | undefined;
let target: TestServer | undefined;

afterAll(async () => {
  await source?.dispose();
  await target?.dispose();
  rmSync(targetDir, { recursive: true, force: true });
  rmSync(backDir, { recursive: true, force: true });
  if (pgUrl) {
    const admin = await openDatabase({ databaseUrl: pgUrl, dataDir: '' });
    await admin.query(`DROP DATABASE IF EXISTS ${backDbName}`).catch(() => undefined);
    await admin.close();
  }
});

/** Every table copied in full, nothing mismatched. */
function expectAllCopied(r: MoveReport) {
  expect(r.ok, JSON.stringify(r.tables)).toBe(true);
  for (const t of TABLES) {
    const report = r.tables[t.name]!;
    expect(report.copied, t.name).toBe(report.source);
    expect(report.skipped, t.name).toBe(0);
    expect(report.mismatched, t.name).toEqual([]);
  }
}

describe('db:move', () => {
  it('copies maps with their links, versions, votes and operation log both ways, checks counts, and never overwrites', async () => {
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
    const mapId = created[0]!;
    const renamed = await source.api(`/api/maps/${mapId}`, { method: 'PATCH', json: { title: 'Renamed 改名' } });
    expect(renamed.status).toBe(200);
    // Workshop data on the first map: links (one revoked), a named version, an operation, a vote.
    const link = (await source.api(`/api/maps/${mapId}/links`, { method: 'POST', json: { role: 'edit', label: 'Workshop 研讨会' } })).body.link;
    const old = (await source.api(`/api/maps/${mapId}/links`, { method: 'POST', json: { role: 'view', label: 'Old' } })).body.link;
    expect((await source.api(`/api/maps/${mapId}/links/${old.id}`, { method: 'DELETE' })).status).toBe(200);
    const named = await source.api(`/api/maps/${mapId}/versions`, { method: 'POST', json: { name: 'Before the workshop 研讨会前' } });
    expect(named.status, named.text).toBe(201);
    const doc = (await source.api(`/api/maps/${mapId}`)).body.map;
    const edited = { ...doc, touchpoints: doc.touchpoints.map((t: { title: string }, i: number) => (i === 0 ? { ...t, title: 'Moved op' } : t)) };
    const op = await source.api(`/api/maps/${mapId}/ops`, {
      method: 'POST',
      json: { opId: 'op-move-test-0001', clientId: 'client-move-01', baseVersion: 2, author: 'Ana', changeset: diffDocs(doc, edited) },
    });
    expect(op.status, op.text).toBe(200);
    const vote = await source.api(`/api/maps/${mapId}/votes`, { method: 'POST', json: { targetKind: 'touchpoint', dotsPerPerson: 3, title: 'Pain points' } });
    expect(vote.status, vote.text).toBe(201);
    const sessionId = (vote.body.session?.id ?? vote.body.id) as string;
    const ballot = await source.api(`/api/maps/${mapId}/votes/${sessionId}/ballot`, {
      method: 'PUT',
      json: { participantId: 'participant-0001', name: 'Bo', group: 'love', dots: { [doc.touchpoints[0].id]: 2 } },
    });
    expect(ballot.status, ballot.text).toBeLessThan(300);
    const list = (await source.api('/api/maps')).body.maps as { id: string; version: number; title: string }[];
    const versions = (await source.api(`/api/maps/${mapId}/versions`)).body;
    const votes = (await source.api(`/api/maps/${mapId}/votes?participantId=participant-0001`)).body;
    await source.stop(); // release the embedded database

    const from = await openDatabase({ dataDir: source.dataDir, databaseUrl: pgUrl });
    const to = await openDatabase({ dataDir: targetDir, databaseUrl: undefined });
    try {
      const first = await moveData(from, to);
      expect(first.source).toBe(list.length);
      expect(first.copied).toBe(list.length);
      expect(first.skipped).toBe(0);
      expect(first.mismatched).toEqual([]);
      expectAllCopied(first);
      expect(first.tables.share_links!.source).toBeGreaterThanOrEqual(2);
      expect(first.tables.map_versions!.source).toBeGreaterThanOrEqual(1);
      expect(first.tables.vote_sessions!.source).toBeGreaterThanOrEqual(1);
      expect(first.tables.vote_ballots!.source).toBeGreaterThanOrEqual(1);
      expect(first.tables.map_ops!.source).toBeGreaterThanOrEqual(1);
      // Running it again copies nothing and overwrites nothing.
      const again = await moveData(from, to);
      expect(again).toMatchObject({ source: list.length, copied: 0, skipped: list.length, mismatched: [], ok: true });
      for (const t of TABLES) expect(again.tables[t.name], t.name).toMatchObject({ copied: 0, skipped: first.tables[t.name]!.source, mismatched: [] });
    } finally {
      await from.close();
      await to.close();
    }

    // A server on the (embedded) target serves the same maps, links, versions and votes.
    target = await startServer({ dataDir: targetDir, removeDataDirOnDispose: false, env: { DATABASE_URL: '' } });
    const moved = (await target.api('/api/maps')).body.maps as { id: string; version: number; title: string }[];
    expect(moved.map((m) => [m.id, m.version, m.title]).sort()).toEqual(list.map((m) => [m.id, m.version, m.title]).sort());
    const one = await target.api(`/api/maps/${created[1]}`);
    expect(one.status).toBe(200);
    expect(one.body.map.locale).toBe('zh-CN');
    const share = await target.api(`/api/share/${link.token}`, { as: 'anonymous' });
    expect(share.status).toBe(200);
    expect(share.body).toMatchObject({ mapId, role: 'edit', label: 'Workshop 研讨会' });
    expect((await target.api(`/api/share/${old.token}`, { as: 'anonymous' })).status).toBe(401);
    expect((await target.api(`/api/maps/${mapId}`, { as: { token: link.token } })).body.map.touchpoints[0].title).toBe('Moved op');
    expect((await target.api(`/api/maps/${mapId}/versions`)).body).toEqual(versions);
    expect((await target.api(`/api/maps/${mapId}/votes?participantId=participant-0001`)).body).toEqual(votes);
    // The operation log came along: a browser at version 2 catches up by replay, not by reload.
    await target.stop();

    // And back: into a fresh PostgreSQL database (or another embedded one without PostgreSQL).
    let backUrl: string | undefined;
    if (pgUrl) {
      const admin = await openDatabase({ databaseUrl: pgUrl, dataDir: '' });
      await admin.query(`CREATE DATABASE ${backDbName}`);
      await admin.close();
      const u = new URL(pgUrl);
      u.pathname = `/${backDbName}`;
      backUrl = u.toString();
    }
    const embedded = await openDatabase({ dataDir: targetDir, databaseUrl: undefined });
    let back: Database | undefined;
    try {
      back = await openDatabase({ dataDir: backDir, databaseUrl: backUrl });
      const returned = await moveData(embedded, back);
      expectAllCopied(returned);
      expect(returned.source).toBe(list.length);
      const { rows } = await back.query<{ id: string; version: number }>('SELECT id, version FROM maps ORDER BY id');
      expect(rows.map((r) => [r.id, r.version])).toEqual(list.map((m) => [m.id, m.version]).sort());

      // A map that differs in the target is reported, and nothing of it is touched.
      await back.query('UPDATE maps SET version = version + 5 WHERE id = $1', [mapId]);
      await back.query('DELETE FROM share_links WHERE map_id = $1', [mapId]);
      const clash = await moveData(embedded, back);
      expect(clash.ok).toBe(false);
      expect(clash.mismatched).toEqual([mapId]);
      expect(clash.tables.share_links).toMatchObject({ copied: 0, mismatched: [] });
      expect((await back.query('SELECT id FROM share_links WHERE map_id = $1', [mapId])).rows).toEqual([]);
      expect(clash.warnings.join('\n')).toMatch(/other content/);
    } finally {
      await embedded.close();
      await back?.close();
    }
    // Three embedded databases are opened (and two created) on the way: slow on a busy machine.
  }, 240_000);
});
