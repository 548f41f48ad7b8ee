import { memo } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useNodeT } from './use-node-t';
import type { CellNode as CellNodeType } from './types';
import { LANE_STYLES } from './lane-styles';
import { useMapStore } from '../../store/use-map-store';
import { addTouchpoint } from '../../store/commands';
import { useViewStore, type ViewStore } from '../view-state';
import type { MapStore } from '../../store/map-store';

/** Add an empty card at the end of a cell and start editing its title (one undo step). */
export function addCardInCell(store: MapStore, view: ViewStore, label: string, cell: { stageId: string; laneId: string }): void {
  if (store.readOnly) return;
  const id = store.run((d) => addTouchpoint(d, { stageId: cell.stageId, laneId: cell.laneId, title: '' }), { label });
  if (id) view.set({ selection: { kind: 'touchpoint', ids: [id] }, editingTouchpointId: id, activeCell: cell });
}

function CellNodeView({ data }: NodeProps<CellNodeType>) {
  const { t } = useNodeT();
  const store = useMapStore();
  const view = useViewStore();
  const addCard = () => addCardInCell(store, view, t('map.addCard'), { stageId: data.stageId, laneId: data.laneId });
  return (
    <div
      className={`group h-full border-b border-r border-slate-200 transition-colors ${LANE_STYLES[data.laneType].cell} ${
        data.isDropTarget ? '!bg-indigo-100/70 outline outline-2 -outline-offset-2 outline-indigo-400' : ''
      } ${data.isActive ? 'outline outline-2 -outline-offset-2 outline-dashed outline-indigo-500' : ''}`}
      style={{ width: data.width, height: data.height }}
      data-testid="cell"
      data-stage-id={data.stageId}
      data-lane-id={data.laneId}
      data-drop-target={data.isDropTarget || undefined}
      data-active={data.isActive || undefined}
      onClick={() => view.set({ activeCell: { stageId: data.stageId, laneId: data.laneId }, selection: null })}
      onDoubleClick={addCard}
      title={data.empty && !store.readOnly ? t('map.addCardHint') : undefined}
    >
      {data.empty && !store.readOnly ? (
        <span className="pointer-events-none flex h-full items-center justify-center text-xs text-slate-400 opacity-0 group-hover:opacity-100">
          {t('map.addCardHint')}
        </span>
      ) : null}
    </div>
  );
}

export const CellNode = memo(CellNodeView);
