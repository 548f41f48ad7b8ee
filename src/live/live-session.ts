/**
 * One open map's live session in the browser: the `LiveChannel` the components use (identity,
 * role, events, roster), and — while connected (`connect()` … `disconnect()`) — the event stream,
 * the co-editing engine (`LiveSync`) and the presence sender. Framework-agnostic; `LiveProvider`
 * creates one per editor.
 */
import { z } from 'zod';
import { authHeaders } from '../api/credentials';
import { requestJson } from '../api/http';
import { mapsApi, type MapRole } from '../api/maps';
import type { JourneyMap } from '../domain/schema';
import type { MapStore } from '../store/map-store';
import type { PendingStorage } from '../sync/pending-storage';
import { EventStream, type StreamEnd, type StreamState } from './event-stream';
import { colorFor, getDisplayName, newClientId, onDisplayNameChange, setDisplayName } from './identity';
import type { LiveChannel, LiveEventOf } from './live-context';
import type { LiveEvent, Participant } from './live-events';
import { LiveSync, type LiveSyncStatus, type LostNotice, type LiveTransport, type OpBody } from './live-sync';
import { PresenceSender, Roster, type PresenceTransport } from './presence';

const opAnswerSchema = z.object({ version: z.number().int(), lost: z.array(z.string()), duplicate: z.boolean() });

/** The server side of `LiveSync`: POST /api/maps/:id/ops and GET /api/maps/:id. */
export function httpLiveTransport(mapId: string): LiveTransport {
  return {
    sendOp: async (body: OpBody) =>
      (await requestJson(`/api/maps/${encodeURIComponent(mapId)}/ops`, opAnswerSchema, { method: 'POST', json: body })).data,
    fetchMap: async () => {
      const loaded = await mapsApi.get(mapId);
      return { map: loaded.map, version: loaded.version };
    },
  };
}

export function httpPresenceTransport(mapId: string): PresenceTransport {
  const path = `/api/maps/${encodeURIComponent(mapId)}/presence`;
  return {
    post: async (body) => {
      await requestJson(path, z.unknown(), { method: 'POST', json: body });
    },
    leave: (clientId) => {
      void fetch(`${path}?clientId=${encodeURIComponent(clientId)}`, { method: 'DELETE', keepalive: true, headers: authHeaders() }).catch(() => undefined);
    },
  };
}

const OFFLINE_STATUS: LiveSyncStatus = { kind: 'connecting' };

export interface LiveSessionOptions {
  mapId: string;
  role: MapRole;
  version: number;
  store: MapStore;
  storage?: PendingStorage;
  transport?: LiveTransport;
  presence?: PresenceTransport;
  onLost?: (notice: LostNotice) => void;
  onRejected?: (message: string) => void;
}

export class LiveSession implements LiveChannel {
  readonly mapId: string;
  readonly clientId = newClientId();
  private currentRole: MapRole;
  private color: string;
  private name = getDisplayName();
  private readonly emitters = new Map<string, Set<(e: LiveEvent) => void>>();
  private readonly changeListeners = new Set<() => void>();
  private readonly statusListeners = new Set<() => void>();
  readonly roster: Roster;
  private engine: LiveSync | null = null;
  private stream: EventStream | null = null;
  private presence: PresenceSender | null = null;
  private pruneTimer: ReturnType<typeof setInterval> | null = null;
  private offName: (() => void) | null = null;
  private offEngine: (() => void) | null = null;
  private lastVersion: number;
  private lastConfirmed: JourneyMap | undefined;
  private selection: string[] = [];

  constructor(private readonly opts: LiveSessionOptions) {
    this.mapId = opts.mapId;
    this.currentRole = opts.role;
    this.lastVersion = opts.version;
    this.color = colorFor(this.clientId);
    this.roster = new Roster({
      clientId: this.clientId,
      role: () => this.currentRole,
      body: () => ({ clientId: this.clientId, name: this.name, color: this.color, selection: this.selection, cursor: null }),
    });
  }

  // ── LiveChannel ──────────────────────────────────────────────────────────────────────────

  get role(): MapRole {
    return this.currentRole;
  }

  get me(): { name: string; color: string } {
    return { name: this.name, color: this.color };
  }

  on<T extends LiveEvent['type']>(type: T, listener: (event: LiveEventOf<T>) => void): () => void {
    let set = this.emitters.get(type);
    if (!set) {
      set = new Set();
      this.emitters.set(type, set);
    }
    const fn = listener as (e: LiveEvent) => void;
    set.add(fn);
    return () => {
      set.delete(fn);
    };
  }

  participants = (): readonly Participant[] => this.roster.participants();

  private announceTimer: ReturnType<typeof setTimeout> | null = null;

  private announceSoon(): void {
    if (this.announceTimer !== null) return;
    this.announceTimer = setTimeout(() => {
      this.announceTimer = null;
      this.presence?.refresh();
    }, 200 + Math.random() * 1000);
  }

  setName(name: string): void {
    setDisplayName(name); // → onDisplayNameChange → presence + listeners
  }

  subscribe = (listener: () => void): (() => void) => {
    this.changeListeners.add(listener);
    const off = this.roster.subscribe(listener);
    return () => {
      this.changeListeners.delete(listener);
      off();
    };
  };

  // ── status (header) ──────────────────────────────────────────────────────────────────────

