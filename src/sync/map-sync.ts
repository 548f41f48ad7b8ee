/**
 * Autosave for one open map: framework-agnostic (see `use-map-sync.ts` for the React wiring).
 *
 * - Every local edit (`store.onLocalChange`) is written to durable storage within
 *   `persistThrottleMs` (first write at once), so a closed tab or a crash loses nothing; `flush()`
 *   writes at once (page hide).
 * - The latest document is sent `debounceMs` after the last edit (at most `maxWaitMs` after the
 *   first unsent one). One request at a time; edits made meanwhile are sent after it.
 * - Network failures and 5xx retry with exponential backoff (1 s, 2 s, 4 s … 30 s), or at once on
 *   `retryNow()` / `setOnline(true)`.
 * - 409 (someone saved first): the server's document is fetched and merged three-way
 *   (`merge.ts`). Without conflicts the merge goes into the store as a remote change (the undo
 *   history stays) and is saved; with conflicts the status is `conflict` until `resolve()`.
 * - Other errors (400 …): status `error`; the pending entry is kept; the next edit or
 *   `retryNow()` tries again.
 * - `start()` sends what a previous session left in storage (merging when the server moved on).
 */
import { ApiError } from '../api/http';
import type { JourneyMap } from '../domain/schema';
import { parseJourneyMap } from '../domain/parse';
import type { MapStore } from '../store/map-store';
import { applyChangeset, diffDocs } from '../store/history';
import { repairIntegrity } from '../store/integrity';
import {
  MergeError,
  conflictKey,
  resolveConflicts,
  sameContent,
  threeWayMerge,
  wholeDocumentConflict,
  withServerFields,
  type Conflict,
  type ConflictChoices,
} from './merge';
import {
  toPendingStorageError,
  type PendingEntry,
  type PendingStorage,
  type PendingStorageError,
  type PendingStorageErrorReason,
} from './pending-storage';

export type SyncStatus =
  | { kind: 'saved' }
  | { kind: 'saving' }
  | { kind: 'offline'; waiting: number }
  | { kind: 'conflict'; conflicts: Conflict[] }
  | { kind: 'error'; message: string }
  | { kind: 'storage-error'; message: string; reason: PendingStorageErrorReason };

export type SyncStatusKind = SyncStatus['kind'];

export interface VersionedDoc {
  map: JourneyMap;
  version: number;
}

/** The part of `mapsApi` the engine uses. */
export interface SyncApi {
  save(map: JourneyMap, baseVersion: number): Promise<VersionedDoc>;
  get(id: string): Promise<VersionedDoc>;
}

export interface SyncTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface MapSyncOptions {
  store: MapStore;
  mapId: string;
  /** The server version of the store's current document. */
  version: number;
  /** The document at `version`; defaults to the store's document at construction. */
  baseDoc?: JourneyMap;
  storage: PendingStorage;
  api: SyncApi;
  /** Quiet time after the last edit before sending (default 800 ms). */
  debounceMs?: number;
  /** Longest wait after the first unsent edit, even while editing goes on (default 10 s). */
  maxWaitMs?: number;
  /** Minimum time between two storage writes (default 250 ms). */
  persistThrottleMs?: number;
  /** First retry delay and cap (default 1 s and 30 s). */
  backoff?: { initialMs?: number; maxMs?: number };
  now?: () => number;
  timers?: SyncTimers;
  /** Called after every acknowledged save (e.g. to update a query cache). */
  onSaved?: (result: VersionedDoc) => void;
}

interface ConflictState {
  base: JourneyMap;
  theirs: JourneyMap;
  version: number;
  conflicts: Conflict[];
}

const SAVED: SyncStatus = { kind: 'saved' };
const MAX_CONFLICT_ROUNDS = 5;

const defaultTimers: SyncTimers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
};

/** Worth retrying later: no connection, server trouble, timeouts, rate limits. */
export function isRetryableError(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.status === 408 || e.status === 429);
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function sameStatus(a: SyncStatus, b: SyncStatus): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'offline':
      return a.waiting === (b as typeof a).waiting;
    case 'conflict':
      return a.conflicts === (b as typeof a).conflicts;
    case 'error':
      return a.message === (b as typeof a).message;
    case 'storage-error':
      return a.message === (b as typeof a).message && a.reason === (b as typeof a).reason;
    default:
      return true;
  }
}

export class MapSync {
  readonly mapId: string;
  private readonly store: MapStore;
  private readonly storage: PendingStorage;
  private readonly api: SyncApi;
  private readonly debounceMs: number;
  private readonly maxWaitMs: number;
  private readonly persistThrottleMs: number;
  private readonly backoffInitialMs: number;
  private readonly backoffMaxMs: number;
  private readonly now: () => number;
  private readonly timers: SyncTimers;
  private readonly onSaved: ((result: VersionedDoc) => void) | undefined;

