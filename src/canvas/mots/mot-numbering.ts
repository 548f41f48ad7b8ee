/**
 * MOT numbers: 1..n across the whole map, in journey order — by the journey sequence of the
 * touchpoint each MOT is pinned on (stage, lane, order in the cell), then by creation order
 * (position in `doc.mots`) for MOTs on the same touchpoint. An MOT whose touchpoint is not in the
 * journey sequence (should not happen in a valid map) is numbered after all others, in creation order.
 *
 * Pure. Memoised per document: the result is cached on the `doc.mots` array (Immer replaces it
 * only when an MOT changes) and reused while `touchpoints`, `stages` and `lanes` are the same arrays,
 * so a thousand pins asking for their number after an edit cost one computation, not a thousand.
 */
import type { JourneyMap } from '../../domain/schema';
import { journeySequence } from '../../domain/journey-order';

export type NumberingSource = Pick<JourneyMap, 'mots' | 'touchpoints' | 'stages' | 'lanes'>;

export interface MotNumbering {
  /** MOT id → number (1-based). */
  readonly byId: ReadonlyMap<string, number>;
  /** MOT ids in number order: ids[0] is MOT 1. */
  readonly ids: readonly string[];
}

interface CacheEntry {
  touchpoints: NumberingSource['touchpoints'];
  stages: NumberingSource['stages'];
  lanes: NumberingSource['lanes'];
  result: MotNumbering;
}

const cache = new WeakMap<NumberingSource['mots'], CacheEntry>();

function compute(doc: NumberingSource): MotNumbering {
  const position = new Map<string, number>();
  journeySequence(doc).forEach((tp, i) => position.set(tp.id, i));
  const rows = doc.mots.map((m, i) => ({ id: m.id, pos: position.get(m.touchpointId) ?? Infinity, i }));
  rows.sort((a, b) => (a.pos === b.pos ? a.i - b.i : a.pos < b.pos ? -1 : 1));
  const ids = Object.freeze(rows.map((r) => r.id));
  const byId = new Map<string, number>();
  ids.forEach((id, i) => byId.set(id, i + 1));
  return { byId, ids };
}

/** Numbers of every MOT of the map (memoised per document, see the module comment). */
export function motNumbering(doc: NumberingSource): MotNumbering {
  const hit = cache.get(doc.mots);
  if (hit && hit.touchpoints === doc.touchpoints && hit.stages === doc.stages && hit.lanes === doc.lanes) return hit.result;
  const result = compute(doc);
  cache.set(doc.mots, { touchpoints: doc.touchpoints, stages: doc.stages, lanes: doc.lanes, result });
  return result;
}

/** The number of one MOT (1-based), or undefined when the map has no MOT with this id. */
export function motNumber(doc: NumberingSource, motId: string): number | undefined {
  return motNumbering(doc).byId.get(motId);
}
