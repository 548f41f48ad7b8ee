/**
 * Three-way merge of journey maps, for a stale save (HTTP 409) or edits kept offline while the
 * server moved on.
 *
 * Built on the store's id-anchored change sets (`store/history.ts`): my changes since `base`
 * (`diffDocs(base, mine)`) are applied on top of `theirs` (`applyChangeset(theirs, …, 'redo')`),
 * so a change to one card never lands on another card because an index shifted.
 *
 * What is a conflict (shown to the user, never decided silently):
 * - `edit`: the same field of the same entity changed differently on both sides (a card's title;
 *   an emotion value of one persona on one card; a card's position = stage + lane + order as one);
 * - `delete`: one side deleted an entity the other side edited, or deleted an entity the other
 *   side's changes need (they deleted a stage I added a card to).
 * Everything else merges: different fields, different entities, additions on both sides, and the
 * same change made on both sides.
 *
 * `resolveConflicts` applies one choice per conflict (`mine` | `theirs`). Keeping an entity
 * brings back what it needs (a restored card brings back its stage and lane). The result is
 * repaired the way deletes cascade (`store/integrity.ts`) and must pass `journeyMapSchema`.
 * Server-owned fields (`id`, `schemaVersion`, `createdAt`, `updatedAt`) always come from theirs.
 */
import { journeyMapSchema, type JourneyMap } from '../domain/schema';
import { COLLECTION_KEYS, applyChangeset, diffDocs, type Changeset, type CollectionKey } from '../store/history';
import { repairIntegrity } from '../store/integrity';
import { deepEqual, isPlainObject } from '../store/equal';

export type ConflictEntity = 'map' | 'persona' | 'stage' | 'lane' | 'touchpoint' | 'mot' | 'comment';
export type ConflictSide = 'mine' | 'theirs';

export interface Conflict {
  entity: ConflictEntity;
  /** Id of the entity (the map id for `map`). */
  id: string;
  /**
   * Dotted path inside the entity: `title`, `emotions.<personaId>.value`, `settings.coreMessage`;
   * `position` for a card's stage + lane + order; `''` for the entity as a whole (a `delete`
   * conflict, or both sides created it differently); `*` for the whole document (last resort).
   */
  field: string;
  /** `edit`: both changed the field. `delete`: one side deleted the entity (its value is `undefined`). */
  kind: 'edit' | 'delete';
  /** Human-readable name of the thing: the card title, stage name, … (may be empty). */
  label: string;
  /** My value; `undefined` = deleted / not set. */
  mine: unknown;
  /** Their value; `undefined` = deleted / not set. */
  theirs: unknown;
  /** Readable forms where the raw values are ids (position: "Stage · Lane · #2", a MOT's card). */
  display?: { mine: string; theirs: string };
  /** The name a nested field is about, e.g. the persona of `emotions.<personaId>.value`. */
  context?: string;
}

export type ConflictChoices = Record<string, ConflictSide>;

export interface MergeResult {
  merged: JourneyMap;
  conflicts: Conflict[];
}

/** The key of a conflict in `ConflictChoices`. */
export function conflictKey(c: Pick<Conflict, 'entity' | 'id' | 'field'>): string {
  return `${c.entity}:${c.id}:${c.field}`;
}

/** The merged document does not pass `journeyMapSchema` whatever we do (e.g. a limit exceeded). */
export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

/** Fields the server owns: never a conflict, always the server's value. */
export const SERVER_FIELDS = ['id', 'schemaVersion', 'createdAt', 'updatedAt'] as const;
const SERVER_FIELD_SET: ReadonlySet<string> = new Set(SERVER_FIELDS);

/** Same content, ignoring the server-owned fields (a saved copy differs only by `updatedAt`). */
export function sameContent(a: JourneyMap, b: JourneyMap): boolean {
  if (a === b) return true;
  const ar = a as unknown as Rec;
  const br = b as unknown as Rec;
  const keys = new Set([...Object.keys(ar), ...Object.keys(br)]);
  for (const k of keys) {
    if (k === 'updatedAt' || k === 'createdAt') continue;
    if (!deepEqual(ar[k], br[k])) return false;
  }
  return true;
}

// ── internals ───────────────────────────────────────────────────────────────────────────────

type Rec = Record<string, unknown>;
type Entity = Rec & { id: string };

