import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { TouchpointNode as TouchpointNodeType } from './types';
import { GRID } from '../geometry';
import { LANE_STYLES } from './lane-styles';
import { CHANNEL_ICONS } from './channel-icons';

function TouchpointNodeView({ data, selected }: NodeProps<TouchpointNodeType>) {
  const { t } = useTranslation();
  const { touchpoint, laneType } = data;
  const channel = t(`channels.${touchpoint.channel}`);
  return (
    <article
      className={`flex h-full flex-col gap-1 overflow-hidden rounded-md border border-l-4 border-slate-200 bg-white px-2.5 py-2 shadow-sm ${LANE_STYLES[laneType].card} ${selected ? 'ring-2 ring-indigo-500' : ''}`}
      style={{ width: GRID.cardWidth, height: GRID.cardHeight }}
      data-testid="touchpoint-card"
      data-touchpoint-id={touchpoint.id}
      aria-label={touchpoint.title}
    >
      <div className="flex items-start gap-1.5">
        <span aria-hidden="true" className="text-sm leading-5">
          {CHANNEL_ICONS[touchpoint.channel]}
        </span>
        <h3 className="line-clamp-2 text-sm font-medium leading-5 text-slate-800" title={touchpoint.title}>
          {touchpoint.title}
        </h3>
      </div>
      <span className="sr-only">{channel}</span>
      {touchpoint.description ? (
        <p className="line-clamp-1 text-xs text-slate-500" title={touchpoint.description}>
          {touchpoint.description}
        </p>
      ) : null}
    </article>
  );
}

export const TouchpointNode = memo(TouchpointNodeView);
