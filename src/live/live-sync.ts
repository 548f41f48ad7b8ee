/**
 * Live co-editing of one open map: this tab's edits go to the server as operations (change sets,
 * POST /api/maps/:id/ops), everyone's operations come back in server order on the event stream.
 * Framework-agnostic; `LiveProvider.tsx` wires it to the React tree, the stream and the window.
 *
 * State:
 * - `confirmed`: the server's document at `version` (everything received, in order);
 * - the store's document = `confirmed` + this tab's edits the server has not confirmed yet;
 * - at most one operation in flight: `{ changeset: diffDocs(confirmed, snapshot) }` where
 *   `snapshot` is the store's document when it was sent. It is retried with the same `opId` on
 *   network errors (backoff 1 s → 30 s, at once when the browser comes back online); the server
 *   applies an `opId` once.
 *
 * Receiving an operation (version + 1): `confirmed` moves forward and the local edits are rebased
 * onto it (`applyChangeset(next, diffDocs(confirmed, local))`), put in the store as a remote
 * change (the undo history stays: undo only undoes this tab's own steps). Where an unconfirmed
 * local edit and the received operation changed the same value, the server's order decides: the
 * received value is kept, and the user is told (`onLost`). The echo of our own operation with
 * nothing in between is the common case: `confirmed` becomes the sent snapshot and the store is
 * left alone. A version gap, a `reset` or a late answer → the document is fetched again
 * (`resync`) and the local edits rebased onto it.
 *
 * Unconfirmed edits are kept in durable storage (IndexedDB) as `{ version, confirmed, local }`;
 * at start a stored entry is sent as one operation (`diffDocs(savedConfirmed, savedLocal)`,
 * merged three-way by the server against whatever is current).
 *
 * Roles: only `edit` and `owner` send operations.
 */
import { nanoid } from 'nanoid';
import { ApiError } from '../api/http';
import type { MapRole } from '../api/maps';
import { journeyMapSchema, type JourneyMap } from '../domain/schema';
import { parseJourneyMap } from '../domain/parse';
import { applyChangeset, diffDocs, isEmptyChangeset, type Changeset, type CollectionChange, type MergeStats } from '../store/history';
import { deepEqual } from '../store/equal';
import { repairIntegrity } from '../store/integrity';
import type { MapStore } from '../store/map-store';
import type { PendingEntry, PendingStorage } from '../sync/pending-storage';
import { defaultTimers, type StreamState, type Timers } from './event-stream';
import type { LiveEvent } from './live-events';

/** Top-level fields a client may change through an operation (the server owns the others). */
export const EDITABLE_FIELDS: ReadonlySet<string> = new Set(['title', 'description', 'locale', 'settings']);

export interface OpBody {
  opId: string;
  clientId: string;
  baseVersion: number;
  author: string;
  changeset: Changeset;
}

export interface OpAnswer {
  version: number;
  lost: string[];
  duplicate: boolean;
}

/** How the engine talks to the server (the real one: `liveTransport` in LiveProvider). */
export interface LiveTransport {
  sendOp(body: OpBody): Promise<OpAnswer>;
  fetchMap(): Promise<{ map: JourneyMap; version: number }>;
}

export type LiveSyncStatus =
  | { kind: 'connecting' }
  | { kind: 'saved' }
  | { kind: 'saving' }
  | { kind: 'offline'; waiting: number }
  | { kind: 'reconnecting' }
  | { kind: 'revoked' }
  | { kind: 'forbidden' }
  | { kind: 'deleted' };

export type LiveSyncStatusKind = LiveSyncStatus['kind'];

/** Someone else's change was kept where this tab had changed the same thing. */
export interface LostNotice {
  /** Who made the change that was kept ('' when not known). */
  author: string;
  /** Where: `touchpoints/<id>/title`, `title`, `settings/coreMessage`, `stages/<id>`. */
  paths: string[];
  /** A document holding this tab's values (for "Use mine"). */
  mine: JourneyMap;
  /** The document before either change (for naming the thing: its old title). */
  base: JourneyMap;
  /** The document as it is now (their values). */
  theirs: JourneyMap;
}

