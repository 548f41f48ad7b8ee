import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { CellNode as CellNodeType } from './types';
import { LANE_STYLES } from './lane-styles';

function CellNodeView({ data }: NodeProps<CellNodeType>) {
  return (
    <div
      className={`h-full border-b border-r border-slate-200 ${LANE_STYLES[data.laneType].cell}`}
      style={{ width: data.width, height: data.height }}
      data-testid="cell"
      data-stage-id={data.stageId}
      data-lane-id={data.laneId}
    />
  );
}

export const CellNode = memo(CellNodeView);
