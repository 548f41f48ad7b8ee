/**
 * Live events across app instances on one PostgreSQL, through LISTEN/NOTIFY.
 *
 * - Publishing: `LocalHub.publish` hands every event to the relay, which sends it with
 *   `pg_notify('mot_live', payload)` (batched, in publish order). Nothing is delivered locally at
 *   that point: every instance, the publisher included, delivers what it hears on its LISTEN
 *   connection, so all instances see the same events in the same order.
 * - Size: a NOTIFY payload must stay under 8000 bytes. An `op` event bigger than MAX_PAYLOAD_BYTES
 *   travels as a reference `{mapId, type: 'op-ref', version}`; receivers read that operation from
 *   the operation log (`map_ops`). A presence event that is too big loses the tail of its
 *   selection (it only drives highlighting).
 * - Order: operations and resets carry the map's version. Per map, they are delivered in version
 *   order: one arriving early waits for the ones before it (including op-refs still loading);
 *   a gap not filled within GAP_WAIT_MS is read from `map_ops`, or, when the log does not have
 *   it, streams get `reset` (reason 'gap') and reload.
 * - Reconnect: the LISTEN connection is pinged; when it drops it is reopened with backoff, and
 *   then every map with an open stream on this instance gets a local `reset` (reason 'gap'),
 *   since notifications sent meanwhile are lost. While it is down, this instance's own events are
 *   still delivered to its own streams.
 */
import { z } from 'zod';
import type { ListenConnection } from '../db/postgres';
import { liveEventSchema } from '../../src/live/event-stream';
import type { LiveEvent } from './events';
import type { LocalHub } from './hub';

export const LIVE_CHANNEL = 'mot_live';
/** NOTIFY refuses payloads of 8000 bytes and more; keep a margin. */
export const MAX_PAYLOAD_BYTES = 7500;
const NOTIFY_BATCH = 100;

const mapIdSchema = z.string().min(1).max(100);
const envelopeSchema = z.union([
  z.object({ mapId: mapIdSchema, type: z.literal('op-ref'), version: z.number().int().positive() }),
  z.object({ mapId: mapIdSchema, event: liveEventSchema }),
]);

export interface PgRelayOptions {
  hub: LocalHub;
  /** Where NOTIFY is sent and map versions are read (the pool). */
  db: { query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: T[] }> };
  /** Logged operations after `since` up to `current`, or null when the log lacks some (OpService.since). */
  loadOps: (mapId: string, since: number, current: number) => Promise<LiveEvent[] | null>;
  /** Open a connection that LISTENs on LIVE_CHANNEL. */
  connect: () => Promise<ListenConnection>;
  /** How long an out-of-order event waits for the ones before it (default 1000 ms). */
  gapWaitMs?: number;
  /** How often the LISTEN connection is pinged (default 20 s). */
  pingMs?: number;
  backoff?: { initialMs?: number; maxMs?: number };
  log?: (message: string) => void;
}

interface Pending {
  version: number;
  /** The event, or null while it is an op-ref whose operation is still being read. */
  event: LiveEvent | null;
  load: Promise<LiveEvent | null> | null;
}

interface MapOrder {
  /** The last version delivered on this instance. */
  last: number;
  /** Events ahead of `last + 1`, by version. */
  held: Map<number, Pending>;
  /** Versions delivered recently (a late duplicate of one of them is dropped quietly). */
  recent: number[];
  timer: NodeJS.Timeout | null;
  draining: boolean;
}

const RECENT = 256;

function versionOf(event: LiveEvent): number | null {
  return event.type === 'op' || event.type === 'reset' ? event.version : null;
}

/** The NOTIFY payload for an event, or null when it cannot be made small enough. */
export function encodeEvent(mapId: string, event: LiveEvent): string | null {
  const text = JSON.stringify({ mapId, event });
  if (Buffer.byteLength(text) <= MAX_PAYLOAD_BYTES) return text;
  if (event.type === 'op') return JSON.stringify({ mapId, type: 'op-ref', version: event.version });
  if (event.type === 'presence') {
    let selection = event.participant.selection;
    while (selection.length > 0) {
      selection = selection.slice(0, Math.floor(selection.length / 2));
      const smaller = JSON.stringify({ mapId, event: { ...event, participant: { ...event.participant, selection } } });
      if (Buffer.byteLength(smaller) <= MAX_PAYLOAD_BYTES) return smaller;
    }
  }
  return null;
}

export class PgRelay {
  private conn: ListenConnection | null = null;
  private closed = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private readonly order = new Map<string, MapOrder>();
  private readonly outbox: Array<{ payload: string; mapId: string; event: LiveEvent }> = [];
  private flushing: Promise<void> | null = null;
  private readonly gapWaitMs: number;
  private readonly pingMs: number;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly log: (message: string) => void;
  /** How many times the LISTEN connection was reopened (for tests and logs). */
  reconnects = 0;

