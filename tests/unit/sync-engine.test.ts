import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { produce } from 'immer';
import { ApiError } from '../../src/api/http';
import type { JourneyMap } from '../../src/domain/schema';
import { MapStore } from '../../src/store/map-store';
import * as cmd from '../../src/store/commands';
import { MapSync, type MapSyncOptions, type SyncStatus } from '../../src/sync/map-sync';
import { conflictKey } from '../../src/sync/merge';
import { createMemoryPendingStorage, type PendingEntry, type PendingStorage } from '../../src/sync/pending-storage';
import { makeMap } from './helpers/make-map';

function initialMap(): JourneyMap {
  return makeMap({
    personas: ['p1'],
    stages: ['s1', 's2'],
    lanes: ['l1'],
    touchpoints: [
      { id: 't1', stage: 's1', order: 0, title: 'Check in' },
      { id: 't2', stage: 's1', order: 1, title: 'Security' },
      { id: 't3', stage: 's2', order: 0, title: 'Boarding' },
    ],
  });
}

type Mode = 'ok' | 'offline' | 'down' | 'invalid';

/** An in-memory server with versions, If-Match semantics and switchable failures. */
function fakeServer(initial: JourneyMap, version = 1) {
  const state = { doc: initial, version, mode: 'ok' as Mode, hold: null as null | { promise: Promise<void>; release: () => void } };
  const saves: Array<{ map: JourneyMap; baseVersion: number; at: number }> = [];
  const api = {
    save: vi.fn(async (map: JourneyMap, baseVersion: number) => {
      saves.push({ map, baseVersion, at: Date.now() });
      if (state.hold) await state.hold.promise;
      if (state.mode === 'offline') throw new ApiError(0, 'Failed to fetch');
      if (state.mode === 'down') throw new ApiError(503, 'Service unavailable');
      if (baseVersion !== state.version)
        throw new ApiError(409, 'This map was changed elsewhere', { currentVersion: state.version, yourVersion: baseVersion });
      if (state.mode === 'invalid') throw new ApiError(400, 'The journey map is not valid: 1 problem found');
      state.doc = { ...structuredClone(map), updatedAt: new Date(Date.now()).toISOString() };
      state.version++;
      return { map: state.doc, version: state.version };
    }),
    get: vi.fn(async (_id: string) => {
      if (state.mode === 'offline') throw new ApiError(0, 'Failed to fetch');
      return { map: state.doc, version: state.version };
    }),
  };
  return {
    api,
    saves,
    state,
    /** Someone else saves a change. */
    edit(recipe: (d: JourneyMap) => unknown) {
      state.doc = produce(state.doc, (d) => {
        recipe(d as JourneyMap);
      });
      state.version++;
    },
    holdRequests() {
      let release = () => {};
      const promise = new Promise<void>((r) => {
        release = r;
      });
      state.hold = {
        promise,
        release: () => {
          state.hold = null;
          release();
        },
      };
      return state.hold;
    },
  };
}

function setup(opts: { storage?: PendingStorage; server?: ReturnType<typeof fakeServer>; doc?: JourneyMap; version?: number } & Partial<MapSyncOptions> = {}) {
  const doc = opts.doc ?? initialMap();
  const server = opts.server ?? fakeServer(doc, opts.version ?? 1);
  const storage = opts.storage ?? createMemoryPendingStorage();
  const store = new MapStore(doc);
  const sync = new MapSync({ ...opts, store, mapId: doc.id, version: opts.version ?? server.state.version, storage, api: server.api });
  const statuses: SyncStatus[] = [];
  sync.subscribe(() => statuses.push(sync.getStatus()));
  return { store, sync, server, storage, statuses };
}

