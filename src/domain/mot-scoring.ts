/**
 * Choosing MOTs: the five principles of the method brief (§5), as a transparent score.
 *
 * Each principle gives a score in 0..1 plus a reason CODE and data, so the UI can explain the score in
 * English or Chinese from its own catalogues:
 *
 * 1. Votes — not one person, one vote. weighted = Σ votes[group] × settings.groupWeights[group];
 *    score = weighted / (largest weighted votes of any MOT in the map); 0 when nobody voted.
 *    Reasons: 'votes-weighted' | 'no-votes' | 'zero-weight' (votes exist but their groups weigh 0).
 * 2. Focus — match the current focus. 1 when mot.dimension === settings.focusDimension, else 0.
 *    Reasons: 'focus-match' | 'focus-mismatch' | 'no-focus-set' | 'dimension-missing'.
 * 3. Golden — peak, trough and end are remembered. 1 when the MOT's touchpoint is a peak, trough or end
 *    of a persona's curve, 0.5 when it is 1 position away on that curve, 0 otherwise (all personas, or only
 *    opts.personaId). Reasons: 'at-peak' | 'at-trough' | 'at-end' | 'near-peak' | 'near-trough' |
 *    'near-end' | 'not-golden' | 'no-emotion-data' (the touchpoint is on no considered curve).
 * 4. Message — land the brand's core message. 1 when the feeling matches settings.coreMessage, else 0.
 *    Matching ({@link messagesMatch}) is on normalised text (Unicode NFKC, lower case, punctuation,
 *    symbols and control characters removed, whitespace collapsed, no spaces around CJK characters) and
 *    containment either way counts: whole words for Latin text, any substring for CJK text. A feeling
 *    that normalises to nothing (e.g. "!!!") counts as 'feeling-missing' here.
 *    Reasons: 'message-match' | 'message-diverges' | 'no-core-message' | 'feeling-missing'.
 * 5. Beauty — amplify your beauty; start from what we do well. A rating (0–5) is "in the set" when
 *    ≥ {@link BEAUTY_THRESHOLD} (4). 1 when important + done well + competitors weak; 0.5 when done well
 *    + one of the other two; 0.25 when only done well; 0 when we do not do it well (whatever else).
 *    Reasons: 'beauty-all-three' | 'beauty-two' | 'beauty-strength-only' | 'beauty-not-strength' | 'beauty-unrated'.
 *
 * total = 100 × Σ weight × score / Σ weights, rounded to one decimal, with {@link PRINCIPLE_WEIGHTS}
 * (votes 3, focus 2, golden 2, message 2, beauty 3): votes weigh most because principle 1 is "the first
 * and most important"; beauty weighs as much because the best MOT lies in the intersection of the three sets.
 *
 * rank (1 = best, unique): by the rounded total desc, then weighted votes desc, then complete MOTs before
 * incomplete ones, then journey order of the touchpoint (earlier first), then MOT id — deterministic.
 * Incomplete MOTs are scored like the others and flagged with complete: false.
 *
 * Cost: one journey sort (cached in emotion.ts), then linear in touchpoints + MOTs, then one sort of the MOTs.
 * Results are read-only: MOTs on the same touchpoint (or with the same feeling) share PrincipleScore objects.
 */
import type { CustomerGroup, Dimension, JourneyMap, Mot } from './schema';
import { CUSTOMER_GROUPS } from './schema';
import { goldenIndex, HIGHLIGHT_ROLES, type HighlightRole, type PersonaCurveIndex } from './emotion';
import { isCjkChar, motCompleteness } from './mot-rules';

export const PRINCIPLES = ['votes', 'focus', 'golden', 'message', 'beauty'] as const;
export type PrincipleKey = (typeof PRINCIPLES)[number];

/** Weights of the five principles in the total. */
export const PRINCIPLE_WEIGHTS: Readonly<Record<PrincipleKey, number>> = { votes: 3, focus: 2, golden: 2, message: 2, beauty: 3 };

/** A rating of 4 or 5 (out of 5) puts the MOT in that set (important / we do well / competitors are weak). */
export const BEAUTY_THRESHOLD = 4;
/** Golden score at a peak/trough/end, and one position away from it. */
export const GOLDEN_AT_SCORE = 1;
export const GOLDEN_NEAR_SCORE = 0.5;

