/**
 * React bindings for `MapStore`. Components subscribe to a *slice* of the document:
 *
 *   const card = useMapSelector((doc) => touchpointById(doc, id));
 *   const ids  = useMapSelector((doc) => cellContents(doc, stageId, laneId));
 *   const { canUndo, undoLabel } = useHistoryState();
 *
 * A component re-renders only when its selected value changes (by `Object.is`, or the
 * `isEqual` you pass, e.g. `shallowEqual` for selectors that build new arrays/objects).
 * Selectors may be inline arrow functions.
 */
import { createContext, createElement, useContext, useEffect, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';
import type { JourneyMap } from '../domain/schema';
import type { MapStore, MapStoreState } from './map-store';
import { shallowEqual } from './equal';

const MapStoreContext = createContext<MapStore | null>(null);

export function MapStoreProvider(props: { store: MapStore; children?: ReactNode }): ReactNode {
  return createElement(MapStoreContext.Provider, { value: props.store }, props.children);
}

/** The store of the nearest `MapStoreProvider` (for dispatching commands). */
export function useMapStore(): MapStore {
  const store = useContext(MapStoreContext);
  if (!store) throw new Error('useMapStore() must be used inside <MapStoreProvider>');
  return store;
}

export type EqualityFn<T> = (a: T, b: T) => boolean;

/**
 * The memoising snapshot getter behind `useSelector` (the algorithm of React's
 * `useSyncExternalStoreWithSelector`): the selector runs again only when the source changed,
 * and a result equal to the previous one is replaced by the previous one so React bails out.
 * `last` carries the last rendered value across re-created getters.
 */
export function createSelection<S, T>(
  getSource: () => S,
  selector: (source: S) => T,
  isEqual: EqualityFn<T>,
  last: { current: { value: T } | null },
): () => T {
  let memo: { source: S; value: T } | null = null;
  return () => {
    const source = getSource();
    if (memo && Object.is(memo.source, source)) return memo.value;
    const next = selector(source);
    const previous = memo ? { value: memo.value } : last.current;
    const value = previous && isEqual(previous.value, next) ? previous.value : next;
    memo = { source, value };
    return value;
  };
}

function useSelector<S, T>(store: MapStore, getSource: () => S, selector: (source: S) => T, isEqual: EqualityFn<T>): T {
  const last = useRef<{ value: T } | null>(null);
  const getSnapshot = useMemo(() => createSelection(getSource, selector, isEqual, last), [getSource, selector, isEqual]);
  const value = useSyncExternalStore(store.subscribe, getSnapshot, getSnapshot);
  useEffect(() => {
    last.current = { value };
  }, [value]);
  return value;
}

/** A slice of the document. */
export function useMapSelector<T>(selector: (doc: JourneyMap) => T, isEqual: EqualityFn<T> = Object.is): T {
  const store = useMapStore();
  return useSelector(store, store.getDoc, selector, isEqual);
}

/** A slice of the whole store state (document + history flags). */
export function useMapStoreState<T>(selector: (state: MapStoreState) => T, isEqual: EqualityFn<T> = Object.is): T {
  const store = useMapStore();
  return useSelector(store, store.getState, selector, isEqual);
}

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

const selectHistory = (s: MapStoreState): HistoryState => ({
  canUndo: s.canUndo,
  canRedo: s.canRedo,
  undoLabel: s.undoLabel,
  redoLabel: s.redoLabel,
});

/** Undo/redo availability for toolbars and menus; re-renders only when it changes. */
export function useHistoryState(): HistoryState {
  return useMapStoreState(selectHistory, shallowEqual);
}

const selectReadOnly = (s: MapStoreState): boolean => s.readOnly;

/** True when this browser may not change the map (view / comment share links). */
export function useReadOnly(): boolean {
  return useMapStoreState(selectReadOnly);
}
