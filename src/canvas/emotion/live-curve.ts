/**
 * The live value of a curve point being dragged. While a point is dragged the document is not
 * written (it is written once, at the drop, as one undo step and one op for collaborators); the
 * view's `draggingPoint` carries the value under the pointer, and what shows the curve (the lane,
 * its peak/trough/end marks, the cards' badges, the peak–end panel) draws it from these helpers.
 * Pure functions, so the live figures can be checked against the document they will become.
 */
import { findHighlights, goldenIndex, HIGHLIGHT_ROLES, rolesOf, type CurvePoint, type Highlights } from '../../domain/emotion';
import type { JourneyMap } from '../../domain/schema';
import type { ViewState } from '../view-state';

/** The point being dragged and the value under the pointer (the view's `draggingPoint`). */
export type DraggingPoint = NonNullable<ViewState['draggingPoint']>;

/** A curve with the dragged point at the value under the pointer; the same array when nothing differs. */
export function liveCurve(curve: readonly CurvePoint[], drag: DraggingPoint | null): readonly CurvePoint[] {
  if (!drag) return curve;
  const i = curve.findIndex((p) => p.touchpointId === drag.touchpointId);
  const p = curve[i];
  if (!p || p.value === drag.value) return curve;
  const out = curve.slice();
  out[i] = { ...p, value: drag.value };
  return out;
}

/** One persona's part of the marks key: its peak, trough and end (and the value of the point before the end). */
export function highlightPart(personaId: string, curve: readonly CurvePoint[], h: Highlights | null): string {
  if (!h) return `${personaId}=`;
  const prev = curve[h.end.index - 1];
  return `${personaId}=${h.peak.touchpointId}:${h.peak.value},${h.trough.touchpointId}:${h.trough.value},${h.end.touchpointId}:${h.end.value},${prev ? prev.value : ''}`;
}

/** The marks key of every persona's curve ("personaId=peak,trough,end,beforeEnd;…"). */
export function highlightKey(doc: JourneyMap): string {
  return goldenIndex(doc)
    .personas.map((p) => highlightPart(p.personaId, p.curve, p.highlights))
    .join(';');
}

/** `highlightKey` with the dragged persona's curve at the live value (`dragCurve`: its stored curve). */
export function liveHighlightKey(docKey: string, dragCurve: readonly CurvePoint[], drag: DraggingPoint | null): string {
  if (!drag) return docKey;
  const live = liveCurve(dragCurve, drag);
  if (live === dragCurve) return docKey;
  const part = highlightPart(drag.personaId, live, findHighlights(live));
  const prefix = `${drag.personaId}=`;
  return docKey
    .split(';')
    .map((s) => (s.startsWith(prefix) ? part : s))
    .join(';');
}

/** "personaId=peak,end;personaId2=trough" for the visible personas with a role at this card ('' for none). */
export function rolesKey(doc: JourneyMap, touchpointId: string, hidden: ReadonlySet<string>): string {
  const parts: string[] = [];
  for (const entry of goldenIndex(doc).personas) {
    if (hidden.has(entry.personaId)) continue;
    const roles = rolesOf(touchpointId, entry.highlights);
    if (roles.length) parts.push(`${entry.personaId}=${roles.join(',')}`);
  }
  return parts.join(';');
}

let liveCache: { doc: JourneyMap; drag: DraggingPoint; hidden: ReadonlySet<string>; keys: ReadonlyMap<string, string> } | null = null;

/**
 * While a curve point is dragged: the cards whose `rolesKey` differs from the stored one, with the
 * dragged persona's curve at the value under the pointer (touchpoint id → live key). Only the
 * dragged persona's peak, trough and end can move, so at most six cards are in it; every other card
 * keeps its stored key (and does not re-render). Built once per drag step (O(curve)), then an O(1)
 * look-up per card.
 */
export function liveRolesKeys(doc: JourneyMap, drag: DraggingPoint, hidden: ReadonlySet<string>): ReadonlyMap<string, string> {
  if (liveCache && liveCache.doc === doc && liveCache.drag === drag && liveCache.hidden === hidden) return liveCache.keys;
  const keys = new Map<string, string>();
  const entry = goldenIndex(doc).personas.find((p) => p.personaId === drag.personaId);
  if (entry && !hidden.has(entry.personaId)) {
    const live = findHighlights(liveCurve(entry.curve, drag));
    const candidates = new Set<string>();
    for (const h of [entry.highlights, live]) if (h) for (const role of HIGHLIGHT_ROLES) candidates.add(h[role].touchpointId);
    for (const id of candidates) {
      if (rolesOf(id, entry.highlights).join() === rolesOf(id, live).join()) continue;
      keys.set(id, liveRolesKey(doc, id, hidden, drag.personaId, live));
    }
  }
  liveCache = { doc, drag, hidden, keys };
  return keys;
}

/** `rolesKey` with one persona's highlights replaced. */
function liveRolesKey(doc: JourneyMap, touchpointId: string, hidden: ReadonlySet<string>, personaId: string, live: Highlights | null): string {
  const parts: string[] = [];
  for (const entry of goldenIndex(doc).personas) {
    if (hidden.has(entry.personaId)) continue;
    const roles = rolesOf(touchpointId, entry.personaId === personaId ? live : entry.highlights);
    if (roles.length) parts.push(`${entry.personaId}=${roles.join(',')}`);
  }
  return parts.join(';');
}
