import { memo, useState } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useNodeT } from './use-node-t';
import type { LaneLabelNode as LaneLabelNodeType } from './types';
import { GRID } from '../geometry';
import { LANE_STYLES } from './lane-styles';
import { useMapStore, useReadOnly } from '../../store/use-map-store';
import { renameLane } from '../../store/commands';
import { useIsSelected, useViewStore } from '../view-state';
import { InlineText } from '../InlineText';
import { LIMITS } from '../../domain/schema';

function LaneLabelNodeView({ data, dragging }: NodeProps<LaneLabelNodeType>) {
  const { t } = useNodeT();
  const store = useMapStore();
  const view = useViewStore();
  const { lane, height } = data;
  const selected = useIsSelected('lane', lane.id);
  const [editing, setEditing] = useState(false);
  const readOnly = useReadOnly();
  return (
    <div
      className={`flex h-full ${readOnly ? 'cursor-default' : 'cursor-grab'} flex-col justify-center border-b border-r border-slate-200 px-3 ${LANE_STYLES[lane.type].label} ${
        selected ? 'ring-2 ring-inset ring-indigo-500' : ''
      } ${dragging ? 'cursor-grabbing opacity-80 shadow-lg' : ''}`}
      style={{ width: GRID.laneLabelWidth, height }}
      data-testid="lane-label"
      data-lane-id={lane.id}
      title={readOnly ? lane.name : t('map.dragLane')}
      onClick={() => view.set({ selection: { kind: 'lane', ids: [lane.id] }, panel: 'inspector' })}
      onDoubleClick={(e) => {
        e.stopPropagation();
        if (!readOnly) setEditing(true);
      }}
    >
      {editing && !readOnly ? (
        <InlineText
          value={lane.name}
          label={t('map.laneNameLabel')}
          maxLength={LIMITS.name}
          className="text-sm font-semibold"
          onCommit={(name) => {
            if (name.trim()) store.apply((d) => void renameLane(d, lane.id, name.trim()), { label: t('map.laneNameLabel') });
          }}
          onDone={() => setEditing(false)}
        />
      ) : (
        <span className="text-sm font-semibold text-slate-800">{lane.name}</span>
      )}
      {t(`laneTypes.${lane.type}`) !== lane.name ? <span className="text-xs text-slate-500">{t(`laneTypes.${lane.type}`)}</span> : null}
    </div>
  );
}

export const LaneLabelNode = memo(LaneLabelNodeView);
