/**
 * A realistic, reproducible journey map of any size for benchmarks: 8–20 stages, all six lanes,
 * three personas with an emotion (some with a to-be target and evidence) on every card of the
 * touchpoint lane, and Moments of Truth on about 10 % of the cards. Seeded: the same size and seed
 * give the same map (ids included).
 */
import { defaultLanes, PERSONA_COLORS } from '../src/domain/defaults';
import { CHANNELS, CURRENT_SCHEMA_VERSION, DEFAULT_GROUP_WEIGHTS, EVIDENCE_SOURCES, journeyMapSchema } from '../src/domain/schema';
import type { JourneyMap, LaneType, Mot, Touchpoint } from '../src/domain/schema';

/** mulberry32: small, fast, good enough for test data. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Share of the cards in each lane: the touchpoint lane is the busiest, as in real maps. */
const LANE_SHARE: Record<LaneType, number> = {
  action: 0.2,
  touchpoint: 0.3,
  frontstage: 0.15,
  backstage: 0.15,
  pain: 0.1,
  opportunity: 0.1,
};

const STAGE_NAMES = [
  'Discover',
  'Research',
  'Compare',
  'Book',
  'Pay',
  'Prepare',
  'Travel to airport',
  'Check-in',
  'Bag drop',
  'Security',
  'Lounge',
  'Boarding',
  'Take-off',
  'In-flight service',
  'Meal',
  'Landing',
  'Immigration',
  'Baggage claim',
  'Onward travel',
  'Follow-up',
];

const VERBS = ['Checks', 'Opens', 'Waits for', 'Asks about', 'Receives', 'Confirms', 'Compares', 'Reads', 'Updates', 'Calls about'];
const OBJECTS = ['the booking', 'seat options', 'the boarding pass', 'baggage rules', 'the fare', 'lounge access', 'the delay notice', 'the meal choice', 'a refund', 'loyalty points'];

export function stageCountFor(touchpoints: number): number {
  return Math.min(20, Math.max(8, Math.round(Math.sqrt(touchpoints) * 0.65)));
}

function idFrom(rand: () => number, prefix: string): string {
  const chars = 'abcdefghijklmnopqrstuvwxyz0123456789';
  let s = prefix;
  for (let i = 0; i < 12; i++) s += chars[Math.floor(rand() * chars.length)];
  return s;
}

export interface GenerateOptions {
  seed?: number;
  title?: string;
}

