import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { produce } from 'immer';
import { journeyMapSchema, type JourneyMap } from '../../src/domain/schema';
import * as cmd from '../../src/store/commands';
import { conflictKey, resolveConflicts, threeWayMerge } from '../../src/sync/merge';
import { makeMap } from './helpers/make-map';

/** Base map: stages s0..s2, lanes l0..l1, persona p1/p2, cards c0..c11 (orders 0..n-1 per cell). */
function baseMap(): JourneyMap {
  const touchpoints = [];
  let n = 0;
  for (let s = 0; s < 3; s++)
    for (let l = 0; l < 2; l++)
      for (let k = 0; k < 2; k++) touchpoints.push({ id: `c${n++}`, stage: `s${s}`, lane: `l${l}`, order: k, title: `Card ${n}` });
  return makeMap({
    personas: ['p1', 'p2'],
    stages: ['s0', 's1', 's2'],
    lanes: ['l0', 'l1'],
    touchpoints,
    mots: [{ id: 'm1', touchpointId: 'c1', feeling: 'calm' }],
  });
}

const edit = (doc: JourneyMap, recipe: (d: JourneyMap) => unknown): JourneyMap =>
  produce(doc, (d) => {
    recipe(d as JourneyMap);
  });

const card = (doc: JourneyMap, id: string) => doc.touchpoints.find((t) => t.id === id);
const valid = (doc: JourneyMap) => journeyMapSchema.safeParse(doc).success;
/** The server stamps updatedAt on every save. */
const serverSaved = (doc: JourneyMap): JourneyMap => ({ ...doc, updatedAt: '2024-06-01T00:00:00.000Z' });

