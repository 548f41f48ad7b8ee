/**
 * Walkthrough mode for the open map: the shared state, the "P" shortcut, the full-screen slides,
 * the "… is presenting — Follow" banner, and the live wiring:
 *
 * - presenting with the edit role (or owner): every stage change is POSTed to
 *   /api/maps/:id/walkthrough {clientId, name, stageId}, stageId null on exit; the current stage is
 *   announced again when someone joins, so late-comers can follow too;
 * - everyone else gets the 'walkthrough' events: a banner offers to follow; following opens the
 *   slides at the presenter's stage and moves with it; Esc stops following (only here).
 *
 * Works without a live channel too (then it is a local presentation only).
 */
import { useContext, useEffect, useState, type ReactNode } from 'react';
import { z } from 'zod';
import { requestJson } from '../api/http';
import { LiveContext, type LiveChannel } from '../live/live-context';
import { isTextField } from '../canvas/use-editor-keyboard';
import { useMapStore } from '../store/use-map-store';
import { useViewStore } from '../canvas/view-state';
import { startStageId } from './stage-slice';
import { broadcastStage, WalkthroughStore, WalkthroughStoreProvider } from './walkthrough-store';
import { WalkthroughView } from './WalkthroughView';
import { FollowBanner } from './FollowBanner';

export function WalkthroughProvider({ children }: { children?: ReactNode }) {
  const [store] = useState(() => new WalkthroughStore());
  const live = useContext(LiveContext);
  useFollowEvents(store, live);
  usePresenterBroadcast(store, live);
  useStartShortcut(store);
  return (
    <WalkthroughStoreProvider store={store}>
      {children}
      <FollowBanner />
      <WalkthroughView />
    </WalkthroughStoreProvider>
  );
}

function useFollowEvents(store: WalkthroughStore, live: LiveChannel | null): void {
  useEffect(() => {
    if (!live) return;
    const offs = [
      live.on('walkthrough', (e) => {
        if (e.presenter?.clientId === live.clientId) return; // my own echo
        store.remoteMoved(e.presenter, e.stageId);
      }),
      live.on('left', (e) => store.presenterLeft(e.clientId)),
    ];
    return () => offs.forEach((off) => off());
  }, [store, live]);
}

const noBody = z.unknown();

function usePresenterBroadcast(store: WalkthroughStore, live: LiveChannel | null): void {
  const doc = useMapStore();
  useEffect(() => {
    if (!live) return;
    const mapId = live.mapId;
    let sent: string | null = null;
    let announceTimer: ReturnType<typeof setTimeout> | null = null;
    const post = (stageId: string | null, keepalive = false) => {
      void requestJson(`/api/maps/${encodeURIComponent(mapId)}/walkthrough`, noBody, {
        method: 'POST',
        json: { clientId: live.clientId, name: live.me.name, stageId },
        ...(keepalive ? { keepalive: true } : {}),
      }).catch(() => {
        // Best effort: the next stage change (or join) announces again.
      });
    };
    const check = () => {
      const next = broadcastStage(store.getState(), live.role);
      if (next === sent) return;
      sent = next;
      post(next);
    };
    /** Someone joined (or I reconnected): tell them where we are. */
    const announce = () => {
      if (sent === null || announceTimer !== null) return;
      announceTimer = setTimeout(() => {
        announceTimer = null;
        if (sent !== null) post(sent);
      }, 400);
    };
    const known = new Set(live.participants().map((p) => p.clientId));
    const offs = [
      store.subscribe(check),
      live.on('roster', (e) => {
        known.clear();
        for (const p of e.participants) known.add(p.clientId);
        announce();
      }),
      live.on('presence', (e) => {
        if (known.has(e.participant.clientId)) return;
        known.add(e.participant.clientId);
        announce();
      }),
      live.on('left', (e) => void known.delete(e.clientId)),
    ];
    const onPageHide = () => {
      if (sent !== null) post(null, true);
      sent = null;
    };
    window.addEventListener('pagehide', onPageHide);
    check();
    return () => {
      offs.forEach((off) => off());
      window.removeEventListener('pagehide', onPageHide);
      if (announceTimer !== null) clearTimeout(announceTimer);
      if (sent !== null) post(null, true); // leaving the editor ends the presentation
    };
  }, [store, live, doc]);
}

/** "P" starts the walkthrough at the selected stage (or the first). Ignored while typing and in dialogs. */
function useStartShortcut(store: WalkthroughStore): void {
  const doc = useMapStore();
  const view = useViewStore();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || isTextField(e.target)) return;
      if (e.key !== 'p' && e.key !== 'P') return;
      if ((e.target as HTMLElement | null)?.closest?.('dialog[open], [role="dialog"]')) return;
      if (store.getState().open) return;
      e.preventDefault();
      store.present(startStageId(doc.getDoc(), view.getState()));
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [store, doc, view]);
}