export interface LiveSyncOptions {
  store: MapStore;
  mapId: string;
  clientId: string;
  /** The server version of `confirmed`. */
  version: number;
  /** The server's document at `version`; defaults to the store's document. */
  confirmed?: JourneyMap;
  role: MapRole;
  /** The display name sent with every operation. */
  author: () => string;
  transport: LiveTransport;
  storage?: PendingStorage;
  timers?: Timers;
  /** Quiet time after a local change before it is sent (default 100 ms). */
  coalesceMs?: number;
  backoff?: { initialMs?: number; maxMs?: number };
  /** Minimum time between two storage writes (default 250 ms). */
  persistThrottleMs?: number;
  /** How long an answered operation may wait for the events before the map is fetched (default 5 s). */
  catchUpMs?: number;
  newOpId?: () => string;
  now?: () => number;
  onLost?: (notice: LostNotice) => void;
  /** The server refused an operation (422 …): that part was dropped. */
  onRejected?: (message: string) => void;
}

interface InFlight {
  readonly body: OpBody;
  /** The store's document when sent (local = confirmed + the op + later edits). */
  readonly snapshot: JourneyMap;
  /** `confirmed` when sent. */
  readonly base: JourneyMap;
  /** The op is exactly diffDocs(confirmed at baseVersion, snapshot): the echo needs no rebase. */
  readonly exact: boolean;
  /** How many user-level edits it carries (for "N changes waiting"). */
  readonly count: number;
  answer: OpAnswer | null;
  /** Its `op` event was received. */
  seen: boolean;
  /** A request is on its way (false while waiting for a retry or for the connection). */
  requesting: boolean;
}

const RETRYABLE = (e: unknown): boolean => e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.status === 408 || e.status === 429);

/** Only what an operation may carry: the editable fields and the collections. */
export function editableChanges(cs: Changeset): Changeset {
  if (cs.fields.every((f) => EDITABLE_FIELDS.has(f.key))) return cs;
  return { fields: cs.fields.filter((f) => EDITABLE_FIELDS.has(f.key)), collections: cs.collections };
}

/**
 * The local edits on top of `base`, as an operation's change set. Parts whose value is back to
 * what it was (a card moved right and back left: a new object, the same content) are left out,
 * so "nothing to send" means nothing.
 */
export function localChanges(base: JourneyMap, local: JourneyMap): Changeset {
  const cs = editableChanges(diffDocs(base, local));
  let changed = false;
  const fields = cs.fields.filter((f) => {
    const keep = !deepEqual(f.before, f.after);
    if (!keep) changed = true;
    return keep;
  });
  const collections: CollectionChange[] = [];
  for (const c of cs.collections) {
    if (c.whole) {
      if (deepEqual(c.whole.before, c.whole.after)) changed = true;
      else collections.push(c);
      continue;
    }
    const entities = c.entities.filter((e) => !deepEqual(e.before, e.after));
    if (entities.length === c.entities.length) collections.push(c);
    else {
      changed = true;
      if (entities.length > 0 || c.order) collections.push({ ...c, entities });
    }
  }
  return changed ? { fields, collections } : cs;
}

/** The entity (or field) a lost path is about: `touchpoints/<id>/title` → `touchpoints/<id>`. */
export function subjectOf(path: string): string {
  const parts = path.split('/');
  return ['personas', 'stages', 'lanes', 'touchpoints', 'mots', 'comments'].includes(parts[0] ?? '') ? parts.slice(0, 2).join('/') : (parts[0] ?? path);
}

