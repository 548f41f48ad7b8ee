import type { JourneyLayout } from './layout';

export type ArrowKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown';
export interface Cell {
  stageId: string;
  laneId: string;
}

/**
 * Move the keyboard cursor one cell in the arrow's direction (stages left/right, visible lanes
 * up/down), staying on the grid's edge when there is nowhere to go.
 */
export function neighbourCell(layout: JourneyLayout, from: Cell, key: ArrowKey): Cell {
  const si = layout.stages.findIndex((s) => s.id === from.stageId);
  const li = layout.lanes.findIndex((l) => l.id === from.laneId);
  const clampS = (i: number) => Math.max(0, Math.min(layout.stages.length - 1, i));
  const clampL = (i: number) => Math.max(0, Math.min(layout.lanes.length - 1, i));
  let s = si < 0 ? 0 : si;
  let l = li < 0 ? 0 : li;
  if (key === 'ArrowLeft') s = clampS(s - 1);
  if (key === 'ArrowRight') s = clampS(s + 1);
  if (key === 'ArrowUp') l = clampL(l - 1);
  if (key === 'ArrowDown') l = clampL(l + 1);
  const stage = layout.stages[s];
  const lane = layout.lanes[l];
  return stage && lane ? { stageId: stage.id, laneId: lane.id } : from;
}

/**
 * Arrow navigation with cards: inside a cell, up/down walk its cards first; leaving the cell
 * moves to the neighbouring cell (its first card when entering downwards or sideways, its last
 * when entering upwards). Returns the new cell and the card to select there (null: empty cell).
 */
export function navigate(
  layout: JourneyLayout,
  cellCards: (stageId: string, laneId: string) => readonly string[],
  from: Cell,
  currentCard: string | null,
  key: ArrowKey,
): { cell: Cell; card: string | null } {
  const here = cellCards(from.stageId, from.laneId);
  const pos = currentCard ? here.indexOf(currentCard) : -1;
  if (pos >= 0 && key === 'ArrowDown' && pos < here.length - 1) return { cell: from, card: here[pos + 1] ?? null };
  if (pos > 0 && key === 'ArrowUp') return { cell: from, card: here[pos - 1] ?? null };
  const cell = neighbourCell(layout, from, key);
  if (cell.stageId === from.stageId && cell.laneId === from.laneId) return { cell, card: currentCard };
  const there = cellCards(cell.stageId, cell.laneId);
  const card = key === 'ArrowUp' ? (there[there.length - 1] ?? null) : (there[Math.min(Math.max(pos, 0), there.length - 1)] ?? null);
  return { cell, card };
}
