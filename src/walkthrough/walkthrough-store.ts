/**
 * State of walkthrough (presentation) mode for the open map, outside React so the toolbar button,
 * the keyboard shortcut, the overlay, the follow banner and the live wiring share it.
 *
 * - 'present': this tab drives (and, with the edit role, tells the others each stage it shows);
 * - 'follow': this tab follows someone else's presentation; moving on one's own "detaches" (the
 *   presenter's moves are no longer applied) until "Back to the presenter".
 * The current stage is kept by id, so a stage reordered or renamed meanwhile stays on show.
 */
import type { MapRole } from '../api/maps';
import { canEdit } from '../live/live-context';
import { createContext, createElement, useContext, useMemo, useRef, useSyncExternalStore, type ReactNode } from 'react';

export type WalkthroughMode = 'present' | 'follow';

export interface RemotePresenter {
  clientId: string;
  name: string;
  stageId: string;
}

export interface WalkthroughState {
  open: boolean;
  mode: WalkthroughMode;
  stageId: string | null;
  /** Someone else's running presentation (from live 'walkthrough' events), or null. */
  remote: RemotePresenter | null;
  /** Following, but looking at another stage than the presenter's. */
  detached: boolean;
  /** Presenting: the others on the map may follow (edit role and up); false: only on this screen. */
  broadcast: boolean;
}

const initial: WalkthroughState = { open: false, mode: 'present', stageId: null, remote: null, detached: false, broadcast: true };

export class WalkthroughStore {
  private state: WalkthroughState = initial;
  private listeners = new Set<() => void>();

  getState = (): WalkthroughState => this.state;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  private set(patch: Partial<WalkthroughState>): void {
    const next = { ...this.state, ...patch };
    if ((Object.keys(patch) as (keyof WalkthroughState)[]).every((k) => Object.is(next[k], this.state[k]))) return;
    this.state = next;
    for (const l of this.listeners) l();
  }

  /** Start presenting at a stage. */
  present(stageId: string | null): void {
    this.set({ open: true, mode: 'present', stageId, detached: false });
  }
  /** Follow the remote presenter (no-op when nobody presents). */
  follow(): void {
    const r = this.state.remote;
    if (!r) return;
    this.set({ open: true, mode: 'follow', stageId: r.stageId, detached: false });
  }
  /** Show a stage (keys, dots): a follower who moves away from the presenter's stage detaches. */
  go(stageId: string): void {
    const s = this.state;
    if (s.mode === 'follow' && s.remote) this.set({ stageId, detached: stageId !== s.remote.stageId });
    else this.set({ stageId });
  }
  /** Back to the presenter's stage. */
  rejoin(): void {
    const r = this.state.remote;
    if (this.state.mode === 'follow' && r) this.set({ stageId: r.stageId, detached: false });
  }
  setBroadcast(broadcast: boolean): void {
    this.set({ broadcast });
  }
  /** Leave the walkthrough (a follower stops following; it goes on for the others). */
  exit(): void {
    this.set({ open: false, detached: false });
  }
  /**
   * A presenter's move arrived (null presenter: the presentation ended). Events from this tab
   * itself are to be filtered out by the caller.
   */
  remoteMoved(presenter: { clientId: string; name: string } | null, stageId: string | null): void {
    const s = this.state;
    if (!presenter || stageId === null) {
      // Only the current presenter can end it (a stale "end" from someone else is ignored).
      if (s.remote && presenter && presenter.clientId !== s.remote.clientId) return;
      const following = s.open && s.mode === 'follow';
      this.set({ remote: null, ...(following ? { open: false, detached: false } : {}) });
      return;
    }
    const remote: RemotePresenter = { clientId: presenter.clientId, name: presenter.name, stageId };
    const following = s.open && s.mode === 'follow';
    this.set({ remote, ...(following && !s.detached ? { stageId } : {}) });
  }
  /** The presenter left the map (tab closed) without ending. */
  presenterLeft(clientId: string): void {
    if (this.state.remote?.clientId === clientId) this.remoteMoved(null, null);
  }
}

/** The stage this tab tells the others it shows (presenting, sharing, edit role and up), or null. */
export function broadcastStage(s: WalkthroughState, role: MapRole | null): string | null {
  if (!role || !canEdit(role)) return null;
  return s.open && s.mode === 'present' && s.broadcast ? s.stageId : null;
}

const WalkthroughContext = createContext<WalkthroughStore | null>(null);

export function WalkthroughStoreProvider(props: { store: WalkthroughStore; children?: ReactNode }): ReactNode {
  return createElement(WalkthroughContext.Provider, { value: props.store }, props.children);
}

export function useWalkthroughStore(): WalkthroughStore {
  const store = useContext(WalkthroughContext);
  if (!store) throw new Error('useWalkthroughStore() needs <WalkthroughProvider> (the map editor mounts it)');
  return store;
}

/** A slice of the walkthrough state; re-renders only when it changes (Object.is). */
export function useWalkthrough<T>(selector: (s: WalkthroughState) => T): T {
  const store = useWalkthroughStore();
  const ref = useRef(selector);
  ref.current = selector;
  const get = useMemo(() => () => ref.current(store.getState()), [store]);
  return useSyncExternalStore(store.subscribe, get, get);
}
