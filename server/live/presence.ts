/**
 * Who is on each map right now. Kept per process from the presence events the hub delivers (from
 * this instance or, through the relay, from others); entries not refreshed for PRESENCE_TTL_MS
 * are dropped.
 */
import type { LiveHub } from './hub';
import type { Participant } from './events';

export const PRESENCE_TTL_MS = 45_000;

export class PresenceRoster {
  private readonly byMap = new Map<string, Map<string, Participant>>();

  constructor(hub: LiveHub) {
    hub.tap((mapId, event) => {
      if (event.type === 'presence') this.put(mapId, event.participant);
      else if (event.type === 'left') this.byMap.get(mapId)?.delete(event.clientId);
      else if (event.type === 'deleted') this.byMap.delete(mapId);
    });
  }

  private put(mapId: string, p: Participant): void {
    let m = this.byMap.get(mapId);
    if (!m) {
      m = new Map();
      this.byMap.set(mapId, m);
    }
    m.set(p.clientId, p);
  }

  participants(mapId: string, now = Date.now()): Participant[] {
    const m = this.byMap.get(mapId);
    if (!m) return [];
    for (const [id, p] of m) if (now - Date.parse(p.seenAt) > PRESENCE_TTL_MS) m.delete(id);
    if (m.size === 0) this.byMap.delete(mapId);
    return [...m.values()];
  }
}