export class LiveSync {
  readonly mapId: string;
  readonly clientId: string;
  private readonly store: MapStore;
  private readonly transport: LiveTransport;
  private readonly storage: PendingStorage | null;
  private readonly timers: Timers;
  private readonly coalesceMs: number;
  private readonly backoffInitialMs: number;
  private readonly backoffMaxMs: number;
  private readonly persistThrottleMs: number;
  private readonly catchUpMs: number;
  private readonly newOpId: () => string;
  private readonly now: () => number;
  private readonly author: () => string;
  private readonly onLost: ((n: LostNotice) => void) | undefined;
  private readonly onRejected: ((m: string) => void) | undefined;

  private confirmed: JourneyMap;
  private currentVersion: number;
  private role: MapRole;
  private inFlight: InFlight | null = null;
  private started = false;
  private disposed = false;
  /** Fetching the document again: events wait in `queue`. */
  private resyncing = false;
  private readonly queue: LiveEvent[] = [];
  private ended: 'revoked' | 'forbidden' | 'deleted' | null = null;
  private online = true;
  /** The last request failed for network reasons; cleared by a success. */
  private networkDown = false;
  private stream: StreamState = 'connecting';
  private everLive = false;
  private attempt = 0;
  private resyncAttempt = 0;
  /** User-level edits not confirmed yet (a drag counts once). */
  private pendingCount = 0;
  private gestureCounted = false;
  private gestureOpen = false;
  /** Who last changed each entity / field (for "Ana changed … at the same time"). */
  private readonly lastAuthor = new Map<string, string>();

  private sendTimer: unknown = null;
  private retryTimer: unknown = null;
  private catchUpTimer: unknown = null;
  private resyncTimer: unknown = null;
  private persistTimer: unknown = null;
  private lastPersistAt = Number.NEGATIVE_INFINITY;
  private persistQueued = false;
  private entryMayExist = false;
  private storageChain: Promise<void> = Promise.resolve();

  private status: LiveSyncStatus = { kind: 'connecting' };
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribers: Array<() => void> = [];

  constructor(opts: LiveSyncOptions) {
    this.store = opts.store;
    this.mapId = opts.mapId;
    this.clientId = opts.clientId;
    this.confirmed = opts.confirmed ?? opts.store.getDoc();
    this.currentVersion = opts.version;
    this.role = opts.role;
    this.author = opts.author;
    this.transport = opts.transport;
    this.storage = opts.storage ?? null;
    this.timers = opts.timers ?? defaultTimers;
    this.coalesceMs = Math.max(0, opts.coalesceMs ?? 100);
    this.backoffInitialMs = Math.max(1, opts.backoff?.initialMs ?? 1000);
    this.backoffMaxMs = Math.max(this.backoffInitialMs, opts.backoff?.maxMs ?? 30_000);
    this.persistThrottleMs = Math.max(0, opts.persistThrottleMs ?? 250);
    this.catchUpMs = opts.catchUpMs ?? 5000;
    this.newOpId = opts.newOpId ?? (() => nanoid());
    this.now = opts.now ?? (() => Date.now());
    this.onLost = opts.onLost;
    this.onRejected = opts.onRejected;
  }

  // ── public API ───────────────────────────────────────────────────────────────────────────

  /** Listen to the store and send what a previous session left in storage. */
  async start(): Promise<void> {
    if (this.started || this.disposed) return;
    this.unsubscribers.push(this.store.onLocalChange(this.handleLocalChange), this.store.subscribe(this.handleStoreChange));
    let entry: PendingEntry | undefined;
    if (this.storage && this.mayEdit()) {
      try {
        entry = await this.storage.get(this.mapId);
      } catch {
        entry = undefined;
      }
    }
    if (this.disposed) return;
    this.started = true;
    if (entry) this.restore(entry);
    this.drainQueue();
    if (!this.inFlight) this.scheduleSend(0);
    this.updateStatus();
  }

  /** The server version `confirmed` is at. */
  get version(): number {
    return this.currentVersion;
  }