  private baseVersion: number;
  private baseDoc: JourneyMap;
  /** Bumped by every local edit (and by anything else that must be sent). */
  private seq = 0;
  /** `seq` of the last document the server acknowledged. */
  private ackedSeq = 0;
  /** User-level edits not acknowledged yet (a drag counts once). */
  private changeCount = 0;
  private gestureCounted = false;
  private firstUnsentAt: number | null = null;

  private startPromise: Promise<void> | null = null;
  private started = false;
  private disposed = false;
  private inFlight = false;
  private online = true;
  /** The last attempt failed for network reasons; cleared by a success. */
  private offline = false;
  private attempt = 0;
  /** 409 → merge → save rounds in a row. */
  private conflictRounds = 0;
  private errorMessage: string | null = null;
  private storageError: PendingStorageError | null = null;
  private conflict: ConflictState | null = null;

  private debounceTimer: unknown = null;
  private retryTimer: unknown = null;
  private persistTimer: unknown = null;
  private lastPersistAt = Number.NEGATIVE_INFINITY;
  private persistQueued = false;
  private entryMayExist = false;
  private storageChain: Promise<void> = Promise.resolve();

  private status: SyncStatus = SAVED;
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribers: Array<() => void> = [];

  constructor(opts: MapSyncOptions) {
    this.store = opts.store;
    this.mapId = opts.mapId;
    this.baseVersion = opts.version;
    this.baseDoc = opts.baseDoc ?? opts.store.getDoc();
    this.storage = opts.storage;
    this.api = opts.api;
    this.debounceMs = Math.max(0, opts.debounceMs ?? 800);
    this.maxWaitMs = Math.max(this.debounceMs, opts.maxWaitMs ?? 10_000);
    this.persistThrottleMs = Math.max(0, opts.persistThrottleMs ?? 250);
    this.backoffInitialMs = Math.max(1, opts.backoff?.initialMs ?? 1000);
    this.backoffMaxMs = Math.max(this.backoffInitialMs, opts.backoff?.maxMs ?? 30_000);
    this.now = opts.now ?? (() => Date.now());
    this.timers = opts.timers ?? defaultTimers;
    this.onSaved = opts.onSaved;
  }

  // ── public API ───────────────────────────────────────────────────────────────────────────

  /**
   * Start listening to the store, and send what a previous session left in storage.
   * Edits made before the stored entry is read are kept (merged into it).
   */
  start(): Promise<void> {
    if (this.startPromise) return this.startPromise;
    if (this.disposed) return Promise.resolve();
    this.unsubscribers.push(this.store.onLocalChange(this.handleLocalChange), this.store.subscribe(this.handleStoreChange));
    this.startPromise = this.readPendingEntry();
    return this.startPromise;
  }

  getStatus = (): SyncStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Edits the server has not acknowledged (for the `beforeunload` warning). */
  hasUnsentChanges(): boolean {
    return this.seq !== this.ackedSeq || this.conflict !== null;
  }

  /** The server version the next save is based on. */
  get version(): number {
    return this.baseVersion;
  }

  /** Write the pending entry now (page hide, tab switch). */
  flush(): Promise<void> {
    if (!this.started) return this.storageChain;
    return this.persistNow();
  }

  /** Try to send now, skipping the debounce or backoff wait (the window's `online` event). */
  retryNow(): void {
    if (this.disposed || !this.started) return;
    this.clearTimer('retryTimer');
    this.send();
  }

  /** The browser's connectivity (`online` / `offline` events). Offline: nothing is sent. */
  setOnline(online: boolean): void {
    if (this.disposed) return;
    this.online = online;
    if (online) this.retryNow();
    else this.updateStatus();
  }

  /**
   * Decide the conflicts (keyed by `conflictKey`) and save. Returns false (and stays in
   * `conflict`, with the list refreshed) if edits made meanwhile raised a conflict without a choice.
   */
  resolve(choices: ConflictChoices): boolean {
    const c = this.conflict;
    if (!c || this.disposed) return false;
    const mine = this.store.getDoc();
    let fresh;
    try {
      fresh = threeWayMerge(c.base, mine, c.theirs);
    } catch (e) {
      this.fail(e);
      return false;
    }
    if (fresh.conflicts.length === 0) {
      this.adopt(fresh.merged, c.theirs, c.version, 'remote');
      return true;
    }
    if (fresh.conflicts.some((x) => !Object.hasOwn(choices, conflictKey(x)))) {
      this.conflict = { ...c, conflicts: fresh.conflicts };
      this.updateStatus();
      return false;
    }
    let doc: JourneyMap;
    try {
      doc = resolveConflicts(c.base, mine, c.theirs, choices);
    } catch (e) {
      if (e instanceof MergeError) {
        this.conflict = { ...c, conflicts: [wholeDocumentConflict(mine, c.theirs)] };
        this.updateStatus();
      } else {
        this.fail(e);
      }
      return false;
    }
    this.adopt(doc, c.theirs, c.version, 'remote');
    return true;
  }

