import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  bandFor,
  buildCurve,
  endingWarning,
  findHighlights,
  formatNarrative,
  goldenIndex,
  goldenMomentsNear,
  GOLDEN_NEAR_DISTANCE,
  HIGHLIGHT_TIE_RULE,
  HIGHLIGHT_TIE_RULE_TEXT,
  isAssumption,
  isNearGoldenMoment,
  narrativeData,
  NEAR_TROUGH_STEPS,
  peakEndFigures,
  rolesOf,
  whatIfEnd,
  type CurvePoint,
} from '../../src/domain/emotion';
import { scoreMots } from '../../src/domain/mot-scoring';
import { journeySequence } from '../../src/domain/journey-order';
import type { JourneyMap } from '../../src/domain/schema';
import { curveMap, makeMap, type TouchpointSpec } from './helpers/make-map';

const values = (points: readonly CurvePoint[]): number[] => points.map((p) => p.value);
const curveOf = (vals: Array<number | null>): CurvePoint[] => buildCurve(curveMap(vals), 'p1');

/** Random maps: 1–4 stages, 1–3 lanes, touchpoints scattered over cells with colliding orders and optional values. */
const randomMap = fc
  .record({
    stageCount: fc.integer({ min: 1, max: 4 }),
    laneCount: fc.integer({ min: 1, max: 3 }),
    tps: fc.array(
      fc.record({
        stage: fc.nat(3),
        lane: fc.nat(2),
        order: fc.integer({ min: 0, max: 4 }),
        value: fc.option(fc.integer({ min: -3, max: 3 }), { freq: 4 }),
      }),
      { maxLength: 25 },
    ),
  })
  .map(({ stageCount, laneCount, tps }) =>
    makeMap({
      stages: Array.from({ length: stageCount }, (_, i) => `s${i}`),
      lanes: Array.from({ length: laneCount }, (_, i) => `l${i}`),
      touchpoints: tps.map(
        (t, i): TouchpointSpec => ({
          id: `t${String(i).padStart(2, '0')}`,
          stage: `s${t.stage % stageCount}`,
          lane: `l${t.lane % laneCount}`,
          order: t.order,
          ...(t.value === null ? {} : { value: t.value }),
        }),
      ),
    }),
  );

/** Independent statement of journey order: stage index, then lane index, then order, then id. */
function sequenceKey(map: JourneyMap, touchpointId: string): [number, number, number, string] {
  const tp = map.touchpoints.find((t) => t.id === touchpointId);
  if (!tp) throw new Error(`no touchpoint ${touchpointId}`);
  return [map.stages.findIndex((s) => s.id === tp.stageId), map.lanes.findIndex((l) => l.id === tp.laneId), tp.order, tp.id];
}
function compareKeys(a: [number, number, number, string], b: [number, number, number, string]): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0);
}

/** An airline journey over three stages and two lanes; values for p1 in journey order: +1, −2, +2, +3, −1. */
function airlineMap(): JourneyMap {
  return makeMap({
    personas: [{ id: 'p1', name: 'Business traveller' }, { id: 'p2', name: 'Family' }],
    stages: ['book', 'airport', 'flight'],
    lanes: ['act', 'front'],
    touchpoints: [
      // listed out of order on purpose
      { id: 'bag', stage: 'flight', lane: 'front', order: 5, title: 'Baggage claim', emotions: { p1: -1, p2: 0 } },
      { id: 'meal', stage: 'flight', lane: 'act', order: 2, title: 'In-flight meal', emotions: { p1: 3 } },
      { id: 'booking', stage: 'book', lane: 'act', order: 0, title: 'Booking', emotions: { p1: 1, p2: 2 } },
      { id: 'boarding', stage: 'airport', lane: 'front', order: 0, title: 'Boarding', emotions: { p1: 2, p2: -1 } },
      { id: 'security', stage: 'airport', lane: 'act', order: 9, title: 'Security', emotions: { p1: -2, p2: -3 } },
      { id: 'lounge', stage: 'airport', lane: 'front', order: 1, title: 'Lounge' },
    ],
  });
}

