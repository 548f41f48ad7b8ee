/**
 * Geometry of one stage's part of the emotion curves, for the walkthrough slide (pure).
 * Same scale and smoothing as the canvas' emotion lane (emotion-geometry.ts): −3..+3 with +3 on
 * top, monotone curves; the stage's points share its width evenly (pointXs), one slot per card
 * that carries any persona's point, so two personas' points for one card line up vertically.
 * The curve coming from the previous stage and going on to the next is drawn as a dashed stub
 * to the chart's left / right edge, at the neighbouring value.
 */
import { curvePath, pointXs, yForValue, type XY } from '../canvas/emotion/emotion-geometry';
import type { HighlightRole } from '../domain/emotion';
import { EMOTION_MAX, EMOTION_MIN } from '../domain/scale';
import type { StageSlice } from './stage-slice';

export interface ChartSize {
  width: number;
  height: number;
  /** Room on the left for the scale labels. */
  left: number;
  /** Room on the right. */
  right: number;
}

export interface ChartPoint extends XY {
  touchpointId: string;
  value: number;
  /** Peak / trough / end of this persona's whole curve at this point. */
  roles: HighlightRole[];
}

export interface Segment {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface ChartCurve {
  personaId: string;
  personaName: string;
  color: string;
  /** Smooth path through this stage's points ('' for none or one point). */
  d: string;
  points: ChartPoint[];
  /** Dashed stubs: from the left edge at the previous value, to the right edge at the next value. */
  stubs: Segment[];
}

export interface StageChart {
  curves: ChartCurve[];
  /** Horizontal grid lines, one per scale step. */
  grid: Array<{ value: number; y: number }>;
  /** x of each slot (card id → x). */
  xs: ReadonlyMap<string, number>;
  plot: { left: number; right: number; top: number; bottom: number };
}

export function stageChart(slice: Pick<StageSlice, 'stage' | 'slots' | 'curves'>, size: ChartSize): StageChart {
  const left = size.left;
  const right = size.width - size.right;
  const width = Math.max(1, right - left);
  const xs = pointXs(
    slice.slots.map((touchpointId) => ({ touchpointId, stageId: slice.stage.id })),
    [{ id: slice.stage.id, x: left, width }],
  );
  const y = (v: number) => yForValue(v, size.height);
  const grid: StageChart['grid'] = [];
  for (let v = EMOTION_MAX; v >= EMOTION_MIN; v--) grid.push({ value: v, y: y(v) });

  const curves = slice.curves.map((c): ChartCurve => {
    const roleAt = new Map<string, HighlightRole[]>();
    for (const m of c.marks) {
      const list = roleAt.get(m.point.touchpointId) ?? [];
      list.push(m.role);
      roleAt.set(m.point.touchpointId, list);
    }
    const points: ChartPoint[] = [];
    for (const p of c.points) {
      const x = xs.get(p.touchpointId);
      if (x === undefined) continue;
      points.push({ touchpointId: p.touchpointId, value: p.value, x, y: y(p.value), roles: roleAt.get(p.touchpointId) ?? [] });
    }
    const stubs: Segment[] = [];
    const first = points[0];
    const last = points[points.length - 1];
    if (first && last) {
      if (c.before) stubs.push({ x1: left, y1: y(c.before.value), x2: first.x, y2: first.y });
      if (c.after) stubs.push({ x1: last.x, y1: last.y, x2: right, y2: y(c.after.value) });
    } else if (c.before && c.after) {
      // No value in this stage: the curve passes through.
      stubs.push({ x1: left, y1: y(c.before.value), x2: right, y2: y(c.after.value) });
    }
    return { personaId: c.personaId, personaName: c.personaName, color: c.color, d: points.length > 1 ? curvePath(points) : '', points, stubs };
  });
  return { curves, grid, xs, plot: { left, right, top: y(EMOTION_MAX), bottom: y(EMOTION_MIN) } };
}
