import { describe, expect, it } from 'vitest';
import { journeyMapSchema, CURRENT_SCHEMA_VERSION, LIMITS } from '../../src/domain/schema';
import { createBlankMap, cloneWithNewIds } from '../../src/domain/defaults';
import { parseJourneyMap } from '../../src/domain/parse';
import { describeZodError } from '../../src/domain/validation';
import { createFromTemplate, TEMPLATE_IDS } from '../../src/domain/templates';
import { formatEmotion, toEmotionValue } from '../../src/domain/scale';

function problemsOf(doc: unknown) {
  const r = journeyMapSchema.safeParse(doc);
  return r.success ? [] : describeZodError(r.error);
}

describe('journey map schema', () => {
  it('accepts a blank map in both languages', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const map = createBlankMap({ title: 'T', locale });
      expect(problemsOf(map)).toEqual([]);
      expect(map.lanes.map((l) => l.type)).toEqual(['action', 'touchpoint', 'frontstage', 'backstage', 'pain', 'opportunity']);
    }
  });

  it('accepts every template in every language', () => {
    for (const id of TEMPLATE_IDS)
      for (const locale of ['en', 'zh-CN'] as const) expect(problemsOf(createFromTemplate(id, locale))).toEqual([]);
  });

  it('rejects bad documents with field paths', () => {
    const map = createFromTemplate('airline', 'en');
    const bad = structuredClone(map) as unknown as Record<string, unknown> & { touchpoints: Record<string, unknown>[]; personas: unknown[] };
    bad.touchpoints[2]!.title = 42;
    bad.touchpoints[3]!.stageId = 'nope';
    const problems = problemsOf(bad);
    expect(problems.map((p) => p.path)).toContain('touchpoints.2.title');
    expect(problemsOf({ ...map, personas: [] }).map((p) => p.path)).toContain('personas');
    expect(problemsOf({ ...map, locale: 'fr' }).map((p) => p.path)).toContain('locale');
    expect(problemsOf({ ...map, title: 'x'.repeat(LIMITS.mapTitle + 1) }).map((p) => p.path)).toContain('title');
    expect(problemsOf({ ...map, extra: 1 }).length).toBeGreaterThan(0);
  });

  it('rejects references to things that do not exist', () => {
    const map = createFromTemplate('hotel', 'en');
    const tp = map.touchpoints[0]!;
    const withGhostStage = { ...map, touchpoints: [{ ...tp, stageId: 'ghost' }, ...map.touchpoints.slice(1)] };
    expect(problemsOf(withGhostStage)).toContainEqual({ path: 'touchpoints.0.stageId', message: 'unknown stage "ghost"' });
    const withGhostPersona = { ...map, touchpoints: [{ ...tp, emotions: { ghost: { value: 1 } } }, ...map.touchpoints.slice(1)] };
    expect(problemsOf(withGhostPersona).map((p) => p.path)).toContain('touchpoints.0.emotions.ghost');
    if (map.mots[0]) {
      const danglingPin = { ...map, mots: [{ ...map.mots[0], touchpointId: 'deleted' }] };
      expect(problemsOf(danglingPin).map((p) => p.path)).toContain('mots.0.touchpointId');
    }
    const dup = { ...map, stages: [...map.stages, map.stages[0]] };
    expect(problemsOf(dup).some((p) => p.message.startsWith('duplicate id'))).toBe(true);
  });

  it('keeps emotion values on the integer scale −3..+3', () => {
    const map = createFromTemplate('airline', 'en');
    const tp = map.touchpoints.find((t) => Object.keys(t.emotions).length > 0)!;
    const pid = Object.keys(tp.emotions)[0]!;
    for (const value of [4, -4, 1.5]) {
      const bad = { ...map, touchpoints: map.touchpoints.map((t) => (t === tp ? { ...t, emotions: { [pid]: { value } } } : t)) };
      expect(problemsOf(bad).some((p) => p.path.endsWith(`emotions.${pid}.value`))).toBe(true);
    }
    expect(toEmotionValue(7)).toBe(3);
    expect(toEmotionValue(-0.2)).toBe(0);
    expect(toEmotionValue(Number.NaN)).toBe(0);
    expect(formatEmotion(2)).toBe('+2');
    expect(formatEmotion(-1)).toBe('\u22121');
    expect(formatEmotion(0.04, 1)).toBe('0.0');
  });

  it('clones a map with fresh ids and consistent references', () => {
    const map = createFromTemplate('airline', 'zh-CN');
    const copy = cloneWithNewIds(map, { title: '副本' });
    expect(problemsOf(copy)).toEqual([]);
    expect(copy.id).not.toBe(map.id);
    const oldIds = new Set([...map.touchpoints, ...map.stages, ...map.personas, ...map.mots].map((x) => x.id));
    expect([...copy.touchpoints, ...copy.stages, ...copy.personas, ...copy.mots].some((x) => oldIds.has(x.id))).toBe(false);
    expect(copy.touchpoints.length).toBe(map.touchpoints.length);
    expect(copy.mots.length).toBe(map.mots.length);
    expect(copy.title).toBe('副本');
  });
});

describe('parseJourneyMap', () => {
  it('refuses a version newer than the app with a clear message and no crash', () => {
    const map = createBlankMap({ title: 'x', locale: 'en' });
    const r = parseJourneyMap({ ...map, schemaVersion: CURRENT_SCHEMA_VERSION + 1 });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.kind).toBe('version');
      expect(r.message).toMatch(/newer version of MOT Canvas/);
    }
  });
  it('refuses non-objects and garbage versions', () => {
    for (const raw of [null, 42, 'map', [], { schemaVersion: 'one' }, { schemaVersion: -1 }]) {
      const r = parseJourneyMap(raw);
      expect(r.ok).toBe(false);
    }
  });
  it('reports invalid documents as field problems', () => {
    const r = parseJourneyMap({ ...createBlankMap({ title: 'x', locale: 'en' }), stages: 'nope' });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.kind).toBe('invalid');
      expect(r.problems[0]?.path).toBe('stages');
    }
  });
});
