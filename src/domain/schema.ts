/**
 * The journey-map document: one zod schema shared by the client and the server.
 * Every boundary (HTTP body, import file, local storage) parses through here.
 */
import { z } from 'zod';
import { EMOTION_MAX, EMOTION_MIN } from './scale';
import { ID_PATTERN } from './ids';

export const CURRENT_SCHEMA_VERSION = 1;

export const LIMITS = {
  mapTitle: 300,
  cardTitle: 2000,
  name: 200,
  description: 5000,
  situation: 5000,
  element: 1000,
  quote: 1000,
  quotes: 50,
  personas: 20,
  stages: 100,
  lanes: 30,
  touchpoints: 5000,
  mots: 2000,
  comments: 10000,
  votes: 100000,
} as const;

const id = z.string().regex(ID_PATTERN, 'must be 1–64 letters, digits, "_" or "-"');
const text = (max: number) => z.string().max(max, `must be at most ${max} characters`);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a2b3c');
const isoDate = z.iso.datetime({ offset: true });
const emotion = z
  .number()
  .int('must be a whole number')
  .min(EMOTION_MIN, `must be at least ${EMOTION_MIN}`)
  .max(EMOTION_MAX, `must be at most ${EMOTION_MAX}`);

export const LOCALES = ['en', 'zh-CN'] as const;
export const localeSchema = z.enum(LOCALES);
export type Locale = z.infer<typeof localeSchema>;

export const LANE_TYPES = ['action', 'touchpoint', 'frontstage', 'backstage', 'pain', 'opportunity'] as const;
export const laneTypeSchema = z.enum(LANE_TYPES);
export type LaneType = z.infer<typeof laneTypeSchema>;

export const CHANNELS = [
  'in-person',
  'web',
  'app',
  'phone',
  'email',
  'sms',
  'chat',
  'kiosk',
  'social',
  'print',
  'signage',
  'other',
] as const;
export const channelSchema = z.enum(CHANNELS);
export type Channel = z.infer<typeof channelSchema>;

export const EVIDENCE_SOURCES = ['survey', 'feedback', 'interview', 'observation', 'analytics', 'assumption'] as const;
export const evidenceSourceSchema = z.enum(EVIDENCE_SOURCES);

/** What an emotion value is based on. */
export const evidenceSchema = z.strictObject({
  source: evidenceSourceSchema,
  respondents: z.number().int().min(0).max(10_000_000).optional(),
  /** Standard deviation on the emotion scale. */
  spread: z.number().min(0).max(EMOTION_MAX - EMOTION_MIN).optional(),
  quotes: z.array(text(LIMITS.quote)).max(LIMITS.quotes).default([]),
});
export type Evidence = z.infer<typeof evidenceSchema>;

/** One persona's feeling at one touchpoint: as-is value, optional to-be target, optional evidence. */
export const emotionPointSchema = z.strictObject({
  value: emotion,
  target: emotion.optional(),
  evidence: evidenceSchema.optional(),
});
export type EmotionPoint = z.infer<typeof emotionPointSchema>;

export const personaSchema = z.strictObject({
  id,
  name: text(LIMITS.name),
  description: text(LIMITS.description).default(''),
  color,
});
export type Persona = z.infer<typeof personaSchema>;

export const stageSchema = z.strictObject({
  id,
  name: text(LIMITS.name),
  description: text(LIMITS.description).default(''),
  color: color.optional(),
});
export type Stage = z.infer<typeof stageSchema>;

export const laneSchema = z.strictObject({
  id,
  name: text(LIMITS.name),
  type: laneTypeSchema,
  hidden: z.boolean().default(false),
});
export type Lane = z.infer<typeof laneSchema>;

export const touchpointSchema = z.strictObject({
  id,
  stageId: id,
  laneId: id,
  /** Position inside its (stage, lane) cell, ascending. */
  order: z.number().finite(),
  title: text(LIMITS.cardTitle),
  description: text(LIMITS.description).default(''),
  channel: channelSchema.default('other'),
  /** Keyed by persona id. */
  emotions: z.record(id, emotionPointSchema).default({}),
});
export type Touchpoint = z.infer<typeof touchpointSchema>;

export const DIMENSIONS = ['entry', 'conversion', 'repurchase', 'recommendation'] as const;
export const dimensionSchema = z.enum(DIMENSIONS);
export type Dimension = z.infer<typeof dimensionSchema>;

/** The three kinds of people to ask (method brief §4). */
export const CUSTOMER_GROUPS = ['love', 'like', 'dislike'] as const;
export const customerGroupSchema = z.enum(CUSTOMER_GROUPS);
export type CustomerGroup = z.infer<typeof customerGroupSchema>;

const rating = z.number().int().min(0, 'must be 0–5').max(5, 'must be 0–5');
const voteCount = z.number().int('must be a whole number').min(0, 'cannot be negative').max(LIMITS.votes, `must be at most ${LIMITS.votes}`);

