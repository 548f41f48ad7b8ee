import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { StageHeaderNode as StageHeaderNodeType } from './types';
import { GRID } from '../geometry';

function StageHeaderNodeView({ data }: NodeProps<StageHeaderNodeType>) {
  const { stage, index, width } = data;
  return (
    <div
      className="flex h-full flex-col justify-center border-b-4 border-r border-slate-200 bg-white px-3"
      style={{ width, height: GRID.stageHeaderHeight, borderBottomColor: stage.color ?? '#64748b' }}
      data-testid="stage-header"
      data-stage-id={stage.id}
      role="columnheader"
      aria-label={stage.name}
    >
      <span className="text-xs font-medium text-slate-400">{index + 1}</span>
      <span className="truncate text-base font-semibold text-slate-800" title={stage.name}>
        {stage.name}
      </span>
    </div>
  );
}

export const StageHeaderNode = memo(StageHeaderNodeView);
