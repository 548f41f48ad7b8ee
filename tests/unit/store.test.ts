import { describe, expect, it, vi } from 'vitest';
import { applyPatches, type Patch } from 'immer';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import type { JourneyMap } from '../../src/domain/schema';
import { MapStore } from '../../src/store/map-store';
import * as cmd from '../../src/store/commands';
import { assertValid } from '../../src/store/assert-valid';
import { makeSampleMap } from '../../src/store/fixtures';
import { cellContents, motIdsForTouchpoint, touchpointById } from '../../src/store/selectors';
import { createSelection, MapStoreProvider, useHistoryState, useMapSelector } from '../../src/store/use-map-store';
import { shallowEqual } from '../../src/store/equal';

function setup(opts: Parameters<typeof makeSampleMap>[0] = {}, storeOpts: ConstructorParameters<typeof MapStore>[1] = {}) {
  const doc = makeSampleMap(opts);
  const store = new MapStore(doc, storeOpts);
  return { store, doc };
}

function card(doc: JourneyMap, i: number) {
  const t = doc.touchpoints[i];
  if (!t) throw new Error(`no card ${i}`);
  return t;
}

describe('MapStore basics', () => {
  it('records a local change and undoes/redoes it exactly', () => {
    const { store, doc } = setup();
    const id = card(doc, 0).id;
    store.apply((d) => cmd.updateTouchpoint(d, id, { title: 'Renamed' }), { label: 'Rename card' });
    const after = store.getDoc();
    expect(touchpointById(after, id)?.title).toBe('Renamed');
    expect(store.getState()).toMatchObject({ canUndo: true, canRedo: false, undoLabel: 'Rename card' });

    expect(store.undo()).toBe(true);
    expect(store.getDoc()).toEqual(doc);
    expect(store.getState()).toMatchObject({ canUndo: false, canRedo: true, redoLabel: 'Rename card' });
    expect(store.redo()).toBe(true);
    expect(store.getDoc()).toEqual(after);
    expect(store.undo()).toBe(true);
    expect(store.undo()).toBe(false);
  });

  it('a change that changes nothing records nothing and notifies nobody', () => {
    const { store, doc } = setup();
    const listener = vi.fn();
    store.subscribe(listener);
    const patches = store.apply((d) => cmd.updateTouchpoint(d, card(doc, 0).id, { title: card(doc, 0).title }));
    expect(patches).toEqual([]);
    expect(store.canUndo).toBe(false);
    expect(listener).not.toHaveBeenCalled();
    expect(store.getDoc()).toBe(doc);
  });

  it('ignores a recipe return value; run() returns it', () => {
    const { store, doc } = setup();
    const stageId = doc.stages[0]?.id ?? '';
    const laneId = doc.lanes[0]?.id ?? '';
    // An arrow recipe returning the new id must not replace the document with a string.
    store.apply((d) => cmd.addTouchpoint(d, { stageId, laneId, title: 'A' }));
    expect(store.getDoc().touchpoints).toHaveLength(doc.touchpoints.length + 1);
    const id = store.run((d) => cmd.addTouchpoint(d, { stageId, laneId, title: 'B' }));
    expect(typeof id).toBe('string');
    expect(touchpointById(store.getDoc(), id ?? '')?.title).toBe('B');
    assertValid(store.getDoc());
  });

  it('publishes a new state object only on change, and the document is frozen', () => {
    const { store, doc } = setup();
    const s1 = store.getState();
    expect(store.getState()).toBe(s1);
    store.apply((d) => cmd.setTitle(d, 'New'));
    expect(store.getState()).not.toBe(s1);
    expect(Object.isFrozen(store.getDoc())).toBe(true);
    expect(Object.isFrozen(store.getDoc().touchpoints[0])).toBe(true);
    expect(() => {
      (store.getDoc() as { title: string }).title = 'x';
    }).toThrow();
    expect(doc.title).toBe('Sample journey');
  });

  it('refuses re-entrant apply from inside a recipe', () => {
    const { store } = setup();
    expect(() => store.apply(() => store.apply((d) => cmd.setTitle(d, 'x')))).toThrow(/inside a recipe/);
    expect(store.canUndo).toBe(false);
  });

  it('validate option throws on an invalid document and keeps the old one', () => {
    const { store, doc } = setup({}, { validate: true });
    expect(() =>
      store.apply((d) => {
        card(d, 0).stageId = 'nope';
      }),
    ).toThrow(/invalid document/);
    expect(store.getDoc()).toBe(doc);
    expect(store.canUndo).toBe(false);
  });
});