export const motSchema = z.strictObject({
  id,
  touchpointId: id,
  who: text(LIMITS.element).default(''),
  situation: text(LIMITS.situation).default(''),
  feeling: text(LIMITS.element).default(''),
  dimension: dimensionSchema.nullable().default(null),
  source: customerGroupSchema.nullable().default(null),
  ratings: z
    .strictObject({ importance: rating, performance: rating, competitorWeakness: rating })
    .default({ importance: 0, performance: 0, competitorWeakness: 0 }),
  votes: z.strictObject({ love: voteCount, like: voteCount, dislike: voteCount }).default({ love: 0, like: 0, dislike: 0 }),
  chosen: z.boolean().default(false),
});
export type Mot = z.infer<typeof motSchema>;

export const COMMENT_TARGETS = ['touchpoint', 'mot', 'stage'] as const;
export const commentSchema = z.strictObject({
  id,
  targetKind: z.enum(COMMENT_TARGETS),
  targetId: id,
  parentId: id.nullable().default(null),
  author: text(LIMITS.name),
  body: text(LIMITS.description).min(1, 'cannot be empty'),
  createdAt: isoDate,
  resolved: z.boolean().default(false),
});
export type Comment = z.infer<typeof commentSchema>;

const weight = z.number().min(0, 'cannot be negative').max(100, 'must be at most 100');
export const DEFAULT_GROUP_WEIGHTS = { love: 3, like: 1.5, dislike: 1 } as const;

export const mapSettingsSchema = z.strictObject({
  coreMessage: text(LIMITS.element).default(''),
  focusDimension: dimensionSchema.nullable().default(null),
  groupWeights: z
    .strictObject({ love: weight, like: weight, dislike: weight })
    .default({ ...DEFAULT_GROUP_WEIGHTS }),
});
export type MapSettings = z.infer<typeof mapSettingsSchema>;

const journeyMapShape = z.strictObject({
  id,
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  title: text(LIMITS.mapTitle),
  description: text(LIMITS.description).default(''),
  locale: localeSchema,
  createdAt: isoDate,
  updatedAt: isoDate,
  personas: z.array(personaSchema).min(1, 'a map needs at least one persona').max(LIMITS.personas),
  stages: z.array(stageSchema).max(LIMITS.stages),
  lanes: z.array(laneSchema).max(LIMITS.lanes),
  touchpoints: z.array(touchpointSchema).max(LIMITS.touchpoints),
  mots: z.array(motSchema).max(LIMITS.mots).default([]),
  comments: z.array(commentSchema).max(LIMITS.comments).default([]),
  settings: mapSettingsSchema.default({
    coreMessage: '',
    focusDimension: null,
    groupWeights: { ...DEFAULT_GROUP_WEIGHTS },
  }),
});

function checkUnique(
  ctx: z.RefinementCtx,
  items: readonly { id: string }[],
  path: string,
): Set<string> {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) ctx.addIssue({ code: 'custom', path: [path, i, 'id'], message: `duplicate id "${item.id}"` });
    seen.add(item.id);
  });
  return seen;
}

/** The full document, with referential integrity: every reference points at something that exists. */
export const journeyMapSchema = journeyMapShape.superRefine((map, ctx) => {
  const personaIds = checkUnique(ctx, map.personas, 'personas');
  const stageIds = checkUnique(ctx, map.stages, 'stages');
  const laneIds = checkUnique(ctx, map.lanes, 'lanes');
  const touchpointIds = checkUnique(ctx, map.touchpoints, 'touchpoints');
  const motIds = checkUnique(ctx, map.mots, 'mots');
  const commentIds = checkUnique(ctx, map.comments, 'comments');
  map.touchpoints.forEach((tp, i) => {
    if (!stageIds.has(tp.stageId))
      ctx.addIssue({ code: 'custom', path: ['touchpoints', i, 'stageId'], message: `unknown stage "${tp.stageId}"` });
    if (!laneIds.has(tp.laneId))
      ctx.addIssue({ code: 'custom', path: ['touchpoints', i, 'laneId'], message: `unknown lane "${tp.laneId}"` });
    for (const personaId of Object.keys(tp.emotions)) {
      if (!personaIds.has(personaId))
        ctx.addIssue({
          code: 'custom',
          path: ['touchpoints', i, 'emotions', personaId],
          message: `unknown persona "${personaId}"`,
        });
    }
  });
  map.mots.forEach((mot, i) => {
    if (!touchpointIds.has(mot.touchpointId))
      ctx.addIssue({
        code: 'custom',
        path: ['mots', i, 'touchpointId'],
        message: `unknown touchpoint "${mot.touchpointId}": a Moment of Truth must be pinned on an existing touchpoint`,
      });
  });
  map.comments.forEach((c, i) => {
    const targets = c.targetKind === 'touchpoint' ? touchpointIds : c.targetKind === 'mot' ? motIds : stageIds;
    if (!targets.has(c.targetId))
      ctx.addIssue({ code: 'custom', path: ['comments', i, 'targetId'], message: `unknown ${c.targetKind} "${c.targetId}"` });
    if (c.parentId !== null && !commentIds.has(c.parentId))
      ctx.addIssue({ code: 'custom', path: ['comments', i, 'parentId'], message: `unknown comment "${c.parentId}"` });
  });
});

export type JourneyMap = z.infer<typeof journeyMapSchema>;
/** The document as accepted on input, before defaults are filled in. */
export type JourneyMapInput = z.input<typeof journeyMapSchema>;

/** The shape without the cross-reference checks, for JSON Schema publication. */
export const journeyMapShapeSchema = journeyMapShape;
