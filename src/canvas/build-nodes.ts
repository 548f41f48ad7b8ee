import type { JourneyMap, Lane } from '../domain/schema';
import type { JourneyLayout } from './layout';
import type { CellNode, JourneyNode, LaneLabelNode, StageHeaderNode, TouchpointNode } from './nodes/types';
import { GRID } from './geometry';

/**
 * Turn the document and its layout into React Flow nodes. Node objects are cached by the identity
 * of what they show and where, so an unchanged card keeps the very same node object across
 * edits (Immer shares unchanged touchpoints) and its memoised component does not re-render.
 */
export class NodeBuilder {
  private touchpointCache = new WeakMap<object, { key: string; node: TouchpointNode }>();

  build(map: JourneyMap, layout: JourneyLayout): JourneyNode[] {
    const nodes: JourneyNode[] = [];
    const laneById = new Map<string, Lane>(map.lanes.map((l) => [l.id, l]));

    layout.stages.forEach((col) => {
      const stage = map.stages[col.index];
      if (!stage) return;
      const node: StageHeaderNode = {
        id: `stage:${stage.id}`,
        type: 'stageHeader',
        position: { x: col.x, y: 0 },
        data: { stage, index: col.index, width: col.width },
        draggable: false,
        selectable: false,
        width: col.width,
        height: GRID.stageHeaderHeight,
      };
      nodes.push(node);
    });

    const occupied = new Set(map.touchpoints.map((t) => `${t.stageId}\u0000${t.laneId}`));
    layout.lanes.forEach((row) => {
      const lane = laneById.get(row.id);
      if (!lane) return;
      const label: LaneLabelNode = {
        id: `lane:${lane.id}`,
        type: 'laneLabel',
        position: { x: 0, y: row.y },
        data: { lane, height: row.height },
        draggable: false,
        selectable: false,
        width: GRID.laneLabelWidth,
        height: row.height,
      };
      nodes.push(label);
      for (const col of layout.stages) {
        const cell: CellNode = {
          id: `cell:${col.id}:${lane.id}`,
          type: 'cell',
          position: { x: col.x, y: row.y },
          data: {
            stageId: col.id,
            laneId: lane.id,
            laneType: lane.type,
            width: col.width,
            height: row.height,
            empty: !occupied.has(`${col.id}\u0000${lane.id}`),
          },
          draggable: false,
          selectable: false,
          focusable: false,
          zIndex: -1,
          width: col.width,
          height: row.height,
        };
        nodes.push(cell);
      }
    });

    for (const tp of map.touchpoints) {
      const box = layout.cards.get(tp.id);
      const lane = laneById.get(tp.laneId);
      if (!box || !lane) continue;
      const key = `${box.x},${box.y},${lane.type}`;
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
        width: box.width,
        height: box.height,
        draggable: false,
      };
      this.touchpointCache.set(tp, { key, node });
      nodes.push(node);
    }
    return nodes;
  }
}
