/**
 * React wiring of `MapSync` (autosave) to the open map's `MapStore`:
 *
 *   const sync = useMapSync(store, initial.version);
 *   <SaveStatus status={sync.status} onRetry={sync.retryNow} />
 *   {sync.status.kind === 'conflict' ? <ConflictDialog conflicts={sync.status.conflicts} onResolve={sync.resolve} /> : null}
 *
 * The hook owns the window wiring: `online`/`offline` → `setOnline`, `beforeunload` → a
 * "leave site?" warning while edits are unsent, `pagehide` / `visibilitychange` (hidden) →
 * `flush()` so the pending edits are in IndexedDB before the page may be killed.
 * One `MapSync` per store: the `version` argument is read when the store first mounts only
 * (later versions come from the saves themselves).
 */
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { mapsApi } from '../api/maps';
import type { MapStore } from '../store/map-store';
import type { ConflictChoices } from './merge';
import { MapSync, type SyncApi, type SyncStatus, type VersionedDoc } from './map-sync';
import { sharedIdbPendingStorage, type PendingStorage } from './pending-storage';

export interface UseMapSyncOptions {
  /** Defaults to the map API (`mapsApi.save` / `mapsApi.get`). */
  api?: SyncApi;
  /** Defaults to the app's IndexedDB storage. */
  storage?: PendingStorage;
  debounceMs?: number;
  /** After every acknowledged save, e.g. `qc.setQueryData(mapKeys.detail(id), result)`. */
  onSaved?: (result: VersionedDoc) => void;
}

export interface MapSyncHandle {
  status: SyncStatus;
  /** Decide the conflicts (keys from `conflictKey`) and save; false if a choice is missing. */
  resolve: (choices: ConflictChoices) => boolean;
  /** Send now instead of waiting for the next retry. */
  retryNow: () => void;
  /** The engine (null before the first effect ran). */
  sync: MapSync | null;
}

const SAVED: SyncStatus = { kind: 'saved' };
const noopUnsubscribe = () => {};

/** The status of a `MapSync` (or `saved` for null), re-rendering when it changes. */
export function useSaveStatus(sync: MapSync | null): SyncStatus {
  const subscribe = useCallback((cb: () => void) => (sync ? sync.subscribe(cb) : noopUnsubscribe), [sync]);
  const get = useCallback(() => (sync ? sync.getStatus() : SAVED), [sync]);
  return useSyncExternalStore(subscribe, get, get);
}

/** Autosave for `store` (whose document is the server's `version`). */
export function useMapSync(store: MapStore, version: number, options: UseMapSyncOptions = {}): MapSyncHandle {
  const [sync, setSync] = useState<MapSync | null>(null);
  const latest = useRef({ version, options });
  useEffect(() => {
    latest.current = { version, options };
  });

  useEffect(() => {
    const { version: initialVersion, options: o } = latest.current;
    const s = new MapSync({
      store,
      mapId: store.getDoc().id,
      version: initialVersion,
      api: o.api ?? { save: mapsApi.save, get: mapsApi.get },
      storage: o.storage ?? sharedIdbPendingStorage(),
      ...(o.debounceMs !== undefined ? { debounceMs: o.debounceMs } : {}),
      onSaved: (result) => latest.current.options.onSaved?.(result),
    });
    setSync(s);
    void s.start();
    if (typeof navigator !== 'undefined' && navigator.onLine === false) s.setOnline(false);

    const onOnline = () => s.setOnline(true);
    const onOffline = () => s.setOnline(false);
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      void s.flush();
      if (s.hasUnsentChanges()) {
        e.preventDefault();
        // Legacy browsers show the prompt only when returnValue is set.
        e.returnValue = '';
      }
    };
    const onPageHide = () => void s.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void s.flush();
    };
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('pagehide', onPageHide);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisibility);
      s.dispose();
      setSync((current) => (current === s ? null : current));
    };
  }, [store]);

  const status = useSaveStatus(sync);
  const resolve = useCallback((choices: ConflictChoices) => sync?.resolve(choices) ?? false, [sync]);
  const retryNow = useCallback(() => sync?.retryNow(), [sync]);
  return { status, resolve, retryNow, sync };
}
