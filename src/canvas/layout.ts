import type { JourneyMap } from '../domain/schema';
import { GRID } from './geometry';

export interface StageColumn {
  id: string;
  index: number;
  x: number;
  width: number;
  cardColumns: number;
}
export interface LaneRow {
  id: string;
  index: number;
  y: number;
  height: number;
}
export interface CardBox {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface JourneyLayout {
  stages: StageColumn[];
  lanes: LaneRow[];
  cards: Map<string, CardBox>;
  gridTop: number;
  gridLeft: number;
  width: number;
  /** Bottom of the lanes; the emotion lane starts here. */
  lanesBottom: number;
  emotionLane: { y: number; height: number };
  height: number;
}

/**
 * Where every stage column, lane row and card goes. Pure: the canvas, the exporter and the
 * benchmarks all use it. Column width follows content: a stage whose fullest cell holds more
 * cards than fit in `maxRowsBeforeWidening` rows gets another card column.
 */
export function computeLayout(map: Pick<JourneyMap, 'stages' | 'lanes' | 'touchpoints'>): JourneyLayout {
  const visibleLanes = map.lanes.filter((l) => !l.hidden);
  const laneIndex = new Map(visibleLanes.map((l, i) => [l.id, i]));
  const stageIndex = new Map(map.stages.map((s, i) => [s.id, i]));

  // Cell contents, in order.
  const cells = new Map<string, { id: string; order: number }[]>();
  for (const tp of map.touchpoints) {
    if (!laneIndex.has(tp.laneId) || !stageIndex.has(tp.stageId)) continue;
    const key = `${tp.stageId}\u0000${tp.laneId}`;
    let list = cells.get(key);
    if (!list) cells.set(key, (list = []));
    list.push({ id: tp.id, order: tp.order });
  }
  for (const list of cells.values()) list.sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : 1));

  const maxInStage = new Array<number>(map.stages.length).fill(0);
  for (const [key, list] of cells) {
    const stageId = key.slice(0, key.indexOf('\u0000'));
    const i = stageIndex.get(stageId) ?? 0;
    maxInStage[i] = Math.max(maxInStage[i] ?? 0, list.length);
  }

  let x = GRID.laneLabelWidth;
  const stages: StageColumn[] = map.stages.map((s, i) => {
    const most = maxInStage[i] ?? 0;
    const cardColumns = Math.min(GRID.maxCardColumns, Math.max(1, Math.ceil(most / GRID.maxRowsBeforeWidening)));
    const width = cardColumns * GRID.cardWidth + (cardColumns - 1) * GRID.cardGap + 2 * GRID.cellPadding;
    const col = { id: s.id, index: i, x, width, cardColumns };
    x += width;
    return col;
  });

  const rowsInLane = new Array<number>(visibleLanes.length).fill(1);
  for (const [key, list] of cells) {
    const sep = key.indexOf('\u0000');
    const si = stageIndex.get(key.slice(0, sep)) ?? 0;
    const li = laneIndex.get(key.slice(sep + 1)) ?? 0;
    const cols = stages[si]?.cardColumns ?? 1;
    rowsInLane[li] = Math.max(rowsInLane[li] ?? 1, Math.ceil(list.length / cols));
  }

  let y = GRID.stageHeaderHeight;
  const lanes: LaneRow[] = visibleLanes.map((l, i) => {
    const rows = rowsInLane[i] ?? 1;
    const height = rows * GRID.cardHeight + (rows - 1) * GRID.cardGap + 2 * GRID.cellPadding;
    const row = { id: l.id, index: i, y, height };
    y += height;
    return row;
  });

  const cards = new Map<string, CardBox>();
  for (const [key, list] of cells) {
    const sep = key.indexOf('\u0000');
    const stage = stages[stageIndex.get(key.slice(0, sep)) ?? 0];
    const lane = lanes[laneIndex.get(key.slice(sep + 1)) ?? 0];
    if (!stage || !lane) continue;
    list.forEach((item, i) => {
      const c = i % stage.cardColumns;
      const r = Math.floor(i / stage.cardColumns);
      cards.set(item.id, {
        x: stage.x + GRID.cellPadding + c * (GRID.cardWidth + GRID.cardGap),
        y: lane.y + GRID.cellPadding + r * (GRID.cardHeight + GRID.cardGap),
        width: GRID.cardWidth,
        height: GRID.cardHeight,
      });
    });
  }

  const lanesBottom = y;
  return {
    stages,
    lanes,
    cards,
    gridTop: GRID.stageHeaderHeight,
    gridLeft: GRID.laneLabelWidth,
    width: x,
    lanesBottom,
    emotionLane: { y: lanesBottom, height: GRID.emotionLaneHeight },
    height: lanesBottom + GRID.emotionLaneHeight,
  };
}

type LayoutInput = Pick<JourneyMap, 'stages' | 'lanes' | 'touchpoints'>;

/** True when the two documents place things identically: same stage ids in order, same lanes
 *  (id, hidden) in order, same touchpoints (id, stageId, laneId, order) in order. Immer keeps
 *  unchanged elements (and arrays) identical, so an identity check short-circuits most of it. */
export function sameStructure(a: LayoutInput, b: LayoutInput): boolean {
  if (a.stages !== b.stages) {
    if (a.stages.length !== b.stages.length) return false;
    for (let i = 0; i < a.stages.length; i++) {
      const p = a.stages[i];
      const q = b.stages[i];
      if (p !== q && p?.id !== q?.id) return false;
    }
  }
  if (a.lanes !== b.lanes) {
    if (a.lanes.length !== b.lanes.length) return false;
    for (let i = 0; i < a.lanes.length; i++) {
      const p = a.lanes[i];
      const q = b.lanes[i];
      if (p !== q && (p?.id !== q?.id || !p?.hidden !== !q?.hidden)) return false;
    }
  }
  if (a.touchpoints !== b.touchpoints) {
    if (a.touchpoints.length !== b.touchpoints.length) return false;
    for (let i = 0; i < a.touchpoints.length; i++) {
      const p = a.touchpoints[i];
      const q = b.touchpoints[i];
      if (p === q) continue;
      if (!p || !q || p.id !== q.id || p.stageId !== q.stageId || p.laneId !== q.laneId || p.order !== q.order) return false;
    }
  }
  return true;
}

const layoutCache = new WeakMap<object, JourneyLayout>();
let lastInput: LayoutInput | null = null;
let lastLayout: JourneyLayout | null = null;
/**
 * computeLayout memoised per document (Immer gives a new document object on every change), and
 * keyed on structure: a document whose stages, lanes and card placement match the previous one's
 * (e.g. after an emotion or title edit) gets the very same layout object.
 */
export function layoutFor(map: JourneyMap): JourneyLayout {
  let hit = layoutCache.get(map);
  if (!hit) {
    hit = lastInput && lastLayout && sameStructure(lastInput, map) ? lastLayout : computeLayout(map);
    layoutCache.set(map, hit);
  }
  lastInput = map;
  lastLayout = hit;
  return hit;
}