const title = (doc: JourneyMap, id: string) => doc.touchpoints.find((t) => t.id === id)?.title;
const rename = (store: MapStore, id: string, text: string) => store.apply((d) => cmd.updateTouchpoint(d, id, { title: text }));
/** Let timers run `ms` and settle the promises they started. */
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers({ now: new Date('2024-05-01T10:00:00.000Z') });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('MapSync: debounce', () => {
  it('coalesces 20 edits into one request with the final document', async () => {
    const { store, sync, server, storage } = setup();
    await sync.start();
    for (let i = 0; i < 20; i++) {
      rename(store, 't1', `Title ${i}`);
      await advance(100);
    }
    expect(server.api.save).not.toHaveBeenCalled();
    expect(sync.getStatus()).toEqual({ kind: 'saving' });
    expect(sync.hasUnsentChanges()).toBe(true);
    await advance(800);
    expect(server.api.save).toHaveBeenCalledTimes(1);
    expect(title(server.state.doc, 't1')).toBe('Title 19');
    expect(sync.getStatus()).toEqual({ kind: 'saved' });
    expect(sync.hasUnsentChanges()).toBe(false);
    expect(sync.version).toBe(2);
    await advance(300);
    expect(await storage.get(store.getDoc().id)).toBeUndefined();
  });

  it('still saves during non-stop editing (max wait)', async () => {
    const { store, sync, server } = setup({ maxWaitMs: 5000 });
    await sync.start();
    for (let i = 0; i < 60; i++) {
      rename(store, 't1', `Title ${i}`);
      await advance(100);
    }
    expect(server.api.save).toHaveBeenCalledTimes(1);
  });

  it('a drag (gesture) counts as one change', async () => {
    const { store, sync, server } = setup();
    await sync.start();
    server.state.mode = 'offline';
    store.beginGesture('Move');
    for (let i = 0; i < 5; i++) store.apply((d) => cmd.updateTouchpoint(d, 't1', { title: `Drag ${i}` }));
    store.endGesture();
    rename(store, 't2', 'Other');
    await advance(800);
    expect(sync.getStatus()).toEqual({ kind: 'offline', waiting: 2 });
  });

  it('writes the pending entry at once, then at most every 250 ms', async () => {
    const storage = createMemoryPendingStorage();
    const put = vi.spyOn(storage, 'put');
    const { store, sync } = setup({ storage });
    await sync.start();
    rename(store, 't1', 'A');
    await advance(0);
    expect(put).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 10; i++) {
      rename(store, 't1', `B${i}`);
      await advance(20);
    }
    expect(put).toHaveBeenCalledTimes(1);
    await advance(60);
    expect(put).toHaveBeenCalledTimes(2);
    const entry = await storage.get(store.getDoc().id);
    expect(entry).toMatchObject({ baseVersion: 1, changeCount: 11 });
    expect(title(entry!.localDoc, 't1')).toBe('B9');
    // flush() writes the latest state right away (page hide).
    rename(store, 't1', 'C');
    await sync.flush();
    expect(title((await storage.get(store.getDoc().id))!.localDoc, 't1')).toBe('C');
  });
});

describe('MapSync: offline and retries', () => {
  it('shows offline with the waiting count, backs off 1 s, 2 s, 4 s … 30 s, then saves when back', async () => {
    const { store, sync, server } = setup();
    await sync.start();
    server.state.mode = 'offline';
    rename(store, 't1', 'Offline edit');
    await advance(800);
    expect(server.api.save).toHaveBeenCalledTimes(1);
    expect(sync.getStatus()).toEqual({ kind: 'offline', waiting: 1 });
    rename(store, 't2', 'Second');
    rename(store, 't3', 'Third');
    expect(sync.getStatus()).toEqual({ kind: 'offline', waiting: 3 });
    // Edits while waiting for a retry do not send on their own.
    await advance(999);
    expect(server.api.save).toHaveBeenCalledTimes(1);
    await advance(70_000);
    const times = server.saves.map((s) => s.at);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(gaps).toEqual([1000, 2000, 4000, 8000, 16000, 30000]);
    expect(sync.getStatus()).toEqual({ kind: 'offline', waiting: 3 });

    server.state.mode = 'ok';
    await advance(30_000);
    expect(sync.getStatus()).toEqual({ kind: 'saved' });
    expect(title(server.state.doc, 't1')).toBe('Offline edit');
    expect(title(server.state.doc, 't3')).toBe('Third');
  });

  it('retryNow() (the online event) sends at once; 5xx is treated like offline', async () => {
    const { store, sync, server } = setup();
    await sync.start();
    server.state.mode = 'down';
    rename(store, 't1', 'X');
    await advance(800);
    expect(sync.getStatus()).toMatchObject({ kind: 'offline' });
    await advance(1000);
    await advance(2000);
    expect(server.api.save).toHaveBeenCalledTimes(3);
    server.state.mode = 'ok';
    sync.retryNow();
    await advance(0);
    expect(server.api.save).toHaveBeenCalledTimes(4);
    expect(sync.getStatus()).toEqual({ kind: 'saved' });
    // The backoff starts again from 1 s after a success.
    server.state.mode = 'offline';
    rename(store, 't1', 'Y');
    await advance(800);
    const before = server.api.save.mock.calls.length;
    await advance(1000);
    expect(server.api.save.mock.calls.length).toBe(before + 1);
  });

  it('setOnline(false) holds sending and shows offline; setOnline(true) sends', async () => {
    const { store, sync, server } = setup();
    await sync.start();
    sync.setOnline(false);
    rename(store, 't1', 'X');
    expect(sync.getStatus()).toEqual({ kind: 'offline', waiting: 1 });
    await advance(5000);
    expect(server.api.save).not.toHaveBeenCalled();
    sync.setOnline(true);
    await advance(0);
    expect(server.api.save).toHaveBeenCalledTimes(1);
    expect(sync.getStatus()).toEqual({ kind: 'saved' });
  });
});

