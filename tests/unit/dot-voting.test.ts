import { describe, expect, it } from 'vitest';
import {
  applyToMotVotes,
  ballotProblems,
  changeDots,
  compactDots,
  dotsUsed,
  tally,
  votableTargets,
  type Ballot,
} from '../../src/domain/dot-voting';
import { weightedVotes } from '../../src/domain/mot-scoring';
import { DEFAULT_GROUP_WEIGHTS, LIMITS } from '../../src/domain/schema';
import { makeMap } from './helpers/make-map';

const W = { ...DEFAULT_GROUP_WEIGHTS }; // love 3, like 1.5, dislike 1

describe('tally', () => {
  it('is empty for an empty vote', () => {
    expect(tally([], W)).toEqual({ targets: [], voters: 0, votersByGroup: { love: 0, like: 0, dislike: 0 }, totalDots: 0 });
    // ballots without dots do not count as voters
    expect(tally([{ group: 'love', dots: {} }, { group: 'like', dots: { a: 0 } }], W).voters).toBe(0);
  });

  it('counts raw dots, dots per group and the weighted score, ranked by weighted score', () => {
    const ballots: Ballot[] = [
      { group: 'love', dots: { a: 2, b: 1 } },
      { group: 'dislike', dots: { b: 3 } },
      { group: 'like', dots: { b: 1, c: 2 } },
    ];
    const r = tally(ballots, W);
    expect(r.voters).toBe(3);
    expect(r.votersByGroup).toEqual({ love: 1, like: 1, dislike: 1 });
    expect(r.totalDots).toBe(9);
    expect(r.targets).toEqual([
      { targetId: 'b', raw: 5, byGroup: { love: 1, like: 1, dislike: 3 }, weighted: 3 + 1.5 + 3, rank: 1 },
      { targetId: 'a', raw: 2, byGroup: { love: 2, like: 0, dislike: 0 }, weighted: 6, rank: 2 },
      { targetId: 'c', raw: 2, byGroup: { love: 0, like: 2, dislike: 0 }, weighted: 3, rank: 3 },
    ]);
  });

  it('ranks by weight, not by raw count ("not one person, one vote")', () => {
    const r = tally(
      [
        { group: 'love', dots: { few: 2 } },
        { group: 'dislike', dots: { many: 5 } },
      ],
      W,
    );
    expect(r.targets.map((t) => [t.targetId, t.raw, t.weighted])).toEqual([
      ['few', 2, 6],
      ['many', 5, 5],
    ]);
  });

  it('uses the same formula as the MOT workbench', () => {
    const r = tally([{ group: 'love', dots: { m: 2 } }, { group: 'like', dots: { m: 3 } }, { group: 'dislike', dots: { m: 4 } }], W);
    expect(r.targets[0]?.weighted).toBe(weightedVotes({ love: 2, like: 3, dislike: 4 }, W));
  });

  it('handles weights of 0: those dots weigh nothing but still count raw', () => {
    const weights = { love: 0, like: 0, dislike: 1 };
    const r = tally([{ group: 'love', dots: { a: 4 } }, { group: 'dislike', dots: { b: 1 } }], weights);
    expect(r.targets.map((t) => [t.targetId, t.raw, t.weighted, t.rank])).toEqual([
      ['b', 1, 1, 1],
      ['a', 4, 0, 2],
    ]);
    const allZero = tally([{ group: 'love', dots: { a: 1, b: 3 } }], { love: 0, like: 0, dislike: 0 });
    // weighted all 0: more raw dots first
    expect(allZero.targets.map((t) => t.targetId)).toEqual(['b', 'a']);
  });

  it('breaks ties deterministically: raw, then love dots, then like dots, then journey order, then id', () => {
    // a: 2 dislike dots → weighted 2, raw 2; b: 1 love… use weights making equal weighted scores.
    const weights = { love: 2, like: 2, dislike: 1 };
    const tieRaw = tally([{ group: 'love', dots: { a: 1 } }, { group: 'dislike', dots: { b: 2 } }], weights);
    // both weighted 2: b has more raw dots
    expect(tieRaw.targets.map((t) => t.targetId)).toEqual(['b', 'a']);

    const tieLove = tally([{ group: 'love', dots: { x: 1 } }, { group: 'like', dots: { y: 1 } }], weights);
    expect(tieLove.targets.map((t) => t.targetId)).toEqual(['x', 'y']);

    const same: Ballot[] = [{ group: 'love', dots: { p: 1, q: 1, r: 1 } }];
    expect(tally(same, weights).targets.map((t) => t.targetId)).toEqual(['p', 'q', 'r']); // by id
    expect(tally(same, weights, ['r', 'p', 'q']).targets.map((t) => t.targetId)).toEqual(['r', 'p', 'q']); // journey order
    expect(tally(same, weights, ['q']).targets.map((t) => t.targetId)).toEqual(['q', 'p', 'r']); // unknown ones after
    expect(tally(same, weights, ['r', 'p', 'q']).targets.map((t) => t.rank)).toEqual([1, 2, 3]);
  });

  it('does not let float noise decide a tie', () => {
    // 0.1 + 0.2 vs 0.3: equal to 1e-9, so raw decides
    const weights = { love: 0.1, like: 0.2, dislike: 0.3 };
    const r = tally(
      [
        { group: 'love', dots: { a: 1 } },
        { group: 'like', dots: { a: 1 } },
        { group: 'dislike', dots: { b: 1 } },
      ],
      weights,
    );
    expect(r.targets.map((t) => t.targetId)).toEqual(['a', 'b']);
  });

  it('ignores entries that are not positive whole numbers', () => {
    const r = tally([{ group: 'love', dots: { a: -2, b: 1.5, c: 1 } }], W);
    expect(r.targets.map((t) => t.targetId)).toEqual(['c']);
    expect(r.totalDots).toBe(1);
  });
});