describe('history stack', () => {
  it('a new local change clears redo', () => {
    const { store } = setup();
    store.apply((d) => cmd.setTitle(d, 'A'));
    store.apply((d) => cmd.setTitle(d, 'B'));
    store.undo();
    expect(store.canRedo).toBe(true);
    store.apply((d) => cmd.setTitle(d, 'C'));
    expect(store.canRedo).toBe(false);
    expect(store.redo()).toBe(false);
    store.undo();
    expect(store.getDoc().title).toBe('A');
  });

  it('keeps at most historyLimit steps', () => {
    const { store, doc } = setup({}, { historyLimit: 5 });
    for (let i = 0; i < 12; i++) store.apply((d) => cmd.setTitle(d, `T${i}`));
    expect(store.historySize.undo).toBe(5);
    let undone = 0;
    while (store.undo()) undone++;
    expect(undone).toBe(5);
    expect(store.getDoc().title).toBe('T6');
    expect(store.getDoc().title).not.toBe(doc.title);
  });

  it('clearHistory empties both stacks', () => {
    const { store } = setup();
    store.apply((d) => cmd.setTitle(d, 'A'));
    store.apply((d) => cmd.setTitle(d, 'B'));
    store.undo();
    store.clearHistory();
    expect(store.getState()).toMatchObject({ canUndo: false, canRedo: false });
  });
});

