import { describe, expect, it } from 'vitest';
import { salvageJourneyMap, type SalvageResult } from '../../src/domain/salvage';
import { createFromTemplate } from '../../src/domain/templates';
import { journeyMapSchema, CURRENT_SCHEMA_VERSION } from '../../src/domain/schema';
import { makeMap, goodMot } from './helpers/make-map';
import v0 from '../fixtures/v0-airline.json';

const NOW = new Date('2025-06-01T00:00:00.000Z');

function ok(result: SalvageResult) {
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  expect(journeyMapSchema.safeParse(result.map).success).toBe(true);
  return result;
}

/** A deep copy through JSON, as a file would be. */
const viaJson = <T,>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function base() {
  return makeMap({
    personas: ['p1', 'p2'],
    stages: ['s1', 's2'],
    lanes: ['l1', 'l2'],
    touchpoints: [
      { id: 't1', stage: 's1', emotions: { p1: 1, p2: -1 } },
      { id: 't2', stage: 's2', lane: 'l2', emotions: { p1: { value: 2, target: 3, evidence: { source: 'survey', respondents: 10, spread: 1, quotes: [] } } } },
      { id: 't3', stage: 's2', emotions: { p2: 0 } },
    ],
    mots: [goodMot('m1', 't1'), goodMot('m2', 't2', { chosen: true })],
  });
}

