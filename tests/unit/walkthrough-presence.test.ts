import { describe, it, expect, vi, afterEach } from 'vitest';
import type { Participant } from '../../src/live/live-events';
import {
  CURSOR_STALE_MS,
  identityKey,
  initialsOf,
  NO_MARKS,
  orderParticipants,
  selectionIndex,
  textColorOn,
} from '../../src/canvas/presence/presence-model';
import { PresenceStore } from '../../src/canvas/presence/presence-store';

const person = (clientId: string, over: Partial<Participant> = {}): Participant => ({
  clientId,
  name: clientId,
  color: '#2563eb',
  role: 'owner',
  selection: [],
  cursor: null,
  seenAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

describe('presence model', () => {
  it('initials: two words, one word, CJK, empty', () => {
    expect(initialsOf('Ana Lima')).toBe('AL');
    expect(initialsOf('  bo ')).toBe('B');
    expect(initialsOf('jean-luc picard')).toBe('JL');
    expect(initialsOf('王小明')).toBe('王');
    expect(initialsOf('')).toBe('');
    expect(initialsOf('Émile Zola Extra')).toBe('ÉZ');
  });

  it('text colour contrasts with the background', () => {
    expect(textColorOn('#ffffff')).toBe('#0f172a');
    expect(textColorOn('#fde047')).toBe('#0f172a');
    expect(textColorOn('#1e3a8a')).toBe('#ffffff');
    expect(textColorOn('#dc2626')).toBe('#ffffff');
    expect(textColorOn('nonsense')).toBe('#ffffff');
  });

  it('orders me first, then named people by name, guests last', () => {
    const people = [person('c3', { name: '' }), person('c2', { name: 'Bo' }), person('me', { name: 'Zed' }), person('c1', { name: 'Ana' })];
    expect(orderParticipants(people, 'me').map((p) => p.clientId)).toEqual(['me', 'c1', 'c2', 'c3']);
  });

  it('identity ignores pointer and selection', () => {
    const a = person('c1');
    expect(identityKey([a])).toBe(identityKey([{ ...a, cursor: { x: 1, y: 2 }, selection: ['t1'] }]));
    expect(identityKey([a])).not.toBe(identityKey([{ ...a, name: 'Other' }]));
    expect(identityKey([a])).not.toBe(identityKey([{ ...a, role: 'view' }]));
  });

  it('selection index: others only, "kind:id" accepted, unchanged entries keep their identity', () => {
    const people = [person('me', { selection: ['t1'] }), person('bo', { selection: ['t1', 'stage:s1'] }), person('cy', { selection: ['t1'] })];
    const first = selectionIndex(people, 'me');
    expect(first.get('t1')?.map((m) => m.clientId)).toEqual(['bo', 'cy']);
    expect(first.get('s1')?.map((m) => m.clientId)).toEqual(['bo']);
    expect(first.has('stage:s1')).toBe(false);
    const moved = [people[0] as Participant, person('bo', { selection: ['t1', 'stage:s1'], cursor: { x: 5, y: 5 } }), person('cy', { selection: ['t2'] })];
    const second = selectionIndex(moved, 'me', first);
    expect(second.get('s1')).toBe(first.get('s1')); // same people: same array
    expect(second.get('t1')).not.toBe(first.get('t1'));
    expect(second.get('t2')?.map((m) => m.clientId)).toEqual(['cy']);
  });
});

describe('PresenceStore', () => {
  afterEach(() => vi.useRealTimers());

  it('roster listeners fire on join, leave and rename, not on pointer moves or selection', () => {
    const store = new PresenceStore();
    const roster = vi.fn();
    const selection = vi.fn();
    store.subscribeRoster(roster);
    store.subscribeSelection(selection);
    store.reset('me', [person('me', { name: 'Ana' })]);
    expect(roster).toHaveBeenCalledTimes(1);
    store.upsert(person('bo', { name: 'Bo' }));
    expect(roster).toHaveBeenCalledTimes(2);
    expect(store.roster().map((p) => p.clientId)).toEqual(['me', 'bo']);
    const before = store.roster();
    for (let i = 0; i < 50; i++) store.upsert(person('bo', { name: 'Bo', cursor: { x: i, y: i } }));
    expect(roster).toHaveBeenCalledTimes(2);
    expect(store.roster()).toBe(before);
    store.upsert(person('bo', { name: 'Bo', cursor: { x: 1, y: 1 }, selection: ['t1'] }));
    expect(roster).toHaveBeenCalledTimes(2);
    expect(selection).toHaveBeenCalledTimes(1); // the selection change only: not the joins, not the pointer moves
    store.upsert(person('bo', { name: 'Bob', cursor: { x: 1, y: 1 }, selection: ['t1'] }));
    expect(roster).toHaveBeenCalledTimes(3);
    store.remove('bo');
    expect(roster).toHaveBeenCalledTimes(4);
    expect(store.roster().map((p) => p.clientId)).toEqual(['me']);
  });

  it('marksFor: the others who selected the id; my own selection is not outlined', () => {
    const store = new PresenceStore();
    store.reset('me', [person('me', { selection: ['t1'] }), person('bo', { name: 'Bo', color: '#db2777', selection: ['t2'] })]);
    expect(store.marksFor('t1')).toBe(NO_MARKS);
    expect(store.marksFor('t2')).toEqual([{ clientId: 'bo', name: 'Bo', color: '#db2777' }]);
    const t2 = store.marksFor('t2');
    store.upsert(person('bo', { name: 'Bo', color: '#db2777', selection: ['t2'], cursor: { x: 3, y: 4 } }));
    expect(store.marksFor('t2')).toBe(t2);
    store.upsert(person('bo', { name: 'Bo', color: '#db2777', selection: [] }));
    expect(store.marksFor('t2')).toBe(NO_MARKS);
  });

  it('pointer updates are batched to one notification per frame and go stale', () => {
    vi.useFakeTimers();
    let now = 1_000_000;
    const store = new PresenceStore(() => now);
    store.reset('me', [person('me'), person('bo')]);
    const moved = vi.fn();
    const off = store.subscribeCursor('bo', moved);
    vi.advanceTimersByTime(20);
    moved.mockClear();
    for (let i = 0; i < 30; i++) store.upsert(person('bo', { cursor: { x: i * 10, y: 7 } }));
    expect(moved).not.toHaveBeenCalled();
    vi.advanceTimersByTime(20); // one frame
    expect(moved).toHaveBeenCalledTimes(1);
    expect(store.cursorOf('bo')).toEqual({ x: 290, y: 7, visible: true });
    expect(store.cursorOf('me')).toMatchObject({ visible: false }); // never my own
    now += CURSOR_STALE_MS + 1;
    vi.advanceTimersByTime(2_100);
    expect(store.cursorOf('bo').visible).toBe(false);
    expect(moved).toHaveBeenCalledTimes(2); // told to hide
    store.remove('bo');
    expect(store.cursorOf('bo').visible).toBe(false);
    off();
    store.dispose();
  });
});
