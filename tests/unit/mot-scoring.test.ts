import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  BEAUTY_THRESHOLD,
  messagesMatch,
  messageSpread,
  normaliseMessage,
  PRINCIPLE_WEIGHTS,
  PRINCIPLES,
  SCORING_FORMULA,
  scoreMots,
  type MotScore,
} from '../../src/domain/mot-scoring';
import type { JourneyMap } from '../../src/domain/schema';
import { curveMap, goodMot, makeMap, type MapSpec, type MotSpec } from './helpers/make-map';

const byId = (scores: MotScore[], id: string): MotScore => {
  const s = scores.find((x) => x.motId === id);
  if (!s) throw new Error(`no score for ${id}`);
  return s;
};

/** Touchpoints t0..t5 with one persona; MOTs given. */
function mapWith(mots: MotSpec[], settings: MapSpec['settings'] = {}, values: Array<number | null> = [0, 0, 0, 0, 0, 0]): JourneyMap {
  return makeMap({
    touchpoints: values.map((v, i) => ({ id: `t${i}`, order: i, ...(v === null ? {} : { value: v }) })),
    mots,
    settings,
  });
}

describe('scoreMots basics', () => {
  it('returns [] for a map without MOTs', () => {
    expect(scoreMots(makeMap())).toEqual([]);
    expect(scoreMots(curveMap([1, 2, 3]))).toEqual([]);
  });

  it('exports the weights and a plain-language formula', () => {
    expect(PRINCIPLE_WEIGHTS).toEqual({ votes: 3, focus: 2, golden: 2, message: 2, beauty: 3 });
    for (const k of PRINCIPLES) expect(typeof SCORING_FORMULA[k]).toBe('string');
    expect(SCORING_FORMULA.total).toMatch(/100/);
  });
});

describe('principle 1: not one person, one vote', () => {
  it('weights votes by customer group and normalises against the best MOT', () => {
    // default weights: love 3, like 1.5, dislike 1
    const scores = scoreMots(
      mapWith([
        goodMot('lovers', 't0', { votes: { love: 2, like: 0, dislike: 0 } }), // 6
        goodMot('crowd', 't1', { votes: { love: 0, like: 2, dislike: 1 } }), // 4 (more people, less weight)
        goodMot('none', 't2'),
      ]),
    );
    expect(byId(scores, 'lovers').principles.votes).toMatchObject({ score: 1, reason: 'votes-weighted', data: { weighted: 6, max: 6 } });
    expect(byId(scores, 'crowd').principles.votes.score).toBeCloseTo(4 / 6, 10);
    expect(byId(scores, 'crowd').weightedVotes).toBe(4);
    expect(byId(scores, 'none').principles.votes).toMatchObject({ score: 0, reason: 'no-votes' });
  });

  it('uses the map’s group weights, and says when votes carry no weight', () => {
    const scores = scoreMots(
      mapWith(
        [goodMot('a', 't0', { votes: { love: 1, like: 0, dislike: 0 } }), goodMot('b', 't1', { votes: { love: 0, like: 0, dislike: 1 } })],
        { groupWeights: { love: 0, like: 1, dislike: 2 } },
      ),
    );
    expect(byId(scores, 'a').principles.votes).toMatchObject({ score: 0, reason: 'zero-weight' });
    expect(byId(scores, 'b').principles.votes).toMatchObject({ score: 1, reason: 'votes-weighted' });
  });

  it('is 0 for everyone when nobody voted', () => {
    const scores = scoreMots(mapWith([goodMot('a', 't0'), goodMot('b', 't1')]));
    expect(scores.map((s) => s.principles.votes.reason)).toEqual(['no-votes', 'no-votes']);
  });
});

