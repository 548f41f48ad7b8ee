/**
 * Geometry of the emotion lane (pure: no React, no DOM), in lane coordinates: x = 0 is the
 * canvas' left edge (the scale axis occupies 0..GRID.laneLabelWidth), y = 0 is the top of the lane.
 *
 * - x: each point sits in its card's stage column. Several points in one stage are spread evenly
 *   across the column, x_i = stage.x + (i + 0.5) · stage.width / k, so the curve never goes vertical.
 * - y: the fixed −3..+3 scale, +3 at the top, with padding above and below for the peak/trough labels.
 * - paths: d3-shape, `curveMonotoneX` (smooth, never overshoots a value, x always increasing).
 */
import { area, curveMonotoneX, line } from 'd3-shape';
import { goldenIndex, type Band } from '../../domain/emotion';
import type { JourneyMap } from '../../domain/schema';
import { EMOTION_MAX, EMOTION_MIN, toEmotionValue, type EmotionValue } from '../../domain/scale';

/** Room above +3 and below −3 for labels and marks. */
export const LANE_PADDING = { top: 36, bottom: 36 } as const;

export interface StageSpan {
  id: string;
  x: number;
  width: number;
}

export interface SlotItem {
  touchpointId: string;
  stageId: string;
}

/** The touchpoints that carry a point on any persona's curve, one slot each, in journey order. */
export function slotsOf(doc: JourneyMap): SlotItem[] {
  const index = goldenIndex(doc);
  const bySequence: (SlotItem | undefined)[] = [];
  for (const persona of index.personas) {
    for (const p of persona.curve) {
      const s = index.sequencePosition.get(p.touchpointId);
      if (s !== undefined && !bySequence[s]) bySequence[s] = { touchpointId: p.touchpointId, stageId: p.stageId };
    }
  }
  return bySequence.filter((x): x is SlotItem => x !== undefined);
}

/**
 * x of every item, keyed by touchpoint id. `items` must be in journey order; items whose stage is
 * unknown are left out. Items of one stage share its column evenly, in the order given.
 */
export function pointXs(items: readonly SlotItem[], stages: readonly StageSpan[]): Map<string, number> {
  const byStage = new Map<string, SlotItem[]>();
  for (const item of items) {
    let list = byStage.get(item.stageId);
    if (!list) byStage.set(item.stageId, (list = []));
    list.push(item);
  }
  const out = new Map<string, number>();
  for (const stage of stages) {
    const list = byStage.get(stage.id);
    if (!list) continue;
    const k = list.length;
    list.forEach((item, i) => out.set(item.touchpointId, stage.x + ((i + 0.5) * stage.width) / k));
  }
  return out;
}

/** Pixels per scale step for a lane of this height. */
export function stepHeight(height: number): number {
  return Math.max(1, height - LANE_PADDING.top - LANE_PADDING.bottom) / (EMOTION_MAX - EMOTION_MIN);
}

/** y of a value (clamped to the scale; fractions allowed, e.g. for bands). */
export function yForValue(value: number, height: number): number {
  const v = Math.min(EMOTION_MAX, Math.max(EMOTION_MIN, value));
  return LANE_PADDING.top + (EMOTION_MAX - v) * stepHeight(height);
}

/** The value under a y position, unrounded and unclamped. */
export function rawValueFromY(y: number, height: number): number {
  return EMOTION_MAX - (y - LANE_PADDING.top) / stepHeight(height);
}

/** The scale value under a y position: snapped to the nearest integer, clamped to −3..+3. */
export function valueFromY(y: number, height: number): EmotionValue {
  return toEmotionValue(rawValueFromY(y, height));
}

export interface XY {
  x: number;
  y: number;
}

const smoothLine = line<XY>()
  .x((p) => p.x)
  .y((p) => p.y)
  .curve(curveMonotoneX);

/** A smooth, monotone-in-x path through the points (in the order given); '' for no point. */
export function curvePath(points: readonly XY[]): string {
  if (points.length === 0) return '';
  return smoothLine(points as XY[]) ?? '';
}

/** One point of an uncertainty band in lane coordinates (y0 = top edge, y1 = bottom edge), or null: no band here. */
export type BandXY = { x: number; y0: number; y1: number } | null;

const smoothArea = area<{ x: number; y0: number; y1: number }>()
  .x((p) => p.x)
  .y0((p) => p.y0)
  .y1((p) => p.y1)
  .curve(curveMonotoneX);

/**
 * The uncertainty band: one smooth area per run of consecutive points that have a band (a null
 * breaks the band). A run of a single point has no width as an area, so it is drawn as a small
 * rounded bar `isolatedHalfWidth` wide on each side.
 */
