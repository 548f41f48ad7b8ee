import type { JourneyMap, Lane } from '../domain/schema';
import type { JourneyLayout } from './layout';
import type { CellNode, EmotionLaneNode, JourneyNode, LaneLabelNode, StageHeaderNode, TouchpointNode } from './nodes/types';
import { GRID } from './geometry';

export interface BuildOptions {
  selectedCards: ReadonlySet<string>;
  /** The cell under a card being dragged, highlighted as the drop target. */
  dropCell: { stageId: string; laneId: string } | null;
  activeCell: { stageId: string; laneId: string } | null;
}

/**
 * Turn the document and its layout into React Flow nodes. The app owns node state: positions
 * come from the layout, never from React Flow. Card node objects are cached by the identity of
 * what they show and where, so an unchanged card keeps the very same node object across edits
 * (Immer shares unchanged touchpoints) and its memoised component does not re-render.
 */
export class NodeBuilder {
  private touchpointCache = new WeakMap<object, { key: string; node: TouchpointNode }>();
  private cellCache = new Map<string, { key: string; node: CellNode }>();
  private headerCache = new WeakMap<object, { key: string; node: StageHeaderNode }>();
  private laneCache = new WeakMap<object, { key: string; node: LaneLabelNode }>();
  /** The emotion lane reads the document itself; its node changes only with the layout. */
  private emotionNode: EmotionLaneNode | null = null;
  /** The last result: returned again when every node is the same object (React Flow then has nothing to adopt). */
  private lastNodes: JourneyNode[] = [];

  build(map: JourneyMap, layout: JourneyLayout, opts: BuildOptions): JourneyNode[] {
    const nodes: JourneyNode[] = [];
    const laneById = new Map<string, Lane>(map.lanes.map((l) => [l.id, l]));

    for (const col of layout.stages) {
      const stage = map.stages[col.index];
      if (!stage) continue;
      // Unchanged stages keep their node object, so headers do not re-render on unrelated edits.
      const headerKey = `${col.x},${col.width},${col.index}`;
      const cachedHeader = this.headerCache.get(stage);
      if (cachedHeader && cachedHeader.key === headerKey) {
        nodes.push(cachedHeader.node);
        continue;
      }
      const node: StageHeaderNode = {
        id: `stage:${stage.id}`,
        type: 'stageHeader',
        position: { x: col.x, y: 0 },
        data: { stage, index: col.index, width: col.width },
        draggable: true,
        selectable: false,
        ...known(col.width, GRID.stageHeaderHeight),
        ariaRole: 'columnheader',
      };
      this.headerCache.set(stage, { key: headerKey, node });
      nodes.push(node);
    }

    const occupied = new Set(map.touchpoints.map((t) => `${t.stageId}\u0000${t.laneId}`));
    for (const row of layout.lanes) {
      const lane = laneById.get(row.id);
      if (!lane) continue;
      const laneKey = `${row.y},${row.height}`;
      const cachedLabel = this.laneCache.get(lane);
      const label: LaneLabelNode = cachedLabel?.key === laneKey ? cachedLabel.node : laneLabelNode(lane, row.y, row.height);
      this.laneCache.set(lane, { key: laneKey, node: label });
      nodes.push(label);
      for (const col of layout.stages) {
        const id = `cell:${col.id}:${lane.id}`;
        const isDrop = opts.dropCell?.stageId === col.id && opts.dropCell.laneId === lane.id;
        const isActive = opts.activeCell?.stageId === col.id && opts.activeCell.laneId === lane.id;
        const empty = !occupied.has(`${col.id}\u0000${lane.id}`);
        const key = `${col.x},${row.y},${col.width},${row.height},${lane.type},${empty},${isDrop},${isActive}`;
        const cached = this.cellCache.get(id);
        if (cached && cached.key === key) {
          nodes.push(cached.node);
          continue;
        }
        const cell: CellNode = {
          id,
          type: 'cell',
          position: { x: col.x, y: row.y },
          data: { stageId: col.id, laneId: lane.id, laneType: lane.type, width: col.width, height: row.height, empty, isDropTarget: isDrop, isActive },
          draggable: false,
          selectable: false,
          focusable: false,
          zIndex: -1,
          ...known(col.width, row.height),
        };
        this.cellCache.set(id, { key, node: cell });
        nodes.push(cell);
      }
    }

    for (const tp of map.touchpoints) {
      const box = layout.cards.get(tp.id);
      const lane = laneById.get(tp.laneId);
      if (!box || !lane) continue;
      const selected = opts.selectedCards.has(tp.id);
      const key = `${box.x},${box.y},${lane.type},${selected}`;
      const cached = this.touchpointCache.get(tp);
      if (cached && cached.key === key) {
        nodes.push(cached.node);
        continue;
      }
      const node: TouchpointNode = {
        id: tp.id,
        type: 'touchpoint',
        position: { x: box.x, y: box.y },
        data: { touchpoint: tp, laneType: lane.type },
        ...known(box.width, box.height),
        selected,
        draggable: true,
        ariaLabel: tp.title,
      };
      this.touchpointCache.set(tp, { key, node });
      nodes.push(node);
    }

    let emotion = this.emotionNode;
    if (emotion?.data.layout !== layout) {
      emotion = {
        id: 'emotion-lane',
        type: 'emotionLane',
        position: { x: 0, y: layout.emotionLane.y },
        data: { layout },
        draggable: false,
        selectable: false,
        focusable: false,
        ...known(layout.width, layout.emotionLane.height),
      };
      this.emotionNode = emotion;
    }
    nodes.push(emotion);
    const last = this.lastNodes;
    if (last.length === nodes.length && nodes.every((n, i) => n === last[i])) return last;
    this.lastNodes = nodes;
    return nodes;
  }
}

function laneLabelNode(lane: Lane, y: number, height: number): LaneLabelNode {
  return {
    id: `lane:${lane.id}`,
    type: 'laneLabel',
    position: { x: 0, y },
    data: { lane, height },
    draggable: true,
    selectable: false,
    ...known(GRID.laneLabelWidth, height),
    ariaRole: 'rowheader',
  };
}

/**
 * Every node's size is known from the layout (each node draws itself at exactly that size) and no
 * node has connection handles: telling React Flow so up front spares it from first mounting every
 * node (visible or not) to measure it with a ResizeObserver, which at 1000 cards dominated the load.
 */
const NO_HANDLES: [] = [];
function known(width: number, height: number): { width: number; height: number; measured: { width: number; height: number }; handles: [] } {
  return { width, height, measured: { width, height }, handles: NO_HANDLES };
}
