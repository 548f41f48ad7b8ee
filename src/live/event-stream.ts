/**
 * The map's live event stream (GET /api/maps/:id/events) read with fetch() streaming, because
 * EventSource cannot send the share link's `Authorization` header.
 *
 * - `SseParser` turns text chunks into server-sent-event frames (`event:` / `data:` lines, a blank
 *   line ends a frame, lines starting with `:` are heartbeats).
 * - `EventStream` connects with `since=<version>&clientId=<id>`, checks every event with zod,
 *   reconnects with backoff (1 s → 30 s; the server replays the missed operations or sends
 *   `reset`), treats 45 s of silence (heartbeats come every 15 s) as a dead connection, and stops
 *   for good on `revoked`, 401, 403 and 404.
 */
import { z } from 'zod';
import type { LiveEvent } from './live-events';
import type { Changeset } from '../store/history';

export interface SseFrame {
  event: string;
  data: string;
}

/** Incremental parser of a `text/event-stream` body. */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  private sawCr = false;

  /** Feed a chunk; returns the frames it completed. */
  push(chunk: string): SseFrame[] {
    const frames: SseFrame[] = [];
    let text = chunk;
    // A "\r\n" split across two chunks: the "\n" belongs to the line the "\r" ended.
    if (this.sawCr && text.startsWith('\n')) text = text.slice(1);
    this.sawCr = false;
    this.buffer += text;
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const ch = this.buffer[i];
      if (ch !== '\n' && ch !== '\r') continue;
      const line = this.buffer.slice(start, i);
      if (ch === '\r') {
        if (i + 1 < this.buffer.length) {
          if (this.buffer[i + 1] === '\n') i++;
        } else {
          this.sawCr = true;
        }
      }
      start = i + 1;
      this.line(line, frames);
    }
    this.buffer = this.buffer.slice(start);
    return frames;
  }

  private line(line: string, frames: SseFrame[]): void {
    if (line === '') {
      if (this.data.length > 0) frames.push({ event: this.event || 'message', data: this.data.join('\n') });
      this.event = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return; // comment / heartbeat
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    // `id` and `retry` are not used by this server.
  }
}

// ── event validation ───────────────────────────────────────────────────────────────────────

const role = z.enum(['view', 'comment', 'edit', 'owner']);
const participant = z.object({
  clientId: z.string(),
  name: z.string(),
  color: z.string(),
  role,
  selection: z.array(z.string()),
  cursor: z.object({ x: z.number(), y: z.number() }).nullable(),
  seenAt: z.string(),
});
const changeset = z.object({ fields: z.array(z.object({ key: z.string() }).passthrough()), collections: z.array(z.object({ key: z.string() }).passthrough()) });

export const liveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('hello'), version: z.number().int(), role }),
  z.object({ type: z.literal('roster'), participants: z.array(participant) }),
  z.object({
    type: z.literal('op'),
    version: z.number().int(),
    opId: z.string().nullable(),
    clientId: z.string().nullable(),
    author: z.string(),
    changeset,
    at: z.string(),
  }),
  z.object({ type: z.literal('reset'), version: z.number().int(), reason: z.enum(['saved', 'restored', 'gap']) }),
  z.object({ type: z.literal('deleted') }),
  z.object({ type: z.literal('presence'), participant }),
  z.object({ type: z.literal('left'), clientId: z.string(), final: z.boolean().optional() }),
  z.object({ type: z.literal('votes'), sessionId: z.string() }),
  z.object({
    type: z.literal('walkthrough'),
    presenter: z.object({ clientId: z.string(), name: z.string() }).nullable(),
    stageId: z.string().nullable(),
  }),
  z.object({ type: z.literal('versions') }),
  z.object({ type: z.literal('revoked'), linkId: z.string() }),
]);

/** One frame as a live event, or null when it is not one (unknown type, bad JSON). */
export function parseLiveEvent(frame: SseFrame): LiveEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(frame.data);
  } catch {
    return null;
  }
  const parsed = liveEventSchema.safeParse(json);
  if (!parsed.success) return null;
  const e = parsed.data;
  return (e.type === 'op' ? { ...e, changeset: e.changeset as unknown as Changeset } : e) as LiveEvent;
}

// ── the connection ─────────────────────────────────────────────────────────────────────────

export type StreamState = 'connecting' | 'live' | 'offline';
/** Why the stream stopped for good. */
export type StreamEnd = 'revoked' | 'forbidden' | 'deleted';

