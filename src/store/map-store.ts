/**
 * The document store: one immutable `JourneyMap`, changed only through Immer recipes.
 * Framework-agnostic; see `use-map-store.ts` for the React bindings.
 *
 * ## Origins
 * - `local`  – the user's own edits. Recorded in the undo history and reported to
 *              `onLocalChange` listeners (autosave / live sync).
 * - `remote` – edits from collaborators. Never recorded, never reported to `onLocalChange`.
 * - `load`   – the document (re)loaded from storage. Same as remote.
 * Every change, whatever its origin, notifies `subscribe` listeners.
 *
 * ## History
 * One undo step per local `apply`, or per gesture: everything between `beginGesture` and
 * `endGesture` (a drag, a multi-step paste) is one step; `cancelGesture` reverts it.
 * The history does not replay Immer's index-based inverse patches (a remote insert would shift
 * the indices and the undo would hit the wrong card); it stores id-anchored change sets
 * (`history.ts`) and undoes them as a three-way merge against the current document.
 *
 * ## Rebasing over remote changes (the simple approach)
 * Remote changes leave the undo/redo stacks alone. When a step is undone or redone:
 * - if no remote/load change happened since the step was recorded, it is an exact inverse;
 * - otherwise the step is merged: parts someone else changed since are dropped (their newer
 *   value wins), dangling references are removed the way deletes cascade (`integrity.ts`), and
 *   the result is validated with `journeyMapSchema`. If it still is not valid, the step is
 *   discarded and the next one is tried. Nothing ever throws.
 *
 * Timestamps (`updatedAt`) are the server's business; the store never touches them.
 */
import { enablePatches, freeze, produceWithPatches, applyPatches as immerApplyPatches, type Draft, type Patch } from 'immer';
import { journeyMapSchema, type JourneyMap } from '../domain/schema';
import { applyChangeset, diffDocs, isEmptyChangeset, type Changeset, type Direction } from './history';
import { repairIntegrity } from './integrity';
import { isPlainObject } from './equal';

enablePatches();

export type { Patch } from 'immer';
export type ChangeOrigin = 'local' | 'remote' | 'load';

export interface ApplyOptions {
  /** Shown in the undo menu ("Undo Move card"); defaults to "Edit". Ignored inside a gesture. */
  label?: string;
  origin?: ChangeOrigin;
}

/** A recipe mutates the draft in place. Its return value is ignored (never replaces the document). */
export type Recipe = (draft: JourneyMap) => unknown;

export interface LocalChangeInfo {
  /** `change`: an `apply`; `undo`/`redo`; `cancel`: a cancelled gesture being reverted. */
  kind: 'change' | 'undo' | 'redo' | 'cancel';
  label: string | undefined;
  /** True while a gesture is open (the change may still be cancelled). */
  inGesture: boolean;
}

export type LocalChangeListener = (
  patches: readonly Patch[],
  inversePatches: readonly Patch[],
  doc: JourneyMap,
  info: LocalChangeInfo,
) => void;

export interface MapStoreState {
  readonly doc: JourneyMap;
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  readonly undoLabel: string | null;
  readonly redoLabel: string | null;
  /** Label of the open gesture, or null. */
  readonly gesture: string | null;
  /** True when this browser may not change the document (a view or comment share link). */
  readonly readOnly: boolean;
}

export interface MapStoreOptions {
  /** Maximum number of undo steps kept (default 200). */
  historyLimit?: number;
  /**
   * Dev/test aid: validate every local change with `journeyMapSchema` and throw (keeping the
   * old document) when a recipe produced an invalid document. O(document) per change.
   */
  validate?: boolean;
  /**
   * Where exceptions thrown by listeners go. They never interrupt the store or the other
   * listeners; by default they are re-thrown asynchronously (so they reach the console and
   * error reporting).
   */
  onListenerError?: (error: unknown) => void;
  /**
   * Refuse every local change (view / comment share links): `apply`/`run` do not run the recipe
   * and change nothing (returning `[]` / `undefined`); undo, redo and gestures do nothing.
   * Remote and load changes still apply. Can be changed later with `setReadOnly`.
   */
  readOnly?: boolean;
}

interface HistoryEntry {
  readonly label: string;
  /** Chronological; more than one only when remote changes interleaved with a gesture. */
  readonly steps: readonly Changeset[];
  /** Remote epoch when the entry started: if unchanged, undo/redo are exact. */
  readonly epoch: number;
}

