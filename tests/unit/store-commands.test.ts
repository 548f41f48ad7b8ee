import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { produce } from 'immer';
import { journeyMapSchema, LIMITS, type JourneyMap } from '../../src/domain/schema';
import { createBlankMap } from '../../src/domain/defaults';
import { MapStore } from '../../src/store/map-store';
import * as cmd from '../../src/store/commands';
import { parseClipboard, serializeClipboard, MAX_CLIPBOARD_CHARS, buildClipboardPayload } from '../../src/store/clipboard';
import { assertValid } from '../../src/store/assert-valid';
import { makeSampleMap } from '../../src/store/fixtures';
import { cellContents, touchpointById } from '../../src/store/selectors';
import { clampText } from '../../src/store/text';

type Doc = JourneyMap;

function at<T>(items: readonly T[], i: number): T {
  const v = items[i];
  if (v === undefined) throw new Error(`missing index ${i}`);
  return v;
}

function cellOrders(doc: Doc, stageId: string, laneId: string): { id: string; order: number }[] {
  return doc.touchpoints
    .filter((t) => t.stageId === stageId && t.laneId === laneId)
    .sort((a, b) => a.order - b.order)
    .map((t) => ({ id: t.id, order: t.order }));
}

function expectNormalized(doc: Doc, stageId: string, laneId: string): void {
  expect(cellOrders(doc, stageId, laneId).map((c) => c.order)).toEqual(cellOrders(doc, stageId, laneId).map((_, i) => i));
}

// ── every command: valid result, exact undo, exact redo ────────────────────────────────────

interface Case {
  name: string;
  run: (d: Doc, doc: Doc) => unknown;
  prepare?: (d: Doc) => void;
}

const CASES: Case[] = [
  { name: 'setTitle', run: (d) => cmd.setTitle(d, 'New title') },
  { name: 'setDescription', run: (d) => cmd.setDescription(d, 'About this map') },
  { name: 'setCoreMessage', run: (d) => cmd.setCoreMessage(d, 'Fast and kind') },
  { name: 'setFocusDimension', run: (d) => cmd.setFocusDimension(d, 'repurchase') },
  { name: 'setGroupWeights', run: (d) => cmd.setGroupWeights(d, { love: 5, dislike: 200 }) },
  { name: 'addStage at index', run: (d) => cmd.addStage(d, 'Inserted', 1) },
  { name: 'addStage before', run: (d, doc) => cmd.addStage(d, 'Before', { before: at(doc.stages, 2).id }) },
  { name: 'addStage after', run: (d, doc) => cmd.addStage(d, 'After', { after: at(doc.stages, 0).id }, { color: '#112233' }) },
  { name: 'renameStage', run: (d, doc) => cmd.renameStage(d, at(doc.stages, 1).id, 'Renamed') },
  { name: 'setStageDescription', run: (d, doc) => cmd.setStageDescription(d, at(doc.stages, 1).id, 'Desc') },
  { name: 'setStageColor', run: (d, doc) => cmd.setStageColor(d, at(doc.stages, 1).id, '#abcdef') },
  {
    name: 'setStageColor null',
    prepare: (d) => {
      cmd.setStageColor(d, at(d.stages, 1).id, '#abcdef');
    },
    run: (d, doc) => cmd.setStageColor(d, at(doc.stages, 1).id, null),
  },
  { name: 'deleteStage', run: (d, doc) => cmd.deleteStage(d, at(doc.stages, 0).id) },
  { name: 'moveStage', run: (d, doc) => cmd.moveStage(d, at(doc.stages, 0).id, 3) },
  { name: 'addLane', run: (d) => cmd.addLane(d, 'pain', 'More pain', 2) },
  { name: 'renameLane', run: (d, doc) => cmd.renameLane(d, at(doc.lanes, 0).id, 'Doing') },
  { name: 'setLaneType', run: (d, doc) => cmd.setLaneType(d, at(doc.lanes, 0).id, 'backstage') },
  { name: 'setLaneHidden', run: (d, doc) => cmd.setLaneHidden(d, at(doc.lanes, 1).id, true) },
  { name: 'deleteLane', run: (d, doc) => cmd.deleteLane(d, at(doc.lanes, 1).id) },
  { name: 'moveLane', run: (d, doc) => cmd.moveLane(d, at(doc.lanes, 4).id, 0) },
  {
    name: 'addTouchpoint',
    run: (d, doc) => cmd.addTouchpoint(d, { stageId: at(doc.stages, 1).id, laneId: at(doc.lanes, 0).id, title: 'New', index: 0, channel: 'app' }),
  },
  { name: 'updateTouchpoint', run: (d, doc) => cmd.updateTouchpoint(d, at(doc.touchpoints, 3).id, { title: 'T', description: 'D', channel: 'phone' }) },
  {
    name: 'moveTouchpoint to another cell',
    run: (d, doc) => cmd.moveTouchpoint(d, at(doc.touchpoints, 0).id, { stageId: at(doc.stages, 2).id, laneId: at(doc.lanes, 1).id, index: 1 }),
  },
  {
    name: 'moveTouchpoint within its cell',
    run: (d, doc) => {
      const t = at(doc.touchpoints, 0);
      return cmd.moveTouchpoint(d, t.id, { stageId: t.stageId, laneId: t.laneId, index: 5 });
    },
  },
  {
    name: 'moveTouchpoints',
    run: (d, doc) =>
      cmd.moveTouchpoints(d, [at(doc.touchpoints, 5).id, at(doc.touchpoints, 0).id, at(doc.touchpoints, 9).id], {
        stageId: at(doc.stages, 3).id,
        laneId: at(doc.lanes, 2).id,
        index: 1,
      }),
  },
  { name: 'deleteTouchpoints', run: (d, doc) => cmd.deleteTouchpoints(d, doc.touchpoints.slice(0, 6).map((t) => t.id)) },
  { name: 'duplicateTouchpoints', run: (d, doc) => cmd.duplicateTouchpoints(d, [at(doc.touchpoints, 2).id, at(doc.touchpoints, 3).id]) },
  {
    name: 'pasteTouchpoints',
    run: (d, doc) =>
      cmd.pasteTouchpoints(d, buildClipboardPayload(doc, doc.touchpoints.slice(0, 3).map((t) => t.id)), {
        stageId: at(doc.stages, 0).id,
        laneId: at(doc.lanes, 4).id,
      }),
  },
  { name: 'setEmotion new', run: (d, doc) => cmd.setEmotion(d, at(doc.touchpoints, 2).id, at(doc.personas, 1).id, 2) },
  { name: 'setEmotion change', run: (d, doc) => cmd.setEmotion(d, at(doc.touchpoints, 0).id, at(doc.personas, 0).id, -3) },
  { name: 'setEmotion remove', run: (d, doc) => cmd.setEmotion(d, at(doc.touchpoints, 0).id, at(doc.personas, 0).id, null) },
  { name: 'setTarget', run: (d, doc) => cmd.setTarget(d, at(doc.touchpoints, 0).id, at(doc.personas, 0).id, 3) },
  {
    name: 'setEvidence',
    run: (d, doc) =>
      cmd.setEvidence(d, at(doc.touchpoints, 0).id, at(doc.personas, 0).id, { source: 'survey', respondents: 40, spread: 1.2, quotes: ['ok'] }),
  },
  { name: 'addPersona', run: (d) => cmd.addPersona(d, 'Third', '#000000') },
  { name: 'updatePersona', run: (d, doc) => cmd.updatePersona(d, at(doc.personas, 1).id, { name: 'P2', color: '#ffffff', description: 'x' }) },
  { name: 'deletePersona', run: (d, doc) => cmd.deletePersona(d, at(doc.personas, 0).id) },
  { name: 'movePersona', run: (d, doc) => cmd.movePersona(d, at(doc.personas, 1).id, 0) },
  {
    name: 'addMot',
    run: (d, doc) => cmd.addMot(d, at(doc.touchpoints, 1).id, { situation: 'Queue', dimension: 'entry', ratings: { importance: 9 }, votes: { love: -3 } }),
  },
  { name: 'updateMot', run: (d, doc) => cmd.updateMot(d, at(doc.mots, 0).id, { feeling: 'angry', source: 'dislike', touchpointId: at(doc.touchpoints, 7).id }) },
  { name: 'deleteMot', run: (d, doc) => cmd.deleteMot(d, at(doc.mots, 0).id) },
  { name: 'setMotChosen', run: (d, doc) => cmd.setMotChosen(d, at(doc.mots, 0).id, !at(doc.mots, 0).chosen) },
];