  /** The server's document at `version`. */
  getConfirmed(): JourneyMap {
    return this.confirmed;
  }

  getStatus = (): LiveSyncStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Edits the server has not confirmed (for the `beforeunload` warning). */
  hasUnconfirmedChanges(): boolean {
    return this.inFlight !== null || !isEmptyChangeset(localChanges(this.confirmed, this.store.getDoc()));
  }

  /** One event of the map's stream, in server order. */
  receive(event: LiveEvent): void {
    if (this.disposed) return;
    if (!this.started || this.resyncing) {
      if (event.type === 'op' || event.type === 'reset' || event.type === 'deleted') this.queue.push(event);
      return;
    }
    this.handle(event);
  }

  /** The event stream's state (for the status: reconnecting). */
  setStreamState(state: StreamState): void {
    if (this.disposed) return;
    this.stream = state;
    if (state === 'live') this.everLive = true;
    this.updateStatus();
  }

  /** The stream or a request ended for good. */
  end(reason: 'revoked' | 'forbidden' | 'deleted'): void {
    if (this.disposed || this.ended) return;
    this.ended = reason;
    this.clearTimer('sendTimer');
    this.clearTimer('retryTimer');
    this.clearTimer('catchUpTimer');
    this.clearTimer('resyncTimer');
    this.updateStatus();
  }

  setRole(role: MapRole): void {
    this.role = role;
    this.updateStatus();
    if (this.mayEdit()) this.scheduleSend(0);
  }

  /** The browser's connectivity (`online` / `offline` events). */
  setOnline(online: boolean): void {
    if (this.disposed) return;
    this.online = online;
    if (online) this.retryNow();
    else this.updateStatus();
  }

  /** Send now, skipping a backoff wait. */
  retryNow(): void {
    if (this.disposed || !this.started) return;
    const f = this.inFlight;
    if (f && f.answer === null && !f.requesting) {
      this.clearTimer('retryTimer');
      this.post(f);
    } else if (this.resyncTimer !== null) {
      this.clearTimer('resyncTimer');
      void this.resync();
    } else {
      this.scheduleSend(0);
    }
  }

  /** Write the pending entry now (page hide). */
  flush(): Promise<void> {
    if (!this.started) return this.storageChain;
    return this.persistNow();
  }

  /**
   * "Use mine": put this tab's values back where someone else's were kept. A new local change
   * (one undo step), sent as a normal operation. Returns false when nothing could be re-applied.
   */
  useMine(notice: LostNotice, label = 'Use mine'): boolean {
    if (!this.mayEdit()) return false;
    const patches = this.store.apply((draft) => {
      for (const path of notice.paths) {
        const value = valueAt(notice.mine, path);
        if (value === undefined) continue;
        setAt(draft, path, structuredClone(value));
      }
    }, { label });
    return patches.length > 0;
  }

  dispose(): void {
    if (this.disposed) return;
    if (this.started) void this.persistNow();
    this.disposed = true;
    for (const name of ['sendTimer', 'retryTimer', 'catchUpTimer', 'resyncTimer', 'persistTimer'] as const) this.clearTimer(name);
    for (const u of this.unsubscribers.splice(0)) u();
    this.listeners.clear();
  }

  // ── local edits ──────────────────────────────────────────────────────────────────────────

  private mayEdit(): boolean {
    return (this.role === 'edit' || this.role === 'owner') && this.ended === null;
  }

  private handleLocalChange = (_p: unknown, _i: unknown, _doc: unknown, info: { inGesture: boolean }): void => {
    if (this.disposed) return;
    if (!info.inGesture) {
      this.pendingCount++;
      this.gestureCounted = false;
    } else if (!this.gestureCounted) {
      this.pendingCount++;
      this.gestureCounted = true;
    }
    if (!this.started) return;
    this.schedulePersist();
    this.scheduleSend(this.coalesceMs);
    this.updateStatus();
  };

