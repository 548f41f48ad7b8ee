/**
 * Presence, the pure part: who is here in what order, their initials and text colour, and
 * which canvas items the others have selected (id → people), built so that an unchanged entry
 * keeps its identity (memoised cards do not re-render when someone else's pointer moves).
 */
import type { Participant } from '../../live/live-events';

/** What a remote selection outline needs to know about a person. */
export interface RemoteMark {
  clientId: string;
  name: string;
  color: string;
}

/** A pointer not moved for this long is hidden. */
export const CURSOR_STALE_MS = 30_000;

const EMPTY: readonly RemoteMark[] = Object.freeze([]);
export const NO_MARKS = EMPTY;

/**
 * One or two letters for an avatar: the first letters of the first two words ("Ana Lima" → "AL",
 * "bo" → "B"); a CJK name gives its first character ("王小明" → "王"); '' for an empty name.
 */
export function initialsOf(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) return '';
  const first = [...trimmed][0] ?? '';
  if (/[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]/u.test(first)) return first;
  const words = trimmed.split(/[\s._-]+/u).filter(Boolean);
  const letters = words
    .slice(0, 2)
    .map((w) => [...w][0] ?? '')
    .join('');
  return letters.toLocaleUpperCase();
}

/** '#0f172a' (dark text) or '#ffffff' for text on a background colour, whichever contrasts more. */
export function textColorOn(hex: string): '#0f172a' | '#ffffff' {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex);
  if (!m?.[1]) return '#ffffff';
  const n = Number.parseInt(m[1], 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const l = 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
  // Contrast with white: 1.05 / (l + 0.05); with slate-900 (l ≈ 0.0089): (l + 0.05) / 0.0589.
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.0589 ? '#ffffff' : '#0f172a';
}

/** Me first, then the others by name (empty names last), then by client id: a stable order. */
export function orderParticipants(people: readonly Participant[], selfId: string): Participant[] {
  return [...people].sort((a, b) => {
    if (a.clientId === selfId) return -1;
    if (b.clientId === selfId) return 1;
    const an = a.name.trim();
    const bn = b.name.trim();
    if (an && !bn) return -1;
    if (bn && !an) return 1;
    const byName = an.localeCompare(bn);
    return byName || (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0);
  });
}

/** What the presence bar shows of a person; changes only when one of these does. */
export function identityKey(people: readonly Participant[]): string {
  return people.map((p) => `${p.clientId}\u0001${p.name}\u0001${p.color}\u0001${p.role}`).join('\u0002');
}

/**
 * The canvas ids a selection entry points at. Accepts plain ids and "kind:id" forms
 * ("stage:abc" → "abc"), so it works whichever way the sender names them.
 */
export function selectionTargets(selection: readonly string[]): string[] {
  return selection.map((s) => {
    const i = s.indexOf(':');
    return i >= 0 ? s.slice(i + 1) : s;
  });
}

/**
 * id → the other people who have it selected, in participant order. `previous` is the last index:
 * entries that did not change are taken from it (same array), so subscribers can compare by identity.
 */
export function selectionIndex(
  people: readonly Participant[],
  selfId: string,
  previous: ReadonlyMap<string, readonly RemoteMark[]> = new Map(),
): Map<string, readonly RemoteMark[]> {
  const next = new Map<string, RemoteMark[]>();
  for (const p of people) {
    if (p.clientId === selfId) continue;
    for (const id of new Set(selectionTargets(p.selection))) {
      let list = next.get(id);
      if (!list) next.set(id, (list = []));
      list.push({ clientId: p.clientId, name: p.name, color: p.color });
    }
  }
  const out = new Map<string, readonly RemoteMark[]>();
  for (const [id, list] of next) {
    const old = previous.get(id);
    out.set(id, old && sameMarks(old, list) ? old : Object.freeze(list));
  }
  return out;
}

function sameMarks(a: readonly RemoteMark[], b: readonly RemoteMark[]): boolean {
  return a.length === b.length && a.every((m, i) => m.clientId === b[i]?.clientId && m.name === b[i]?.name && m.color === b[i]?.color);
}

/** A selection's identity for change detection. */
export function selectionKey(p: Participant): string {
  return p.selection.join('\u0001');
}

/** Is a pointer last moved at `movedAt` (ms) stale at `now`? */
export function isCursorStale(movedAt: number, now: number): boolean {
  return now - movedAt > CURSOR_STALE_MS;
}
