import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/api/http';
import type { MapRole } from '../../src/api/maps';
import { journeyMapSchema, type JourneyMap } from '../../src/domain/schema';
import { applyChangeset, diffDocs, type Changeset, type MergeStats } from '../../src/store/history';
import { MapStore } from '../../src/store/map-store';
import { createMemoryPendingStorage, type PendingStorage } from '../../src/sync/pending-storage';
import type { LiveEvent } from '../../src/live/live-events';
import { LiveSync, localChanges, type LostNotice, type OpAnswer, type OpBody } from '../../src/live/live-sync';
import { makeMap } from './helpers/make-map';

function initialMap(): JourneyMap {
  return makeMap({
    personas: ['p1'],
    stages: ['s1', 's2'],
    lanes: ['l1'],
    touchpoints: [
      { id: 't1', stage: 's1', order: 0, title: 'Check-in desk' },
      { id: 't2', stage: 's1', order: 1, title: 'Security' },
      { id: 't3', stage: 's2', order: 0, title: 'Boarding' },
    ],
  });
}

type OpEvent = Extract<LiveEvent, { type: 'op' }>;

/** An in-memory server doing what server/live/op-service.ts does: three-way merge in arrival order. */
class FakeServer {
  doc: JourneyMap;
  version = 1;
  mode: 'ok' | 'offline' = 'ok';
  /** The next operation is refused with this status. */
  rejectNext: number | null = null;
  readonly opIds = new Map<string, number>();
  readonly received: OpBody[] = [];
  readonly clients: Client[] = [];
  private clock = 0;

  constructor(doc: JourneyMap) {
    this.doc = doc;
  }

  apply(body: OpBody): OpAnswer {
    this.received.push(body);
    if (this.mode === 'offline') throw new ApiError(0, 'Failed to fetch');
    if (this.rejectNext !== null) {
      const status = this.rejectNext;
      this.rejectNext = null;
      throw new ApiError(status, 'This change cannot be applied to the map as it is now');
    }
    if (this.opIds.has(body.opId)) return { version: this.version, lost: [], duplicate: true };
    const stats: MergeStats = { conflicts: 0, paths: [] };
    const merged = applyChangeset(this.doc, body.changeset, 'redo', stats).doc;
    const lost = stats.paths ?? [];
    if (merged === this.doc) return { version: this.version, lost, duplicate: false };
    this.commit(merged, body.author, body.opId, body.clientId);
    this.opIds.set(body.opId, this.version);
    return { version: this.version, lost, duplicate: false };
  }

  /** A change by someone not modelled as a client (or a server route). */
  change(recipe: (d: JourneyMap) => void, author = 'Server'): void {
    const next = structuredClone(this.doc);
    recipe(next);
    this.commit(next, author, null, null);
  }

  private commit(next: JourneyMap, author: string, opId: string | null, clientId: string | null): void {
    const stamped = { ...next, updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, ++this.clock)).toISOString() };
    const checked = journeyMapSchema.safeParse(stamped);
    if (!checked.success) throw new ApiError(422, 'This change cannot be applied to the map as it is now');
    const changeset = diffDocs(this.doc, stamped) as Changeset;
    this.doc = stamped;
    this.version++;
    const event: OpEvent = { type: 'op', version: this.version, opId, clientId, author, changeset, at: stamped.updatedAt };
    for (const c of this.clients) c.inbox.push(event);
  }
}

interface Client {
  name: string;
  store: MapStore;
  sync: LiveSync;
  inbox: LiveEvent[];
  storage: PendingStorage;
  lost: LostNotice[];
  rejected: string[];
  /** Answers are held while true (released by `release`). */
  hold: boolean;
  held: Array<() => void>;
  sent: OpBody[];
  fetches: number;
}

let server: FakeServer;