describe('principle 2: match the current focus', () => {
  it('scores 1 on a match, 0 otherwise, with distinct reasons', () => {
    const mots = [
      goodMot('match', 't0', { dimension: 'repurchase' }),
      goodMot('other', 't1', { dimension: 'entry' }),
      goodMot('unset', 't2'),
    ];
    const focused = scoreMots(mapWith(mots, { focusDimension: 'repurchase' }));
    expect(byId(focused, 'match').principles.focus).toEqual({ score: 1, reason: 'focus-match', data: { focus: 'repurchase', dimension: 'repurchase' } });
    expect(byId(focused, 'other').principles.focus).toMatchObject({ score: 0, reason: 'focus-mismatch' });
    expect(byId(focused, 'unset').principles.focus).toMatchObject({ score: 0, reason: 'dimension-missing' });
    const unfocused = scoreMots(mapWith(mots));
    expect(unfocused.every((s) => s.principles.focus.reason === 'no-focus-set' && s.principles.focus.score === 0)).toBe(true);
  });
});

describe('principle 3: golden moments', () => {
  // p1: t0 +1, t1 +3 (peak), t2 0, t3 −1, t4 −2 (trough), t5 +1 (end), t6 no value
  const values = [1, 3, 0, -1, -2, 1, null];
  const mots = values.map((_, i) => goodMot(`m${i}`, `t${i}`));

  it('1 at a peak, trough or end; 0.5 next to one; 0 elsewhere', () => {
    const scores = scoreMots(mapWith(mots, {}, values));
    const golden = (id: string) => byId(scores, id).principles.golden;
    expect(golden('m1')).toMatchObject({ score: 1, reason: 'at-peak', data: { personaId: 'p1', role: 'peak', distance: 0 } });
    expect(golden('m4')).toMatchObject({ score: 1, reason: 'at-trough' });
    expect(golden('m5')).toMatchObject({ score: 1, reason: 'at-end' });
    expect(golden('m0')).toMatchObject({ score: 0.5, reason: 'near-peak', data: { distance: 1 } });
    expect(golden('m3')).toMatchObject({ score: 0.5, reason: 'near-trough', data: { roles: 'trough' } });
    expect(golden('m2')).toMatchObject({ score: 0.5, reason: 'near-peak' });
    expect(golden('m6')).toEqual({ score: 0, reason: 'no-emotion-data' });
  });

  it('a point with several roles lists them all', () => {
    const scores = scoreMots(mapWith([goodMot('m', 't2')], {}, [0, 1, -1]));
    expect(byId(scores, 'm').principles.golden).toMatchObject({ score: 1, reason: 'at-trough', data: { roles: 'trough,end' } });
  });

  it('says not-golden for a moment on the curve but far from its highlights', () => {
    const scores = scoreMots(mapWith([goodMot('m', 't3')], {}, [3, 0, 0, 0, 0, 0, -3]));
    expect(byId(scores, 'm').principles.golden).toEqual({ score: 0, reason: 'not-golden' });
  });

  it('takes the best over all personas, or only the one asked for', () => {
    const map = makeMap({
      personas: ['a', 'b'],
      touchpoints: [
        { id: 'x', emotions: { a: 3, b: 0 } },
        { id: 'y', emotions: { a: 0, b: 0 } },
        { id: 'z', emotions: { a: 0, b: 3 } },
        { id: 'w', emotions: { a: 1, b: 2 } },
      ],
      mots: [goodMot('m', 'z')],
    });
    // a: peak x, trough z (later 0), end w → z is a's trough. b: peak z → z is b's peak.
    expect(scoreMots(map)[0]?.principles.golden).toMatchObject({ score: 1, reason: 'at-trough', data: { personaId: 'a' } });
    expect(scoreMots(map, { personaId: 'b' })[0]?.principles.golden).toMatchObject({ score: 1, reason: 'at-peak', data: { personaId: 'b' } });
    expect(scoreMots(map, { personaId: 'nobody' })[0]?.principles.golden).toEqual({ score: 0, reason: 'no-emotion-data' });
  });
});

