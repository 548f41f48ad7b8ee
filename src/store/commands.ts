/**
 * Document commands. Each one mutates a document draft in place (call it inside
 * `store.apply(d => …)` / `store.run(d => …)`, or on any mutable copy) and is defensive:
 *
 * - unknown ids, invalid enum values and full collections are a no-op (`false` / `null` / `[]`),
 *   never an exception;
 * - text is stored as typed but truncated to the schema `LIMITS`; numbers are clamped;
 * - partial updates apply their valid fields and skip invalid ones;
 * - a value equal to the current one is not written, so a no-op makes no patch and no undo step;
 * - every command leaves a document that passes `journeyMapSchema`, cascading deletes
 *   (cards → their MOTs → comments on them → replies).
 *
 * Boolean results: `true` = accepted (the document is now in the requested state),
 * `false` = refused. Creating commands return the new id, or null when refused.
 */
import {
  CHANNELS,
  CUSTOMER_GROUPS,
  DIMENSIONS,
  EVIDENCE_SOURCES,
  LANE_TYPES,
  LIMITS,
  evidenceSchema,
  type Channel,
  type Comment,
  type CustomerGroup,
  type Dimension,
  type Evidence,
  type JourneyMap,
  type LaneType,
  type MapSettings,
  type Mot,
  type Persona,
  type Stage,
  type Touchpoint,
} from '../domain/schema';
import { current, isDraft, type Draft } from 'immer';
import { newId } from '../domain/ids';
import { PERSONA_COLORS } from '../domain/defaults';
import { EMOTION_MAX, EMOTION_MIN, toEmotionValue } from '../domain/scale';
import { clipboardPayloadSchema } from './clipboard';
import { commentsToRemove } from './integrity';
import { clampIndex, clampInt, clampNumber, clampText, isColor, isOneOf } from './text';

export { clipboardPayloadSchema, parseClipboard, serializeClipboard, buildClipboardPayload } from './clipboard';
export type { ClipboardPayload, ClipboardParseResult } from './clipboard';

type Doc = JourneyMap;

// ── helpers ────────────────────────────────────────────────────────────────────────────────
//
// Reading a large draft array element by element makes Immer create a proxy per element
// (≈1 µs each). Commands therefore *read* from a plain snapshot (`snap`: Immer's `current()`,
// which is the untouched base when nothing changed yet) and *write* through the draft by index.

function snap<T>(value: T): T {
  return isDraft(value) ? (current(value as Draft<T>) as T) : value;
}

function indexById(items: readonly { id: string }[], id: unknown): number {
  if (typeof id !== 'string') return -1;
  for (let i = 0; i < items.length; i++) if (items[i]?.id === id) return i;
  return -1;
}

/**
 * A writable element: the Immer draft of `items[i]`. If `items` is a plain array assigned
 * earlier in the same recipe (deletes do that: one cheap assignment instead of shifting 1000
 * proxies), Immer does not draft its elements, so a frozen element is replaced by a copy.
 */
function editAt<T extends object>(items: T[], i: number): T {
  const item = items[i] as T;
  if (isDraft(item) || !Object.isFrozen(item)) return item;
  const copy = cloneJson(item);
  items[i] = copy;
  return copy;
}

/** The writable element with this id, found without proxying the others. */
function findById<T extends { id: string }>(items: T[], id: unknown): T | undefined {
  const i = indexById(snap(items), id);
  return i < 0 ? undefined : editAt(items, i);
}

function hasId(items: readonly { id: string }[], id: unknown): boolean {
  return indexById(snap(items), id) >= 0;
}

/** Move an element to final position `toIndex` (clamped). */
function moveItem<T>(items: T[], from: number, toIndex: unknown): void {
  const to = Math.min(items.length - 1, clampIndex(toIndex, items.length - 1));
  if (from === to || from < 0) return;
  const [item] = items.splice(from, 1);
  if (item !== undefined) items.splice(to, 0, item);
}