describe('buildCurve', () => {
  it('follows stage, then lane, then order, skipping touchpoints without a value', () => {
    const curve = buildCurve(airlineMap(), 'p1');
    expect(curve.map((p) => p.touchpointId)).toEqual(['booking', 'security', 'boarding', 'meal', 'bag']);
    expect(curve.map((p) => p.index)).toEqual([0, 1, 2, 3, 4]);
    expect(values(curve)).toEqual([1, -2, 2, 3, -1]);
    expect(curve[1]?.stageId).toBe('airport');
  });

  it('builds the target curve from targets only, without evidence', () => {
    const map = makeMap({
      touchpoints: [
        { id: 'a', emotions: { p1: { value: -1, target: 2, evidence: { source: 'survey', respondents: 5, spread: 1 } } } },
        { id: 'b', emotions: { p1: 1 } },
        { id: 'c', emotions: { p1: { value: 0, target: 1 } } },
      ],
    });
    expect(buildCurve(map, 'p1', 'target')).toEqual([
      { touchpointId: 'a', stageId: 's1', index: 0, value: 2, target: 2 },
      { touchpointId: 'c', stageId: 's1', index: 1, value: 1, target: 1 },
    ]);
    const asis = buildCurve(map, 'p1');
    expect(asis[0]).toMatchObject({ value: -1, target: 2, evidence: { source: 'survey' } });
    expect(asis[1]).not.toHaveProperty('target');
  });

  it('returns an empty curve for an unknown persona or a persona without values', () => {
    expect(buildCurve(airlineMap(), 'nobody')).toEqual([]);
    expect(buildCurve(makeMap({ touchpoints: [{ id: 'a' }] }), 'p1')).toEqual([]);
  });

  it('property: the curve follows journeySequence exactly (including the sequence positions in goldenIndex)', () => {
    fc.assert(
      fc.property(randomMap, (map) => {
        const expected = journeySequence(map).filter((t) => t.emotions.p1 !== undefined).map((t) => t.id);
        expect(buildCurve(map, 'p1').map((p) => p.touchpointId)).toEqual(expected);
        expect([...goldenIndex(map).sequencePosition.keys()]).toEqual(journeySequence(map).map((t) => t.id));
      }),
    );
  });

  it('property: the curve is in journey order', () => {
    fc.assert(
      fc.property(randomMap, (map) => {
        const curve = buildCurve(map, 'p1');
        for (let i = 1; i < curve.length; i++) {
          const prev = curve[i - 1];
          const cur = curve[i];
          if (!prev || !cur) throw new Error('unreachable');
          expect(compareKeys(sequenceKey(map, prev.touchpointId), sequenceKey(map, cur.touchpointId))).toBeLessThan(0);
          expect(cur.index).toBe(i);
        }
        const valued = map.touchpoints.filter((t) => t.emotions.p1 !== undefined).length;
        expect(curve).toHaveLength(valued);
      }),
    );
  });
});

