/**
 * Everyone present on the open map, fed by the live channel's roster / presence / left events,
 * with three narrow subscriptions so a pointer moving never re-renders the canvas:
 *
 * - roster:     who is here (name, colour, role) — the presence bar; changes on join / leave / rename;
 * - selection:  id → remote people who have it selected — one tiny outline component per card;
 * - cursor(id): one person's pointer — written straight to the DOM by the cursor layer,
 *               at most once per animation frame whatever the event rate.
 */
import type { Participant } from '../../live/live-events';
import {
  CURSOR_STALE_MS,
  identityKey,
  isCursorStale,
  NO_MARKS,
  orderParticipants,
  selectionIndex,
  selectionKey,
  type RemoteMark,
} from './presence-model';

export interface CursorState {
  x: number;
  y: number;
  /** false: no pointer over the canvas, or not moved for CURSOR_STALE_MS. */
  visible: boolean;
}

type Listener = () => void;

interface Entry {
  participant: Participant;
  /** Local clock (ms) of the last pointer change. */
  movedAt: number;
}

const HIDDEN: CursorState = Object.freeze({ x: 0, y: 0, visible: false });

export class PresenceStore {
  private selfId = '';
  private entries = new Map<string, Entry>();
  private rosterSnapshot: readonly Participant[] = [];
  private rosterIdentity = '';
  private selectionSnapshot: ReadonlyMap<string, readonly RemoteMark[]> = new Map();
  private selectionIdentity = '';
  private rosterListeners = new Set<Listener>();
  private selectionListeners = new Set<Listener>();
  private cursorListeners = new Map<string, Set<Listener>>();
  private dirtyCursors = new Set<string>();
  private frame: number | null = null;
  private staleTimer: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly now: () => number = () => Date.now()) {}

  // ---- feeding -------------------------------------------------------------------------------

  /** Replace everyone (a roster event, or the channel's list at start). */
  reset(selfId: string, people: readonly Participant[]): void {
    this.selfId = selfId;
    const t = this.now();
    const next = new Map<string, Entry>();
    for (const p of people) {
      const old = this.entries.get(p.clientId);
      next.set(p.clientId, { participant: p, movedAt: old && sameCursor(old.participant, p) ? old.movedAt : t });
    }
    const gone = [...this.entries.keys()].filter((id) => !next.has(id));
    this.entries = next;
    for (const id of [...next.keys(), ...gone]) this.dirtyCursors.add(id);
    this.changed();
  }

  /** Someone joined or moved. */
  upsert(p: Participant): void {
    const old = this.entries.get(p.clientId);
    const cursorMoved = !old || !sameCursor(old.participant, p);
    this.entries.set(p.clientId, { participant: p, movedAt: cursorMoved ? this.now() : old.movedAt });
    if (cursorMoved) this.dirtyCursors.add(p.clientId);
    if (!old || selectionKey(old.participant) !== selectionKey(p) || identityKey([old.participant]) !== identityKey([p])) this.changed();
    else this.scheduleCursors();
  }

  remove(clientId: string): void {
    if (!this.entries.delete(clientId)) return;
    this.dirtyCursors.add(clientId);
    this.changed();
  }

  // ---- reading -------------------------------------------------------------------------------

  get clientId(): string {
    return this.selfId;
  }

  /** Everyone, me first (stable array while nobody joins, leaves or renames). */
  roster = (): readonly Participant[] => this.rosterSnapshot;

  /** The others who have this id selected (the same array while unchanged; NO_MARKS for none). */
  marksFor = (id: string): readonly RemoteMark[] => this.selectionSnapshot.get(id) ?? NO_MARKS;

  cursorOf(clientId: string): CursorState {
    const e = this.entries.get(clientId);
    if (!e || clientId === this.selfId || !e.participant.cursor) return HIDDEN;
    const { x, y } = e.participant.cursor;
    return { x, y, visible: !isCursorStale(e.movedAt, this.now()) };
  }

  // ---- subscribing ---------------------------------------------------------------------------

  subscribeRoster = (l: Listener): (() => void) => subscribe(this.rosterListeners, l);
  subscribeSelection = (l: Listener): (() => void) => subscribe(this.selectionListeners, l);
  subscribeCursor(clientId: string, l: Listener): () => void {
    let set = this.cursorListeners.get(clientId);
    if (!set) this.cursorListeners.set(clientId, (set = new Set()));
    set.add(l);
    this.ensureStaleTimer();
    return () => {
      set.delete(l);
      if (set.size === 0) this.cursorListeners.delete(clientId);
      if (this.cursorListeners.size === 0 && this.staleTimer !== null) {
        clearInterval(this.staleTimer);
        this.staleTimer = null;
      }
    };
  }

  dispose(): void {
    if (this.frame !== null) cancelFrame(this.frame);
    if (this.staleTimer !== null) clearInterval(this.staleTimer);
    this.frame = null;
    this.staleTimer = null;
  }

  // ---- internals -----------------------------------------------------------------------------

  private changed(): void {
    const people = orderParticipants(
      [...this.entries.values()].map((e) => e.participant),
      this.selfId,
    );
    const identity = identityKey(people);
    if (identity !== this.rosterIdentity) {
      this.rosterIdentity = identity;
      this.rosterSnapshot = Object.freeze(people);
      for (const l of this.rosterListeners) l();
    }
    // Only people with a selection (other than me) matter to the outlines: a join or a pointer move does not.
    const selIdentity = people
      .filter((p) => p.selection.length > 0 && p.clientId !== this.selfId)
      .map((p) => `${p.clientId}\u0003${p.name}\u0003${p.color}\u0003${selectionKey(p)}`)
      .join('\u0002');
    if (selIdentity !== this.selectionIdentity) {
      this.selectionIdentity = selIdentity;
      this.selectionSnapshot = selectionIndex(people, this.selfId, this.selectionSnapshot);
      for (const l of this.selectionListeners) l();
    }
    this.scheduleCursors();
  }

  private scheduleCursors(): void {
    if (this.frame !== null || this.dirtyCursors.size === 0) return;
    this.frame = requestFrame(() => {
      this.frame = null;
      const dirty = [...this.dirtyCursors];
      this.dirtyCursors.clear();
      for (const id of dirty) for (const l of this.cursorListeners.get(id) ?? []) l();
    });
  }

  /** Pointers go stale without an event: look every few seconds. */
  private ensureStaleTimer(): void {
    if (this.staleTimer !== null) return;
    this.staleTimer = setInterval(() => {
      const t = this.now();
      for (const [id, e] of this.entries) {
        if (e.participant.cursor && t - e.movedAt > CURSOR_STALE_MS && t - e.movedAt < CURSOR_STALE_MS + 5_000) this.dirtyCursors.add(id);
      }
      this.scheduleCursors();
    }, 2_000);
  }
}

function sameCursor(a: Participant, b: Participant): boolean {
  return a.cursor === b.cursor || (a.cursor !== null && b.cursor !== null && a.cursor.x === b.cursor.x && a.cursor.y === b.cursor.y);
}

function subscribe(set: Set<Listener>, l: Listener): () => void {
  set.add(l);
  return () => set.delete(l);
}

const requestFrame = (fn: () => void): number =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(fn) : (setTimeout(fn, 16) as unknown as number);
const cancelFrame = (id: number): void => {
  if (typeof cancelAnimationFrame === 'function') cancelAnimationFrame(id);
  else clearTimeout(id);
};
