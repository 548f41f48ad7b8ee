import { describe, expect, it } from 'vitest';
import { compareMaps } from '../../src/domain/map-compare';
import { createFromTemplate } from '../../src/domain/templates';
import type { JourneyMap } from '../../src/domain/schema';
import { thinningPlan, DAY_MS, HOUR_MS, WEEK_MS } from '../../server/versions/thinning';
import { makeMap } from './helpers/make-map';

const base = makeMap({
  title: 'Trip',
  personas: [{ id: 'p1', name: 'Ana' }, { id: 'p2', name: 'Bo' }],
  stages: [
    { id: 's1', name: 'Book' },
    { id: 's2', name: 'Fly' },
    { id: 's3', name: 'Land' },
    { id: 's4', name: 'Home' },
  ],
  lanes: [
    { id: 'l1', name: 'Actions', type: 'action' },
    { id: 'l2', name: 'Touchpoints' },
  ],
  touchpoints: [
    { id: 't1', stage: 's1', title: 'Search', emotions: { p1: 1, p2: { value: 0, target: 2 } } },
    { id: 't2', stage: 's2', title: 'Board', value: -2 },
    { id: 't3', stage: 's3', lane: 'l2', title: 'Baggage', value: -3 },
  ],
  mots: [{ id: 'm1', touchpointId: 't2', who: 'Gate agent', feeling: 'calm' }],
});

function edit(map: JourneyMap, fn: (m: JourneyMap) => JourneyMap): JourneyMap {
  return fn(structuredClone(map));
}

