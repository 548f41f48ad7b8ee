/**
 * The one emotion scale used everywhere in MOT Canvas: a symmetric integer scale
 * from −3 (very negative) to +3 (very positive), 0 = neutral.
 */
export const EMOTION_MIN = -3;
export const EMOTION_MAX = 3;
export const EMOTION_NEUTRAL = 0;

export const EMOTION_VALUES = [-3, -2, -1, 0, 1, 2, 3] as const;
export type EmotionValue = (typeof EMOTION_VALUES)[number];

/** Clamp and round any number onto the scale. */
export function toEmotionValue(n: number): EmotionValue {
  if (!Number.isFinite(n)) return EMOTION_NEUTRAL as EmotionValue;
  const r = Math.round(Math.min(EMOTION_MAX, Math.max(EMOTION_MIN, n)));
  return (Object.is(r, -0) ? 0 : r) as EmotionValue;
}

/** A face for each value, used on axes and in exports. */
export const EMOTION_FACES: Record<EmotionValue, string> = {
  [-3]: '😡',
  [-2]: '😟',
  [-1]: '🙁',
  0: '😐',
  1: '🙂',
  2: '😀',
  3: '🤩',
};

/** Format a value with an explicit sign and a real minus sign: +2, 0, −1. */
export function formatEmotion(n: number, digits = 0): string {
  const rounded = Number(n.toFixed(digits));
  const abs = Math.abs(rounded).toFixed(digits);
  if (rounded > 0) return `+${abs}`;
  if (rounded < 0) return `\u2212${abs}`;
  return (0).toFixed(digits);
}