  /** Stop: timers, listeners. The pending entry is written one last time. */
  dispose(): void {
    if (this.disposed) return;
    if (this.started) void this.persistNow();
    this.disposed = true;
    this.clearTimer('debounceTimer');
    this.clearTimer('retryTimer');
    this.clearTimer('persistTimer');
    for (const u of this.unsubscribers.splice(0)) u();
    this.listeners.clear();
  }

  // ── local edits ──────────────────────────────────────────────────────────────────────────

  private handleLocalChange = (_p: unknown, _i: unknown, _doc: unknown, info: { inGesture: boolean }): void => {
    if (this.disposed) return;
    this.seq++;
    if (!info.inGesture) {
      this.changeCount++;
      this.gestureCounted = false;
    } else if (!this.gestureCounted) {
      this.changeCount++;
      this.gestureCounted = true;
    }
    this.firstUnsentAt ??= this.now();
    if (!this.started) return;
    this.schedulePersist();
    this.scheduleSend();
    this.updateStatus();
  };

  private handleStoreChange = (): void => {
    if (this.store.getState().gesture === null) this.gestureCounted = false;
  };

  // ── sending ──────────────────────────────────────────────────────────────────────────────

  private scheduleSend(): void {
    if (this.disposed || !this.started || this.conflict) return;
    // Waiting for a retry or for the connection: that attempt sends the latest document.
    if (this.retryTimer !== null || !this.online) return;
    this.clearTimer('debounceTimer');
    const first = this.firstUnsentAt ?? this.now();
    const wait = Math.max(0, Math.min(this.debounceMs, first + this.maxWaitMs - this.now()));
    this.debounceTimer = this.timers.setTimeout(() => {
      this.debounceTimer = null;
      this.send();
    }, wait);
  }

  private send(): void {
    if (this.disposed || !this.started || this.inFlight || this.conflict || !this.online) return;
    this.clearTimer('debounceTimer');
    this.clearTimer('retryTimer');
    if (this.seq === this.ackedSeq) {
      this.updateStatus();
      return;
    }
    const doc = this.store.getDoc();
    const sentSeq = this.seq;
    const sentCount = this.changeCount;
    const baseVersion = this.baseVersion;
    this.inFlight = true;
    this.updateStatus();
    (async () => this.api.save(doc, baseVersion))().then(
      (result) => this.saved(result, doc, sentSeq, sentCount),
      (e: unknown) => this.saveFailed(e, baseVersion),
    );
  }

  private saved(result: VersionedDoc, sentDoc: JourneyMap, sentSeq: number, sentCount: number): void {
    if (this.disposed) return;
    this.inFlight = false;
    this.conflictRounds = 0;
    this.offline = false;
    this.attempt = 0;
    this.errorMessage = null;
    this.baseVersion = result.version;
    // Same content as sent: keep the sent document (structurally shared with the store, so
    // later diffs against the base stay cheap) with the server's timestamps.
    const same = sameContent(result.map, sentDoc);
    this.baseDoc = same ? withServerFields(sentDoc, result.map) : result.map;
    this.ackedSeq = sentSeq;
    this.changeCount = Math.max(0, this.changeCount - sentCount);
    if (this.seq === sentSeq) {
      this.changeCount = 0;
      this.firstUnsentAt = null;
      // Take the server's answer only if nobody edited since, and only when it differs in
      // content (a new `updatedAt` alone is not worth a remote change).
      if (this.store.getDoc() === sentDoc && !same) this.store.replaceDocument(result.map, 'remote');
    } else {
      this.changeCount = Math.max(1, this.changeCount);
      this.firstUnsentAt = this.now();
    }
    this.notifySaved(result);
    this.schedulePersist();
    if (this.seq !== this.ackedSeq && this.debounceTimer === null) this.send();
    this.updateStatus();
  }

  private saveFailed(e: unknown, sentBaseVersion: number): void {
    if (this.disposed) return;
    this.inFlight = false;
    if (e instanceof ApiError && e.status === 409) {
      void this.fetchAndMerge(sentBaseVersion);
      return;
    }
    this.fail(e);
  }

