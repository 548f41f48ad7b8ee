/**
 * The dot vote of the open map, for the Votes panel and the canvas cards.
 *
 * <VotingProvider> (inside the map editor) fetches the vote state, fetches it again on every live
 * `votes` event (or every few seconds when there is no live channel), and keeps this browser's
 * ballot: the customer group it speaks for and its dots, changed optimistically and sent to the
 * server one ballot at a time (the server replaces the whole ballot each time).
 *
 * Cards read it through `useVoteSelector` (an external store with primitive snapshots), so a
 * thousand cards re-render only when what they show changes, and not at all while no vote is open.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { changeDots, dotsUsed, votableTargets } from '../../domain/dot-voting';
import type { CustomerGroup } from '../../domain/schema';
import { newId } from '../../domain/ids';
import type { MapRole } from '../../api/maps';
import { useVoteState, voteKeys, votesApi, type VoteSessionView } from '../../api/votes';
import { LiveContext, canComment } from '../../live/live-context';
import { useViewStore } from '../../canvas/view-state';
import { getDisplayName, onDisplayNameChange, setDisplayName } from '../../live/identity';
import { useMapSelector, useMapStore } from '../../store/use-map-store';

const VOTER_ID_KEY = 'mot-canvas:voter-id';
const GROUP_KEY = 'mot-canvas:voter-group';

function stored(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}
function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // private mode: kept in memory only
  }
}

/** One id per browser (kept across reloads): ballots are found by it. Never shown to others. */
function voterId(): string {
  const known = stored(VOTER_ID_KEY);
  if (known && /^[A-Za-z0-9_-]{8,64}$/.test(known)) return known;
  const id = `v-${newId()}`;
  store(VOTER_ID_KEY, id);
  return id;
}

export interface VoteSnapshot {
  /** The open or revealed vote, or null. */
  session: VoteSessionView | null;
  /** This browser's dots in the current vote (optimistic). */
  myDots: Readonly<Record<string, number>>;
  used: number;
  budget: number;
  group: CustomerGroup | null;
  /** May place dots now: comment role and up, the vote is open, a group is chosen. */
  canVote: boolean;
  /** May vote at all in this vote (role and open status), whether or not a group is chosen. */
  mayVote: boolean;
  role: MapRole;
  error: string | null;
}

const EMPTY: VoteSnapshot = {
  session: null,
  myDots: {},
  used: 0,
  budget: 0,
  group: null,
  canVote: false,
  mayVote: false,
  role: 'view',
  error: null,
};

export class VoteStore {
  private snapshot: VoteSnapshot = EMPTY;
  private readonly listeners = new Set<() => void>();
  /** Set by the provider: change my dots on a target by one. */
  changeDot: (targetId: string, delta: 1 | -1) => void = () => {};
  /** Set by the provider: ask the user to pick a group (opens the Votes panel). */
  askForGroup: () => void = () => {};

  get = (): VoteSnapshot => this.snapshot;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  set(next: VoteSnapshot): void {
    if (next === this.snapshot) return;
    this.snapshot = next;
    for (const l of [...this.listeners]) l();
  }
}

const VoteStoreContext = createContext<VoteStore | null>(null);
const VoteActionsContext = createContext<VoteActions | null>(null);

/** What only the panel needs (not the cards). */
export interface VoteActions {
  participantId: string;
  past: VoteSessionView[];
  loading: boolean;
  loadError: string | null;
  setGroup: (group: CustomerGroup) => void;
  name: string;
  setName: (name: string) => void;
  /** Fetch the state again now. */
  refresh: () => void;
}

/** A primitive (or otherwise stable) part of the vote state; null outside a provider. */
export function useVoteSelector<T>(selector: (s: VoteSnapshot) => T): T {
  const store = useContext(VoteStoreContext);
  const get = useCallback(() => selector(store ? store.get() : EMPTY), [store, selector]);
  return useSyncExternalStore(store ? store.subscribe : noopSubscribe, get, get);
}
const noopSubscribe = () => () => {};

export function useVoteStore(): VoteStore | null {
  return useContext(VoteStoreContext);
}

export function useVoteActions(): VoteActions {
  const actions = useContext(VoteActionsContext);
  if (!actions) throw new Error('useVoteActions() needs a <VotingProvider>');
  return actions;
}

