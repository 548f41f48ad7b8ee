/**
 * Walkthrough (presentation) mode, the pure part: what belongs to stage i of a map.
 *
 * - cards: the stage's touchpoints grouped by lane, lanes top to bottom, cards in cell order;
 *   hidden lanes are left out (as on the canvas), and so are lanes with no card in this stage.
 * - curves: per persona, the points of its emotion curve that fall in this stage (the same curve
 *   the canvas draws: goldenIndex in domain/emotion.ts), plus the neighbouring points just before
 *   and after the stage, so the slide can show where the curve comes from and goes to.
 * - marks: the persona's peak / trough / end, only on the stage the point is in.
 * - slots: the x positions of the stage's chart, one per card that carries any curve point, in
 *   journey order (the canvas' emotion lane spreads points the same way: slotsOf / pointXs).
 * - mots: the MOTs pinned on the stage's cards (hidden lanes included: an MOT always matters),
 *   in MOT-number order, with their map-wide numbers (canvas/mots/mot-numbering).
 *
 * No React, no DOM. Everything is derived from one document value.
 */
import { goldenIndex, HIGHLIGHT_ROLES, type CurvePoint, type HighlightRole } from '../domain/emotion';
import type { JourneyMap, Lane, Mot, Stage, Touchpoint } from '../domain/schema';
import { touchpointsInCell } from '../domain/journey-order';
import { motNumbering } from '../canvas/mots/mot-numbering';
import { slotsOf } from '../canvas/emotion/emotion-geometry';

export interface LaneCards {
  lane: Lane;
  cards: Touchpoint[];
}

export interface StageMark {
  role: HighlightRole;
  point: CurvePoint;
}

export interface StageCurve {
  personaId: string;
  personaName: string;
  color: string;
  /** This stage's points of the persona's as-is curve, in curve order. */
  points: CurvePoint[];
  /** The last point of the curve before this stage (null: the curve starts here or later). */
  before: CurvePoint | null;
  /** The first point of the curve after this stage (null: it ends here or earlier). */
  after: CurvePoint | null;
  /** Peak / trough / end of the whole curve that fall in this stage, in the order peak, trough, end. */
  marks: StageMark[];
}

export interface StageMot {
  mot: Mot;
  /** Map-wide MOT number (1-based). */
  number: number;
  touchpoint: Touchpoint;
}

export interface StageSlice {
  /** 0-based position of the stage. */
  index: number;
  /** Number of stages in the map. */
  count: number;
  stage: Stage;
  lanes: LaneCards[];
  /** Ids of the cards that carry a curve point (of any persona), in journey order: the chart's x slots. */
  slots: string[];
  /** One per persona, in map order (personas without a point in this stage included, with empty points). */
  curves: StageCurve[];
  mots: StageMot[];
  /** The stage has no card at all (in visible lanes) and no MOT. */
  empty: boolean;
}

export type SliceSource = Pick<JourneyMap, 'stages' | 'lanes' | 'touchpoints' | 'personas' | 'mots'>;

/** Clamp an index into 0..count−1 (0 for an empty map). */
export function clampStageIndex(index: number, count: number): number {
  if (count <= 0 || !Number.isFinite(index)) return 0;
  return Math.min(count - 1, Math.max(0, Math.trunc(index)));
}

/** The position of a stage, or −1. */
export function stageIndexOf(doc: Pick<JourneyMap, 'stages'>, stageId: string | null): number {
  if (stageId === null) return -1;
  return doc.stages.findIndex((s) => s.id === stageId);
}

