/**
 * Peak / trough / end chips on a touchpoint card, one per visible persona whose curve has that
 * highlight here. Each card subscribes to a string key of its own roles, so it re-renders only when
 * those change (not on every drag step elsewhere on the curve).
 */
import { memo, useCallback, useMemo, useSyncExternalStore } from 'react';
import type { TFunction } from 'i18next';
import type { HighlightRole } from '../../domain/emotion';
import type { JourneyMap } from '../../domain/schema';
import { useMapSelector, useMapStore } from '../../store/use-map-store';
import type { MapStore } from '../../store/map-store';
import { useViewState, useViewStore, type ViewStore } from '../view-state';
import { ROLE_GLYPHS, usePersonas } from './EmotionLaneNode';
import { liveRolesKeys, rolesKey } from './live-curve';

export interface TouchpointRoles {
  personaId: string;
  personaName: string;
  color: string;
  /** In the order peak, trough, end; never empty. */
  roles: HighlightRole[];
}

const NONE: readonly TouchpointRoles[] = Object.freeze([]);

const NO_LIVE_KEYS: ReadonlyMap<string, string> = new Map();

/**
 * The cards' live role keys while a curve point is dragged, with one listener list per card: a drag
 * step notifies only the cards whose roles it changes (at most a handful), not every card on the map.
 */
class LiveRoles {
  private keys: ReadonlyMap<string, string> = NO_LIVE_KEYS;
  private readonly listeners = new Map<string, Set<() => void>>();
  private unsubscribe: (() => void) | null = null;
  private seen: object | null = null;

  constructor(
    private readonly view: ViewStore,
    private readonly store: MapStore,
  ) {}

  /** The live key of a card, or null when the drag does not change its roles (or nothing is dragged). */
  get(touchpointId: string): string | null {
    return this.keys.get(touchpointId) ?? null;
  }

  subscribe(touchpointId: string, listener: () => void): () => void {
    let set = this.listeners.get(touchpointId);
    if (!set) this.listeners.set(touchpointId, (set = new Set()));
    set.add(listener);
    if (!this.unsubscribe) {
      this.unsubscribe = this.view.subscribe(this.update);
      this.update();
    }
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(touchpointId);
      if (this.listeners.size === 0 && this.unsubscribe) {
        this.unsubscribe();
        this.unsubscribe = null;
        this.keys = NO_LIVE_KEYS;
        this.seen = null;
      }
    };
  }

  private readonly update = (): void => {
    const { draggingPoint, hiddenPersonas } = this.view.getState();
    if (!draggingPoint && this.keys === NO_LIVE_KEYS) return;
    // Recomputed when the drag step or the hidden personas change (liveRolesKeys caches per document).
    const next = draggingPoint ? liveRolesKeys(this.store.getDoc(), draggingPoint, hiddenPersonas) : NO_LIVE_KEYS;
    if (next === this.keys && this.seen === draggingPoint) return;
    const prev = this.keys;
    this.keys = next;
    this.seen = draggingPoint;
    const changed = new Set<string>();
    for (const [id, key] of prev) if (next.get(id) !== key) changed.add(id);
    for (const [id, key] of next) if (prev.get(id) !== key) changed.add(id);
    for (const id of changed) for (const l of [...(this.listeners.get(id) ?? [])]) l();
  };
}

const liveRolesByStores = new WeakMap<ViewStore, WeakMap<MapStore, LiveRoles>>();

function liveRolesFor(view: ViewStore, store: MapStore): LiveRoles {
  let byStore = liveRolesByStores.get(view);
  if (!byStore) liveRolesByStores.set(view, (byStore = new WeakMap()));
  let live = byStore.get(store);
  if (!live) byStore.set(store, (live = new LiveRoles(view, store)));
  return live;
}

function useLiveRolesKey(touchpointId: string): string | null {
  const channel = liveRolesFor(useViewStore(), useMapStore());
  const subscribe = useCallback((cb: () => void) => channel.subscribe(touchpointId, cb), [channel, touchpointId]);
  const get = useCallback(() => channel.get(touchpointId), [channel, touchpointId]);
  return useSyncExternalStore(subscribe, get, get);
}

/**
 * The highlight roles this touchpoint plays on the visible personas' curves, in persona order.
 * The same array while they are unchanged; empty when it is no one's peak, trough or end.
 * While a curve point is dragged they follow the value under the pointer (the document is written
 * at the drop).
 */
export function useTouchpointRoles(touchpointId: string): readonly TouchpointRoles[] {
  const hidden = useViewState((s) => s.hiddenPersonas);
  const selector = useCallback((doc: JourneyMap) => rolesKey(doc, touchpointId, hidden), [touchpointId, hidden]);
  const docKey = useMapSelector(selector);
  // Null (the stored key) unless a drag changes this card's roles: the other cards are not even notified.
  const liveKey = useLiveRolesKey(touchpointId);
  const key = liveKey ?? docKey;
  const personas = usePersonas();
  return useMemo(() => {
    if (!key) return NONE;
    const out: TouchpointRoles[] = [];
    for (const part of key.split(';')) {
      const [personaId = '', roles = ''] = part.split('=');
      const persona = personas.find((p) => p.id === personaId);
      if (!persona) continue;
      out.push({ personaId, personaName: persona.name, color: persona.color, roles: roles.split(',') as HighlightRole[] });
    }
    return out;
  }, [key, personas]);
}

/**
 * Small "▲ Peak" / "▼ Trough" / "⚑ End" chips in the persona colours; null when the card has none.
 * The card passes its roles (useTouchpointRoles, shared with its ring) and its `t`.
 */
export const HighlightBadges = memo(function HighlightBadges({ entries, t }: { entries: readonly TouchpointRoles[]; t: TFunction }) {
  if (entries.length === 0) return null;
  return (
    <ul className="flex flex-nowrap gap-1" data-testid="highlight-badges">
      {entries.flatMap((entry) =>
        entry.roles.map((role) => {
          const name = t(`emotion.roles.${role}`);
          const full = t('emotion.roleFor', { role: name, persona: entry.personaName });
          return (
            <li
              key={`${entry.personaId}:${role}`}
              className="inline-flex items-center gap-0.5 whitespace-nowrap rounded-full border px-1.5 text-[10px] font-semibold leading-4 text-slate-800"
              style={{ borderColor: entry.color, background: `linear-gradient(${entry.color}1f, ${entry.color}1f) #ffffff` }}
              title={full}
              data-testid="highlight-badge"
              data-persona-id={entry.personaId}
              data-role={role}
            >
              <span aria-hidden="true" style={{ color: entry.color }}>
                {ROLE_GLYPHS[role]}
              </span>
              <span aria-hidden="true">{name}</span>
              <span className="sr-only">{full}</span>
            </li>
          );
        }),
      )}
    </ul>
  );
});
