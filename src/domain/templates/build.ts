/**
 * Builds a journey map from a bilingual template table.
 *
 * A template is ONE data table whose texts are `{ en, 'zh-CN' }` pairs, so the English and the Chinese
 * maps are structurally identical (same stages, cards, emotion values, MOTs) and differ only in wording.
 * Every call produces fresh, unguessable ids (newId()).
 */
import type {
  Channel,
  CustomerGroup,
  Dimension,
  Evidence,
  JourneyMap,
  LaneType,
  Locale,
  Mot,
  Persona,
  Stage,
  Touchpoint,
} from '../schema';
import { CURRENT_SCHEMA_VERSION, DEFAULT_GROUP_WEIGHTS, EVIDENCE_SOURCES, LANE_TYPES } from '../schema';
import { DEFAULT_LANE_NAMES } from '../defaults';
import type { EmotionValue } from '../scale';
import { newId } from '../ids';

/** One text in every supported language. */
export type Text = Readonly<Record<Locale, string>>;

/** A text pair: English first, then Simplified Chinese. */
export function t(en: string, zh: string): Text {
  return { en, 'zh-CN': zh };
}

export interface EvidenceSpec {
  source: (typeof EVIDENCE_SOURCES)[number];
  respondents?: number;
  spread?: number;
  quotes?: readonly Text[];
}

export interface EmotionSpec {
  value: EmotionValue;
  target?: EmotionValue;
  evidence?: EvidenceSpec;
}

interface CardBase<K extends string> {
  /** Only needed when an MOT is pinned on the card. */
  key?: K;
  title: Text;
  description: Text;
}

/** A card in the touchpoint lane: it has a channel and an emotion for every persona. */
export interface TouchpointCardSpec<P extends string, K extends string> extends CardBase<K> {
  lane: 'touchpoint';
  channel: Channel;
  emotions: Readonly<Record<P, EmotionSpec>>;
}

/** A card in any other lane: no emotions (the curve lives on the touchpoint lane). */
export interface OtherCardSpec<K extends string> extends CardBase<K> {
  lane: Exclude<LaneType, 'touchpoint'>;
  channel?: Channel;
}

export type CardSpec<P extends string, K extends string> = TouchpointCardSpec<P, K> | OtherCardSpec<K>;

export interface StageSpec<P extends string, K extends string> {
  name: Text;
  description: Text;
  cards: readonly CardSpec<P, K>[];
}

export interface PersonaSpec<P extends string> {
  key: P;
  name: Text;
  description: Text;
  color: string;
}

export interface MotSpec<K extends string> {
  /** Key of the touchpoint-lane card the MOT is pinned on. */
  on: K;
  who: Text;
  situation: Text;
  feeling: Text;
  dimension: Dimension | null;
  source: CustomerGroup | null;
  ratings: Mot['ratings'];
  votes: Mot['votes'];
  chosen: boolean;
}

export interface TemplateSpec<P extends string, K extends string> {
  title: Text;
  description: Text;
  coreMessage: Text;
  focusDimension: Dimension | null;
  personas: readonly PersonaSpec<P>[];
  stages: readonly StageSpec<P, K>[];
  mots: readonly MotSpec<K>[];
}

function evidenceFor(spec: EvidenceSpec, locale: Locale): Evidence {
  const out: Evidence = { source: spec.source, quotes: (spec.quotes ?? []).map((q) => q[locale]) };
  if (spec.respondents !== undefined) out.respondents = spec.respondents;
  if (spec.spread !== undefined) out.spread = spec.spread;
  return out;
}

/** The map described by `spec`, in `locale`, with fresh ids; createdAt = updatedAt = `now`. */
export function buildTemplate<P extends string, K extends string>(
  spec: TemplateSpec<P, K>,
  locale: Locale,
  now: Date = new Date(),
): JourneyMap {
  const stamp = now.toISOString();

  const personaIds = new Map<P, string>();
  const personas: Persona[] = spec.personas.map((p) => {
    const id = newId();
    personaIds.set(p.key, id);
    return { id, name: p.name[locale], description: p.description[locale], color: p.color };
  });

  const laneIds = new Map<LaneType, string>();
  const lanes = LANE_TYPES.map((type) => {
    const id = newId();
    laneIds.set(type, id);
    return { id, name: DEFAULT_LANE_NAMES[locale][type], type, hidden: false };
  });

  const stages: Stage[] = [];
  const touchpoints: Touchpoint[] = [];
  const cardIds = new Map<K, string>();
  for (const stageSpec of spec.stages) {
    const stageId = newId();
    stages.push({ id: stageId, name: stageSpec.name[locale], description: stageSpec.description[locale] });
    const nextOrder = new Map<LaneType, number>();
    for (const card of stageSpec.cards) {
      const laneId = laneIds.get(card.lane);
      if (laneId === undefined) throw new Error(`template: unknown lane type "${card.lane}"`);
      const order = nextOrder.get(card.lane) ?? 0;
      nextOrder.set(card.lane, order + 1);
      const id = newId();
      if (card.key !== undefined) {
        if (cardIds.has(card.key)) throw new Error(`template: duplicate card key "${card.key}"`);
        cardIds.set(card.key, id);
      }
      const emotions: Touchpoint['emotions'] = {};
      if (card.lane === 'touchpoint') {
        for (const p of spec.personas) {
          const e: EmotionSpec | undefined = card.emotions[p.key];
          const personaId = personaIds.get(p.key);
          if (e === undefined || personaId === undefined) continue;
          emotions[personaId] = {
            value: e.value,
            ...(e.target !== undefined ? { target: e.target } : {}),
            ...(e.evidence !== undefined ? { evidence: evidenceFor(e.evidence, locale) } : {}),
          };
        }
      }
      touchpoints.push({
        id,
        stageId,
        laneId,
        order,
        title: card.title[locale],
        description: card.description[locale],
        channel: card.channel ?? 'other',
        emotions,
      });
    }
  }

  const mots: Mot[] = spec.mots.map((m) => {
    const touchpointId = cardIds.get(m.on);
    if (touchpointId === undefined) throw new Error(`template: MOT pinned on unknown card "${m.on}"`);
    return {
      id: newId(),
      touchpointId,
      who: m.who[locale],
      situation: m.situation[locale],
      feeling: m.feeling[locale],
      dimension: m.dimension,
      source: m.source,
      ratings: { ...m.ratings },
      votes: { ...m.votes },
      chosen: m.chosen,
    };
  });

  return {
    id: newId(),
    schemaVersion: CURRENT_SCHEMA_VERSION,
    title: spec.title[locale],
    description: spec.description[locale],
    locale,
    createdAt: stamp,
    updatedAt: stamp,
    personas,
    stages,
    lanes,
    touchpoints,
    mots,
    comments: [],
    settings: {
      coreMessage: spec.coreMessage[locale],
      focusDimension: spec.focusDimension,
      groupWeights: { ...DEFAULT_GROUP_WEIGHTS },
    },
  };
}
