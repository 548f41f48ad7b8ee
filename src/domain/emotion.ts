/**
 * Emotion-curve maths: the peak–end rule (method brief §2) as pure functions.
 *
 * A persona's curve is the list of touchpoints that carry an emotion for that persona, in journey
 * order (journeySequence in journey-order.ts: stage, then lane, then order inside the cell). From it we read:
 *
 * - the PEAK (highest value), the TROUGH (lowest value) and the END (last point);
 *   tie rule: when several points share the highest (or lowest) value, the LATER one wins, because
 *   it is closer to the end and so more memorable ({@link HIGHLIGHT_TIE_RULE});
 * - the figures: average = mean of all values; remembered = (peak + trough + end) / 3, the product's
 *   stated estimate of the remembered experience; difference = remembered − average;
 * - the ending warning ({@link ENDING_WARNING_RULE});
 * - golden moments: a touchpoint is at/near a golden moment when its position on a persona's curve is
 *   within {@link GOLDEN_NEAR_DISTANCE} of that persona's peak, trough or end ({@link GOLDEN_NEAR_RULE}).
 *
 * Performance: everything is linear in the number of touchpoints after one journey-order sort.
 * {@link goldenIndex} precomputes, per persona, the curve, its highlights and a touchpoint → curve-position
 * look-up, and caches it per map value (maps are treated as immutable values, as the store produces them),
 * so per-card look-ups such as {@link goldenMomentsNear} are O(personas).
 */
import type { Evidence, JourneyMap, Locale, Touchpoint } from './schema';
import { EMOTION_MAX, EMOTION_MIN, formatEmotion } from './scale';

export interface CurvePoint {
  touchpointId: string;
  stageId: string;
  /** 0-based position on this curve (not in the full journey: touchpoints without a value are skipped). */
  index: number;
  value: number;
  target?: number;
  evidence?: Evidence;
}

export type CurveKind = 'asis' | 'target';
export type HighlightRole = 'peak' | 'trough' | 'end';
export const HIGHLIGHT_ROLES: readonly HighlightRole[] = ['peak', 'trough', 'end'];

export interface Highlights {
  peak: CurvePoint;
  trough: CurvePoint;
  end: CurvePoint;
}

/** Tie rule, as a code and as a sentence the UI may show (it should prefer its own catalogues). */
export const HIGHLIGHT_TIE_RULE = 'later-wins' as const;
export const HIGHLIGHT_TIE_RULE_TEXT =
  'When several moments share the highest (or lowest) value, the later one is the peak (or trough): it is closer to the end of the journey, so it is the one customers remember.';

type SequenceSource = Pick<JourneyMap, 'stages' | 'lanes' | 'touchpoints'>;
type CurveSource = SequenceSource & Pick<JourneyMap, 'personas'>;

// ---------------------------------------------------------------------------------------------
// Journey sequence, cached per map value

interface SequenceCacheEntry {
  stages: JourneyMap['stages'];
  lanes: JourneyMap['lanes'];
  length: number;
  sequence: readonly Touchpoint[];
}
const sequenceCache = new WeakMap<object, SequenceCacheEntry>();

/**
 * The same order as journeySequence (journey-order.ts: stage, lane, order, id; touchpoints in an unknown
 * stage or lane left out), computed with precomputed numeric cell keys so the comparator does no
 * Map look-ups — about 3× faster on 1000 touchpoints. A property test keeps the two identical.
 */
