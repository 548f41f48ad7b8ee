import { describe, expect, it } from 'vitest';
import { PERSONA_COLORS } from '../../src/domain/defaults';
import { nextNumberedName, nextPersonaColor } from '../../src/panels/personas/persona-defaults';

const en = (n: number) => `Persona ${n}`;
const zh = (n: number) => `画像 ${n}`;

describe('nextPersonaColor', () => {
  it('takes the first palette colour when there are no personas', () => {
    expect(nextPersonaColor([])).toBe(PERSONA_COLORS[0]);
  });

  it('skips colours already in use, ignoring case', () => {
    expect(nextPersonaColor([PERSONA_COLORS[0].toUpperCase()])).toBe(PERSONA_COLORS[1]);
    expect(nextPersonaColor([PERSONA_COLORS[1], PERSONA_COLORS[0]])).toBe(PERSONA_COLORS[2]);
  });

  it('fills a gap left by a deleted persona', () => {
    expect(nextPersonaColor([PERSONA_COLORS[0], PERSONA_COLORS[2]])).toBe(PERSONA_COLORS[1]);
  });

  it('ignores custom colours that are not in the palette', () => {
    expect(nextPersonaColor(['#123456'])).toBe(PERSONA_COLORS[0]);
  });

  it('cycles through the palette once every colour is taken', () => {
    const all = [...PERSONA_COLORS];
    expect(nextPersonaColor(all)).toBe(PERSONA_COLORS[all.length % PERSONA_COLORS.length]);
    expect(nextPersonaColor([...all, PERSONA_COLORS[0]])).toBe(PERSONA_COLORS[1]);
  });

  it('always returns a valid #rrggbb colour', () => {
    for (let n = 0; n < 25; n++) {
      const used = Array.from({ length: n }, (_, i) => PERSONA_COLORS[i % PERSONA_COLORS.length] as string);
      expect(nextPersonaColor(used)).toMatch(/^#[0-9a-f]{6}$/i);
    }
  });
});

describe('nextNumberedName', () => {
  it('numbers after the existing count', () => {
    expect(nextNumberedName([], en)).toBe('Persona 1');
    expect(nextNumberedName(['Frequent flyer', 'Family'], en)).toBe('Persona 3');
  });

  it('skips names that are taken (trimmed, case-insensitive)', () => {
    expect(nextNumberedName(['A', ' persona 3 '], en)).toBe('Persona 4');
    expect(nextNumberedName(['Persona 2', 'Persona 3', 'Persona 4'], en)).toBe('Persona 5');
  });

  it('works with the Chinese format', () => {
    expect(nextNumberedName(['主要顾客'], zh)).toBe('画像 2');
    expect(nextNumberedName(['主要顾客', '画像 3'], zh)).toBe('画像 4');
  });
});
