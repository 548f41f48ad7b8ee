import { PERSONA_COLORS } from '../../domain/defaults';

/** The eight swatches offered for stages and personas, with the i18n key of each colour's name. */
export const SWATCH_NAMES = ['blue', 'pink', 'green', 'amber', 'violet', 'cyan', 'red', 'olive'] as const;
export type SwatchName = (typeof SWATCH_NAMES)[number];

export const SWATCHES: readonly { name: SwatchName; hex: string }[] = SWATCH_NAMES.map((name, i) => ({
  name,
  hex: PERSONA_COLORS[i % PERSONA_COLORS.length] ?? PERSONA_COLORS[0],
}));