/** Plain-language description of the scoring, for an "how is this scored?" panel. */
export const SCORING_FORMULA = {
  votes:
    'Not one person, one vote: each vote is multiplied by the weight of its customer group (people who love us weigh most), then compared with the MOT that has the most weighted votes.',
  focus: 'Full marks when the MOT is about the dimension the business is focusing on now; none otherwise.',
  golden:
    "Full marks at a persona's peak, lowest point or end; half marks one moment before or after; none elsewhere.",
  message:
    'Full marks when the feeling carries the core brand message (same words, or one contains the other); none otherwise.',
  beauty:
    'Start from what we do well: a rating of 4 or 5 counts. Full marks when customers find it important, we do it well and competitors do not; half when we do it well plus one of the others; a quarter when we only do it well.',
  total: 'Weighted sum out of 100: votes ×3, focus ×2, golden moments ×2, core message ×2, beauty ×3.',
  rank: 'Highest total first; ties go to more weighted votes, then complete MOTs, then the earlier moment in the journey.',
} as const;

export type VotesReason = 'votes-weighted' | 'no-votes' | 'zero-weight';
export type FocusReason = 'focus-match' | 'focus-mismatch' | 'no-focus-set' | 'dimension-missing';
export type GoldenReason = `${'at' | 'near'}-${HighlightRole}` | 'not-golden' | 'no-emotion-data';
export type MessageReason = 'message-match' | 'message-diverges' | 'no-core-message' | 'feeling-missing';
export type BeautyReason = 'beauty-all-three' | 'beauty-two' | 'beauty-strength-only' | 'beauty-not-strength' | 'beauty-unrated';
export type ReasonCode = VotesReason | FocusReason | GoldenReason | MessageReason | BeautyReason;

export interface PrincipleScore<R extends ReasonCode = ReasonCode> {
  /** 0..1 */
  score: number;
  reason: R;
  data?: Record<string, string | number>;
}

export interface MotScore {
  motId: string;
  touchpointId: string;
  principles: {
    votes: PrincipleScore<VotesReason>;
    focus: PrincipleScore<FocusReason>;
    golden: PrincipleScore<GoldenReason>;
    message: PrincipleScore<MessageReason>;
    beauty: PrincipleScore<BeautyReason>;
  };
  weightedVotes: number;
  /** 0–100, one decimal. */
  total: number;
  /** 1 = best; unique. */
  rank: number;
  /** All three elements (who, situation, feeling) are written. */
  complete: boolean;
}

// ---------------------------------------------------------------------------------------------
// Message matching

const PUNCT_SYMBOL_CONTROL = /[\p{P}\p{S}\p{Cc}]/gu;
const CJK_CLASS = '[\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\p{Script=Hangul}]';
const SPACE_BEFORE_CJK = new RegExp(`\\s+(?=${CJK_CLASS})`, 'gu');
const SPACE_AFTER_CJK = new RegExp(`(?<=${CJK_CLASS})\\s+`, 'gu');
// eslint-disable-next-line no-control-regex
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/**
 * Normalised message text: NFKC, lower case, punctuation, symbols and control characters replaced by
 * spaces, whitespace collapsed and trimmed, and no spaces next to CJK characters ("与众 不同" → "与众不同").
 */
export function normaliseMessage(text: string): string {
  // Fast path, same result: in ASCII every character that is not a letter or digit is punctuation, a
  // symbol, a control character or whitespace.
  if (ASCII_ONLY.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u200B-\u200D\u2060\uFEFF]/g, '')
    .replace(PUNCT_SYMBOL_CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(SPACE_BEFORE_CJK, '')
    .replace(SPACE_AFTER_CJK, '');
}

/** The whole character (code point) ending just before `end`, or undefined at the start. */
function charBefore(s: string, end: number): string | undefined {
  if (end <= 0) return undefined;
  const low = s.charCodeAt(end - 1);
  const start = low >= 0xdc00 && low <= 0xdfff && end >= 2 ? end - 2 : end - 1;
  const cp = s.codePointAt(start);
  return cp === undefined ? undefined : String.fromCodePoint(cp);
}