describe('findHighlights', () => {
  it('property: peak ≥ every value, trough ≤ every value, end is the last touchpoint in journey order', () => {
    fc.assert(
      fc.property(randomMap, (map) => {
        const curve = buildCurve(map, 'p1');
        const h = findHighlights(curve);
        if (curve.length === 0) {
          expect(h).toBeNull();
          return;
        }
        if (!h) throw new Error('expected highlights');
        for (const p of curve) {
          expect(h.peak.value).toBeGreaterThanOrEqual(p.value);
          expect(h.trough.value).toBeLessThanOrEqual(p.value);
        }
        const last = map.touchpoints
          .filter((t) => t.emotions.p1 !== undefined)
          .map((t) => t.id)
          .reduce((a, b) => (compareKeys(sequenceKey(map, a), sequenceKey(map, b)) > 0 ? a : b));
        expect(h.end.touchpointId).toBe(last);
      }),
    );
  });

  it('property: ties go to the later point (nothing after the peak equals it, nothing after the trough equals it)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 30 }), (vals) => {
        const h = findHighlights(curveOf(vals));
        if (!h) throw new Error('expected highlights');
        expect(vals.slice(h.peak.index + 1).every((v) => v < h.peak.value)).toBe(true);
        expect(vals.slice(h.trough.index + 1).every((v) => v > h.trough.value)).toBe(true);
        expect(h.end.index).toBe(vals.length - 1);
      }),
    );
  });

  it('property: moving a stage to the end moves the end into that stage', () => {
    fc.assert(
      fc.property(randomMap, fc.nat(), (map, pick) => {
        const valuedStages = map.stages.filter((s) => map.touchpoints.some((t) => t.stageId === s.id && t.emotions.p1));
        const stage = valuedStages[pick % Math.max(1, valuedStages.length)];
        fc.pre(stage !== undefined);
        if (!stage) return;
        const reordered = { ...map, stages: [...map.stages.filter((s) => s !== stage), stage] };
        expect(findHighlights(buildCurve(reordered, 'p1'))?.end.stageId).toBe(stage.id);
      }),
    );
  });

  it('tie rule: equal peaks and equal troughs → the later one', () => {
    expect(HIGHLIGHT_TIE_RULE).toBe('later-wins');
    expect(HIGHLIGHT_TIE_RULE_TEXT).toMatch(/later/);
    const h = findHighlights(curveOf([3, -2, 3, -2, 0]));
    expect(h?.peak.touchpointId).toBe('t2');
    expect(h?.trough.touchpointId).toBe('t3');
    expect(h?.end.touchpointId).toBe('t4');
  });

  it('single touchpoint: peak = trough = end, carrying all three roles', () => {
    const h = findHighlights(curveOf([2]));
    expect(h?.peak).toBe(h?.trough);
    expect(h?.peak).toBe(h?.end);
    expect(rolesOf('t0', h)).toEqual(['peak', 'trough', 'end']);
  });

  it('all-equal journey: the last point is peak, trough and end', () => {
    const h = findHighlights(curveOf([1, 1, 1, 1]));
    expect([h?.peak.touchpointId, h?.trough.touchpointId, h?.end.touchpointId]).toEqual(['t3', 't3', 't3']);
  });

  it('empty journey → null', () => {
    expect(findHighlights([])).toBeNull();
    expect(findHighlights(curveOf([null, null]))).toBeNull();
    expect(rolesOf('t0', null)).toEqual([]);
  });

  it('rolesOf lists every role of a point', () => {
    const h = findHighlights(curveOf([1, -1, 3]));
    expect(rolesOf('t2', h)).toEqual(['peak', 'end']);
    expect(rolesOf('t1', h)).toEqual(['trough']);
    expect(rolesOf('t0', h)).toEqual([]);
  });
});

describe('peakEndFigures and whatIfEnd', () => {
  it('matches a hand calculation', () => {
    // p1: +1, −2, +2, +3, −1 → average 3/5 = 0.6; remembered (3 − 2 − 1)/3 = 0
    const f = peakEndFigures(buildCurve(airlineMap(), 'p1'));
    expect(f?.peak).toBe(3);
    expect(f?.trough).toBe(-2);
    expect(f?.end).toBe(-1);
    expect(f?.average).toBeCloseTo(0.6, 10);
    expect(f?.remembered).toBeCloseTo(0, 10);
    expect(f?.difference).toBeCloseTo(-0.6, 10);
    // p2: +2, −3, −1, 0 → average −0.5; remembered (2 − 3 + 0)/3 = −1/3
    const g = peakEndFigures(buildCurve(airlineMap(), 'p2'));
    expect(g?.average).toBeCloseTo(-0.5, 10);
    expect(g?.remembered).toBeCloseTo(-1 / 3, 10);
    expect(g?.difference).toBeCloseTo(-1 / 3 + 0.5, 10);
  });

  it('is null for an empty curve', () => {
    expect(peakEndFigures([])).toBeNull();
    expect(whatIfEnd([], 3)).toBeNull();
  });

  it('what-if: a better or worse end changes the remembered estimate, recomputing peak and trough', () => {
    const curve = buildCurve(airlineMap(), 'p1'); // +1, −2, +2, +3, −1
    const up = whatIfEnd(curve, 3);
    expect(up?.end).toBe(3);
    expect(up?.remembered).toBeCloseTo((3 - 2 + 3) / 3, 10);
    expect(up?.average).toBeCloseTo(7 / 5, 10);
    const down = whatIfEnd(curve, -3);
    expect(down?.trough).toBe(-3);
    expect(down?.remembered).toBeCloseTo((3 - 3 - 3) / 3, 10);
    // the original end was the only thing changed
    expect(whatIfEnd(curve, -1)).toEqual(peakEndFigures(curve));
    // clamped to the scale; non-finite keeps the current end
    expect(whatIfEnd(curve, 10)).toEqual(up);
    expect(whatIfEnd(curve, Number.NaN)).toEqual(peakEndFigures(curve));
    // a single point: the end is also peak and trough
    expect(whatIfEnd(curveOf([-2]), 1)?.remembered).toBe(1);
  });

  it('property: remembered lies between trough and peak, and what-if with the same end is a no-op', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 1, maxLength: 30 }), (vals) => {
        const curve = curveOf(vals);
        const f = peakEndFigures(curve);
        if (!f) throw new Error('expected figures');
        expect(f.remembered).toBeGreaterThanOrEqual(f.trough - 1e-9);
        expect(f.remembered).toBeLessThanOrEqual(f.peak + 1e-9);
        expect(f.difference).toBeCloseTo(f.remembered - f.average, 10);
        expect(whatIfEnd(curve, vals[vals.length - 1] ?? 0)).toEqual(f);
      }),
    );
  });
});