interface OpenGesture {
  readonly label: string;
  readonly epoch: number;
  /** Document at the start of the current run of local changes inside the gesture. */
  segmentStart: JourneyMap;
  readonly steps: Changeset[];
}

const DEFAULT_LABEL = 'Edit';

export class MapStore {
  private doc: JourneyMap;
  private state: MapStoreState;
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];
  private gesture: OpenGesture | null = null;
  /** Bumped by every remote/load change. */
  private epoch = 0;
  private applying = false;
  private readonly listeners = new Set<() => void>();
  private readonly localListeners = new Set<LocalChangeListener>();
  private readonly historyLimit: number;
  private readonly validate: boolean;
  private readonly onListenerError: (error: unknown) => void;
  private readOnlyFlag: boolean;

  constructor(doc: JourneyMap, options: MapStoreOptions = {}) {
    this.doc = freeze(doc, true);
    this.historyLimit = Math.max(0, Math.floor(options.historyLimit ?? 200));
    this.validate = options.validate ?? false;
    this.onListenerError = options.onListenerError ?? rethrowLater;
    this.readOnlyFlag = options.readOnly ?? false;
    this.state = this.makeState();
  }

  // ── reading & subscribing ────────────────────────────────────────────────────────────────

  /** A new object only when something changed: safe as a `useSyncExternalStore` snapshot. */
  getState = (): MapStoreState => this.state;

  getDoc = (): JourneyMap => this.doc;

  /** Called after every change (any origin) and history-state change. Returns unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /**
   * Called after every *local* change (apply, undo, redo, cancelled gesture) with Immer's
   * patches against the previous document. Remote and load changes never fire it.
   */
  onLocalChange(listener: LocalChangeListener): () => void {
    this.localListeners.add(listener);
    return () => {
      this.localListeners.delete(listener);
    };
  }

  /** See `MapStoreOptions.readOnly`. */
  get readOnly(): boolean {
    return this.readOnlyFlag;
  }

  /** Switch read-only on or off (the role changed). Turning it on drops the undo history. */
  setReadOnly(readOnly: boolean): void {
    if (readOnly === this.readOnlyFlag) return;
    this.readOnlyFlag = readOnly;
    if (readOnly) {
      if (this.gesture) this.cancelGesture();
      this.undoStack = [];
      this.redoStack = [];
    }
    this.commitState();
  }

  get canUndo(): boolean {
    if (this.readOnlyFlag) return false;
    return this.undoStack.length > 0 || this.gestureHasChanges();
  }

  get canRedo(): boolean {
    return !this.readOnlyFlag && this.redoStack.length > 0;
  }

  get historySize(): { undo: number; redo: number } {
    return { undo: this.undoStack.length, redo: this.redoStack.length };
  }

  // ── changing ─────────────────────────────────────────────────────────────────────────────

  /**
   * Change the document with an Immer recipe. Returns the forward patches (empty if the recipe
   * changed nothing, in which case nothing is recorded or notified).
   */
  apply(recipe: Recipe, opts: ApplyOptions = {}): Patch[] {
    return this.applyInternal(recipe, opts).patches;
  }

  /** Like `apply`, but returns what the recipe returned (e.g. the id a command created). */
  run<R>(command: (draft: JourneyMap) => R, opts: ApplyOptions = {}): R {
    let result: R | undefined;
    this.applyInternal((d) => {
      result = command(d);
    }, opts);
    return result as R;
  }

  /**
   * Apply patches received from elsewhere (live sync). Never throws: returns false and leaves
   * the document unchanged if they do not apply.
   */
  applyPatches(patches: readonly Patch[], origin: ChangeOrigin = 'remote'): boolean {
    try {
      this.applyInternal((d) => {
        immerApplyPatches(d, patches as Patch[]);
      }, { origin });
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Replace the whole document. `load` (default) resets the history; `remote` keeps it (undo
   * then rebases as described above). `keepHistory` overrides either default.
   */
  replaceDocument(doc: JourneyMap, origin: Exclude<ChangeOrigin, 'local'> = 'load', opts: { keepHistory?: boolean } = {}): void {
    const keep = opts.keepHistory ?? origin === 'remote';
    if (keep) this.sealSegment();
    else {
      this.undoStack = [];
      this.redoStack = [];
      this.gesture = null;
    }
    this.epoch++;
    this.doc = freeze(doc, true);
    if (this.gesture) this.gesture.segmentStart = this.doc;
    this.commitState();
  }

  // ── gestures ─────────────────────────────────────────────────────────────────────────────

  /** Start grouping local changes into one undo step. An already open gesture is ended first. */
  beginGesture(label: string): void {
    if (this.readOnlyFlag) return;
    if (this.gesture) this.endGesture();
    this.gesture = { label, epoch: this.epoch, segmentStart: this.doc, steps: [] };
    this.commitState();
  }

  /** Close the open gesture; if it changed anything it becomes one undo step. */
  endGesture(): void {
    const g = this.gesture;
    if (!g) return;
    this.sealSegment();
    this.gesture = null;
    if (g.steps.length) this.pushEntry({ label: g.label, steps: g.steps, epoch: g.epoch });
    this.commitState();
  }

  /** Revert everything the open gesture changed (remote changes made meanwhile stay). */
  cancelGesture(): boolean {
    const g = this.gesture;
    if (!g) return false;
    this.sealSegment();
    this.gesture = null;
    if (!g.steps.length) {
      this.commitState();
      return true;
    }
    const ok = this.replay({ label: g.label, steps: g.steps, epoch: g.epoch }, 'undo', 'cancel');
    if (!ok) this.commitState();
    return ok;
  }

  /** Run `fn` as one undo step (joins an already open gesture). Cancels on throw. */
  batch<R>(label: string, fn: () => R): R {
    if (this.gesture) return fn();
    this.beginGesture(label);
    try {
      const r = fn();
      this.endGesture();
      return r;
    } catch (e) {
      this.cancelGesture();
      throw e;
    }
  }

  // ── undo / redo ──────────────────────────────────────────────────────────────────────────

  /** Undo the last step (ends an open gesture first). Returns false if nothing was undone. */
  undo(): boolean {
    if (this.readOnlyFlag) return false;
    if (this.gesture) this.endGesture();
    for (;;) {
      const entry = this.undoStack.pop();
      if (!entry) {
        this.commitState();
        return false;
      }
      if (this.replay(entry, 'undo', 'undo')) {
        this.redoStack.push(entry);
        this.commitState();
        return true;
      }
      // Could not be rebased onto the current document: dropped, try the one before.
    }
  }

  redo(): boolean {
    if (this.readOnlyFlag) return false;
    if (this.gesture) this.endGesture();
    for (;;) {
      const entry = this.redoStack.pop();
      if (!entry) {
        this.commitState();
        return false;
      }
      if (this.replay(entry, 'redo', 'redo')) {
        this.undoStack.push(entry);
        this.commitState();
        return true;
      }
    }
  }

  clearHistory(): void {
    this.undoStack = [];
    this.redoStack = [];
    this.commitState();
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────

  private applyInternal(recipe: Recipe, opts: ApplyOptions): { patches: Patch[] } {
    if (this.applying) throw new Error('MapStore: apply() cannot be called from inside a recipe');
    const origin = opts.origin ?? 'local';
    // Read-only: a local change is refused before its recipe runs, so nothing can slip through.
    if (origin === 'local' && this.readOnlyFlag) return { patches: [] };
    const prev = this.doc;
    let result: [JourneyMap, Patch[], Patch[]];
    this.applying = true;
    try {
      result = produceWithPatches(prev, (draft: Draft<JourneyMap>) => {
        recipe(draft as JourneyMap);
      }) as [JourneyMap, Patch[], Patch[]];
    } finally {
      this.applying = false;
    }
    const [next, patches, inversePatches] = result;
    if (next === prev || patches.length === 0) return { patches: [] };
    if (this.validate && origin === 'local') {
      const check = journeyMapSchema.safeParse(next);
      if (!check.success) throw new Error(`MapStore: the change produced an invalid document: ${check.error.message}`);
    }

    if (origin === 'local') {
      this.doc = next;
      if (!this.gesture) this.pushEntry({ label: opts.label ?? DEFAULT_LABEL, steps: [diffDocs(prev, next)], epoch: this.epoch });
      this.commitState();
      this.emitLocal(patches, inversePatches, { kind: 'change', label: this.gesture?.label ?? opts.label, inGesture: !!this.gesture });
    } else {
      this.sealSegment();
      this.doc = next;
      this.epoch++;
      if (this.gesture) this.gesture.segmentStart = next;
      this.commitState();
    }
    return { patches };
  }

  /** Close the current run of local changes in the open gesture (before a remote change). */
  private sealSegment(): void {
    const g = this.gesture;
    if (!g) return;
    if (g.segmentStart !== this.doc) {
      const cs = diffDocs(g.segmentStart, this.doc);
      if (!isEmptyChangeset(cs)) g.steps.push(cs);
    }
    g.segmentStart = this.doc;
  }

  private gestureHasChanges(): boolean {
    const g = this.gesture;
    return !!g && (g.steps.length > 0 || g.segmentStart !== this.doc);
  }

  private pushEntry(entry: HistoryEntry): void {
    if (entry.steps.every(isEmptyChangeset)) return;
    this.undoStack.push(entry);
    if (this.undoStack.length > this.historyLimit) this.undoStack.splice(0, this.undoStack.length - this.historyLimit);
    this.redoStack = [];
  }

  /** Apply an entry backwards or forwards onto the current document. False if it cannot be. */
  private replay(entry: HistoryEntry, dir: Direction, kind: LocalChangeInfo['kind']): boolean {
    const base = this.doc;
    const exact = entry.epoch === this.epoch;
    const steps = dir === 'undo' ? [...entry.steps].reverse() : entry.steps;
    let target = base;
    for (const step of steps) target = applyChangeset(target, step, dir).doc;
    if (!exact) {
      target = repairIntegrity(target);
      if (!journeyMapSchema.safeParse(target).success) return false;
    }
    if (target === base) return true;
    const [next, patches, inversePatches] = produceWithPatches(base, (draft: Draft<JourneyMap>) => {
      reconcile(draft as unknown as Record<string, unknown>, base as unknown as Record<string, unknown>, target as unknown as Record<string, unknown>);
    }) as [JourneyMap, Patch[], Patch[]];
    this.doc = next;
    this.commitState();
    if (patches.length) this.emitLocal(patches, inversePatches, { kind, label: entry.label, inGesture: false });
    return true;
  }

  private makeState(): MapStoreState {
    const top = this.undoStack[this.undoStack.length - 1];
    const next = this.redoStack[this.redoStack.length - 1];
    return {
      doc: this.doc,
      canUndo: this.canUndo,
      canRedo: this.canRedo,
      undoLabel: this.gestureHasChanges() ? (this.gesture?.label ?? null) : (top?.label ?? null),
      redoLabel: next?.label ?? null,
      gesture: this.gesture?.label ?? null,
      readOnly: this.readOnlyFlag,
    };
  }

  /** Publish a new state snapshot if anything visible changed, then notify. */
  private commitState(): void {
    const prev = this.state;
    const next = this.makeState();
    if (
      prev.doc === next.doc &&
      prev.canUndo === next.canUndo &&
      prev.canRedo === next.canRedo &&
      prev.undoLabel === next.undoLabel &&
      prev.redoLabel === next.redoLabel &&
      prev.gesture === next.gesture &&
      prev.readOnly === next.readOnly
    )
      return;
    this.state = next;
    for (const l of [...this.listeners]) this.callSafely(() => l());
  }

  /** A listener's exception must not leave the store half-notified. */
  private callSafely(fn: () => void): void {
    try {
      fn();
    } catch (e) {
      this.onListenerError(e);
    }
  }

  private emitLocal(patches: Patch[], inversePatches: Patch[], info: LocalChangeInfo): void {
    const doc = this.doc;
    for (const l of [...this.localListeners]) this.callSafely(() => l(patches, inversePatches, doc, info));
  }
}

function rethrowLater(error: unknown): void {
  queueMicrotask(() => {
    throw error;
  });
}

/**
 * Write `target` into `draft` (whose original is `base`) touching only what differs, so Immer
 * emits small patches (`['touchpoints', 3, 'title']` rather than the whole document).
 */
function reconcile(draft: Record<string, unknown> | unknown[], base: unknown, target: unknown): void {
  const b = base as Record<string, unknown>;
  const t = target as Record<string, unknown>;
  const d = draft as Record<string, unknown>;
  const keys = new Set([...Object.keys(b), ...Object.keys(t)]);
  for (const k of keys) {
    const bv = b[k];
    const tv = t[k];
    if (bv === tv) continue;
    if (tv === undefined && !Array.isArray(draft)) {
      delete d[k];
    } else if (
      (isPlainObject(bv) && isPlainObject(tv) && bv.id === tv.id) ||
      (Array.isArray(bv) && Array.isArray(tv) && bv.length === tv.length)
    ) {
      reconcile(d[k] as Record<string, unknown>, bv, tv);
    } else {
      d[k] = tv;
    }
  }
}
