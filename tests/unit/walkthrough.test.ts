import { describe, it, expect } from 'vitest';
import { createFromTemplate } from '../../src/domain/templates';
import { goldenIndex } from '../../src/domain/emotion';
import {
  clampStageIndex,
  sliceStage,
  stageIndexOf,
  startStageId,
  stepIndex,
  walkthroughKeyAction,
} from '../../src/walkthrough/stage-slice';
import { stageChart } from '../../src/walkthrough/stage-chart';
import { broadcastStage, WalkthroughStore } from '../../src/walkthrough/walkthrough-store';
import { yForValue } from '../../src/canvas/emotion/emotion-geometry';
import { goodMot, makeMap } from './helpers/make-map';

/**
 * Five stages s1..s5, two lanes (l1 above l2) and a hidden lane lh. Persona p1's curve, in journey order:
 * a (s1/l1) 0, b (s1/l2) −1, c (s2/l1) −2 (trough), [s3 empty], d (s4/l1) +3 (peak), e (s4/l2) +1, f (s5/l1) +1 (end).
 * Persona p2 has values only on a (+1) and d (−1).
 */
function fiveStages() {
  return makeMap({
    personas: ['p1', 'p2'],
    stages: ['s1', 's2', 's3', 's4', 's5'],
    lanes: ['l1', 'l2', { id: 'lh', hidden: true }],
    touchpoints: [
      // listed out of journey order on purpose
      { id: 'f', stage: 's5', lane: 'l1', value: 1 },
      { id: 'e', stage: 's4', lane: 'l2', value: 1 },
      { id: 'd', stage: 's4', lane: 'l1', emotions: { p1: 3, p2: -1 } },
      { id: 'h', stage: 's2', lane: 'lh' },
      { id: 'c', stage: 's2', lane: 'l1', value: -2 },
      { id: 'b', stage: 's1', lane: 'l2', value: -1 },
      { id: 'a', stage: 's1', lane: 'l1', order: 0, emotions: { p1: 0, p2: 1 } },
      { id: 'x', stage: 's1', lane: 'l1', order: 5 },
    ],
    mots: [goodMot('m2', 'd'), goodMot('m1', 'a'), goodMot('m3', 'h'), goodMot('m4', 'd', { who: '' })],
  });
}

const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id);

describe('sliceStage: cards', () => {
  it('groups the stage cards by lane, lanes top to bottom, cards in cell order; other stages left out', () => {
    const s = sliceStage(fiveStages(), 0);
    expect(s?.stage.id).toBe('s1');
    expect(s?.index).toBe(0);
    expect(s?.count).toBe(5);
    expect(s?.lanes.map((l) => [l.lane.id, ids(l.cards)])).toEqual([
      ['l1', ['a', 'x']],
      ['l2', ['b']],
    ]);
  });

  it('leaves out hidden lanes and lanes without a card in the stage', () => {
    const s = sliceStage(fiveStages(), 1);
    expect(s?.lanes.map((l) => l.lane.id)).toEqual(['l1']);
    expect(s?.lanes[0]?.cards.map((c) => c.id)).toEqual(['c']);
  });

  it('an empty stage has no lanes, no points, no marks, no MOTs and says so', () => {
    const s = sliceStage(fiveStages(), 2);
    expect(s?.stage.id).toBe('s3');
    expect(s?.lanes).toEqual([]);
    expect(s?.slots).toEqual([]);
    expect(s?.mots).toEqual([]);
    expect(s?.empty).toBe(true);
    for (const c of s?.curves ?? []) {
      expect(c.points).toEqual([]);
      expect(c.marks).toEqual([]);
    }
  });

  it('null outside the map; an empty map has no slice', () => {
    expect(sliceStage(fiveStages(), 5)).toBeNull();
    expect(sliceStage(fiveStages(), -1)).toBeNull();
    expect(sliceStage(makeMap({ stages: [] }), 0)).toBeNull();
  });
});