  private handleStoreChange = (): void => {
    const open = this.store.getState().gesture !== null;
    const ended = this.gestureOpen && !open;
    this.gestureOpen = open;
    if (!ended) return;
    this.gestureCounted = false;
    // A gesture just ended: what it changed may go now.
    if (this.started && this.sendTimer === null && !this.inFlight) this.scheduleSend(this.coalesceMs);
  };

  // ── sending ──────────────────────────────────────────────────────────────────────────────

  private scheduleSend(ms: number): void {
    if (this.disposed || !this.started || this.inFlight || !this.mayEdit()) return;
    if (this.sendTimer !== null) {
      if (ms > 0) return; // coalescing: the timer already waits
      this.clearTimer('sendTimer');
    }
    this.sendTimer = this.timers.setTimeout(() => {
      this.sendTimer = null;
      this.send();
    }, ms);
  }

  private send(): void {
    if (this.disposed || !this.started || this.inFlight || this.resyncing || !this.mayEdit()) return;
    if (this.store.getState().gesture !== null) return; // sent when the gesture ends
    const snapshot = this.store.getDoc();
    const changeset = localChanges(this.confirmed, snapshot);
    if (isEmptyChangeset(changeset)) {
      this.pendingCount = 0;
      this.updateStatus();
      return;
    }
    const f: InFlight = {
      body: { opId: this.newOpId(), clientId: this.clientId, baseVersion: this.currentVersion, author: this.author().slice(0, 80), changeset },
      snapshot,
      base: this.confirmed,
      exact: true,
      count: Math.max(1, this.pendingCount),
      answer: null,
      seen: false,
      requesting: false,
    };
    this.inFlight = f;
    this.post(f);
    this.updateStatus();
  }

  private post(f: InFlight): void {
    if (f.requesting || f.answer) return;
    if (!this.online) {
      this.networkDown = true;
      this.updateStatus();
      return; // `setOnline(true)` sends it
    }
    f.requesting = true;
    (async () => this.transport.sendOp(f.body))().then(
      (answer) => {
        f.requesting = false;
        this.answered(f, answer);
      },
      (e: unknown) => {
        f.requesting = false;
        this.failed(f, e);
      },
    );
  }

  private answered(f: InFlight, answer: OpAnswer): void {
    if (this.disposed || this.inFlight !== f) return;
    this.networkDown = false;
    this.attempt = 0;
    f.answer = answer;
    // (The answer's version alone does not say the operation is the one that made it: the echo
    // on the stream, matched by opId, moves `confirmed` forward.)
    this.maybeComplete();
    if (this.inFlight === f) {
      // Waiting for the events up to the answer's version; if they do not come, fetch the map.
      this.clearTimer('catchUpTimer');
      this.catchUpTimer = this.timers.setTimeout(() => {
        this.catchUpTimer = null;
        if (this.inFlight === f) void this.resync();
      }, this.catchUpMs);
    }
    this.updateStatus();
  }

  private failed(f: InFlight, e: unknown): void {
    if (this.disposed || this.inFlight !== f) return;
    if (RETRYABLE(e)) {
      this.networkDown = true;
      const delay = Math.min(this.backoffMaxMs, this.backoffInitialMs * 2 ** Math.min(this.attempt, 30));
      this.attempt++;
      this.clearTimer('retryTimer');
      this.retryTimer = this.timers.setTimeout(() => {
        this.retryTimer = null;
        if (this.inFlight === f) this.post(f);
      }, delay);
      this.updateStatus();
      return;
    }
    this.networkDown = false;
    this.attempt = 0;
    const status = e instanceof ApiError ? e.status : -1;
    if (status === 401) return this.end('revoked');
    if (status === 403) return this.end('forbidden');
    if (status === 404) return this.end('deleted');
    // The operation cannot apply (422, 400, 413 …): drop its part, keep the later edits.
    this.inFlight = null;
    const later = localChanges(f.snapshot, this.store.getDoc());
    const local = isEmptyChangeset(later) ? this.confirmed : this.valid(applyChangeset(this.confirmed, later, 'redo').doc);
    if (local !== this.store.getDoc()) this.store.replaceDocument(local, 'remote', { keepHistory: true });
    this.pendingCount = Math.max(0, this.pendingCount - f.count);
    this.onRejected?.(e instanceof Error ? e.message : String(e));
    this.schedulePersist();
    this.scheduleSend(0);
    this.updateStatus();
  }