  private constructor(private readonly opts: PgRelayOptions) {
    this.gapWaitMs = opts.gapWaitMs ?? 1000;
    this.pingMs = opts.pingMs ?? 20_000;
    this.initialMs = opts.backoff?.initialMs ?? 250;
    this.maxMs = opts.backoff?.maxMs ?? 10_000;
    this.log = opts.log ?? ((m) => console.error(m));
  }

  /** Connect (throws when LISTEN fails at start-up) and route the hub's events through PostgreSQL. */
  static async start(opts: PgRelayOptions): Promise<PgRelay> {
    const relay = new PgRelay(opts);
    await relay.open();
    opts.hub.setRelay((mapId, event) => relay.publish(mapId, event));
    return relay;
  }

  get listening(): boolean {
    return this.conn !== null;
  }

  publish(mapId: string, event: LiveEvent): void {
    const payload = encodeEvent(mapId, event);
    if (payload === null) {
      this.log(`live relay: a ${event.type} event for map ${mapId} is too big to send to other instances; delivered here only`);
      this.receive(mapId, event);
      return;
    }
    // Not listening right now: this instance's streams would miss their own events otherwise.
    if (!this.conn) this.receive(mapId, event);
    this.outbox.push({ payload, mapId, event });
    if (!this.flushing) this.flushing = this.flush().finally(() => (this.flushing = null));
  }