describe('sliceStage: emotion curves and marks', () => {
  it('gives each persona the points of this stage, in curve order, with the neighbours before and after', () => {
    const s1 = sliceStage(fiveStages(), 0);
    const p1 = s1?.curves.find((c) => c.personaId === 'p1');
    expect(p1?.points.map((p) => [p.touchpointId, p.value])).toEqual([
      ['a', 0],
      ['b', -1],
    ]);
    expect(p1?.before).toBeNull();
    expect(p1?.after?.touchpointId).toBe('c');

    const s4 = sliceStage(fiveStages(), 3);
    const q1 = s4?.curves.find((c) => c.personaId === 'p1');
    expect(q1?.points.map((p) => p.touchpointId)).toEqual(['d', 'e']);
    expect(q1?.before?.touchpointId).toBe('c'); // s3 is empty: the curve comes from s2
    expect(q1?.after?.touchpointId).toBe('f');
  });

  it('the empty stage still knows the curve passes through it', () => {
    const s3 = sliceStage(fiveStages(), 2);
    const p1 = s3?.curves.find((c) => c.personaId === 'p1');
    expect(p1?.before?.touchpointId).toBe('c');
    expect(p1?.after?.touchpointId).toBe('d');
  });

  it('marks a peak in stage 4 only there, the trough only in stage 2 and the end only in stage 5', () => {
    const doc = fiveStages();
    const where: Record<string, string[]> = {};
    for (let i = 0; i < doc.stages.length; i++) {
      const s = sliceStage(doc, i);
      for (const m of s?.curves.find((c) => c.personaId === 'p1')?.marks ?? []) (where[m.role] ??= []).push(s?.stage.id ?? '');
    }
    expect(where).toEqual({ peak: ['s4'], trough: ['s2'], end: ['s5'] });
  });

  it('a point that is several roles at once carries them all (p2: peak on a, trough and end on d)', () => {
    const doc = fiveStages();
    expect(sliceStage(doc, 0)?.curves.find((c) => c.personaId === 'p2')?.marks.map((m) => m.role)).toEqual(['peak']);
    expect(sliceStage(doc, 3)?.curves.find((c) => c.personaId === 'p2')?.marks.map((m) => m.role)).toEqual(['trough', 'end']);
  });

  it('uses the same highlights as the canvas (goldenIndex), including the later-wins tie rule', () => {
    // Two equal peaks (+3 in s1 and in s3): the later one is the peak.
    const doc = makeMap({
      stages: ['s1', 's2', 's3'],
      touchpoints: [
        { id: 'a', stage: 's1', value: 3 },
        { id: 'b', stage: 's2', value: -1 },
        { id: 'c', stage: 's3', value: 3 },
      ],
    });
    expect(goldenIndex(doc).personas[0]?.highlights?.peak.touchpointId).toBe('c');
    expect(sliceStage(doc, 0)?.curves[0]?.marks).toEqual([]);
    expect(sliceStage(doc, 2)?.curves[0]?.marks.map((m) => m.role)).toEqual(['peak', 'end']);
  });

  it('slots: one per card carrying any persona point, in journey order (cards without a value have none)', () => {
    expect(sliceStage(fiveStages(), 0)?.slots).toEqual(['a', 'b']);
    expect(sliceStage(fiveStages(), 3)?.slots).toEqual(['d', 'e']);
  });
});

describe('sliceStage: MOTs', () => {
  it('lists the MOTs pinned on the stage cards in map-wide number order, hidden lanes included', () => {
    const doc = fiveStages();
    expect(sliceStage(doc, 0)?.mots.map((m) => [m.mot.id, m.number, m.touchpoint.id])).toEqual([['m1', 1, 'a']]);
    // h is in s2 (hidden lane), numbered 2 in journey order; d's two MOTs are 3 and 4 in creation order.
    expect(sliceStage(doc, 1)?.mots.map((m) => [m.mot.id, m.number])).toEqual([['m3', 2]]);
    expect(sliceStage(doc, 1)?.empty).toBe(false);
    expect(sliceStage(doc, 3)?.mots.map((m) => [m.mot.id, m.number])).toEqual([
      ['m2', 3],
      ['m4', 4],
    ]);
    expect(sliceStage(doc, 3)?.mots[1]?.mot.who).toBe('');
  });
});

describe('sliceStage on the airline template', () => {
  it('both personas peak in In-flight, and no other stage shows a peak', () => {
    const doc = createFromTemplate('airline', 'en');
    const peaks = doc.stages.map((_, i) => sliceStage(doc, i)?.curves.flatMap((c) => c.marks.filter((m) => m.role === 'peak')).length ?? 0);
    const inFlight = doc.stages.findIndex((s) => s.name === 'In-flight');
    expect(inFlight).toBeGreaterThan(0);
    expect(peaks[inFlight]).toBe(2);
    expect(peaks.reduce((a, b) => a + b, 0)).toBe(2);
    // every card of the map appears in exactly one stage (none of the template's lanes is hidden)
    const shown = doc.stages.flatMap((_, i) => sliceStage(doc, i)?.lanes.flatMap((l) => l.cards.map((c) => c.id)) ?? []);
    expect(shown.sort()).toEqual(doc.touchpoints.map((t) => t.id).sort());
    const mots = doc.stages.flatMap((_, i) => sliceStage(doc, i)?.mots.map((m) => m.number) ?? []);
    expect(mots).toEqual(doc.mots.map((_, i) => i + 1));
  });
});