describe('MapSync: one request at a time', () => {
  it('sends edits made during a request after it, on the new version, without replacing the newer store doc', async () => {
    const { store, sync, server } = setup();
    await sync.start();
    rename(store, 't1', 'First');
    const hold = server.holdRequests();
    await advance(800);
    expect(server.api.save).toHaveBeenCalledTimes(1);
    rename(store, 't2', 'During');
    await advance(2000);
    expect(server.api.save).toHaveBeenCalledTimes(1);
    expect(sync.getStatus()).toEqual({ kind: 'saving' });
    hold.release();
    await advance(0);
    expect(title(store.getDoc(), 't2')).toBe('During');
    await advance(0);
    expect(server.api.save).toHaveBeenCalledTimes(2);
    expect(server.saves[1]).toMatchObject({ baseVersion: 2 });
    expect(title(server.saves[1]!.map, 't2')).toBe('During');
    expect(title(server.state.doc, 't1')).toBe('First');
    expect(sync.getStatus()).toEqual({ kind: 'saved' });
    expect(store.canUndo).toBe(true);
  });
});

describe('MapSync: stale writes (409)', () => {
  it('merges non-overlapping changes automatically; both edits survive and the undo history stays', async () => {
    const { store, sync, server } = setup();
    await sync.start();
    server.edit((d) => cmd.updateTouchpoint(d, 't2', { title: 'Theirs' }));
    rename(store, 't1', 'Mine');
    await advance(800);
    await advance(0);
    expect(server.api.get).toHaveBeenCalledTimes(1);
    expect(server.api.save).toHaveBeenCalledTimes(2);
    expect(title(store.getDoc(), 't1')).toBe('Mine');
    expect(title(store.getDoc(), 't2')).toBe('Theirs');
    expect(title(server.state.doc, 't1')).toBe('Mine');
    expect(title(server.state.doc, 't2')).toBe('Theirs');
    expect(server.state.version).toBe(3);
    expect(sync.getStatus()).toEqual({ kind: 'saved' });
    expect(store.canUndo).toBe(true);
    // Undo reverts only my edit.
    store.undo();
    expect(title(store.getDoc(), 't1')).toBe('Check in');
    expect(title(store.getDoc(), 't2')).toBe('Theirs');
  });

  it('the same title changed on both sides is a conflict; nothing is sent until resolved (mine)', async () => {
    const { store, sync, server, storage } = setup();
    await sync.start();
    server.edit((d) => cmd.updateTouchpoint(d, 't1', { title: 'Theirs' }));
    rename(store, 't1', 'Mine');
    rename(store, 't3', 'Also mine');
    await advance(800);
    const status = sync.getStatus();
    expect(status.kind).toBe('conflict');
    if (status.kind !== 'conflict') return;
    expect(status.conflicts).toMatchObject([{ entity: 'touchpoint', id: 't1', field: 'title', label: 'Mine', mine: 'Mine', theirs: 'Theirs' }]);
    expect(sync.hasUnsentChanges()).toBe(true);
    await advance(60_000);
    expect(server.api.save).toHaveBeenCalledTimes(1);
    // Kept durably while undecided.
    expect(title((await storage.get(store.getDoc().id))!.localDoc, 't1')).toBe('Mine');

    expect(sync.resolve({ [conflictKey(status.conflicts[0]!)]: 'mine' })).toBe(true);
    await advance(0);
    expect(server.api.save).toHaveBeenCalledTimes(2);
    expect(server.saves[1]?.baseVersion).toBe(2);
    expect(title(server.state.doc, 't1')).toBe('Mine');
    expect(title(server.state.doc, 't3')).toBe('Also mine');
    expect(sync.getStatus()).toEqual({ kind: 'saved' });
  });

  it('resolving for theirs puts their value in the store and still saves my other edits', async () => {
    const { store, sync, server } = setup();
    await sync.start();
    server.edit((d) => cmd.updateTouchpoint(d, 't1', { title: 'Theirs' }));
    rename(store, 't1', 'Mine');
    rename(store, 't3', 'Also mine');
    await advance(800);
    const status = sync.getStatus();
    if (status.kind !== 'conflict') throw new Error('expected a conflict');
    sync.resolve({ [conflictKey(status.conflicts[0]!)]: 'theirs' });
    await advance(0);
    expect(title(store.getDoc(), 't1')).toBe('Theirs');
    expect(title(server.state.doc, 't1')).toBe('Theirs');
    expect(title(server.state.doc, 't3')).toBe('Also mine');
    expect(sync.getStatus()).toEqual({ kind: 'saved' });
  });

  it('resolving for theirs when that leaves nothing of mine sends nothing', async () => {
    const { store, sync, server } = setup();
    await sync.start();
    server.edit((d) => cmd.updateTouchpoint(d, 't1', { title: 'Theirs' }));
    rename(store, 't1', 'Mine');
    await advance(800);
    const status = sync.getStatus();
    if (status.kind !== 'conflict') throw new Error('expected a conflict');
    sync.resolve({ [conflictKey(status.conflicts[0]!)]: 'theirs' });
    await advance(1000);
    expect(server.api.save).toHaveBeenCalledTimes(1);
    expect(title(store.getDoc(), 't1')).toBe('Theirs');
    expect(sync.getStatus()).toEqual({ kind: 'saved' });
    expect(sync.hasUnsentChanges()).toBe(false);
    expect(sync.version).toBe(2);
  });

  it('resolve() without a choice for every conflict stays in conflict', async () => {
    const { store, sync, server } = setup();
    await sync.start();
    server.edit((d) => cmd.updateTouchpoint(d, 't1', { title: 'Theirs' }));
    rename(store, 't1', 'Mine');
    await advance(800);
    expect(sync.resolve({})).toBe(false);
    expect(sync.getStatus().kind).toBe('conflict');
  });
});

