/** MapStore's read-only mode (view / comment share links): local changes are refused at the source. */
import { describe, expect, it, vi } from 'vitest';
import { MapStore } from '../../src/store/map-store';
import * as cmd from '../../src/store/commands';
import { makeSampleMap } from '../../src/store/fixtures';
import { isEditingShortcut } from '../../src/canvas/use-editor-keyboard';

describe('MapStore readOnly', () => {
  it('refuses every local change without running the recipe', () => {
    const doc = makeSampleMap();
    const store = new MapStore(doc, { readOnly: true });
    const local = vi.fn();
    const notified = vi.fn();
    store.onLocalChange(local);
    store.subscribe(notified);
    const recipe = vi.fn((d: typeof doc) => void cmd.setTitle(d, 'Changed'));
    expect(store.apply(recipe)).toEqual([]);
    expect(recipe).not.toHaveBeenCalled();
    const stageId = doc.stages[0]?.id ?? '';
    const laneId = doc.lanes[0]?.id ?? '';
    expect(store.run((d) => cmd.addTouchpoint(d, { stageId, laneId, title: 'x' }))).toBeUndefined();
    store.beginGesture('drag');
    store.apply((d) => void cmd.setTitle(d, 'In a gesture'));
    store.endGesture();
    expect(store.batch('paste', () => store.apply((d) => void cmd.setTitle(d, 'batched')))).toEqual([]);
    expect(store.undo()).toBe(false);
    expect(store.redo()).toBe(false);
    expect(store.getDoc()).toBe(doc);
    expect(store.getState()).toMatchObject({ readOnly: true, canUndo: false, canRedo: false, gesture: null });
    expect(local).not.toHaveBeenCalled();
    expect(notified).not.toHaveBeenCalled();
  });

  it('still takes remote and loaded documents', () => {
    const doc = makeSampleMap();
    const store = new MapStore(doc, { readOnly: true });
    store.apply((d) => void cmd.setTitle(d, 'From a collaborator'), { origin: 'remote' });
    expect(store.getDoc().title).toBe('From a collaborator');
    store.replaceDocument({ ...doc, title: 'Reloaded' });
    expect(store.getDoc().title).toBe('Reloaded');
  });

  it('can be switched: on drops the history, off allows changes again', () => {
    const doc = makeSampleMap();
    const store = new MapStore(doc);
    store.apply((d) => void cmd.setTitle(d, 'Mine'));
    expect(store.canUndo).toBe(true);
    const notified = vi.fn();
    store.subscribe(notified);
    store.setReadOnly(true);
    expect(notified).toHaveBeenCalledTimes(1);
    expect(store.getState().readOnly).toBe(true);
    expect(store.canUndo).toBe(false);
    expect(store.undo()).toBe(false);
    expect(store.getDoc().title).toBe('Mine');
    store.setReadOnly(false);
    store.apply((d) => void cmd.setTitle(d, 'Again'));
    expect(store.getDoc().title).toBe('Again');
    expect(store.undo()).toBe(true);
    expect(store.getDoc().title).toBe('Mine');
  });

  it('cancels an open gesture when switched on mid-drag', () => {
    const doc = makeSampleMap();
    const store = new MapStore(doc);
    store.beginGesture('drag');
    store.apply((d) => void cmd.setTitle(d, 'Half-dragged'));
    store.setReadOnly(true);
    expect(store.getDoc().title).toBe(doc.title);
    expect(store.getState().gesture).toBeNull();
  });
});

describe('editing shortcuts (ignored on read-only maps)', () => {
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) => ({
    key: k,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });
  it.each([
    [key('Delete'), true],
    [key('Backspace'), true],
    [key('n'), true],
    [key('N'), true],
    [key('Enter'), true],
    [key('z', { ctrlKey: true }), true],
    [key('Z', { metaKey: true }), true],
    [key('y', { ctrlKey: true }), true],
    [key('d', { ctrlKey: true }), true],
    [key('ArrowLeft', { altKey: true }), true],
    [key('ArrowLeft'), false],
    [key('Escape'), false],
    [key('?'), false],
    [key('+'), false],
    [key('c', { ctrlKey: true }), false],
  ])('%o → %s', (e, editing) => {
    expect(isEditingShortcut(e)).toBe(editing);
  });
});
