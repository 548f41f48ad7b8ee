/**
 * Writing an MOT correctly (method brief §3): who, in what situation, what they felt.
 *
 * - A field that is empty or whitespace-only (including ideographic and zero-width spaces) is MISSING;
 *   an MOT is complete when none of the three is missing.
 * - Hints point at fields that are written but weak. Lengths are measured as an "effective length":
 *   whitespace runs count as one character, each CJK character (Han, kana, Hangul) counts
 *   {@link CJK_CHAR_WEIGHT} (= 2.5) because one Chinese character carries about as much as 2.5 Latin
 *   letters; everything else counts 1. So one threshold serves both languages:
 *   - 'situation-too-short': effective length < {@link MIN_SITUATION_LENGTH} (20): under 20 Latin
 *     characters, or under 8 Chinese characters, is not a scene;
 *   - 'who-too-short': effective length < {@link MIN_WHO_LENGTH} (7): "user" or "客人" say nothing about
 *     the target customer, "business traveller" or "商务旅客" do;
 *   - 'feeling-too-long': effective length > {@link MAX_FEELING_LENGTH} (80, ≈ 32 Chinese characters):
 *     the feeling is a label in the customer's mind, not a paragraph.
 * Hints never make an MOT incomplete.
 */
import type { JourneyMap, Mot } from './schema';
import { journeySequence } from './journey-order';

export const MOT_ELEMENTS = ['who', 'situation', 'feeling'] as const;
export type MotElement = (typeof MOT_ELEMENTS)[number];
export type MotHint = 'situation-too-short' | 'who-too-short' | 'feeling-too-long';

/** Each CJK character counts as this many Latin characters. */
export const CJK_CHAR_WEIGHT = 2.5;
/** A situation shorter than this (effective length) is too short to be a scene: 20 Latin ≈ 8 Chinese characters. */
export const MIN_SITUATION_LENGTH = 20;
/** A "who" shorter than this (effective length) does not describe a customer: 7 Latin ≈ 3 Chinese characters. */
export const MIN_WHO_LENGTH = 7;
/** A feeling longer than this (effective length) is no longer a short label: 80 Latin ≈ 32 Chinese characters. */
export const MAX_FEELING_LENGTH = 80;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/** Is this single character Chinese, Japanese or Korean script? */
export function isCjkChar(ch: string): boolean {
  return CJK.test(ch);
}

/** Empty, whitespace-only or invisible-only text counts as not written. */
export function isBlank(text: string): boolean {
  return effectiveLength(text) === 0;
}

const WHITESPACE = /\s/;
const INVISIBLE_CODES = new Set([0x200b, 0x200c, 0x200d, 0x2060, 0xfeff]);
/** Below this code point nothing is CJK script (Hangul Jamo start at U+1100), so the regex test is skipped. */
const FIRST_CJK_CODE = 0x1100;

/**
 * Length in "Latin character equivalents": invisible characters are ignored, leading and trailing
 * whitespace is ignored, each inner whitespace run counts 1, each CJK character counts
 * {@link CJK_CHAR_WEIGHT}, any other character (code point) counts 1. A single pass, no allocation
 * for plain Latin text.
 */
export function effectiveLength(text: string): number {
  let n = 0;
  let started = false;
  let pendingSpace = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let weight: number; // −1 marks whitespace
    if (c < 0x80) weight = c === 32 || (c >= 9 && c <= 13) ? -1 : 1;
    else if (INVISIBLE_CODES.has(c)) continue;
    else {
      const cp = text.codePointAt(i) ?? c;
      if (cp > 0xffff) i++;
      const ch = String.fromCodePoint(cp);
      weight = WHITESPACE.test(ch) ? -1 : cp >= FIRST_CJK_CODE && CJK.test(ch) ? CJK_CHAR_WEIGHT : 1;
    }
    if (weight < 0) {
      pendingSpace = started;
      continue;
    }
    if (pendingSpace) n += 1;
    pendingSpace = false;
    started = true;
    n += weight;
  }
  return n;
}

export interface MotCompleteness {
  complete: boolean;
  missing: MotElement[];
  hints: MotHint[];
}

/** Which of the three elements are missing, and which written ones look weak (order: who, situation, feeling). */
export function motCompleteness(mot: Pick<Mot, 'who' | 'situation' | 'feeling'>): MotCompleteness {
  const missing: MotElement[] = [];
  const hints: MotHint[] = [];
  const who = effectiveLength(mot.who);
  const situation = effectiveLength(mot.situation);
  const feeling = effectiveLength(mot.feeling);
  if (who === 0) missing.push('who');
  else if (who < MIN_WHO_LENGTH) hints.push('who-too-short');
  if (situation === 0) missing.push('situation');
  else if (situation < MIN_SITUATION_LENGTH) hints.push('situation-too-short');
  if (feeling === 0) missing.push('feeling');
  else if (feeling > MAX_FEELING_LENGTH) hints.push('feeling-too-long');
  return { complete: missing.length === 0, missing, hints };
}

export interface MotNeedingWork extends MotCompleteness {
  motId: string;
  touchpointId: string;
}

/**
 * MOTs that are incomplete or have hints, in journey order of their touchpoint (then map order).
 * MOTs pinned to a touchpoint outside the journey sequence come last.
 */
export function needsWork(map: Pick<JourneyMap, 'stages' | 'lanes' | 'touchpoints' | 'mots'>): MotNeedingWork[] {
  const position = new Map<string, number>();
  journeySequence(map).forEach((tp, i) => position.set(tp.id, i));
  const out: Array<MotNeedingWork & { pos: number; i: number }> = [];
  map.mots.forEach((mot, i) => {
    const c = motCompleteness(mot);
    if (c.complete && c.hints.length === 0) return;
    out.push({ motId: mot.id, touchpointId: mot.touchpointId, ...c, pos: position.get(mot.touchpointId) ?? Infinity, i });
  });
  out.sort((a, b) => (a.pos === b.pos ? a.i - b.i : a.pos < b.pos ? -1 : 1));
  return out.map(({ pos: _pos, i: _i, ...rest }) => rest);
}
