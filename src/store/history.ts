/**
 * Id-anchored change sets: the unit the undo/redo history is made of.
 *
 * Why not replay Immer's inverse patches directly? Immer addresses array elements by index
 * (`['touchpoints', 412, 'title']`). As soon as a collaborator inserts or deletes a card, every
 * index after it shifts and an old inverse patch would silently rewrite the *wrong* card.
 * So the history records, per change, what changed keyed by entity id (the same idea as
 * tldraw's `RecordsDiff`):
 *
 * - for each entity collection (`personas`, `stages`, `lanes`, `touchpoints`, `mots`, `comments`):
 *   the before/after value of every entity that changed, plus the before/after id sequence
 *   when the order or membership changed;
 * - for every other top-level field (`title`, `settings`, …): its before/after value.
 *
 * Undo applies a change set backwards as a three-way merge against the *current* document:
 * a value is put back only where the current value still equals what this change produced;
 * where someone else changed it since, their newer value wins and that part of the undo is
 * dropped. Entities deleted by someone else stay deleted; entities added by someone else stay
 * where they are. With no remote change in between, the merge degenerates to an exact inverse.
 *
 * Everything here is pure and works on plain (frozen) documents; no Immer.
 */
import type { JourneyMap } from '../domain/schema';
import { deepEqual, isPlainObject } from './equal';

export const COLLECTION_KEYS = ['personas', 'stages', 'lanes', 'touchpoints', 'mots', 'comments'] as const;
export type CollectionKey = (typeof COLLECTION_KEYS)[number];
const COLLECTIONS: ReadonlySet<string> = new Set(COLLECTION_KEYS);

export interface EntityChange {
  readonly id: string;
  /** `undefined`: the entity did not exist before (it was added). */
  readonly before: unknown;
  /** `undefined`: the entity does not exist after (it was removed). */
  readonly after: unknown;
}

export interface CollectionChange {
  readonly key: string;
  readonly entities: readonly EntityChange[];
  /** The id sequence before and after; only present when it changed. */
  readonly order?: { readonly before: readonly string[]; readonly after: readonly string[] };
  /** Fallback for a collection without unique ids: the whole array, restored only if untouched since. */
  readonly whole?: { readonly before: unknown; readonly after: unknown };
}

/** Counts the parts of a change that could not be applied; `paths` (when given) collects where. */
export interface MergeStats {
  conflicts: number;
  paths?: string[];
}

