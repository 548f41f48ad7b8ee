/** Small helpers for map tests on top of the server helper. */
import { expect } from 'vitest';
import type { TestServer } from './server';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read and edit arbitrary JSON documents
export type Doc = any;

export async function createMap(server: TestServer, body: Record<string, unknown>): Promise<{ map: Doc; version: number }> {
  const res = await server.api('/api/maps', { method: 'POST', json: body });
  expect(res.status, res.text).toBe(201);
  return res.body as { map: Doc; version: number };
}

/** The stored map exactly as the API answers it: compare before and after a failing request. */
export async function snapshot(server: TestServer, id: string): Promise<string> {
  const res = await server.api(`/api/maps/${id}`);
  expect(res.status, res.text).toBe(200);
  return `${res.headers.get('etag')}\n${res.text}`;
}

export async function save(server: TestServer, map: Doc, version: number) {
  return server.api(`/api/maps/${map.id}`, { method: 'PUT', json: { map }, headers: { 'If-Match': `"${version}"` } });
}

/** Every id used inside a document (personas, stages, lanes, touchpoints, MOTs, comments). */
export function innerIds(map: Doc): string[] {
  return ['personas', 'stages', 'lanes', 'touchpoints', 'mots', 'comments'].flatMap((k) =>
    (map[k] as Array<{ id: string }>).map((x) => x.id),
  );
}

/** The map with card `index` retitled (and optionally described): the next document of a test operation. */
export function retitle(map: Doc, index: number, title: string, description?: string): Doc {
  return {
    ...map,
    touchpoints: map.touchpoints.map((t: Doc, i: number) => (i === index ? { ...t, title, ...(description === undefined ? {} : { description }) } : t)),
  };
}

let opSeq = 0;
/** A fresh operation id, unique in this test process. */
export function newOpId(prefix: string): string {
  return `op-${prefix}-${Date.now().toString(36)}-${opSeq++}`;
}