/** `role`: the role the map was opened with (the live channel's, when there is one, wins). */
export function VotingProvider({ role: fallbackRole, children }: { role: MapRole; children: ReactNode }) {
  const mapStore = useMapStore();
  const view = useViewStore();
  const mapId = mapStore.getDoc().id;
  const live = useContext(LiveContext);
  const role = live?.role ?? fallbackRole;
  const [participantId] = useState(voterId);
  const qc = useQueryClient();
  const query = useVoteState(mapId, participantId);
  const [voteStore] = useState(() => new VoteStore());
  // The same display name as the live channel's (src/live/identity), editable from the panel.
  const [name, setNameState] = useState(getDisplayName);
  useEffect(() => onDisplayNameChange((clean) => setNameState((current) => (current.trim() === clean ? current : clean))), []);
  const displayName = (name || live?.me.name || '').trim();

  // Live: fetch again on every votes event; without a live channel, poll.
  const refresh = useCallback(() => void qc.invalidateQueries({ queryKey: voteKeys.map(mapId, participantId) }), [qc, mapId, participantId]);
  useEffect(() => {
    if (!live) {
      const timer = setInterval(refresh, 4000);
      return () => clearInterval(timer);
    }
    const offVotes = live.on('votes', refresh);
    // A reconnected stream may have missed votes events.
    const offHello = live.on('hello', refresh);
    return () => {
      offVotes();
      offHello();
    };
  }, [live, refresh]);

  // Results are weighted with the map's current group weights: fetch again when they change.
  const weightsKey = useMapSelector((d) => `${d.settings.groupWeights.love}|${d.settings.groupWeights.like}|${d.settings.groupWeights.dislike}`);
  const firstWeights = useRef(weightsKey);
  useEffect(() => {
    if (firstWeights.current === weightsKey) return;
    firstWeights.current = weightsKey;
    refresh();
  }, [weightsKey, refresh]);

  const session = query.data?.current ?? null;
  const sessionId = session?.id ?? null;

  // My ballot: local while changes are on their way, else the server's.
  const [local, setLocal] = useState<{ sessionId: string; dots: Record<string, number>; group: CustomerGroup | null } | null>(null);
  const [groupChoice, setGroupChoice] = useState<CustomerGroup | null>(() => (stored(GROUP_KEY) as CustomerGroup | null) ?? null);
  const [error, setError] = useState<string | null>(null);
  const pending = useRef(0);
  const chain = useRef<Promise<unknown>>(Promise.resolve());

  const serverDots = session?.myBallot?.dots ?? {};
  const mine = local && local.sessionId === sessionId ? local : null;
  const myDots = mine ? mine.dots : serverDots;
  const group: CustomerGroup | null = mine?.group ?? session?.myBallot?.group ?? (groupChoice && ['love', 'like', 'dislike'].includes(groupChoice) ? groupChoice : null);

  // Drop the local copy once the server has everything (no request on its way).
  useEffect(() => {
    if (local && (local.sessionId !== sessionId || (pending.current === 0 && !query.isFetching))) setLocal(null);
  }, [local, sessionId, query.isFetching]);

  const send = useCallback(
    (next: { sessionId: string; dots: Record<string, number>; group: CustomerGroup }) => {
      pending.current++;
      setError(null);
      chain.current = chain.current
        .then(() => votesApi.ballot(mapId, next.sessionId, { participantId, name: displayName, group: next.group, dots: next.dots }))
        .then(
          (view) => {
            qc.setQueryData(voteKeys.map(mapId, participantId), (old: { current: VoteSessionView | null; past: VoteSessionView[] } | undefined) =>
              old && old.current?.id === view.id ? { ...old, current: view } : old,
            );
          },
          (e: unknown) => {
            setError(e instanceof Error ? e.message : String(e));
            setLocal(null);
            refresh();
          },
        )
        .finally(() => {
          pending.current--;
          if (pending.current === 0) setLocal((l) => (l ? { ...l } : l)); // re-check the effect above
        });
    },
    [mapId, participantId, displayName, qc, refresh],
  );

  const mayVote = session?.status === 'open' && canComment(role);
  const canVote = mayVote && group !== null;
  const budget = session?.dotsPerPerson ?? 0;

  const changeDot = useCallback(
    (targetId: string, delta: 1 | -1) => {
      if (!session || !canVote || !group) return;
      // Dots on something deleted since are dropped (the server accepts only targets that exist).
      const exists = new Set(votableTargets(mapStore.getDoc(), session.targetKind));
      const kept = Object.fromEntries(Object.entries(myDots).filter(([id]) => exists.has(id)));
      const next = changeDots(kept, targetId, delta, session.dotsPerPerson);
      if (!next) return;
      setLocal({ sessionId: session.id, dots: next, group });
      send({ sessionId: session.id, dots: next, group });
    },
    [session, canVote, group, myDots, send, mapStore],
  );

  const setGroup = useCallback(
    (g: CustomerGroup) => {
      setGroupChoice(g);
      store(GROUP_KEY, g);
      if (session && mayVote && (session.myBallot || dotsUsed(myDots) > 0)) {
        const exists = new Set(votableTargets(mapStore.getDoc(), session.targetKind));
        const kept = Object.fromEntries(Object.entries(myDots).filter(([id]) => exists.has(id)));
        setLocal({ sessionId: session.id, dots: kept, group: g });
        send({ sessionId: session.id, dots: kept, group: g });
      }
    },
    [session, mayVote, myDots, send, mapStore],
  );

  const setName = useCallback((n: string) => {
    setNameState(n);
    setDisplayName(n);
  }, []);

  const used = dotsUsed(myDots);
  const snapshot = useMemo<VoteSnapshot>(
    () => ({ session, myDots, used, budget, group, canVote, mayVote, role, error }),
    [session, myDots, used, budget, group, canVote, mayVote, role, error],
  );
  useEffect(() => {
    voteStore.changeDot = changeDot;
    voteStore.askForGroup = () => view.set({ panel: 'votes' });
    voteStore.set(snapshot);
  }, [voteStore, snapshot, changeDot, view]);

  const actions = useMemo<VoteActions>(
    () => ({
      participantId,
      past: query.data?.past ?? [],
      loading: query.isLoading,
      loadError: query.error ? query.error.message : null,
      setGroup,
      name,
      setName,
      refresh,
    }),
    [participantId, query.data?.past, query.isLoading, query.error, setGroup, name, setName, refresh],
  );

  return (
    <VoteStoreContext.Provider value={voteStore}>
      <VoteActionsContext.Provider value={actions}>{children}</VoteActionsContext.Provider>
    </VoteStoreContext.Provider>
  );
}