function fastJourneySequence(map: SequenceSource): Touchpoint[] {
  const stageIndex = new Map<string, number>();
  map.stages.forEach((s, i) => stageIndex.set(s.id, i));
  const laneIndex = new Map<string, number>();
  map.lanes.forEach((l, i) => laneIndex.set(l.id, i));
  const laneCount = map.lanes.length;
  const items: Array<{ tp: Touchpoint; cell: number }> = [];
  for (const tp of map.touchpoints) {
    const s = stageIndex.get(tp.stageId);
    const l = laneIndex.get(tp.laneId);
    if (s !== undefined && l !== undefined) items.push({ tp, cell: s * laneCount + l });
  }
  items.sort(
    (a, b) => a.cell - b.cell || a.tp.order - b.tp.order || (a.tp.id < b.tp.id ? -1 : a.tp.id > b.tp.id ? 1 : 0),
  );
  return items.map((x) => x.tp);
}

function sequenceOf(map: SequenceSource): readonly Touchpoint[] {
  const hit = sequenceCache.get(map.touchpoints);
  if (hit && hit.stages === map.stages && hit.lanes === map.lanes && hit.length === map.touchpoints.length)
    return hit.sequence;
  const sequence = fastJourneySequence(map);
  sequenceCache.set(map.touchpoints, { stages: map.stages, lanes: map.lanes, length: map.touchpoints.length, sequence });
  return sequence;
}

/** `curveAt`, when given, receives for each sequence position the curve index (or stays −1). */
function curveFromSequence(
  sequence: readonly Touchpoint[],
  personaId: string,
  which: CurveKind,
  curveAt?: Int32Array,
): CurvePoint[] {
  const points: CurvePoint[] = [];
  for (let i = 0; i < sequence.length; i++) {
    const tp = sequence[i];
    if (!tp || !Object.hasOwn(tp.emotions, personaId)) continue;
    const e = tp.emotions[personaId];
    if (!e) continue;
    if (curveAt) curveAt[i] = points.length;
    if (which === 'asis') {
      const point: CurvePoint = { touchpointId: tp.id, stageId: tp.stageId, index: points.length, value: e.value };
      if (e.target !== undefined) point.target = e.target;
      if (e.evidence !== undefined) point.evidence = e.evidence;
      points.push(point);
    } else if (e.target !== undefined) {
      // The evidence describes the as-is value, so a target curve carries none (no band, no assumption mark).
      points.push({ touchpointId: tp.id, stageId: tp.stageId, index: points.length, value: e.target, target: e.target });
    }
  }
  return points;
}

/**
 * One point per touchpoint, in journey order, that has an emotion for the persona.
 * For 'target', only touchpoints with a target, and value = target (no evidence attached).
 */
export function buildCurve(map: SequenceSource, personaId: string, which: CurveKind = 'asis'): CurvePoint[] {
  return curveFromSequence(sequenceOf(map), personaId, which);
}

// ---------------------------------------------------------------------------------------------
// Peak, trough, end

/**
 * Peak = highest value, trough = lowest value, end = last point; null for an empty curve.
 * Tie rule ({@link HIGHLIGHT_TIE_RULE}): equal peaks → the later one; equal troughs → the later one.
 * One point may carry several roles (a single-point curve is peak, trough and end at once).
 */
export function findHighlights(points: readonly CurvePoint[]): Highlights | null {
  const first = points[0];
  if (!first) return null;
  let peak = first;
  let trough = first;
  let end = first;
  for (const p of points) {
    if (p.value >= peak.value) peak = p; // ">=" so a later equal value wins
    if (p.value <= trough.value) trough = p;
    end = p;
  }
  return { peak, trough, end };
}

/** The roles one touchpoint plays on a curve, in the order peak, trough, end. */
export function rolesOf(touchpointId: string, highlights: Highlights | null): HighlightRole[] {
  if (!highlights) return [];
  return HIGHLIGHT_ROLES.filter((role) => highlights[role].touchpointId === touchpointId);
}

export interface PeakEndFigures {
  /** Mean of all values. */
  average: number;
  /** (peak + trough + end) / 3: the product's estimate of the remembered experience. */
  remembered: number;
  /** remembered − average. */
  difference: number;
  peak: number;
  trough: number;
  end: number;
}

