/** Reading a map's live event stream (server-sent events) in API tests. */
import type { TestServer } from './server';

export interface LiveEventFrame {
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
  data: any;
}

export interface EventStream {
  /** Frames received so far. */
  frames: LiveEventFrame[];
  /** Wait until a frame matching `pred` has arrived (or throw after `timeoutMs`). */
  waitFor(pred: (f: LiveEventFrame) => boolean, timeoutMs?: number): Promise<LiveEventFrame>;
  /** True once the server ended the stream. */
  ended(): boolean;
  close(): void;
  status: number;
}

export async function openEvents(
  server: TestServer,
  mapId: string,
  opts: { since?: number; clientId?: string; headers?: Record<string, string> } = {},
): Promise<EventStream> {
  const q = new URLSearchParams();
  if (opts.since !== undefined) q.set('since', String(opts.since));
  if (opts.clientId) q.set('clientId', opts.clientId);
  const controller = new AbortController();
  const res = await fetch(`${server.baseUrl}/api/maps/${mapId}/events?${q}`, {
    headers: opts.headers ?? server.ownerHeaders,
    signal: controller.signal,
  });
  const frames: LiveEventFrame[] = [];
  let done = false;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };
  if (res.ok && res.body) {
    const reader = res.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { done: d, value } = await reader.read();
          if (d) break;
          buffer += decoder.decode(value, { stream: true });
          let cut: number;
          while ((cut = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            let event = 'message';
            const data: string[] = [];
            for (const line of block.split('\n')) {
              if (line.startsWith('event: ')) event = line.slice(7);
              else if (line.startsWith('data: ')) data.push(line.slice(6));
            }
            if (data.length) frames.push({ event, data: JSON.parse(data.join('\n')) });
            notify();
          }
        }
      } catch {
        // aborted
      } finally {
        done = true;
        notify();
      }
    })();
  } else {
    done = true;
  }
  return {
    frames,
    status: res.status,
    ended: () => done,
    close: () => controller.abort(),
    waitFor(pred, timeoutMs = 5000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const hit = frames.find(pred);
          if (hit) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(hit);
          } else if (done) {
            waiters.delete(check);
            clearTimeout(timer);
            reject(new Error(`stream ended without the expected event; got: ${frames.map((f) => f.event).join(', ')}`));
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for an event; got: ${frames.map((f) => f.event).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}
