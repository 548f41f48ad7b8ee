import { describe, expect, it } from 'vitest';
import {
  LANE_PADDING,
  bandPath,
  curvePath,
  estimateTextWidth,
  placeLabels,
  pointXs,
  rawValueFromY,
  valueFromY,
  yForValue,
  type LabelRequest,
} from '../../src/canvas/emotion/emotion-geometry';
import { computeLayout } from '../../src/canvas/layout';
import { GRID } from '../../src/canvas/geometry';
import { buildCurve } from '../../src/domain/emotion';
import { EMOTION_MAX, EMOTION_MIN, EMOTION_VALUES } from '../../src/domain/scale';
import { createFromTemplate } from '../../src/domain/templates';

const H = GRID.emotionLaneHeight;

/** Every "x,y" pair in an SVG path string, in order. */
function coordinates(d: string): Array<[number, number]> {
  const nums = (d.match(/-?\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? []).map(Number);
  const out: Array<[number, number]> = [];
  for (let i = 0; i + 1 < nums.length; i += 2) out.push([nums[i]!, nums[i + 1]!]);
  return out;
}

describe('x positions', () => {
  const stages = [
    { id: 'a', x: 184, width: 232 },
    { id: 'b', x: 416, width: 450 },
    { id: 'c', x: 866, width: 232 },
  ];

  it('puts a lone point in the middle of its stage column', () => {
    const xs = pointXs([{ touchpointId: 't1', stageId: 'a' }], stages);
    expect(xs.get('t1')).toBe(184 + 116);
  });

  it('spreads several points of one stage evenly across the column, in order', () => {
    const items = ['p', 'q', 'r'].map((id) => ({ touchpointId: id, stageId: 'b' }));
    const xs = pointXs(items, stages);
    const w = 450 / 3;
    expect(xs.get('p')).toBeCloseTo(416 + 0.5 * w);
    expect(xs.get('q')).toBeCloseTo(416 + 1.5 * w);
    expect(xs.get('r')).toBeCloseTo(416 + 2.5 * w);
    for (const id of ['p', 'q', 'r']) {
      expect(xs.get(id)!).toBeGreaterThan(416);
      expect(xs.get(id)!).toBeLessThan(416 + 450);
    }
  });

  it('leaves out items in unknown stages and keeps x strictly increasing along the journey', () => {
    const items = [
      { touchpointId: '1', stageId: 'a' },
      { touchpointId: '2', stageId: 'a' },
      { touchpointId: 'ghost', stageId: 'zzz' },
      { touchpointId: '3', stageId: 'b' },
      { touchpointId: '4', stageId: 'c' },
    ];
    const xs = pointXs(items, stages);
    expect(xs.has('ghost')).toBe(false);
    const ordered = ['1', '2', '3', '4'].map((id) => xs.get(id)!);
    for (let i = 1; i < ordered.length; i++) expect(ordered[i]!).toBeGreaterThan(ordered[i - 1]!);
  });

  it("aligns every point of the airline template with its card's stage column", () => {
    const map = createFromTemplate('airline', 'en');
    const layout = computeLayout(map);
    for (const persona of map.personas) {
      const curve = buildCurve(map, persona.id);
      expect(curve.length).toBeGreaterThan(3);
      const xs = pointXs(curve, layout.stages);
      let last = -Infinity;
      for (const p of curve) {
        const col = layout.stages.find((s) => s.id === p.stageId)!;
        const x = xs.get(p.touchpointId)!;
        expect(x).toBeGreaterThan(col.x);
        expect(x).toBeLessThan(col.x + col.width);
        expect(x).toBeGreaterThan(last); // never vertical
        last = x;
      }
    }
  });
});

describe('y ↔ value', () => {
  it('puts +3 at the top padding, −3 at the bottom padding and 0 in the middle', () => {
    expect(yForValue(EMOTION_MAX, H)).toBe(LANE_PADDING.top);
    expect(yForValue(EMOTION_MIN, H)).toBe(H - LANE_PADDING.bottom);
    expect(yForValue(0, H)).toBeCloseTo((LANE_PADDING.top + H - LANE_PADDING.bottom) / 2);
  });

  it('round-trips every scale value', () => {
    for (const v of EMOTION_VALUES) {
      expect(valueFromY(yForValue(v, H), H)).toBe(v);
      expect(rawValueFromY(yForValue(v, H), H)).toBeCloseTo(v);
    }
  });

  it('snaps to the nearest integer', () => {
    const step = yForValue(0, H) - yForValue(1, H);
    expect(valueFromY(yForValue(1, H) + step * 0.4, H)).toBe(1);
    expect(valueFromY(yForValue(1, H) + step * 0.6, H)).toBe(0);
    expect(valueFromY(yForValue(-2, H) - step * 0.3, H)).toBe(-2);
    expect(Object.is(valueFromY(yForValue(0, H) - step * 0.2, H), 0)).toBe(true); // no −0
  });

  it('clamps outside the scale', () => {
    expect(valueFromY(-500, H)).toBe(EMOTION_MAX);
    expect(valueFromY(0, H)).toBe(EMOTION_MAX);
    expect(valueFromY(H + 500, H)).toBe(EMOTION_MIN);
    expect(valueFromY(Number.NaN, H)).toBe(0);
    expect(yForValue(9, H)).toBe(yForValue(EMOTION_MAX, H));
    expect(yForValue(-9, H)).toBe(yForValue(EMOTION_MIN, H));
  });
});

describe('paths', () => {
  const values = [0, 2, -3, -1, 3, 3, -2];
  const points = values.map((v, i) => ({ x: 200 + i * 90, y: yForValue(v, H) }));

  it('draws a non-empty smooth curve that is monotone in x and never overshoots the values', () => {
    const d = curvePath(points);
    expect(d).toMatch(/^M/);
    expect(d).toContain('C'); // cubic segments: smooth
    const coords = coordinates(d);
    expect(coords.length).toBeGreaterThan(points.length);
    for (let i = 1; i < coords.length; i++) expect(coords[i]![0]).toBeGreaterThanOrEqual(coords[i - 1]![0] - 1e-9);
    const ys = points.map((p) => p.y);
    for (const [, y] of coords) {
      expect(y).toBeGreaterThanOrEqual(Math.min(...ys) - 1e-9);
      expect(y).toBeLessThanOrEqual(Math.max(...ys) + 1e-9);
    }
  });

  it('handles no point and one point', () => {
    expect(curvePath([])).toBe('');
    expect(curvePath([{ x: 10, y: 20 }])).not.toBe('');
  });

  it('draws bands only where there is one: an area per run, a small bar for a lone point', () => {
    expect(bandPath([null, null])).toBe('');
    const lone = bandPath([null, { x: 100, y0: 50, y1: 90 }, null]);
    expect(lone).not.toBe('');
    const loneCoords = coordinates(lone);
    for (const [x, y] of loneCoords) {
      expect(x).toBeGreaterThanOrEqual(100 - 9);
      expect(x).toBeLessThanOrEqual(100 + 9);
      expect(y).toBeGreaterThanOrEqual(50);
      expect(y).toBeLessThanOrEqual(90);
    }
    const run = bandPath([
      { x: 100, y0: 50, y1: 90 },
      { x: 200, y0: 60, y1: 80 },
      null,
      { x: 300, y0: 40, y1: 70 },
    ]);
    expect(run.match(/M/g)?.length).toBe(2); // two separate pieces
    for (const [x] of coordinates(run)) expect(x).toBeGreaterThanOrEqual(100 - 9);
  });
});

describe('labels', () => {
  const bounds = { left: 184, right: 1500, height: H, fontSize: 11, gap: 9 };

  it('places a label above or below its point as asked', () => {
    const [above, below] = placeLabels(
      [
        { key: 'a', x: 400, y: 100, side: 'above', width: 40 },
        { key: 'b', x: 800, y: 100, side: 'below', width: 40 },
      ],
      bounds,
    );
    expect(above!.y).toBeLessThan(100);
    expect(below!.y).toBeGreaterThan(100);
  });

  it('offsets labels of two personas on the same point so they do not overlap', () => {
    const reqs: LabelRequest[] = [
      { key: 'a', x: 500, y: 120, side: 'above', width: 60 },
      { key: 'b', x: 505, y: 120, side: 'above', width: 60 },
    ];
    const [a, b] = placeLabels(reqs, bounds);
    expect(Math.abs(a!.y - b!.y)).toBeGreaterThanOrEqual(bounds.fontSize);
  });

  it('keeps labels inside the lane, horizontally and vertically', () => {
    const [left, top, bottom] = placeLabels(
      [
        { key: 'l', x: 186, y: 120, side: 'above', width: 80 },
        { key: 't', x: 600, y: yForValue(3, H), side: 'above', width: 40 },
        { key: 'b', x: 900, y: yForValue(-3, H), side: 'below', width: 40 },
      ],
      bounds,
    );
    expect(left!.x - 40).toBeGreaterThanOrEqual(bounds.left);
    expect(top!.y - bounds.fontSize).toBeGreaterThanOrEqual(0);
    expect(bottom!.y).toBeLessThanOrEqual(H);
  });

  it('estimates CJK text wider than Latin text of the same length', () => {
    expect(estimateTextWidth('谷底终点', 11)).toBeGreaterThan(estimateTextWidth('abcd', 11));
  });
});