describe('stageChart', () => {
  const size = { width: 600, height: 300, left: 40, right: 20 };

  it('spreads the stage points over the plot, on the −3..+3 scale, and stubs to the neighbours', () => {
    const slice = sliceStage(fiveStages(), 3);
    if (!slice) throw new Error('no slice');
    const chart = stageChart(slice, size);
    const p1 = chart.curves.find((c) => c.personaId === 'p1');
    expect(p1?.points.map((p) => Math.round(p.x))).toEqual([175, 445]); // 40 + (0.5, 1.5) · 540 / 2
    expect(p1?.points[0]?.y).toBeCloseTo(yForValue(3, 300));
    expect(p1?.points[0]?.roles).toEqual(['peak']);
    expect(p1?.d).toMatch(/^M/);
    expect(p1?.stubs).toEqual([
      { x1: 40, y1: yForValue(-2, 300), x2: p1?.points[0]?.x, y2: p1?.points[0]?.y },
      { x1: p1?.points[1]?.x, y1: p1?.points[1]?.y, x2: 580, y2: yForValue(1, 300) },
    ]);
    // p2 has one point here (d): no path, a stub in from a
    const p2 = chart.curves.find((c) => c.personaId === 'p2');
    expect(p2?.d).toBe('');
    expect(p2?.points.map((p) => p.touchpointId)).toEqual(['d']);
    expect(p2?.stubs).toHaveLength(1);
    expect(chart.grid.map((g) => g.value)).toEqual([3, 2, 1, 0, -1, -2, -3]);
  });

  it('an empty stage draws only the pass-through stub', () => {
    const slice = sliceStage(fiveStages(), 2);
    if (!slice) throw new Error('no slice');
    const p1 = stageChart(slice, size).curves.find((c) => c.personaId === 'p1');
    expect(p1?.points).toEqual([]);
    expect(p1?.stubs).toEqual([{ x1: 40, y1: yForValue(-2, 300), x2: 580, y2: yForValue(3, 300) }]);
  });
});