describe('principle 4: land the core message', () => {
  it('normalises case, punctuation and whitespace', () => {
    expect(normaliseMessage('  Feels THIS airline—is   different!  ')).toBe('feels this airline is different');
    expect(normaliseMessage('觉得 这家航空公司 与众不同。')).toBe('觉得这家航空公司与众不同');
    expect(normaliseMessage('ＶＩＰ　待遇！')).toBe('vip待遇');
    expect(normaliseMessage('...')).toBe('');
  });

  it('matches on equality or containment either way, on whole words for Latin text', () => {
    expect(messagesMatch('feels this airline is different', 'This airline is different.')).toBe(true);
    expect(messagesMatch('different', 'this airline is different')).toBe(true);
    expect(messagesMatch('Safe & sound', 'safe sound')).toBe(true);
    expect(messagesMatch('heart warming', 'art')).toBe(false);
    expect(messagesMatch('happy', 'this airline is different')).toBe(false);
    expect(messagesMatch('', '')).toBe(false);
    expect(messagesMatch('!!!', 'safe')).toBe(false);
  });

  it('matches Chinese feelings by substring', () => {
    expect(messagesMatch('觉得这家航空公司与众不同。', '与众不同')).toBe(true);
    expect(messagesMatch('与众不同', '这家航空公司与众不同')).toBe(true);
    expect(messagesMatch('感到 安心', '安心')).toBe(true);
    expect(messagesMatch('很开心', '与众不同')).toBe(false);
    expect(messagesMatch('觉得VIP待遇很好', 'vip待遇')).toBe(true);
  });

  it('scores each MOT against settings.coreMessage', () => {
    const mots = [
      goodMot('same', 't0', { feeling: 'Feels this airline is DIFFERENT!' }),
      goodMot('other', 't1', { feeling: 'happy' }),
      goodMot('blank', 't2', { feeling: '  ' }),
    ];
    const scores = scoreMots(mapWith(mots, { coreMessage: 'this airline is different' }));
    expect(byId(scores, 'same').principles.message).toMatchObject({ score: 1, reason: 'message-match' });
    expect(byId(scores, 'other').principles.message).toMatchObject({ score: 0, reason: 'message-diverges', data: { feeling: 'happy' } });
    expect(byId(scores, 'blank').principles.message).toMatchObject({ score: 0, reason: 'feeling-missing' });
    expect(scoreMots(mapWith(mots)).every((s) => s.principles.message.reason === 'no-core-message')).toBe(true);
    const zh = scoreMots(mapWith([goodMot('zh', 't0', { feeling: '觉得这家航空公司与众不同' })], { coreMessage: '与众不同' }));
    expect(zh[0]?.principles.message.reason).toBe('message-match');
  });

  it('messageSpread warns when the chosen MOTs carry more than one message', () => {
    const one = messageSpread(
      [
        { id: 'a', feeling: 'This airline is different' },
        { id: 'b', feeling: 'feels this airline is different!' },
      ],
      '',
    );
    expect(one.feelings).toEqual(['this airline is different', 'feels this airline is different']);
    expect(one.messages).toHaveLength(1);
    expect(one.warning).toBe(false);

    const many = messageSpread(
      [
        { id: 'a', feeling: 'happy' },
        { id: 'b', feeling: 'surprised' },
        { id: 'c', feeling: 'reassured' },
        { id: 'd', feeling: 'Happy.' },
        { id: 'e', feeling: '' },
      ],
      'this airline is different',
    );
    expect(many.feelings).toEqual(['happy', 'surprised', 'reassured']);
    expect(many.messages.map((m) => m.motIds)).toEqual([['a', 'd'], ['b'], ['c']]);
    expect(many.missingFeeling).toEqual(['e']);
    expect(many.warning).toBe(true);
    expect(many.offCore).toBe(true);
  });

  it('messageSpread groups feelings with the core message, in Chinese too', () => {
    const s = messageSpread(
      [
        { id: 'a', feeling: '觉得这家航空公司与众不同' },
        { id: 'b', feeling: '与众不同！' },
      ],
      '与众不同',
    );
    expect(s.messages).toEqual([{ message: '与众不同', motIds: ['a', 'b'], matchesCore: true }]);
    expect(s.warning).toBe(false);
    expect(s.offCore).toBe(false);
    expect(messageSpread([], 'x')).toEqual({ feelings: [], messages: [], missingFeeling: [], warning: false, offCore: false });
    expect(messageSpread([{ id: 'a', feeling: '安心' }, { id: 'b', feeling: '惊喜' }], '').warning).toBe(true);
  });
});

