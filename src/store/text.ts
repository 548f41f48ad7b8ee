/** Input sanitising shared by the commands: truncate and clamp, never throw. */

/**
 * Text as typed (no trimming of whitespace, no escaping: React escapes on render), cut to at
 * most `max` UTF-16 code units (the unit zod's `.max()` counts) without splitting an emoji or
 * other surrogate pair. Non-strings become '' (null/undefined) or their `String()`.
 */
export function clampText(value: unknown, max: number): string {
  const s = typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
  if (s.length <= max) return s;
  let cut = s.slice(0, Math.max(0, max));
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut;
}

/** A whole number in [min, max]; null for anything that is not a finite number. */
export function clampInt(value: unknown, min: number, max: number): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/** A finite number in [min, max]; null otherwise. */
export function clampNumber(value: unknown, min: number, max: number): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  return Math.min(max, Math.max(min, value));
}

/** An insertion index in [0, length]; anything missing or not finite means "at the end". */
export function clampIndex(index: unknown, length: number): number {
  if (typeof index !== 'number' || !Number.isFinite(index)) return length;
  return Math.min(length, Math.max(0, Math.floor(index)));
}

const COLOR = /^#[0-9a-fA-F]{6}$/;
export function isColor(value: unknown): value is string {
  return typeof value === 'string' && COLOR.test(value);
}

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}
