import type { Node } from '@xyflow/react';
import type { Lane, LaneType, Stage, Touchpoint } from '../../domain/schema';
import type { JourneyLayout } from '../layout';

export type StageHeaderNode = Node<{ stage: Stage; index: number; width: number }, 'stageHeader'>;
export type LaneLabelNode = Node<{ lane: Lane; height: number }, 'laneLabel'>;
export type CellNode = Node<
  { stageId: string; laneId: string; laneType: LaneType; width: number; height: number; empty: boolean; isDropTarget: boolean; isActive: boolean },
  'cell'
>;
/** The insertion bar shown while a card is dragged over a cell. */
export type DropBarNode = Node<{ width: number }, 'dropBar'>;
export type TouchpointNode = Node<{ touchpoint: Touchpoint; laneType: LaneType }, 'touchpoint'>;

/** The emotion lane under the stages: one node spanning the grid's width at layout.emotionLane.y, x = 0. */
export type EmotionLaneNode = Node<{ layout: JourneyLayout }, 'emotionLane'>;

export type JourneyNode = StageHeaderNode | LaneLabelNode | CellNode | TouchpointNode | EmotionLaneNode | DropBarNode;