  getStatus = (): LiveSyncStatus => this.engine?.getStatus() ?? OFFLINE_STATUS;

  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => {
      this.statusListeners.delete(listener);
    };
  };

  retryNow(): void {
    this.engine?.retryNow();
    this.stream?.reconnectNow();
  }

  useMine(notice: LostNotice, label?: string): boolean {
    return this.engine?.useMine(notice, label) ?? false;
  }

  /** The engine (null while disconnected): tests and the editor's window wiring. */
  get sync(): LiveSync | null {
    return this.engine;
  }

  // ── connecting ───────────────────────────────────────────────────────────────────────────

  connect(): void {
    if (this.engine) return;
    const { store, mapId } = this.opts;
    const engine = new LiveSync({
      store,
      mapId,
      clientId: this.clientId,
      version: this.lastVersion,
      ...(this.lastConfirmed ? { confirmed: this.lastConfirmed } : {}),
      role: this.currentRole,
      author: () => this.name,
      transport: this.opts.transport ?? httpLiveTransport(mapId),
      ...(this.opts.storage ? { storage: this.opts.storage } : {}),
      onLost: (n) => this.opts.onLost?.(n),
      onRejected: (m) => this.opts.onRejected?.(m),
    });
    this.engine = engine;
    this.offEngine = engine.subscribe(() => this.notifyStatus());
    const presence = new PresenceSender({
      clientId: this.clientId,
      me: () => this.me,
      transport: this.opts.presence ?? httpPresenceTransport(mapId),
    });
    this.presence = presence;
    presence.setSelection(this.selection);
    this.stream = new EventStream({
      mapId,
      clientId: this.clientId,
      since: () => engine.version,
      headers: authHeaders,
      onEvent: (e) => this.receive(e),
      onState: (s: StreamState) => {
        engine.setStreamState(s);
        if (s !== 'live') presence.stop();
      },
      onEnd: (reason: StreamEnd) => {
        presence.stop();
        engine.end(reason);
        this.notifyStatus();
      },
    });
    this.offName = onDisplayNameChange((name) => {
      this.name = name;
      this.roster.touchSelf();
      this.presence?.refresh();
      this.notifyChange();
    });
    this.pruneTimer = setInterval(() => this.roster.prune(), 5000);
    void engine.start();
    this.stream.start();
    if (typeof navigator !== 'undefined' && navigator.onLine === false) engine.setOnline(false);
    this.notifyStatus();
  }

  disconnect(): void {
    this.presence?.leave();
    this.presence = null;
    this.stream?.close();
    this.stream = null;
    if (this.engine) {
      // Connected again later (React's development double mount): unconfirmed edits stay unconfirmed.
      this.lastVersion = this.engine.version;
      this.lastConfirmed = this.engine.getConfirmed();
    }
    this.offEngine?.();
    this.offEngine = null;
    this.engine?.dispose();
    this.engine = null;
    this.offName?.();
    this.offName = null;
    if (this.pruneTimer !== null) clearInterval(this.pruneTimer);
    this.pruneTimer = null;
    if (this.announceTimer !== null) clearTimeout(this.announceTimer);
    this.announceTimer = null;
  }

  setOnline(online: boolean): void {
    this.engine?.setOnline(online);
    if (online) this.stream?.reconnectNow();
  }

  /** Selection ids for presence (throttled by the sender). */
  setSelection(ids: readonly string[]): void {
    this.selection = [...ids];
    this.presence?.setSelection(ids);
  }

  setCursor(cursor: { x: number; y: number } | null): void {
    this.presence?.setCursor(cursor);
  }

  /** Page hide: say goodbye (a later pointer move or heartbeat does not come back). */
  leave(): void {
    this.presence?.leave();
  }

  // ── events ───────────────────────────────────────────────────────────────────────────────

  private receive(event: LiveEvent): void {
    this.engine?.receive(event);
    if (event.type === 'hello') {
      if (event.role !== this.currentRole) {
        this.currentRole = event.role;
        this.notifyChange();
      }
      // Connected (again): announce myself; take a colour nobody else here uses.
      this.presence?.start();
    }
    if (event.type === 'roster') {
      const free = colorFor(this.clientId, this.roster.colorsOfOthers().concat(event.participants.filter((p) => p.clientId !== this.clientId).map((p) => p.color)));
      if (free !== this.color) {
        this.color = free;
        this.presence?.refresh();
      }
    }
    if (event.type === 'left' && event.clientId === this.clientId) {
      // An old stream of mine closed (a reconnect): others just dropped me, so say I am here.
      this.presence?.refresh();
    } else if (event.type === 'presence' && event.participant.clientId !== this.clientId && !this.roster.has(event.participant.clientId)) {
      // Someone new (or a restarted instance that lost its roster): announce myself soon, with
      // a little jitter so a room of people does not answer in the same millisecond.
      this.announceSoon();
    }
    this.roster.apply(event);
    const set = this.emitters.get(event.type);
    if (set) {
      for (const fn of [...set]) {
        try {
          fn(event);
        } catch (e) {
          queueMicrotask(() => {
            throw e;
          });
        }
      }
    }
  }

  private notifyChange(): void {
    for (const l of [...this.changeListeners]) l();
  }

  private notifyStatus(): void {
    for (const l of [...this.statusListeners]) l();
  }
}
