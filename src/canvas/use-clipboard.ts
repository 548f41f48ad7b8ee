import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapStore } from '../store/map-store';
import type { ViewStore } from './view-state';
import { parseClipboard, serializeClipboard } from '../store/clipboard';
import { pasteTouchpoints } from '../store/commands';
import { cellContents, touchpointById } from '../store/selectors';
import { useToast } from '../panels/Toast';
import { isTextField } from './use-editor-keyboard';

/**
 * Copy and paste cards through the system clipboard (so it works across maps and tabs), using
 * the copy/paste events: no permission prompt, and text fields keep their own behaviour.
 */
export function useCardClipboard(store: MapStore, view: ViewStore): void {
  const { t } = useTranslation();
  const toast = useToast();
  useEffect(() => {
    const selectedCards = () => {
      const sel = view.getState().selection;
      return sel?.kind === 'touchpoint' ? [...sel.ids] : [];
    };
    const onCopy = (e: ClipboardEvent) => {
      if (isTextField(e.target) || isTextField(document.activeElement)) return;
      const ids = selectedCards();
      if (!ids.length) return;
      const text = serializeClipboard(store.getDoc(), ids);
      if (!text || !e.clipboardData) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
      toast.show({ message: t('map.copied', { count: ids.length }) });
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isTextField(e.target) || isTextField(document.activeElement)) return;
      if (store.readOnly) return; // view / comment links: pasting would change the map
      const text = e.clipboardData?.getData('text/plain') ?? '';
      e.preventDefault();
      const parsed = parseClipboard(text);
      if (!parsed.ok) {
        toast.show({ message: t('map.pasteGarbage'), tone: 'error' });
        return;
      }
      const doc = store.getDoc();
      const first = selectedCards().map((id) => touchpointById(doc, id)).find(Boolean);
      const cell = first ? { stageId: first.stageId, laneId: first.laneId } : view.getState().activeCell;
      if (!cell) {
        toast.show({ message: t('map.pasteNoCell'), tone: 'error' });
        return;
      }
      const index = first ? cellContents(doc, cell.stageId, cell.laneId).indexOf(first.id) + 1 : cellContents(doc, cell.stageId, cell.laneId).length;
      const ids = store.run((d) => pasteTouchpoints(d, parsed.payload, { ...cell, index }), { label: t('map.pasted', { count: parsed.payload.touchpoints.length }) });
      if (ids.length) {
        view.set({ selection: { kind: 'touchpoint', ids }, activeCell: cell });
        toast.show({ message: t('map.pasted', { count: ids.length }) });
      }
    };
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [store, view, t, toast]);
}