describe('each command', () => {
  for (const c of CASES) {
    it(`${c.name}: valid, undo restores exactly, redo reapplies`, () => {
      let doc = makeSampleMap({ stages: 4, personas: 2, cardsPerCell: 3 });
      if (c.prepare) doc = produce(doc, c.prepare);
      assertValid(doc);
      const store = new MapStore(doc, { validate: true });
      store.apply((d) => c.run(d, doc), { label: c.name });
      const after = store.getDoc();
      expect(after).not.toEqual(doc);
      assertValid(after);
      expect(store.canUndo).toBe(true);
      expect(store.undo()).toBe(true);
      expect(store.getDoc()).toEqual(doc);
      expect(store.redo()).toBe(true);
      expect(store.getDoc()).toEqual(after);
    });
  }

  it('unknown ids and invalid values are refused without a change', () => {
    const doc = makeSampleMap();
    const store = new MapStore(doc);
    const s = at(doc.stages, 0).id;
    const l = at(doc.lanes, 0).id;
    const t = at(doc.touchpoints, 0).id;
    const p = at(doc.personas, 0).id;
    const results = store.run((d) => [
      cmd.renameStage(d, 'nope', 'x'),
      cmd.setStageColor(d, s, 'red'),
      cmd.deleteStage(d, 'nope'),
      cmd.moveStage(d, 'nope', 1),
      cmd.addLane(d, 'weird' as never, 'x'),
      cmd.setLaneType(d, l, 'weird' as never),
      cmd.deleteLane(d, 'nope'),
      cmd.addTouchpoint(d, { stageId: 'nope', laneId: l, title: 'x' }),
      cmd.addTouchpoint(d, { stageId: s, laneId: 'nope', title: 'x' }),
      cmd.updateTouchpoint(d, 'nope', { title: 'x' }),
      cmd.moveTouchpoint(d, 'nope', { stageId: s, laneId: l }),
      cmd.moveTouchpoint(d, t, { stageId: 'nope', laneId: l }),
      cmd.deleteTouchpoints(d, ['nope']),
      cmd.duplicateTouchpoints(d, ['nope']),
      cmd.pasteTouchpoints(d, { kind: 'other' }, { stageId: s, laneId: l }),
      cmd.setEmotion(d, t, 'nope', 1),
      cmd.setEmotion(d, 'nope', p, 1),
      cmd.setTarget(d, t, 'nope', 1),
      cmd.setEvidence(d, t, p, { source: 'rumour' as never }),
      cmd.updatePersona(d, 'nope', { name: 'x' }),
      cmd.deletePersona(d, 'nope'),
      cmd.addMot(d, 'nope'),
      cmd.updateMot(d, 'nope', {}),
      cmd.deleteMot(d, 'nope'),
      cmd.setMotChosen(d, 'nope', true),
      cmd.setFocusDimension(d, 'fame' as never),
    ]);
    for (const r of results) expect([false, null, 0]).toContainEqual(Array.isArray(r) ? (r.length ? r : null) : r);
    expect(store.getDoc()).toBe(doc);
    expect(store.canUndo).toBe(false);
  });

  it('several commands in one recipe (after a delete) still work', () => {
    const doc = makeSampleMap({ cardsPerCell: 3 });
    const store = new MapStore(doc, { validate: true });
    const [a, b, c] = [at(doc.touchpoints, 0), at(doc.touchpoints, 4), at(doc.touchpoints, 8)];
    store.apply((d) => {
      cmd.deleteTouchpoints(d, [a.id]);
      cmd.moveTouchpoint(d, b.id, { stageId: a.stageId, laneId: a.laneId, index: 0 });
      cmd.updateTouchpoint(d, c.id, { title: 'after delete' });
      cmd.setEmotion(d, c.id, at(doc.personas, 0).id, 3);
      cmd.deletePersona(d, at(doc.personas, 1).id);
      cmd.updateMot(d, at(doc.mots, 1).id, { who: 'me' });
    });
    const now = store.getDoc();
    assertValid(now);
    expect(touchpointById(now, c.id)).toMatchObject({ title: 'after delete', emotions: { [at(doc.personas, 0).id]: { value: 3 } } });
    expect(cellContents(now, a.stageId, a.laneId)[0]).toBe(b.id);
    expectNormalized(now, a.stageId, a.laneId);
    store.undo();
    expect(store.getDoc()).toEqual(doc);
  });
});