const ENTITY_OF: Record<CollectionKey, ConflictEntity> = {
  personas: 'persona',
  stages: 'stage',
  lanes: 'lane',
  touchpoints: 'touchpoint',
  mots: 'mot',
  comments: 'comment',
};
const POSITION_KEYS = ['stageId', 'laneId', 'order'] as const;
const WHOLE_DOCUMENT = '*';
const LABEL_MAX = 80;

interface Internal {
  conflict: Conflict;
  /** Path inside the entity (or document for `map`); empty = whole entity. */
  path: readonly string[];
  collection: CollectionKey | null;
}

interface Ctx {
  base: JourneyMap;
  mine: JourneyMap;
  theirs: JourneyMap;
  csMine: Changeset;
  index: { base: DocIndex; mine: DocIndex; theirs: DocIndex };
  conflicts: Internal[];
  /** Decided without asking: values to set on entities after applying my changes. */
  fixes: Array<{ collection: CollectionKey; id: string; patch: Rec }>;
}

type DocIndex = Record<CollectionKey, Map<string, Entity>>;

function indexDoc(doc: JourneyMap): DocIndex {
  const out = {} as DocIndex;
  for (const key of COLLECTION_KEYS) {
    const m = new Map<string, Entity>();
    for (const e of doc[key] as unknown as Entity[]) m.set(e.id, e);
    out[key] = m;
  }
  return out;
}

