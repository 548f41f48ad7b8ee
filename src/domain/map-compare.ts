/**
 * What changed between two versions of a journey map, for people: elements are matched by id,
 * and each difference is named in the map's own words (stage names, card titles, persona names),
 * so the UI only has to phrase it (in either language). Pure; shared by the server's compare
 * route and the history panel.
 *
 *   const c = compareMaps(oldDoc, currentDoc);
 *   c.stages.renamed // [{ id, from: 'Booking', to: 'Book a flight' }]
 */
import type { JourneyMap, Lane, Mot, Persona, Stage, Touchpoint } from './schema';

export interface Named {
  id: string;
  name: string;
}

export interface Renamed {
  id: string;
  from: string;
  to: string;
}

export interface Moved {
  id: string;
  name: string;
  /** 0-based positions among the elements present in both versions. */
  from: number;
  to: number;
}

export interface ListChanges {
  added: Named[];
  removed: Named[];
  renamed: Renamed[];
  /** Elements whose position among the others changed (a minimal set: the ones that were moved). */
  moved: Moved[];
}

export interface CardRef {
  id: string;
  title: string;
  /** Stage and lane names where the card is (for removed cards: where it was). */
  stage: string;
  lane: string;
}

export interface CardMove {
  id: string;
  title: string;
  fromStage: string;
  toStage: string;
  fromLane: string;
  toLane: string;
}

export const CARD_FIELDS = ['description', 'channel'] as const;
export type CardField = (typeof CARD_FIELDS)[number];

export interface CardChanges {
  added: CardRef[];
  removed: CardRef[];
  moved: CardMove[];
  retitled: Renamed[];
  /** Other fields changed (description, channel). */
  changed: { id: string; title: string; fields: CardField[] }[];
}

export interface EmotionChange {
  personaId: string;
  persona: string;
  cardId: string;
  card: string;
  /** null: no point for this persona on that card. */
  from: number | null;
  to: number | null;
  /** The to-be value changed (only), when `from === to`. */
  targetFrom?: number | null;
  targetTo?: number | null;
}

export const MOT_FIELDS = ['card', 'who', 'situation', 'feeling', 'dimension', 'source', 'ratings', 'votes', 'chosen'] as const;
export type MotField = (typeof MOT_FIELDS)[number];

export interface MotRef {
  id: string;
  /** The card the MOT is pinned on, and its "who" (may be empty). */
  card: string;
  who: string;
}

export interface MotChanges {
  added: MotRef[];
  removed: MotRef[];
  changed: (MotRef & { fields: MotField[] })[];
}

export const PERSONA_FIELDS = ['description', 'color'] as const;
export type PersonaField = (typeof PERSONA_FIELDS)[number];

export interface PersonaChanges extends ListChanges {
  changed: { id: string; name: string; fields: PersonaField[] }[];
}

export const SETTING_FIELDS = ['description', 'locale', 'coreMessage', 'focusDimension', 'groupWeights'] as const;
export type SettingField = (typeof SETTING_FIELDS)[number];

export interface MapComparison {
  title: { from: string; to: string } | null;
  /** Map-level fields that changed (description, locale, settings). */
  settings: SettingField[];
  stages: ListChanges;
  lanes: ListChanges;
  cards: CardChanges;
  emotions: EmotionChange[];
  mots: MotChanges;
  personas: PersonaChanges;
  comments: { from: number; to: number };
  /** How many differences are listed in all (0: the same content). */
  total: number;
}

/** Equality of small JSON values (ratings, votes, settings): same keys, same values. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!jsonEqual(ao[k], bo[k])) return false;
  return true;
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((x) => [x.id, x]));
}

/**
 * Ids of the elements that moved: everything in `now` order that is not on a longest common
 * subsequence with the `before` order (so one dragged stage is one move, not every stage it
 * passed).
 */
