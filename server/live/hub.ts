/**
 * Fan-out of live events to the event streams open on this process. `publish` is how every
 * route announces a change; with several instances on one PostgreSQL the hub is connected to the
 * database's LISTEN/NOTIFY (see pg-relay.ts) so an event published on one instance reaches the
 * streams of all.
 */
import type { LiveEvent, LiveListener } from './events';

export interface LiveHub {
  publish(mapId: string, event: LiveEvent): void;
  subscribe(mapId: string, listener: LiveListener): () => void;
  /** How many streams are open on this process for a map. */
  listeners(mapId: string): number;
  /** Every event delivered on this process, for any map (presence keeps its roster with this). */
  tap(listener: (mapId: string, event: LiveEvent) => void): void;
}

/** Delivery to this process's subscribers only. */
export class LocalHub implements LiveHub {
  private readonly byMap = new Map<string, Set<LiveListener>>();
  /** Where published events go before delivery (a relay may route them through the database). */
  private relay: ((mapId: string, event: LiveEvent) => void) | null = null;
  private readonly taps: Array<(mapId: string, event: LiveEvent) => void> = [];

  tap(listener: (mapId: string, event: LiveEvent) => void): void {
    this.taps.push(listener);
  }

  setRelay(relay: ((mapId: string, event: LiveEvent) => void) | null): void {
    this.relay = relay;
  }

  publish(mapId: string, event: LiveEvent): void {
    if (this.relay) this.relay(mapId, event);
    else this.deliver(mapId, event);
  }

  /** Hand an event to this process's streams (the relay calls this for events from any instance). */
  deliver(mapId: string, event: LiveEvent): void {
    for (const t of this.taps) t(mapId, event);
    const set = this.byMap.get(mapId);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        listener(event);
      } catch (e) {
        console.error('live listener failed:', e);
      }
    }
  }

  subscribe(mapId: string, listener: LiveListener): () => void {
    let set = this.byMap.get(mapId);
    if (!set) {
      set = new Set();
      this.byMap.set(mapId, set);
    }
    set.add(listener);
    return () => {
      const s = this.byMap.get(mapId);
      if (!s) return;
      s.delete(listener);
      if (s.size === 0) this.byMap.delete(mapId);
    };
  }

  listeners(mapId: string): number {
    return this.byMap.get(mapId)?.size ?? 0;
  }

  /** Maps with at least one stream open on this process (the relay resyncs them after a reconnect). */
  activeMaps(): string[] {
    return [...this.byMap.keys()];
  }
}
