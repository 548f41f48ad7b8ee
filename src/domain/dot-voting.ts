/**
 * Dot voting in a workshop, weighted by customer group (method brief §5, principle 1: "not one
 * person, one vote").
 *
 * A vote session asks participants to put a fixed number of dots (their budget) on touchpoints or
 * on Moments of Truth. Each participant says which customer group they speak for (love / like /
 * dislike); several dots on one target are allowed.
 *
 * Tally, per target: raw = Σ dots; byGroup[g] = Σ dots of the ballots of group g;
 * weighted = Σ byGroup[g] × groupWeights[g] (the same formula as the MOT workbench's weightedVotes).
 *
 * Ranking (1 = best, unique): weighted desc, then raw desc, then dots from people who love us desc,
 * then dots from people who like us desc, then journey order (the target's position in `order`;
 * targets not in `order` come after those that are), then target id (code-unit order).
 * Weighted scores are compared to 1e-9, so float noise (1.5 × 3 vs 4.5) never decides a tie.
 * Only targets with at least one dot are listed.
 *
 * Pure functions only: the server and the browser use the same code.
 */
import { CUSTOMER_GROUPS, LIMITS, type CustomerGroup, type JourneyMap, type MapSettings } from './schema';
import { journeySequence } from './journey-order';

export const VOTE_TARGET_KINDS = ['touchpoint', 'mot'] as const;
export type VoteTargetKind = (typeof VOTE_TARGET_KINDS)[number];

export const MIN_DOTS_PER_PERSON = 1;
export const MAX_DOTS_PER_PERSON = 20;

export type GroupWeights = MapSettings['groupWeights'];
export type GroupCounts = Record<CustomerGroup, number>;

/** Dots by target id (only positive whole numbers are meaningful). */
export type Dots = Readonly<Record<string, number>>;

export interface Ballot {
  group: CustomerGroup;
  dots: Dots;
}

export interface TargetTally {
  targetId: string;
  raw: number;
  byGroup: GroupCounts;
  weighted: number;
  /** 1 = best; unique. */
  rank: number;
}

export interface Tally {
  targets: TargetTally[];
  /** Ballots with at least one dot. */
  voters: number;
  /** Voters per group. */
  votersByGroup: GroupCounts;
  /** Dots placed in all. */
  totalDots: number;
}

const EPSILON = 1e-9;

export const emptyGroupCounts = (): GroupCounts => ({ love: 0, like: 0, dislike: 0 });

/** The dots a ballot places in all (non-positive or non-integer entries count as 0). */
export function dotsUsed(dots: Dots): number {
  let sum = 0;
  for (const n of Object.values(dots)) if (Number.isInteger(n) && n > 0) sum += n;
  return sum;
}

export function weightedScore(byGroup: GroupCounts, weights: GroupWeights): number {
  let sum = 0;
  for (const g of CUSTOMER_GROUPS) sum += byGroup[g] * weights[g];
  return sum;
}

/**
 * Count the ballots. `order`: target ids in journey order, for breaking ties (see the header).
 */
export function tally(ballots: readonly Ballot[], weights: GroupWeights, order: readonly string[] = []): Tally {
  const rows = new Map<string, { raw: number; byGroup: GroupCounts }>();
  const votersByGroup = emptyGroupCounts();
  let voters = 0;
  let totalDots = 0;
  for (const ballot of ballots) {
    const used = dotsUsed(ballot.dots);
    if (used === 0) continue;
    voters++;
    votersByGroup[ballot.group]++;
    totalDots += used;
    for (const [targetId, n] of Object.entries(ballot.dots)) {
      if (!Number.isInteger(n) || n <= 0) continue;
      let row = rows.get(targetId);
      if (!row) {
        row = { raw: 0, byGroup: emptyGroupCounts() };
        rows.set(targetId, row);
      }
      row.raw += n;
      row.byGroup[ballot.group] += n;
    }
  }
  const position = new Map<string, number>();
  order.forEach((id, i) => {
    if (!position.has(id)) position.set(id, i);
  });
  const targets = [...rows].map(([targetId, r]) => ({ targetId, raw: r.raw, byGroup: r.byGroup, weighted: weightedScore(r.byGroup, weights), rank: 0 }));
  targets.sort((a, b) => {
    if (Math.abs(a.weighted - b.weighted) > EPSILON) return b.weighted - a.weighted;
    if (a.raw !== b.raw) return b.raw - a.raw;
    if (a.byGroup.love !== b.byGroup.love) return b.byGroup.love - a.byGroup.love;
    if (a.byGroup.like !== b.byGroup.like) return b.byGroup.like - a.byGroup.like;
    const pa = position.get(a.targetId) ?? Number.POSITIVE_INFINITY;
    const pb = position.get(b.targetId) ?? Number.POSITIVE_INFINITY;
    if (pa !== pb) return pa < pb ? -1 : 1;
    return a.targetId < b.targetId ? -1 : a.targetId > b.targetId ? 1 : 0;
  });
  targets.forEach((t, i) => (t.rank = i + 1));
  return { targets, voters, votersByGroup, totalDots };
}

