/**
 * The open map's live session for the React tree: provides the `LiveChannel` (useLive()) and the
 * co-editing status (useLiveStatus()), and wires the session to the window (online/offline,
 * beforeunload warning while edits are unconfirmed, page hide), to the view's selection and to
 * the pointer over the canvas (presence). Must sit inside the ReactFlowProvider.
 *
 *   <LiveProvider mapId={id} role={initial.role} version={initial.version} store={store} view={view}>
 *     …editor…
 *   </LiveProvider>
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { useReactFlow } from '@xyflow/react';
import type { MapRole } from '../api/maps';
import { mapKeys } from '../api/keys';
import type { ViewStore } from '../canvas/view-state';
import { useToast } from '../panels/Toast';
import type { MapStore } from '../store/map-store';
import { sharedIdbPendingStorage } from '../sync/pending-storage';
import { LiveContext } from './live-context';
import { LiveSession } from './live-session';
import { valueAt, type LiveSyncStatus, type LostNotice } from './live-sync';
import { describeLost } from './lost-text';

const SessionContext = createContext<LiveSession | null>(null);

interface Props {
  mapId: string;
  role: MapRole;
  version: number;
  store: MapStore;
  view: ViewStore;
  children?: ReactNode;
}

export function LiveProvider({ mapId, role, version, store, view, children }: Props) {
  const { t } = useTranslation();
  const toast = useToast();
  const qc = useQueryClient();
  const flow = useReactFlow();
  // Callbacks read the latest translation and toast through this ref-like holder.
  const [handlers] = useState(() => ({
    lost: (_n: LostNotice) => {},
    rejected: (_m: string) => {},
  }));
  const [session] = useState(
    () =>
      new LiveSession({
        mapId,
        role,
        version,
        store,
        storage: sharedIdbPendingStorage(),
        onLost: (n) => handlers.lost(n),
        onRejected: (m) => handlers.rejected(m),
      }),
  );

  useEffect(() => {
    handlers.lost = (notice) => {
      const canUseMine = notice.paths.some((p) => valueAt(notice.mine, p) !== undefined);
      toast.show({
        message: describeLost(notice, t),
        durationMs: 10_000,
        ...(canUseMine ? { action: { label: t('live.lost.useMine'), onClick: () => session.useMine(notice, t('live.lost.useMine')) } } : {}),
      });
    };
    handlers.rejected = (message) => toast.show({ message: t('live.rejected', { message }), tone: 'error' });
  });

  useEffect(() => {
    session.connect();
    const onOnline = () => session.setOnline(true);
    const onOffline = () => session.setOnline(false);
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      const sync = session.sync;
      if (!sync) return;
      void sync.flush();
      if (sync.hasUnconfirmedChanges()) {
        e.preventDefault();
        e.returnValue = ''; // older browsers
      }
    };
    const onPageHide = () => {
      void session.sync?.flush();
      session.leave();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') void session.sync?.flush();
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
      session.disconnect();
      // The next open of this map loads it fresh (unconfirmed edits wait in IndexedDB).
      qc.removeQueries({ queryKey: mapKeys.detail(mapId) });
      void qc.invalidateQueries({ queryKey: mapKeys.lists() });
    };
  }, [session, qc, mapId]);

  // Presence: the selection…
  useEffect(() => {
    const push = () => session.setSelection(view.getState().selection?.ids ?? []);
    push();
    let last = view.getState().selection;
    return view.subscribe(() => {
      const sel = view.getState().selection;
      if (sel === last) return;
      last = sel;
      push();
    });
  }, [session, view]);

  // …and the pointer over the canvas, in flow coordinates.
  useEffect(() => {
    let inside = false;
    const onMove = (e: PointerEvent) => {
      const target = e.target instanceof Element ? e.target : null;
      const pane = target?.closest('.react-flow');
      if (pane) {
        inside = true;
        session.setCursor(flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }, { snapToGrid: false }));
      } else if (inside) {
        inside = false;
        session.setCursor(null);
      }
    };
    const onLeave = () => {
      if (!inside) return;
      inside = false;
      session.setCursor(null);
    };
    document.addEventListener('pointermove', onMove, { passive: true });
    document.documentElement.addEventListener('pointerleave', onLeave);
    window.addEventListener('blur', onLeave);
    return () => {
      document.removeEventListener('pointermove', onMove);
      document.documentElement.removeEventListener('pointerleave', onLeave);
      window.removeEventListener('blur', onLeave);
    };
  }, [session, flow]);

  return (
    <LiveContext.Provider value={session}>
      <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
    </LiveContext.Provider>
  );
}

const CONNECTING: LiveSyncStatus = { kind: 'connecting' };
const noop = () => () => {};

/** This tab's co-editing status (saving / saved / offline …), re-rendering when it changes. */
export function useLiveStatus(): { status: LiveSyncStatus; retryNow: () => void } {
  const session = useContext(SessionContext);
  const status = useSyncExternalStore(session ? session.subscribeStatus : noop, session ? session.getStatus : () => CONNECTING, () => CONNECTING);
  return { status, retryNow: () => session?.retryNow() };
}
