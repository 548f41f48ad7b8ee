/**
 * The live channel of the open map, for any component: who I am, what I may do, and the server's
 * events. Provided by the editor (MapEditor); `useLive()` outside it throws.
 *
 *   const live = useLive();
 *   useEffect(() => live.on('votes', (e) => refetch(e.sessionId)), [live]);
 */
import { createContext, useContext } from 'react';
import type { MapRole } from '../api/maps';
import type { LiveEvent, Participant } from './live-events';

export type LiveEventOf<T extends LiveEvent['type']> = Extract<LiveEvent, { type: T }>;

export type LiveConnection = 'connecting' | 'live' | 'offline';

export interface LiveChannel {
  readonly mapId: string;
  /** This tab: random per tab, sent with operations and presence. */
  readonly clientId: string;
  /** What this browser may do with the map: from the share link, or 'owner' for workspace members. */
  readonly role: MapRole;
  /** This participant's display name (may be empty: then shown as "Guest") and colour. */
  readonly me: { name: string; color: string };
  /** Listen to one type of server event. Returns unsubscribe. */
  on<T extends LiveEvent['type']>(type: T, listener: (event: LiveEventOf<T>) => void): () => void;
  /** Everyone present right now (including me), kept up to date. */
  participants(): readonly Participant[];
  /** Change my display name (kept in this browser, sent to the others at once). */
  setName(name: string): void;
  /** Called whenever `me`, `role` or `participants()` changed. Returns unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export const LiveContext = createContext<LiveChannel | null>(null);

export function useLive(): LiveChannel {
  const live = useContext(LiveContext);
  if (!live) throw new Error('useLive() needs a LiveContext provider (the map editor provides one)');
  return live;
}

/** Role helpers: what a role may do. */
export const canEdit = (role: MapRole): boolean => role === 'edit' || role === 'owner';
export const canComment = (role: MapRole): boolean => role !== 'view';
export const isOwner = (role: MapRole): boolean => role === 'owner';