  /** A failed request: retry later if it may work then, else show the error. */
  private fail(e: unknown): void {
    if (isRetryableError(e)) {
      this.offline = true;
      this.scheduleRetry();
    } else {
      this.errorMessage = messageOf(e);
    }
    this.updateStatus();
  }

  private scheduleRetry(): void {
    this.clearTimer('retryTimer');
    this.clearTimer('debounceTimer');
    const delay = Math.min(this.backoffMaxMs, this.backoffInitialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      this.send();
    }, delay);
  }

  /** After a 409: fetch the server's document and merge. */
  private async fetchAndMerge(sentBaseVersion: number): Promise<void> {
    this.inFlight = true;
    this.updateStatus();
    let server: VersionedDoc;
    try {
      server = await this.api.get(this.mapId);
    } catch (e) {
      if (this.disposed) return;
      this.inFlight = false;
      this.fail(e);
      return;
    }
    if (this.disposed) return;
    this.inFlight = false;
    if (server.version === sentBaseVersion) {
      // The server refused our version yet still reports it: merging would loop. Show it.
      this.fail(new ApiError(409, `The server refused version ${sentBaseVersion} of this map`));
      return;
    }
    this.conflictRounds++;
    if (this.conflictRounds > MAX_CONFLICT_ROUNDS) {
      // Someone keeps saving before us: wait a little before the next round.
      this.conflictRounds = 0;
      this.scheduleRetry();
      this.updateStatus();
      return;
    }
    this.mergeWithServer(this.baseDoc, server.map, server.version, 'remote');
  }

  /** Merge the store's document (mine) with the server's; conflicts wait for `resolve()`. */
  private mergeWithServer(base: JourneyMap, theirs: JourneyMap, version: number, origin: 'remote' | 'load'): void {
    let result;
    try {
      result = threeWayMerge(base, this.store.getDoc(), theirs);
    } catch (e) {
      this.fail(e);
      return;
    }
    if (result.conflicts.length > 0) {
      this.conflict = { base, theirs, version, conflicts: result.conflicts };
      this.clearTimer('debounceTimer');
      this.clearTimer('retryTimer');
      this.schedulePersist();
      this.updateStatus();
      return;
    }
    this.adopt(result.merged, theirs, version, origin);
  }

  /** `doc` becomes the document, `theirs` at `version` the new base; send if they differ. */
  private adopt(doc: JourneyMap, theirs: JourneyMap, version: number, origin: 'remote' | 'load'): void {
    if (doc !== this.store.getDoc()) this.store.replaceDocument(doc, origin);
    this.baseDoc = theirs;
    this.baseVersion = version;
    this.conflict = null;
    this.errorMessage = null;
    if (sameContent(doc, theirs)) {
      this.ackedSeq = this.seq;
      this.changeCount = 0;
      this.firstUnsentAt = null;
    } else {
      if (this.seq === this.ackedSeq) this.seq++;
      this.changeCount = Math.max(1, this.changeCount);
      this.firstUnsentAt ??= this.now();
    }
    this.schedulePersist();
    this.send();
    this.updateStatus();
  }

  private notifySaved(result: VersionedDoc): void {
    const cb = this.onSaved;
    if (!cb) return;
    try {
      cb(result);
    } catch (e) {
      queueMicrotask(() => {
        throw e;
      });
    }
  }

  // ── start: what a previous session left ───────────────────────────────────────────────────

  private async readPendingEntry(): Promise<void> {
    let entry: PendingEntry | undefined;
    try {
      entry = await this.storage.get(this.mapId);
    } catch (e) {
      this.storageError = toPendingStorageError(e);
    }
    if (this.disposed) return;
    this.started = true;
    let restored = false;
    if (entry) {
      this.entryMayExist = true;
      try {
        restored = this.restore(entry);
      } catch (e) {
        this.errorMessage = messageOf(e);
      }
    }
    if (this.seq !== this.ackedSeq || this.entryMayExist) this.schedulePersist();
    if (restored) this.send();
    else if (this.seq !== this.ackedSeq) this.scheduleSend();
    this.updateStatus();
  }

  /** Returns true if the entry's edits are now in the store and should be sent. */
  private restore(entry: PendingEntry): boolean {
    const local = parseJourneyMap(entry.localDoc);
    const base = parseJourneyMap(entry.baseDoc);
    if (!local.ok || !base.ok || local.map.id !== this.mapId) {
      this.entryMayExist = false; // not ours to delete: only a later save overwrites it
      this.errorMessage = `The unsaved changes kept in this browser cannot be read${local.ok ? '' : `: ${local.message}`}`;
      return false;
    }
    const server = this.baseDoc;
    const serverVersion = this.baseVersion;
    const current = this.store.getDoc();
    // Edits made before the entry was read: replay them on top of it.
    let mine = local.map;
    if (current !== server) {
      const replayed = repairIntegrity(applyChangeset(mine, diffDocs(server, current), 'redo').doc);
      if (parseJourneyMap(replayed).ok) mine = replayed;
    }
    const hasLocalChanges = !sameContent(local.map, base.map) || current !== server;
    const restoredCount = Math.max(1, entry.changeCount || 0);

    if (entry.baseVersion === serverVersion) {
      if (sameContent(mine, server)) {
        this.ackedSeq = this.seq;
        this.changeCount = 0;
        return false; // nothing to send: the entry is removed by the next write
      }
      this.store.replaceDocument(mine, 'load');
      this.seq++;
      this.changeCount = sameContent(local.map, server) ? this.changeCount : this.changeCount + restoredCount;
      this.firstUnsentAt ??= this.now();
      return true;
    }
    if (!hasLocalChanges) return false; // an old entry without edits: dropped by the next write

    // The server moved on since: merge as for a 409.
    if (mine !== current) this.store.replaceDocument(mine, 'load');
    this.seq++;
    this.changeCount += sameContent(local.map, base.map) ? 0 : restoredCount;
    this.firstUnsentAt ??= this.now();
    this.baseDoc = base.map;
    this.baseVersion = entry.baseVersion;
    this.mergeWithServer(base.map, server, serverVersion, 'load');
    return false;
  }

  // ── storage ──────────────────────────────────────────────────────────────────────────────

  private schedulePersist(): void {
    if (this.disposed || !this.started || this.persistTimer !== null) return;
    const wait = Math.max(0, this.lastPersistAt + this.persistThrottleMs - this.now());
    if (wait === 0) {
      void this.persistNow();
      return;
    }
    this.persistTimer = this.timers.setTimeout(() => {
      this.persistTimer = null;
      void this.persistNow();
    }, wait);
  }

  /** Queue one write of the current state (coalesced while one is already queued). */
  private persistNow(): Promise<void> {
    this.clearTimer('persistTimer');
    if (this.persistQueued) return this.storageChain;
    this.persistQueued = true;
    this.lastPersistAt = this.now();
    this.storageChain = this.storageChain.then(() => this.writeEntry());
    return this.storageChain;
  }

  private async writeEntry(): Promise<void> {
    this.persistQueued = false;
    try {
      if (this.hasUnsentChanges()) {
        await this.storage.put(this.snapshot());
        this.entryMayExist = true;
        this.storageError = null;
      } else if (this.entryMayExist) {
        await this.storage.remove(this.mapId);
        this.entryMayExist = false;
      }
    } catch (e) {
      this.storageError = toPendingStorageError(e);
    }
    if (!this.disposed) this.updateStatus();
  }

  private snapshot(): PendingEntry {
    return {
      mapId: this.mapId,
      baseVersion: this.baseVersion,
      baseDoc: this.baseDoc,
      localDoc: this.store.getDoc(),
      changeCount: this.waiting(),
      savedAt: new Date(this.now()).toISOString(),
    };
  }

  // ── status ───────────────────────────────────────────────────────────────────────────────

  private waiting(): number {
    return this.seq === this.ackedSeq ? 0 : Math.max(1, this.changeCount);
  }

  private computeStatus(): SyncStatus {
    if (this.conflict) return { kind: 'conflict', conflicts: this.conflict.conflicts };
    if (this.errorMessage !== null) return { kind: 'error', message: this.errorMessage };
    const dirty = this.seq !== this.ackedSeq;
    if (this.storageError && dirty) return { kind: 'storage-error', message: this.storageError.message, reason: this.storageError.reason };
    if (dirty && (this.offline || !this.online)) return { kind: 'offline', waiting: this.waiting() };
    if (dirty || this.inFlight) return { kind: 'saving' };
    return SAVED;
  }

  private updateStatus(): void {
    if (this.disposed) return;
    const next = this.computeStatus();
    if (sameStatus(next, this.status)) return;
    this.status = next;
    for (const l of [...this.listeners]) {
      try {
        l();
      } catch (e) {
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  private clearTimer(name: 'debounceTimer' | 'retryTimer' | 'persistTimer'): void {
    const h = this[name];
    if (h !== null) {
      this.timers.clearTimeout(h);
      this[name] = null;
    }
  }
}