describe('compareMaps', () => {
  it('finds nothing between a map and itself (updatedAt aside)', () => {
    const c = compareMaps(base, { ...base, updatedAt: '2030-01-01T00:00:00.000Z' });
    expect(c.total).toBe(0);
    expect(c.title).toBeNull();
    expect(c.stages).toEqual({ added: [], removed: [], renamed: [], moved: [] });
    expect(c.comments).toEqual({ from: 0, to: 0 });
  });

  it('names stage changes: added, removed, renamed and one move (not every stage it passed)', () => {
    const now = edit(base, (m) => ({
      ...m,
      // s4 dragged to the front; s2 renamed; s3 removed (with its card); s5 added.
      stages: [
        { id: 's4', name: 'Home', description: '' },
        { id: 's1', name: 'Book', description: '' },
        { id: 's2', name: 'Take off', description: '' },
        { id: 's5', name: 'Review', description: '' },
      ],
      touchpoints: m.touchpoints.filter((t) => t.stageId !== 's3'),
    }));
    const c = compareMaps(base, now);
    expect(c.stages.added).toEqual([{ id: 's5', name: 'Review' }]);
    expect(c.stages.removed).toEqual([{ id: 's3', name: 'Land' }]);
    expect(c.stages.renamed).toEqual([{ id: 's2', from: 'Fly', to: 'Take off' }]);
    expect(c.stages.moved).toEqual([{ id: 's4', name: 'Home', from: 2, to: 0 }]);
    expect(c.cards.removed).toEqual([{ id: 't3', title: 'Baggage', stage: 'Land', lane: 'Touchpoints' }]);
    expect(c.total).toBe(5);
  });

  it('names card moves between cells, retitles, other field changes and new cards', () => {
    const now = edit(base, (m) => ({
      ...m,
      touchpoints: [
        ...m.touchpoints.map((t) =>
          t.id === 't1' ? { ...t, stageId: 's2', laneId: 'l2' } : t.id === 't2' ? { ...t, title: 'Boarding', description: 'Gate 4', channel: 'app' as const } : t,
        ),
        { id: 't9', stageId: 's4', laneId: 'l1', order: 0, title: 'Unpack', description: '', channel: 'other' as const, emotions: {} },
      ],
    }));
    const c = compareMaps(base, now);
    expect(c.cards.moved).toEqual([{ id: 't1', title: 'Search', fromStage: 'Book', toStage: 'Fly', fromLane: 'Actions', toLane: 'Touchpoints' }]);
    expect(c.cards.retitled).toEqual([{ id: 't2', from: 'Board', to: 'Boarding' }]);
    expect(c.cards.changed).toEqual([{ id: 't2', title: 'Boarding', fields: ['description', 'channel'] }]);
    expect(c.cards.added).toEqual([{ id: 't9', title: 'Unpack', stage: 'Home', lane: 'Actions' }]);
    // A card that only changed its order inside the cell is not a move.
    const reordered = compareMaps(base, edit(base, (m) => ({ ...m, touchpoints: m.touchpoints.map((t) => ({ ...t, order: t.order + 5 })) })));
    expect(reordered.total).toBe(0);
  });

  it('lists emotion changes per persona and card, including points added, removed and to-be changes', () => {
    const now = edit(base, (m) => ({
      ...m,
      touchpoints: m.touchpoints.map((t) =>
        t.id === 't1' ? { ...t, emotions: { p2: { value: 0, target: 3 } } } : t.id === 't2' ? { ...t, emotions: { p1: { value: 1 }, p2: { value: -1 } } } : t,
      ),
    }));
    const c = compareMaps(base, now);
    expect(c.emotions).toEqual([
      { personaId: 'p1', persona: 'Ana', cardId: 't1', card: 'Search', from: 1, to: null },
      { personaId: 'p2', persona: 'Bo', cardId: 't1', card: 'Search', from: 0, to: 0, targetFrom: 2, targetTo: 3 },
      { personaId: 'p1', persona: 'Ana', cardId: 't2', card: 'Board', from: -2, to: 1 },
      { personaId: 'p2', persona: 'Bo', cardId: 't2', card: 'Board', from: null, to: -1 },
    ]);
  });

  it('names MOT, persona, title, settings and comment changes', () => {
    const now = edit(base, (m) => ({
      ...m,
      title: 'Trip 2',
      settings: { ...m.settings, coreMessage: 'Care', focusDimension: 'recommendation' as const },
      personas: [{ ...m.personas[0]!, name: 'Ana B.', color: '#000000' }, { id: 'p3', name: 'Cy', description: '', color: '#111111' }],
      touchpoints: m.touchpoints.map((t) => ({ ...t, emotions: Object.fromEntries(Object.entries(t.emotions).filter(([k]) => k !== 'p2')) })),
      mots: [
        { ...m.mots[0]!, touchpointId: 't3', feeling: 'relieved', chosen: true },
        { ...m.mots[0]!, id: 'm2', touchpointId: 't1', who: 'Agent' },
      ],
      comments: [
        { id: 'c1', targetKind: 'touchpoint' as const, targetId: 't1', parentId: null, author: 'A', body: 'Hi', createdAt: base.createdAt, resolved: false },
      ],
    }));
    const c = compareMaps(base, now);
    expect(c.title).toEqual({ from: 'Trip', to: 'Trip 2' });
    expect(c.settings).toEqual(['coreMessage', 'focusDimension']);
    expect(c.personas.added).toEqual([{ id: 'p3', name: 'Cy' }]);
    expect(c.personas.removed).toEqual([{ id: 'p2', name: 'Bo' }]);
    expect(c.personas.renamed).toEqual([{ id: 'p1', from: 'Ana', to: 'Ana B.' }]);
    expect(c.personas.changed).toEqual([{ id: 'p1', name: 'Ana B.', fields: ['color'] }]);
    expect(c.mots.added).toEqual([{ id: 'm2', card: 'Search', who: 'Agent' }]);
    expect(c.mots.changed).toEqual([{ id: 'm1', card: 'Baggage', who: 'Gate agent', fields: ['card', 'feeling', 'chosen'] }]);
    expect(c.mots.removed).toEqual([]);
    expect(c.comments).toEqual({ from: 0, to: 1 });
    // Emotion points of a removed persona are reported with the persona's old name.
    expect(c.emotions).toEqual([{ personaId: 'p2', persona: 'Bo', cardId: 't1', card: 'Search', from: 0, to: null }]);
  });

  it('handles a whole template against a blank-ish version (every card added) and is symmetric in counts', () => {
    const airline = createFromTemplate('airline', 'en', new Date('2026-01-01T00:00:00Z'));
    const emptied = { ...airline, touchpoints: [], mots: [] };
    const forward = compareMaps(emptied, airline);
    const backward = compareMaps(airline, emptied);
    expect(forward.cards.added).toHaveLength(airline.touchpoints.length);
    expect(backward.cards.removed).toHaveLength(airline.touchpoints.length);
    expect(forward.mots.added).toHaveLength(airline.mots.length);
    expect(forward.total).toBe(backward.total);
  });
});

describe('thinningPlan', () => {
  const now = new Date('2026-11-23T12:30:00.000Z');
  const v = (id: string, msAgo: number) => ({ id, createdAt: new Date(now.getTime() - msAgo) });

  it('keeps the last day, the newest per hour after a day and the newest per day after a week', () => {
    const autos = [
      v('recent1', 60_000),
      v('recent2', 23 * HOUR_MS),
      v('h-new', DAY_MS + 10 * 60_000), // 12:20 yesterday
      v('h-old', DAY_MS + 20 * 60_000), // same clock hour → dropped
      v('h-other', DAY_MS + 2 * HOUR_MS),
      v('d-new', WEEK_MS + 60_000),
      v('d-old', WEEK_MS + 3 * HOUR_MS), // same UTC day → dropped
      v('d-other', WEEK_MS + DAY_MS),
    ];
    expect(thinningPlan(autos, now).sort()).toEqual(['d-old', 'h-old']);
    expect(thinningPlan([], now)).toEqual([]);
  });
});
