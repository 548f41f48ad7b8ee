/**
 * The "MOTs" side-panel tab: the editor of the selected MOT (with a way back to the ranking),
 * otherwise the Choose-MOTs workbench.
 */
import { useTranslation } from 'react-i18next';
import { useViewState, useViewStore, type ViewState } from '../../canvas/view-state';
import { motById } from '../../store/selectors';
import { useMapSelector, useReadOnly } from '../../store/use-map-store';
import { buttonGhost } from '../../components/buttons';
import { MotEditor } from './MotEditor';
import { MotWorkbench } from './MotWorkbench';

export { PinToolbarButton } from '../../canvas/mots/MotPins';

const selectedMotId = (s: ViewState): string | null => (s.selection?.kind === 'mot' ? (s.selection.ids[0] ?? null) : null);

export function MotsPanel() {
  const { t } = useTranslation();
  const view = useViewStore();
  const motId = useViewState(selectedMotId);
  const exists = useMapSelector((doc) => (motId ? motById(doc, motId) !== undefined : false));
  const readOnly = useReadOnly();
  if (motId && exists) {
    return (
      <div className="flex flex-col" data-testid="mots-panel">
        <div className="sticky top-0 z-10 border-b border-slate-200 bg-white/95 px-2 py-1.5 backdrop-blur">
          <button type="button" className={buttonGhost} onClick={() => view.select(null)} data-testid="mot-back">
            <span aria-hidden="true">←</span> {t('mots.editor.back')}
          </button>
        </div>
        {/* View / comment links: the MOT is shown, not editable. */}
        <fieldset disabled={readOnly} className="contents" data-testid="mot-editor-fields">
          <MotEditor key={motId} motId={motId} />
        </fieldset>
      </div>
    );
  }
  return (
    <div data-testid="mots-panel">
      <MotWorkbench />
    </div>
  );
}