function figuresOf(values: readonly number[]): PeakEndFigures | null {
  const n = values.length;
  if (n === 0) return null;
  let sum = 0;
  let peak = -Infinity;
  let trough = Infinity;
  for (const v of values) {
    sum += v;
    if (v > peak) peak = v;
    if (v < trough) trough = v;
  }
  const end = values[n - 1] ?? 0;
  const average = sum / n;
  const remembered = (peak + trough + end) / 3;
  return { average, remembered, difference: remembered - average, peak, trough, end };
}

/** Average vs remembered (peak–end) figures; null for an empty curve. Values are not rounded. */
export function peakEndFigures(points: readonly CurvePoint[]): PeakEndFigures | null {
  return figuresOf(points.map((p) => p.value));
}

/**
 * What if the journey ended differently? The figures (including `remembered`) recomputed as if the
 * last point had `newEndValue` — peak and trough are recomputed too, so raising the end above the
 * old peak makes it the new peak. `newEndValue` is clamped to the scale; a non-finite value keeps
 * the current end. null for an empty curve.
 */
export function whatIfEnd(points: readonly CurvePoint[], newEndValue: number): PeakEndFigures | null {
  if (points.length === 0) return null;
  const values = points.map((p) => p.value);
  if (Number.isFinite(newEndValue)) values[values.length - 1] = Math.min(EMOTION_MAX, Math.max(EMOTION_MIN, newEndValue));
  return figuresOf(values);
}

// ---------------------------------------------------------------------------------------------
// Ending warning

/** "Near" the trough: the end is at most this many scale steps above the trough. */
export const NEAR_TROUGH_STEPS = 1;

export type EndingWarningLevel = 'ends-at-trough' | 'ends-near-trough';
export interface EndingWarning {
  level: EndingWarningLevel;
  endValue: number;
  troughValue: number;
  /** end value − trough value (0 for 'ends-at-trough'). */
  gap: number;
}

export const ENDING_WARNING_RULE =
  'Warn when the journey ends at its lowest point (the end is the trough), or ends near it: the end is still negative and at most 1 step above the trough. A flat journey (every value equal) only warns when its values are negative.';

/**
 * Does the journey end badly? (peak–end rule: the end is one of the three remembered moments.)
 *
 * - 'ends-at-trough': the end point is the trough, i.e. no point is lower than the end (with the
 *   later-wins tie rule the end is then the trough). This warns even when the end is positive:
 *   the journey still finishes on its worst moment.
 * - 'ends-near-trough': the end is not the trough, end − trough ≤ {@link NEAR_TROUGH_STEPS} (one
 *   scale step) AND end < 0. A neutral or positive end one step above the trough is not flagged:
 *   the customer leaves without a bad feeling.
 * - A flat curve (all values equal, including a single point) has no low point to end on: it warns
 *   ('ends-at-trough') only when its values are negative.
 * - null otherwise, and for an empty curve.
 */