function truncate(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > LABEL_MAX ? `${t.slice(0, LABEL_MAX - 1)}…` : t;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function entityLabel(ctx: Ctx, key: CollectionKey, id: string): string {
  const { mine, theirs, base } = ctx.index;
  const e = mine[key].get(id) ?? theirs[key].get(id) ?? base[key].get(id);
  if (!e) return '';
  switch (key) {
    case 'touchpoints':
      return truncate(str(e.title));
    case 'mots': {
      const own = str(e.situation) || str(e.who) || str(e.feeling);
      if (own) return truncate(own);
      const tpId = str(e.touchpointId);
      const tp = mine.touchpoints.get(tpId) ?? theirs.touchpoints.get(tpId) ?? base.touchpoints.get(tpId);
      return truncate(str(tp?.title));
    }
    case 'comments':
      return truncate(str(e.body));
    default:
      return truncate(str(e.name));
  }
}

function personaName(ctx: Ctx, id: string): string | undefined {
  const p = ctx.index.mine.personas.get(id) ?? ctx.index.theirs.personas.get(id) ?? ctx.index.base.personas.get(id);
  return p ? str(p.name) : undefined;
}

/** "Stage · Lane · #2": where a card is in one side's document. */
function describePosition(index: DocIndex, pos: Rec, cardId: string): string {
  const stage = index.stages.get(str(pos.stageId));
  const lane = index.lanes.get(str(pos.laneId));
  let rank = 1;
  for (const t of index.touchpoints.values()) {
    if (t.id !== cardId && t.stageId === pos.stageId && t.laneId === pos.laneId && (t.order as number) < (pos.order as number)) rank++;
  }
  return `${str(stage?.name) || str(pos.stageId)} · ${str(lane?.name) || str(pos.laneId)} · #${rank}`;
}

function sameCell(a: Rec, b: Rec): boolean {
  return a.stageId === b.stageId && a.laneId === b.laneId;
}

function positionOf(e: Rec | undefined): Rec | undefined {
  if (!e) return undefined;
  return { stageId: e.stageId, laneId: e.laneId, order: e.order };
}

/** Changed in a way worth keeping: for cards, a new order inside the same cell does not count. */
function significantChange(key: CollectionKey, before: Rec | undefined, after: Rec | undefined): boolean {
  if (before === undefined || after === undefined) return before !== after;
  if (key === 'touchpoints' && sameCell(before, after)) return !deepEqual({ ...before, order: 0 }, { ...after, order: 0 });
  return !deepEqual(before, after);
}

function addConflict(ctx: Ctx, c: Internal): void {
  const key = conflictKey(c.conflict);
  if (ctx.conflicts.some((x) => conflictKey(x.conflict) === key)) return;
  ctx.conflicts.push(c);
}

/**
 * Walk one value changed on both sides (`b` → `m` and `b` → `t`), recording a conflict for
 * every leaf changed differently. Mirrors `merge3` in history.ts, which keeps theirs there.
 */
function walk(path: string[], b: unknown, m: unknown, t: unknown, emit: (path: string[], m: unknown, t: unknown) => void): void {
  if (deepEqual(m, b) || deepEqual(t, b) || deepEqual(m, t)) return;
  if (isPlainObject(b) && isPlainObject(m) && isPlainObject(t)) {
    const keys = new Set([...Object.keys(b), ...Object.keys(m), ...Object.keys(t)]);
    for (const k of keys) walk([...path, k], b[k], m[k], t[k], emit);
    return;
  }
  emit(path, m, t);
}

function detectFieldConflicts(ctx: Ctx, csTheirs: Changeset): void {
  const theirsFields = new Map(csTheirs.fields.map((f) => [f.key, f]));
  const mapId = ctx.theirs.id;
  for (const f of ctx.csMine.fields) {
    if (SERVER_FIELD_SET.has(f.key)) continue;
    const t = theirsFields.get(f.key);
    if (!t) continue;
    walk([f.key], f.before, f.after, t.after, (path, m, th) =>
      addConflict(ctx, {
        conflict: { entity: 'map', id: mapId, field: path.join('.'), kind: 'edit', label: truncate(ctx.mine.title), mine: m, theirs: th },
        path,
        collection: null,
      }),
    );
  }
}

function detectEntityConflicts(ctx: Ctx, csTheirs: Changeset): void {
  const theirsCollections = new Map(csTheirs.collections.map((c) => [c.key, c]));
  for (const c of ctx.csMine.collections) {
    const tc = theirsCollections.get(c.key);
    if (!tc || c.whole || tc.whole) continue;
    const key = c.key as CollectionKey;
    const entity = ENTITY_OF[key];
    if (!entity) continue;
    const theirsById = new Map(tc.entities.map((e) => [e.id, e]));
    for (const e of c.entities) {
      const te = theirsById.get(e.id);
      if (!te) continue;
      const b = e.before as Rec | undefined;
      const m = e.after as Rec | undefined;
      const t = te.after as Rec | undefined;
      if (deepEqual(m, b) || deepEqual(t, b) || deepEqual(m, t)) continue;
      const base = { entity, id: e.id, label: entityLabel(ctx, key, e.id) };
      if (m === undefined || t === undefined) {
        // A card only renumbered in its cell was not really edited: the deletion stands.
        if (!significantChange(key, b, m ?? t)) continue;
        addConflict(ctx, { conflict: { ...base, field: '', kind: 'delete', mine: m, theirs: t }, path: [], collection: key });
        continue;
      }
      if (b === undefined) {
        // Both created the same id differently: keep one whole.
        addConflict(ctx, { conflict: { ...base, field: '', kind: 'edit', mine: m, theirs: t }, path: [], collection: key });
        continue;
      }
      const skip = new Set<string>();
      if (key === 'touchpoints') {
        // A card's position (stage + lane + order) is one thing. Moved to different cells on
        // both sides: a conflict. Moved on one side only: that move wins whole (the other side
        // only renumbered the cell). Same cell, different order: theirs (every add/delete/move
        // renumbers a cell, so that is not worth asking).
        const pb = positionOf(b);
        const pm = positionOf(m);
        const pt = positionOf(t);
        if (pb && pm && pt && !deepEqual(pm, pb) && !deepEqual(pt, pb) && !deepEqual(pm, pt)) {
          for (const k of POSITION_KEYS) skip.add(k);
          const movedMine = !sameCell(pm, pb);
          const movedTheirs = !sameCell(pt, pb);
          if (movedMine && movedTheirs && !sameCell(pm, pt)) {
            addConflict(ctx, {
              conflict: {
                ...base,
                field: 'position',
                kind: 'edit',
                mine: pm,
                theirs: pt,
                display: { mine: describePosition(ctx.index.mine, pm, e.id), theirs: describePosition(ctx.index.theirs, pt, e.id) },
              },
              path: ['position'],
              collection: key,
            });
          } else {
            ctx.fixes.push({ collection: key, id: e.id, patch: movedMine && !movedTheirs ? pm : pt });
          }
        }
      }
      const keys = new Set([...Object.keys(b), ...Object.keys(m), ...Object.keys(t)]);
      for (const k of keys) {
        if (skip.has(k)) continue;
        walk([k], b[k], m[k], t[k], (path, mv, tv) => {
          const conflict: Conflict = { ...base, field: path.join('.'), kind: 'edit', mine: mv, theirs: tv };
          if (key === 'touchpoints' && path[0] === 'emotions' && path[1] !== undefined) {
            const name = personaName(ctx, path[1]);
            if (name !== undefined) conflict.context = name;
          }
          if (key === 'mots' && path[0] === 'touchpointId') {
            conflict.display = {
              mine: str(ctx.index.mine.touchpoints.get(str(mv))?.title),
              theirs: str(ctx.index.theirs.touchpoints.get(str(tv))?.title),
            };
          }
          addConflict(ctx, { conflict, path, collection: key });
        });
      }
    }
  }
}

interface Ref {
  key: CollectionKey;
  id: string;
}

/** What an entity points at. For cards, only the personas whose emotion this change touched. */
function refsOf(key: CollectionKey, e: Rec, before: Rec | undefined): Ref[] {
  switch (key) {
    case 'touchpoints': {
      const refs: Ref[] = [
        { key: 'stages', id: str(e.stageId) },
        { key: 'lanes', id: str(e.laneId) },
      ];
      const emotions = (e.emotions ?? {}) as Rec;
      const prev = (before?.emotions ?? {}) as Rec;
      for (const pid of Object.keys(emotions)) if (!deepEqual(emotions[pid], prev[pid])) refs.push({ key: 'personas', id: pid });
      return refs;
    }
    case 'mots':
      return [{ key: 'touchpoints', id: str(e.touchpointId) }];
    case 'comments': {
      const target: CollectionKey = e.targetKind === 'touchpoint' ? 'touchpoints' : e.targetKind === 'mot' ? 'mots' : 'stages';
      const refs: Ref[] = [{ key: target, id: str(e.targetId) }];
      if (typeof e.parentId === 'string') refs.push({ key: 'comments', id: e.parentId });
      return refs;
    }
    default:
      return [];
  }
}

/** One side changed an entity that needs something the other side deleted: a `delete` conflict on that thing. */
function detectDependencyConflicts(ctx: Ctx, csTheirs: Changeset): void {
  const sides: Array<{ side: ConflictSide; cs: Changeset; own: DocIndex; other: DocIndex }> = [
    { side: 'mine', cs: ctx.csMine, own: ctx.index.mine, other: ctx.index.theirs },
    { side: 'theirs', cs: csTheirs, own: ctx.index.theirs, other: ctx.index.mine },
  ];
  const deleteConflicts = new Set(ctx.conflicts.filter((c) => c.conflict.kind === 'delete').map((c) => conflictKey(c.conflict)));
  for (const { side, cs, own, other } of sides) {
    for (const c of cs.collections) {
      const key = c.key as CollectionKey;
      if (!ENTITY_OF[key]) continue;
      for (const e of c.entities) {
        const after = e.after as Rec | undefined;
        const before = e.before as Rec | undefined;
        if (after === undefined || !significantChange(key, before, after)) continue;
        if (deleteConflicts.has(conflictKey({ entity: ENTITY_OF[key], id: e.id, field: '' }))) continue;
        for (const ref of refsOf(key, after, before)) {
          if (!ctx.index.base[ref.key].has(ref.id) || other[ref.key].has(ref.id)) continue;
          const value = own[ref.key].get(ref.id);
          if (value === undefined) continue;
          addConflict(ctx, {
            conflict: {
              entity: ENTITY_OF[ref.key],
              id: ref.id,
              field: '',
              kind: 'delete',
              label: entityLabel(ctx, ref.key, ref.id),
              mine: side === 'mine' ? value : undefined,
              theirs: side === 'theirs' ? value : undefined,
            },
            path: [],
            collection: ref.key,
          });
        }
      }
    }
  }
}

function analyse(base: JourneyMap, mine: JourneyMap, theirs: JourneyMap): Ctx {
  const csMine = diffDocs(base, mine);
  const csTheirs = diffDocs(base, theirs);
  const ctx: Ctx = {
    base,
    mine,
    theirs,
    csMine,
    index: { base: indexDoc(base), mine: indexDoc(mine), theirs: indexDoc(theirs) },
    conflicts: [],
    fixes: [],
  };
  detectFieldConflicts(ctx, csTheirs);
  detectEntityConflicts(ctx, csTheirs);
  detectDependencyConflicts(ctx, csTheirs);
  return ctx;
}

/** `obj` with the value at `path` replaced (`undefined` removes the key). */
function setIn(obj: unknown, path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path as [string, ...string[]];
  const src = isPlainObject(obj) ? obj : {};
  const next = setIn(src[head], rest, value);
  if (next === src[head] && (next !== undefined || head in src)) return src;
  const out: Rec = { ...src };
  if (next === undefined) delete out[head];
  else out[head] = next;
  return out;
}

/**
 * The id order of a merged collection: the side that did not reorder takes the other side's
 * order (theirs when both reordered), then ids only the other side (or a restore) has are put
 * after their nearest predecessor there.
 */
function mergeOrder(base: readonly string[], mine: readonly string[], theirs: readonly string[], alive: ReadonlyMap<string, unknown>): string[] {
  const mineSet = new Set(mine);
  const theirsSet = new Set(theirs);
  const inAll = new Set(base.filter((id) => mineSet.has(id) && theirsSet.has(id)));
  const rel = (ids: readonly string[]) => ids.filter((id) => inAll.has(id));
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);
  const mineReordered = !same(rel(mine), rel(base));
  const theirsReordered = !same(rel(theirs), rel(base));
  const [primary, secondary] = mineReordered && !theirsReordered ? [mine, theirs] : [theirs, mine];
  const out = primary.filter((id) => alive.has(id));
  const placed = new Set(out);
  const insertFrom = (order: readonly string[]) => {
    order.forEach((id, i) => {
      if (placed.has(id) || !alive.has(id)) return;
      let at = 0;
      for (let j = i - 1; j >= 0; j--) {
        const prev = order[j] as string;
        if (placed.has(prev)) {
          at = out.indexOf(prev) + 1;
          break;
        }
      }
      out.splice(at, 0, id);
      placed.add(id);
    });
  };
  insertFrom(secondary);
  for (const id of alive.keys()) {
    if (!placed.has(id)) {
      out.push(id);
      placed.add(id);
    }
  }
  return out;
}

