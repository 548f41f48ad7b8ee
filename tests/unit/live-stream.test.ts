import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import { initI18n } from '../../src/i18n';
import { liveEn, liveZhCN } from '../../src/i18n/features/live';
import { EventStream, SseParser, parseLiveEvent } from '../../src/live/event-stream';
import { PresenceSender, Roster, type PresenceBody } from '../../src/live/presence';
import { PRESENCE_COLORS, colorFor } from '../../src/live/identity';
import { describeLost } from '../../src/live/lost-text';
import type { LiveEvent, Participant } from '../../src/live/live-events';
import { makeMap } from './helpers/make-map';

describe('SseParser', () => {
  it('parses event and data lines; a blank line ends a frame', () => {
    const p = new SseParser();
    expect(p.push('event: hello\ndata: {"type":"hello"}\n\n')).toEqual([{ event: 'hello', data: '{"type":"hello"}' }]);
  });

  it('joins frames split across chunks anywhere, including inside \\r\\n', () => {
    const p = new SseParser();
    const text = 'event: op\r\ndata: {"a":1}\r\n\r\nevent: left\r\ndata: {"b":2}\r\n\r\n';
    const frames = [];
    for (let i = 0; i < text.length; i += 3) frames.push(...p.push(text.slice(i, i + 3)));
    expect(frames).toEqual([
      { event: 'op', data: '{"a":1}' },
      { event: 'left', data: '{"b":2}' },
    ]);
  });

  it('ignores heartbeat comments and frames without data; multi-line data is joined with \\n', () => {
    const p = new SseParser();
    expect(p.push(': keep-alive\n\n')).toEqual([]);
    expect(p.push('event: x\n\n')).toEqual([]);
    expect(p.push('data: line 1\ndata:line 2\n\n')).toEqual([{ event: 'message', data: 'line 1\nline 2' }]);
  });

  it('keeps an unfinished frame until its blank line', () => {
    const p = new SseParser();
    expect(p.push('event: hello\ndata: {}')).toEqual([]);
    expect(p.push('\n')).toEqual([]);
    expect(p.push('\n')).toEqual([{ event: 'hello', data: '{}' }]);
  });
});

describe('parseLiveEvent', () => {
  it('accepts known events and refuses bad JSON or unknown shapes', () => {
    expect(parseLiveEvent({ event: 'hello', data: '{"type":"hello","version":3,"role":"owner"}' })).toEqual({ type: 'hello', version: 3, role: 'owner' });
    expect(parseLiveEvent({ event: 'x', data: 'not json' })).toBeNull();
    expect(parseLiveEvent({ event: 'op', data: '{"type":"op","version":"3"}' })).toBeNull();
    expect(parseLiveEvent({ event: 'x', data: '{"type":"nope"}' })).toBeNull();
  });
});

function sseResponse(chunks: string[], status = 200): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new TextEncoder().encode(c));
      controller.close();
    },
  });
  return new Response(body, { status, headers: { 'Content-Type': 'text/event-stream' } });
}

describe('EventStream', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('delivers events, reconnects with since=<version> after the stream ends, and stops on revoked', async () => {
    const urls: string[] = [];
    const responses = [
      sseResponse(['event: hello\ndata: {"type":"hello","version":1,"role":"edit"}\n\n', ': keep-alive\n\n']),
      sseResponse(['event: hello\ndata: {"type":"hello","version":4,"role":"edit"}\n\nevent: revoked\ndata: {"type":"revoked","linkId":"l1"}\n\n']),
    ];
    const fetchFn = vi.fn(async (url: string | URL | Request) => {
      urls.push(String(url));
      return responses.shift() ?? sseResponse([], 500);
    });
    let version = 1;
    const events: LiveEvent[] = [];
    const ends: string[] = [];
    const stream = new EventStream({
      mapId: 'm1',
      clientId: 'client-123',
      since: () => version,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'hello') version = e.version;
      },
      onEnd: (r) => ends.push(r),
      fetch: fetchFn as unknown as typeof fetch,
    });
    stream.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(events.map((e) => e.type)).toEqual(['hello']);
    await vi.advanceTimersByTimeAsync(1100); // backoff 1 s, then reconnect
    expect(urls[0]).toBe('/api/maps/m1/events?since=1&clientId=client-123');
    expect(urls[1]).toBe('/api/maps/m1/events?since=1&clientId=client-123');
    expect(events.map((e) => e.type)).toEqual(['hello', 'hello', 'revoked']);
    expect(ends).toEqual(['revoked']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(fetchFn).toHaveBeenCalledTimes(2);
  });

  it('401 ends the stream as revoked without retrying', async () => {
    const fetchFn = vi.fn(async () => new Response('{}', { status: 401 }));
    const ends: string[] = [];
    const stream = new EventStream({ mapId: 'm1', clientId: 'client-123', since: () => 0, onEvent: () => {}, onEnd: (r) => ends.push(r), fetch: fetchFn as unknown as typeof fetch });
    stream.start();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(ends).toEqual(['revoked']);
    expect(fetchFn).toHaveBeenCalledTimes(1);
  });
});

