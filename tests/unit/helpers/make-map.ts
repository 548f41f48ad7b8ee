/**
 * A tiny builder for valid journey maps in tests. Everything has a default, ids are short and
 * predictable, and the result goes through journeyMapSchema.parse, so defaults are filled in and
 * broken references fail loudly.
 *
 *   makeMap({
 *     personas: ['p1', { id: 'p2', name: 'Frequent flyer' }],
 *     stages: ['s1', 's2'],
 *     lanes: ['l1'],
 *     touchpoints: [
 *       { id: 't1', stage: 's1', emotions: { p1: 2, p2: { value: -1, target: 1 } } },
 *       { id: 't2', stage: 's2', value: -2 },            // `value` = emotion of the first persona
 *     ],
 *     mots: [{ id: 'm1', touchpointId: 't1', feeling: 'safe' }],
 *     settings: { coreMessage: 'safe' },
 *   });
 *
 *   curveMap([1, 3, null, -2]);  // one stage, one lane, touchpoints t0..t3, persona p1 (null = no value)
 */
import type { z } from 'zod';
import {
  journeyMapSchema,
  type emotionPointSchema,
  type JourneyMap,
  type JourneyMapInput,
  type LaneType,
  type Locale,
  type mapSettingsSchema,
  type motSchema,
  type Channel,
} from '../../../src/domain/schema';

export type EmotionInput = number | z.input<typeof emotionPointSchema>;

export interface TouchpointSpec {
  id: string;
  /** Stage id; defaults to the first stage. */
  stage?: string;
  /** Lane id; defaults to the first lane. */
  lane?: string;
  /** Order inside the cell; defaults to the touchpoint's position in the spec list. */
  order?: number;
  /** Defaults to the id in upper case. */
  title?: string;
  description?: string;
  channel?: Channel;
  /** Emotions keyed by persona id: a number is the as-is value. */
  emotions?: Record<string, EmotionInput>;
  /** Shorthand: the as-is value for the first persona. */
  value?: number;
}

export type MotSpec = Omit<z.input<typeof motSchema>, 'id' | 'touchpointId'> & { id: string; touchpointId: string };

type Named = string | { id: string; name?: string };

export interface MapSpec {
  id?: string;
  title?: string;
  locale?: Locale;
  /** Defaults to ['p1']. */
  personas?: Array<string | { id: string; name?: string; color?: string; description?: string }>;
  /** Defaults to ['s1']. */
  stages?: Named[];
  /** Defaults to ['l1'] of type 'touchpoint'. */
  lanes?: Array<string | { id: string; name?: string; type?: LaneType; hidden?: boolean }>;
  touchpoints?: TouchpointSpec[];
  mots?: MotSpec[];
  settings?: z.input<typeof mapSettingsSchema>;
}

export const FIXED_TIME = '2024-01-01T00:00:00.000Z';
const COLORS = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#dc2626', '#4d7c0f'];

const idOf = (x: string | { id: string }): string => (typeof x === 'string' ? x : x.id);
const nameOf = (x: string | { id: string; name?: string }): string => (typeof x === 'string' ? x : (x.name ?? x.id));

/** Build the raw (input) document without parsing, e.g. to test validation. */
export function makeMapInput(spec: MapSpec = {}): JourneyMapInput {
  const personas = spec.personas ?? ['p1'];
  const stages = spec.stages ?? ['s1'];
  const lanes = spec.lanes ?? ['l1'];
  const firstPersona = personas[0] === undefined ? 'p1' : idOf(personas[0]);
  const firstStage = stages[0] === undefined ? 's1' : idOf(stages[0]);
  const firstLane = lanes[0] === undefined ? 'l1' : idOf(lanes[0]);
  return {
    id: spec.id ?? 'map1',
    schemaVersion: 1,
    title: spec.title ?? 'Test map',
    locale: spec.locale ?? 'en',
    createdAt: FIXED_TIME,
    updatedAt: FIXED_TIME,
    personas: personas.map((p, i) => ({
      id: idOf(p),
      name: nameOf(p),
      color: (typeof p === 'object' ? p.color : undefined) ?? COLORS[i % COLORS.length] ?? '#000000',
      ...(typeof p === 'object' && p.description !== undefined ? { description: p.description } : {}),
    })),
    stages: stages.map((s) => ({ id: idOf(s), name: nameOf(s) })),
    lanes: lanes.map((l) =>
      typeof l === 'string'
        ? { id: l, name: l, type: 'touchpoint' as const }
        : { id: l.id, name: l.name ?? l.id, type: l.type ?? 'touchpoint', ...(l.hidden !== undefined ? { hidden: l.hidden } : {}) },
    ),
    touchpoints: (spec.touchpoints ?? []).map((t, i) => {
      const emotions: Record<string, z.input<typeof emotionPointSchema>> = {};
      if (t.value !== undefined) emotions[firstPersona] = { value: t.value };
      for (const [pid, e] of Object.entries(t.emotions ?? {})) emotions[pid] = typeof e === 'number' ? { value: e } : e;
      return {
        id: t.id,
        stageId: t.stage ?? firstStage,
        laneId: t.lane ?? firstLane,
        order: t.order ?? i,
        title: t.title ?? t.id.toUpperCase(),
        ...(t.description !== undefined ? { description: t.description } : {}),
        ...(t.channel !== undefined ? { channel: t.channel } : {}),
        emotions,
      };
    }),
    mots: spec.mots ?? [],
    ...(spec.settings !== undefined ? { settings: spec.settings } : {}),
  };
}

/** A valid JourneyMap (throws with zod's message if the spec is inconsistent). */
export function makeMap(spec: MapSpec = {}): JourneyMap {
  return journeyMapSchema.parse(makeMapInput(spec));
}

/**
 * A single-persona map ('p1') whose curve is `values` in order: one stage 's1', one lane 'l1',
 * touchpoints 't0'..'tN' with order 0..N (title 'T0'..). null leaves that touchpoint without a value.
 */
export function curveMap(values: ReadonlyArray<number | null>, extra: Omit<MapSpec, 'touchpoints'> = {}): JourneyMap {
  return makeMap({
    ...extra,
    touchpoints: values.map((v, i) => ({ id: `t${i}`, order: i, ...(v === null ? {} : { value: v }) })),
  });
}

/** A complete, well-written MOT on a touchpoint; override any field. */
export function goodMot(
  id: string,
  touchpointId: string,
  overrides: Partial<MotSpec> = {},
): MotSpec & { who: string; situation: string; feeling: string } {
  const {
    who = 'A business traveller flying weekly',
    situation = 'Getting ready to sleep in business class on a night flight, the crew offers a turn-down service',
    feeling = 'this airline is different',
    ...rest
  } = overrides;
  return { id, touchpointId, ...rest, who, situation, feeling };
}