// ── stages & lanes ─────────────────────────────────────────────────────────────────────────

describe('stages and lanes', () => {
  it('deleting a stage with 50 cards removes their MOTs and comments; undo restores all of it', () => {
    const doc = makeSampleMap({ stages: 3, cardsPerCell: 10, filledLanes: 5, motEvery: 2, commentEvery: 3 });
    const stage = at(doc.stages, 0).id;
    const cards = doc.touchpoints.filter((t) => t.stageId === stage);
    expect(cards).toHaveLength(50);
    const cardIds = new Set(cards.map((t) => t.id));
    const mots = doc.mots.filter((m) => cardIds.has(m.touchpointId));
    expect(mots.length).toBe(25);
    const store = new MapStore(doc);
    store.apply((d) => cmd.deleteStage(d, stage));
    const after = store.getDoc();
    assertValid(after);
    expect(after.touchpoints.some((t) => cardIds.has(t.id))).toBe(false);
    expect(after.mots.some((m) => cardIds.has(m.touchpointId))).toBe(false);
    expect(after.comments.some((c) => c.targetId === stage || cardIds.has(c.targetId))).toBe(false);
    expect(after.comments.length).toBeLessThan(doc.comments.length);
    expect(store.undo()).toBe(true);
    expect(store.getDoc()).toEqual(doc);
    expect(store.getDoc().mots.filter((m) => cardIds.has(m.touchpointId))).toHaveLength(25);
  });

  it('addStage positions: index clamps, unknown before/after appends', () => {
    const doc = makeSampleMap({ stages: 3 });
    const next = produce(doc, (d) => {
      cmd.addStage(d, 'first', -5);
      cmd.addStage(d, 'last', 99);
      cmd.addStage(d, 'orphan', { before: 'nope' });
    });
    expect(next.stages.map((s) => s.name)).toEqual(['first', 'Stage 1', 'Stage 2', 'Stage 3', 'last', 'orphan']);
  });

  it('moveStage/moveLane clamp the target index', () => {
    const doc = makeSampleMap({ stages: 3 });
    const next = produce(doc, (d) => {
      cmd.moveStage(d, at(doc.stages, 0).id, 99);
      cmd.moveLane(d, at(doc.lanes, 5).id, -3);
    });
    expect(next.stages.map((s) => s.name)).toEqual(['Stage 2', 'Stage 3', 'Stage 1']);
    expect(at(next.lanes, 0).id).toBe(at(doc.lanes, 5).id);
  });

  it('deleting a lane removes its cards', () => {
    const doc = makeSampleMap();
    const lane = at(doc.lanes, 0).id;
    const next = produce(doc, (d) => {
      cmd.deleteLane(d, lane);
    });
    assertValid(next);
    expect(next.touchpoints.some((t) => t.laneId === lane)).toBe(false);
    expect(next.touchpoints.length).toBeLessThan(doc.touchpoints.length);
  });

  it('refuses to add beyond the limits', () => {
    const base = makeSampleMap({ stages: LIMITS.stages, cardsPerCell: 0 });
    expect(produce(base, (d) => void cmd.addStage(d, 'x'))).toBe(base);
    let result: string | null = 'unset';
    produce(base, (d) => {
      result = cmd.addStage(d, 'x');
    });
    expect(result).toBeNull();
  });
});

