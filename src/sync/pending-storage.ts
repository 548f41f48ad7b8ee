/**
 * Durable storage for edits that the server has not acknowledged yet, one entry per map.
 *
 * The live co-editing engine (`src/live/live-sync.ts`) only talks to the small `PendingStorage` interface:
 * - `createIdbPendingStorage()` keeps entries in IndexedDB (via idb-keyval), so closing the tab,
 *   a reload or a crash loses nothing;
 * - `createMemoryPendingStorage()` keeps them in a Map, for unit tests (and as a stand-in where
 *   IndexedDB does not exist).
 *
 * Failures are reported as `PendingStorageError`: `reason: 'quota'` when the browser's storage
 * quota is exceeded, `'unavailable'` for anything else (IndexedDB disabled, private mode, …).
 */
import { createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { JourneyMap } from '../domain/schema';

export interface PendingEntry {
  mapId: string;
  /** The server version the edits are based on. */
  baseVersion: number;
  /** The document at `baseVersion`, as the server sent it (the base of a three-way merge). */
  baseDoc: JourneyMap;
  /** The document with the user's edits. */
  localDoc: JourneyMap;
  /** How many edits are waiting (for "N changes waiting"). */
  changeCount: number;
  /** ISO time of this write. */
  savedAt: string;
}

export interface PendingStorage {
  get(mapId: string): Promise<PendingEntry | undefined>;
  put(entry: PendingEntry): Promise<void>;
  remove(mapId: string): Promise<void>;
}

export type PendingStorageErrorReason = 'quota' | 'unavailable';

/** A storage failure the sync engine reports as status `storage-error`. */
export class PendingStorageError extends Error {
  constructor(
    readonly reason: PendingStorageErrorReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'PendingStorageError';
  }
}

/** True for the errors browsers raise when a storage quota is exceeded. */
export function isQuotaError(e: unknown): boolean {
  if (typeof e !== 'object' || e === null) return false;
  const name = (e as { name?: unknown }).name;
  const code = (e as { code?: unknown }).code;
  // 22: QUOTA_EXCEEDED_ERR (most browsers); 1014 + NS_ERROR_DOM_QUOTA_REACHED: old Firefox.
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22 || code === 1014;
}

/** Any error from a storage call, as a `PendingStorageError`. */
export function toPendingStorageError(e: unknown): PendingStorageError {
  if (e instanceof PendingStorageError) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new PendingStorageError(isQuotaError(e) ? 'quota' : 'unavailable', message || 'storage error', { cause: e });
}

async function wrap<T>(op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw toPendingStorageError(e);
  }
}

/** IndexedDB database and object store of the pending edits (a database of their own: idb-keyval supports one store per database). */
export const PENDING_DB_NAME = 'mot-canvas-sync';
export const PENDING_STORE_NAME = 'pending';

/**
 * Pending edits in IndexedDB. The database is opened on first use, so creating the storage
 * where IndexedDB does not exist is harmless: the calls then reject with `reason: 'unavailable'`.
 */
export function createIdbPendingStorage(dbName = PENDING_DB_NAME, storeName = PENDING_STORE_NAME): PendingStorage {
  let store: UseStore | null = null;
  const useStore = (): UseStore => {
    if (typeof indexedDB === 'undefined') throw new PendingStorageError('unavailable', 'IndexedDB is not available');
    store ??= createStore(dbName, storeName);
    return store;
  };
  return {
    get: (mapId) => wrap(() => get<PendingEntry>(mapId, useStore())),
    put: (entry) => wrap(() => set(entry.mapId, entry, useStore())),
    remove: (mapId) => wrap(() => del(mapId, useStore())),
  };
}

let shared: PendingStorage | null = null;

/** One IndexedDB storage for the whole app (created on first call). */
export function sharedIdbPendingStorage(): PendingStorage {
  shared ??= createIdbPendingStorage();
  return shared;
}

/**
 * Pending edits in memory. Values are copied with `structuredClone` in and out, like
 * IndexedDB does, so a test cannot pass by sharing references by accident.
 */
export function createMemoryPendingStorage(initial: readonly PendingEntry[] = []): PendingStorage & {
  readonly entries: ReadonlyMap<string, PendingEntry>;
} {
  const entries = new Map<string, PendingEntry>();
  for (const e of initial) entries.set(e.mapId, structuredClone(e));
  return {
    entries,
    get: (mapId) => {
      const e = entries.get(mapId);
      return Promise.resolve(e === undefined ? undefined : structuredClone(e));
    },
    put: (entry) => {
      entries.set(entry.mapId, structuredClone(entry));
      return Promise.resolve();
    },
    remove: (mapId) => {
      entries.delete(mapId);
      return Promise.resolve();
    },
  };
}