export function generateMap(touchpointCount: number, opts: GenerateOptions = {}): JourneyMap {
  const rand = prng(opts.seed ?? 1000 + touchpointCount);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const now = new Date('2025-01-01T00:00:00.000Z').toISOString();

  const stageCount = stageCountFor(touchpointCount);
  const stages = Array.from({ length: stageCount }, (_, i) => ({
    id: idFrom(rand, 's'),
    name: STAGE_NAMES[i] ?? `Stage ${i + 1}`,
    description: `What happens during ${STAGE_NAMES[i] ?? `stage ${i + 1}`}`,
  }));
  const lanes = defaultLanes('en').map((l) => ({ ...l, id: idFrom(rand, 'l') }));
  const personas = ['Business flyer', 'Family on holiday', 'First-time traveller'].map((name, i) => ({
    id: idFrom(rand, 'p'),
    name,
    description: `${name}: a persona for benchmarks`,
    color: PERSONA_COLORS[i] ?? '#2563eb',
  }));

  // Lane of each card by share, stage uniformly: cells end up with different fill, as in practice.
  const laneCut: Array<[number, (typeof lanes)[number]]> = [];
  let acc = 0;
  for (const lane of lanes) {
    acc += LANE_SHARE[lane.type];
    laneCut.push([acc, lane]);
  }
  const levels = personas.map(() => Math.floor(rand() * 5) - 2);
  const perCell = new Map<string, number>();
  const touchpoints: Touchpoint[] = [];
  for (let i = 0; i < touchpointCount; i++) {
    // Cards are spread over the stages in journey order, with some jitter.
    const stageIndex = Math.min(stageCount - 1, Math.max(0, Math.floor(((i + rand() * 3) / touchpointCount) * stageCount)));
    const stage = stages[stageIndex] ?? stages[0]!;
    const r = rand() * acc;
    const lane = (laneCut.find(([cut]) => r < cut) ?? laneCut[laneCut.length - 1]!)[1];
    const cell = `${stage.id}:${lane.id}`;
    const order = perCell.get(cell) ?? 0;
    perCell.set(cell, order + 1);
    const emotions: Touchpoint['emotions'] = {};
    if (lane.type === 'touchpoint') {
      personas.forEach((p, pi) => {
        // A random walk per persona, so curves look like curves.
        const step = Math.floor(rand() * 3) - 1;
        const level = Math.max(-3, Math.min(3, (levels[pi] ?? 0) + step));
        levels[pi] = level;
        const e: Touchpoint['emotions'][string] = { value: level };
        if (rand() < 0.3) e.target = Math.min(3, level + 1);
        if (rand() < 0.2) {
          const source = pick(EVIDENCE_SOURCES);
          e.evidence =
            source === 'assumption'
              ? { source, quotes: [] }
              : { source, respondents: 5 + Math.floor(rand() * 200), spread: Math.round(rand() * 15) / 10, quotes: ['It took ages.'] };
        }
        emotions[p.id] = e;
      });
    }
    touchpoints.push({
      id: idFrom(rand, 't'),
      stageId: stage.id,
      laneId: lane.id,
      order,
      title: `${pick(VERBS)} ${pick(OBJECTS)} #${i + 1}`,
      description: rand() < 0.6 ? `Details of card ${i + 1}: what the customer does and sees.` : '',
      channel: pick(CHANNELS),
      emotions,
    });
  }

  const mots: Mot[] = [];
  for (const tp of touchpoints) {
    if (rand() >= 0.1) continue;
    mots.push({
      id: idFrom(rand, 'm'),
      touchpointId: tp.id,
      who: pick(['Gate agent', 'Cabin crew', 'Call centre', 'App', 'Check-in staff']),
      situation: `When the customer ${tp.title.toLowerCase()}`,
      feeling: pick(['Looked after', 'Reassured', 'Respected', 'Delighted', 'In control']),
      dimension: pick(['entry', 'conversion', 'repurchase', 'recommendation', null] as const),
      source: pick(['love', 'like', 'dislike', null] as const),
      ratings: { importance: Math.floor(rand() * 6), performance: Math.floor(rand() * 6), competitorWeakness: Math.floor(rand() * 6) },
      votes: { love: Math.floor(rand() * 8), like: Math.floor(rand() * 8), dislike: Math.floor(rand() * 4) },
      chosen: rand() < 0.3,
    });
  }

  const map: JourneyMap = {
    id: idFrom(rand, 'map'),
    schemaVersion: CURRENT_SCHEMA_VERSION,
    title: opts.title ?? `Benchmark journey (${touchpointCount} touchpoints)`,
    description: 'Generated by bench/generate-map.ts',
    locale: 'en',
    createdAt: now,
    updatedAt: now,
    personas,
    stages,
    lanes,
    touchpoints,
    mots,
    comments: [],
    settings: { coreMessage: 'Looked after', focusDimension: 'repurchase', groupWeights: { ...DEFAULT_GROUP_WEIGHTS } },
  };
  return journeyMapSchema.parse(map);
}

/** A one-line description of a generated map, for the report. */
export function describeMap(map: JourneyMap): string {
  const tpLane = map.lanes.find((l) => l.type === 'touchpoint')?.id;
  const curveCards = map.touchpoints.filter((t) => t.laneId === tpLane).length;
  return `${map.touchpoints.length} cards, ${map.stages.length} stages, ${map.lanes.length} lanes, ${map.personas.length} personas × ${curveCards} curve points, ${map.mots.length} MOTs`;
}