describe('salvageJourneyMap', () => {
  it('returns a valid map unchanged, with an empty report (round trip)', () => {
    for (const map of [base(), createFromTemplate('airline', 'en'), createFromTemplate('hotel', 'zh-CN')]) {
      const r = ok(salvageJourneyMap(viaJson(map), NOW));
      expect(r.report).toEqual([]);
      expect(r.map).toEqual(map);
    }
  });

  it('drops a touchpoint with a bad field, with the reason, and what hangs on it', () => {
    const doc = viaJson(base()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    doc.touchpoints[1].title = 42;
    const r = ok(salvageJourneyMap(doc, NOW));
    expect(r.map.touchpoints.map((t) => t.id)).toEqual(['t1', 't3']);
    expect(r.report).toContainEqual({ path: 'touchpoints.1', reason: expect.stringMatching(/touchpoint.*dropped: title/), code: 'dropped' });
    // m2 was pinned on t2: dangling now, dropped too.
    expect(r.map.mots.map((m) => m.id)).toEqual(['m1']);
    expect(r.report).toContainEqual({ path: 'mots.1', reason: expect.stringContaining('unknown touchpoint "t2"'), code: 'dangling' });
  });

  it('drops only a bad emotion value, and only bad evidence', () => {
    const doc = viaJson(base()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    doc.touchpoints[0].emotions.p1.value = 9;
    doc.touchpoints[1].emotions.p1.evidence.source = 'rumour';
    const r = ok(salvageJourneyMap(doc, NOW));
    expect(r.map.touchpoints[0]?.emotions).toEqual({ p2: { value: -1 } });
    expect(r.map.touchpoints[1]?.emotions.p1).toEqual({ value: 2, target: 3 });
    expect(r.report).toContainEqual({ path: 'touchpoints.0.emotions.p1', reason: expect.stringContaining('emotion dropped: value: must be at most 3'), code: 'dropped' });
    expect(r.report).toContainEqual({ path: 'touchpoints.1.emotions.p1.evidence', reason: expect.stringContaining('evidence dropped'), code: 'dropped' });
  });

  it('drops unknown keys everywhere', () => {
    const doc = viaJson(base()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    doc.extra = 1;
    doc.personas[0].mood = 'happy';
    doc.touchpoints[0].emotions.p2.note = 'x';
    doc.mots[0].ratings.extra = 5;
    const r = ok(salvageJourneyMap(doc, NOW));
    expect(r.map).toEqual(base());
    expect(r.report.map((n) => [n.path, n.code])).toEqual([
      ['extra', 'unknown-key'],
      ['personas.0.mood', 'unknown-key'],
      ['touchpoints.0.emotions.p2.note', 'unknown-key'],
      ['mots.0.ratings.extra', 'unknown-key'],
    ]);
  });

  it('drops dangling references and duplicates', () => {
    const doc = viaJson(base()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    doc.touchpoints[2].stageId = 'nowhere';
    doc.touchpoints[0].emotions.ghost = { value: 1 };
    doc.stages.push({ ...doc.stages[0] });
    doc.comments = [
      { id: 'c1', targetKind: 'touchpoint', targetId: 't1', author: 'A', body: 'ok', createdAt: '2025-01-01T00:00:00.000Z' },
      { id: 'c2', targetKind: 'touchpoint', targetId: 't1', parentId: 'c9', author: 'A', body: 'orphan', createdAt: '2025-01-01T00:00:00.000Z' },
      { id: 'c3', targetKind: 'stage', targetId: 'zzz', author: 'A', body: 'x', createdAt: '2025-01-01T00:00:00.000Z' },
    ];
    const r = ok(salvageJourneyMap(doc, NOW));
    expect(r.map.stages.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(r.map.touchpoints.map((t) => t.id)).toEqual(['t1', 't2']);
    expect(Object.keys(r.map.touchpoints[0]?.emotions ?? {})).toEqual(['p1', 'p2']);
    expect(r.map.comments.map((c) => c.id)).toEqual(['c1']);
    const codes = r.report.map((n) => `${n.path}:${n.code}`);
    expect(codes).toContain('stages.2:duplicate');
    expect(codes).toContain('touchpoints.2:dangling');
    expect(codes).toContain('touchpoints.0.emotions.ghost:dangling');
    expect(codes).toContain('comments.2:dangling');
    expect(r.report.some((n) => n.reason.includes('comment c2 dropped'))).toBe(true);
  });

  it('replaces bad top-level values and adds a persona when none is valid', () => {
    const doc = viaJson(base()) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    doc.title = 'x'.repeat(400);
    doc.locale = 'fr';
    doc.createdAt = 'yesterday';
    doc.personas = [{ id: 'p1', name: 'No colour' }];
    doc.settings = { coreMessage: 7, focusDimension: 'entry', groupWeights: { love: -1, like: 1, dislike: 1 } };
    const r = ok(salvageJourneyMap(doc, NOW));
    expect(r.map.title).toHaveLength(300);
    expect(r.map.locale).toBe('en');
    expect(r.map.createdAt).toBe(NOW.toISOString());
    expect(r.map.personas).toHaveLength(1);
    expect(r.map.settings.focusDimension).toBe('entry');
    expect(r.map.settings.coreMessage).toBe('');
    expect(r.map.settings.groupWeights).toEqual({ love: 3, like: 1.5, dislike: 1 });
    // Emotions of the dropped personas go too.
    expect(r.map.touchpoints.every((t) => Object.keys(t.emotions).length === 0)).toBe(true);
    const codes = r.report.map((n) => `${n.path}:${n.code}`);
    for (const c of ['title:truncated', 'locale:defaulted', 'createdAt:defaulted', 'personas.0:dropped', 'personas:defaulted', 'settings.coreMessage:defaulted', 'settings.groupWeights:defaulted'])
      expect(codes).toContain(c);
  });

  it('refuses prototype-pollution keys anywhere', () => {
    for (const json of [
      '{"stages":[],"__proto__":{"polluted":1}}',
      '{"stages":[{"id":"s1","name":"x","constructor":{"prototype":{"bad":1}}}]}',
      '{"touchpoints":[{"id":"t","emotions":{"__proto__":{"value":1}}}]}',
    ]) {
      const r = salvageJourneyMap(JSON.parse(json), NOW);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.kind).toBe('unsafe-key');
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses newer schema versions and things that are not journey maps', () => {
    const newer = salvageJourneyMap({ ...viaJson(base()), schemaVersion: CURRENT_SCHEMA_VERSION + 1 }, NOW);
    expect(newer).toMatchObject({ ok: false, kind: 'newer-version', version: CURRENT_SCHEMA_VERSION + 1 });
    if (!newer.ok) expect(newer.message).toMatch(/newer version/);
    for (const raw of [null, 42, 'map', [], {}, { title: 'no arrays' }, { stages: 'nope' }]) {
      expect(salvageJourneyMap(raw, NOW)).toMatchObject({ ok: false, kind: 'not-a-map' });
    }
    let deep: Record<string, unknown> = {};
    const root = { stages: [deep] };
    for (let i = 0; i < 100; i++) deep = (deep.child = {}) as Record<string, unknown>;
    expect(salvageJourneyMap(root, NOW)).toMatchObject({ ok: false, kind: 'too-deep' });
  });

  it('migrates old documents and reads a missing schema version as current', () => {
    const old = ok(salvageJourneyMap(viaJson(v0), NOW));
    expect(old.migratedFrom).toBe(0);
    expect(old.map.stages.length).toBeGreaterThan(0);
    const { schemaVersion: _v, ...rest } = viaJson(base());
    const r = ok(salvageJourneyMap(rest, NOW));
    expect(r.map).toEqual(base());
    expect(r.report).toEqual([{ path: 'schemaVersion', reason: expect.stringContaining('read as version 1'), code: 'defaulted' }]);
  });
});