function movedIds(before: readonly string[], now: readonly string[]): Set<string> {
  const rank = new Map(before.map((id, i) => [id, i]));
  const seq = now.filter((id) => rank.has(id));
  const ranks = seq.map((id) => rank.get(id) ?? 0);
  // Longest increasing subsequence of the ranks (patience sorting with back-links).
  const tails: number[] = [];
  const prev: number[] = new Array<number>(ranks.length).fill(-1);
  for (let i = 0; i < ranks.length; i++) {
    const r = ranks[i] ?? 0;
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((ranks[tails[mid] ?? 0] ?? 0) < r) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] ?? -1;
    tails[lo] = i;
  }
  const keep = new Set<string>();
  let k = tails.length > 0 ? (tails[tails.length - 1] ?? -1) : -1;
  while (k >= 0) {
    keep.add(seq[k] ?? '');
    k = prev[k] ?? -1;
  }
  return new Set(seq.filter((id) => !keep.has(id)));
}

function listChanges<T extends { id: string; name: string }>(before: readonly T[], now: readonly T[]): ListChanges {
  const old = byId(before);
  const cur = byId(now);
  const added = now.filter((x) => !old.has(x.id)).map((x) => ({ id: x.id, name: x.name }));
  const removed = before.filter((x) => !cur.has(x.id)).map((x) => ({ id: x.id, name: x.name }));
  const renamed: Renamed[] = [];
  for (const x of now) {
    const o = old.get(x.id);
    if (o && o.name !== x.name) renamed.push({ id: x.id, from: o.name, to: x.name });
  }
  const beforeIds = before.filter((x) => cur.has(x.id)).map((x) => x.id);
  const nowIds = now.filter((x) => old.has(x.id)).map((x) => x.id);
  const moving = movedIds(beforeIds, nowIds);
  const moved = nowIds
    .filter((id) => moving.has(id))
    .map((id) => ({ id, name: cur.get(id)?.name ?? '', from: beforeIds.indexOf(id), to: nowIds.indexOf(id) }));
  return { added, removed, renamed, moved };
}

function placeOf(map: JourneyMap, tp: Touchpoint): { stage: string; lane: string } {
  return {
    stage: map.stages.find((s: Stage) => s.id === tp.stageId)?.name ?? '',
    lane: map.lanes.find((l: Lane) => l.id === tp.laneId)?.name ?? '',
  };
}

function cardChanges(before: JourneyMap, now: JourneyMap): CardChanges {
  const old = byId(before.touchpoints);
  const cur = byId(now.touchpoints);
  const ref = (map: JourneyMap, t: Touchpoint): CardRef => ({ id: t.id, title: t.title, ...placeOf(map, t) });
  const result: CardChanges = {
    added: now.touchpoints.filter((t) => !old.has(t.id)).map((t) => ref(now, t)),
    removed: before.touchpoints.filter((t) => !cur.has(t.id)).map((t) => ref(before, t)),
    moved: [],
    retitled: [],
    changed: [],
  };
  for (const t of now.touchpoints) {
    const o = old.get(t.id);
    if (!o) continue;
    if (o.stageId !== t.stageId || o.laneId !== t.laneId) {
      const from = placeOf(before, o);
      const to = placeOf(now, t);
      result.moved.push({ id: t.id, title: t.title, fromStage: from.stage, toStage: to.stage, fromLane: from.lane, toLane: to.lane });
    }
    if (o.title !== t.title) result.retitled.push({ id: t.id, from: o.title, to: t.title });
    const fields = CARD_FIELDS.filter((f) => o[f] !== t[f]);
    if (fields.length > 0) result.changed.push({ id: t.id, title: t.title, fields });
  }
  return result;
}

