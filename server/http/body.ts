/**
 * Reading JSON request bodies defensively: JSON content type only (415), at most 5 MB whether
 * announced by Content-Length or streamed (413), well-formed UTF-8 JSON (400), and no keys that
 * could pollute prototypes when the object is merged somewhere (400).
 */
import { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError, validationError } from './errors';

export const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** Deeper than any valid journey map needs; stops pathological nesting early. */
export const MAX_JSON_DEPTH = 64;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * A refused body is still read to its end (up to this much) and thrown away, so the client gets
 * the error answer on a connection that stays usable. Beyond it the connection is closed.
 */
export const MAX_DISCARD_BYTES = 32 * 1024 * 1024;

function isJsonMediaType(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const media = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return media === 'application/json' || (media.startsWith('application/') && media.endsWith('+json'));
}

function hasBody(c: Context): boolean {
  const length = c.req.header('content-length');
  if (length !== undefined) return Number(length) > 0;
  return c.req.header('transfer-encoding') !== undefined;
}

/** Read and drop the rest of a body. False when it was too long to wait for. */
async function discard(reader: ReadableStreamDefaultReader<Uint8Array>, alreadyRead: number): Promise<boolean> {
  let total = alreadyRead;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return true;
    total += value.byteLength;
    if (total > MAX_DISCARD_BYTES) {
      await reader.cancel().catch(() => undefined);
      return false;
    }
  }
}

/** Throw `error`, after reading away the unread body; if that is too long, tell the client the connection closes. */
async function refuse(c: Context, error: ApiError, reader?: ReadableStreamDefaultReader<Uint8Array>, alreadyRead = 0): Promise<never> {
  const announced = Number(c.req.header('content-length') ?? 0);
  const r = reader ?? c.req.raw.body?.getReader();
  const drained = announced <= MAX_DISCARD_BYTES && (r ? await discard(r, alreadyRead) : true);
  if (!drained) throw new ApiError(error.status, error.message, error.details, { ...error.headers, Connection: 'close' });
  throw error;
}

const tooLarge = () =>
  new ApiError(413, `The request body is too large: the limit is ${MAX_BODY_BYTES / 1024 / 1024} MB`, { limitBytes: MAX_BODY_BYTES });

async function readLimited(c: Context): Promise<Uint8Array> {
  const length = c.req.header('content-length');
  if (length !== undefined && Number(length) > MAX_BODY_BYTES) return refuse(c, tooLarge());
  // A declared length within the limit: Node's HTTP parser never delivers more than that, so the
  // body is read in one go (no web stream, far cheaper per request).
  if (length !== undefined && /^\d+$/.test(length)) return new Uint8Array(await c.req.raw.arrayBuffer());
  // Chunked: read Node's request stream itself when the web stream was not made yet (far cheaper).
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  if (incoming instanceof IncomingMessage && !incoming.readableDidRead && !incoming.readableEnded) return readIncoming(incoming);
  const stream = c.req.raw.body;
  if (!stream) return new Uint8Array();
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_BODY_BYTES) return refuse(c, tooLarge(), reader, total);
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** Throws a 400 if any object key anywhere could reach a prototype, or nesting is absurd. */
/**
 * The body from Node's request stream, with the same limits as the web-stream path: over
 * MAX_BODY_BYTES it is read on and discarded (up to MAX_DISCARD_BYTES, so the connection can be
 * reused) and refused with 413; beyond that too, refused with `Connection: close`.
 */
function readIncoming(incoming: IncomingMessage): Promise<Uint8Array> {
  return new Promise<Uint8Array>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    let over = false;
    const done = (fn: () => void) => {
      incoming.off('data', onData);
      incoming.off('end', onEnd);
      incoming.off('error', onError);
      incoming.off('aborted', onAborted);
      fn();
    };
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (over) {
        if (total > MAX_DISCARD_BYTES) {
          incoming.pause();
          const e = tooLarge();
          done(() => reject(new ApiError(e.status, e.message, e.details, { ...e.headers, Connection: 'close' })));
        }
        return;
      }
      if (total > MAX_BODY_BYTES) {
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => done(() => (over ? reject(tooLarge()) : resolve(Buffer.concat(chunks, total))));
    const onError = (e: unknown) => done(() => reject(e instanceof Error ? e : new Error(String(e))));
    const onAborted = () => done(() => reject(new Error('Client connection prematurely closed.')));
    incoming.on('data', onData);
    incoming.on('end', onEnd);
    incoming.on('error', onError);
    incoming.on('aborted', onAborted);
  });
}

export function assertSafeJson(value: unknown): void {
  // Paths are only spelled out for an error: each entry points at its parent.
  interface Item {
    value: unknown;
    key: string;
    parent: Item | null;
    depth: number;
  }
  const pathOf = (item: Item): string => {
    const keys: string[] = [];
    for (let i: Item | null = item; i && i.parent; i = i.parent) keys.push(i.key);
    return keys.reverse().join('.');
  };
  const stack: Item[] = [{ value, key: '', parent: null, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item || typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth > MAX_JSON_DEPTH) {
      throw new ApiError(400, `The JSON is nested too deeply (more than ${MAX_JSON_DEPTH} levels)`, [
        { path: pathOf(item), message: 'nested too deeply' },
      ]);
    }
    const isArray = Array.isArray(item.value);
    // Object.entries lists own enumerable keys, which is where JSON.parse puts "__proto__".
    for (const [key, child] of Object.entries(item.value)) {
      if (!isArray && FORBIDDEN_KEYS.has(key)) {
        const path = pathOf({ value: child, key, parent: item, depth: item.depth + 1 });
        throw new ApiError(400, `The key "${key}" is not allowed in request bodies`, [{ path, message: 'forbidden key' }]);
      }
      if (typeof child === 'object' && child !== null) stack.push({ value: child, key, parent: item, depth: item.depth + 1 });
    }
  }
}

/**
 * The parsed JSON body. With `optional`, a request without a body gives `undefined`
 * (and needs no content type).
 */
export async function readJson(c: Context, opts: { optional?: boolean } = {}): Promise<unknown> {
  if (opts.optional && !hasBody(c)) return undefined;
  const contentType = c.req.header('content-type');
  if (!isJsonMediaType(contentType)) {
    return refuse(
      c,
      new ApiError(
        415,
        contentType
          ? `Unsupported content type "${contentType}": send the body as JSON with "Content-Type: application/json"`
          : 'Missing content type: send the body as JSON with "Content-Type: application/json"',
      ),
    );
  }
  const bytes = await readLimited(c);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(400, 'Malformed JSON: the body is not valid UTF-8');
  }
  if (text.trim() === '') {
    if (opts.optional) return undefined;
    throw new ApiError(400, 'Malformed JSON: the request body is empty');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, `Malformed JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  assertSafeJson(value);
  return value;
}

/** Read the JSON body and validate it with a zod schema (400 with field paths on failure). */
export async function readBody<S extends z.ZodType>(c: Context, schema: S, opts: { optional?: boolean } = {}): Promise<z.output<S>> {
  const raw = await readJson(c, opts);
  const result = schema.safeParse(raw === undefined && opts.optional ? {} : raw);
  if (!result.success) throw validationError('The request body is not valid', result.error);
  return result.data;
}
