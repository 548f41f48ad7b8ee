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
  /** Pages that said goodbye (DELETE presence), per map: clientId → when. Kept for PRESENCE_TTL_MS. */
  private readonly gone = new Map<string, Map<string, number>>();

  constructor(hub: LiveHub) {
    hub.tap((mapId, event) => {
      if (event.type === 'presence') {
        if (!this.isGone(mapId, event.participant.clientId)) this.put(mapId, event.participant);
      } else if (event.type === 'left') {
        this.byMap.get(mapId)?.delete(event.clientId);
        if (event.final) this.markGone(mapId, event.clientId);
      } else if (event.type === 'deleted') {
        this.byMap.delete(mapId);
        this.gone.delete(mapId);
      }
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

  /** Did this page say goodbye (within PRESENCE_TTL_MS)? Its late announcements are ignored. */
  isGone(mapId: string, clientId: string, now = Date.now()): boolean {
    const m = this.gone.get(mapId);
    const at = m?.get(clientId);
    if (m === undefined || at === undefined) return false;
    if (now - at <= PRESENCE_TTL_MS) return true;
    m.delete(clientId);
    if (m.size === 0) this.gone.delete(mapId);
    return false;
  }

  private markGone(mapId: string, clientId: string, now = Date.now()): void {
    let m = this.gone.get(mapId);
    if (!m) {
      m = new Map();
      this.gone.set(mapId, m);
    }
    for (const [id, at] of m) if (now - at > PRESENCE_TTL_MS) m.delete(id);
    m.set(clientId, now);
  }

  participants(mapId: string, now = Date.now()): Participant[] {
    const m = this.byMap.get(mapId);
    if (!m) return [];
    for (const [id, p] of m) if (now - Date.parse(p.seenAt) > PRESENCE_TTL_MS) m.delete(id);
    if (m.size === 0) this.byMap.delete(mapId);
    return [...m.values()];
  }
}
