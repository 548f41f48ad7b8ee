/**
 * Memo-friendly selectors over the immutable document. Indexes are computed once per
 * collection array (a `WeakMap` keyed by the array, which Immer replaces only when something
 * in it changed) and lookups are O(1), so 1000 card components each selecting their own card
 * cost 1000 map lookups per change, not 1000 scans.
 *
 * Results keep their identity while their content is unchanged: `touchpointById` returns the
 * same object until that card changes; `cellContents` / `motIdsForTouchpoint` return the same
 * array until that cell's / card's list changes. So the default `Object.is` equality of
 * `useMapSelector` re-renders only what changed.
 */
import type { Comment, JourneyMap, Lane, Mot, Persona, Stage, Touchpoint } from '../domain/schema';
import { journeySequence } from '../domain/journey-order';

const EMPTY: readonly string[] = Object.freeze([]);

function memoByArray<A extends object, R>(compute: (arr: A) => R): (arr: A) => R {
  const cache = new WeakMap<A, R>();
  return (arr) => {
    let hit = cache.get(arr);
    if (hit === undefined && !cache.has(arr)) {
      hit = compute(arr);
      cache.set(arr, hit);
    }
    return hit as R;
  };
}

function byIdIndex<T extends { id: string }>(): (arr: readonly T[]) => ReadonlyMap<string, T> {
  return memoByArray((arr: readonly T[]) => new Map(arr.map((x) => [x.id, x])));
}

function positionIndex(): (arr: readonly { id: string }[]) => ReadonlyMap<string, number> {
  return memoByArray((arr: readonly { id: string }[]) => new Map(arr.map((x, i) => [x.id, i])));
}

/**
 * Group ids by key, reusing the previous result's arrays where a group is unchanged, so
 * consumers see a new array only for groups that actually changed.
 */
function stableGroups<T>(
  keyOf: (item: T) => string,
  sort?: (a: T, b: T) => number,
): (arr: readonly T[]) => ReadonlyMap<string, readonly string[]> {
  let previous: ReadonlyMap<string, readonly string[]> = new Map();
  return memoByArray((arr: readonly T[]) => {
    const groups = new Map<string, T[]>();
    for (const item of arr) {
      const k = keyOf(item);
      const list = groups.get(k);
      if (list) list.push(item);
      else groups.set(k, [item]);
    }
    const out = new Map<string, readonly string[]>();
    for (const [k, items] of groups) {
      if (sort) items.sort(sort);
      const ids = items.map((x) => (x as { id: string }).id);
      const old = previous.get(k);
      out.set(k, old && old.length === ids.length && old.every((id, i) => id === ids[i]) ? old : Object.freeze(ids));
    }
    previous = out;
    return out;
  });
}

// ── lookups by id ──────────────────────────────────────────────────────────────────────────

const touchpointIndex = byIdIndex<Touchpoint>();
const stageIndex = byIdIndex<Stage>();
const laneIndex = byIdIndex<Lane>();
const personaIndex = byIdIndex<Persona>();
const motIndex = byIdIndex<Mot>();
const commentIndex = byIdIndex<Comment>();

export const touchpointMap = (doc: JourneyMap): ReadonlyMap<string, Touchpoint> => touchpointIndex(doc.touchpoints);
export const touchpointById = (doc: JourneyMap, id: string): Touchpoint | undefined => touchpointIndex(doc.touchpoints).get(id);
export const stageById = (doc: JourneyMap, id: string): Stage | undefined => stageIndex(doc.stages).get(id);
export const laneById = (doc: JourneyMap, id: string): Lane | undefined => laneIndex(doc.lanes).get(id);
export const personaById = (doc: JourneyMap, id: string): Persona | undefined => personaIndex(doc.personas).get(id);
export const motById = (doc: JourneyMap, id: string): Mot | undefined => motIndex(doc.mots).get(id);
export const commentById = (doc: JourneyMap, id: string): Comment | undefined => commentIndex(doc.comments).get(id);

// ── positions ──────────────────────────────────────────────────────────────────────────────