describe('threeWayMerge', () => {
  it('keeps both sides when they changed different things', () => {
    const base = baseMap();
    const mine = edit(base, (d) => cmd.updateTouchpoint(d, 'c0', { title: 'Mine' }));
    const theirs = serverSaved(edit(base, (d) => cmd.updateTouchpoint(d, 'c1', { description: 'Theirs' })));
    const { merged, conflicts } = threeWayMerge(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(card(merged, 'c0')?.title).toBe('Mine');
    expect(card(merged, 'c1')?.description).toBe('Theirs');
    expect(merged.updatedAt).toBe(theirs.updatedAt);
    expect(valid(merged)).toBe(true);
  });

  it('different fields of the same card merge; the same change on both sides is no conflict', () => {
    const base = baseMap();
    const mine = edit(base, (d) => {
      cmd.updateTouchpoint(d, 'c0', { title: 'Same', channel: 'web' });
      cmd.setEmotion(d, 'c0', 'p1', 2);
    });
    const theirs = edit(base, (d) => {
      cmd.updateTouchpoint(d, 'c0', { title: 'Same', description: 'Theirs' });
      cmd.setEmotion(d, 'c0', 'p2', -1);
    });
    const { merged, conflicts } = threeWayMerge(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(card(merged, 'c0')).toMatchObject({ title: 'Same', channel: 'web', description: 'Theirs' });
    expect(card(merged, 'c0')?.emotions).toEqual({ p1: { value: 2 }, p2: { value: -1 } });
  });

  it('the same title changed differently is a conflict; resolve picks a side', () => {
    const base = baseMap();
    const mine = edit(base, (d) => {
      cmd.updateTouchpoint(d, 'c0', { title: 'Mine' });
      cmd.updateTouchpoint(d, 'c2', { title: 'Only mine' });
    });
    const theirs = edit(base, (d) => cmd.updateTouchpoint(d, 'c0', { title: 'Theirs' }));
    const { merged, conflicts } = threeWayMerge(base, mine, theirs);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ entity: 'touchpoint', id: 'c0', field: 'title', kind: 'edit', label: 'Mine', mine: 'Mine', theirs: 'Theirs' });
    // Unresolved: theirs kept for the conflict, my other edit merged.
    expect(card(merged, 'c0')?.title).toBe('Theirs');
    expect(card(merged, 'c2')?.title).toBe('Only mine');

    const key = conflictKey(conflicts[0]!);
    const keepMine = resolveConflicts(base, mine, theirs, { [key]: 'mine' });
    expect(card(keepMine, 'c0')?.title).toBe('Mine');
    expect(card(keepMine, 'c2')?.title).toBe('Only mine');
    const keepTheirs = resolveConflicts(base, mine, theirs, { [key]: 'theirs' });
    expect(card(keepTheirs, 'c0')?.title).toBe('Theirs');
    expect(card(keepTheirs, 'c2')?.title).toBe('Only mine');
  });

  it('an emotion value of the same persona on the same card is a conflict with the persona as context', () => {
    const base = baseMap();
    const mine = edit(base, (d) => cmd.setEmotion(d, 'c0', 'p1', 2));
    const theirs = edit(base, (d) => cmd.setEmotion(d, 'c0', 'p1', -2));
    const { conflicts } = threeWayMerge(base, mine, theirs);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ entity: 'touchpoint', id: 'c0', field: 'emotions.p1', context: 'p1' });
    const doc = resolveConflicts(base, mine, theirs, { [conflictKey(conflicts[0]!)]: 'mine' });
    expect(card(doc, 'c0')?.emotions.p1?.value).toBe(2);
  });

  it('a card I edited that they deleted is a conflict; keeping mine restores it (with its MOT gone only if they deleted it)', () => {
    const base = baseMap();
    const mine = edit(base, (d) => cmd.updateTouchpoint(d, 'c1', { title: 'Edited' }));
    const theirs = edit(base, (d) => cmd.deleteTouchpoints(d, ['c1']));
    const { merged, conflicts } = threeWayMerge(base, mine, theirs);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ entity: 'touchpoint', id: 'c1', field: '', kind: 'delete', theirs: undefined });
    expect(card(merged, 'c1')).toBeUndefined();
    const key = conflictKey(conflicts[0]!);
    const restored = resolveConflicts(base, mine, theirs, { [key]: 'mine' });
    expect(card(restored, 'c1')?.title).toBe('Edited');
    expect(restored.mots).toEqual([]); // they deleted the MOT with the card; I did not edit it
    expect(valid(restored)).toBe(true);
    expect(card(resolveConflicts(base, mine, theirs, { [key]: 'theirs' }), 'c1')).toBeUndefined();
  });

  it('a card they edited that I deleted is a conflict too', () => {
    const base = baseMap();
    const mine = edit(base, (d) => cmd.deleteTouchpoints(d, ['c3']));
    const theirs = edit(base, (d) => cmd.updateTouchpoint(d, 'c3', { title: 'Theirs' }));
    const { conflicts } = threeWayMerge(base, mine, theirs);
    expect(conflicts).toMatchObject([{ entity: 'touchpoint', id: 'c3', kind: 'delete', mine: undefined }]);
    const key = conflictKey(conflicts[0]!);
    expect(card(resolveConflicts(base, mine, theirs, { [key]: 'mine' }), 'c3')).toBeUndefined();
    expect(card(resolveConflicts(base, mine, theirs, { [key]: 'theirs' }), 'c3')?.title).toBe('Theirs');
  });

  it('a card I added to a stage they deleted: conflict on the stage, never silently dropped', () => {
    const base = baseMap();
    let added = '';
    const mine = edit(base, (d) => {
      added = cmd.addTouchpoint(d, { stageId: 's2', laneId: 'l0', title: 'New card' }) ?? '';
    });
    const theirs = edit(base, (d) => cmd.deleteStage(d, 's2'));
    const { merged, conflicts } = threeWayMerge(base, mine, theirs);
    expect(conflicts).toMatchObject([{ entity: 'stage', id: 's2', kind: 'delete', theirs: undefined, label: 's2' }]);
    expect(valid(merged)).toBe(true);
    const key = conflictKey(conflicts[0]!);
    const keep = resolveConflicts(base, mine, theirs, { [key]: 'mine' });
    expect(keep.stages.map((s) => s.id)).toEqual(['s0', 's1', 's2']);
    expect(card(keep, added)?.title).toBe('New card');
    // Their deletion of the other cards in that stage stands.
    expect(keep.touchpoints.filter((t) => t.stageId === 's2').map((t) => t.id)).toEqual([added]);
    expect(valid(keep)).toBe(true);
    const drop = resolveConflicts(base, mine, theirs, { [key]: 'theirs' });
    expect(drop.stages.map((s) => s.id)).toEqual(['s0', 's1']);
    expect(card(drop, added)).toBeUndefined();
    expect(valid(drop)).toBe(true);
  });

  it('keeps their reordering and adds my new stage after its neighbour', () => {
    const base = baseMap();
    let added = '';
    const mine = edit(base, (d) => {
      added = cmd.addStage(d, 'Mine', { after: 's0' }) ?? '';
    });
    const theirs = edit(base, (d) => cmd.moveStage(d, 's2', 0));
    const { merged, conflicts } = threeWayMerge(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.stages.map((s) => s.id)).toEqual(['s2', 's0', added, 's1']);
  });

  it('a card moved to different cells on both sides is one position conflict', () => {
    const base = baseMap();
    const mine = edit(base, (d) => cmd.moveTouchpoint(d, 'c0', { stageId: 's1', laneId: 'l0' }));
    const theirs = edit(base, (d) => cmd.moveTouchpoint(d, 'c0', { stageId: 's2', laneId: 'l1' }));
    const { conflicts } = threeWayMerge(base, mine, theirs);
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ id: 'c0', field: 'position' });
    expect(conflicts[0]?.display?.mine).toContain('s1 · l0');
    const doc = resolveConflicts(base, mine, theirs, { [conflictKey(conflicts[0]!)]: 'mine' });
    expect(card(doc, 'c0')).toMatchObject({ stageId: 's1', laneId: 'l0' });
    expect(valid(doc)).toBe(true);
  });

  it('a move on one side beats renumbering on the other', () => {
    const base = baseMap();
    // c4/c5 share cell (s1,l0). I move c5 away; they delete c4 (c5 is renumbered to 0).
    const mine = edit(base, (d) => cmd.moveTouchpoint(d, 'c5', { stageId: 's0', laneId: 'l0', index: 0 }));
    const theirs = edit(base, (d) => cmd.deleteTouchpoints(d, ['c4']));
    const { merged, conflicts } = threeWayMerge(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(card(merged, 'c5')).toMatchObject({ stageId: 's0', laneId: 'l0', order: 0 });
    expect(valid(merged)).toBe(true);
  });

  it('server-owned fields are never a conflict', () => {
    const base = baseMap();
    const mine = { ...edit(base, (d) => cmd.setTitle(d, 'Mine')), updatedAt: '2020-01-01T00:00:00.000Z' };
    const theirs = serverSaved(edit(base, (d) => cmd.setDescription(d, 'Theirs')));
    const { merged, conflicts } = threeWayMerge(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged).toMatchObject({ title: 'Mine', description: 'Theirs', updatedAt: theirs.updatedAt });
  });

  it('map settings merge key by key', () => {
    const base = baseMap();
    const mine = edit(base, (d) => cmd.setCoreMessage(d, 'Mine'));
    const theirs = edit(base, (d) => cmd.setGroupWeights(d, { love: 5 }));
    const { merged, conflicts } = threeWayMerge(base, mine, theirs);
    expect(conflicts).toEqual([]);
    expect(merged.settings).toMatchObject({ coreMessage: 'Mine', groupWeights: { love: 5 } });
    const theirs2 = edit(base, (d) => cmd.setCoreMessage(d, 'Theirs'));
    expect(threeWayMerge(base, mine, theirs2).conflicts).toMatchObject([{ entity: 'map', field: 'settings.coreMessage' }]);
  });

  it('both deleting the other persona still leaves a valid map', () => {
    const base = baseMap();
    const mine = edit(base, (d) => cmd.deletePersona(d, 'p2'));
    const theirs = edit(base, (d) => cmd.deletePersona(d, 'p1'));
    const { merged } = threeWayMerge(base, mine, theirs);
    expect(merged.personas).toHaveLength(1);
    expect(valid(merged)).toBe(true);
  });
});