// ── ballots ──────────────────────────────────────────────────────────────────────────────────

export type BallotProblem =
  | { kind: 'over-budget'; used: number; budget: number }
  | { kind: 'not-a-count'; targetId: string }
  | { kind: 'unknown-target'; targetId: string };

/**
 * What is wrong with a ballot: more dots than the budget, counts that are not whole numbers ≥ 0,
 * targets that are not among `targets` (the session's kind on the current map). [] when it is fine.
 */
export function ballotProblems(dots: Dots, budget: number, targets: ReadonlySet<string>): BallotProblem[] {
  const problems: BallotProblem[] = [];
  for (const [targetId, n] of Object.entries(dots)) {
    if (!Number.isInteger(n) || n < 0) problems.push({ kind: 'not-a-count', targetId });
    else if (n > 0 && !targets.has(targetId)) problems.push({ kind: 'unknown-target', targetId });
  }
  const used = dotsUsed(dots);
  if (used > budget) problems.push({ kind: 'over-budget', used, budget });
  return problems;
}

/** The ballot without zero entries (what is stored). */
export function compactDots(dots: Dots): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [id, n] of Object.entries(dots)) if (Number.isInteger(n) && n > 0) out[id] = n;
  return out;
}

/**
 * One dot more (delta 1) or fewer (delta −1) on a target, within the budget: the new dots, or
 * null when that is not possible (no dot left, or none there to remove).
 */
export function changeDots(dots: Dots, targetId: string, delta: 1 | -1, budget: number): Record<string, number> | null {
  const have = dots[targetId] ?? 0;
  if (delta === 1 && dotsUsed(dots) >= budget) return null;
  if (delta === -1 && have <= 0) return null;
  const next = { ...compactDots(dots), [targetId]: have + delta };
  return compactDots(next);
}

// ── targets ──────────────────────────────────────────────────────────────────────────────────

/**
 * The ids that can be voted on, in journey order: touchpoints by stage, lane and order; MOTs by
 * their touchpoint's place in the journey, then their order in the map.
 */
export function votableTargets(map: Pick<JourneyMap, 'stages' | 'lanes' | 'touchpoints' | 'mots'>, kind: VoteTargetKind): string[] {
  const sequence = journeySequence(map);
  if (kind === 'touchpoint') return sequence.map((t) => t.id);
  const position = new Map(sequence.map((t, i) => [t.id, i]));
  return map.mots
    .map((m, i) => ({ id: m.id, p: position.get(m.touchpointId) ?? Number.POSITIVE_INFINITY, i }))
    .sort((a, b) => (a.p !== b.p ? (a.p < b.p ? -1 : 1) : a.i - b.i))
    .map((m) => m.id);
}

// ── applying results to the MOT workbench ─────────────────────────────────────────────────────

export interface ApplyOutcome {
  map: JourneyMap;
  /** MOTs whose votes grew. */
  applied: string[];
  /** Targets with dots that are no longer MOTs of this map. */
  missing: string[];
}

/**
 * Add the dots per group of a revealed MOT vote to each MOT's `votes` (capped at the schema's
 * limit), so principle 1 of the workbench scores them. Returns the same map object when nothing changes.
 */
export function applyToMotVotes(map: JourneyMap, targets: readonly Pick<TargetTally, 'targetId' | 'byGroup'>[]): ApplyOutcome {
  const byId = new Map(targets.map((t) => [t.targetId, t.byGroup]));
  const applied: string[] = [];
  const known = new Set<string>();
  const mots = map.mots.map((mot) => {
    known.add(mot.id);
    const add = byId.get(mot.id);
    if (!add || CUSTOMER_GROUPS.every((g) => add[g] <= 0)) return mot;
    applied.push(mot.id);
    const votes = { ...mot.votes };
    for (const g of CUSTOMER_GROUPS) votes[g] = Math.min(LIMITS.votes, votes[g] + Math.max(0, add[g]));
    return { ...mot, votes };
  });
  const missing = targets.filter((t) => !known.has(t.targetId) && CUSTOMER_GROUPS.some((g) => t.byGroup[g] > 0)).map((t) => t.targetId);
  if (applied.length === 0) return { map, applied, missing };
  return { map: { ...map, mots }, applied, missing };
}
