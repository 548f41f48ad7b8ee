import type { JourneyMap, Lane, LaneType, Locale, Persona } from './schema';
import { CURRENT_SCHEMA_VERSION, DEFAULT_GROUP_WEIGHTS, LANE_TYPES } from './schema';
import { newId } from './ids';

/** Names of the default lanes, in each supported language. */
export const DEFAULT_LANE_NAMES: Record<Locale, Record<LaneType, string>> = {
  en: {
    action: 'Customer actions',
    touchpoint: 'Touchpoints & channels',
    frontstage: 'Frontstage',
    backstage: 'Backstage',
    pain: 'Pain points',
    opportunity: 'Ideas',
  },
  'zh-CN': {
    action: '顾客行为',
    touchpoint: '触点与渠道',
    frontstage: '前台服务',
    backstage: '后台支持',
    pain: '痛点',
    opportunity: '机会点',
  },
};

/** A palette for personas: distinct, readable on white. */
export const PERSONA_COLORS = ['#2563eb', '#db2777', '#059669', '#d97706', '#7c3aed', '#0891b2', '#dc2626', '#4d7c0f'] as const;

export function defaultLanes(locale: Locale): Lane[] {
  return LANE_TYPES.map((type) => ({ id: newId(), name: DEFAULT_LANE_NAMES[locale][type], type, hidden: false }));
}

export function defaultPersona(locale: Locale): Persona {
  return {
    id: newId(),
    name: locale === 'zh-CN' ? '主要顾客' : 'Primary customer',
    description: '',
    color: PERSONA_COLORS[0],
  };
}

export function createBlankMap(opts: { title: string; locale: Locale; now?: Date }): JourneyMap {
  const now = (opts.now ?? new Date()).toISOString();
  const zh = opts.locale === 'zh-CN';
  const stageNames = zh ? ['阶段 1', '阶段 2', '阶段 3'] : ['Stage 1', 'Stage 2', 'Stage 3'];
  return {
    id: newId(),
    schemaVersion: CURRENT_SCHEMA_VERSION,
    title: opts.title,
    description: '',
    locale: opts.locale,
    createdAt: now,
    updatedAt: now,
    personas: [defaultPersona(opts.locale)],
    stages: stageNames.map((name) => ({ id: newId(), name, description: '' })),
    lanes: defaultLanes(opts.locale),
    touchpoints: [],
    mots: [],
    comments: [],
    settings: { coreMessage: '', focusDimension: null, groupWeights: { ...DEFAULT_GROUP_WEIGHTS } },
  };
}

/** A copy of a map with every id replaced, references kept consistent. */
export function cloneWithNewIds(map: JourneyMap, overrides: Partial<Pick<JourneyMap, 'title' | 'locale'>> = {}): JourneyMap {
  const remap = new Map<string, string>();
  const fresh = (old: string): string => {
    let next = remap.get(old);
    if (!next) {
      next = newId();
      remap.set(old, next);
    }
    return next;
  };
  const get = (old: string): string => remap.get(old) ?? old;
  const now = new Date().toISOString();
  const personas = map.personas.map((p) => ({ ...p, id: fresh(p.id) }));
  const stages = map.stages.map((s) => ({ ...s, id: fresh(s.id) }));
  const lanes = map.lanes.map((l) => ({ ...l, id: fresh(l.id) }));
  const touchpoints = map.touchpoints.map((t) => ({
    ...t,
    id: fresh(t.id),
    stageId: get(t.stageId),
    laneId: get(t.laneId),
    emotions: Object.fromEntries(Object.entries(t.emotions).map(([pid, point]) => [get(pid), structuredClone(point)])),
  }));
  const mots = map.mots.map((m) => ({ ...structuredClone(m), id: fresh(m.id), touchpointId: get(m.touchpointId) }));
  const commentIds = map.comments.map((c) => fresh(c.id));
  const comments = map.comments.map((c, i) => ({
    ...c,
    id: commentIds[i] ?? newId(),
    targetId: get(c.targetId),
    parentId: c.parentId === null ? null : get(c.parentId),
  }));
  return {
    ...structuredClone(map),
    ...overrides,
    id: newId(),
    createdAt: now,
    updatedAt: now,
    personas,
    stages,
    lanes,
    touchpoints,
    mots,
    comments,
  };
}