// ── touchpoints ────────────────────────────────────────────────────────────────────────────

describe('moving cards', () => {
  it('moving to another cell renumbers both cells 0..n-1', () => {
    const doc = makeSampleMap({ cardsPerCell: 4 });
    const card = at(doc.touchpoints, 1);
    const to = { stageId: at(doc.stages, 2).id, laneId: at(doc.lanes, 1).id };
    const store = new MapStore(doc);
    store.apply((d) => cmd.moveTouchpoint(d, card.id, { ...to, index: 2 }));
    const now = store.getDoc();
    expect(cellContents(now, to.stageId, to.laneId)[2]).toBe(card.id);
    expect(cellContents(now, to.stageId, to.laneId)).toHaveLength(5);
    expect(cellContents(now, card.stageId, card.laneId)).toHaveLength(3);
    expectNormalized(now, to.stageId, to.laneId);
    expectNormalized(now, card.stageId, card.laneId);
  });

  it('moving within a cell reorders and renumbers', () => {
    const doc = makeSampleMap({ cardsPerCell: 4 });
    const [a, b, c, d4] = cellContents(doc, at(doc.stages, 0).id, at(doc.lanes, 0).id);
    const target = { stageId: at(doc.stages, 0).id, laneId: at(doc.lanes, 0).id };
    const next = produce(doc, (d) => {
      cmd.moveTouchpoint(d, a ?? '', { ...target, index: 2 });
    });
    expect(cellContents(next, target.stageId, target.laneId)).toEqual([b, c, a, d4]);
    expectNormalized(next, target.stageId, target.laneId);
    const last = produce(doc, (d) => {
      cmd.moveTouchpoint(d, a ?? '', target);
    });
    expect(cellContents(last, target.stageId, target.laneId)).toEqual([b, c, d4, a]);
  });

  it('dropping a card onto itself changes nothing and records no undo step', () => {
    // Un-normalised orders must not be "fixed" by a no-op drop either.
    const doc = produce(makeSampleMap({ cardsPerCell: 3 }), (d) => {
      d.touchpoints.forEach((t) => {
        t.order = t.order * 10 + 5;
      });
    });
    const store = new MapStore(doc);
    const [x, y] = cellContents(doc, at(doc.stages, 0).id, at(doc.lanes, 0).id);
    const cell = { stageId: at(doc.stages, 0).id, laneId: at(doc.lanes, 0).id };
    expect(store.apply((d) => cmd.moveTouchpoint(d, x ?? '', { ...cell, index: 0 }))).toEqual([]);
    expect(store.apply((d) => cmd.moveTouchpoint(d, y ?? '', { ...cell, index: 1 }))).toEqual([]);
    expect(store.apply((d) => cmd.moveTouchpoints(d, [x ?? '', y ?? ''], { ...cell, index: 0 }))).toEqual([]);
    expect(store.getDoc()).toBe(doc);
    expect(store.canUndo).toBe(false);
  });

  it('moveTouchpoints moves a block in journey order, whatever the id order', () => {
    const doc = makeSampleMap({ stages: 3, cardsPerCell: 2 });
    const seq = [...doc.touchpoints];
    const picked = [at(seq, 7), at(seq, 0), at(seq, 3)];
    const target = { stageId: at(doc.stages, 2).id, laneId: at(doc.lanes, 2).id };
    const existing = cellContents(doc, target.stageId, target.laneId).filter((id) => !picked.some((p) => p.id === id));
    const next = produce(doc, (d) => {
      cmd.moveTouchpoints(d, picked.map((p) => p.id), { ...target, index: 1 });
    });
    assertValid(next);
    expect(cellContents(next, target.stageId, target.laneId)).toEqual([existing[0], at(seq, 0).id, at(seq, 3).id, at(seq, 7).id, ...existing.slice(1)]);
    for (const p of picked) expectNormalized(next, p.stageId, p.laneId);
  });
});