describe('keys and navigation', () => {
  const key = (k: string, mods: Partial<KeyboardEvent> = {}) => walkthroughKeyAction({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

  it('maps presenter-clicker and keyboard keys', () => {
    expect(['ArrowRight', 'PageDown', ' '].map((k) => key(k))).toEqual(['next', 'next', 'next']);
    expect(['ArrowLeft', 'PageUp'].map((k) => key(k))).toEqual(['prev', 'prev']);
    expect(key('ArrowDown')).toBe('scrollDown');
    expect(key('ArrowUp')).toBe('scrollUp');
    expect(key('Home')).toBe('first');
    expect(key('End')).toBe('last');
    expect(key('Escape')).toBe('exit');
    expect(key('a')).toBeNull();
    expect(key('ArrowRight', { ctrlKey: true })).toBeNull();
    expect(key('ArrowLeft', { altKey: true })).toBeNull();
  });

  it('steps inside the stages', () => {
    expect(stepIndex(0, 'prev', 6)).toBe(0);
    expect(stepIndex(0, 'next', 6)).toBe(1);
    expect(stepIndex(5, 'next', 6)).toBe(5);
    expect(stepIndex(3, 'first', 6)).toBe(0);
    expect(stepIndex(1, 'last', 6)).toBe(5);
    expect(stepIndex(2, 'exit', 6)).toBe(2);
    expect(stepIndex(2, 'scrollDown', 6)).toBe(2);
    expect(stepIndex(0, 'next', 0)).toBe(0);
    expect(clampStageIndex(-1, 4)).toBe(0);
    expect(clampStageIndex(9, 4)).toBe(3);
    expect(clampStageIndex(Number.NaN, 4)).toBe(0);
  });

  it('finds stages by id and where to start', () => {
    const doc = fiveStages();
    expect(stageIndexOf(doc, 's3')).toBe(2);
    expect(stageIndexOf(doc, 'nope')).toBe(-1);
    expect(stageIndexOf(doc, null)).toBe(-1);
    const none = { selection: null, activeCell: null };
    expect(startStageId(doc, none)).toBe('s1');
    expect(startStageId(doc, { selection: { kind: 'stage', ids: ['s4'] }, activeCell: null })).toBe('s4');
    expect(startStageId(doc, { selection: { kind: 'touchpoint', ids: ['c'] }, activeCell: null })).toBe('s2');
    expect(startStageId(doc, { selection: null, activeCell: { stageId: 's5' } })).toBe('s5');
    expect(startStageId(doc, { selection: { kind: 'stage', ids: ['gone'] }, activeCell: null })).toBe('s1');
    expect(startStageId(makeMap({ stages: [] }), none)).toBeNull();
  });
});

describe('WalkthroughStore: presenting and following', () => {
  it('a presenter broadcasts its stage only with the edit role and while sharing', () => {
    const s = new WalkthroughStore();
    expect(broadcastStage(s.getState(), 'owner')).toBeNull();
    s.present('s2');
    expect(broadcastStage(s.getState(), 'owner')).toBe('s2');
    expect(broadcastStage(s.getState(), 'edit')).toBe('s2');
    expect(broadcastStage(s.getState(), 'view')).toBeNull();
    expect(broadcastStage(s.getState(), 'comment')).toBeNull();
    expect(broadcastStage(s.getState(), null)).toBeNull();
    s.setBroadcast(false);
    expect(broadcastStage(s.getState(), 'owner')).toBeNull();
    s.setBroadcast(true);
    s.exit();
    expect(broadcastStage(s.getState(), 'owner')).toBeNull();
  });

  it('a follower opens at the presenter stage, moves with it, detaches on its own moves, rejoins', () => {
    const s = new WalkthroughStore();
    s.follow(); // nobody presents: nothing happens
    expect(s.getState().open).toBe(false);
    s.remoteMoved({ clientId: 'ana-tab-1', name: 'Ana' }, 's2');
    expect(s.getState().remote).toEqual({ clientId: 'ana-tab-1', name: 'Ana', stageId: 's2' });
    expect(s.getState().open).toBe(false); // only a banner: following is a choice
    s.follow();
    expect(s.getState()).toMatchObject({ open: true, mode: 'follow', stageId: 's2', detached: false });
    s.remoteMoved({ clientId: 'ana-tab-1', name: 'Ana' }, 's3');
    expect(s.getState().stageId).toBe('s3');
    s.go('s1');
    expect(s.getState()).toMatchObject({ stageId: 's1', detached: true });
    s.remoteMoved({ clientId: 'ana-tab-1', name: 'Ana' }, 's4');
    expect(s.getState().stageId).toBe('s1'); // detached: stays
    s.rejoin();
    expect(s.getState()).toMatchObject({ stageId: 's4', detached: false });
    s.go('s4');
    expect(s.getState().detached).toBe(false);
  });

  it('a follower who exits stops following only; the presentation ending closes the follower', () => {
    const s = new WalkthroughStore();
    s.remoteMoved({ clientId: 'ana-tab-1', name: 'Ana' }, 's2');
    s.follow();
    s.exit();
    expect(s.getState().open).toBe(false);
    expect(s.getState().remote?.stageId).toBe('s2'); // still presenting for the others: the banner comes back
    s.follow();
    s.remoteMoved(null, null);
    expect(s.getState()).toMatchObject({ open: false, remote: null });
  });

  it('the presenter leaving the map ends it; someone else leaving does not', () => {
    const s = new WalkthroughStore();
    s.remoteMoved({ clientId: 'ana-tab-1', name: 'Ana' }, 's2');
    s.presenterLeft('bo-tab-22');
    expect(s.getState().remote).not.toBeNull();
    s.presenterLeft('ana-tab-1');
    expect(s.getState().remote).toBeNull();
  });

  it('a presenter is not pulled along by someone else presenting', () => {
    const s = new WalkthroughStore();
    s.present('s1');
    s.remoteMoved({ clientId: 'bo-tab-22', name: 'Bo' }, 's3');
    expect(s.getState()).toMatchObject({ open: true, mode: 'present', stageId: 's1' });
  });

  it('notifies only on real changes', () => {
    const s = new WalkthroughStore();
    let n = 0;
    s.subscribe(() => n++);
    s.present('s1');
    s.present('s1');
    s.go('s1');
    expect(n).toBe(1);
  });
});