// ── property: disjoint edits ───────────────────────────────────────────────────────────────

type Op =
  | { kind: 'title'; card: number; text: string }
  | { kind: 'description'; card: number; text: string }
  | { kind: 'emotion'; card: number; persona: 'p1' | 'p2'; value: number }
  | { kind: 'delete'; card: number }
  | { kind: 'add'; stage: number; lane: number; text: string }
  | { kind: 'move'; card: number; stage: number; lane: number }
  | { kind: 'stageName'; text: string }
  | { kind: 'addStage'; text: string };

const text = fc.string({ minLength: 1, maxLength: 12 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('title' as const), card: fc.nat(5), text }),
  fc.record({ kind: fc.constant('description' as const), card: fc.nat(5), text }),
  fc.record({ kind: fc.constant('emotion' as const), card: fc.nat(5), persona: fc.constantFrom('p1' as const, 'p2' as const), value: fc.integer({ min: -3, max: 3 }) }),
  fc.record({ kind: fc.constant('delete' as const), card: fc.nat(5) }),
  fc.record({ kind: fc.constant('add' as const), stage: fc.nat(2), lane: fc.nat(1), text }),
  fc.record({ kind: fc.constant('move' as const), card: fc.nat(5), stage: fc.nat(2), lane: fc.nat(1) }),
  fc.record({ kind: fc.constant('stageName' as const), text }),
  fc.record({ kind: fc.constant('addStage' as const), text }),
);

interface Expectation {
  check(doc: JourneyMap): void;
}

/**
 * Apply ops to `base` on one side. Each side owns every other card (parity) and one stage, so
 * the two sides' edits are disjoint. Returns the edited doc and what must survive a merge.
 */
