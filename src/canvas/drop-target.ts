import type { JourneyLayout } from './layout';
import { GRID } from './geometry';

export interface XY {
  x: number;
  y: number;
}

export interface CardDropTarget {
  stageId: string;
  laneId: string;
  /** Insertion index among the cell's cards that are not being dragged. */
  index: number;
  /** Where to draw the insertion bar, in canvas coordinates. */
  bar: { x: number; y: number; width: number };
}

/** The stage column and lane row under a canvas point, or null outside the grid. */
export function cellAt(layout: JourneyLayout, p: XY): { stageId: string; laneId: string } | null {
  const stage = layout.stages.find((s) => p.x >= s.x && p.x < s.x + s.width);
  const lane = layout.lanes.find((l) => p.y >= l.y && p.y < l.y + l.height);
  return stage && lane ? { stageId: stage.id, laneId: lane.id } : null;
}

/**
 * Where a dragged card would land if dropped with the pointer at `p`: the cell under the pointer
 * and the position among that cell's other cards, in reading order (row by row, left to right).
 */
export function cardDropTarget(
  layout: JourneyLayout,
  cellCards: (stageId: string, laneId: string) => readonly string[],
  dragged: ReadonlySet<string>,
  p: XY,
): CardDropTarget | null {
  const cell = cellAt(layout, p);
  if (!cell) return null;
  const stage = layout.stages.find((s) => s.id === cell.stageId);
  const lane = layout.lanes.find((l) => l.id === cell.laneId);
  if (!stage || !lane) return null;
  const others = cellCards(cell.stageId, cell.laneId).filter((id) => !dragged.has(id));
  const cols = stage.cardColumns;
  // Slot positions the remaining cards will occupy once the dragged ones leave.
  const slot = (i: number): XY => ({
    x: stage.x + GRID.cellPadding + (i % cols) * (GRID.cardWidth + GRID.cardGap),
    y: lane.y + GRID.cellPadding + Math.floor(i / cols) * (GRID.cardHeight + GRID.cardGap),
  });
  const cw = GRID.cardWidth + GRID.cardGap;
  const ch = GRID.cardHeight + GRID.cardGap;
  const relX = p.x - stage.x - GRID.cellPadding;
  const relY = p.y - lane.y - GRID.cellPadding;
  const row = Math.max(0, Math.floor(relY / ch));
  const col = Math.min(cols - 1, Math.max(0, Math.floor(relX / cw)));
  // Past the middle of the slot under the pointer (downwards in one column, rightwards in several) → after it.
  const within = cols === 1 ? (relY - row * ch) / GRID.cardHeight : (relX - col * cw) / GRID.cardWidth;
  const index = Math.max(0, Math.min(others.length, row * cols + col + (within > 0.5 ? 1 : 0)));
  const at = slot(index);
  return {
    ...cell,
    index,
    bar: { x: at.x, y: at.y - Math.max(3, GRID.cardGap / 2) - 1, width: GRID.cardWidth },
  };
}

/** The index a stage (or lane) being dragged would take, from the pointer's x (or y). */
export function reorderIndex(bands: readonly { id: string; start: number; size: number }[], draggedId: string, pointer: number): number {
  const others = bands.filter((b) => b.id !== draggedId);
  let index = 0;
  for (const b of others) {
    if (pointer > b.start + b.size / 2) index++;
  }
  return index;
}
