import { describe, it, expect } from 'vitest';
import { produce } from 'immer';
import { motNumber, motNumbering } from '../../src/canvas/mots/mot-numbering';
import { addMot, deleteMot, moveStage, moveTouchpoint, updateMot } from '../../src/store/commands';
import { createFromTemplate } from '../../src/domain/templates';
import type { JourneyMap } from '../../src/domain/schema';
import { makeMap } from './helpers/make-map';

/**
 * Two stages (s1, s2), two lanes (l1 above l2). Journey order of the cards:
 * a (s1/l1, order 0), b (s1/l1, order 1), c (s1/l2), d (s2/l1).
 */
function baseMap(mots: Array<{ id: string; touchpointId: string }>): JourneyMap {
  return makeMap({
    stages: ['s1', 's2'],
    lanes: ['l1', 'l2'],
    touchpoints: [
      // listed out of journey order on purpose
      { id: 'd', stage: 's2', lane: 'l1', order: 0 },
      { id: 'c', stage: 's1', lane: 'l2', order: 0 },
      { id: 'b', stage: 's1', lane: 'l1', order: 1 },
      { id: 'a', stage: 's1', lane: 'l1', order: 0 },
    ],
    mots,
  });
}

const numbersOf = (doc: JourneyMap): Record<string, number> => Object.fromEntries(motNumbering(doc).byId);

describe('motNumbering', () => {
  it('is empty for a map without MOTs', () => {
    const doc = baseMap([]);
    expect(motNumbering(doc).ids).toEqual([]);
    expect(motNumbering(doc).byId.size).toBe(0);
    expect(motNumber(doc, 'nope')).toBeUndefined();
  });

  it('numbers 1..n in journey order of the touchpoints (stage, then lane, then order in the cell)', () => {
    const doc = baseMap([
      { id: 'm-d', touchpointId: 'd' },
      { id: 'm-c', touchpointId: 'c' },
      { id: 'm-b', touchpointId: 'b' },
      { id: 'm-a', touchpointId: 'a' },
    ]);
    expect(motNumbering(doc).ids).toEqual(['m-a', 'm-b', 'm-c', 'm-d']);
    expect(numbersOf(doc)).toEqual({ 'm-a': 1, 'm-b': 2, 'm-c': 3, 'm-d': 4 });
    expect(motNumber(doc, 'm-c')).toBe(3);
  });

  it('numbers several MOTs on one touchpoint in creation order', () => {
    const doc = baseMap([
      { id: 'z-second-on-b', touchpointId: 'b' },
      { id: 'm-d', touchpointId: 'd' },
      { id: 'a-third-on-b', touchpointId: 'b' },
      { id: 'm-a', touchpointId: 'a' },
      { id: 'first-on-b', touchpointId: 'b' },
    ]);
    // creation order = position in doc.mots, not the id
    expect(motNumbering(doc).ids).toEqual(['m-a', 'z-second-on-b', 'a-third-on-b', 'first-on-b', 'm-d']);
  });

  it('gives a new MOT the next number on its touchpoint, and renumbers after a delete', () => {
    const doc = baseMap([
      { id: 'm-a', touchpointId: 'a' },
      { id: 'm-d', touchpointId: 'd' },
    ]);
    let created = '';
    const added = produce(doc, (d) => {
      created = addMot(d, 'a') ?? '';
    });
    expect(created).not.toBe('');
    expect(numbersOf(added)).toEqual({ 'm-a': 1, [created]: 2, 'm-d': 3 });
    const deleted = produce(added, (d) => {
      deleteMot(d, 'm-a');
    });
    expect(numbersOf(deleted)).toEqual({ [created]: 1, 'm-d': 2 });
  });

  it('follows the journey when cards or stages move', () => {
    const doc = baseMap([
      { id: 'm-a', touchpointId: 'a' },
      { id: 'm-d', touchpointId: 'd' },
    ]);
    const cardMoved = produce(doc, (d) => {
      moveTouchpoint(d, 'a', { stageId: 's2', laneId: 'l2' });
    });
    expect(motNumbering(cardMoved).ids).toEqual(['m-d', 'm-a']);
    const stageMoved = produce(doc, (d) => {
      moveStage(d, 's2', 0);
    });
    expect(motNumbering(stageMoved).ids).toEqual(['m-d', 'm-a']);
  });

  it('puts MOTs on a touchpoint outside the journey last, in creation order', () => {
    const doc = baseMap([{ id: 'm-a', touchpointId: 'a' }]);
    // Not reachable through the schema; built by hand to check the fallback.
    const broken = { ...doc, mots: [{ ...doc.mots[0]!, id: 'ghost', touchpointId: 'gone' }, ...doc.mots] };
    expect(motNumbering(broken).ids).toEqual(['m-a', 'ghost']);
  });

  it('is memoised per document and recomputed only when MOTs, touchpoints, stages or lanes change', () => {
    const doc = baseMap([
      { id: 'm-a', touchpointId: 'a' },
      { id: 'm-b', touchpointId: 'b' },
    ]);
    const first = motNumbering(doc);
    expect(motNumbering(doc)).toBe(first);
    // An unrelated edit (title) keeps the same arrays: same result object.
    const retitled = produce(doc, (d) => {
      d.title = 'Renamed';
    });
    expect(motNumbering(retitled)).toBe(first);
    // Editing an MOT's text replaces doc.mots: recomputed, same numbers.
    const edited = produce(doc, (d) => {
      updateMot(d, 'm-a', { who: 'A frequent flyer' });
    });
    expect(motNumbering(edited)).not.toBe(first);
    expect(motNumbering(edited).ids).toEqual(first.ids);
    // Reordering cards keeps doc.mots but replaces doc.touchpoints: recomputed.
    const reordered = produce(doc, (d) => {
      moveTouchpoint(d, 'b', { stageId: 's1', laneId: 'l1', index: 0 });
    });
    expect(reordered.mots).toBe(doc.mots);
    expect(motNumbering(reordered).ids).toEqual(['m-b', 'm-a']);
    // …and the original document still gets its own numbering.
    expect(motNumbering(doc).ids).toEqual(['m-a', 'm-b']);
  });

  it('numbers the hotel template MOTs in journey order', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const doc = createFromTemplate('hotel', locale);
      const { ids, byId } = motNumbering(doc);
      expect(ids).toHaveLength(doc.mots.length);
      expect([...byId.values()].sort((a, b) => a - b)).toEqual(doc.mots.map((_, i) => i + 1));
      // journey positions of the numbered MOTs never go backwards
      const stageIndex = new Map(doc.stages.map((s, i) => [s.id, i]));
      const stageOf = (motId: string) => {
        const mot = doc.mots.find((m) => m.id === motId)!;
        return stageIndex.get(doc.touchpoints.find((t) => t.id === mot.touchpointId)!.stageId)!;
      };
      const stages = ids.map(stageOf);
      expect(stages).toEqual([...stages].sort((a, b) => a - b));
    }
  });
});
