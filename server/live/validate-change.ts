/**
 * Validation of a document made from a valid one by replacing some of its parts (a live
 * operation merged into the stored map), without re-checking what did not change.
 *
 * The parts of `candidate` that are the very objects of `base` (same reference: structural
 * sharing) were validated when `base` was; every other part is checked with its own schema (a
 * changed card with the card schema, a changed title with the title schema), then the
 * cross-references of the whole document are checked (the same rules as `journeyMapSchema`'s
 * refinement: unique ids, cards on existing stages and lanes, emotions of existing personas,
 * MOTs on existing cards, comments on existing targets and parents). Anything else — a different
 * set of top-level keys, a collection that grew or shrank, any problem found — goes through the
 * whole-document schema, so refusals (and their messages) are exactly those of `journeyMapSchema`.
 */
import type { z } from 'zod';
import {
  commentSchema,
  journeyMapSchema,
  journeyMapShapeSchema,
  laneSchema,
  motSchema,
  personaSchema,
  stageSchema,
  touchpointSchema,
  type JourneyMap,
} from '../../src/domain/schema';
import { deepEqual } from '../../src/store/equal';

/**
 * `shared`: every part of `data` deeply equal to the same part of `base` is `base`'s own object
 * (what `shareUnchanged` would make); false when the whole-document schema made `data`.
 */
export type ValidationResult = { success: true; data: JourneyMap; shared: boolean } | { success: false; error: z.ZodError };

const ELEMENTS: Readonly<Record<string, z.ZodType | undefined>> = {
  personas: personaSchema,
  stages: stageSchema,
  lanes: laneSchema,
  touchpoints: touchpointSchema,
  mots: motSchema,
  comments: commentSchema,
};

const SHAPE = journeyMapShapeSchema.shape as unknown as Readonly<Record<string, z.ZodType | undefined>>;

function whole(candidate: unknown): ValidationResult {
  const r = journeyMapSchema.safeParse(candidate);
  return r.success ? { success: true, data: r.data, shared: false } : { success: false, error: r.error };
}

/** Unique ids; false on the first repeat. */
function uniqueIds(items: readonly { id: string }[], into: Set<string>): boolean {
  for (const item of items) {
    if (into.has(item.id)) return false;
    into.add(item.id);
  }
  return true;
}

/** The cross-reference rules of journeyMapSchema's refinement (true: none broken). */
export function referencesHold(map: JourneyMap): boolean {
  const personaIds = new Set<string>();
  const stageIds = new Set<string>();
  const laneIds = new Set<string>();
  const touchpointIds = new Set<string>();
  const motIds = new Set<string>();
  const commentIds = new Set<string>();
  if (
    !uniqueIds(map.personas, personaIds) ||
    !uniqueIds(map.stages, stageIds) ||
    !uniqueIds(map.lanes, laneIds) ||
    !uniqueIds(map.touchpoints, touchpointIds) ||
    !uniqueIds(map.mots, motIds) ||
    !uniqueIds(map.comments, commentIds)
  )
    return false;
  for (const tp of map.touchpoints) {
    if (!stageIds.has(tp.stageId) || !laneIds.has(tp.laneId)) return false;
    for (const personaId of Object.keys(tp.emotions)) if (!personaIds.has(personaId)) return false;
  }
  for (const mot of map.mots) if (!touchpointIds.has(mot.touchpointId)) return false;
  for (const c of map.comments) {
    const targets = c.targetKind === 'touchpoint' ? touchpointIds : c.targetKind === 'mot' ? motIds : stageIds;
    if (!targets.has(c.targetId)) return false;
    if (c.parentId !== null && !commentIds.has(c.parentId)) return false;
  }
  return true;
}

/** The fields by which an entity refers to others (or is referred to), per collection. */
const REF_FIELDS: Readonly<Record<string, readonly string[]>> = {
  personas: ['id'],
  stages: ['id'],
  lanes: ['id'],
  touchpoints: ['id', 'stageId', 'laneId'],
  mots: ['id', 'touchpointId'],
  comments: ['id', 'targetKind', 'targetId', 'parentId'],
};

/** True when `now` refers to exactly what `was` referred to (and has its id). */
function sameRefs(key: string, was: unknown, now: unknown): boolean {
  if (typeof was !== 'object' || was === null || typeof now !== 'object' || now === null) return false;
  const a = was as Readonly<Record<string, unknown>>;
  const b = now as Readonly<Record<string, unknown>>;
  for (const f of REF_FIELDS[key] ?? ['id']) if (a[f] !== b[f]) return false;
  if (key === 'touchpoints') {
    const ea = Object.keys((a.emotions ?? {}) as object);
    const eb = Object.keys((b.emotions ?? {}) as object);
    if (ea.length !== eb.length || ea.some((k, i) => k !== eb[i])) return false;
  }
  return true;
}

/**
 * `candidate` checked as a whole document, knowing that `base` is a valid one. The result is
 * what `journeyMapSchema.safeParse(candidate)` gives (parts shared with `base` keep their
 * references).
 */
export function validateAgainst(base: JourneyMap, candidate: Readonly<Record<string, unknown>>): ValidationResult {
  const old = base as unknown as Readonly<Record<string, unknown>>;
  const keys = Object.keys(candidate);
  if (keys.length !== Object.keys(old).length) return whole(candidate);
  const out: Record<string, unknown> = {};
  // Whether some entity now refers to something else (or has another id): then the
  // cross-references are checked again.
  let refsTouched = false;
  for (const key of keys) {
    if (!Object.hasOwn(old, key) || !Object.hasOwn(SHAPE, key)) return whole(candidate);
    const value = candidate[key];
    const before = old[key];
    if (value === before) {
      out[key] = before;
      continue;
    }
    const element = ELEMENTS[key];
    if (element) {
      // Same length as a valid collection: its length limits hold.
      if (!Array.isArray(value) || !Array.isArray(before) || value.length !== before.length) return whole(candidate);
      const known = new Set<unknown>(before);
      const items = new Array<unknown>(value.length);
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (known.has(item)) {
          items[i] = item;
          continue;
        }
        const r = element.safeParse(item);
        if (!r.success) return whole(candidate);
        // The parser copies: an entity that ends up as it was keeps its old object.
        const was: unknown = before[i];
        items[i] = was !== undefined && deepEqual(was, r.data) ? was : r.data;
        if (!refsTouched && !sameRefs(key, was, r.data)) refsTouched = true;
      }
      out[key] = items;
    } else {
      const schema = SHAPE[key];
      if (!schema) return whole(candidate);
      const r = schema.safeParse(value);
      if (!r.success) return whole(candidate);
      out[key] = deepEqual(before, r.data) ? before : r.data;
    }
  }
  const map = out as unknown as JourneyMap;
  // Same lengths, same ids and references as in `base`, whose references held: they still do.
  if (refsTouched && !referencesHold(map)) return whole(candidate);
  return { success: true, data: map, shared: true };
}