  /** The in-flight operation is done once answered and its effect is part of `confirmed`. */
  private maybeComplete(): void {
    const f = this.inFlight;
    if (!f || !f.answer || this.resyncing) return;
    if (!f.seen && this.currentVersion < f.answer.version) return;
    this.inFlight = null;
    this.clearTimer('catchUpTimer');
    this.pendingCount = Math.max(0, this.pendingCount - f.count);
    if (f.answer.lost.length > 0) {
      this.notifyLost(f.answer.lost, f.snapshot, f.base);
    }
    this.schedulePersist();
    this.scheduleSend(0);
  }

  private notifyLost(paths: string[], mine: JourneyMap, base: JourneyMap, author?: string): void {
    if (!this.onLost || paths.length === 0) return;
    const who = author ?? paths.map((p) => this.lastAuthor.get(subjectOf(p))).find((a) => a !== undefined) ?? '';
    try {
      this.onLost({ author: who, paths, mine, base, theirs: this.store.getDoc() });
    } catch (e) {
      queueMicrotask(() => {
        throw e;
      });
    }
  }

  // ── receiving ────────────────────────────────────────────────────────────────────────────

  private drainQueue(): void {
    while (this.queue.length && !this.resyncing && !this.disposed) this.handle(this.queue.shift() as LiveEvent);
  }

  private handle(event: LiveEvent): void {
    switch (event.type) {
      case 'op':
        this.applyOp(event);
        break;
      case 'reset':
        if (event.version !== this.currentVersion || event.reason !== 'gap') void this.resync();
        break;
      case 'deleted':
        this.end('deleted');
        break;
      case 'hello':
        if (event.role !== this.role) this.setRole(event.role);
        break;
      default:
        break;
    }
  }

  private applyOp(e: Extract<LiveEvent, { type: 'op' }>): void {
    if (e.version <= this.currentVersion) return; // already part of `confirmed`
    if (e.version !== this.currentVersion + 1) {
      void this.resync();
      return;
    }
    const f = this.inFlight;
    const own = f !== null && e.opId === f.body.opId;
    if (own && f.exact && f.body.baseVersion === this.currentVersion) {
      // Our echo, nothing in between: the server's document is the sent snapshot (plus its timestamp).
      const stamped = applyChangeset(this.confirmed, e.changeset, 'redo').doc;
      this.confirmed = stamped.updatedAt === f.snapshot.updatedAt ? f.snapshot : { ...f.snapshot, updatedAt: stamped.updatedAt };
      this.currentVersion = e.version;
      f.seen = true;
    } else {
      const next = applyChangeset(this.confirmed, e.changeset, 'redo').doc;
      if (!own) this.remember(e.author, e.changeset);
      const before = this.store.getDoc();
      const base = this.confirmed;
      const stats: MergeStats = { conflicts: 0, paths: [] };
      this.rebaseOnto(next, stats);
      this.currentVersion = e.version;
      if (own && f) f.seen = true;
      if (!own && stats.paths && stats.paths.length > 0) this.notifyLost(stats.paths, before, base, e.author);
    }
    this.maybeComplete();
    this.schedulePersist();
    this.updateStatus();
  }

  private remember(author: string, cs: Changeset): void {
    for (const f of cs.fields) this.lastAuthor.set(f.key, author);
    for (const c of cs.collections) for (const en of c.entities) this.lastAuthor.set(`${c.key}/${en.id}`, author);
  }