export interface FieldChange {
  readonly key: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface Changeset {
  readonly fields: readonly FieldChange[];
  readonly collections: readonly CollectionChange[];
}

export type Direction = 'undo' | 'redo';

type Rec = Record<string, unknown>;

function entityId(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const id = (v as Rec).id;
  return typeof id === 'string' ? id : undefined;
}

/** The ids of an array of entities, or null if some element has no id or ids repeat. */
function idsOf(arr: readonly unknown[]): string[] | null {
  const ids: string[] = new Array<string>(arr.length);
  const seen = new Set<string>();
  for (let i = 0; i < arr.length; i++) {
    const id = entityId(arr[i]);
    if (id === undefined || seen.has(id)) return null;
    seen.add(id);
    ids[i] = id;
  }
  return ids;
}

function sameSequence(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function diffCollection(key: string, prev: unknown, next: unknown): CollectionChange | null {
  if (prev === next) return null;
  if (!Array.isArray(prev) || !Array.isArray(next)) return { key, entities: [], whole: { before: prev, after: next } };
  const entities: EntityChange[] = [];
  // Fast path (edits, no insert/remove/reorder): same ids at the same positions.
  if (prev.length === next.length) {
    let same = true;
    for (let i = 0; i < next.length && same; i++) {
      const id = entityId(next[i]);
      same = id !== undefined && (prev[i] === next[i] || entityId(prev[i]) === id);
    }
    if (same) {
      for (let i = 0; i < next.length; i++) {
        if (prev[i] !== next[i]) entities.push({ id: entityId(next[i]) as string, before: prev[i], after: next[i] });
      }
      return entities.length ? { key, entities } : null;
    }
  }
  const prevIds = idsOf(prev);
  const nextIds = idsOf(next);
  if (!prevIds || !nextIds) return { key, entities: [], whole: { before: prev, after: next } };
  const prevById = new Map<string, unknown>();
  prev.forEach((item, i) => prevById.set(prevIds[i] as string, item));
  const nextIdSet = new Set(nextIds);
  next.forEach((item, i) => {
    const id = nextIds[i] as string;
    const before = prevById.get(id);
    if (before !== item) entities.push({ id, before, after: item });
  });
  prev.forEach((item, i) => {
    const id = prevIds[i] as string;
    if (!nextIdSet.has(id)) entities.push({ id, before: item, after: undefined });
  });
  return { key, entities, order: { before: prevIds, after: nextIds } };
}

/** What changed from `prev` to `next`, keyed by entity id. Cheap thanks to structural sharing. */
export function diffDocs(prev: JourneyMap, next: JourneyMap): Changeset {
  const fields: FieldChange[] = [];
  const collections: CollectionChange[] = [];
  if (prev === next) return { fields, collections };
  const p = prev as unknown as Rec;
  const n = next as unknown as Rec;
  const keys = new Set([...Object.keys(p), ...Object.keys(n)]);
  for (const key of keys) {
    if (p[key] === n[key]) continue;
    if (COLLECTIONS.has(key)) {
      const c = diffCollection(key, p[key], n[key]);
      if (c) collections.push(c);
    } else {
      fields.push({ key, before: p[key], after: n[key] });
    }
  }
  return { fields, collections };
}

export function isEmptyChangeset(cs: Changeset): boolean {
  return cs.fields.length === 0 && cs.collections.length === 0;
}

/**
 * `next` with every part that is deeply equal to `prev` replaced by `prev`'s own object, so
 * that reference checks (diffDocs, React memoisation) see only what really changed. For
 * documents that went through a parser (which copies everything).
 */
export function shareUnchanged(prev: JourneyMap, next: JourneyMap): JourneyMap {
  const p = prev as unknown as Rec;
  const n = next as unknown as Rec;
  let same = Object.keys(p).length === Object.keys(n).length;
  const out: Rec = {};
  for (const key of Object.keys(n)) {
    const a = p[key];
    const b = n[key];
    let v: unknown = b;
    if (deepEqual(a, b)) v = a;
    else if (COLLECTIONS.has(key) && Array.isArray(a) && Array.isArray(b)) {
      const byId = new Map<string, unknown>();
      for (const item of a) {
        const id = entityId(item);
        if (id !== undefined) byId.set(id, item);
      }
      v = b.map((item) => {
        const id = entityId(item);
        const old = id === undefined ? undefined : byId.get(id);
        return old !== undefined && deepEqual(old, item) ? old : item;
      });
    }
    if (v !== a) same = false;
    out[key] = v;
  }
  return same ? prev : (out as unknown as JourneyMap);
}

/**
 * Three-way merge of one value: move `current` from `from` to `to`.
 * - current equals `from` (nobody else touched it): result is `to`;
 * - `from` equals `to`: this change did not touch it, keep `current`;
 * - all three are plain objects: merge key by key;
 * - otherwise it is a conflict and `current` (the newer value) wins.
 * Returns `current` itself when nothing changes, so callers can test by reference.
 */
export function merge3(current: unknown, from: unknown, to: unknown, stats?: MergeStats, path = ''): unknown {
  // This change did not touch it (checked first, so an untouched value keeps its reference).
  if (deepEqual(from, to)) return current;
  if (deepEqual(current, from)) return to;
  if (isPlainObject(current) && isPlainObject(from) && isPlainObject(to)) {
    let out: Rec | null = null;
    const keys = new Set([...Object.keys(from), ...Object.keys(to)]);
    for (const k of keys) {
      const merged = merge3(current[k], from[k], to[k], stats, path ? `${path}/${k}` : k);
      if (merged !== current[k]) {
        out ??= { ...current };
        if (merged === undefined) delete out[k];
        else out[k] = merged;
      }
    }
    return out ?? current;
  }
  // Someone else already made the same change: nothing to do, and nothing lost.
  if (deepEqual(current, to)) return current;
  if (stats) {
    stats.conflicts++;
    stats.paths?.push(path);
  }
  return current;
}

/**
 * The id sequence after moving `current` from order `from` to order `to`, keeping only ids in
 * `alive`. Ids that `to` does not know (added by someone else) keep their place after the
 * nearest preceding id that both know.
 */
function rebaseOrder(
  current: readonly string[],
  from: readonly string[],
  to: readonly string[],
  alive: ReadonlyMap<string, unknown>,
): string[] {
  const result = to.filter((id) => alive.has(id));
  if (sameSequence(current, from)) return result;
  const known = new Set(to);
  const after = new Map<string | null, string[]>();
  let anchor: string | null = null;
  for (const id of current) {
    if (known.has(id)) {
      anchor = id;
      continue;
    }
    if (!alive.has(id)) continue;
    const list = after.get(anchor);
    if (list) list.push(id);
    else after.set(anchor, [id]);
  }
  if (after.size === 0) return result;
  const out: string[] = [...(after.get(null) ?? [])];
  for (const id of result) {
    out.push(id);
    const extra = after.get(id);
    if (extra) out.push(...extra);
  }
  // Extras anchored on an id that this change removes: keep them at the end rather than lose them.
  const placed = new Set(out);
  for (const [, list] of after) for (const id of list) if (!placed.has(id)) out.push(id);
  return out;
}

function lost(stats: MergeStats, path: string): void {
  stats.conflicts++;
  stats.paths?.push(path);
}

function applyCollection(current: unknown, change: CollectionChange, dir: Direction, stats: MergeStats): unknown {
  if (change.whole) {
    const from = dir === 'undo' ? change.whole.after : change.whole.before;
    const to = dir === 'undo' ? change.whole.before : change.whole.after;
    if (current === from || deepEqual(current, from)) return to;
    if (!deepEqual(current, to)) lost(stats, change.key);
    return current;
  }
  if (!Array.isArray(current)) {
    lost(stats, change.key);
    return current;
  }
  const currentIds = idsOf(current);
  if (!currentIds) {
    lost(stats, change.key);
    return current;
  }
  if (!change.order) {
    // Membership and order unchanged by this change: update entities in place.
    let out: unknown[] | null = null;
    const index = new Map<string, number>();
    currentIds.forEach((id, i) => index.set(id, i));
    for (const e of change.entities) {
      const from = dir === 'undo' ? e.after : e.before;
      const to = dir === 'undo' ? e.before : e.after;
      const i = index.get(e.id);
      if (i === undefined) {
        if (to !== undefined) lost(stats, `${change.key}/${e.id}`); // deleted by someone else since: stays deleted
        continue;
      }
      const cur = (out ?? current)[i];
      const merged = merge3(cur, from, to, stats, `${change.key}/${e.id}`);
      if (merged !== cur) {
        out ??= current.slice();
        out[i] = merged;
      }
    }
    return out ?? current;
  }
  const byId = new Map<string, unknown>();
  current.forEach((item, i) => byId.set(currentIds[i] as string, item));
  for (const e of change.entities) {
    const from = dir === 'undo' ? e.after : e.before;
    const to = dir === 'undo' ? e.before : e.after;
    const cur = byId.get(e.id);
    if (to === undefined) {
      byId.delete(e.id);
    } else if (from === undefined) {
      if (cur === undefined) byId.set(e.id, to);
      else if (!deepEqual(cur, to)) lost(stats, `${change.key}/${e.id}`); // re-created by someone else: keep theirs
    } else if (cur === undefined) {
      lost(stats, `${change.key}/${e.id}`);
    } else {
      byId.set(e.id, merge3(cur, from, to, stats, `${change.key}/${e.id}`));
    }
  }
  const from = dir === 'undo' ? change.order.after : change.order.before;
  const to = dir === 'undo' ? change.order.before : change.order.after;
  const ids = rebaseOrder(currentIds, from, to, byId);
  const out = ids.map((id) => byId.get(id));
  if (out.length === current.length && out.every((v, i) => v === current[i])) return current;
  return out;
}

/**
 * Apply a change set forwards (`redo`) or backwards (`undo`) onto `doc`, three-way.
 * Returns the new document (structurally shared with `doc`) and how many parts were dropped
 * because someone else had changed them since.
 */
export function applyChangeset(
  doc: JourneyMap,
  cs: Changeset,
  dir: Direction,
  stats: MergeStats = { conflicts: 0 },
): { doc: JourneyMap; conflicts: number } {
  const src = doc as unknown as Rec;
  let out: Rec | null = null;
  const set = (key: string, value: unknown): void => {
    if (value === src[key]) return;
    out ??= { ...src };
    if (value === undefined) delete out[key];
    else out[key] = value;
  };
  for (const f of cs.fields) {
    const from = dir === 'undo' ? f.after : f.before;
    const to = dir === 'undo' ? f.before : f.after;
    set(f.key, merge3(src[f.key], from, to, stats, f.key));
  }
  for (const c of cs.collections) set(c.key, applyCollection(src[c.key], c, dir, stats));
  return { doc: (out ?? doc) as unknown as JourneyMap, conflicts: stats.conflicts };
}
