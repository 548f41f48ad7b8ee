/**
 * Feeds a PresenceStore from the live channel (when there is one: outside a live map — tests,
 * exports, benchmarks — the store simply stays empty) and hands it to the canvas and the header.
 */
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { LiveContext } from '../../live/live-context';
import type { Participant } from '../../live/live-events';
import { PresenceStore } from './presence-store';
import type { RemoteMark } from './presence-model';

const EMPTY_STORE = new PresenceStore();
const PresenceContext = createContext<PresenceStore>(EMPTY_STORE);

export function PresenceProvider({ children }: { children?: ReactNode }) {
  const live = useContext(LiveContext);
  const [store] = useState(() => new PresenceStore());
  useEffect(() => {
    if (!live) return;
    store.reset(live.clientId, live.participants());
    const offs = [
      live.on('roster', (e) => store.reset(live.clientId, e.participants)),
      live.on('presence', (e) => store.upsert(e.participant)),
      live.on('left', (e) => store.remove(e.clientId)),
    ];
    const resync = setInterval(() => syncFrom(store, live.clientId, live.participants()), 5_000);
    return () => {
      for (const off of offs) off();
      clearInterval(resync);
    };
  }, [live, store]);
  useEffect(() => () => store.dispose(), [store]);
  return <PresenceContext.Provider value={store}>{children}</PresenceContext.Provider>;
}

/**
 * Reconcile with the channel's own list (it drops people not heard from for a while, and knows my
 * own entry before the server echoes it): when the two disagree on who is here, take the channel's.
 */
function syncFrom(store: PresenceStore, selfId: string, people: readonly Participant[]): void {
  const mine = store
    .roster()
    .map((p) => p.clientId)
    .sort()
    .join(' ');
  const theirs = people
    .map((p) => p.clientId)
    .sort()
    .join(' ');
  if (mine !== theirs || store.clientId !== selfId) store.reset(selfId, people);
}

export function usePresenceStore(): PresenceStore {
  return useContext(PresenceContext);
}

/** Everyone on the map, me first; re-renders on join / leave / rename only. */
export function useRoster(): readonly Participant[] {
  const store = usePresenceStore();
  return useSyncExternalStore(store.subscribeRoster, store.roster, store.roster);
}

/** The other people who have this card / stage selected (stable while unchanged). */
export function useRemoteMarks(id: string): readonly RemoteMark[] {
  const store = usePresenceStore();
  const get = () => store.marksFor(id);
  return useSyncExternalStore(store.subscribeSelection, get, get);
}