describe('principle 5: amplify your beauty', () => {
  const r = (importance: number, performance: number, competitorWeakness: number) => ({ importance, performance, competitorWeakness });

  it('starts from what we do well', () => {
    expect(BEAUTY_THRESHOLD).toBe(4);
    const mots = [
      goodMot('all', 't0', { ratings: r(5, 4, 4) }),
      goodMot('twoImp', 't1', { ratings: r(4, 5, 3) }),
      goodMot('twoComp', 't2', { ratings: r(0, 4, 5) }),
      goodMot('strength', 't3', { ratings: r(3, 4, 3) }),
      goodMot('notStrength', 't4', { ratings: r(5, 3, 5) }),
      goodMot('unrated', 't5'),
    ];
    const scores = scoreMots(mapWith(mots));
    const beauty = (id: string) => byId(scores, id).principles.beauty;
    expect(beauty('all')).toMatchObject({ score: 1, reason: 'beauty-all-three' });
    expect(beauty('twoImp')).toMatchObject({ score: 0.5, reason: 'beauty-two', data: { other: 'importance' } });
    expect(beauty('twoComp')).toMatchObject({ score: 0.5, reason: 'beauty-two', data: { other: 'competitorWeakness' } });
    expect(beauty('strength')).toMatchObject({ score: 0.25, reason: 'beauty-strength-only' });
    expect(beauty('notStrength')).toMatchObject({ score: 0, reason: 'beauty-not-strength' });
    expect(beauty('unrated')).toMatchObject({ score: 0, reason: 'beauty-unrated' });
  });
});