  /** `next` becomes `confirmed`; the local edits are replayed on top of it. */
  private rebaseOnto(next: JourneyMap, stats?: MergeStats): void {
    const local = this.store.getDoc();
    const mine = localChanges(this.confirmed, local);
    let rebased = next;
    if (!isEmptyChangeset(mine)) rebased = this.valid(applyChangeset(next, mine, 'redo', stats).doc, next);
    this.confirmed = next;
    if (rebased !== local) this.store.replaceDocument(rebased, 'remote', { keepHistory: true });
  }

  /** `doc` with dangling references dropped; `fallback` if it is still not a valid map. */
  private valid(doc: JourneyMap, fallback: JourneyMap = this.confirmed): JourneyMap {
    const repaired = repairIntegrity(doc);
    return journeyMapSchema.safeParse(repaired).success ? repaired : fallback;
  }

  /** Fetch the document again and rebase the local edits onto it. */
  private async resync(): Promise<void> {
    if (this.resyncing || this.disposed || this.ended) return;
    this.resyncing = true;
    this.clearTimer('resyncTimer');
    this.updateStatus();
    let fetched: { map: JourneyMap; version: number };
    try {
      fetched = await this.transport.fetchMap();
    } catch (e) {
      this.resyncing = false;
      if (this.disposed) return;
      const status = e instanceof ApiError ? e.status : -1;
      if (status === 401) return this.end('revoked');
      if (status === 403) return this.end('forbidden');
      if (status === 404) return this.end('deleted');
      const delay = Math.min(this.backoffMaxMs, this.backoffInitialMs * 2 ** Math.min(this.resyncAttempt, 30));
      this.resyncAttempt++;
      this.resyncTimer = this.timers.setTimeout(() => {
        this.resyncTimer = null;
        void this.resync();
      }, delay);
      this.updateStatus();
      return;
    }
    if (this.disposed) return;
    this.resyncing = false;
    this.resyncAttempt = 0;
    if (fetched.version >= this.currentVersion) {
      this.rebaseOnto(fetched.map);
      this.currentVersion = fetched.version;
    }
    // Events the fetched document already holds are skipped by their version.
    this.drainQueue();
    this.maybeComplete();
    this.schedulePersist();
    this.scheduleSend(0);
    this.updateStatus();
  }

  // ── what a previous session left ─────────────────────────────────────────────────────────

  private restore(entry: PendingEntry): void {
    const local = parseJourneyMap(entry.localDoc);
    const base = parseJourneyMap(entry.baseDoc);
    if (!local.ok || !base.ok || local.map.id !== this.mapId) return;
    this.entryMayExist = true;
    const saved = localChanges(base.map, local.map);
    if (isEmptyChangeset(saved)) return;
    // Show the saved edits on top of the current document (and any edit made since the load).
    const current = this.store.getDoc();
    let shown = applyChangeset(this.confirmed, saved, 'redo').doc;
    const since = localChanges(this.confirmed, current);
    if (!isEmptyChangeset(since)) shown = applyChangeset(shown, since, 'redo').doc;
    shown = this.valid(shown, current);
    if (shown !== current) this.store.replaceDocument(shown, 'load');
    this.pendingCount = Math.max(this.pendingCount, entry.changeCount || 1);
    const f: InFlight = {
      body: { opId: this.newOpId(), clientId: this.clientId, baseVersion: entry.baseVersion, author: this.author().slice(0, 80), changeset: saved },
      snapshot: this.store.getDoc(),
      base: this.confirmed,
      exact: false,
      count: this.pendingCount,
      answer: null,
      seen: false,
      requesting: false,
    };
    this.inFlight = f;
    this.post(f);
  }

  // ── storage ──────────────────────────────────────────────────────────────────────────────