describe('MapSync: errors and storage', () => {
  it('a 409 whose server version equals ours is an error, not a merge loop', async () => {
    const { store, sync, server } = setup();
    await sync.start();
    server.api.save.mockImplementation(async () => {
      throw new ApiError(409, 'stale');
    });
    rename(store, 't1', 'X');
    await advance(800);
    await advance(10_000);
    expect(server.api.save).toHaveBeenCalledTimes(1);
    expect(sync.getStatus()).toMatchObject({ kind: 'error' });
    expect(sync.hasUnsentChanges()).toBe(true);
  });


  it('400 shows the server message and keeps the pending entry; the next edit tries again', async () => {
    const { store, sync, server, storage } = setup();
    await sync.start();
    server.state.mode = 'invalid';
    rename(store, 't1', 'Bad?');
    await advance(800);
    expect(sync.getStatus()).toEqual({ kind: 'error', message: 'The journey map is not valid: 1 problem found' });
    await advance(60_000);
    expect(server.api.save).toHaveBeenCalledTimes(1);
    const entry = await storage.get(store.getDoc().id);
    expect(entry).toBeDefined();
    expect(title(entry!.localDoc, 't1')).toBe('Bad?');
    expect(sync.hasUnsentChanges()).toBe(true);

    server.state.mode = 'ok';
    rename(store, 't1', 'Good');
    await advance(800);
    expect(sync.getStatus()).toEqual({ kind: 'saved' });
    await advance(300);
    expect(await storage.get(store.getDoc().id)).toBeUndefined();
  });

  it('a quota error is shown as storage-error, never silently', async () => {
    const memory = createMemoryPendingStorage();
    const storage: PendingStorage = {
      ...memory,
      put: () => Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError')),
    };
    const { store, sync, server } = setup({ storage });
    await sync.start();
    server.state.mode = 'offline';
    rename(store, 't1', 'X');
    await advance(0);
    expect(sync.getStatus()).toEqual({ kind: 'storage-error', message: 'The quota has been exceeded.', reason: 'quota' });
    await advance(800);
    // Still storage-error (more urgent than offline: the edits live only in this tab).
    expect(sync.getStatus().kind).toBe('storage-error');
    server.state.mode = 'ok';
    sync.retryNow();
    await advance(0);
    expect(sync.getStatus()).toEqual({ kind: 'saved' });
  });

  it('a storage that cannot be opened at start is reported but saving still works', async () => {
    const storage: PendingStorage = {
      get: () => Promise.reject(new Error('IndexedDB is not available')),
      put: () => Promise.reject(new Error('IndexedDB is not available')),
      remove: () => Promise.resolve(),
    };
    const { store, sync, server } = setup({ storage });
    await sync.start();
    rename(store, 't1', 'X');
    await advance(0);
    expect(sync.getStatus()).toMatchObject({ kind: 'storage-error', reason: 'unavailable' });
    await advance(800);
    expect(server.api.save).toHaveBeenCalledTimes(1);
    expect(sync.getStatus()).toEqual({ kind: 'saved' });
  });
});

