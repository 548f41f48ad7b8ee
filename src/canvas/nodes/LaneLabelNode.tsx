import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { LaneLabelNode as LaneLabelNodeType } from './types';
import { GRID } from '../geometry';
import { LANE_STYLES } from './lane-styles';

function LaneLabelNodeView({ data }: NodeProps<LaneLabelNodeType>) {
  const { t } = useTranslation();
  const { lane, height } = data;
  const style = LANE_STYLES[lane.type];
  return (
    <div
      className={`flex h-full flex-col justify-center border-b border-r border-slate-200 px-3 ${style.label}`}
      style={{ width: GRID.laneLabelWidth, height }}
      data-testid="lane-label"
      data-lane-id={lane.id}
      role="rowheader"
    >
      <span className="text-sm font-semibold text-slate-800">{lane.name}</span>
      <span className="text-xs text-slate-500">{t(`laneTypes.${lane.type}`)}</span>
    </div>
  );
}

export const LaneLabelNode = memo(LaneLabelNodeView);