describe('presence', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends on start, throttles selection (200 ms) and cursor (100 ms) changes, beats every 15 s, leaves', async () => {
    const sent: PresenceBody[] = [];
    const left: string[] = [];
    const sender = new PresenceSender({
      clientId: 'client-123',
      me: () => ({ name: 'Ana', color: '#1d4ed8' }),
      transport: { post: async (b) => void sent.push(structuredClone(b)), leave: (id) => left.push(id) },
    });
    sender.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    for (let i = 0; i < 10; i++) sender.setCursor({ x: i, y: i });
    await vi.advanceTimersByTimeAsync(99);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.cursor).toEqual({ x: 9, y: 9 });
    sender.setSelection(['t1']);
    sender.setSelection(['t1', 't2']);
    await vi.advanceTimersByTimeAsync(250);
    expect(sent.at(-1)!.selection).toEqual(['t1', 't2']);
    const before = sent.length;
    await vi.advanceTimersByTimeAsync(15_000);
    expect(sent.length).toBe(before + 1);
    sender.setCursor(null);
    await vi.advanceTimersByTimeAsync(150);
    expect(sent.at(-1)!.cursor).toBeNull();
    sender.leave();
    expect(left).toEqual(['client-123']);
  });

  it('keeps the roster from roster/presence/left events, me first, and drops people unseen for 45 s', () => {
    let now = 0;
    const roster = new Roster(
      { clientId: 'me-000001', role: () => 'owner', body: () => ({ clientId: 'me-000001', name: 'Me', color: '#1d4ed8', selection: [], cursor: null }) },
      () => now,
    );
    const p = (clientId: string, name: string): Participant => ({ clientId, name, color: '#b91c1c', role: 'edit', selection: [], cursor: null, seenAt: '2026-01-01T00:00:00Z' });
    roster.apply({ type: 'roster', participants: [p('bo-0000001', 'Bo')] });
    roster.apply({ type: 'presence', participant: p('cy-0000001', 'Cy') });
    expect(roster.participants().map((x) => x.name)).toEqual(['Me', 'Bo', 'Cy']);
    roster.apply({ type: 'left', clientId: 'bo-0000001' });
    expect(roster.participants().map((x) => x.name)).toEqual(['Me', 'Cy']);
    now = 46_000;
    roster.prune();
    expect(roster.participants().map((x) => x.name)).toEqual(['Me']);
  });

  it('picks a colour nobody else uses', () => {
    const first = colorFor('client-abc');
    expect(PRESENCE_COLORS).toContain(first);
    expect(colorFor('client-abc', [first])).not.toBe(first);
    expect(colorFor('client-abc')).toBe(first);
  });
});

describe('live texts', () => {
  beforeAll(() => initI18n());

  function keysOf(o: object, prefix = ''): string[] {
    return Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
  }

  it('has the same keys in both languages', () => {
    expect(keysOf(liveZhCN).sort()).toEqual(keysOf(liveEn).sort());
  });

  it('names who changed what', async () => {
    const map = makeMap({ stages: ['s1'], lanes: ['l1'], touchpoints: [{ id: 't1', title: 'Check-in desk' }] });
    await i18next.changeLanguage('en');
    const notice = { author: 'Ana', paths: ['touchpoints/t1/title'], mine: map, base: map, theirs: map };
    expect(describeLost(notice, i18next.t)).toBe('Ana changed “Check-in desk” title at the same time; their version was kept');
    expect(describeLost({ ...notice, author: '', paths: ['title', 'touchpoints/t1/title'] }, i18next.t)).toBe(
      'Someone changed the map’s title and 1 more at the same time; their versions were kept',
    );
    await i18next.changeLanguage('zh-CN');
    expect(describeLost(notice, i18next.t)).toBe('Ana 同时修改了“Check-in desk”的标题；已保留对方的版本');
    await i18next.changeLanguage('en');
  });
});