function connect(name: string, opts: { role?: MapRole; storage?: PendingStorage; doc?: JourneyMap; version?: number } = {}): Client {
  const store = new MapStore(opts.doc ?? server.doc);
  const c = {
    name,
    store,
    inbox: [] as LiveEvent[],
    storage: opts.storage ?? createMemoryPendingStorage(),
    lost: [] as LostNotice[],
    rejected: [] as string[],
    hold: false,
    held: [] as Array<() => void>,
    sent: [] as OpBody[],
    fetches: 0,
  } as Client;
  c.sync = new LiveSync({
    store,
    mapId: server.doc.id,
    clientId: `client-${name}`,
    version: opts.version ?? server.version,
    role: opts.role ?? 'owner',
    author: () => name,
    storage: c.storage,
    transport: {
      sendOp: async (body) => {
        c.sent.push(body);
        if (c.hold) await new Promise<void>((resolve) => c.held.push(resolve));
        return server.apply(structuredClone(body));
      },
      fetchMap: async () => {
        c.fetches++;
        if (server.mode === 'offline') throw new ApiError(0, 'Failed to fetch');
        return { map: structuredClone(server.doc), version: server.version };
      },
    },
    onLost: (n) => c.lost.push(n),
    onRejected: (m) => c.rejected.push(m),
  });
  server.clients.push(c);
  c.sync.setStreamState('live');
  return c;
}

const title = (doc: JourneyMap, id: string) => doc.touchpoints.find((t) => t.id === id)?.title;
const rename = (c: Client, id: string, value: string) =>
  c.store.apply((d) => {
    const tp = d.touchpoints.find((t) => t.id === id);
    if (tp) tp.title = value;
  });

function deliver(c: Client): void {
  for (const e of c.inbox.splice(0)) c.sync.receive(e);
}

/** Let timers and promises run and deliver every event, until quiet. */
async function settle(...clients: Client[]): Promise<void> {
  for (let i = 0; i < 20; i++) {
    await vi.advanceTimersByTimeAsync(150);
    for (const c of clients) deliver(c);
  }
}

function release(c: Client): void {
  c.hold = false;
  for (const r of c.held.splice(0)) r();
}

beforeEach(() => {
  vi.useFakeTimers();
  server = new FakeServer(initialMap());
});

afterEach(() => {
  for (const c of server.clients) c.sync.dispose();
  vi.useRealTimers();
});

