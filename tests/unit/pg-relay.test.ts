/**
 * The PostgreSQL live relay without a database: a fake LISTEN connection and a fake pool that
 * "broadcasts" pg_notify payloads. Order per map (early events wait, op-refs load out of order),
 * gap filling from the operation log, payload size limits, reconnect + resync.
 */
import { describe, expect, it, vi } from 'vitest';
import type { ListenConnection } from '../../server/db/postgres';
import { LocalHub } from '../../server/live/hub';
import { encodeEvent, MAX_PAYLOAD_BYTES, PgRelay } from '../../server/live/pg-relay';
import type { LiveEvent } from '../../server/live/events';

type OpEvent = Extract<LiveEvent, { type: 'op' }>;

const op = (version: number, extra: Partial<OpEvent> = {}): OpEvent => ({
  type: 'op',
  version,
  opId: `op-${version}-xxxxxxx`,
  clientId: 'client-1234',
  author: 'Ana',
  changeset: { fields: [{ key: 'title', before: 'a', after: `v${version}` }], collections: [] },
  at: '2026-11-23T12:00:00.000Z',
  ...extra,
});

class FakeConn implements ListenConnection {
  notify: (payload: string) => void = () => {};
  end: (err: Error | null) => void = () => {};
  closed = false;
  onNotification(fn: (payload: string) => void) {
    this.notify = fn;
  }
  onEnd(fn: (err: Error | null) => void) {
    this.end = fn;
  }
  async ping() {}
  async close() {
    this.closed = true;
  }
  drop() {
    this.closed = true;
    this.end(new Error('connection terminated'));
  }
}

function setup(opts: { log?: Map<number, OpEvent>; versions?: Record<string, number>; loadDelay?: (v: number) => number } = {}) {
  const hub = new LocalHub();
  const conns: FakeConn[] = [];
  const notified: string[] = [];
  const logs: string[] = [];
  let holdNotifications = false;
  const db = {
    async query<T>(sql: string, params: readonly unknown[] = []): Promise<{ rows: T[] }> {
      if (sql.includes('pg_notify')) {
        const payloads = params[1] as string[];
        notified.push(...payloads);
        if (!holdNotifications) for (const p of payloads) for (const c of conns) if (!c.closed) c.notify(p);
        return { rows: [] };
      }
      if (sql.includes('FROM maps')) {
        const ids = params[0] as string[];
        return { rows: ids.filter((id) => opts.versions?.[id] !== undefined).map((id) => ({ id, version: opts.versions![id] })) as T[] };
      }
      throw new Error(`unexpected query ${sql}`);
    },
  };
  const loadOps = vi.fn(async (_mapId: string, since: number, current: number) => {
    const out: LiveEvent[] = [];
    for (let v = since + 1; v <= current; v++) {
      const e = opts.log?.get(v);
      if (!e) return null;
      await new Promise((r) => setTimeout(r, opts.loadDelay?.(v) ?? 0));
      out.push(e);
    }
    return out;
  });
  const connect = async () => {
    const c = new FakeConn();
    conns.push(c);
    return c;
  };
  const delivered: Array<[string, LiveEvent]> = [];
  hub.tap((mapId, e) => delivered.push([mapId, e]));
  const start = () =>
    PgRelay.start({ hub, db, loadOps, connect, gapWaitMs: 40, pingMs: 60_000, backoff: { initialMs: 5, maxMs: 20 }, log: (m) => logs.push(m) });
  const emit = (payload: unknown) => conns.at(-1)!.notify(JSON.stringify(payload));
  return { hub, conns, notified, logs, loadOps, delivered, start, emit, hold: (h: boolean) => (holdNotifications = h) };
}

const versionsOf = (delivered: Array<[string, LiveEvent]>) => delivered.map(([, e]) => (e.type === 'op' ? e.version : e.type === 'reset' ? `reset ${e.version}` : e.type));