function applySide(base: JourneyMap, ops: Op[], side: 0 | 1): { doc: JourneyMap; expect: Expectation[] } {
  const cardId = (i: number) => `c${i * 2 + side}`;
  const ownStage = `s${side}`;
  const deleted = new Set<string>();
  const out: Expectation[] = [];
  let doc = base;
  for (const op of ops) {
    // One recipe per op, as the store applies commands.
    doc = edit(doc, (d) => {
      switch (op.kind) {
        case 'title': {
          const id = cardId(op.card);
          if (deleted.has(id)) break;
          cmd.updateTouchpoint(d, id, { title: op.text });
          out.push({ check: (m) => expect(card(m, id)?.title).toBe(op.text) });
          break;
        }
        case 'description': {
          const id = cardId(op.card);
          if (deleted.has(id)) break;
          cmd.updateTouchpoint(d, id, { description: op.text });
          out.push({ check: (m) => expect(card(m, id)?.description).toBe(op.text) });
          break;
        }
        case 'emotion': {
          const id = cardId(op.card);
          if (deleted.has(id)) break;
          cmd.setEmotion(d, id, op.persona, op.value);
          out.push({ check: (m) => expect(card(m, id)?.emotions[op.persona]?.value).toBe(op.value) });
          break;
        }
        case 'delete': {
          const id = cardId(op.card);
          cmd.deleteTouchpoints(d, [id]);
          deleted.add(id);
          out.push({ check: (m) => expect(card(m, id)).toBeUndefined() });
          break;
        }
        case 'add': {
          // Into this side's own stage: the other side never deletes it.
          const id = cmd.addTouchpoint(d, { stageId: ownStage, laneId: `l${op.lane}`, title: op.text });
          if (id) out.push({ check: (m) => expect(card(m, id)).toMatchObject({ title: op.text, stageId: ownStage }) });
          break;
        }
        case 'move': {
          const id = cardId(op.card);
          if (deleted.has(id)) break;
          cmd.moveTouchpoint(d, id, { stageId: `s${op.stage}`, laneId: `l${op.lane}` });
          out.push({ check: (m) => expect(card(m, id)).toMatchObject({ stageId: `s${op.stage}`, laneId: `l${op.lane}` }) });
          break;
        }
        case 'stageName':
          cmd.renameStage(d, ownStage, op.text);
          out.push({ check: (m) => expect(m.stages.find((s) => s.id === ownStage)?.name).toBe(op.text) });
          break;
        case 'addStage': {
          const id = cmd.addStage(d, op.text);
          if (id) out.push({ check: (m) => expect(m.stages.find((s) => s.id === id)?.name).toBe(op.text) });
          break;
        }
      }
    });
  }
  return { doc, expect: out };
}

describe('threeWayMerge property', () => {
  it('with disjoint edits, the merge has both sides’ edits and passes journeyMapSchema', () => {
    const base = baseMap();
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 8 }), fc.array(opArb, { maxLength: 8 }), (mineOps, theirsOps) => {
        const mine = applySide(base, mineOps, 0);
        const theirs = applySide(base, theirsOps, 1);
        const { merged, conflicts } = threeWayMerge(base, mine.doc, serverSaved(theirs.doc));
        expect(conflicts).toEqual([]);
        expect(valid(merged)).toBe(true);
        // Apply each side's checks in order: a later op on the same thing wins, so check the
        // side's final state through its own document where ops overlap.
        for (const side of [mine, theirs]) {
          for (const e of side.expect) {
            try {
              e.check(side.doc);
            } catch {
              continue; // overridden later on the same side
            }
            e.check(merged);
          }
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

describe('threeWayMerge property: overlapping edits', () => {
  it('never throws and every resolution is a valid map', () => {
    const base = baseMap();
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 6 }), fc.array(opArb, { maxLength: 6 }), (mineOps, theirsOps) => {
        // Both sides edit the same cards (side 0 ids) and the same stage.
        const mine = applySide(base, mineOps, 0).doc;
        const theirs = serverSaved(applySide(base, theirsOps, 0).doc);
        const { merged, conflicts } = threeWayMerge(base, mine, theirs);
        expect(valid(merged)).toBe(true);
        for (const side of ['mine', 'theirs'] as const) {
          const choices = Object.fromEntries(conflicts.map((c) => [conflictKey(c), side]));
          expect(valid(resolveConflicts(base, mine, theirs, choices))).toBe(true);
        }
        if (conflicts.length === 0) return;
        const allMine = resolveConflicts(base, mine, theirs, Object.fromEntries(conflicts.map((c) => [conflictKey(c), 'mine' as const])));
        for (const c of conflicts.filter((x) => x.entity === 'touchpoint' && x.field === 'title')) {
          expect(card(allMine, c.id)?.title).toBe(c.mine);
        }
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});