describe('total and rank', () => {
  it('total is the weighted sum out of 100, one decimal', () => {
    // values: t0 +1, t1 +3 (peak), t2 0 → m on t0: near the peak (0.5)
    const map = mapWith(
      [
        goodMot('best', 't1', {
          votes: { love: 1, like: 0, dislike: 0 },
          dimension: 'entry',
          feeling: 'this airline is different',
          ratings: { importance: 5, performance: 5, competitorWeakness: 5 },
        }),
        goodMot('mixed', 't0', {
          votes: { love: 1, like: 0, dislike: 0 },
          dimension: 'conversion',
          feeling: 'feels this airline is different',
          ratings: { importance: 0, performance: 4, competitorWeakness: 0 },
        }),
        goodMot('third', 't0', { votes: { love: 0, like: 1, dislike: 0 }, feeling: 'happy' }),
      ],
      { focusDimension: 'entry', coreMessage: 'This airline is different' },
      [1, 3, 0],
    );
    const scores = scoreMots(map);
    expect(byId(scores, 'best').total).toBe(100);
    // votes 1×3 + focus 0×2 + golden 0.5×2 + message 1×2 + beauty 0.25×3 = 6.75 of 12 → 56.25 → 56.3
    expect(byId(scores, 'mixed').total).toBe(56.3);
    // votes 0.5×3 + golden 0.5×2 = 2.5 of 12 → 20.83 → 20.8
    expect(byId(scores, 'third').total).toBe(20.8);
    expect(scores.map((s) => [s.motId, s.rank])).toEqual([
      ['best', 1],
      ['mixed', 2],
      ['third', 3],
    ]);
  });

  it('breaks ties by weighted votes, then completeness, then journey order, then id', () => {
    const map = makeMap({
      stages: ['s1', 's2'],
      touchpoints: [
        { id: 'late', stage: 's2' },
        { id: 'early', stage: 's1' },
      ],
      mots: [
        // 25.0 each: votes 1×3 vs beauty 1×3
        goodMot('z-voted', 'late', { votes: { love: 1, like: 0, dislike: 0 } }),
        goodMot('a-beauty', 'early', { ratings: { importance: 5, performance: 5, competitorWeakness: 5 } }),
        // 0 each, same votes: the complete one first
        goodMot('b-incomplete', 'early', { who: '' }),
        goodMot('y-complete', 'late'),
        // 0 each, complete: the earlier touchpoint first, then id
        goodMot('x-early', 'early'),
        goodMot('c-late', 'late'),
        goodMot('d-late', 'late'),
      ],
    });
    const scores = scoreMots(map);
    expect(scores.map((s) => s.motId)).toEqual(['z-voted', 'a-beauty', 'x-early', 'c-late', 'd-late', 'y-complete', 'b-incomplete']);
    expect(scores.map((s) => s.rank)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(byId(scores, 'b-incomplete').complete).toBe(false);
    expect(byId(scores, 'y-complete').complete).toBe(true);
    expect(byId(scores, 'z-voted').total).toBe(byId(scores, 'a-beauty').total);
  });

  it('property: ranks are 1..n, totals never increase, every score is in range, and MOT order in the map does not matter', () => {
    const motArb = fc.record({
      tp: fc.nat(5),
      love: fc.nat(3),
      like: fc.nat(3),
      dislike: fc.nat(3),
      dimension: fc.constantFrom(null, 'entry', 'conversion', 'repurchase', 'recommendation'),
      feeling: fc.constantFrom('', 'safe', 'feels safe', 'happy', '安心'),
      who: fc.constantFrom('', 'A frequent flyer'),
      importance: fc.nat(5),
      performance: fc.nat(5),
      competitorWeakness: fc.nat(5),
    });
    fc.assert(
      fc.property(
        fc.array(motArb, { maxLength: 12 }),
        fc.array(fc.option(fc.integer({ min: -3, max: 3 })), { minLength: 6, maxLength: 6 }),
        fc.constantFrom(null, 'entry', 'repurchase'),
        (specs, values, focus) => {
          const mots = specs.map((m, i) =>
            goodMot(`m${i}`, `t${m.tp}`, {
              who: m.who,
              feeling: m.feeling,
              dimension: m.dimension,
              votes: { love: m.love, like: m.like, dislike: m.dislike },
              ratings: { importance: m.importance, performance: m.performance, competitorWeakness: m.competitorWeakness },
            }),
          );
          const settings = { coreMessage: 'safe', focusDimension: focus };
          const scores = scoreMots(mapWith(mots, settings, values));
          expect(scores.map((s) => s.rank)).toEqual(mots.map((_, i) => i + 1));
          for (let i = 0; i < scores.length; i++) {
            const s = scores[i];
            if (!s) throw new Error('unreachable');
            expect(s.total).toBeGreaterThanOrEqual(0);
            expect(s.total).toBeLessThanOrEqual(100);
            expect(Math.round(s.total * 10) / 10).toBe(s.total);
            for (const k of PRINCIPLES) {
              expect(s.principles[k].score).toBeGreaterThanOrEqual(0);
              expect(s.principles[k].score).toBeLessThanOrEqual(1);
            }
            const next = scores[i + 1];
            if (next) expect(next.total).toBeLessThanOrEqual(s.total);
          }
          const reversed = scoreMots(mapWith([...mots].reverse(), settings, values));
          expect(reversed.map((s) => s.motId)).toEqual(scores.map((s) => s.motId));
        },
      ),
    );
  });
});