describe('PgRelay', () => {
  it('sends published events through NOTIFY and delivers what it hears (also its own)', async () => {
    const t = setup();
    const relay = await t.start();
    const seen: LiveEvent[] = [];
    t.hub.subscribe('map1', (e) => seen.push(e));
    t.hub.publish('map1', op(1));
    t.hub.publish('map1', { type: 'versions' });
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(JSON.parse(t.notified[0]!)).toEqual({ mapId: 'map1', event: op(1) });
    expect(seen.map((e) => e.type)).toEqual(['op', 'versions']);
    await relay.close();
  });

  it('delivers operations in version order when they arrive out of order', async () => {
    const t = setup();
    const relay = await t.start();
    t.emit({ mapId: 'm', event: op(5) });
    t.emit({ mapId: 'm', event: op(7) });
    t.emit({ mapId: 'm', event: { type: 'presence', participant: { clientId: 'c1234567', name: '', color: '#000000', role: 'edit', selection: [], cursor: null, seenAt: 'x' } } });
    t.emit({ mapId: 'm', event: op(6) });
    t.emit({ mapId: 'm', event: { type: 'reset', version: 8, reason: 'saved' } });
    await vi.waitFor(() => expect(t.delivered).toHaveLength(5));
    expect(versionsOf(t.delivered)).toEqual([5, 'presence', 6, 7, 'reset 8']);
    expect(t.loadOps).not.toHaveBeenCalled();
    await relay.close();
  });

  it('reads op-refs from the log and keeps order even when loads finish out of order', async () => {
    const log = new Map([2, 3, 4].map((v) => [v, op(v, { author: `from log ${v}` })]));
    const t = setup({ log, loadDelay: (v) => (v === 2 ? 60 : 0) });
    const relay = await t.start();
    t.emit({ mapId: 'm', event: op(1) });
    t.emit({ mapId: 'm', type: 'op-ref', version: 2 });
    t.emit({ mapId: 'm', type: 'op-ref', version: 3 });
    t.emit({ mapId: 'm', event: op(4) });
    await vi.waitFor(() => expect(t.delivered).toHaveLength(4));
    expect(versionsOf(t.delivered)).toEqual([1, 2, 3, 4]);
    expect((t.delivered[1]![1] as OpEvent).author).toBe('from log 2');
    await relay.close();
  });

  it('fills a gap from the operation log, or tells streams to reload when the log lacks it', async () => {
    const log = new Map([[11, op(11, { author: 'logged' })]]);
    const t = setup({ log });
    const relay = await t.start();
    t.emit({ mapId: 'm', event: op(10) });
    t.emit({ mapId: 'm', event: op(12) }); // 11's notification never comes
    await vi.waitFor(() => expect(t.delivered).toHaveLength(3));
    expect(versionsOf(t.delivered)).toEqual([10, 11, 12]);
    expect(t.loadOps).toHaveBeenCalledWith('m', 10, 11);
    // 13 is in no log: a reset, then what follows.
    t.emit({ mapId: 'm', event: op(14) });
    await vi.waitFor(() => expect(t.delivered).toHaveLength(5));
    expect(versionsOf(t.delivered).slice(3)).toEqual(['reset 13', 14]);
    // A late copy of a delivered version is dropped; an undelivered late one makes streams reload.
    t.emit({ mapId: 'm', event: op(11) });
    t.emit({ mapId: 'm', event: op(13) });
    await vi.waitFor(() => expect(t.delivered).toHaveLength(6));
    expect(versionsOf(t.delivered).slice(5)).toEqual(['reset 14']);
    await relay.close();
  });

  it('sends big operations as references and trims big presence selections', () => {
    const big = op(3, { changeset: { fields: [{ key: 'description', before: '', after: '触点'.repeat(3000) }], collections: [] } });
    expect(JSON.parse(encodeEvent('m', big)!)).toEqual({ mapId: 'm', type: 'op-ref', version: 3 });
    const selection = Array.from({ length: 500 }, (_, i) => `node-${String(i).padStart(20, '0')}`);
    const presence: LiveEvent = { type: 'presence', participant: { clientId: 'c1234567', name: '', color: '#000000', role: 'edit', selection, cursor: null, seenAt: 'x' } };
    const text = encodeEvent('m', presence)!;
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_PAYLOAD_BYTES);
    const sent = JSON.parse(text).event.participant.selection as string[];
    expect(sent.length).toBeGreaterThan(0);
    expect(sent).toEqual(selection.slice(0, sent.length));
    const small = encodeEvent('m', { type: 'revoked', linkId: 'L1' })!;
    expect(JSON.parse(small)).toEqual({ mapId: 'm', event: { type: 'revoked', linkId: 'L1' } });
  });

  it('ignores notifications that are not live events', async () => {
    const t = setup();
    const relay = await t.start();
    t.conns[0]!.notify('not json');
    t.emit({ mapId: 'm', event: { type: 'nonsense' } });
    t.emit({ mapId: 'm', event: op(1) });
    await vi.waitFor(() => expect(t.delivered).toHaveLength(1));
    expect(t.logs.filter((l) => l.includes('ignored'))).toHaveLength(2);
    await relay.close();
  });

  it('reconnects when the LISTEN connection drops and tells open streams to reload', async () => {
    const t = setup({ versions: { open: 42 } });
    const relay = await t.start();
    const seen: LiveEvent[] = [];
    t.hub.subscribe('open', (e) => seen.push(e));
    t.hub.subscribe('gone', (e) => seen.push(e));
    t.conns[0]!.drop();
    expect(relay.listening).toBe(false);
    // While not listening, this instance's own events still reach its streams.
    t.hold(true);
    t.hub.publish('open', op(41));
    expect(seen).toEqual([op(41)]);
    t.hold(false);
    await vi.waitFor(() => expect(relay.reconnects).toBe(1));
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(seen.slice(1)).toEqual([{ type: 'reset', version: 42, reason: 'gap' }, { type: 'deleted' }]);
    expect(t.conns).toHaveLength(2);
    // And it hears notifications on the new connection.
    t.hub.publish('open', op(43));
    await vi.waitFor(() => expect(seen).toHaveLength(4));
    await relay.close();
    expect(t.conns[1]!.closed).toBe(true);
  });
});