describe('gestures', () => {
  it('50 moves in one gesture are one undo step', () => {
    const { store, doc } = setup({ stages: 5, cardsPerCell: 3 });
    const id = card(doc, 0).id;
    store.beginGesture('Move card');
    for (let i = 0; i < 50; i++) {
      const stage = doc.stages[i % doc.stages.length];
      const lane = doc.lanes[i % 3];
      store.apply((d) => cmd.moveTouchpoint(d, id, { stageId: stage?.id ?? '', laneId: lane?.id ?? '', index: i % 4 }));
      assertValid(store.getDoc());
    }
    expect(store.getState().gesture).toBe('Move card');
    expect(store.getState().undoLabel).toBe('Move card');
    store.endGesture();
    const after = store.getDoc();
    expect(store.historySize.undo).toBe(1);
    expect(store.undo()).toBe(true);
    expect(store.getDoc()).toEqual(doc);
    expect(store.canUndo).toBe(false);
    expect(store.redo()).toBe(true);
    expect(store.getDoc()).toEqual(after);
  });

  it('cancelGesture reverts the gesture and records nothing', () => {
    const { store, doc } = setup();
    store.apply((d) => cmd.setTitle(d, 'Before gesture'));
    const before = store.getDoc();
    store.beginGesture('Drag');
    store.apply((d) => cmd.moveTouchpoint(d, card(doc, 0).id, { stageId: doc.stages[2]?.id ?? '', laneId: doc.lanes[1]?.id ?? '' }));
    store.apply((d) => cmd.deleteTouchpoints(d, [card(doc, 3).id]));
    expect(store.cancelGesture()).toBe(true);
    expect(store.getDoc()).toEqual(before);
    expect(store.historySize.undo).toBe(1);
    expect(store.getState().gesture).toBeNull();
    expect(store.cancelGesture()).toBe(false);
  });

  it('an empty gesture adds no step; beginGesture twice ends the first; undo ends an open gesture', () => {
    const { store } = setup();
    store.beginGesture('Nothing');
    store.endGesture();
    expect(store.canUndo).toBe(false);
    store.beginGesture('One');
    store.apply((d) => cmd.setTitle(d, '1'));
    store.beginGesture('Two');
    store.apply((d) => cmd.setTitle(d, '2'));
    expect(store.undo()).toBe(true); // ends "Two", undoes it
    expect(store.getDoc().title).toBe('1');
    expect(store.getState().undoLabel).toBe('One');
  });

  it('batch groups and cancels on throw', () => {
    const { store, doc } = setup();
    store.batch('Two titles', () => {
      store.apply((d) => cmd.setTitle(d, 'x'));
      store.apply((d) => cmd.setDescription(d, 'y'));
    });
    expect(store.historySize.undo).toBe(1);
    expect(() =>
      store.batch('Boom', () => {
        store.apply((d) => cmd.setTitle(d, 'z'));
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.getDoc().title).toBe('x');
    store.undo();
    expect(store.getDoc()).toEqual(doc);
  });

  it('remote changes during a gesture survive its cancel and its undo', () => {
    const { store, doc } = setup();
    const a = card(doc, 0).id;
    const b = card(doc, 1).id;
    store.beginGesture('Edit');
    store.apply((d) => cmd.updateTouchpoint(d, a, { title: 'local 1' }));
    store.apply((d) => cmd.updateTouchpoint(d, b, { title: 'remote' }), { origin: 'remote' });
    store.apply((d) => cmd.updateTouchpoint(d, a, { title: 'local 2' }));
    store.endGesture();
    expect(store.undo()).toBe(true);
    expect(touchpointById(store.getDoc(), a)?.title).toBe(card(doc, 0).title);
    expect(touchpointById(store.getDoc(), b)?.title).toBe('remote');

    store.beginGesture('Edit');
    store.apply((d) => cmd.updateTouchpoint(d, a, { title: 'local 3' }));
    store.apply((d) => cmd.setTitle(d, 'remote title'), { origin: 'remote' });
    store.cancelGesture();
    expect(touchpointById(store.getDoc(), a)?.title).toBe(card(doc, 0).title);
    expect(store.getDoc().title).toBe('remote title');
  });
});

describe('remote changes', () => {
  it('never enter the history; undo of a different card still works', () => {
    const { store, doc } = setup();
    const a = card(doc, 0).id;
    const b = card(doc, 1).id;
    store.apply((d) => cmd.updateTouchpoint(d, a, { title: 'mine' }));
    store.apply((d) => cmd.updateTouchpoint(d, b, { title: 'theirs' }), { origin: 'remote' });
    expect(store.historySize.undo).toBe(1);
    expect(store.undo()).toBe(true);
    expect(touchpointById(store.getDoc(), a)?.title).toBe(card(doc, 0).title);
    expect(touchpointById(store.getDoc(), b)?.title).toBe('theirs');
    assertValid(store.getDoc());
    expect(store.redo()).toBe(true);
    expect(touchpointById(store.getDoc(), a)?.title).toBe('mine');
    expect(store.canUndo).toBe(true);
  });

  it('undo hits the right card after a remote delete shifted the array', () => {
    const { store, doc } = setup();
    const last = doc.touchpoints[doc.touchpoints.length - 1];
    const first = card(doc, 0);
    store.apply((d) => cmd.updateTouchpoint(d, last?.id ?? '', { title: 'mine' }));
    // A collaborator deletes the first card: every index shifts by one.
    store.apply((d) => cmd.deleteTouchpoints(d, [first.id]), { origin: 'remote' });
    expect(store.undo()).toBe(true);
    const now = store.getDoc();
    expect(touchpointById(now, last?.id ?? '')?.title).toBe(last?.title);
    expect(touchpointById(now, first.id)).toBeUndefined();
    expect(now.touchpoints.filter((t) => t.title === 'mine')).toHaveLength(0);
    assertValid(now);
  });

  it('a field changed remotely since wins over the undo (and other fields still undo)', () => {
    const { store, doc } = setup();
    const a = card(doc, 0).id;
    store.apply((d) => cmd.updateTouchpoint(d, a, { title: 'mine', description: 'mine too' }));
    store.apply((d) => cmd.updateTouchpoint(d, a, { title: 'theirs' }), { origin: 'remote' });
    expect(store.undo()).toBe(true);
    expect(touchpointById(store.getDoc(), a)).toMatchObject({ title: 'theirs', description: card(doc, 0).description });
  });

  it('undo of a stage delete drops cards whose lane a collaborator deleted meanwhile', () => {
    const { store, doc } = setup();
    const stage = doc.stages[1]?.id ?? '';
    const lane = doc.lanes[0]?.id ?? '';
    store.apply((d) => cmd.deleteStage(d, stage));
    store.apply((d) => cmd.deleteLane(d, lane), { origin: 'remote' });
    expect(store.undo()).toBe(true);
    const now = store.getDoc();
    assertValid(now);
    expect(now.stages.map((s) => s.id)).toEqual(doc.stages.map((s) => s.id));
    const expected = doc.touchpoints.filter((t) => t.stageId === stage && t.laneId !== lane).map((t) => t.id).sort();
    expect(now.touchpoints.filter((t) => t.stageId === stage).map((t) => t.id).sort()).toEqual(expected);
  });

  it('a step that cannot be rebased is dropped and the previous one is undone instead', () => {
    const { store, doc } = setup({ personas: 1 });
    store.apply((d) => cmd.setTitle(d, 'older step'));
    const pid = store.run((d) => cmd.addPersona(d, 'Second'));
    // A collaborator deletes the original persona: undoing "add persona" would leave none.
    store.apply((d) => cmd.deletePersona(d, doc.personas[0]?.id ?? ''), { origin: 'remote' });
    expect(store.undo()).toBe(true);
    const now = store.getDoc();
    assertValid(now);
    expect(now.personas.map((p) => p.id)).toEqual([pid]);
    expect(now.title).toBe(doc.title);
    expect(store.canUndo).toBe(false);
  });

  it('remote additions keep their place when an undo reorders', () => {
    const { store, doc } = setup();
    const s0 = doc.stages[0]?.id ?? '';
    store.apply((d) => cmd.moveStage(d, s0, 3));
    const remoteId = store.run((d) => cmd.addStage(d, 'Remote stage', { after: doc.stages[1]?.id ?? '' }), { origin: 'remote' });
    expect(store.undo()).toBe(true);
    const names = store.getDoc().stages.map((s) => s.id);
    expect(names).toEqual([s0, doc.stages[1]?.id, remoteId, doc.stages[2]?.id, doc.stages[3]?.id]);
  });

  it('applyPatches: remote patches apply; garbage returns false and changes nothing', () => {
    const { store, doc } = setup();
    const other = new MapStore(doc);
    const captured: Patch[][] = [];
    store.onLocalChange((p) => captured.push([...p]));
    store.apply((d) => cmd.updateTouchpoint(d, card(doc, 2).id, { title: 'synced' }));
    expect(other.applyPatches(captured[0] ?? [])).toBe(true);
    expect(other.getDoc()).toEqual(store.getDoc());
    expect(other.canUndo).toBe(false);
    const before = other.getDoc();
    expect(other.applyPatches([{ op: 'replace', path: ['nope', 5, 'x'], value: 1 }])).toBe(false);
    expect(other.getDoc()).toBe(before);
  });
});

describe('onLocalChange', () => {
  it('fires for local changes, undo, redo and cancel with patches that replay the change; never for remote/load', () => {
    const { store, doc } = setup();
    const events: { kind: string; patches: readonly Patch[]; inverse: readonly Patch[]; doc: JourneyMap }[] = [];
    store.onLocalChange((patches, inverse, d, info) => events.push({ kind: info.kind, patches, inverse, doc: d }));
    let mirror = doc;
    const check = () => {
      const e = events[events.length - 1];
      if (!e) throw new Error('no event');
      const before = mirror;
      mirror = applyPatches(mirror, e.patches as Patch[]);
      expect(mirror).toEqual(e.doc);
      expect(applyPatches(mirror, e.inverse as Patch[])).toEqual(before);
    };
    store.apply((d) => cmd.deleteStage(d, doc.stages[0]?.id ?? ''));
    check();
    store.undo();
    check();
    expect(events.at(-1)?.kind).toBe('undo');
    store.redo();
    check();
    store.beginGesture('g');
    store.apply((d) => cmd.setTitle(d, 'g'));
    check();
    store.cancelGesture();
    check();
    expect(events.at(-1)?.kind).toBe('cancel');
    const count = events.length;
    store.apply((d) => cmd.setTitle(d, 'remote'), { origin: 'remote' });
    store.apply((d) => cmd.setTitle(d, 'load'), { origin: 'load' });
    store.replaceDocument(doc);
    expect(events).toHaveLength(count);
  });

  it('unsubscribes, and a throwing listener does not break the store', () => {
    const errors: unknown[] = [];
    const { store } = setup({}, { onListenerError: (e) => errors.push(e) });
    const good = vi.fn();
    const off = store.onLocalChange(good);
    store.onLocalChange(() => {
      throw new Error('listener bug');
    });
    const sub = vi.fn();
    store.subscribe(sub);
    store.apply((d) => cmd.setTitle(d, 'A'));
    expect(good).toHaveBeenCalledTimes(1);
    expect(sub).toHaveBeenCalledTimes(1);
    expect(errors).toHaveLength(1);
    expect(store.getDoc().title).toBe('A');
    off();
    store.apply((d) => cmd.setTitle(d, 'B'));
    expect(good).toHaveBeenCalledTimes(1);
  });
});

describe('replaceDocument', () => {
  it('load resets history; remote keeps it', () => {
    const { store, doc } = setup();
    store.apply((d) => cmd.setTitle(d, 'A'));
    store.replaceDocument({ ...doc, description: 'from server' }, 'remote');
    expect(store.canUndo).toBe(true);
    store.undo();
    expect(store.getDoc()).toMatchObject({ title: doc.title, description: 'from server' });
    store.redo();
    store.replaceDocument(doc);
    expect(store.getState()).toMatchObject({ canUndo: false, canRedo: false, doc });
    store.apply((d) => cmd.setTitle(d, 'B'));
    store.replaceDocument(doc, 'load', { keepHistory: true });
    expect(store.canUndo).toBe(true);
  });
});

describe('selectors', () => {
  it('keep identity for unchanged cards and cells', () => {
    const { store, doc } = setup();
    const a = card(doc, 0);
    const b = doc.touchpoints.find((t) => t.stageId !== a.stageId) ?? card(doc, 5);
    const cellA = cellContents(doc, a.stageId, a.laneId);
    const cellB = cellContents(doc, b.stageId, b.laneId);
    expect(cellA).toContain(a.id);
    store.apply((d) => cmd.updateTouchpoint(d, a.id, { title: 'changed' }));
    const next = store.getDoc();
    expect(touchpointById(next, b.id)).toBe(touchpointById(doc, b.id));
    expect(touchpointById(next, a.id)).not.toBe(a);
    expect(cellContents(next, a.stageId, a.laneId)).toBe(cellA);
    store.apply((d) => cmd.moveTouchpoint(d, a.id, { stageId: a.stageId, laneId: a.laneId, index: 99 }));
    const moved = store.getDoc();
    expect(cellContents(moved, a.stageId, a.laneId)).not.toBe(cellA);
    expect(cellContents(moved, b.stageId, b.laneId)).toBe(cellB);
    expect(cellContents(moved, 'x', 'y')).toEqual([]);
    expect(motIdsForTouchpoint(moved, 'none')).toEqual([]);
  });
});

describe('React bindings', () => {
  it('createSelection reruns only on source change and keeps equal results', () => {
    let source = { n: 1, other: 'a' };
    const selector = vi.fn((s: typeof source) => [s.n]);
    const last = { current: null as { value: number[] } | null };
    const get = createSelection(() => source, selector, shallowEqual, last);
    const v1 = get();
    expect(get()).toBe(v1);
    expect(selector).toHaveBeenCalledTimes(1);
    source = { ...source, other: 'b' };
    expect(get()).toBe(v1);
    expect(selector).toHaveBeenCalledTimes(2);
    source = { ...source, n: 2 };
    expect(get()).toEqual([2]);
    last.current = { value: [2] };
    const get2 = createSelection(() => source, (s: typeof source) => [s.n], shallowEqual, last);
    expect(get2()).toBe(last.current.value);
  });

  it('renders selected slices through the provider', () => {
    const { store, doc } = setup();
    function Title() {
      const title = useMapSelector((d) => d.title);
      const { canUndo } = useHistoryState();
      return createElement('span', null, `${title}|${canUndo ? 'undo' : 'none'}`);
    }
    const html = () => renderToString(createElement(MapStoreProvider, { store }, createElement(Title)));
    expect(html()).toContain(`${doc.title}|none`);
    store.apply((d) => cmd.setTitle(d, 'Hello'));
    expect(html()).toContain('Hello|undo');
    expect(() => renderToString(createElement(Title))).toThrow(/MapStoreProvider/);
  });
});

describe('scale', () => {
  it('handles a 1000-card map: a 60-step drag and its undo stay fast', () => {
    const { store, doc } = setup({ stages: 20, cardsPerCell: 10, filledLanes: 5, motEvery: 5 });
    expect(doc.touchpoints.length).toBe(1000);
    const id = card(doc, 500).id;
    const t0 = performance.now();
    store.beginGesture('Drag');
    for (let i = 0; i < 60; i++) {
      const stage = doc.stages[i % 20]?.id ?? '';
      const lane = doc.lanes[i % 5]?.id ?? '';
      store.apply((d) => cmd.moveTouchpoint(d, id, { stageId: stage, laneId: lane, index: i % 7 }));
    }
    store.endGesture();
    store.undo();
    const ms = performance.now() - t0;
    expect(store.getDoc()).toEqual(doc);
    expect(ms).toBeLessThan(2000);
  }, 30_000);
});
