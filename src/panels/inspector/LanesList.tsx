import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANE_TYPES, type LaneType } from '../../domain/schema';
import { useMapSelector, useMapStore } from '../../store/use-map-store';
import { addLane, setLaneHidden } from '../../store/commands';
import { useViewStore } from '../../canvas/view-state';
import { buttonGhost, buttonSecondary } from '../../components/buttons';

/**
 * Every lane of the map, hidden ones included: show or hide each, open one in the inspector, and
 * add a new lane of any type. (A hidden lane is not on the canvas, so this is where it comes back.)
 */
export function LanesList() {
  const { t } = useTranslation();
  const store = useMapStore();
  const view = useViewStore();
  const lanes = useMapSelector((d) => d.lanes);
  const [type, setType] = useState<LaneType>('touchpoint');
  return (
    <section aria-labelledby="lanes-list-title" className="flex flex-col gap-2" data-testid="lanes-list">
      <h3 id="lanes-list-title" className="text-xs font-semibold uppercase tracking-wide text-slate-500">
        {t('editor.lanes.heading')}
      </h3>
      <ul className="flex flex-col divide-y divide-slate-100 rounded-md border border-slate-200">
        {lanes.map((lane) => (
          <li key={lane.id} className="flex items-center gap-2 px-2 py-1.5 text-sm">
            <input
              type="checkbox"
              className="h-4 w-4 accent-indigo-600"
              checked={!lane.hidden}
              aria-label={t('editor.lanes.show', { name: lane.name })}
              onChange={(e) => {
                const hidden = !e.target.checked;
                store.apply((d) => void setLaneHidden(d, lane.id, hidden), { label: t('editor.lanes.visibility') });
              }}
            />
            <button
              type="button"
              className={`${buttonGhost} min-w-0 flex-1 justify-start truncate ${lane.hidden ? 'text-slate-400 line-through' : ''}`}
              onClick={() => view.set({ selection: { kind: 'lane', ids: [lane.id] }, panel: 'inspector' })}
            >
              {lane.name}
            </button>
            <span className="shrink-0 text-xs text-slate-400">{t(`laneTypes.${lane.type}`)}</span>
          </li>
        ))}
      </ul>
      <div className="flex items-end gap-2">
        <label className="flex flex-1 flex-col gap-1 text-xs font-medium text-slate-600">
          {t('editor.lanes.newType')}
          <select
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600"
            value={type}
            onChange={(e) => setType(e.target.value as LaneType)}
          >
            {LANE_TYPES.map((lt) => (
              <option key={lt} value={lt}>
                {t(`laneTypes.${lt}`)}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className={buttonSecondary}
          data-testid="add-lane"
          onClick={() => {
            const id = store.run((d) => addLane(d, type, t(`laneTypes.${type}`)), { label: t('editor.lanes.add') });
            if (id) view.set({ selection: { kind: 'lane', ids: [id] }, panel: 'inspector' });
          }}
        >
          ＋ {t('editor.lanes.add')}
        </button>
      </div>
    </section>
  );
}
