/**
 * Editor view state that is not part of the document: what is selected, which persona curves
 * are visible, which side panel is open, the live "what-if" value while a curve point is dragged.
 * A tiny external store read with useSyncExternalStore so each component subscribes to its slice.
 */
import { createContext, createElement, useContext, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';

export type SelectionKind = 'touchpoint' | 'stage' | 'lane' | 'persona' | 'mot';
export interface Selection {
  kind: SelectionKind;
  ids: readonly string[];
}
export type PanelId = 'inspector' | 'emotion' | 'mots' | 'comments' | 'votes' | 'history';

export interface ViewState {
  selection: Selection | null;
  /** Personas whose curves are hidden (all visible by default). */
  hiddenPersonas: ReadonlySet<string>;
  /** Draw the dashed to-be curves. */
  showTargets: boolean;
  /** The side panel on show. */
  panel: PanelId;
  /** While a curve point is dragged: its persona, touchpoint and the value under the pointer. */
  draggingPoint: { personaId: string; touchpointId: string; value: number } | null;
  /** The card whose title is being edited inline. */
  editingTouchpointId: string | null;
  /** The keyboard cursor: the cell arrows move between (the selected card's cell, or an empty one). */
  activeCell: { stageId: string; laneId: string } | null;
  /** The shortcut sheet is open. */
  shortcutsOpen: boolean;
}

const initial: ViewState = {
  selection: null,
  hiddenPersonas: new Set(),
  showTargets: true,
  panel: 'inspector',
  draggingPoint: null,
  editingTouchpointId: null,
  activeCell: null,
  shortcutsOpen: false,
};

export class ViewStore {
  private state: ViewState;
  private listeners = new Set<() => void>();
  constructor(init: Partial<ViewState> = {}) {
    this.state = { ...initial, ...init };
  }
  getState = (): ViewState => this.state;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  set(patch: Partial<ViewState> | ((s: ViewState) => Partial<ViewState>)): void {
    const next = typeof patch === 'function' ? patch(this.state) : patch;
    this.state = { ...this.state, ...next };
    for (const l of this.listeners) l();
  }
  select(selection: Selection | null): void {
    this.set({ selection });
  }
  togglePersona(personaId: string): void {
    this.set((s) => {
      const hidden = new Set(s.hiddenPersonas);
      if (hidden.has(personaId)) hidden.delete(personaId);
      else hidden.add(personaId);
      return { hiddenPersonas: hidden };
    });
  }
}

const ViewStoreContext = createContext<ViewStore | null>(null);

export function ViewStoreProvider(props: { store: ViewStore; children?: ReactNode }): ReactNode {
  return createElement(ViewStoreContext.Provider, { value: props.store }, props.children);
}

export function useViewStore(): ViewStore {
  const store = useContext(ViewStoreContext);
  if (!store) throw new Error('useViewStore() must be used inside <ViewStoreProvider>');
  return store;
}

/** A slice of the view state; re-renders only when the slice changes (Object.is). */
export function useViewState<T>(selector: (s: ViewState) => T): T {
  const store = useViewStore();
  const selectorRef = useRef(selector);
  selectorRef.current = selector;
  const get = useMemo(() => () => selectorRef.current(store.getState()), [store]);
  return useSyncExternalStore(store.subscribe, get, get);
}

export function useIsSelected(kind: SelectionKind, id: string): boolean {
  return useViewState((s) => s.selection?.kind === kind && s.selection.ids.includes(id));
}