function sideDoc(ctx: Ctx, side: ConflictSide): { doc: JourneyMap; index: DocIndex } {
  return side === 'mine' ? { doc: ctx.mine, index: ctx.index.mine } : { doc: ctx.theirs, index: ctx.index.theirs };
}

/** Put an entity back, with the stage/lane/card/comment it needs (from the same side). */
function restore(cols: DocIndex, key: CollectionKey, entity: Entity, from: DocIndex): void {
  cols[key].set(entity.id, entity);
  const needs: Ref[] = [];
  if (key === 'touchpoints') needs.push({ key: 'stages', id: str(entity.stageId) }, { key: 'lanes', id: str(entity.laneId) });
  else if (key === 'mots' || key === 'comments') needs.push(...refsOf(key, entity, entity));
  for (const ref of needs) {
    if (cols[ref.key].has(ref.id)) continue;
    const dep = from[ref.key].get(ref.id);
    if (dep) restore(cols, ref.key, dep, from);
  }
}

function build(ctx: Ctx, choose: (c: Conflict) => ConflictSide): JourneyMap {
  const { base, mine, theirs } = ctx;
  const applied = applyChangeset(theirs, ctx.csMine, 'redo').doc;
  const out: Rec = { ...(applied as unknown as Rec) };
  const cols = indexDoc(applied);

  for (const f of ctx.fixes) {
    const cur = cols[f.collection].get(f.id);
    if (cur) cols[f.collection].set(f.id, { ...cur, ...f.patch });
  }

  const restores: Array<{ key: CollectionKey; entity: Entity; from: DocIndex }> = [];
  for (const { conflict: c, path, collection } of ctx.conflicts) {
    const side = choose(c);
    const value = side === 'mine' ? c.mine : c.theirs;
    if (collection === null) {
      const [head, ...rest] = path as [string, ...string[]];
      const next = setIn(out[head], rest, value);
      if (next === undefined) delete out[head];
      else out[head] = next;
      continue;
    }
    const m = cols[collection];
    if (c.kind === 'delete' || path.length === 0) {
      if (value === undefined) m.delete(c.id);
      else restores.push({ key: collection, entity: value as Entity, from: sideDoc(ctx, side).index });
      continue;
    }
    const cur = m.get(c.id);
    if (cur === undefined) continue;
    if (c.field === 'position' && collection === 'touchpoints') m.set(c.id, { ...cur, ...(value as Rec) });
    else m.set(c.id, setIn(cur, path, value) as Entity);
  }
  for (const r of restores) restore(cols, r.key, r.entity, r.from);

  for (const key of COLLECTION_KEYS) {
    const ids = mergeOrder(
      base[key].map((e) => e.id),
      mine[key].map((e) => e.id),
      theirs[key].map((e) => e.id),
      cols[key],
    );
    const arr = ids.map((id) => cols[key].get(id));
    const prev = applied[key] as unknown[];
    out[key] = arr.length === prev.length && arr.every((v, i) => v === prev[i]) ? prev : arr;
  }
  for (const f of SERVER_FIELDS) out[f] = (theirs as unknown as Rec)[f];

  let doc = repairIntegrity(out as unknown as JourneyMap);
  if (doc.personas.length === 0) {
    // Both sides deleted the other's last persona: a map needs one, keep theirs.
    const keep = theirs.personas[0] ?? mine.personas[0];
    if (keep) doc = repairIntegrity({ ...doc, personas: [keep] });
  }
  return doc;
}