/** The whole character (code point) starting at `start`, or undefined at the end. */
function charAt(s: string, start: number): string | undefined {
  const cp = s.codePointAt(start);
  return cp === undefined ? undefined : String.fromCodePoint(cp);
}

/** A match edge is acceptable at the string's edge, at a space, or when either side of it is CJK. */
function edgeOk(outside: string | undefined, inside: string | undefined): boolean {
  if (outside === undefined || outside === ' ') return true;
  return isCjkChar(outside) || (inside !== undefined && isCjkChar(inside));
}

/** Does normalised `inner` occur in normalised `outer` on word boundaries (any position next to CJK text)? */
function containsNormalised(outer: string, inner: string): boolean {
  if (inner === '') return false;
  const first = charAt(inner, 0);
  const last = charBefore(inner, inner.length);
  let from = 0;
  for (;;) {
    const i = outer.indexOf(inner, from);
    if (i < 0) return false;
    const j = i + inner.length;
    if (edgeOk(charBefore(outer, i), first) && edgeOk(charAt(outer, j), last)) return true;
    from = i + 1;
  }
}

/**
 * Do two messages match? Equal after {@link normaliseMessage}, or one contains the other (whole words
 * for Latin text; anywhere for CJK text). "Feels this airline is different!" matches "this airline is
 * different"; "觉得这家航空公司与众不同" matches "与众不同". An empty message matches nothing.
 */
export function messagesMatch(a: string, b: string): boolean {
  return normalisedMatch(normaliseMessage(a), normaliseMessage(b));
}

/** {@link messagesMatch} on already normalised text. */
function normalisedMatch(na: string, nb: string): boolean {
  if (na === '' || nb === '') return false;
  if (na === nb) return true;
  return na.length >= nb.length ? containsNormalised(na, nb) : containsNormalised(nb, na);
}

export interface MessageGroup {
  /** Normalised text of the first feeling in the group (or the core message, for the core group). */
  message: string;
  motIds: string[];
  /** The group carries the core message. */
  matchesCore: boolean;
}

export interface MessageSpread {
  /** Distinct normalised feelings among the chosen MOTs (first-seen order). */
  feelings: string[];
  /** Feelings grouped into messages: feelings that match each other (or the core message) are one message. */
  messages: MessageGroup[];
  /** Chosen MOTs without a feeling. */
  missingFeeling: string[];
  /** More than one different message is carried (principle 4, "verticality"). */
  warning: boolean;
  /** A core message is set and at least one carried message does not match it. */
  offCore: boolean;
}

/**
 * Are the chosen MOTs landing one message? Feelings are grouped: a feeling joins the core-message group
 * when it matches the core message, otherwise the first group holding a feeling it matches, otherwise
 * it starts a new group. warning = more than one group. Quadratic in the number of chosen MOTs only.
 */
export function messageSpread(chosenMots: readonly Pick<Mot, 'id' | 'feeling'>[], coreMessage: string): MessageSpread {
  const core = normaliseMessage(coreMessage);
  const feelings: string[] = [];
  const seen = new Set<string>();
  const missingFeeling: string[] = [];
  const groups: Array<MessageGroup & { members: string[] }> = [];
  let coreGroup: (MessageGroup & { members: string[] }) | null = null;
  for (const mot of chosenMots) {
    const f = normaliseMessage(mot.feeling);
    if (f === '') {
      missingFeeling.push(mot.id);
      continue;
    }
    if (!seen.has(f)) {
      seen.add(f);
      feelings.push(f);
    }
    if (core !== '' && normalisedMatch(f, core)) {
      if (!coreGroup) {
        coreGroup = { message: core, motIds: [], matchesCore: true, members: [core] };
        groups.push(coreGroup);
      }
      coreGroup.motIds.push(mot.id);
      if (!coreGroup.members.includes(f)) coreGroup.members.push(f);
      continue;
    }
    const group = groups.find((g) => !g.matchesCore && g.members.some((m) => normalisedMatch(m, f)));
    if (group) {
      group.motIds.push(mot.id);
      if (!group.members.includes(f)) group.members.push(f);
    } else {
      groups.push({ message: f, motIds: [mot.id], matchesCore: false, members: [f] });
    }
  }
  const messages = groups.map(({ members: _members, ...g }) => g);
  return {
    feelings,
    messages,
    missingFeeling,
    warning: messages.length > 1,
    offCore: core !== '' && messages.some((g) => !g.matchesCore),
  };
}