  private schedulePersist(): void {
    if (!this.storage || this.disposed || !this.started || this.persistTimer !== null) return;
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

  private persistNow(): Promise<void> {
    this.clearTimer('persistTimer');
    if (!this.storage || this.persistQueued) return this.storageChain;
    this.persistQueued = true;
    this.lastPersistAt = this.now();
    this.storageChain = this.storageChain.then(() => this.writeEntry());
    return this.storageChain;
  }

  private async writeEntry(): Promise<void> {
    this.persistQueued = false;
    const storage = this.storage;
    if (!storage || !this.mayEdit()) return;
    try {
      if (this.hasUnconfirmedChanges()) {
        await storage.put({
          mapId: this.mapId,
          baseVersion: this.currentVersion,
          baseDoc: this.confirmed,
          localDoc: this.store.getDoc(),
          changeCount: this.waiting(),
          savedAt: new Date(this.now()).toISOString(),
        });
        this.entryMayExist = true;
      } else if (this.entryMayExist) {
        await storage.remove(this.mapId);
        this.entryMayExist = false;
      }
    } catch {
      // IndexedDB unavailable or full: edits are still sent while online
    }
  }

  // ── status ───────────────────────────────────────────────────────────────────────────────

  private waiting(): number {
    return this.hasUnconfirmedChanges() ? Math.max(1, this.pendingCount) : 0;
  }

  private computeStatus(): LiveSyncStatus {
    if (this.ended) return { kind: this.ended };
    if (!this.started) return { kind: 'connecting' }; // what a previous session left is not read yet
    const dirty = this.mayEdit() && this.hasUnconfirmedChanges();
    if (!this.online || (dirty && this.networkDown)) return { kind: 'offline', waiting: dirty ? this.waiting() : 0 };
    if (dirty || this.resyncing) return { kind: 'saving' };
    if (this.stream !== 'live') return { kind: this.everLive ? 'reconnecting' : 'connecting' };
    return { kind: 'saved' };
  }

  private updateStatus(): void {
    if (this.disposed) return;
    const next = this.computeStatus();
    const prev = this.status;
    if (next.kind === prev.kind && (next.kind !== 'offline' || next.waiting === (prev as typeof next).waiting)) return;
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

  private clearTimer(name: 'sendTimer' | 'retryTimer' | 'catchUpTimer' | 'resyncTimer' | 'persistTimer'): void {
    const h = this[name];
    if (h !== null) {
      this.timers.clearTimeout(h);
      this[name] = null;
    }
  }
}

// ── paths into a document ("Use mine") ─────────────────────────────────────────────────────

const COLLECTIONS = new Set(['personas', 'stages', 'lanes', 'touchpoints', 'mots', 'comments']);
type Rec = Record<string, unknown>;

/** The container a path starts in and the remaining keys: a collection entity, or the document. */
function locate(doc: unknown, path: string): { holder: unknown; keys: string[] } | null {
  const parts = path.split('/');
  const head = parts[0] ?? '';
  if (COLLECTIONS.has(head)) {
    const list = (doc as Rec)[head];
    if (!Array.isArray(list) || parts.length < 3) return null; // whole entities are not re-applied
    const entity = (list as Rec[]).find((x) => x.id === parts[1]);
    return entity ? { holder: entity, keys: parts.slice(2) } : null;
  }
  return { holder: doc, keys: parts };
}

export function valueAt(doc: JourneyMap, path: string): unknown {
  const at = locate(doc, path);
  if (!at) return undefined;
  let v: unknown = at.holder;
  for (const k of at.keys) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Rec)[k];
  }
  return v;
}

function setAt(doc: JourneyMap, path: string, value: unknown): void {
  const at = locate(doc, path);
  if (!at || at.keys.length === 0) return;
  let holder = at.holder as Rec;
  for (const k of at.keys.slice(0, -1)) {
    const next = holder[k];
    if (typeof next !== 'object' || next === null) return;
    holder = next as Rec;
  }
  holder[at.keys[at.keys.length - 1] as string] = value;
}