function isValid(doc: JourneyMap): boolean {
  return journeyMapSchema.safeParse(doc).success;
}

/** The last-resort conflict: keep one whole side. */
export function wholeDocumentConflict(mine: JourneyMap, theirs: JourneyMap): Conflict {
  return { entity: 'map', id: theirs.id, field: WHOLE_DOCUMENT, kind: 'edit', label: truncate(mine.title), mine, theirs };
}

/** `doc` with the server-owned fields (`updatedAt` …) of `theirs`. */
export function withServerFields(doc: JourneyMap, theirs: JourneyMap): JourneyMap {
  const out: Rec = { ...(doc as unknown as Rec) };
  for (const f of SERVER_FIELDS) out[f] = (theirs as unknown as Rec)[f];
  return out as unknown as JourneyMap;
}

// ── public ──────────────────────────────────────────────────────────────────────────────────

/**
 * My changes since `base` on top of `theirs`. `merged` is complete when `conflicts` is empty;
 * otherwise it is the merge with every conflict decided for theirs (use `resolveConflicts`).
 * All three documents must be valid; `merged` is valid too.
 */
export function threeWayMerge(base: JourneyMap, mine: JourneyMap, theirs: JourneyMap): MergeResult {
  if (sameContent(mine, base)) return { merged: theirs, conflicts: [] };
  if (sameContent(theirs, base)) return { merged: withServerFields(mine, theirs), conflicts: [] };
  const ctx = analyse(base, mine, theirs);
  const merged = build(ctx, () => 'theirs');
  if (!isValid(merged) || (ctx.conflicts.length > 0 && !isValid(build(ctx, () => 'mine')))) {
    // Cannot be merged part by part (e.g. a size limit would be exceeded): choose a whole side.
    return { merged: theirs, conflicts: [wholeDocumentConflict(mine, theirs)] };
  }
  return { merged, conflicts: ctx.conflicts.map((c) => c.conflict) };
}

/**
 * The merge with each conflict decided as chosen (keyed by `conflictKey`; missing = theirs).
 * Throws `MergeError` if that combination of choices cannot make a valid document.
 */
export function resolveConflicts(base: JourneyMap, mine: JourneyMap, theirs: JourneyMap, choices: ConflictChoices): JourneyMap {
  const whole = choices[conflictKey({ entity: 'map', id: theirs.id, field: WHOLE_DOCUMENT })];
  if (whole === 'mine') return withServerFields(mine, theirs);
  if (whole === 'theirs') return theirs;
  if (sameContent(mine, base)) return theirs;
  if (sameContent(theirs, base)) return withServerFields(mine, theirs);
  const ctx = analyse(base, mine, theirs);
  const doc = build(ctx, (c) => choices[conflictKey(c)] ?? 'theirs');
  if (!isValid(doc)) throw new MergeError('The chosen combination does not make a valid journey map');
  return doc;
}