describe('ballots', () => {
  const targets = new Set(['a', 'b']);
  it('accepts a ballot within budget on known targets, several dots on one target', () => {
    expect(ballotProblems({ a: 3, b: 2 }, 5, targets)).toEqual([]);
    expect(ballotProblems({}, 5, targets)).toEqual([]);
    expect(ballotProblems({ gone: 0 }, 5, targets)).toEqual([]); // zero entries are harmless
  });
  it('refuses more dots than the budget', () => {
    expect(ballotProblems({ a: 4, b: 2 }, 5, targets)).toEqual([{ kind: 'over-budget', used: 6, budget: 5 }]);
  });
  it('refuses unknown targets and non-counts', () => {
    expect(ballotProblems({ a: 1, zzz: 1, b: -1 }, 5, targets)).toEqual([
      { kind: 'unknown-target', targetId: 'zzz' },
      { kind: 'not-a-count', targetId: 'b' },
    ]);
    expect(ballotProblems({ a: 0.5 }, 5, targets)).toEqual([{ kind: 'not-a-count', targetId: 'a' }]);
  });
  it('counts and compacts dots', () => {
    expect(dotsUsed({ a: 2, b: 0, c: 3 })).toBe(5);
    expect(compactDots({ a: 2, b: 0 })).toEqual({ a: 2 });
  });
  it('adds and removes one dot within the budget', () => {
    expect(changeDots({}, 'a', 1, 2)).toEqual({ a: 1 });
    expect(changeDots({ a: 1 }, 'a', 1, 2)).toEqual({ a: 2 });
    expect(changeDots({ a: 2 }, 'b', 1, 2)).toBeNull(); // no dot left
    expect(changeDots({ a: 1, b: 1 }, 'a', -1, 2)).toEqual({ b: 1 }); // zero entries disappear
    expect(changeDots({ b: 1 }, 'a', -1, 2)).toBeNull(); // nothing to remove
  });
});

describe('votable targets', () => {
  const map = makeMap({
    stages: ['s1', 's2'],
    lanes: ['l1', 'l2'],
    touchpoints: [
      { id: 't3', stage: 's2', lane: 'l1' },
      { id: 't2', stage: 's1', lane: 'l2' },
      { id: 't1', stage: 's1', lane: 'l1' },
    ],
    mots: [
      { id: 'm-late', touchpointId: 't3' },
      { id: 'm-early', touchpointId: 't1' },
      { id: 'm-mid', touchpointId: 't2' },
    ],
  });
  it('lists touchpoints and MOTs in journey order', () => {
    expect(votableTargets(map, 'touchpoint')).toEqual(['t1', 't2', 't3']);
    expect(votableTargets(map, 'mot')).toEqual(['m-early', 'm-mid', 'm-late']);
  });
});

describe('apply to MOT votes', () => {
  const map = makeMap({
    touchpoints: [{ id: 't1' }, { id: 't2' }],
    mots: [
      { id: 'm1', touchpointId: 't1', votes: { love: 1, like: 0, dislike: 2 } },
      { id: 'm2', touchpointId: 't2' },
      { id: 'm3', touchpointId: 't2', votes: { love: LIMITS.votes - 1, like: 0, dislike: 0 } },
    ],
  });
  it('adds the dots per group to each MOT and reports missing targets', () => {
    const { targets } = tally(
      [
        { group: 'love', dots: { m1: 2, m3: 5 } },
        { group: 'dislike', dots: { m1: 1, gone: 3 } },
      ],
      W,
    );
    const out = applyToMotVotes(map, targets);
    expect(out.applied.sort()).toEqual(['m1', 'm3']);
    expect(out.missing).toEqual(['gone']);
    expect(out.map.mots.find((m) => m.id === 'm1')?.votes).toEqual({ love: 3, like: 0, dislike: 3 });
    expect(out.map.mots.find((m) => m.id === 'm2')?.votes).toEqual({ love: 0, like: 0, dislike: 0 });
    // capped at the schema's limit
    expect(out.map.mots.find((m) => m.id === 'm3')?.votes.love).toBe(LIMITS.votes);
    // the input map is untouched
    expect(map.mots.find((m) => m.id === 'm1')?.votes).toEqual({ love: 1, like: 0, dislike: 2 });
  });
  it('returns the same map when there is nothing to add', () => {
    expect(applyToMotVotes(map, []).map).toBe(map);
    expect(applyToMotVotes(map, tally([], W).targets).map).toBe(map);
  });
});