describe('endingWarning', () => {
  const level = (vals: number[]): string | null => endingWarning(curveOf(vals))?.level ?? null;

  it('warns when the end is the trough (even a positive one, and on a tie the later point is the trough)', () => {
    expect(level([2, 0, -2])).toBe('ends-at-trough');
    expect(level([2, -2, -2])).toBe('ends-at-trough');
    expect(level([3, 3, 1])).toBe('ends-at-trough');
    expect(endingWarning(curveOf([2, 0, -2]))).toEqual({ level: 'ends-at-trough', endValue: -2, troughValue: -2, gap: 0 });
  });

  it('warns when the end is negative and within one step of the trough', () => {
    expect(NEAR_TROUGH_STEPS).toBe(1);
    expect(level([2, -2, -1])).toBe('ends-near-trough');
    expect(level([-2, 1, -3, -2])).toBe('ends-near-trough');
    expect(endingWarning(curveOf([2, -2, -1]))).toEqual({ level: 'ends-near-trough', endValue: -1, troughValue: -2, gap: 1 });
  });

  it('does not warn for a neutral or positive end one step above the trough, or a negative end far above it', () => {
    expect(level([2, -1, 0])).toBeNull();
    expect(level([1, 0, 1])).toBeNull();
    expect(level([2, -2, 1])).toBeNull();
    expect(level([-3, -1])).toBeNull();
  });

  it('a flat curve warns only when negative; empty never warns', () => {
    expect(level([0, 0, 0])).toBeNull();
    expect(level([2, 2])).toBeNull();
    expect(level([1])).toBeNull();
    expect(level([-1, -1])).toBe('ends-at-trough');
    expect(level([-3])).toBe('ends-at-trough');
    expect(endingWarning([])).toBeNull();
  });
});