export function bandPath(points: readonly BandXY[], isolatedHalfWidth = 9): string {
  const parts: string[] = [];
  let run: { x: number; y0: number; y1: number }[] = [];
  const flush = () => {
    const [only] = run;
    if (run.length === 1 && only) {
      const w = isolatedHalfWidth;
      const r = Math.min(w, Math.abs(only.y1 - only.y0) / 2);
      const left = only.x - w;
      const right = only.x + w;
      parts.push(
        `M${left + r},${only.y0}L${right - r},${only.y0}Q${right},${only.y0} ${right},${only.y0 + r}` +
          `L${right},${only.y1 - r}Q${right},${only.y1} ${right - r},${only.y1}L${left + r},${only.y1}` +
          `Q${left},${only.y1} ${left},${only.y1 - r}L${left},${only.y0 + r}Q${left},${only.y0} ${left + r},${only.y0}Z`,
      );
    } else if (run.length > 1) {
      const d = smoothArea(run);
      if (d) parts.push(d);
    }
    run = [];
  };
  for (const p of points) {
    if (p) run.push(p);
    else flush();
  }
  flush();
  return parts.join('');
}

/** Band edges in lane coordinates for a value band (see `bandFor`), or null. */
export function bandXY(x: number, band: Band | null, height: number): BandXY {
  if (!band) return null;
  return { x, y0: yForValue(band.high, height), y1: yForValue(band.low, height) };
}

// ---------------------------------------------------------------------------------------------
// Labels

/** Rough rendered width of a label: CJK characters and emoji are about one em, the rest about 0.6 em. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let w = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    w += code >= 0x2e80 ? fontSize : code >= 0x2000 ? fontSize * 0.9 : fontSize * 0.6;
  }
  return w;
}

export interface LabelRequest {
  key: string;
  /** The point the label belongs to. */
  x: number;
  y: number;
  side: 'above' | 'below';
  width: number;
}

export interface PlacedLabel {
  key: string;
  /** Centre x and baseline y of the text. */
  x: number;
  y: number;
}

export interface LabelBounds {
  left: number;
  right: number;
  height: number;
  fontSize: number;
  /** Distance from the point to the near edge of the label. */
  gap: number;
}

/** A label's (or an obstacle's) box: left, right, top, bottom. */
export interface Box {
  l: number;
  r: number;
  t: number;
  b: number;
}
const overlaps = (a: Box, b: Box): boolean => a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;

/**
 * Put each label next to its point (above or below) without overlapping a label placed before it:
 * a colliding label is pushed further away from its point, one line at a time, and tries the other
 * side when it would leave the lane. Labels are kept inside [left, right] horizontally.
 * Earlier requests win, so pass them in a stable order (persona order).
 * `obstacles` (keyed like the requests) are boxes no label may cover except the one with its own
 * key, e.g. the circles of the marked points in the exported picture.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  bounds: LabelBounds,
  obstacles: ReadonlyMap<string, Box> = new Map(),
): PlacedLabel[] {
  const line = bounds.fontSize + 3;
  const placed: Box[] = [];
  const out: PlacedLabel[] = [];
  for (const req of requests) {
    const half = req.width / 2;
    const x = Math.min(bounds.right - half, Math.max(bounds.left + half, req.x));
    const l = x - half;
    const r = x + half;
    const boxAt = (top: number): Box => ({ l, r, t: top, b: top + line });
    const fits = (box: Box) => box.t >= 0 && box.b <= bounds.height;
    const candidates: number[] = [];
    const sides = req.side === 'above' ? (['above', 'below'] as const) : (['below', 'above'] as const);
    for (const side of sides) {
      for (let step = 0; step < 6; step++) {
        candidates.push(side === 'above' ? req.y - bounds.gap - line - step * line : req.y + bounds.gap + step * line);
      }
    }
    const others = obstacles.size ? [...obstacles].filter(([key]) => key !== req.key).map(([, box]) => box) : [];
    let chosen: Box | null = null;
    for (const top of candidates) {
      const box = boxAt(top);
      if (fits(box) && !placed.some((p) => overlaps(p, box)) && !others.some((o) => overlaps(o, box))) {
        chosen = box;
        break;
      }
    }
    if (!chosen) {
      // Nowhere free: stay on the preferred side, inside the lane.
      const top = req.side === 'above' ? req.y - bounds.gap - line : req.y + bounds.gap;
      chosen = boxAt(Math.min(bounds.height - line, Math.max(0, top)));
    }
    placed.push(chosen);
    out.push({ key: req.key, x, y: chosen.t + bounds.fontSize });
  }
  return out;
}
