/**
 * The schema-version migration chain. Every stored or imported document passes through
 * `migrateDocument` before it is validated: older versions are upgraded step by step,
 * a version newer than this app is refused with a clear message.
 *
 * Adding a version: bump CURRENT_SCHEMA_VERSION in schema.ts, add `MIGRATIONS[old]`,
 * and add a fixture test that upgrades a real document of the old version.
 */
import { CURRENT_SCHEMA_VERSION } from './schema';
import { newId } from './ids';

type Doc = Record<string, unknown>;

export class SchemaVersionError extends Error {
  constructor(
    message: string,
    readonly found: unknown,
  ) {
    super(message);
    this.name = 'SchemaVersionError';
  }
}

function isRecord(v: unknown): v is Doc {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
function str(v: unknown, fallback = ''): string {
  return typeof v === 'string' ? v : fallback;
}
function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** v0 lanes were free words; these are the types they meant. */
const V0_LANE_TYPES: Record<string, string> = {
  doing: 'action',
  action: 'action',
  touchpoint: 'touchpoint',
  channel: 'touchpoint',
  frontstage: 'frontstage',
  backstage: 'backstage',
  pain: 'pain',
  idea: 'opportunity',
  opportunity: 'opportunity',
};
const V0_LANE_NAMES: Record<string, { en: string; 'zh-CN': string }> = {
  action: { en: 'Customer actions', 'zh-CN': '顾客行为' },
  touchpoint: { en: 'Touchpoints', 'zh-CN': '触点' },
  frontstage: { en: 'Frontstage', 'zh-CN': '前台' },
  backstage: { en: 'Backstage', 'zh-CN': '后台' },
  pain: { en: 'Pain points', 'zh-CN': '痛点' },
  opportunity: { en: 'Ideas', 'zh-CN': '机会点' },
};

/**
 * v0 → v1. v0 was the prototype format: `name`, `lang` ('en' | 'zh'), a single `persona`,
 * `phases[]` each holding `steps[]` with a free-text `lane`, a `note` and a `feeling` on a
 * 1..5 scale. v1 has personas, stages, typed lanes, touchpoints in cells and emotions on −3..+3.
 */
function v0ToV1(doc: Doc): Doc {
  const locale = str(doc.lang) === 'zh' || str(doc.lang) === 'zh-CN' ? 'zh-CN' : 'en';
  const persona = isRecord(doc.persona) ? doc.persona : {};
  const personaId = newId();
  const now = new Date().toISOString();
  const laneIdByType = new Map<string, string>();
  const lanes: Doc[] = [];
  const laneFor = (word: unknown): string => {
    const type = V0_LANE_TYPES[str(word).toLowerCase()] ?? 'touchpoint';
    let laneId = laneIdByType.get(type);
    if (!laneId) {
      laneId = newId();
      laneIdByType.set(type, laneId);
      lanes.push({ id: laneId, name: V0_LANE_NAMES[type]?.[locale] ?? type, type, hidden: false });
    }
    return laneId;
  };
  const stages: Doc[] = [];
  const touchpoints: Doc[] = [];
  for (const phase of arr(doc.phases)) {
    if (!isRecord(phase)) continue;
    const stageId = str(phase.id) || newId();
    stages.push({ id: stageId, name: str(phase.title), description: '' });
    const orderInCell = new Map<string, number>();
    for (const step of arr(phase.steps)) {
      if (!isRecord(step)) continue;
      const laneId = laneFor(step.lane);
      const order = orderInCell.get(laneId) ?? 0;
      orderInCell.set(laneId, order + 1);
      const emotions: Doc = {};
      if (typeof step.feeling === 'number' && Number.isFinite(step.feeling)) {
        // 1..5 → −3..+3, symmetric: 1→−3, 2→−2, 3→0, 4→+2, 5→+3.
        const centred = (Math.min(5, Math.max(1, step.feeling)) - 3) * 1.5;
        emotions[personaId] = { value: Math.sign(centred) * Math.round(Math.abs(centred)) };
      }
      touchpoints.push({
        id: str(step.id) || newId(),
        stageId,
        laneId,
        order,
        title: str(step.title),
        description: str(step.note),
        channel: 'other',
        emotions,
      });
    }
  }
  if (lanes.length === 0) laneFor('touchpoint');
  return {
    id: str(doc.id) || newId(),
    schemaVersion: 1,
    title: str(doc.name),
    description: str(doc.description),
    locale,
    createdAt: str(doc.created, now),
    updatedAt: str(doc.updated, now),
    personas: [
      {
        id: personaId,
        name: str(persona.name, locale === 'zh-CN' ? '顾客' : 'Customer'),
        description: '',
        color: /^#[0-9a-fA-F]{6}$/.test(str(persona.color)) ? str(persona.color) : '#2563eb',
      },
    ],
    stages,
    lanes,
    touchpoints,
    mots: [],
    comments: [],
  };
}

/** MIGRATIONS[n] upgrades a document of version n to version n + 1. */
const MIGRATIONS: Record<number, (doc: Doc) => Doc> = {
  0: v0ToV1,
};

/** The version a raw document declares; documents from before versioning count as 0. */
export function detectSchemaVersion(doc: Doc): number {
  const v = doc.schemaVersion;
  if (v === undefined && Array.isArray(doc.phases)) return 0;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return v;
  throw new SchemaVersionError(
    `schemaVersion must be a whole number (this app reads versions 0–${CURRENT_SCHEMA_VERSION})`,
    v,
  );
}

export interface MigrationResult {
  doc: Doc;
  fromVersion: number;
}

/** Upgrade a raw document to the current schema version. Throws SchemaVersionError. */
export function migrateDocument(raw: unknown): MigrationResult {
  if (!isRecord(raw)) throw new SchemaVersionError('a journey map must be a JSON object', raw);
  const fromVersion = detectSchemaVersion(raw);
  if (fromVersion > CURRENT_SCHEMA_VERSION) {
    throw new SchemaVersionError(
      `This map was saved by a newer version of MOT Canvas (schema version ${fromVersion}); ` +
        `this app reads up to version ${CURRENT_SCHEMA_VERSION}. Update MOT Canvas to open it.`,
      fromVersion,
    );
  }
  let doc = raw;
  for (let v = fromVersion; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new SchemaVersionError(`no migration from schema version ${v}`, v);
    doc = step(doc);
  }
  return { doc, fromVersion };
}