describe('golden moments', () => {
  // curve p1: t0 +1, t1 +3 (peak), t2 0, t3 −2 (trough), t4 0, t5 +1 (end)
  const map = curveMap([1, 3, 0, -2, 0, 1]);

  it('marks the peak, trough and end (distance 0) and their neighbours on the curve (distance 1)', () => {
    expect(GOLDEN_NEAR_DISTANCE).toBe(1);
    expect(goldenMomentsNear(map, 't1')).toEqual([{ personaId: 'p1', role: 'peak', distance: 0 }]);
    expect(goldenMomentsNear(map, 't0')).toEqual([{ personaId: 'p1', role: 'peak', distance: 1 }]);
    expect(goldenMomentsNear(map, 't2')).toEqual([
      { personaId: 'p1', role: 'peak', distance: 1 },
      { personaId: 'p1', role: 'trough', distance: 1 },
    ]);
    expect(goldenMomentsNear(map, 't4')).toEqual([
      { personaId: 'p1', role: 'trough', distance: 1 },
      { personaId: 'p1', role: 'end', distance: 1 },
    ]);
    expect(goldenMomentsNear(map, 't5')).toEqual([{ personaId: 'p1', role: 'end', distance: 0 }]);
    expect(goldenMomentsNear(map, 'missing')).toEqual([]);
    expect(isNearGoldenMoment(map, 'p1', 't0')).toBe(true);
    expect(isNearGoldenMoment(map, 'p2', 't0')).toBe(false);
  });

  it('measures distance on the persona curve, skipping touchpoints without a value', () => {
    // curve: t0 +1, t3 +3 (peak, position 1), t4 0, t5 0, t6 0, t7 0 (trough and end, position 5)
    const gappy = curveMap([1, null, null, 3, 0, 0, 0, 0]);
    expect(goldenMomentsNear(gappy, 't0')).toEqual([{ personaId: 'p1', role: 'peak', distance: 1 }]);
    expect(goldenMomentsNear(gappy, 't1')).toEqual([]);
    expect(isNearGoldenMoment(gappy, 'p1', 't4')).toBe(true);
    expect(isNearGoldenMoment(gappy, 'p1', 't5')).toBe(false);
    expect(goldenMomentsNear(gappy, 't6')).toEqual([
      { personaId: 'p1', role: 'trough', distance: 1 },
      { personaId: 'p1', role: 'end', distance: 1 },
    ]);
  });

  it('covers every persona, and one point may carry several roles', () => {
    const m = makeMap({
      personas: ['a', 'b'],
      touchpoints: [
        { id: 'x', emotions: { a: 1, b: -2 } },
        { id: 'y', emotions: { a: 0, b: 3 } },
        { id: 'z', emotions: { a: 0 } },
        { id: 'w', emotions: { a: 2 } },
      ],
    });
    // a: +1, 0, 0, +2 → peak/end w, trough z (later 0); b: −2, +3 → trough x, peak/end y
    expect(goldenMomentsNear(m, 'y')).toEqual([
      { personaId: 'a', role: 'trough', distance: 1 },
      { personaId: 'b', role: 'peak', distance: 0 },
      { personaId: 'b', role: 'trough', distance: 1 },
      { personaId: 'b', role: 'end', distance: 0 },
    ]);
  });

  it('recomputes when the map changes (cached per map value)', () => {
    const before = curveMap([1, 2, -1, 0, 3]);
    expect(goldenMomentsNear(before, 't0')).toEqual([]);
    const after: JourneyMap = {
      ...before,
      touchpoints: before.touchpoints.map((t) => (t.id === 't0' ? { ...t, emotions: { p1: { value: -2 } } } : t)),
    };
    expect(goldenMomentsNear(after, 't0')).toEqual([{ personaId: 'p1', role: 'trough', distance: 0 }]);
    expect(goldenMomentsNear(after, 't2')).toEqual([]);
    expect(goldenMomentsNear(before, 't0')).toEqual([]);
    const reordered = { ...before, stages: [...before.stages] };
    expect(goldenIndex(reordered)).not.toBe(goldenIndex(before));
  });
});

describe('narrative', () => {
  it('gives structured data and a one-sentence summary in English and Chinese', () => {
    const data = narrativeData(airlineMap(), 'p1');
    expect(data).toMatchObject({
      personaId: 'p1',
      personaName: 'Business traveller',
      peak: { touchpointId: 'meal', title: 'In-flight meal', value: 3 },
      trough: { touchpointId: 'security', title: 'Security', value: -2 },
      end: { touchpointId: 'bag', title: 'Baggage claim', value: -1 },
      warning: { level: 'ends-near-trough' },
    });
    if (!data) throw new Error('expected data');
    expect(formatNarrative(data, 'en')).toBe(
      'Peak at In-flight meal (+3), trough at Security (\u22122), ends at Baggage claim (\u22121); remembered ≈ 0.0 vs average +0.6',
    );
    const zh = makeMap({
      personas: [{ id: 'p1', name: '商务旅客' }],
      touchpoints: [
        { id: 'a', title: '订票', value: 1 },
        { id: 'b', title: '安检', value: -2 },
        { id: 'c', title: '登机', value: 2 },
        { id: 'd', title: '机上餐食', value: 3 },
        { id: 'e', title: '行李提取', value: -1 },
      ],
    });
    const zhData = narrativeData(zh, 'p1');
    if (!zhData) throw new Error('expected data');
    expect(formatNarrative(zhData, 'zh-CN')).toBe('峰值在机上餐食(+3)，谷底在安检(\u22122)，结束于行李提取(\u22121)；记忆评分≈0.0，平均+0.6');
  });

  it('is null for an unknown persona or an empty curve', () => {
    expect(narrativeData(airlineMap(), 'nobody')).toBeNull();
    expect(narrativeData(curveMap([null]), 'p1')).toBeNull();
  });
});

