/**
 * Pure helpers for new personas (and other numbered things): the next free palette colour and
 * the next free "Persona N" name. No React, unit-tested in tests/unit/persona-defaults.test.ts.
 */
import { PERSONA_COLORS } from '../../domain/defaults';

/**
 * The first palette colour no existing persona uses (case-insensitive); when all are taken,
 * the palette repeats in order (the 9th persona gets the 1st colour, …).
 */
export function nextPersonaColor(usedColors: readonly string[]): string {
  const used = new Set(usedColors.map((c) => c.toLowerCase()));
  const free = PERSONA_COLORS.find((c) => !used.has(c.toLowerCase()));
  return free ?? PERSONA_COLORS[usedColors.length % PERSONA_COLORS.length] ?? PERSONA_COLORS[0];
}

/**
 * A numbered default name that is not taken yet: `format(n)` for the smallest n ≥ count + 1
 * whose result no existing name equals (trimmed, case-insensitive).
 * E.g. two personas, one already called "Persona 3" → "Persona 4".
 */
export function nextNumberedName(existingNames: readonly string[], format: (n: number) => string): string {
  const taken = new Set(existingNames.map((n) => n.trim().toLowerCase()));
  let n = existingNames.length + 1;
  while (taken.has(format(n).trim().toLowerCase())) n++;
  return format(n);
}
