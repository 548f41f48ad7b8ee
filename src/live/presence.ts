/**
 * Presence transport: "I am here, this is my selection and my pointer".
 *
 * - `PresenceSender` POSTs `{clientId, name, color, selection, cursor}` to
 *   /api/maps/:id/presence on connect, every 15 s, when the selection changes (at most every
 *   200 ms) and when the pointer moves over the canvas (at most every 100 ms; `null` when it
 *   leaves); `leave()` sends DELETE with `keepalive` (page hide).
 * - `Roster` keeps everyone present from the stream's `roster`, `presence` and `left` events and
 *   drops entries not heard from for 45 s.
 */
import type { MapRole } from '../api/maps';
import { defaultTimers, type Timers } from './event-stream';
import type { LiveEvent, Participant } from './live-events';

export const HEARTBEAT_MS = 15_000;
export const SELECTION_THROTTLE_MS = 200;
export const CURSOR_THROTTLE_MS = 100;
export const PRESENCE_TTL_MS = 45_000;

export interface PresenceBody {
  clientId: string;
  name: string;
  color: string;
  selection: string[];
  cursor: { x: number; y: number } | null;
}

export interface PresenceTransport {
  post(body: PresenceBody): Promise<void>;
  leave(clientId: string): void;
}

export interface PresenceSenderOptions {
  clientId: string;
  me: () => { name: string; color: string };
  transport: PresenceTransport;
  timers?: Timers;
  now?: () => number;
  /** A request failed with 401/403: stop. */
  onDenied?: () => void;
}

export class PresenceSender {
  private selection: string[] = [];
  private cursor: { x: number; y: number } | null = null;
  private lastSentAt = Number.NEGATIVE_INFINITY;
  private timer: unknown = null;
  private heartbeat: unknown = null;
  private running = false;
  private sending = false;
  private again = false;
  private readonly timers: Timers;
  private readonly now: () => number;

  constructor(private readonly opts: PresenceSenderOptions) {
    this.timers = opts.timers ?? defaultTimers;
    this.now = opts.now ?? (() => Date.now());
  }

  /** Connected (again): announce at once, then every 15 s. */
  start(): void {
    this.running = true;
    this.sendNow();
  }

  stop(): void {
    this.running = false;
    this.clear();
    if (this.heartbeat !== null) this.timers.clearTimeout(this.heartbeat);
    this.heartbeat = null;
  }

  /** Stop and tell the server this tab has left (page hide, editor closed). */
  leave(): void {
    const was = this.running;
    this.stop();
    if (was) this.opts.transport.leave(this.opts.clientId);
  }

  get current(): PresenceBody {
    const me = this.opts.me();
    return { clientId: this.opts.clientId, name: me.name, color: me.color, selection: this.selection, cursor: this.cursor };
  }

  setSelection(ids: readonly string[]): void {
    const next = ids.slice(0, 500);
    if (next.length === this.selection.length && next.every((id, i) => id === this.selection[i])) return;
    this.selection = next;
    this.schedule(SELECTION_THROTTLE_MS);
  }

  setCursor(cursor: { x: number; y: number } | null): void {
    const same = cursor === null ? this.cursor === null : this.cursor !== null && this.cursor.x === cursor.x && this.cursor.y === cursor.y;
    if (same) return;
    this.cursor = cursor === null ? null : { x: Math.round(cursor.x * 10) / 10, y: Math.round(cursor.y * 10) / 10 };
    this.schedule(CURSOR_THROTTLE_MS);
  }

  /** Name or colour changed: send at once. */
  refresh(): void {
    this.sendNow();
  }

  private clear(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(throttleMs: number): void {
    if (!this.running) return;
    const wait = Math.max(0, this.lastSentAt + throttleMs - this.now());
    if (this.timer !== null) return; // already scheduled; it sends the latest state
    if (wait === 0) {
      this.sendNow();
      return;
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.sendNow();
    }, wait);
  }

  private sendNow(): void {
    if (!this.running) return;
    this.clear();
    if (this.sending) {
      this.again = true; // one request at a time; the latest state follows
      return;
    }
    this.sending = true;
    this.lastSentAt = this.now();
    if (this.heartbeat !== null) this.timers.clearTimeout(this.heartbeat);
    this.heartbeat = this.timers.setTimeout(() => {
      this.heartbeat = null;
      this.sendNow();
    }, HEARTBEAT_MS);
    const body = this.current;
    this.opts.transport.post(body).then(
      () => this.done(),
      (e: unknown) => {
        const status = typeof e === 'object' && e !== null && 'status' in e ? (e as { status: unknown }).status : 0;
        if (status === 401 || status === 403) {
          this.stop();
          this.opts.onDenied?.();
          return;
        }
        this.done(); // the next heartbeat tries again
      },
    );
  }

  private done(): void {
    this.sending = false;
    if (this.again) {
      this.again = false;
      this.schedule(CURSOR_THROTTLE_MS);
    }
  }
}

/** Everyone present on the map, from the stream's events. */
export class Roster {
  private readonly byId = new Map<string, { p: Participant; at: number }>();
  private readonly listeners = new Set<() => void>();
  private list: readonly Participant[] = [];

  constructor(
    private readonly self: { clientId: string; role: () => MapRole; body: () => PresenceBody },
    private readonly now: () => number = () => Date.now(),
  ) {
    this.list = this.build();
  }

  /** Feed one stream event; returns true when the roster changed. */
  apply(event: LiveEvent): boolean {
    const at = this.now();
    switch (event.type) {
      case 'roster':
        this.byId.clear();
        for (const p of event.participants) this.byId.set(p.clientId, { p, at });
        break;
      case 'presence':
        this.byId.set(event.participant.clientId, { p: event.participant, at });
        break;
      case 'left':
        if (!this.byId.delete(event.clientId)) return false;
        break;
      default:
        return false;
    }
    this.changed();
    return true;
  }

  has(clientId: string): boolean {
    return this.byId.has(clientId);
  }

  /** Drop entries unseen for 45 s (my own entry stays). */
  prune(): void {
    const now = this.now();
    let removed = false;
    for (const [id, e] of this.byId) {
      if (id !== this.self.clientId && now - e.at > PRESENCE_TTL_MS) {
        this.byId.delete(id);
        removed = true;
      }
    }
    if (removed) this.changed();
  }

  /** My own entry changed (name, colour, selection): rebuild. */
  touchSelf(): void {
    this.changed();
  }

  participants = (): readonly Participant[] => this.list;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  /** Colours the others use (to pick a free one). */
  colorsOfOthers(): string[] {
    return [...this.byId.values()].filter((e) => e.p.clientId !== this.self.clientId).map((e) => e.p.color);
  }

  private build(): readonly Participant[] {
    const body = this.self.body();
    const mine = this.byId.get(this.self.clientId)?.p;
    const me: Participant = {
      clientId: this.self.clientId,
      name: body.name,
      color: body.color,
      role: this.self.role(),
      selection: body.selection,
      cursor: body.cursor,
      seenAt: mine?.seenAt ?? new Date(this.now()).toISOString(),
    };
    return [me, ...[...this.byId.values()].map((e) => e.p).filter((p) => p.clientId !== this.self.clientId)];
  }

  private changed(): void {
    this.list = this.build();
    for (const l of [...this.listeners]) l();
  }
}