describe('MapSync: start() after a reload or crash', () => {
  function entryFor(base: JourneyMap, local: JourneyMap, baseVersion: number, changeCount = 2): PendingEntry {
    return { mapId: base.id, baseVersion, baseDoc: base, localDoc: local, changeCount, savedAt: '2024-05-01T09:00:00.000Z' };
  }

  it('same version: restores the local document and sends it', async () => {
    const doc = initialMap();
    const local = produce(doc, (d) => {
      cmd.updateTouchpoint(d, 't1', { title: 'Unsent before the crash' });
    });
    const storage = createMemoryPendingStorage([entryFor(doc, local, 1)]);
    const { store, sync, server } = setup({ doc, storage });
    await sync.start();
    expect(title(store.getDoc(), 't1')).toBe('Unsent before the crash');
    expect(store.canUndo).toBe(false);
    await advance(0);
    expect(server.api.save).toHaveBeenCalledTimes(1);
    expect(title(server.state.doc, 't1')).toBe('Unsent before the crash');
    expect(sync.getStatus()).toEqual({ kind: 'saved' });
    await advance(300);
    expect(await storage.get(doc.id)).toBeUndefined();
  });

  it('shows the stored change count while still offline', async () => {
    const doc = initialMap();
    const local = produce(doc, (d) => {
      cmd.updateTouchpoint(d, 't1', { title: 'Unsent' });
    });
    const storage = createMemoryPendingStorage([entryFor(doc, local, 1, 4)]);
    const server = fakeServer(doc);
    server.state.mode = 'offline';
    const { sync } = setup({ doc, storage, server });
    await sync.start();
    await advance(0);
    expect(sync.getStatus()).toEqual({ kind: 'offline', waiting: 4 });
  });

  it('server newer: merges the stored edits with the server document', async () => {
    const base = initialMap();
    const local = produce(base, (d) => {
      cmd.updateTouchpoint(d, 't1', { title: 'Mine offline' });
    });
    const server = fakeServer(base);
    server.edit((d) => cmd.updateTouchpoint(d, 't3', { title: 'Theirs meanwhile' }));
    const storage = createMemoryPendingStorage([entryFor(base, local, 1)]);
    const { store, sync } = setup({ doc: server.state.doc, version: 2, storage, server });
    await sync.start();
    await advance(0);
    expect(title(store.getDoc(), 't1')).toBe('Mine offline');
    expect(title(store.getDoc(), 't3')).toBe('Theirs meanwhile');
    expect(server.saves).toHaveLength(1);
    expect(server.saves[0]?.baseVersion).toBe(2);
    expect(title(server.state.doc, 't1')).toBe('Mine offline');
    expect(title(server.state.doc, 't3')).toBe('Theirs meanwhile');
  });

  it('server newer with an overlapping change: conflict, the local copy in the store', async () => {
    const base = initialMap();
    const local = produce(base, (d) => {
      cmd.updateTouchpoint(d, 't1', { title: 'Mine offline' });
    });
    const server = fakeServer(base);
    server.edit((d) => cmd.updateTouchpoint(d, 't1', { title: 'Theirs meanwhile' }));
    const storage = createMemoryPendingStorage([entryFor(base, local, 1)]);
    const { store, sync } = setup({ doc: server.state.doc, version: 2, storage, server });
    await sync.start();
    expect(sync.getStatus()).toMatchObject({ kind: 'conflict', conflicts: [{ id: 't1', mine: 'Mine offline', theirs: 'Theirs meanwhile' }] });
    expect(title(store.getDoc(), 't1')).toBe('Mine offline');
    const status = sync.getStatus();
    if (status.kind !== 'conflict') return;
    sync.resolve({ [conflictKey(status.conflicts[0]!)]: 'mine' });
    await advance(0);
    expect(server.saves.at(-1)?.baseVersion).toBe(2);
    expect(title(server.state.doc, 't1')).toBe('Mine offline');
  });

  it('an entry without changes for another version is dropped', async () => {
    const base = initialMap();
    const server = fakeServer(base);
    server.edit((d) => cmd.updateTouchpoint(d, 't3', { title: 'Theirs' }));
    const storage = createMemoryPendingStorage([entryFor(base, base, 1, 0)]);
    const { store, sync } = setup({ doc: server.state.doc, version: 2, storage, server });
    await sync.start();
    await advance(300);
    expect(await storage.get(base.id)).toBeUndefined();
    expect(server.api.save).not.toHaveBeenCalled();
    expect(title(store.getDoc(), 't3')).toBe('Theirs');
    expect(sync.getStatus()).toEqual({ kind: 'saved' });
  });

  it('edits made before the entry was read are kept on top of it', async () => {
    const doc = initialMap();
    const local = produce(doc, (d) => {
      cmd.updateTouchpoint(d, 't1', { title: 'From storage' });
    });
    let release = () => {};
    const memory = createMemoryPendingStorage([entryFor(doc, local, 1)]);
    const storage: PendingStorage = {
      ...memory,
      get: async (id) => {
        await new Promise<void>((r) => {
          release = r;
        });
        return memory.get(id);
      },
    };
    const { store, sync, server } = setup({ doc, storage });
    const started = sync.start();
    rename(store, 't2', 'Quick edit');
    release();
    await started;
    await advance(0);
    expect(title(store.getDoc(), 't1')).toBe('From storage');
    expect(title(store.getDoc(), 't2')).toBe('Quick edit');
    expect(title(server.state.doc, 't1')).toBe('From storage');
    expect(title(server.state.doc, 't2')).toBe('Quick edit');
  });
});

describe('MapSync: dispose', () => {
  it('stops timers and sends nothing more; the pending entry is kept', async () => {
    const { store, sync, server, storage } = setup();
    await sync.start();
    server.state.mode = 'offline';
    rename(store, 't1', 'X');
    await advance(800);
    expect(server.api.save).toHaveBeenCalledTimes(1);
    rename(store, 't2', 'Y');
    sync.dispose();
    await advance(0);
    expect(vi.getTimerCount()).toBe(0);
    server.state.mode = 'ok';
    await advance(120_000);
    expect(server.api.save).toHaveBeenCalledTimes(1);
    const entry = await storage.get(store.getDoc().id);
    expect(title(entry!.localDoc, 't2')).toBe('Y');
    // Edits after dispose are not tracked.
    rename(store, 't3', 'Z');
    await advance(10_000);
    expect(server.api.save).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
