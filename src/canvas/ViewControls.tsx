import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';

const button =
  'flex h-9 w-9 items-center justify-center rounded-md border border-slate-300 bg-white text-slate-700 shadow-sm hover:bg-slate-50 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';

/** Zoom and fit buttons with translated, accessible labels. */
export function ViewControls() {
  const { t } = useTranslation();
  const flow = useReactFlow();
  return (
    <div className="flex gap-1" role="group">
      <button type="button" className={button} aria-label={t('map.zoomIn')} title={t('map.zoomIn')} onClick={() => void flow.zoomIn()}>
        <span aria-hidden="true">＋</span>
      </button>
      <button type="button" className={button} aria-label={t('map.zoomOut')} title={t('map.zoomOut')} onClick={() => void flow.zoomOut()}>
        <span aria-hidden="true">－</span>
      </button>
      <button
        type="button"
        className={button}
        aria-label={t('map.fitView')}
        title={t('map.fitView')}
        onClick={() => void flow.fitView({ padding: 0.05 })}
      >
        <span aria-hidden="true">⤢</span>
      </button>
    </div>
  );
}