const stagePositions = positionIndex();
const lanePositions = positionIndex();
const personaPositions = positionIndex();

/** Stage id → column index. */
export const stageIndexMap = (doc: JourneyMap): ReadonlyMap<string, number> => stagePositions(doc.stages);
/** Lane id → row index (hidden lanes included). */
export const laneIndexMap = (doc: JourneyMap): ReadonlyMap<string, number> => lanePositions(doc.lanes);
export const personaIndexMap = (doc: JourneyMap): ReadonlyMap<string, number> => personaPositions(doc.personas);

const stageIdList = memoByArray((stages: readonly Stage[]) => Object.freeze(stages.map((s) => s.id)));
const laneIdList = memoByArray((lanes: readonly Lane[]) => Object.freeze(lanes.map((l) => l.id)));
const visibleLaneList = memoByArray((lanes: readonly Lane[]) => Object.freeze(lanes.filter((l) => !l.hidden)));
export const stageIds = (doc: JourneyMap): readonly string[] => stageIdList(doc.stages);
export const laneIds = (doc: JourneyMap): readonly string[] => laneIdList(doc.lanes);
export const visibleLanes = (doc: JourneyMap): readonly Lane[] => visibleLaneList(doc.lanes);

// ── cells ──────────────────────────────────────────────────────────────────────────────────

export function cellKey(stageId: string, laneId: string): string {
  return `${stageId}\u0000${laneId}`;
}

const cellGroups = stableGroups<Touchpoint>(
  (t) => cellKey(t.stageId, t.laneId),
  (a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
);

/** Cell key (see `cellKey`) → card ids in order. */
export const cellIndex = (doc: JourneyMap): ReadonlyMap<string, readonly string[]> => cellGroups(doc.touchpoints);

/** The card ids of one cell, in order; the same array until that cell changes. */
export function cellContents(doc: JourneyMap, stageId: string, laneId: string): readonly string[] {
  return cellGroups(doc.touchpoints).get(cellKey(stageId, laneId)) ?? EMPTY;
}

const journeyCache = new WeakMap<readonly Touchpoint[], { stages: readonly Stage[]; lanes: readonly Lane[]; ids: readonly string[] }>();
/** All card ids in journey order (stage, lane, order). */
export function journeyIds(doc: JourneyMap): readonly string[] {
  const hit = journeyCache.get(doc.touchpoints);
  if (hit && hit.stages === doc.stages && hit.lanes === doc.lanes) return hit.ids;
  const ids = Object.freeze(journeySequence(doc).map((t) => t.id));
  journeyCache.set(doc.touchpoints, { stages: doc.stages, lanes: doc.lanes, ids });
  return ids;
}

// ── MOTs & comments ────────────────────────────────────────────────────────────────────────

const motGroups = stableGroups<Mot>((m) => m.touchpointId);
/** MOT ids pinned on a card; the same array until that card's list changes. */
export function motIdsForTouchpoint(doc: JourneyMap, touchpointId: string): readonly string[] {
  return motGroups(doc.mots).get(touchpointId) ?? EMPTY;
}

const commentGroups = stableGroups<Comment>((c) => `${c.targetKind}\u0000${c.targetId}`);
/** Comment ids (threads and replies) on a card, MOT or stage. */
export function commentIdsFor(doc: JourneyMap, targetKind: Comment['targetKind'], targetId: string): readonly string[] {
  return commentGroups(doc.comments).get(`${targetKind}\u0000${targetId}`) ?? EMPTY;
}

const unresolvedCounts = memoByArray((comments: readonly Comment[]) => {
  const counts = new Map<string, number>();
  for (const c of comments) {
    if (c.resolved || c.parentId !== null) continue;
    const k = `${c.targetKind}\u0000${c.targetId}`;
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
});
/** Unresolved top-level comment threads on a target (for badges). */
export function openThreadCount(doc: JourneyMap, targetKind: Comment['targetKind'], targetId: string): number {
  return unresolvedCounts(doc.comments).get(`${targetKind}\u0000${targetId}`) ?? 0;
}