// ---------------------------------------------------------------------------------------------
// The five principles

export function weightedVotes(votes: Mot['votes'], weights: JourneyMap['settings']['groupWeights']): number {
  let sum = 0;
  for (const g of CUSTOMER_GROUPS) sum += votes[g] * weights[g];
  return sum;
}

function votesScore(mot: Mot, weighted: number, max: number): PrincipleScore<VotesReason> {
  const raw = CUSTOMER_GROUPS.reduce((s, g: CustomerGroup) => s + mot.votes[g], 0);
  const data = { weighted, max, love: mot.votes.love, like: mot.votes.like, dislike: mot.votes.dislike };
  if (raw === 0) return { score: 0, reason: 'no-votes', data };
  if (weighted <= 0 || max <= 0) return { score: 0, reason: 'zero-weight', data };
  return { score: Math.min(1, weighted / max), reason: 'votes-weighted', data };
}

function focusScore(mot: Mot, focus: Dimension | null): PrincipleScore<FocusReason> {
  if (focus === null) return { score: 0, reason: 'no-focus-set' };
  if (mot.dimension === null) return { score: 0, reason: 'dimension-missing', data: { focus } };
  if (mot.dimension === focus) return { score: 1, reason: 'focus-match', data: { focus, dimension: mot.dimension } };
  return { score: 0, reason: 'focus-mismatch', data: { focus, dimension: mot.dimension } };
}

/**
 * The golden principle for every touchpoint that is at or near a highlight, computed once per call
 * (personas × 3 roles × 3 neighbours). Best = smallest distance; on a tie the first persona in map order,
 * then peak, trough, end; `roles` lists every role of that persona at that distance. Any other touchpoint
 * scores 0: 'not-golden' when it is on a considered curve, 'no-emotion-data' when it is on none.
 */
function goldenScorer(curves: readonly PersonaCurveIndex[]): (touchpointId: string) => PrincipleScore<GoldenReason> {
  const best = new Map<string, { distance: number; role: HighlightRole; entry: PersonaCurveIndex; roles: HighlightRole[] }>();
  for (const entry of curves) {
    const h = entry.highlights;
    if (!h) continue;
    for (const role of HIGHLIGHT_ROLES) {
      const at = h[role].index;
      for (const idx of [at, at - 1, at + 1]) {
        const point = entry.curve[idx];
        if (!point) continue;
        const distance = Math.abs(idx - at);
        const cur = best.get(point.touchpointId);
        if (!cur || distance < cur.distance) best.set(point.touchpointId, { distance, role, entry, roles: [role] });
        else if (distance === cur.distance && entry === cur.entry && !cur.roles.includes(role)) cur.roles.push(role);
      }
    }
  }
  const scores = new Map<string, PrincipleScore<GoldenReason>>();
  for (const [touchpointId, b] of best) {
    const at = b.distance === 0;
    scores.set(touchpointId, {
      score: at ? GOLDEN_AT_SCORE : GOLDEN_NEAR_SCORE,
      reason: `${at ? 'at' : 'near'}-${b.role}`,
      data: { personaId: b.entry.personaId, personaName: b.entry.personaName, role: b.role, roles: b.roles.join(','), distance: b.distance },
    });
  }
  return (touchpointId) =>
    scores.get(touchpointId) ??
    (curves.some((c) => c.positionOf(touchpointId) !== undefined)
      ? { score: 0, reason: 'not-golden' }
      : { score: 0, reason: 'no-emotion-data' });
}