describe('LiveSync', () => {
  it('concurrent edits to different cards both survive, everywhere', async () => {
    const a = connect('Ana');
    const b = connect('Bo');
    await a.sync.start();
    await b.sync.start();
    rename(a, 't1', 'From A');
    rename(b, 't2', 'From B');
    await settle(a, b);
    for (const doc of [a.store.getDoc(), b.store.getDoc(), server.doc]) {
      expect(title(doc, 't1')).toBe('From A');
      expect(title(doc, 't2')).toBe('From B');
    }
    expect(a.sync.version).toBe(server.version);
    expect(b.sync.version).toBe(server.version);
    expect(a.sync.getStatus().kind).toBe('saved');
    expect(a.lost).toEqual([]);
    expect(b.lost).toEqual([]);
  });

  it('same field: the operation that reaches the server first wins; the other side is told, and "Use mine" re-applies', async () => {
    const a = connect('Ana');
    const b = connect('Bo');
    await a.sync.start();
    await b.sync.start();
    rename(a, 't1', 'Title A');
    rename(b, 't1', 'Title B');
    // A's send timer fires first, so A's operation reaches the server first.
    await settle(a, b);
    expect(title(server.doc, 't1')).toBe('Title A');
    expect(title(a.store.getDoc(), 't1')).toBe('Title A');
    expect(title(b.store.getDoc(), 't1')).toBe('Title A');
    expect(a.lost).toEqual([]);
    expect(b.lost.length).toBeGreaterThan(0);
    const notice = b.lost[0]!;
    expect(notice.author).toBe('Ana');
    expect(notice.paths).toEqual(['touchpoints/t1/title']);
    expect(title(notice.mine, 't1')).toBe('Title B');
    // The other edits of B are not affected; "Use mine" is a new edit and goes through.
    expect(b.sync.useMine(notice)).toBe(true);
    await settle(a, b);
    expect(title(server.doc, 't1')).toBe('Title B');
    expect(title(a.store.getDoc(), 't1')).toBe('Title B');
  });

  it('the server reports a lost value when the other operation arrived first and our edit was already in flight', async () => {
    const a = connect('Ana');
    await a.sync.start();
    rename(a, 't1', 'Mine');
    a.hold = true;
    await vi.advanceTimersByTimeAsync(150); // A's op is in flight, held
    server.change((d) => {
      d.touchpoints[0]!.title = 'Theirs';
    }, 'Chen');
    release(a);
    await settle(a);
    expect(title(server.doc, 't1')).toBe('Theirs');
    expect(title(a.store.getDoc(), 't1')).toBe('Theirs');
    expect(a.lost.some((n) => n.paths.includes('touchpoints/t1/title') && n.author === 'Chen')).toBe(true);
  });

  it('own operation acknowledged with nothing in between: confirmed, no rebase of the store', async () => {
    const a = connect('Ana');
    await a.sync.start();
    rename(a, 't1', 'Mine');
    const doc = a.store.getDoc();
    const replace = vi.spyOn(a.store, 'replaceDocument');
    await settle(a);
    expect(a.store.getDoc()).toBe(doc);
    expect(replace).not.toHaveBeenCalled();
    expect(a.sync.version).toBe(2);
    expect(localChanges(a.sync.getConfirmed(), a.store.getDoc())).toEqual({ fields: [], collections: [] });
    expect(a.sync.hasUnconfirmedChanges()).toBe(false);
    expect(a.sent).toHaveLength(1);
  });

  it('own operation acknowledged with a remote operation in between (answer first, events later)', async () => {
    const a = connect('Ana');
    await a.sync.start();
    rename(a, 't1', 'Mine');
    server.change((d) => {
      d.touchpoints[1]!.title = 'Theirs';
    }, 'Chen');
    // A sends on top of version 1; the server is at 2: its answer says 3 before A saw version 2.
    await vi.advanceTimersByTimeAsync(150);
    expect(a.sent).toHaveLength(1);
    expect(a.sync.hasUnconfirmedChanges()).toBe(true);
    rename(a, 't3', 'Later edit'); // made while waiting: must survive the rebase
    deliver(a);
    await settle(a);
    expect(title(a.store.getDoc(), 't1')).toBe('Mine');
    expect(title(a.store.getDoc(), 't2')).toBe('Theirs');
    expect(title(a.store.getDoc(), 't3')).toBe('Later edit');
    expect(title(server.doc, 't3')).toBe('Later edit');
    expect(a.sync.version).toBe(server.version);
    expect(a.sync.hasUnconfirmedChanges()).toBe(false);
    expect(a.lost).toEqual([]);
  });

  it('a version gap fetches the map again and keeps the local edits', async () => {
    const a = connect('Ana');
    await a.sync.start();
    server.change((d) => {
      d.touchpoints[1]!.title = 'Second';
    });
    server.change((d) => {
      d.touchpoints[2]!.title = 'Third';
    });
    rename(a, 't1', 'Local');
    a.hold = true;
    await vi.advanceTimersByTimeAsync(150);
    a.inbox.shift(); // version 2 never arrives
    deliver(a); // version 3: a gap
    release(a);
    await settle(a);
    expect(a.fetches).toBeGreaterThan(0);
    expect(title(a.store.getDoc(), 't1')).toBe('Local');
    expect(title(a.store.getDoc(), 't2')).toBe('Second');
    expect(title(a.store.getDoc(), 't3')).toBe('Third');
    expect(a.sync.version).toBe(server.version);
    expect(title(server.doc, 't1')).toBe('Local');
  });

  it('a reset event fetches the map again', async () => {
    const a = connect('Ana');
    await a.sync.start();
    server.doc = { ...server.doc, title: 'Imported again' };
    server.version = 7;
    a.sync.receive({ type: 'reset', version: 7, reason: 'saved' });
    await settle(a);
    expect(a.store.getDoc().title).toBe('Imported again');
    expect(a.sync.version).toBe(7);
  });

  it('422 drops only that operation; later edits are kept and sent', async () => {
    const a = connect('Ana');
    await a.sync.start();
    rename(a, 't1', 'Refused');
    a.hold = true;
    await vi.advanceTimersByTimeAsync(150);
    rename(a, 't2', 'Accepted later');
    server.rejectNext = 422;
    release(a);
    await settle(a);
    expect(a.rejected).toHaveLength(1);
    expect(title(a.store.getDoc(), 't1')).toBe('Check-in desk');
    expect(title(a.store.getDoc(), 't2')).toBe('Accepted later');
    expect(title(server.doc, 't1')).toBe('Check-in desk');
    expect(title(server.doc, 't2')).toBe('Accepted later');
    expect(a.sync.getStatus().kind).toBe('saved');
  });

  it('offline: edits wait (and are stored), are retried with the same opId, and go out when back online', async () => {
    const a = connect('Ana');
    const b = connect('Bo');
    await a.sync.start();
    await b.sync.start();
    server.mode = 'offline';
    rename(a, 't1', 'Offline one');
    await vi.advanceTimersByTimeAsync(150);
    rename(a, 't2', 'Offline two');
    await vi.advanceTimersByTimeAsync(3000);
    const status = a.sync.getStatus();
    expect(status.kind).toBe('offline');
    expect(status.kind === 'offline' && status.waiting).toBe(2);
    const stored = await a.storage.get(server.doc.id);
    expect(stored && title(stored.localDoc, 't2')).toBe('Offline two');
    const opIds = new Set(a.sent.map((s) => s.opId));
    expect(opIds.size).toBe(1); // the same operation, retried
    server.mode = 'ok';
    a.sync.setOnline(true);
    await settle(a, b);
    expect(title(server.doc, 't1')).toBe('Offline one');
    expect(title(server.doc, 't2')).toBe('Offline two');
    expect(title(b.store.getDoc(), 't2')).toBe('Offline two');
    expect(a.sync.getStatus().kind).toBe('saved');
    await a.sync.flush();
    expect(await a.storage.get(server.doc.id)).toBeUndefined();
  });

  it('a reload sends what the previous session left in storage, merged with what changed since', async () => {
    const storage = createMemoryPendingStorage();
    const first = connect('Ana', { storage });
    await first.sync.start();
    server.mode = 'offline';
    rename(first, 't1', 'Kept offline');
    await vi.advanceTimersByTimeAsync(500);
    first.sync.dispose();
    server.clients.splice(server.clients.indexOf(first), 1);
    server.mode = 'ok';
    server.change((d) => {
      d.touchpoints[2]!.title = 'Changed meanwhile';
    }, 'Chen');
    const again = connect('Ana', { storage });
    await again.sync.start();
    expect(title(again.store.getDoc(), 't1')).toBe('Kept offline');
    await settle(again);
    expect(title(server.doc, 't1')).toBe('Kept offline');
    expect(title(server.doc, 't3')).toBe('Changed meanwhile');
    expect(title(again.store.getDoc(), 't3')).toBe('Changed meanwhile');
    expect(again.sync.getStatus().kind).toBe('saved');
  });

  it('undo after a remote change only undoes my own edit', async () => {
    const a = connect('Ana');
    const b = connect('Bo');
    await a.sync.start();
    await b.sync.start();
    rename(a, 't1', 'Mine');
    await settle(a, b);
    rename(b, 't2', 'Theirs');
    await settle(a, b);
    expect(title(a.store.getDoc(), 't2')).toBe('Theirs');
    expect(a.store.undo()).toBe(true);
    expect(title(a.store.getDoc(), 't1')).toBe('Check-in desk');
    expect(title(a.store.getDoc(), 't2')).toBe('Theirs');
    await settle(a, b);
    expect(title(server.doc, 't1')).toBe('Check-in desk');
    expect(title(server.doc, 't2')).toBe('Theirs');
    expect(title(b.store.getDoc(), 't1')).toBe('Check-in desk');
    expect(a.store.canUndo).toBe(false);
  });

  it('a value changed and changed back (same content, new object) sends nothing and settles', async () => {
    const a = connect('Ana');
    await a.sync.start();
    rename(a, 't1', 'X');
    await settle(a);
    expect(a.sent).toHaveLength(1);
    rename(a, 't1', 'Y');
    rename(a, 't1', 'X'); // back to what the server has, as a new object
    await settle(a);
    expect(a.sent).toHaveLength(1);
    expect(a.sync.hasUnconfirmedChanges()).toBe(false);
    expect(a.sync.getStatus().kind).toBe('saved');
  });

  it('nothing is sent during a gesture; the gesture goes as one operation when it ends', async () => {
    const a = connect('Ana');
    await a.sync.start();
    a.store.beginGesture('Drag');
    rename(a, 't1', 'Step 1');
    await vi.advanceTimersByTimeAsync(500);
    rename(a, 't1', 'Step 2');
    await vi.advanceTimersByTimeAsync(500);
    expect(a.sent).toHaveLength(0);
    a.store.endGesture();
    await settle(a);
    expect(a.sent).toHaveLength(1);
    expect(title(server.doc, 't1')).toBe('Step 2');
  });

  it('view and comment roles never send operations', async () => {
    for (const role of ['view', 'comment'] as const) {
      const g = connect(`guest-${role}`, { role });
      await g.sync.start();
      rename(g, 't1', 'Not allowed');
      await settle(g);
      expect(g.sent).toHaveLength(0);
    }
    expect(title(server.doc, 't1')).toBe('Check-in desk');
  });

  it('401 and 403 stop sending (revoked / forbidden); a deleted event ends it', async () => {
    const a = connect('Ana');
    await a.sync.start();
    rename(a, 't1', 'x');
    a.hold = true;
    await vi.advanceTimersByTimeAsync(150);
    server.rejectNext = 401;
    release(a);
    await settle(a);
    expect(a.sync.getStatus().kind).toBe('revoked');
    rename(a, 't2', 'y');
    await settle(a);
    expect(a.sent).toHaveLength(1);
    const b = connect('Bo');
    await b.sync.start();
    b.sync.receive({ type: 'deleted' });
    expect(b.sync.getStatus().kind).toBe('deleted');
  });

  it('200 rapid edits end up consistent on the server and in the other tab', async () => {
    const a = connect('Ana');
    const b = connect('Bo');
    await a.sync.start();
    await b.sync.start();
    for (let i = 0; i < 200; i++) {
      rename(a, 't1', `Edit ${i}`);
      if (i % 7 === 0) rename(b, 't3', `B edit ${i}`);
      await vi.advanceTimersByTimeAsync(i % 3 === 0 ? 120 : 20);
      if (i % 5 === 0) deliver(a);
      if (i % 4 === 0) deliver(b);
    }
    await settle(a, b);
    expect(title(server.doc, 't1')).toBe('Edit 199');
    expect(title(a.store.getDoc(), 't1')).toBe('Edit 199');
    expect(title(b.store.getDoc(), 't1')).toBe('Edit 199');
    expect(title(server.doc, 't3')).toBe(title(a.store.getDoc(), 't3'));
    expect(title(b.store.getDoc(), 't3')).toBe(title(a.store.getDoc(), 't3'));
    expect(server.received.length).toBeLessThan(200); // coalesced
  });
});
