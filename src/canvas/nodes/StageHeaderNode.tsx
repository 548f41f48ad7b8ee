import { memo, useState } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useNodeT } from './use-node-t';
import type { StageHeaderNode as StageHeaderNodeType } from './types';
import { GRID } from '../geometry';
import { useMapStore, useReadOnly } from '../../store/use-map-store';
import { addStage, renameStage } from '../../store/commands';
import { useIsSelected, useViewStore } from '../view-state';
import { InlineText } from '../InlineText';
import { RemoteSelection } from '../presence/RemoteSelection';
import { LIMITS } from '../../domain/schema';
import { CommentBadge } from '../../panels/comments/CommentBadge';

function StageHeaderNodeView({ data, dragging }: NodeProps<StageHeaderNodeType>) {
  const { t } = useNodeT();
  const store = useMapStore();
  const view = useViewStore();
  const { stage, index, width } = data;
  const selected = useIsSelected('stage', stage.id);
  const [editing, setEditing] = useState(false);
  const readOnly = useReadOnly();
  return (
    <div
      className={`group relative flex h-full ${readOnly ? 'cursor-default' : 'cursor-grab'} flex-col justify-center border-b-4 border-r border-slate-200 bg-white px-3 ${
        selected ? 'bg-indigo-50 ring-2 ring-inset ring-indigo-500' : ''
      } ${dragging ? 'cursor-grabbing opacity-80 shadow-lg' : ''}`}
      style={{ width, height: GRID.stageHeaderHeight, borderBottomColor: stage.color ?? '#64748b' }}
      data-testid="stage-header"
      data-stage-id={stage.id}
      aria-label={stage.name}
      title={readOnly ? stage.name : t('map.dragStage')}
      onClick={() => view.set({ selection: { kind: 'stage', ids: [stage.id] }, panel: 'inspector' })}
      onDoubleClick={(e) => {
        e.stopPropagation();
        if (!readOnly) setEditing(true);
      }}
    >
      <RemoteSelection id={stage.id} inset />
      <span className="text-xs font-medium text-slate-400">{index + 1}</span>
      {editing && !readOnly ? (
        <InlineText
          value={stage.name}
          label={t('map.stageNameLabel')}
          maxLength={LIMITS.name}
          className="text-base font-semibold"
          onCommit={(name) => {
            if (name.trim()) store.apply((d) => void renameStage(d, stage.id, name.trim()), { label: t('map.stageNameLabel') });
          }}
          onDone={() => setEditing(false)}
        />
      ) : (
        <span className="truncate text-base font-semibold text-slate-800" title={stage.name}>
          {stage.name}
        </span>
      )}
      {readOnly ? null : (
      <button
        type="button"
        className="nodrag absolute right-1 top-1 hidden h-6 w-6 items-center justify-center rounded bg-white text-slate-500 shadow-sm ring-1 ring-slate-200 hover:text-indigo-600 focus-visible:flex focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600 group-hover:flex"
        aria-label={t('map.addStageAfter', { name: stage.name })}
        title={t('map.addStageAfter', { name: stage.name })}
        onClick={(e) => {
          e.stopPropagation();
          const id = store.run((d) => addStage(d, t('map.newStage'), { after: stage.id }), { label: t('map.addStage') });
          if (id) view.set({ selection: { kind: 'stage', ids: [id] }, panel: 'inspector' });
        }}
      >
        ＋
      </button>
      )}
      <CommentBadge kind="stage" id={stage.id} t={t} className="absolute bottom-1.5 right-1.5" />
    </div>
  );
}

export const StageHeaderNode = memo(StageHeaderNodeView);