/** What stage `index` of the map shows; null when the map has no such stage. */
export function sliceStage(doc: SliceSource, index: number): StageSlice | null {
  const stage = doc.stages[index];
  if (!stage) return null;

  const lanes: LaneCards[] = [];
  for (const lane of doc.lanes) {
    if (lane.hidden) continue;
    const cards = touchpointsInCell(doc, stage.id, lane.id);
    if (cards.length) lanes.push({ lane, cards });
  }

  const slots = slotsOf(doc as JourneyMap)
    .filter((s) => s.stageId === stage.id)
    .map((s) => s.touchpointId);

  const colors = new Map(doc.personas.map((p) => [p.id, p.color]));
  const stageOrder = stagePositions(doc.stages);
  const here = index;
  const curves: StageCurve[] = goldenIndex(doc).personas.map((entry) => {
    const points: CurvePoint[] = [];
    let before: CurvePoint | null = null;
    let after: CurvePoint | null = null;
    for (const p of entry.curve) {
      const at = stageOrder.get(p.stageId) ?? -1;
      if (at === here) points.push(p);
      else if (at < here) before = p; // the curve is in journey order: the last one wins
      else if (after === null) after = p;
    }
    const h = entry.highlights;
    const marks: StageMark[] = h ? HIGHLIGHT_ROLES.filter((role) => h[role].stageId === stage.id).map((role) => ({ role, point: h[role] })) : [];
    return { personaId: entry.personaId, personaName: entry.personaName, color: colors.get(entry.personaId) ?? '#64748b', points, before, after, marks };
  });

  const numbering = motNumbering(doc);
  const byId = new Map(doc.touchpoints.map((t) => [t.id, t]));
  const mots: StageMot[] = [];
  for (const mot of doc.mots) {
    const touchpoint = byId.get(mot.touchpointId);
    const number = numbering.byId.get(mot.id);
    if (touchpoint && touchpoint.stageId === stage.id && number !== undefined) mots.push({ mot, number, touchpoint });
  }
  mots.sort((a, b) => a.number - b.number);

  return { index, count: doc.stages.length, stage, lanes, slots, curves, mots, empty: lanes.length === 0 && mots.length === 0 };
}

const positionsCache = new WeakMap<readonly Stage[], Map<string, number>>();
function stagePositions(stages: readonly Stage[]): Map<string, number> {
  let hit = positionsCache.get(stages);
  if (!hit) positionsCache.set(stages, (hit = new Map(stages.map((s, i) => [s.id, i]))));
  return hit;
}

/**
 * Where a walkthrough opened from the editor starts: the selected stage, the stage of the first
 * selected card, the stage of the keyboard cursor's cell, else the first stage (null: no stages).
 */
export function startStageId(
  doc: Pick<JourneyMap, 'stages' | 'touchpoints'>,
  view: { selection: { kind: string; ids: readonly string[] } | null; activeCell: { stageId: string } | null },
): string | null {
  const known = (id: string | undefined): id is string => id !== undefined && doc.stages.some((s) => s.id === id);
  const sel = view.selection;
  const first = sel?.ids[0];
  if (sel?.kind === 'stage' && known(first)) return first;
  if (sel?.kind === 'touchpoint' && first) {
    const stageId = doc.touchpoints.find((t) => t.id === first)?.stageId;
    if (known(stageId)) return stageId;
  }
  if (known(view.activeCell?.stageId)) return view.activeCell.stageId;
  return doc.stages[0]?.id ?? null;
}

// ---------------------------------------------------------------------------------------------
// Keys

export type WalkthroughAction = 'next' | 'prev' | 'first' | 'last' | 'exit' | 'scrollDown' | 'scrollUp';

/**
 * The walkthrough's keys: → / PageDown / Space next, ← / PageUp previous, Home / End, Esc exits
 * (presenter clickers send PageUp / PageDown); ↓ / ↑ scroll a long stage. null: not ours.
 */
export function walkthroughKeyAction(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): WalkthroughAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case 'ArrowRight':
    case 'PageDown':
    case ' ':
    case 'Spacebar':
      return 'next';
    case 'ArrowLeft':
    case 'PageUp':
      return 'prev';
    case 'ArrowDown':
      return 'scrollDown';
    case 'ArrowUp':
      return 'scrollUp';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case 'Escape':
    case 'Esc':
      return 'exit';
    default:
      return null;
  }
}

/** The stage index after a navigation action (exit and scrolling keep it). Stays inside 0..count−1. */
export function stepIndex(index: number, action: WalkthroughAction, count: number): number {
  switch (action) {
    case 'next':
      return clampStageIndex(index + 1, count);
    case 'prev':
      return clampStageIndex(index - 1, count);
    case 'first':
      return 0;
    case 'last':
      return clampStageIndex(count - 1, count);
    default:
      return clampStageIndex(index, count);
  }
}