function emotionChanges(before: JourneyMap, now: JourneyMap): EmotionChange[] {
  const old = byId(before.touchpoints);
  const personas = new Map<string, string>([...before.personas, ...now.personas].map((p) => [p.id, p.name]));
  const out: EmotionChange[] = [];
  for (const t of now.touchpoints) {
    const o = old.get(t.id);
    if (!o) continue;
    const ids = new Set([...Object.keys(o.emotions), ...Object.keys(t.emotions)]);
    for (const personaId of ids) {
      const a = o.emotions[personaId];
      const b = t.emotions[personaId];
      const from = a?.value ?? null;
      const to = b?.value ?? null;
      const targetFrom = a?.target ?? null;
      const targetTo = b?.target ?? null;
      if (from === to && targetFrom === targetTo) continue;
      const change: EmotionChange = { personaId, persona: personas.get(personaId) ?? '', cardId: t.id, card: t.title, from, to };
      if (from === to) {
        change.targetFrom = targetFrom;
        change.targetTo = targetTo;
      }
      out.push(change);
    }
  }
  return out;
}

function motField(a: Mot, b: Mot, f: MotField): boolean {
  switch (f) {
    case 'card':
      return a.touchpointId !== b.touchpointId;
    case 'ratings':
    case 'votes':
      return !jsonEqual(a[f], b[f]);
    default:
      return a[f] !== b[f];
  }
}

function motChanges(before: JourneyMap, now: JourneyMap): MotChanges {
  const old = byId(before.mots);
  const cur = byId(now.mots);
  const ref = (map: JourneyMap, m: Mot): MotRef => ({
    id: m.id,
    card: map.touchpoints.find((t) => t.id === m.touchpointId)?.title ?? '',
    who: m.who,
  });
  const changed: MotChanges['changed'] = [];
  for (const m of now.mots) {
    const o = old.get(m.id);
    if (!o) continue;
    const fields = MOT_FIELDS.filter((f) => motField(o, m, f));
    if (fields.length > 0) changed.push({ ...ref(now, m), fields });
  }
  return {
    added: now.mots.filter((m) => !old.has(m.id)).map((m) => ref(now, m)),
    removed: before.mots.filter((m) => !cur.has(m.id)).map((m) => ref(before, m)),
    changed,
  };
}

function personaChanges(before: readonly Persona[], now: readonly Persona[]): PersonaChanges {
  const old = byId(before);
  const changed: PersonaChanges['changed'] = [];
  for (const p of now) {
    const o = old.get(p.id);
    if (!o) continue;
    const fields = PERSONA_FIELDS.filter((f) => o[f] !== p[f]);
    if (fields.length > 0) changed.push({ id: p.id, name: p.name, fields });
  }
  return { ...listChanges(before, now), changed };
}

function settingChanges(before: JourneyMap, now: JourneyMap): SettingField[] {
  return SETTING_FIELDS.filter((f) => {
    switch (f) {
      case 'description':
      case 'locale':
        return before[f] !== now[f];
      default:
        return !jsonEqual(before.settings[f], now.settings[f]);
    }
  });
}

const listCount = (l: ListChanges) => l.added.length + l.removed.length + l.renamed.length + l.moved.length;

/** The differences from `before` (an older version) to `now` (usually the current map). */
export function compareMaps(before: JourneyMap, now: JourneyMap): MapComparison {
  const cards = cardChanges(before, now);
  const mots = motChanges(before, now);
  const personas = personaChanges(before.personas, now.personas);
  const comparison: Omit<MapComparison, 'total'> = {
    title: before.title !== now.title ? { from: before.title, to: now.title } : null,
    settings: settingChanges(before, now),
    stages: listChanges(before.stages, now.stages),
    lanes: listChanges(before.lanes, now.lanes),
    cards,
    emotions: emotionChanges(before, now),
    mots,
    personas,
    comments: { from: before.comments.length, to: now.comments.length },
  };
  const total =
    (comparison.title ? 1 : 0) +
    comparison.settings.length +
    listCount(comparison.stages) +
    listCount(comparison.lanes) +
    cards.added.length +
    cards.removed.length +
    cards.moved.length +
    cards.retitled.length +
    cards.changed.length +
    comparison.emotions.length +
    mots.added.length +
    mots.removed.length +
    mots.changed.length +
    listCount(personas) +
    personas.changed.length +
    (comparison.comments.from !== comparison.comments.to ? 1 : 0);
  return { ...comparison, total };
}
