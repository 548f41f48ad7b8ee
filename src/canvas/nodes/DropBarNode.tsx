import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import type { DropBarNode as DropBarNodeType } from './types';

/** The insertion bar: where the dragged cards will land. */
function DropBarNodeView({ data }: NodeProps<DropBarNodeType>) {
  return <div className="pointer-events-none h-1.5 rounded-full bg-indigo-600 shadow" style={{ width: data.width }} data-testid="drop-indicator" />;
}

export const DropBarNode = memo(DropBarNodeView);