/** Scores the message principle; memoised per feeling text within one scoreMots call. */
function messageScorer(coreMessage: string): (feeling: string) => PrincipleScore<MessageReason> {
  const core = normaliseMessage(coreMessage);
  const memo = new Map<string, PrincipleScore<MessageReason>>();
  return (feeling) => {
    const hit = memo.get(feeling);
    if (hit) return hit;
    const f = normaliseMessage(feeling);
    let result: PrincipleScore<MessageReason>;
    if (core === '') result = { score: 0, reason: 'no-core-message' };
    else if (f === '') result = { score: 0, reason: 'feeling-missing', data: { coreMessage } };
    else if (normalisedMatch(f, core)) result = { score: 1, reason: 'message-match', data: { coreMessage, feeling } };
    else result = { score: 0, reason: 'message-diverges', data: { coreMessage, feeling } };
    memo.set(feeling, result);
    return result;
  };
}

function beautyScore(mot: Mot): PrincipleScore<BeautyReason> {
  const { importance, performance, competitorWeakness } = mot.ratings;
  const data = { importance, performance, competitorWeakness, threshold: BEAUTY_THRESHOLD };
  const important = importance >= BEAUTY_THRESHOLD;
  const doneWell = performance >= BEAUTY_THRESHOLD;
  const weakRivals = competitorWeakness >= BEAUTY_THRESHOLD;
  if (doneWell && important && weakRivals) return { score: 1, reason: 'beauty-all-three', data };
  if (doneWell && (important || weakRivals))
    return { score: 0.5, reason: 'beauty-two', data: { ...data, other: important ? 'importance' : 'competitorWeakness' } };
  if (doneWell) return { score: 0.25, reason: 'beauty-strength-only', data };
  if (importance === 0 && performance === 0 && competitorWeakness === 0) return { score: 0, reason: 'beauty-unrated', data };
  return { score: 0, reason: 'beauty-not-strength', data };
}

const W = PRINCIPLE_WEIGHTS;
const WEIGHT_SUM = W.votes + W.focus + W.golden + W.message + W.beauty;

/**
 * Score and rank every MOT of the map by the five principles. Sorted by rank (1 first); [] for a map
 * without MOTs. opts.personaId limits the golden-moment principle to that persona's curve (the other
 * principles do not depend on personas); an unknown persona id gives 'no-emotion-data' everywhere.
 */
export function scoreMots(map: JourneyMap, opts: { personaId?: string } = {}): MotScore[] {
  if (map.mots.length === 0) return [];
  const { settings } = map;
  const index = goldenIndex(map);
  const curves = opts.personaId === undefined ? index.personas : index.personas.filter((p) => p.personaId === opts.personaId);

  const weighted = map.mots.map((m) => weightedVotes(m.votes, settings.groupWeights));
  const max = weighted.reduce((a, b) => Math.max(a, b), 0);
  const messageScore = messageScorer(settings.coreMessage);
  const goldenScore = goldenScorer(curves);

  const rows = map.mots.map((mot, i) => {
    const w = weighted[i] ?? 0;
    const principles = {
      votes: votesScore(mot, w, max),
      focus: focusScore(mot, settings.focusDimension),
      golden: goldenScore(mot.touchpointId),
      message: messageScore(mot.feeling),
      beauty: beautyScore(mot),
    };
    const sum =
      W.votes * principles.votes.score +
      W.focus * principles.focus.score +
      W.golden * principles.golden.score +
      W.message * principles.message.score +
      W.beauty * principles.beauty.score;
    const total = Math.round((1000 * sum) / WEIGHT_SUM) / 10;
    const score: MotScore = {
      motId: mot.id,
      touchpointId: mot.touchpointId,
      principles,
      weightedVotes: w,
      total,
      rank: 0,
      complete: motCompleteness(mot).complete,
    };
    return { score, pos: index.sequencePosition.get(mot.touchpointId) ?? Infinity };
  });

  rows.sort(
    (a, b) =>
      b.score.total - a.score.total ||
      b.score.weightedVotes - a.score.weightedVotes ||
      Number(b.score.complete) - Number(a.score.complete) ||
      (a.pos === b.pos ? 0 : a.pos < b.pos ? -1 : 1) ||
      (a.score.motId < b.score.motId ? -1 : a.score.motId > b.score.motId ? 1 : 0),
  );
  return rows.map((r, i) => {
    r.score.rank = i + 1;
    return r.score;
  });
}
