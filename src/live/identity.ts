/**
 * This browser's display name for live collaboration (shown to the others on a map).
 * Kept in localStorage; an empty name is shown as "Guest".
 */
const NAME_KEY = 'mot-canvas:display-name';

export function getDisplayName(): string {
  try {
    return localStorage.getItem(NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

/** Whether the person was asked (and answered or skipped) already. */
export function hasDisplayName(): boolean {
  try {
    return localStorage.getItem(NAME_KEY) !== null;
  } catch {
    return true;
  }
}

export function setDisplayName(name: string): void {
  const clean = name.trim().slice(0, 80);
  try {
    localStorage.setItem(NAME_KEY, clean);
  } catch {
    // private mode: not remembered
  }
  // The live channel sends the new name to the others.
  for (const l of [...listeners]) l(clean);
}

// ── name changes, per-tab colour and client id ───────────────────────────────────────────────

const listeners = new Set<(name: string) => void>();

/** Called after `setDisplayName` (from any part of the app). Returns unsubscribe. */
export function onDisplayNameChange(listener: (name: string) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/**
 * Ten colours for people on a map, each with at least 4.5:1 contrast against white (text and
 * outlines on the light canvas) and distinct from one another.
 */
export const PRESENCE_COLORS = [
  '#1d4ed8', // blue
  '#b91c1c', // red
  '#047857', // green
  '#7e22ce', // purple
  '#c2410c', // orange
  '#0e7490', // cyan
  '#be185d', // pink
  '#4d7c0f', // olive
  '#a16207', // amber
  '#4338ca', // indigo
] as const;

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/**
 * The colour of this tab: from its client id, moved to the next colour nobody else present uses
 * (when there is one).
 */
export function colorFor(clientId: string, taken: Iterable<string> = []): string {
  const used = new Set([...taken].map((c) => c.toLowerCase()));
  const start = hash(clientId) % PRESENCE_COLORS.length;
  for (let i = 0; i < PRESENCE_COLORS.length; i++) {
    const c = PRESENCE_COLORS[(start + i) % PRESENCE_COLORS.length] as string;
    if (!used.has(c.toLowerCase())) return c;
  }
  return PRESENCE_COLORS[start] as string;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A random id for this tab (one per page load: a reload is a new participant). */
export function newClientId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let out = '';
  for (const b of bytes) out += ID_ALPHABET[b % ID_ALPHABET.length];
  return out;
}
