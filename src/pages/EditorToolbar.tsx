import { useTranslation } from 'react-i18next';
import { buttonSecondary } from '../components/buttons';
import { useHistoryState, useMapStore, useReadOnly } from '../store/use-map-store';
import { ReadOnlyBadge } from '../panels/share/ReadOnlyBadge';
import { addStage, addTouchpoint } from '../store/commands';
import { useViewStore } from '../canvas/view-state';
import { cellContents, touchpointById } from '../store/selectors';
import { PinToolbarButton } from '../canvas/mots/MotPins';
import { ExportButton } from '../export/ExportDialog';
import { WalkthroughButton } from '../walkthrough/WalkthroughButton';

/** Undo/redo, add card/stage, the MOT pin, and the shortcut sheet. */
export function EditorToolbar() {
  const { t } = useTranslation();
  const store = useMapStore();
  const view = useViewStore();
  const history = useHistoryState();
  const readOnly = useReadOnly();

  const addCard = () => {
    const doc = store.getDoc();
    const s = view.getState();
    const selected = s.selection?.kind === 'touchpoint' && s.selection.ids[0] ? touchpointById(doc, s.selection.ids[0]) : undefined;
    const stageId = selected?.stageId ?? s.activeCell?.stageId ?? doc.stages[0]?.id;
    const laneId =
      selected?.laneId ?? s.activeCell?.laneId ?? (doc.lanes.find((l) => l.type === 'touchpoint' && !l.hidden) ?? doc.lanes.find((l) => !l.hidden))?.id;
    if (!stageId || !laneId) return;
    const index = selected ? cellContents(doc, stageId, laneId).indexOf(selected.id) + 1 : undefined;
    const id = store.run((d) => addTouchpoint(d, { stageId, laneId, title: '', ...(index !== undefined ? { index } : {}) }), { label: t('map.addCard') });
    if (id) view.set({ selection: { kind: 'touchpoint', ids: [id] }, editingTouchpointId: id, activeCell: { stageId, laneId } });
  };
  const addStageAtEnd = () => {
    const id = store.run((d) => addStage(d, t('map.newStage')), { label: t('map.addStage') });
    if (id) view.set({ selection: { kind: 'stage', ids: [id] }, panel: 'inspector' });
  };

  if (readOnly) {
    // View / comment links: no undo, no adding; what still works is looking and exporting.
    return (
      <div role="toolbar" aria-label={t('map.toolbar')} className="flex flex-wrap items-center gap-1.5">
        <ReadOnlyBadge />
        <WalkthroughButton />
        <ExportButton />
        <button type="button" className={buttonSecondary} onClick={() => view.set({ shortcutsOpen: true })} aria-label={t('map.shortcuts')} title={`${t('map.shortcuts')} (?)`}>
          ⌨ <span className="hidden lg:inline">?</span>
        </button>
      </div>
    );
  }

  return (
    <div role="toolbar" aria-label={t('map.toolbar')} className="flex flex-wrap items-center gap-1.5">
      <button
        type="button"
        className={buttonSecondary}
        onClick={() => store.undo()}
        disabled={!history.canUndo}
        aria-label={history.undoLabel ? t('map.undoLabel', { action: history.undoLabel }) : t('map.undo')}
        title={`${history.undoLabel ? t('map.undoLabel', { action: history.undoLabel }) : t('map.undo')} (Ctrl+Z)`}
        data-testid="undo"
      >
        ↶ <span className="hidden lg:inline">{t('map.undo')}</span>
      </button>
      <button
        type="button"
        className={buttonSecondary}
        onClick={() => store.redo()}
        disabled={!history.canRedo}
        aria-label={history.redoLabel ? t('map.redoLabel', { action: history.redoLabel }) : t('map.redo')}
        title={`${history.redoLabel ? t('map.redoLabel', { action: history.redoLabel }) : t('map.redo')} (Ctrl+Shift+Z)`}
        data-testid="redo"
      >
        ↷ <span className="hidden lg:inline">{t('map.redo')}</span>
      </button>
      <span className="mx-1 h-6 w-px bg-slate-200" aria-hidden="true" />
      <button type="button" className={buttonSecondary} onClick={addCard} data-testid="add-card">
        ＋ {t('map.addCard')}
      </button>
      <button type="button" className={buttonSecondary} onClick={addStageAtEnd} data-testid="add-stage">
        ＋ {t('map.addStage')}
      </button>
      <PinToolbarButton />
      <WalkthroughButton />
      <ExportButton />
      <button type="button" className={buttonSecondary} onClick={() => view.set({ shortcutsOpen: true })} aria-label={t('map.shortcuts')} title={`${t('map.shortcuts')} (?)`}>
        ⌨ <span className="hidden lg:inline">?</span>
      </button>
    </div>
  );
}
