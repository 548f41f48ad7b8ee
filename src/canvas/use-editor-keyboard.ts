import { useEffect } from 'react';
import { useReactFlow } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { MapStore } from '../store/map-store';
import type { ViewStore } from './view-state';
import { layoutFor } from './layout';
import { navigate, neighbourCell, type ArrowKey } from './keyboard-nav';
import { cellContents, touchpointById, stageById, laneById } from '../store/selectors';
import { addTouchpoint, deleteLane, deleteStage, deleteTouchpoints, duplicateTouchpoints, moveTouchpoints } from '../store/commands';
import { useToast } from '../panels/Toast';

const ARROWS: readonly string[] = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'];

export function isTextField(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  if (el.isContentEditable) return true;
  const tag = el.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') {
    const type = (el as HTMLInputElement).type;
    return !['checkbox', 'radio', 'button', 'submit', 'range', 'color'].includes(type);
  }
  return false;
}

/** Shortcuts that change the map (ignored on read-only maps). */
export function isEditingShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  const mod = e.ctrlKey || e.metaKey;
  const k = e.key.toLowerCase();
  if (mod) return k === 'z' || k === 'y' || k === 'd';
  if (k === 'delete' || k === 'backspace' || k === 'enter' || k === 'n') return true;
  return e.altKey && ARROWS.includes(e.key);
}

function focusCard(id: string): void {
  requestAnimationFrame(() => {
    const el = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
    el?.focus({ preventScroll: false });
  });
}

/**
 * Every editor shortcut, on the window, ignored while typing in a field:
 * Delete/Backspace, Ctrl/Cmd+Z, Shift+Ctrl/Cmd+Z, Ctrl/Cmd+Y, Ctrl/Cmd+D, arrows (move the
 * selection between cells), Alt+arrows (move the selected cards), Enter (edit / add), N (add),
 * Esc, ? (shortcut sheet), + / − / Shift+1 (zoom, fit).
 * On a read-only map (view / comment links) only the shortcuts that change nothing work:
 * arrows (without Alt), Esc, ?, zoom and fit.
 */
export function useEditorKeyboard(store: MapStore, view: ViewStore): void {
  const { t } = useTranslation();
  const toast = useToast();
  const flow = useReactFlow();

  useEffect(() => {
    const undoToast = (message: string) =>
      toast.show({ message, action: { label: t('map.undo'), onClick: () => store.undo() } });

    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTextField(e.target)) return;
      if ((e.target as HTMLElement | null)?.closest?.('dialog[open]')) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key;
      const state = view.getState();
      const doc = store.getDoc();
      const sel = state.selection;
      const cards = sel?.kind === 'touchpoint' ? sel.ids.filter((id) => touchpointById(doc, id)) : [];
      if (store.readOnly && isEditingShortcut(e)) return;

      if (mod && !e.altKey && (key === 'z' || key === 'Z')) {
        e.preventDefault();
        if (e.shiftKey) store.redo();
        else store.undo();
        return;
      }
      if (mod && (key === 'y' || key === 'Y')) {
        e.preventDefault();
        store.redo();
        return;
      }
      if (mod && (key === 'd' || key === 'D')) {
        e.preventDefault();
        if (!cards.length) return;
        const ids = store.run((d) => duplicateTouchpoints(d, cards), { label: t('common.duplicate') });
        if (ids.length) view.set({ selection: { kind: 'touchpoint', ids } });
        return;
      }
      if (mod) return; // leave copy/paste/select-all and browser shortcuts alone
      if (key === 'Delete' || key === 'Backspace') {
        if (cards.length) {
          e.preventDefault();
          const n = store.run((d) => deleteTouchpoints(d, cards), { label: t('common.delete') });
          view.set({ selection: null, editingTouchpointId: null });
          if (n) undoToast(t('map.deletedCards', { count: n }));
        } else if (sel?.kind === 'stage' && sel.ids[0]) {
          e.preventDefault();
          const stage = stageById(doc, sel.ids[0]);
          const count = doc.touchpoints.filter((tp) => tp.stageId === sel.ids[0]).length;
          if (stage && store.run((d) => deleteStage(d, stage.id), { label: t('common.delete') })) {
            view.set({ selection: null });
            undoToast(t('map.deletedStage', { name: stage.name, count }));
          }
        } else if (sel?.kind === 'lane' && sel.ids[0]) {
          e.preventDefault();
          const lane = laneById(doc, sel.ids[0]);
          const count = doc.touchpoints.filter((tp) => tp.laneId === sel.ids[0]).length;
          if (lane && store.run((d) => deleteLane(d, lane.id), { label: t('common.delete') })) {
            view.set({ selection: null });
            undoToast(t('map.deletedLane', { name: lane.name, count }));
          }
        }
        return;
      }
      if (ARROWS.includes(key)) {
        const layout = layoutFor(doc);
        const firstCard = cards[0] ? touchpointById(doc, cards[0]) : undefined;
        const from = firstCard ? { stageId: firstCard.stageId, laneId: firstCard.laneId } : state.activeCell;
        const start = from ?? (layout.stages[0] && layout.lanes[0] ? { stageId: layout.stages[0].id, laneId: layout.lanes[0].id } : null);
        if (!start) return;
        e.preventDefault();
        const cellCards = (s: string, l: string) => cellContents(store.getDoc(), s, l);
        if (e.altKey && cards.length) {
          const target = neighbourCell(layout, start, key as ArrowKey);
          if (target.stageId === start.stageId && target.laneId === start.laneId) return;
          store.apply((d) => void moveTouchpoints(d, cards, { ...target, index: cellCards(target.stageId, target.laneId).length }), {
            label: t('map.movedCards', { count: cards.length }),
          });
          view.set({ activeCell: target });
          if (cards[0]) focusCard(cards[0]);
          return;
        }
        if (!from) {
          const here = cellCards(start.stageId, start.laneId);
          view.set({ activeCell: start, selection: here[0] ? { kind: 'touchpoint', ids: [here[0]] } : null });
          if (here[0]) focusCard(here[0]);
          return;
        }
        const next = navigate(layout, cellCards, start, firstCard?.id ?? null, key as ArrowKey);
        view.set({ activeCell: next.cell, selection: next.card ? { kind: 'touchpoint', ids: [next.card] } : null });
        if (next.card) focusCard(next.card);
        return;
      }
      if (key === 'Enter' || key === 'n' || key === 'N') {
        if (key === 'Enter' && cards.length === 1 && cards[0]) {
          e.preventDefault();
          view.set({ editingTouchpointId: cards[0] });
          return;
        }
        const cell = state.activeCell;
        if (cell && (key !== 'Enter' || cellContents(doc, cell.stageId, cell.laneId).length === 0)) {
          e.preventDefault();
          const id = store.run((d) => addTouchpoint(d, { ...cell, title: '' }), { label: t('map.addCard') });
          if (id) view.set({ selection: { kind: 'touchpoint', ids: [id] }, editingTouchpointId: id });
        }
        return;
      }
      if (key === 'Escape') {
        view.set({ selection: null, editingTouchpointId: null });
        return;
      }
      if (key === '?') {
        e.preventDefault();
        view.set({ shortcutsOpen: true });
        return;
      }
      if (key === '+' || key === '=') void flow.zoomIn();
      else if (key === '-' || key === '_') void flow.zoomOut();
      else if (key === '!' && e.shiftKey) void flow.fitView({ padding: 0.04 });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, view, t, toast, flow]);
}