describe('deleting, duplicating', () => {
  it('deleteTouchpoints removes MOTs on them and comments on either (with replies)', () => {
    const doc = makeSampleMap({ cardsPerCell: 4, motEvery: 1, commentEvery: 1 });
    const victim = at(doc.touchpoints, 0);
    const mot = doc.mots.find((m) => m.touchpointId === victim.id);
    expect(mot).toBeDefined();
    let count = 0;
    const next = produce(doc, (d) => {
      count = cmd.deleteTouchpoints(d, [victim.id, victim.id, 'unknown']);
    });
    expect(count).toBe(1);
    assertValid(next);
    expect(next.mots.find((m) => m.id === mot?.id)).toBeUndefined();
    expect(next.comments.some((c) => c.targetId === victim.id || c.targetId === mot?.id)).toBe(false);
    expectNormalized(next, victim.stageId, victim.laneId);
  });

  it('duplicates sit right after their originals, copy emotions, not MOTs', () => {
    const doc = makeSampleMap({ cardsPerCell: 3, motEvery: 1 });
    const cell = cellContents(doc, at(doc.stages, 0).id, at(doc.lanes, 0).id);
    const [a, b, c] = cell;
    let ids: string[] = [];
    const next = produce(doc, (d) => {
      ids = cmd.duplicateTouchpoints(d, [c ?? '', a ?? '']);
    });
    assertValid(next);
    expect(ids).toHaveLength(2);
    expect(cellContents(next, at(doc.stages, 0).id, at(doc.lanes, 0).id)).toEqual([a, ids[0], b, c, ids[1]]);
    const orig = touchpointById(doc, a ?? '');
    const copy = touchpointById(next, ids[0] ?? '');
    expect(copy).toMatchObject({ title: orig?.title, emotions: orig?.emotions, channel: orig?.channel });
    expect(next.mots.filter((m) => ids.includes(m.touchpointId))).toEqual([]);
    // The copy's emotions are its own (not shared with the original).
    const edited = produce(next, (d) => void cmd.setEmotion(d, ids[0] ?? '', at(doc.personas, 0).id, 3));
    expect(touchpointById(edited, a ?? '')?.emotions).toEqual(orig?.emotions);
  });
});

// ── clipboard ──────────────────────────────────────────────────────────────────────────────

