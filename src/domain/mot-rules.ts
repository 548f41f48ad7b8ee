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
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;

/** Is this single character Chinese, Japanese or Korean script? */
export function isCjkChar(ch: string): boolean {
  return CJK.test(ch);
}

/** Text with invisible characters removed and surrounding whitespace trimmed. */
function cleaned(text: string): string {
  return text.replace(INVISIBLE, '').trim();
}

/** Whitespace-only (or empty) counts as not written. */
export function isBlank(text: string): boolean {
  return cleaned(text) === '';
}

/** Length in "Latin character equivalents": whitespace runs count 1, CJK characters count {@link CJK_CHAR_WEIGHT}. */
export function effectiveLength(text: string): number {
  const t = cleaned(text).replace(/\s+/g, ' ');
  let n = 0;
  for (const ch of t) n += CJK.test(ch) ? CJK_CHAR_WEIGHT : 1;
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
  if (isBlank(mot.who)) missing.push('who');
  else if (effectiveLength(mot.who) < MIN_WHO_LENGTH) hints.push('who-too-short');
  if (isBlank(mot.situation)) missing.push('situation');
  else if (effectiveLength(mot.situation) < MIN_SITUATION_LENGTH) hints.push('situation-too-short');
  if (isBlank(mot.feeling)) missing.push('feeling');
  else if (effectiveLength(mot.feeling) > MAX_FEELING_LENGTH) hints.push('feeling-too-long');
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