describe('evidence', () => {
  const point = (value: number, evidence?: CurvePoint['evidence']): CurvePoint => ({
    touchpointId: 't',
    stageId: 's',
    index: 0,
    value,
    ...(evidence ? { evidence } : {}),
  });

  it('bandFor: value ± spread (standard deviation), clamped to the scale', () => {
    expect(bandFor(point(1, { source: 'survey', respondents: 20, spread: 0.5, quotes: [] }))).toEqual({ low: 0.5, high: 1.5 });
    const clamped = bandFor(point(3, { source: 'survey', respondents: 20, spread: 1.2, quotes: [] }));
    expect(clamped?.high).toBe(3);
    expect(clamped?.low).toBeCloseTo(1.8, 10);
    expect(bandFor(point(-3, { source: 'survey', respondents: 1, spread: 6, quotes: [] }))).toEqual({ low: -3, high: 3 });
  });

  it('bandFor: null without a spread, without respondents, or without evidence', () => {
    expect(bandFor(point(1, { source: 'survey', respondents: 0, spread: 1, quotes: [] }))).toBeNull();
    expect(bandFor(point(1, { source: 'survey', spread: 1, quotes: [] }))).toBeNull();
    expect(bandFor(point(1, { source: 'survey', respondents: 10, quotes: [] }))).toBeNull();
    expect(bandFor(point(1))).toBeNull();
  });

  it('isAssumption', () => {
    expect(isAssumption(point(1, { source: 'assumption', quotes: [] }))).toBe(true);
    expect(isAssumption(point(1, { source: 'interview', quotes: [] }))).toBe(false);
    expect(isAssumption(point(1))).toBe(false);
  });
});

describe('performance', () => {
  it('recomputes highlights and the ranking for 1000 touchpoints × 3 personas quickly', () => {
    const personas = ['a', 'b', 'c'];
    const base = makeMap({
      personas,
      stages: Array.from({ length: 10 }, (_, i) => `s${i}`),
      lanes: ['l0', 'l1', 'l2'],
      touchpoints: Array.from({ length: 1000 }, (_, i) => ({
        id: `t${i}`,
        stage: `s${i % 10}`,
        lane: `l${i % 3}`,
        order: (i * 7919) % 1000,
        emotions: Object.fromEntries(personas.map((p, k) => [p, ((i * (k + 3)) % 7) - 3])),
      })),
      mots: Array.from({ length: 200 }, (_, i) => ({
        id: `m${i}`,
        touchpointId: `t${(i * 5) % 1000}`,
        feeling: i % 2 ? 'safe' : 'this airline is different',
        votes: { love: i % 5, like: i % 3, dislike: i % 2 },
        ratings: { importance: i % 6, performance: (i * 2) % 6, competitorWeakness: (i * 3) % 6 },
      })),
      settings: { coreMessage: 'this airline is different', focusDimension: 'repurchase' },
    });
    const times: number[] = [];
    for (let run = 0; run < 15; run++) {
      // a fresh map value each run, as after an edit: nothing cached
      const map: JourneyMap = { ...base, touchpoints: [...base.touchpoints] };
      const t0 = performance.now();
      for (const p of personas) findHighlights(buildCurve(map, p));
      scoreMots(map);
      times.push(performance.now() - t0);
    }
    times.sort((x, y) => x - y);
    const median = times[Math.floor(times.length / 2)] ?? Infinity;
    // target is ≤ 2 ms; the assertion leaves head-room for slow CI machines
    expect(median).toBeLessThan(25);
  });
});