describe('clipboard', () => {
  it('round-trips selected cards in journey order', () => {
    const doc = makeSampleMap();
    const ids = [at(doc.touchpoints, 4).id, at(doc.touchpoints, 1).id];
    const text = serializeClipboard(doc, ids);
    expect(text).not.toBeNull();
    const parsed = parseClipboard(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.payload.touchpoints.map((t) => t.title)).toEqual([at(doc.touchpoints, 1).title, at(doc.touchpoints, 4).title]);
    expect(serializeClipboard(doc, ['nope'])).toBeNull();
  });

  it('random strings are never accepted and never throw', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => {
        expect(parseClipboard(s).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        expect(parseClipboard(JSON.stringify(v)).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('wrong shapes, huge and hostile inputs are refused with a reason', () => {
    const doc = makeSampleMap();
    const good = JSON.parse(serializeClipboard(doc, [at(doc.touchpoints, 0).id]) ?? '{}') as Record<string, unknown>;
    const cases: [unknown, string][] = [
      ['', 'empty'],
      ['   ', 'empty'],
      [undefined, 'empty'],
      [42, 'empty'],
      ['not json', 'not-json'],
      ['{"kind":', 'not-json'],
      ['[]', 'not-mot-canvas'],
      ['null', 'not-mot-canvas'],
      ['{"kind":"other"}', 'not-mot-canvas'],
      [JSON.stringify({ ...good, version: 2 }), 'unsupported-version'],
      [JSON.stringify({ ...good, touchpoints: [] }), 'invalid'],
      [JSON.stringify({ ...good, touchpoints: [{ title: 5 }] }), 'invalid'],
      [JSON.stringify({ ...good, touchpoints: [{ title: 'x', emotions: { p: { value: 9 } } }] }), 'invalid'],
      [JSON.stringify({ ...good, touchpoints: [{ title: 'x'.repeat(LIMITS.cardTitle + 1) }] }), 'invalid'],
      [JSON.stringify({ ...good, extra: true }), 'invalid'],
      [JSON.stringify({ ...good, __proto__: { polluted: true } }), 'ok'],
      ['x'.repeat(MAX_CLIPBOARD_CHARS + 1), 'too-large'],
      ['['.repeat(100_000) + ']'.repeat(100_000), 'not-mot-canvas'],
    ];
    for (const [input, reason] of cases) {
      const r = parseClipboard(input);
      if (reason === 'ok') expect(r.ok).toBe(true);
      else expect(r).toMatchObject({ ok: false, reason });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const store = new MapStore(doc);
    const target = { stageId: at(doc.stages, 0).id, laneId: at(doc.lanes, 0).id };
    expect(store.run((d) => cmd.pasteTouchpoints(d, { ...good, touchpoints: 'x' }, target))).toEqual([]);
    expect(store.canUndo).toBe(false);
  });

  it('pasting into another map maps emotions by persona name and drops the rest', () => {
    const source = makeSampleMap({ personas: 3 });
    const srcCard = produce(at(source.touchpoints, 0), (t) => {
      t.emotions = {
        [at(source.personas, 0).id]: { value: -2, target: 1 },
        [at(source.personas, 1).id]: { value: 3 },
        [at(source.personas, 2).id]: { value: 1 },
      };
    });
    const src = { ...source, touchpoints: [srcCard, ...source.touchpoints.slice(1)] };
    const text = serializeClipboard(src, [srcCard.id]) ?? '';

    const dest = createBlankMap({ title: 'Other', locale: 'en' });
    const destPersonas = [
      { ...at(dest.personas, 0), name: '  primary CUSTOMER ' }, // same name, different case/space
      { id: 'p2other', name: 'Persona 3', description: '', color: '#123456' },
    ];
    const other = { ...dest, personas: destPersonas };
    const parsed = parseClipboard(text);
    if (!parsed.ok) throw new Error(parsed.message);
    const store = new MapStore(other, { validate: true });
    const ids = store.run((d) => cmd.pasteTouchpoints(d, parsed.payload, { stageId: at(other.stages, 1).id, laneId: at(other.lanes, 0).id }));
    expect(ids).toHaveLength(1);
    const pasted = touchpointById(store.getDoc(), ids[0] ?? '');
    expect(pasted?.emotions).toEqual({ [at(destPersonas, 0).id]: { value: -2, target: 1 }, p2other: { value: 1 } });
    expect(pasted?.title).toBe(srcCard.title);
    assertValid(store.getDoc());

    // Same map: persona ids match directly.
    const same = new MapStore(src);
    const again = same.run((d) => cmd.pasteTouchpoints(d, parsed.payload, { stageId: at(src.stages, 0).id, laneId: at(src.lanes, 0).id, index: 0 }));
    expect(touchpointById(same.getDoc(), again[0] ?? '')?.emotions).toEqual(srcCard.emotions);
    expect(cellContents(same.getDoc(), at(src.stages, 0).id, at(src.lanes, 0).id)[0]).toBe(again[0]);
  });
});

// ── emotions, personas ─────────────────────────────────────────────────────────────────────

describe('emotions and personas', () => {
  it('clamps and rounds emotion values onto −3..+3', () => {
    const doc = makeSampleMap();
    const t = at(doc.touchpoints, 0).id;
    const p = at(doc.personas, 0).id;
    const value = (v: number) => produce(doc, (d) => void cmd.setEmotion(d, t, p, v)).touchpoints[0]?.emotions[p]?.value;
    expect(value(7)).toBe(3);
    expect(value(-10)).toBe(-3);
    expect(value(1.4)).toBe(1);
    expect(value(2.6)).toBe(3);
    expect(value(-0.2)).toBe(0);
    expect(value(Number.NaN)).toBe(0);
    expect(value(Number.POSITIVE_INFINITY)).toBe(0);
    const target = produce(doc, (d) => void cmd.setTarget(d, t, p, 99));
    expect(target.touchpoints[0]?.emotions[p]?.target).toBe(3);
    assertValid(target);
  });

  it('setTarget/setEvidence need an as-is value; evidence is sanitised', () => {
    const doc = makeSampleMap();
    const p = at(doc.personas, 0).id;
    const without = doc.touchpoints.find((t) => !(p in t.emotions));
    if (!without) throw new Error('fixture');
    let ok = true;
    produce(doc, (d) => {
      ok = cmd.setTarget(d, without.id, p, 1);
    });
    expect(ok).toBe(false);
    const withValue = doc.touchpoints.find((t) => p in t.emotions);
    const next = produce(doc, (d) => {
      cmd.setEvidence(d, withValue?.id ?? '', p, {
        source: 'interview',
        respondents: -5.5,
        spread: 100,
        quotes: Array.from({ length: 80 }, () => 'q'.repeat(2000)),
      });
    });
    assertValid(next);
    const ev = touchpointById(next, withValue?.id ?? '')?.emotions[p]?.evidence;
    expect(ev).toMatchObject({ source: 'interview', respondents: 0, spread: 6 });
    expect(ev?.quotes).toHaveLength(LIMITS.quotes);
    expect(ev?.quotes[0]).toHaveLength(LIMITS.quote);
  });

  it('deletePersona refuses the last persona and removes emotions otherwise', () => {
    const one = makeSampleMap({ personas: 1 });
    const store = new MapStore(one);
    expect(store.run((d) => cmd.deletePersona(d, at(one.personas, 0).id))).toBe(false);
    expect(store.getDoc()).toBe(one);
    expect(store.canUndo).toBe(false);

    const two = makeSampleMap({ personas: 2 });
    const gone = at(two.personas, 1).id;
    expect(two.touchpoints.some((t) => gone in t.emotions)).toBe(true);
    const next = produce(two, (d) => void cmd.deletePersona(d, gone));
    assertValid(next);
    expect(next.touchpoints.some((t) => gone in t.emotions)).toBe(false);
  });

  it('addPersona picks an unused palette colour for a bad colour and stops at the limit', () => {
    const doc = makeSampleMap({ personas: 1 });
    const next = produce(doc, (d) => void cmd.addPersona(d, 'Two', 'blue'));
    expect(at(next.personas, 1).color).toMatch(/^#[0-9a-f]{6}$/);
    expect(at(next.personas, 1).color).not.toBe(at(doc.personas, 0).color);
    const full = makeSampleMap({ personas: LIMITS.personas });
    let id: string | null = 'unset';
    produce(full, (d) => {
      id = cmd.addPersona(d, 'Too many');
    });
    expect(id).toBeNull();
  });
});

// ── MOTs ───────────────────────────────────────────────────────────────────────────────────

describe('moments of truth', () => {
  it('addMot refuses an unknown card and clamps ratings and votes', () => {
    const doc = makeSampleMap();
    let refused: string | null = 'unset';
    let id: string | null = null;
    const next = produce(doc, (d) => {
      refused = cmd.addMot(d, 'nope');
      id = cmd.addMot(d, at(doc.touchpoints, 0).id, {
        ratings: { importance: 7.6, performance: -1, competitorWeakness: 2.4 },
        votes: { love: 1e9, like: Number.NaN },
        dimension: 'fame' as never,
        situation: 's'.repeat(LIMITS.situation + 10),
      });
    });
    expect(refused).toBeNull();
    assertValid(next);
    const mot = next.mots.find((m) => m.id === id);
    expect(mot).toMatchObject({
      ratings: { importance: 5, performance: 0, competitorWeakness: 2 },
      votes: { love: LIMITS.votes, like: 0, dislike: 0 },
      dimension: null,
    });
    expect(mot?.situation).toHaveLength(LIMITS.situation);
  });

  it('deleteMot removes comments on it', () => {
    const doc = makeSampleMap({ motEvery: 1 });
    const commented = doc.comments.find((c) => c.targetKind === 'mot');
    if (!commented) throw new Error('fixture');
    const next = produce(doc, (d) => void cmd.deleteMot(d, commented.targetId));
    assertValid(next);
    expect(next.comments.some((c) => c.targetId === commented.targetId)).toBe(false);
  });
});

// ── text ───────────────────────────────────────────────────────────────────────────────────

describe('text inputs', () => {
  it('keeps 2000-character, emoji and Chinese titles exactly; truncates beyond the limit', () => {
    const doc = makeSampleMap();
    const t = at(doc.touchpoints, 0).id;
    const title = (s: string) => touchpointById(produce(doc, (d) => void cmd.updateTouchpoint(d, t, { title: s })), t)?.title;
    const long = 'a'.repeat(LIMITS.cardTitle);
    expect(title(long)).toBe(long);
    expect(title(`${long}b`)).toBe(long);
    const zh = '顾客在门店排队等待结账 😡👩‍👩‍👧 <script>alert(1)</script>  ';
    expect(title(zh)).toBe(zh);
    // An emoji straddling the limit is dropped whole, never split into a lone surrogate.
    const straddle = `${'a'.repeat(LIMITS.cardTitle - 1)}😀`;
    expect(title(straddle)).toBe('a'.repeat(LIMITS.cardTitle - 1));
    expect(clampText('😀😀', 3)).toBe('😀');
    expect(clampText(null, 5)).toBe('');
    const next = produce(doc, (d) => void cmd.setTitle(d, '地图'.repeat(500)));
    expect(next.title).toHaveLength(LIMITS.mapTitle);
    assertValid(next);
  });
});

// ── properties ─────────────────────────────────────────────────────────────────────────────

const opArb = fc.record({
  kind: fc.constantFrom(
    'addStage',
    'renameStage',
    'deleteStage',
    'moveStage',
    'addLane',
    'setLaneType',
    'setLaneHidden',
    'deleteLane',
    'moveLane',
    'addTouchpoint',
    'updateTouchpoint',
    'moveTouchpoint',
    'moveTouchpoints',
    'deleteTouchpoints',
    'duplicateTouchpoints',
    'paste',
    'setEmotion',
    'setTarget',
    'setEvidence',
    'addPersona',
    'updatePersona',
    'deletePersona',
    'addMot',
    'updateMot',
    'deleteMot',
    'setMotChosen',
    'setTitle',
    'setCoreMessage',
    'setGroupWeights',
    'setStageColor',
    'beginGesture',
    'endGesture',
    'cancelGesture',
    'undo',
    'redo',
  ),
  a: fc.nat(1000),
  b: fc.nat(1000),
  c: fc.nat(1000),
  n: fc.double({ min: -10, max: 10, noNaN: true }),
  text: fc.string({ unit: 'grapheme', maxLength: 20 }),
  bool: fc.boolean(),
});
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

function pick<T extends { id: string }>(items: readonly T[], i: number): string {
  // Sometimes an unknown id, to exercise the defensive paths.
  if (i % 17 === 16) return 'unknown-id';
  return items.length ? (items[i % items.length]?.id ?? 'none') : 'none';
}

function runOp(store: MapStore, op: Op): void {
  const doc = store.getDoc();
  const stage = pick(doc.stages, op.a);
  const lane = pick(doc.lanes, op.b);
  const card = pick(doc.touchpoints, op.c);
  const persona = pick(doc.personas, op.b);
  const mot = pick(doc.mots, op.a);
  const cell = { stageId: stage, laneId: lane, index: op.c % 5 };
  const recipes: Record<string, (d: Doc) => unknown> = {
    addStage: (d) => cmd.addStage(d, op.text, op.bool ? op.c % 6 : { after: stage }),
    renameStage: (d) => cmd.renameStage(d, stage, op.text),
    deleteStage: (d) => cmd.deleteStage(d, stage),
    moveStage: (d) => cmd.moveStage(d, stage, op.c % 7),
    addLane: (d) => cmd.addLane(d, op.bool ? 'pain' : 'frontstage', op.text, op.c % 8),
    setLaneType: (d) => cmd.setLaneType(d, lane, op.bool ? 'opportunity' : 'action'),
    setLaneHidden: (d) => cmd.setLaneHidden(d, lane, op.bool),
    deleteLane: (d) => cmd.deleteLane(d, lane),
    moveLane: (d) => cmd.moveLane(d, lane, op.c % 7),
    addTouchpoint: (d) => cmd.addTouchpoint(d, { ...cell, title: op.text }),
    updateTouchpoint: (d) => cmd.updateTouchpoint(d, card, { title: op.text, channel: op.bool ? 'sms' : 'kiosk' }),
    moveTouchpoint: (d) => cmd.moveTouchpoint(d, card, cell),
    moveTouchpoints: (d) => cmd.moveTouchpoints(d, [card, pick(doc.touchpoints, op.a), pick(doc.touchpoints, op.b)], cell),
    deleteTouchpoints: (d) => cmd.deleteTouchpoints(d, [card, pick(doc.touchpoints, op.a)]),
    duplicateTouchpoints: (d) => cmd.duplicateTouchpoints(d, [card, pick(doc.touchpoints, op.b)]),
    paste: (d) => cmd.pasteTouchpoints(d, buildClipboardPayload(doc, [card]), cell),
    setEmotion: (d) => cmd.setEmotion(d, card, persona, op.bool ? op.n : null),
    setTarget: (d) => cmd.setTarget(d, card, persona, op.bool ? op.n : null),
    setEvidence: (d) => cmd.setEvidence(d, card, persona, op.bool ? { source: 'survey', respondents: op.a, quotes: [op.text] } : null),
    addPersona: (d) => cmd.addPersona(d, op.text),
    updatePersona: (d) => cmd.updatePersona(d, persona, { name: op.text }),
    deletePersona: (d) => cmd.deletePersona(d, persona),
    addMot: (d) => cmd.addMot(d, card, { situation: op.text, ratings: { importance: op.n } }),
    updateMot: (d) => cmd.updateMot(d, mot, { who: op.text, votes: { love: op.a }, touchpointId: card }),
    deleteMot: (d) => cmd.deleteMot(d, mot),
    setMotChosen: (d) => cmd.setMotChosen(d, mot, op.bool),
    setTitle: (d) => cmd.setTitle(d, op.text),
    setCoreMessage: (d) => cmd.setCoreMessage(d, op.text),
    setGroupWeights: (d) => cmd.setGroupWeights(d, { love: op.n * 20, like: op.a }),
    setStageColor: (d) => cmd.setStageColor(d, stage, op.bool ? '#0a0b0c' : null),
  };
  switch (op.kind) {
    case 'beginGesture':
      store.beginGesture('g');
      return;
    case 'endGesture':
      store.endGesture();
      return;
    case 'cancelGesture':
      store.cancelGesture();
      return;
    case 'undo':
      store.undo();
      return;
    case 'redo':
      store.redo();
      return;
    default: {
      const recipe = recipes[op.kind];
      if (!recipe) throw new Error(op.kind);
      store.apply(recipe, { label: op.kind });
    }
  }
}

describe('properties', () => {
  it('any sequence of commands keeps the document valid, and undoing everything restores the original', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 40 }), (ops) => {
        const original = makeSampleMap({ stages: 3, personas: 2, cardsPerCell: 2, filledLanes: 2 });
        const store = new MapStore(original, { historyLimit: 1000 });
        for (const op of ops) {
          runOp(store, op);
          expect(journeyMapSchema.safeParse(store.getDoc()).success).toBe(true);
        }
        store.endGesture();
        const final = store.getDoc();
        let undone = 0;
        while (store.undo()) {
          undone++;
          expect(journeyMapSchema.safeParse(store.getDoc()).success).toBe(true);
        }
        expect(store.getDoc()).toEqual(original);
        for (let i = 0; i < undone; i++) expect(store.redo()).toBe(true);
        expect(store.getDoc()).toEqual(final);
      }),
      { numRuns: 150 },
    );
  }, 60_000);

  it('with remote changes interleaved, undo/redo never throw and never produce an invalid document', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(opArb, fc.boolean()), { maxLength: 40 }), (steps) => {
        const original = makeSampleMap({ stages: 3, personas: 2, cardsPerCell: 2, filledLanes: 2 });
        const local = new MapStore(original);
        for (const [op, remote] of steps) {
          if (remote && !['beginGesture', 'endGesture', 'cancelGesture', 'undo', 'redo'].includes(op.kind)) {
            // Run the same op on a scratch store and ship its patches over as a remote change.
            const scratch = new MapStore(local.getDoc());
            let patches: Parameters<MapStore['applyPatches']>[0] = [];
            scratch.onLocalChange((p) => {
              patches = p;
            });
            runOp(scratch, op);
            expect(local.applyPatches(patches)).toBe(true);
          } else {
            runOp(local, op);
          }
          assertValid(local.getDoc());
        }
        while (local.undo()) assertValid(local.getDoc());
        while (local.redo()) assertValid(local.getDoc());
        while (local.undo()) assertValid(local.getDoc());
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