  /** Send queued notifications, a batch per statement, in publish order. */
  private async flush(): Promise<void> {
    while (this.outbox.length > 0) {
      const batch = this.outbox.splice(0, NOTIFY_BATCH);
      try {
        await this.opts.db.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) AS t(p)', [LIVE_CHANNEL, batch.map((b) => b.payload)]);
      } catch (e) {
        this.log(`live relay: NOTIFY failed (${e instanceof Error ? e.message : String(e)}); delivering ${batch.length} event(s) on this instance only`);
        // Delivered here when still listening (when not, publish already did it).
        if (this.conn) for (const b of batch) this.receive(b.mapId, b.event);
      }
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.opts.hub.setRelay(null);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.pingTimer) clearInterval(this.pingTimer);
    for (const st of this.order.values()) if (st.timer) clearTimeout(st.timer);
    this.order.clear();
    await this.flushing?.catch(() => undefined);
    const conn = this.conn;
    this.conn = null;
    await conn?.close();
  }

  // ── the LISTEN connection ────────────────────────────────────────────────────────────────

  private async open(): Promise<void> {
    const conn = await this.opts.connect();
    if (this.closed) {
      await conn.close();
      return;
    }
    this.conn = conn;
    conn.onNotification((payload) => this.onPayload(payload));
    conn.onEnd((err) => this.lost(conn, err));
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      conn.ping(Math.min(10_000, this.pingMs)).catch((err: unknown) => {
        void conn.close();
        this.lost(conn, err instanceof Error ? err : new Error(String(err)));
      });
    }, this.pingMs);
    this.pingTimer.unref();
  }

  private lost(conn: ListenConnection, err: Error | null): void {
    if (this.conn !== conn) return;
    this.conn = null;
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
    if (this.closed) return;
    this.log(`live relay: the LISTEN connection was lost (${err?.message ?? 'closed'}); reconnecting`);
    this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    if (this.closed || this.retryTimer) return;
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** this.attempt) * (0.75 + Math.random() * 0.5);
    this.attempt++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.open()
        .then(async () => {
          if (this.closed) return;
          this.attempt = 0;
          this.reconnects++;
          this.log(`live relay: listening again after a reconnect; open streams are told to reload`);
          await this.resync();
        })
        .catch((e: unknown) => {
          this.log(`live relay: reconnecting failed (${e instanceof Error ? e.message : String(e)})`);
          this.scheduleReconnect();
        });
    }, delay);
  }

  /** After a reconnect: notifications may have been missed, so every open stream reloads. */
  private async resync(): Promise<void> {
    for (const st of this.order.values()) if (st.timer) clearTimeout(st.timer);
    this.order.clear();
    const maps = this.opts.hub.activeMaps();
    if (maps.length === 0) return;
    try {
      const { rows } = await this.opts.db.query<{ id: string; version: number }>('SELECT id, version FROM maps WHERE id = ANY($1::text[])', [maps]);
      const found = new Map(rows.map((r) => [r.id, r.version]));
      for (const mapId of maps) {
        const version = found.get(mapId);
        this.opts.hub.deliver(mapId, version === undefined ? { type: 'deleted' } : { type: 'reset', version, reason: 'gap' });
      }
    } catch (e) {
      // The database is gone again: drop this connection, the next reconnect resyncs.
      this.log(`live relay: could not resync after reconnecting (${e instanceof Error ? e.message : String(e)})`);
      const conn = this.conn;
      if (conn) {
        void conn.close();
        this.lost(conn, e instanceof Error ? e : new Error(String(e)));
      }
    }
  }

  // ── receiving ─────────────────────────────────────────────────────────────────────────────

  private onPayload(payload: string): void {
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch {
      this.log('live relay: ignored a notification that is not JSON');
      return;
    }
    const parsed = envelopeSchema.safeParse(json);
    if (!parsed.success) {
      this.log('live relay: ignored a notification that is not a live event');
      return;
    }
    const env = parsed.data;
    if ('event' in env) this.receive(env.mapId, env.event as LiveEvent);
    else this.accept(env.mapId, { version: env.version, event: null, load: this.loadOne(env.mapId, env.version) });
  }

  private loadOne(mapId: string, version: number): Promise<LiveEvent | null> {
    return this.opts
      .loadOps(mapId, version - 1, version)
      .then((events) => events?.find((e) => e.type === 'op' && e.version === version) ?? null)
      .catch((e: unknown) => {
        this.log(`live relay: could not read operation ${version} of map ${mapId} (${e instanceof Error ? e.message : String(e)})`);
        return null;
      });
  }

  /** An event heard from any instance (or this one's own while not listening). */
  private receive(mapId: string, event: LiveEvent): void {
    const version = versionOf(event);
    if (version !== null) {
      this.accept(mapId, { version, event, load: null });
      return;
    }
    if (event.type === 'deleted') this.forget(mapId);
    this.opts.hub.deliver(mapId, event);
  }

  private forget(mapId: string): void {
    const st = this.order.get(mapId);
    if (st?.timer) clearTimeout(st.timer);
    this.order.delete(mapId);
  }

  private accept(mapId: string, p: Pending): void {
    let st = this.order.get(mapId);
    if (!st) {
      this.sweep();
      st = { last: p.version - 1, held: new Map(), recent: [], timer: null, draining: false };
      this.order.set(mapId, st);
    }
    if (p.version <= st.last) {
      if (st.recent.includes(p.version)) return; // already delivered (read from the log while filling a gap)
      // Older than what the streams here have moved on to: they must reload to be sure.
      this.opts.hub.deliver(mapId, p.event?.type === 'reset' ? p.event : { type: 'reset', version: st.last, reason: 'gap' });
      return;
    }
    if (st.held.has(p.version)) return;
    st.held.set(p.version, p);
    void this.drain(mapId, st);
  }

  /** Deliver held events while the next version is there; wait (then fill the gap) when it is not. */
  private async drain(mapId: string, st: MapOrder): Promise<void> {
    if (st.draining) return;
    st.draining = true;
    try {
      for (;;) {
        const next = st.held.get(st.last + 1);
        if (!next) break;
        const event = next.event ?? (await next.load);
        if (this.order.get(mapId) !== st) return; // dropped meanwhile (deleted map, reconnect)
        st.held.delete(next.version);
        st.last = next.version;
        st.recent.push(next.version);
        if (st.recent.length > RECENT) st.recent.shift();
        this.opts.hub.deliver(mapId, event ?? { type: 'reset', version: next.version, reason: 'gap' });
      }
    } finally {
      st.draining = false;
    }
    if (st.held.size === 0) {
      if (st.timer) clearTimeout(st.timer);
      st.timer = null;
    } else if (!st.timer) {
      st.timer = setTimeout(() => void this.fillGap(mapId, st), this.gapWaitMs);
    }
  }

  private async fillGap(mapId: string, st: MapOrder): Promise<void> {
    st.timer = null;
    if (this.order.get(mapId) !== st || st.held.size === 0) return;
    const first = Math.min(...st.held.keys());
    if (first > st.last + 1) {
      const from = st.last;
      const missing = await this.opts.loadOps(mapId, from, first - 1).catch(() => null);
      if (this.order.get(mapId) !== st) return;
      if (missing) {
        for (const e of missing) {
          if (e.type === 'op' && e.version > st.last && !st.held.has(e.version)) st.held.set(e.version, { version: e.version, event: e, load: null });
        }
      } else if (st.last === from) {
        // Not in the log (pruned, or a whole-document write whose reset never came): reload.
        this.log(`live relay: versions ${from + 1}–${first - 1} of map ${mapId} never arrived; streams reload`);
        st.last = first - 1;
        this.opts.hub.deliver(mapId, { type: 'reset', version: first - 1, reason: 'gap' });
      }
    }
    void this.drain(mapId, st);
  }

  /** Forget the order of maps nobody here is watching (keeps memory bounded). */
  private sweep(): void {
    if (this.order.size < 2000) return;
    for (const [mapId, st] of this.order) {
      if (st.held.size === 0 && !st.draining && this.opts.hub.listeners(mapId) === 0) this.order.delete(mapId);
    }
  }
}
