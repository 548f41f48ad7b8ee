import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  CJK_CHAR_WEIGHT,
  effectiveLength,
  isBlank,
  MAX_FEELING_LENGTH,
  MIN_SITUATION_LENGTH,
  MIN_WHO_LENGTH,
  motCompleteness,
  needsWork,
} from '../../src/domain/mot-rules';
import { goodMot, makeMap } from './helpers/make-map';

const mot = (who: string, situation: string, feeling: string) => ({ who, situation, feeling });
const GOOD = goodMot('m', 't');

describe('effectiveLength', () => {
  it('counts Latin characters once, CJK characters 2.5 times, whitespace runs once, and ignores the edges', () => {
    expect(CJK_CHAR_WEIGHT).toBe(2.5);
    expect(effectiveLength('abc')).toBe(3);
    expect(effectiveLength('  a \t\n b  ')).toBe(3);
    expect(effectiveLength('安检')).toBe(5);
    expect(effectiveLength('在 安检')).toBe(1 * 2.5 + 1 + 2 * 2.5);
    expect(effectiveLength('VIP休息室')).toBe(3 + 3 * 2.5);
    expect(effectiveLength('ひらがな カタカナ 한국어')).toBe(11 * 2.5 + 2);
    expect(effectiveLength('𠀀')).toBe(2.5); // CJK extension B, outside the BMP
    expect(effectiveLength('é😀')).toBe(2);
    expect(effectiveLength('a\u200Bb')).toBe(2);
    expect(effectiveLength('')).toBe(0);
  });

  it('property: agrees with a plain reference implementation', () => {
    const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
    const reference = (t: string): number =>
      [...t.replace(/[\u200B-\u200D\u2060\uFEFF]/g, '').trim().replace(/\s+/g, ' ')].reduce((n, ch) => n + (cjk.test(ch) ? 2.5 : 1), 0);
    const chars = fc.constantFrom('a', 'Z', '1', ' ', '\t', '\n', '\u3000', '\u00a0', '\u200b', '安', '检', 'ひ', '한', '，', '!', 'é', '😀', '𠀀');
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        expect(effectiveLength(text)).toBe(reference(text));
      }),
    );
  });
});

describe('motCompleteness', () => {
  it('a well-written MOT is complete and has no hints', () => {
    expect(motCompleteness(GOOD)).toEqual({ complete: true, missing: [], hints: [] });
    expect(
      motCompleteness(mot('住在美国西岸的华人旅客', '在华航商务舱准备睡觉时，空乘为他铺床', '觉得这家航空公司与众不同')),
    ).toEqual({ complete: true, missing: [], hints: [] });
  });

  it('empty and whitespace-only elements are missing (including ideographic and zero-width spaces)', () => {
    expect(motCompleteness(mot('', '', ''))).toEqual({ complete: false, missing: ['who', 'situation', 'feeling'], hints: [] });
    expect(motCompleteness(mot('   ', '\n\t ', '\u3000\u200B'))).toEqual({
      complete: false,
      missing: ['who', 'situation', 'feeling'],
      hints: [],
    });
    expect(motCompleteness({ ...GOOD, feeling: '  ' })).toEqual({ complete: false, missing: ['feeling'], hints: [] });
    expect(isBlank(' \u00a0 ')).toBe(true);
    expect(isBlank(' x ')).toBe(false);
  });

  it('situation-too-short: under 20 Latin characters or under 8 Chinese characters', () => {
    expect(MIN_SITUATION_LENGTH).toBe(20);
    expect(motCompleteness({ ...GOOD, situation: 'At the gate' }).hints).toEqual(['situation-too-short']);
    expect(motCompleteness({ ...GOOD, situation: 'x'.repeat(19) }).hints).toEqual(['situation-too-short']);
    expect(motCompleteness({ ...GOOD, situation: 'x'.repeat(20) }).hints).toEqual([]);
    expect(motCompleteness({ ...GOOD, situation: '在登机口排队等候' }).hints).toEqual([]); // 8 characters
    expect(motCompleteness({ ...GOOD, situation: '在登机口排队等' }).hints).toEqual(['situation-too-short']); // 7
    expect(motCompleteness({ ...GOOD, situation: 'At the gate' }).complete).toBe(true); // hints never make it incomplete
  });

  it('who-too-short: "user" or "客人" do not describe a customer', () => {
    expect(MIN_WHO_LENGTH).toBe(7);
    expect(motCompleteness({ ...GOOD, who: 'user' }).hints).toEqual(['who-too-short']);
    expect(motCompleteness({ ...GOOD, who: '客人' }).hints).toEqual(['who-too-short']);
    expect(motCompleteness({ ...GOOD, who: 'traveller' }).hints).toEqual([]);
    expect(motCompleteness({ ...GOOD, who: '老顾客' }).hints).toEqual([]);
    expect(motCompleteness({ ...GOOD, who: '商务旅客' }).hints).toEqual([]);
  });

  it('feeling-too-long: over 80 Latin characters or over 32 Chinese characters', () => {
    expect(MAX_FEELING_LENGTH).toBe(80);
    expect(motCompleteness({ ...GOOD, feeling: 'x'.repeat(80) }).hints).toEqual([]);
    expect(motCompleteness({ ...GOOD, feeling: 'x'.repeat(81) }).hints).toEqual(['feeling-too-long']);
    expect(motCompleteness({ ...GOOD, feeling: '好'.repeat(32) }).hints).toEqual([]);
    expect(motCompleteness({ ...GOOD, feeling: '好'.repeat(33) }).hints).toEqual(['feeling-too-long']);
  });

  it('reports several hints in element order, and no hint for a missing element', () => {
    expect(motCompleteness(mot('me', 'gate', 'x'.repeat(100)))).toEqual({
      complete: true,
      missing: [],
      hints: ['who-too-short', 'situation-too-short', 'feeling-too-long'],
    });
    expect(motCompleteness(mot('me', '', 'ok'))).toEqual({ complete: false, missing: ['situation'], hints: ['who-too-short'] });
  });
});

describe('needsWork', () => {
  it('lists incomplete MOTs and MOTs with hints, in journey order', () => {
    const map = makeMap({
      stages: ['s1', 's2'],
      touchpoints: [
        { id: 'late', stage: 's2' },
        { id: 'early', stage: 's1' },
      ],
      mots: [
        goodMot('fine', 'early'),
        goodMot('noFeeling', 'late', { feeling: '' }),
        goodMot('shortScene', 'early', { situation: 'At the gate' }),
        goodMot('alsoLate', 'late', { who: 'me' }),
      ],
    });
    expect(needsWork(map)).toEqual([
      { motId: 'shortScene', touchpointId: 'early', complete: true, missing: [], hints: ['situation-too-short'] },
      { motId: 'noFeeling', touchpointId: 'late', complete: false, missing: ['feeling'], hints: [] },
      { motId: 'alsoLate', touchpointId: 'late', complete: true, missing: [], hints: ['who-too-short'] },
    ]);
  });

  it('is empty for a map without MOTs or with only good ones', () => {
    expect(needsWork(makeMap())).toEqual([]);
    expect(needsWork(makeMap({ touchpoints: [{ id: 't' }], mots: [goodMot('m', 't')] }))).toEqual([]);
  });
});
