import type { NodeTypes } from '@xyflow/react';
import { StageHeaderNode } from './StageHeaderNode';
import { LaneLabelNode } from './LaneLabelNode';
import { CellNode } from './CellNode';
import { TouchpointNode } from './TouchpointNode';
import { DropBarNode } from './DropBarNode';
import { EmotionLaneNode } from '../emotion/EmotionLaneNode';

/** Defined once at module level so React Flow never sees a new object. */
export const nodeTypes: NodeTypes = {
  stageHeader: StageHeaderNode,
  laneLabel: LaneLabelNode,
  cell: CellNode,
  touchpoint: TouchpointNode,
  dropBar: DropBarNode,
  emotionLane: EmotionLaneNode,
};