function byOrder(a: Touchpoint, b: Touchpoint): number {
  return a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function cellKey(stageId: string, laneId: string): string {
  return `${stageId}\u0000${laneId}`;
}

/**
 * A card as read from the snapshot: `i` is its index in `d.touchpoints`, or -1 for a new card
 * not yet in the document (then `t` is that new, still mutable object).
 */
interface Entry {
  i: number;
  t: Touchpoint;
}

function entryCompare(a: Entry, b: Entry): number {
  return byOrder(a.t, b.t);
}

/** The cards of one cell, in order. */
function cellEntries(all: readonly Touchpoint[], stageId: string, laneId: string, skip?: ReadonlySet<string>): Entry[] {
  const out: Entry[] = [];
  all.forEach((t, i) => {
    if (t.stageId === stageId && t.laneId === laneId && !skip?.has(t.id)) out.push({ i, t });
  });
  return out.sort(entryCompare);
}

/** Give the listed cards the orders 0..n-1, writing only what differs. */
function renumber(d: Doc, entries: readonly Entry[]): void {
  entries.forEach((e, order) => {
    if (e.i < 0) e.t.order = order;
    else if (e.t.order !== order) editAt(d.touchpoints, e.i).order = order;
  });
}

/** Renumber whole cells (given by `cellKey`), ignoring the cards in `skip`. */
function renumberCells(d: Doc, all: readonly Touchpoint[], cells: ReadonlySet<string>, skip?: ReadonlySet<string>): void {
  if (!cells.size) return;
  const groups = new Map<string, Entry[]>();
  all.forEach((t, i) => {
    const k = cellKey(t.stageId, t.laneId);
    if (!cells.has(k) || skip?.has(t.id)) return;
    const list = groups.get(k);
    if (list) list.push({ i, t });
    else groups.set(k, [{ i, t }]);
  });
  for (const list of groups.values()) renumber(d, list.sort(entryCompare));
}

/** Existing cards among `ids`, each once, in journey order (stage, lane, order). */
function existingEntries(d: Doc, all: readonly Touchpoint[], ids: Iterable<string>): Entry[] {
  const wanted = new Set(ids);
  if (!wanted.size) return [];
  const stageIndex = new Map(snap(d.stages).map((s, i) => [s.id, i]));
  const laneIndex = new Map(snap(d.lanes).map((l, i) => [l.id, i]));
  const out: Entry[] = [];
  all.forEach((t, i) => {
    if (wanted.has(t.id)) out.push({ i, t });
  });
  return out.sort(
    (a, b) =>
      (stageIndex.get(a.t.stageId) ?? 0) - (stageIndex.get(b.t.stageId) ?? 0) ||
      (laneIndex.get(a.t.laneId) ?? 0) - (laneIndex.get(b.t.laneId) ?? 0) ||
      entryCompare(a, b),
  );
}

function pruneComments(d: Doc, dead: (c: Comment) => boolean): void {
  const comments = snap(d.comments);
  const removed = commentsToRemove(comments, dead);
  if (removed.size) d.comments = comments.filter((c) => !removed.has(c.id));
}

/** Remove cards and everything hanging off them; renumber the cells they left. */
function removeCards(d: Doc, ids: ReadonlySet<string>): number {
  if (!ids.size) return 0;
  const all = snap(d.touchpoints);
  const cells = new Set<string>();
  for (const t of all) if (ids.has(t.id)) cells.add(cellKey(t.stageId, t.laneId));
  if (!cells.size) return 0;
  // One assignment of a plain array: far cheaper than shifting hundreds of drafts one by one.
  const kept = all.filter((t) => !ids.has(t.id));
  d.touchpoints = kept;
  renumberCells(d, kept, cells);
  const mots = snap(d.mots);
  const motIds = new Set(mots.filter((m) => ids.has(m.touchpointId)).map((m) => m.id));
  if (motIds.size) d.mots = mots.filter((m) => !motIds.has(m.id));
  pruneComments(d, (c) => (c.targetKind === 'touchpoint' && ids.has(c.targetId)) || (c.targetKind === 'mot' && motIds.has(c.targetId)));
  return all.length - kept.length;
}

function setText<T extends object, K extends keyof T>(target: T, key: K, value: unknown, max: number): void {
  const text = clampText(value, max) as T[K];
  if (target[key] !== text) target[key] = text;
}

function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export type Position = number | { before: string } | { after: string };

function resolvePosition(items: readonly { id: string }[], at: Position | undefined): number {
  if (typeof at === 'object' && at !== null) {
    if ('before' in at) {
      const i = indexById(items, at.before);
      if (i >= 0) return i;
    } else if ('after' in at) {
      const i = indexById(items, at.after);
      if (i >= 0) return i + 1;
    }
    return items.length;
  }
  return clampIndex(at, items.length);
}

// ── map ────────────────────────────────────────────────────────────────────────────────────

export function setTitle(d: Doc, title: string): boolean {
  setText(d, 'title', title, LIMITS.mapTitle);
  return true;
}

export function setDescription(d: Doc, description: string): boolean {
  setText(d, 'description', description, LIMITS.description);
  return true;
}

// ── settings ───────────────────────────────────────────────────────────────────────────────

export function setCoreMessage(d: Doc, message: string): boolean {
  setText(d.settings, 'coreMessage', message, LIMITS.element);
  return true;
}

export function setFocusDimension(d: Doc, dimension: Dimension | null): boolean {
  if (dimension !== null && !isOneOf(DIMENSIONS, dimension)) return false;
  if (d.settings.focusDimension !== dimension) d.settings.focusDimension = dimension;
  return true;
}

export function setGroupWeights(d: Doc, weights: Partial<MapSettings['groupWeights']>): boolean {
  for (const group of CUSTOMER_GROUPS) {
    const w = clampNumber(weights[group], 0, 100);
    if (w !== null && d.settings.groupWeights[group] !== w) d.settings.groupWeights[group] = w;
  }
  return true;
}

// ── stages ─────────────────────────────────────────────────────────────────────────────────

/** Add a stage at an index, or before/after another stage (unknown id: at the end). */
export function addStage(d: Doc, name: string, at?: Position, extra: { description?: string; color?: string } = {}): string | null {
  if (d.stages.length >= LIMITS.stages) return null;
  const stage: Stage = {
    id: newId(),
    name: clampText(name, LIMITS.name),
    description: clampText(extra.description ?? '', LIMITS.description),
  };
  if (isColor(extra.color)) stage.color = extra.color;
  d.stages.splice(resolvePosition(snap(d.stages), at), 0, stage);
  return stage.id;
}

export function renameStage(d: Doc, id: string, name: string): boolean {
  const stage = findById(d.stages, id);
  if (!stage) return false;
  setText(stage, 'name', name, LIMITS.name);
  return true;
}

export function setStageDescription(d: Doc, id: string, description: string): boolean {
  const stage = findById(d.stages, id);
  if (!stage) return false;
  setText(stage, 'description', description, LIMITS.description);
  return true;
}

/** A colour like `#1a2b3c`, or null to remove it. */
export function setStageColor(d: Doc, id: string, color: string | null): boolean {
  const stage = findById(d.stages, id);
  if (!stage || (color !== null && !isColor(color))) return false;
  if (color === null) {
    if (stage.color !== undefined) delete stage.color;
  } else if (stage.color !== color) stage.color = color;
  return true;
}

/** Delete a stage with its cards, their MOTs, and comments on any of them. */
export function deleteStage(d: Doc, id: string): boolean {
  const i = indexById(snap(d.stages), id);
  if (i < 0) return false;
  d.stages.splice(i, 1);
  removeCards(d, new Set(snap(d.touchpoints).filter((t) => t.stageId === id).map((t) => t.id)));
  pruneComments(d, (c) => c.targetKind === 'stage' && c.targetId === id);
  return true;
}

export function moveStage(d: Doc, id: string, toIndex: number): boolean {
  const i = indexById(snap(d.stages), id);
  if (i < 0) return false;
  moveItem(d.stages, i, toIndex);
  return true;
}

// ── lanes ──────────────────────────────────────────────────────────────────────────────────

export function addLane(d: Doc, type: LaneType, name: string, index?: number): string | null {
  if (d.lanes.length >= LIMITS.lanes || !isOneOf(LANE_TYPES, type)) return null;
  const lane = { id: newId(), name: clampText(name, LIMITS.name), type, hidden: false };
  d.lanes.splice(clampIndex(index, d.lanes.length), 0, lane);
  return lane.id;
}

export function renameLane(d: Doc, id: string, name: string): boolean {
  const lane = findById(d.lanes, id);
  if (!lane) return false;
  setText(lane, 'name', name, LIMITS.name);
  return true;
}

export function setLaneType(d: Doc, id: string, type: LaneType): boolean {
  const lane = findById(d.lanes, id);
  if (!lane || !isOneOf(LANE_TYPES, type)) return false;
  if (lane.type !== type) lane.type = type;
  return true;
}

export function setLaneHidden(d: Doc, id: string, hidden: boolean): boolean {
  const lane = findById(d.lanes, id);
  if (!lane) return false;
  if (lane.hidden !== !!hidden) lane.hidden = !!hidden;
  return true;
}

/** Delete a lane with its cards, their MOTs and comments on them. */
export function deleteLane(d: Doc, id: string): boolean {
  const i = indexById(snap(d.lanes), id);
  if (i < 0) return false;
  d.lanes.splice(i, 1);
  removeCards(d, new Set(snap(d.touchpoints).filter((t) => t.laneId === id).map((t) => t.id)));
  return true;
}

export function moveLane(d: Doc, id: string, toIndex: number): boolean {
  const i = indexById(snap(d.lanes), id);
  if (i < 0) return false;
  moveItem(d.lanes, i, toIndex);
  return true;
}

// ── touchpoints ────────────────────────────────────────────────────────────────────────────

/**
 * A cell and a position in it. `index` counts positions among the cell's cards *other than
 * the ones being moved* (0 = first; missing or past the end = last).
 */
export interface CellTarget {
  stageId: string;
  laneId: string;
  index?: number;
}

export interface AddTouchpointInput extends CellTarget {
  title: string;
  description?: string;
  channel?: Channel;
}

function cellExists(d: Doc, stageId: unknown, laneId: unknown): boolean {
  return hasId(d.stages, stageId) && hasId(d.lanes, laneId);
}

export function addTouchpoint(d: Doc, input: AddTouchpointInput): string | null {
  if (d.touchpoints.length >= LIMITS.touchpoints || !cellExists(d, input.stageId, input.laneId)) return null;
  const entries = cellEntries(snap(d.touchpoints), input.stageId, input.laneId);
  const tp: Touchpoint = {
    id: newId(),
    stageId: input.stageId,
    laneId: input.laneId,
    order: 0,
    title: clampText(input.title, LIMITS.cardTitle),
    description: clampText(input.description ?? '', LIMITS.description),
    channel: isOneOf(CHANNELS, input.channel) ? input.channel : 'other',
    emotions: {},
  };
  entries.splice(clampIndex(input.index, entries.length), 0, { i: -1, t: tp });
  renumber(d, entries);
  d.touchpoints.push(tp);
  return tp.id;
}

export function updateTouchpoint(
  d: Doc,
  id: string,
  patch: Partial<Pick<Touchpoint, 'title' | 'description' | 'channel'>>,
): boolean {
  const tp = findById(d.touchpoints, id);
  if (!tp) return false;
  if (patch.title !== undefined) setText(tp, 'title', patch.title, LIMITS.cardTitle);
  if (patch.description !== undefined) setText(tp, 'description', patch.description, LIMITS.description);
  if (isOneOf(CHANNELS, patch.channel) && tp.channel !== patch.channel) tp.channel = patch.channel;
  return true;
}

/**
 * Move cards into one cell as a block, keeping their journey order. Renumbers the target
 * cell and every cell they left to 0..n-1. Dropping cards where they already are changes
 * nothing (no patch, so no undo step). Returns false if the target cell does not exist or
 * none of the ids do.
 */
export function moveTouchpoints(d: Doc, ids: Iterable<string>, target: CellTarget): boolean {
  const { stageId, laneId } = target;
  if (!cellExists(d, stageId, laneId)) return false;
  const all = snap(d.touchpoints);
  const moving = existingEntries(d, all, ids);
  if (!moving.length) return false;
  const movingIds = new Set(moving.map((e) => e.t.id));
  const cell = cellEntries(all, stageId, laneId);
  const rest = cell.filter((e) => !movingIds.has(e.t.id));
  const at = clampIndex(target.index, rest.length);
  const result = [...rest.slice(0, at), ...moving, ...rest.slice(at)];
  // Dropped where they already are: no write at all (not even renumbering), so no undo step.
  if (result.length === cell.length && result.every((e, k) => e.i === cell[k]?.i)) return true;

  const leftCells = new Set<string>();
  for (const e of moving) {
    if (e.t.stageId === stageId && e.t.laneId === laneId) continue;
    leftCells.add(cellKey(e.t.stageId, e.t.laneId));
    const card = editAt(d.touchpoints, e.i);
    card.stageId = stageId;
    card.laneId = laneId;
  }
  renumber(d, result);
  renumberCells(d, all, leftCells, movingIds);
  return true;
}

export function moveTouchpoint(d: Doc, id: string, target: CellTarget): boolean {
  return moveTouchpoints(d, [id], target);
}

/** Delete cards, the MOTs pinned on them and comments on either. Returns how many were deleted. */
export function deleteTouchpoints(d: Doc, ids: Iterable<string>): number {
  return removeCards(d, new Set(ids));
}

/**
 * Copy cards, each placed right after its original. Copies text, channel and emotions;
 * not MOTs or comments. Returns the new ids in journey order ([] if the map would be too full).
 */
export function duplicateTouchpoints(d: Doc, ids: Iterable<string>): string[] {
  const all = snap(d.touchpoints);
  const originals = existingEntries(d, all, ids);
  if (!originals.length || all.length + originals.length > LIMITS.touchpoints) return [];
  const copyOf = new Map<string, Touchpoint>();
  for (const { t } of originals) {
    copyOf.set(t.id, {
      id: newId(),
      stageId: t.stageId,
      laneId: t.laneId,
      order: t.order,
      title: t.title,
      description: t.description,
      channel: t.channel,
      emotions: cloneJson(t.emotions),
    });
  }
  const cells = new Set(originals.map((e) => cellKey(e.t.stageId, e.t.laneId)));
  for (const key of cells) {
    const [stageId = '', laneId = ''] = key.split('\u0000');
    const list: Entry[] = [];
    for (const e of cellEntries(all, stageId, laneId)) {
      list.push(e);
      const copy = copyOf.get(e.t.id);
      if (copy) list.push({ i: -1, t: copy });
    }
    renumber(d, list);
  }
  const copies = originals.map((e) => copyOf.get(e.t.id) as Touchpoint);
  d.touchpoints.push(...copies);
  return copies.map((c) => c.id);
}

/**
 * Paste clipboard cards into one cell at `index` (validated again here; anything invalid
 * pastes nothing). Emotions keep their persona when this map has the same persona id,
 * otherwise they go to the persona with the same name (case-insensitive); others are dropped.
 * Returns the new ids ([] if refused or the map would be too full).
 */
export function pasteTouchpoints(d: Doc, payload: unknown, target: CellTarget): string[] {
  const parsed = clipboardPayloadSchema.safeParse(payload);
  if (!parsed.success || !cellExists(d, target.stageId, target.laneId)) return [];
  const { touchpoints, personaNames } = parsed.data;
  const all = snap(d.touchpoints);
  if (all.length + touchpoints.length > LIMITS.touchpoints) return [];

  const personas = snap(d.personas);
  const personaIds = new Set(personas.map((p) => p.id));
  const byName = new Map<string, string>();
  for (const p of personas) {
    const key = p.name.trim().toLowerCase();
    if (!byName.has(key)) byName.set(key, p.id);
  }
  const mapPersona = (sourceId: string): string | undefined => {
    if (personaIds.has(sourceId)) return sourceId;
    const name = personaNames[sourceId];
    return name === undefined ? undefined : byName.get(name.trim().toLowerCase());
  };

  const created: Touchpoint[] = touchpoints.map((c) => {
    const emotions: Touchpoint['emotions'] = {};
    for (const [sourceId, point] of Object.entries(c.emotions)) {
      const pid = mapPersona(sourceId);
      if (pid !== undefined && !(pid in emotions)) emotions[pid] = cloneJson(point);
    }
    return {
      id: newId(),
      stageId: target.stageId,
      laneId: target.laneId,
      order: 0,
      title: clampText(c.title, LIMITS.cardTitle),
      description: clampText(c.description, LIMITS.description),
      channel: c.channel,
      emotions,
    };
  });
  const entries = cellEntries(all, target.stageId, target.laneId);
  entries.splice(clampIndex(target.index, entries.length), 0, ...created.map((t) => ({ i: -1, t })));
  renumber(d, entries);
  d.touchpoints.push(...created);
  return created.map((c) => c.id);
}

// ── emotions ───────────────────────────────────────────────────────────────────────────────

function emotionTarget(d: Doc, touchpointId: string, personaId: string): Touchpoint | undefined {
  const tp = findById(d.touchpoints, touchpointId);
  return tp && indexById(snap(d.personas), personaId) >= 0 ? tp : undefined;
}

/** Set a persona's feeling at a card, clamped and rounded onto −3..+3; null removes it. */
export function setEmotion(d: Doc, touchpointId: string, personaId: string, value: number | null): boolean {
  const tp = emotionTarget(d, touchpointId, personaId);
  if (!tp) return false;
  const point = tp.emotions[personaId];
  if (value === null) {
    if (point) delete tp.emotions[personaId];
    return true;
  }
  if (typeof value !== 'number') return false;
  const v = toEmotionValue(value);
  if (!point) tp.emotions[personaId] = { value: v };
  else if (point.value !== v) point.value = v;
  return true;
}

/** The to-be value (needs an as-is value first); null removes it. */
export function setTarget(d: Doc, touchpointId: string, personaId: string, value: number | null): boolean {
  const point = emotionTarget(d, touchpointId, personaId)?.emotions[personaId];
  if (!point) return false;
  if (value === null) {
    if (point.target !== undefined) delete point.target;
    return true;
  }
  if (typeof value !== 'number') return false;
  const v = toEmotionValue(value);
  if (point.target !== v) point.target = v;
  return true;
}

export interface EvidenceInput {
  source: Evidence['source'];
  respondents?: number;
  spread?: number;
  quotes?: readonly string[];
}

/** What a value is based on (needs an as-is value first); null removes it. */
export function setEvidence(d: Doc, touchpointId: string, personaId: string, evidence: EvidenceInput | null): boolean {
  const point = emotionTarget(d, touchpointId, personaId)?.emotions[personaId];
  if (!point) return false;
  if (evidence === null) {
    if (point.evidence !== undefined) delete point.evidence;
    return true;
  }
  if (typeof evidence !== 'object' || !isOneOf(EVIDENCE_SOURCES, evidence.source)) return false;
  const next: Evidence = {
    source: evidence.source,
    quotes: Array.isArray(evidence.quotes)
      ? evidence.quotes.slice(0, LIMITS.quotes).map((q) => clampText(q, LIMITS.quote))
      : [],
  };
  const respondents = clampInt(evidence.respondents, 0, 10_000_000);
  if (respondents !== null) next.respondents = respondents;
  const spread = clampNumber(evidence.spread, 0, EMOTION_MAX - EMOTION_MIN);
  if (spread !== null) next.spread = spread;
  const checked = evidenceSchema.safeParse(next);
  if (!checked.success) return false;
  if (JSON.stringify(point.evidence) !== JSON.stringify(checked.data)) point.evidence = checked.data;
  return true;
}

// ── personas ───────────────────────────────────────────────────────────────────────────────

/** Add a persona; an invalid or missing colour picks an unused one from the palette. */
export function addPersona(d: Doc, name: string, color?: string, description = ''): string | null {
  if (d.personas.length >= LIMITS.personas) return null;
  const used = new Set(d.personas.map((p) => p.color.toLowerCase()));
  const fallback = PERSONA_COLORS.find((c) => !used.has(c)) ?? PERSONA_COLORS[d.personas.length % PERSONA_COLORS.length] ?? '#2563eb';
  const persona: Persona = {
    id: newId(),
    name: clampText(name, LIMITS.name),
    description: clampText(description, LIMITS.description),
    color: isColor(color) ? color : fallback,
  };
  d.personas.push(persona);
  return persona.id;
}

export function updatePersona(d: Doc, id: string, patch: Partial<Pick<Persona, 'name' | 'description' | 'color'>>): boolean {
  const persona = findById(d.personas, id);
  if (!persona) return false;
  if (patch.name !== undefined) setText(persona, 'name', patch.name, LIMITS.name);
  if (patch.description !== undefined) setText(persona, 'description', patch.description, LIMITS.description);
  if (isColor(patch.color) && persona.color !== patch.color) persona.color = patch.color;
  return true;
}

/** Delete a persona and its emotions on every card. Refuses (false) to delete the last one. */
export function deletePersona(d: Doc, id: string): boolean {
  const i = indexById(snap(d.personas), id);
  if (i < 0 || d.personas.length <= 1) return false;
  d.personas.splice(i, 1);
  snap(d.touchpoints).forEach((t, i) => {
    if (id in t.emotions) delete editAt(d.touchpoints, i).emotions[id];
  });
  return true;
}

export function movePersona(d: Doc, id: string, toIndex: number): boolean {
  const i = indexById(snap(d.personas), id);
  if (i < 0) return false;
  moveItem(d.personas, i, toIndex);
  return true;
}

// ── moments of truth ───────────────────────────────────────────────────────────────────────

export interface MotInput {
  who?: string;
  situation?: string;
  feeling?: string;
  dimension?: Dimension | null;
  source?: CustomerGroup | null;
  ratings?: Partial<Mot['ratings']>;
  votes?: Partial<Mot['votes']>;
  chosen?: boolean;
}

function applyMotInput(mot: Mot, input: MotInput): void {
  if (input.who !== undefined) setText(mot, 'who', input.who, LIMITS.element);
  if (input.situation !== undefined) setText(mot, 'situation', input.situation, LIMITS.situation);
  if (input.feeling !== undefined) setText(mot, 'feeling', input.feeling, LIMITS.element);
  if (input.dimension === null || isOneOf(DIMENSIONS, input.dimension)) {
    if (mot.dimension !== input.dimension) mot.dimension = input.dimension;
  }
  if (input.source === null || isOneOf(CUSTOMER_GROUPS, input.source)) {
    if (mot.source !== input.source) mot.source = input.source;
  }
  if (input.ratings) {
    for (const k of ['importance', 'performance', 'competitorWeakness'] as const) {
      const v = clampInt(input.ratings[k], 0, 5);
      if (v !== null && mot.ratings[k] !== v) mot.ratings[k] = v;
    }
  }
  if (input.votes) {
    for (const k of CUSTOMER_GROUPS) {
      const v = clampInt(input.votes[k], 0, LIMITS.votes);
      if (v !== null && mot.votes[k] !== v) mot.votes[k] = v;
    }
  }
  if (typeof input.chosen === 'boolean' && mot.chosen !== input.chosen) mot.chosen = input.chosen;
}

/** Pin a Moment of Truth on a card. Null if the card does not exist or the map is full. */
export function addMot(d: Doc, touchpointId: string, input: MotInput = {}): string | null {
  if (d.mots.length >= LIMITS.mots || indexById(snap(d.touchpoints), touchpointId) < 0) return null;
  const mot: Mot = {
    id: newId(),
    touchpointId,
    who: '',
    situation: '',
    feeling: '',
    dimension: null,
    source: null,
    ratings: { importance: 0, performance: 0, competitorWeakness: 0 },
    votes: { love: 0, like: 0, dislike: 0 },
    chosen: false,
  };
  applyMotInput(mot, input);
  d.mots.push(mot);
  return mot.id;
}

/** Update a MOT; `touchpointId` re-pins it (ignored if that card does not exist). */
export function updateMot(d: Doc, id: string, input: MotInput & { touchpointId?: string }): boolean {
  const mot = findById(d.mots, id);
  if (!mot) return false;
  applyMotInput(mot, input);
  if (input.touchpointId !== undefined && input.touchpointId !== mot.touchpointId && indexById(snap(d.touchpoints), input.touchpointId) >= 0)
    mot.touchpointId = input.touchpointId;
  return true;
}

export function deleteMot(d: Doc, id: string): boolean {
  const i = indexById(snap(d.mots), id);
  if (i < 0) return false;
  d.mots.splice(i, 1);
  pruneComments(d, (c) => c.targetKind === 'mot' && c.targetId === id);
  return true;
}

export function setMotChosen(d: Doc, id: string, chosen: boolean): boolean {
  const mot = findById(d.mots, id);
  if (!mot) return false;
  if (mot.chosen !== !!chosen) mot.chosen = !!chosen;
  return true;
}