export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const defaultTimers: Timers = {
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof globalThis.setTimeout>),
};

export interface EventStreamOptions {
  mapId: string;
  clientId: string;
  /** The version the client has (asked for on every (re)connect). */
  since: () => number;
  onEvent: (event: LiveEvent) => void;
  onState?: (state: StreamState) => void;
  onEnd?: (reason: StreamEnd) => void;
  headers?: () => Record<string, string>;
  fetch?: typeof fetch;
  timers?: Timers;
  backoff?: { initialMs?: number; maxMs?: number };
  /** No byte for this long: the connection is considered dead (default 45 s). */
  silenceMs?: number;
}

export class EventStream {
  private controller: AbortController | null = null;
  private closed = false;
  private attempt = 0;
  private retryTimer: unknown = null;
  private silenceTimer: unknown = null;
  private state: StreamState = 'connecting';
  private readonly timers: Timers;
  private readonly initialMs: number;
  private readonly maxMs: number;
  private readonly silenceMs: number;

  constructor(private readonly opts: EventStreamOptions) {
    this.timers = opts.timers ?? defaultTimers;
    this.initialMs = opts.backoff?.initialMs ?? 1000;
    this.maxMs = opts.backoff?.maxMs ?? 30_000;
    this.silenceMs = opts.silenceMs ?? 45_000;
  }

  start(): void {
    if (this.closed || this.controller) return;
    void this.connect();
  }

  /** Reconnect at once (the browser came back online). */
  reconnectNow(): void {
    if (this.closed) return;
    if (this.state === 'live') return;
    this.clear('retryTimer');
    this.controller?.abort();
    this.controller = null;
    void this.connect();
  }

  close(): void {
    this.closed = true;
    this.clear('retryTimer');
    this.clear('silenceTimer');
    this.controller?.abort();
    this.controller = null;
  }

  private setState(s: StreamState): void {
    if (s === this.state) return;
    this.state = s;
    this.opts.onState?.(s);
  }

  private end(reason: StreamEnd): void {
    this.close();
    this.opts.onEnd?.(reason);
  }

  private clear(name: 'retryTimer' | 'silenceTimer'): void {
    if (this[name] !== null) {
      this.timers.clearTimeout(this[name]);
      this[name] = null;
    }
  }

  private armSilence(controller: AbortController): void {
    this.clear('silenceTimer');
    this.silenceTimer = this.timers.setTimeout(() => {
      this.silenceTimer = null;
      controller.abort();
    }, this.silenceMs);
  }

  private async connect(): Promise<void> {
    const controller = new AbortController();
    this.controller = controller;
    const q = new URLSearchParams({ since: String(this.opts.since()), clientId: this.opts.clientId });
    const doFetch = this.opts.fetch ?? globalThis.fetch.bind(globalThis);
    try {
      this.armSilence(controller);
      const res = await doFetch(`/api/maps/${encodeURIComponent(this.opts.mapId)}/events?${q.toString()}`, {
        headers: { Accept: 'text/event-stream', ...(this.opts.headers?.() ?? {}) },
        signal: controller.signal,
        cache: 'no-store',
      });
      if (res.status === 401) return this.end('revoked');
      if (res.status === 403) return this.end('forbidden');
      if (res.status === 404) return this.end('deleted');
      if (!res.ok || !res.body) throw new Error(`HTTP ${res.status}`);
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      const parser = new SseParser();
      for (;;) {
        const { done, value } = await reader.read();
        if (done || this.closed || this.controller !== controller) break;
        this.armSilence(controller);
        for (const frame of parser.push(decoder.decode(value, { stream: true }))) {
          const event = parseLiveEvent(frame);
          if (!event) continue;
          if (event.type === 'hello') {
            this.attempt = 0;
            this.setState('live');
          }
          this.opts.onEvent(event);
          if (this.closed) return;
          if (event.type === 'revoked') return this.end('revoked');
          if (event.type === 'deleted') return this.end('deleted');
        }
      }
    } catch {
      // network error, abort, silence: reconnect below
    }
    if (this.closed || this.controller !== controller) return;
    this.controller = null;
    this.clear('silenceTimer');
    this.setState('offline');
    const delay = Math.min(this.maxMs, this.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      if (!this.closed) {
        this.setState('connecting');
        void this.connect();
      }
    }, delay);
  }
}
