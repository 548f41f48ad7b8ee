import { describe, expect, it } from 'vitest';
import { computeLayout } from '../../src/canvas/layout';
import { GRID } from '../../src/canvas/geometry';
import { createFromTemplate } from '../../src/domain/templates';

describe('canvas layout', () => {
  const map = createFromTemplate('airline', 'en');
  const layout = computeLayout(map);

  it('puts stages left to right in document order', () => {
    const xs = layout.stages.map((s) => s.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(layout.stages.map((s) => s.id)).toEqual(map.stages.map((s) => s.id));
  });

  it('puts every card inside its own cell, without overlaps', () => {
    for (const tp of map.touchpoints) {
      const box = layout.cards.get(tp.id)!;
      const col = layout.stages.find((s) => s.id === tp.stageId)!;
      const row = layout.lanes.find((l) => l.id === tp.laneId)!;
      expect(box.x).toBeGreaterThanOrEqual(col.x);
      expect(box.x + box.width).toBeLessThanOrEqual(col.x + col.width);
      expect(box.y).toBeGreaterThanOrEqual(row.y);
      expect(box.y + box.height).toBeLessThanOrEqual(row.y + row.height);
    }
    const boxes = [...layout.cards.values()];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
        expect(overlap).toBe(false);
      }
  });

  it('widens a stage whose cell holds many cards, and hides hidden lanes', () => {
    const stage = map.stages[0]!;
    const lane = map.lanes[0]!;
    const many = Array.from({ length: 9 }, (_, i) => ({ ...map.touchpoints[0]!, id: `many${i}`, stageId: stage.id, laneId: lane.id, order: i }));
    const wide = computeLayout({ ...map, touchpoints: [...map.touchpoints, ...many] });
    expect(wide.stages[0]!.cardColumns).toBeGreaterThan(1);
    expect(wide.stages[0]!.width).toBeGreaterThan(GRID.cardWidth + 2 * GRID.cellPadding);
    const hidden = computeLayout({ ...map, lanes: map.lanes.map((l, i) => (i === 0 ? { ...l, hidden: true } : l)) });
    expect(hidden.lanes.map((l) => l.id)).not.toContain(lane.id);
    expect(map.touchpoints.filter((t) => t.laneId === lane.id).every((t) => !hidden.cards.has(t.id))).toBe(true);
  });
});