export function endingWarning(points: readonly CurvePoint[]): EndingWarning | null {
  const h = findHighlights(points);
  if (!h) return null;
  const endValue = h.end.value;
  const troughValue = h.trough.value;
  const gap = endValue - troughValue;
  if (h.peak.value === troughValue) return endValue < 0 ? { level: 'ends-at-trough', endValue, troughValue, gap: 0 } : null;
  if (h.end === h.trough || gap <= 0) return { level: 'ends-at-trough', endValue, troughValue, gap: 0 };
  if (gap <= NEAR_TROUGH_STEPS && endValue < 0) return { level: 'ends-near-trough', endValue, troughValue, gap };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Golden moments (§5 principle 3)

/** A touchpoint within this many curve positions of a peak/trough/end is "near" it. */
export const GOLDEN_NEAR_DISTANCE = 1;
export const GOLDEN_NEAR_RULE =
  "A moment is golden for a persona when it is that persona's peak, trough or end (distance 0), or the moment just before or after it on that persona's emotion curve (distance 1). Moments without a value for the persona are not on its curve and are never golden for it.";

export interface PersonaCurveIndex {
  personaId: string;
  personaName: string;
  curve: readonly CurvePoint[];
  highlights: Highlights | null;
  /** Position of a touchpoint on this persona's curve; undefined when it has no value for the persona. */
  positionOf(touchpointId: string): number | undefined;
}

export interface GoldenIndex {
  /** touchpointId → position in the full journey sequence (all touchpoints). */
  sequencePosition: ReadonlyMap<string, number>;
  /** One entry per persona, in map order. */
  personas: readonly PersonaCurveIndex[];
}

interface GoldenCacheEntry {
  stages: JourneyMap['stages'];
  lanes: JourneyMap['lanes'];
  personas: JourneyMap['personas'];
  length: number;
  index: GoldenIndex;
}
const goldenCache = new WeakMap<object, GoldenCacheEntry>();

/**
 * Precomputed curves, highlights and position maps for every persona; O(n log n) once (the journey
 * sort), then cached for this map value. Treat the result as read-only.
 */
export function goldenIndex(map: CurveSource): GoldenIndex {
  const hit = goldenCache.get(map.touchpoints);
  if (
    hit &&
    hit.stages === map.stages &&
    hit.lanes === map.lanes &&
    hit.personas === map.personas &&
    hit.length === map.touchpoints.length
  )
    return hit.index;
  const sequence = sequenceOf(map);
  const sequencePosition = new Map<string, number>();
  sequence.forEach((tp, i) => sequencePosition.set(tp.id, i));
  const personas = map.personas.map((persona): PersonaCurveIndex => {
    const curveAt = new Int32Array(sequence.length).fill(-1);
    const curve = curveFromSequence(sequence, persona.id, 'asis', curveAt);
    const positionOf = (touchpointId: string): number | undefined => {
      const s = sequencePosition.get(touchpointId);
      const c = s === undefined ? undefined : curveAt[s];
      return c === undefined || c < 0 ? undefined : c;
    };
    return { personaId: persona.id, personaName: persona.name, curve, highlights: findHighlights(curve), positionOf };
  });
  const index: GoldenIndex = { sequencePosition, personas };
  goldenCache.set(map.touchpoints, {
    stages: map.stages,
    lanes: map.lanes,
    personas: map.personas,
    length: map.touchpoints.length,
    index,
  });
  return index;
}

export interface GoldenMoment {
  personaId: string;
  role: HighlightRole;
  distance: 0 | 1;
}

function momentsFor(entry: PersonaCurveIndex, touchpointId: string, out: GoldenMoment[]): void {
  const pos = entry.positionOf(touchpointId);
  const h = entry.highlights;
  if (pos === undefined || !h) return;
  for (const role of HIGHLIGHT_ROLES) {
    const distance = Math.abs(pos - h[role].index);
    if (distance <= GOLDEN_NEAR_DISTANCE) out.push({ personaId: entry.personaId, role, distance: distance === 0 ? 0 : 1 });
  }
}

/**
 * Every golden moment the touchpoint is at (distance 0) or near (distance 1), across all personas,
 * in persona order then peak, trough, end. Empty when the touchpoint is on no curve.
 */
export function goldenMomentsNear(map: CurveSource, touchpointId: string): GoldenMoment[] {
  const out: GoldenMoment[] = [];
  for (const entry of goldenIndex(map).personas) momentsFor(entry, touchpointId, out);
  return out;
}

/** Is the touchpoint at or near this persona's peak, trough or end ({@link GOLDEN_NEAR_RULE})? */
export function isNearGoldenMoment(map: CurveSource, personaId: string, touchpointId: string): boolean {
  const entry = goldenIndex(map).personas.find((p) => p.personaId === personaId);
  if (!entry) return false;
  const out: GoldenMoment[] = [];
  momentsFor(entry, touchpointId, out);
  return out.length > 0;
}

// ---------------------------------------------------------------------------------------------
// Narrative for screen readers

export interface NarrativeMoment {
  touchpointId: string;
  title: string;
  value: number;
}

export interface NarrativeData {
  personaId: string;
  personaName: string;
  peak: NarrativeMoment;
  trough: NarrativeMoment;
  end: NarrativeMoment;
  average: number;
  remembered: number;
  difference: number;
  warning: EndingWarning | null;
}

/** Structured data for a spoken summary of one persona's curve; null if the persona is unknown or has no values. */
export function narrativeData(map: CurveSource, personaId: string): NarrativeData | null {
  const entry = goldenIndex(map).personas.find((p) => p.personaId === personaId);
  if (!entry || !entry.highlights) return null;
  const figures = peakEndFigures(entry.curve);
  if (!figures) return null;
  const h = entry.highlights;
  const wanted = new Set([h.peak.touchpointId, h.trough.touchpointId, h.end.touchpointId]);
  const titles = new Map<string, string>();
  for (const tp of map.touchpoints) if (wanted.has(tp.id)) titles.set(tp.id, tp.title);
  const moment = (p: CurvePoint): NarrativeMoment => ({ touchpointId: p.touchpointId, title: titles.get(p.touchpointId) ?? '', value: p.value });
  return {
    personaId: entry.personaId,
    personaName: entry.personaName,
    peak: moment(h.peak),
    trough: moment(h.trough),
    end: moment(h.end),
    average: figures.average,
    remembered: figures.remembered,
    difference: figures.difference,
    warning: endingWarning(entry.curve),
  };
}

/**
 * One-sentence summary, e.g.
 * en:    "Peak at In-flight meal (+3), trough at Security (−2), ends at Baggage claim (−1); remembered ≈ 0.0 vs average +0.6"
 * zh-CN: "峰值在机上餐食(+3)，谷底在安检(−2)，结束于行李提取(−1)；记忆评分≈0.0，平均+0.6"
 * Signs use formatEmotion (real minus sign); the two means have one decimal.
 */
export function formatNarrative(data: NarrativeData, locale: Locale): string {
  const v = (n: number): string => formatEmotion(n);
  const remembered = formatEmotion(data.remembered, 1);
  const average = formatEmotion(data.average, 1);
  if (locale === 'zh-CN') {
    return `峰值在${data.peak.title}(${v(data.peak.value)})，谷底在${data.trough.title}(${v(data.trough.value)})，结束于${data.end.title}(${v(data.end.value)})；记忆评分≈${remembered}，平均${average}`;
  }
  return `Peak at ${data.peak.title} (${v(data.peak.value)}), trough at ${data.trough.title} (${v(data.trough.value)}), ends at ${data.end.title} (${v(data.end.value)}); remembered ≈ ${remembered} vs average ${average}`;
}

// ---------------------------------------------------------------------------------------------
// Evidence

export interface Band {
  low: number;
  high: number;
}

/**
 * Uncertainty band: value ± spread, clamped to the scale, when the evidence has a spread and at least
 * one respondent; otherwise null. `spread` is the standard deviation of respondents' answers, used
 * as is (not the standard error): the band shows how differently individual customers felt, which
 * does not shrink as more people answer.
 */
export function bandFor(point: Pick<CurvePoint, 'value' | 'evidence'>): Band | null {
  const ev = point.evidence;
  if (!ev || ev.spread === undefined || !(ev.respondents !== undefined && ev.respondents > 0)) return null;
  return {
    low: Math.max(EMOTION_MIN, point.value - ev.spread),
    high: Math.min(EMOTION_MAX, point.value + ev.spread),
  };
}

/** The value is a team assumption, not customer data. */
export function isAssumption(point: Pick<CurvePoint, 'evidence'>): boolean {
  return point.evidence?.source === 'assumption';
}
