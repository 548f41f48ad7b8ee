/**
 * Salvaging an imported journey-map file (in the spirit of excalidraw's restore.ts): keep every valid
 * part of a damaged document, drop what cannot be read one element at a time, and say why.
 *
 * - Refused outright, with a clear message: anything that is not a JSON object or does not look like
 *   a journey map; a schema version newer than this app; a prototype-pollution key (`__proto__`,
 *   `constructor`, `prototype`) anywhere in the file (a hostile file is not imported at all); absurd
 *   nesting.
 * - Otherwise the document runs through the migrations, then each part is checked on its own against
 *   the document schema: an invalid persona, stage, lane, touchpoint, MOT or comment is dropped; an
 *   invalid emotion value drops only that emotion (invalid evidence drops only the evidence); unknown
 *   keys are dropped; references to something that does not exist (or was dropped) drop the element
 *   holding them; duplicate ids drop the later element; elements beyond the schema's limits are
 *   dropped; a bad title, description, locale, date or setting is replaced by a default.
 * - Every change is one report line `{ path, reason, code }`. A valid document comes back equal to
 *   the input (after the schema's defaults) with an empty report.
 *
 * Pure: no DOM, no I/O. The server's import route stays strict and validates the result again.
 */
import type { z } from 'zod';
import {
  commentSchema,
  CURRENT_SCHEMA_VERSION,
  DEFAULT_GROUP_WEIGHTS,
  dimensionSchema,
  emotionPointSchema,
  journeyMapSchema,
  laneSchema,
  LIMITS,
  localeSchema,
  mapSettingsSchema,
  motSchema,
  personaSchema,
  stageSchema,
  touchpointSchema,
  type JourneyMap,
  type Locale,
} from './schema';
import { migrateDocument, SchemaVersionError } from './migrations';
import { ID_PATTERN, newId } from './ids';
import { defaultPersona } from './defaults';
import { pathToString } from './validation';

export type SalvageCode = 'dropped' | 'unknown-key' | 'dangling' | 'duplicate' | 'over-limit' | 'defaulted' | 'truncated';

export interface SalvageNote {
  /** Where, as a dotted path: `touchpoints.3`, `touchpoints.3.emotions.p1`, `title`. */
  path: string;
  /** Why, in plain English (the UI shows it after a translated heading for the code). */
  reason: string;
  code: SalvageCode;
}

export type SalvageRefusal = 'not-a-map' | 'newer-version' | 'unsafe-key' | 'too-deep';

export type SalvageResult =
  | { ok: true; map: JourneyMap; report: SalvageNote[]; migratedFrom: number }
  | { ok: false; kind: SalvageRefusal; message: string; path?: string; version?: number };

export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
export const MAX_SALVAGE_DEPTH = 64;

type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first prototype-pollution key (as a path) or an absurd depth, found without recursion. */
function findUnsafe(value: unknown): { kind: 'unsafe-key' | 'too-deep'; path: string } | null {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop();
    if (!item || typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth > MAX_SALVAGE_DEPTH) return { kind: 'too-deep', path: item.path };
    const isArray = Array.isArray(item.value);
    for (const [key, child] of Object.entries(item.value)) {
      const path = item.path ? `${item.path}.${key}` : key;
      if (!isArray && FORBIDDEN_KEYS.has(key)) return { kind: 'unsafe-key', path };
      stack.push({ value: child, path, depth: item.depth + 1 });
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Unknown keys, found by walking the zod schema (strict objects refuse them; we drop them instead)

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
}
const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** A copy of `value` without the keys `schema` does not know (recursively), each one reported. */
function stripUnknown(value: unknown, schema: z.ZodType, path: string, report: SalvageNote[]): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case 'optional':
    case 'default':
    case 'nullable':
    case 'prefault':
      return def.innerType ? stripUnknown(value, def.innerType, path, report) : value;
    case 'array':
      return Array.isArray(value) && def.element
        ? value.map((v, i) => stripUnknown(v, def.element as z.ZodType, `${path}.${i}`, report))
        : value;
    case 'record': {
      if (!isRecord(value) || !def.valueType) return value;
      const out: Rec = {};
      for (const [k, v] of Object.entries(value)) out[k] = stripUnknown(v, def.valueType, `${path}.${k}`, report);
      return out;
    }
    case 'object': {
      if (!isRecord(value) || !def.shape) return value;
      const out: Rec = {};
      for (const [k, v] of Object.entries(value)) {
        const child = def.shape[k];
        if (child) out[k] = stripUnknown(v, child, `${path}.${k}`, report);
        else report.push({ path: `${path}.${k}`, reason: `unknown key "${k}" dropped`, code: 'unknown-key' });
      }
      return out;
    }
    default:
      return value;
  }
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid';
  const where = pathToString(issue.path);
  return where ? `${where}: ${issue.message}` : issue.message;
}

function describe(kind: string, raw: unknown): string {
  if (!isRecord(raw)) return kind;
  const label = typeof raw.title === 'string' ? raw.title : typeof raw.name === 'string' ? raw.name : '';
  const short = label.length > 60 ? `${label.slice(0, 57)}…` : label;
  return short ? `${kind} “${short}”` : typeof raw.id === 'string' ? `${kind} ${raw.id}` : kind;
}

/**
 * Parse every element of `list` with `schema`: unknown keys dropped, invalid and duplicate elements
 * dropped, `check` (references) applied, at most `limit` kept. Each drop is reported.
 */
function salvageList<S extends z.ZodType>(
  raw: unknown,
  key: string,
  kind: string,
  schema: S,
  limit: number,
  report: SalvageNote[],
  check: (item: z.output<S>, rawItem: Rec) => string | null = () => null,
  prepare: (item: Rec, path: string) => Rec = (item) => item,
): Array<z.output<S>> {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    report.push({ path: key, reason: `${key} must be a list: replaced by an empty list`, code: 'defaulted' });
    return [];
  }
  const out: Array<z.output<S>> = [];
  const seen = new Set<string>();
  raw.forEach((item, i) => {
    const path = `${key}.${i}`;
    if (!isRecord(item)) {
      report.push({ path, reason: `${kind} dropped: not an object`, code: 'dropped' });
      return;
    }
    const parsed = schema.safeParse(prepare(stripUnknown(item, schema, path, report) as Rec, path));
    if (!parsed.success) {
      report.push({ path, reason: `${describe(kind, item)} dropped: ${firstIssue(parsed.error)}`, code: 'dropped' });
      return;
    }
    const value = parsed.data as z.output<S> & { id: string };
    if (seen.has(value.id)) {
      report.push({ path, reason: `${describe(kind, item)} dropped: duplicate id "${value.id}"`, code: 'duplicate' });
      return;
    }
    const problem = check(value, item);
    if (problem) {
      report.push({ path, reason: `${describe(kind, item)} dropped: ${problem}`, code: 'dangling' });
      return;
    }
    if (out.length >= limit) {
      report.push({ path, reason: `${describe(kind, item)} dropped: a map holds at most ${limit} ${key}`, code: 'over-limit' });
      return;
    }
    seen.add(value.id);
    out.push(value);
  });
  return out;
}

/** Emotions of one raw touchpoint: unknown personas and invalid values dropped, bad evidence dropped alone. */
function salvageEmotions(raw: unknown, path: string, personaIds: ReadonlySet<string>, report: SalvageNote[]): Rec {
  if (raw === undefined) return {};
  if (!isRecord(raw)) {
    report.push({ path, reason: 'emotions must be an object keyed by persona: all emotions of this touchpoint dropped', code: 'dropped' });
    return {};
  }
  const out: Rec = {};
  for (const [personaId, value] of Object.entries(raw)) {
    const p = `${path}.${personaId}`;
    if (!ID_PATTERN.test(personaId) || !personaIds.has(personaId)) {
      report.push({ path: p, reason: `emotion dropped: unknown persona "${personaId}"`, code: 'dangling' });
      continue;
    }
    const stripped = stripUnknown(value, emotionPointSchema, p, report);
    const parsed = emotionPointSchema.safeParse(stripped);
    if (parsed.success) {
      out[personaId] = parsed.data;
      continue;
    }
    const evidenceOnly = parsed.error.issues.every((issue) => issue.path[0] === 'evidence');
    if (evidenceOnly && isRecord(stripped)) {
      const { evidence: _evidence, ...rest } = stripped;
      const again = emotionPointSchema.safeParse(rest);
      if (again.success) {
        report.push({ path: `${p}.evidence`, reason: `evidence dropped: ${firstIssue(parsed.error)}`, code: 'dropped' });
        out[personaId] = again.data;
        continue;
      }
    }
    report.push({ path: p, reason: `emotion dropped: ${firstIssue(parsed.error)}`, code: 'dropped' });
  }
  return out;
}

function salvageText(raw: unknown, path: string, max: number, fallback: string, report: SalvageNote[]): string {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string') {
    report.push({ path, reason: `${path} must be text: replaced by “${fallback}”`, code: 'defaulted' });
    return fallback;
  }
  if (raw.length > max) {
    report.push({ path, reason: `${path} cut to ${max} characters`, code: 'truncated' });
    return raw.slice(0, max);
  }
  return raw;
}

function salvageDate(raw: unknown, path: string, fallback: string, report: SalvageNote[]): string {
  const ok = typeof raw === 'string' && journeyMapSchema.shape.createdAt.safeParse(raw).success;
  if (ok) return raw;
  report.push({ path, reason: `${path} is not a valid date: replaced by ${fallback}`, code: 'defaulted' });
  return fallback;
}

function salvageSettings(raw: unknown, report: SalvageNote[]): JourneyMap['settings'] {
  const defaults: JourneyMap['settings'] = { coreMessage: '', focusDimension: null, groupWeights: { ...DEFAULT_GROUP_WEIGHTS } };
  if (raw === undefined) return defaults;
  if (!isRecord(raw)) {
    report.push({ path: 'settings', reason: 'settings must be an object: defaults used', code: 'defaulted' });
    return defaults;
  }
  const stripped = stripUnknown(raw, mapSettingsSchema, 'settings', report) as Rec;
  const whole = mapSettingsSchema.safeParse(stripped);
  if (whole.success) return whole.data;
  const out = { ...defaults };
  const core = mapSettingsSchema.shape.coreMessage.safeParse(stripped.coreMessage);
  if (core.success) out.coreMessage = core.data;
  else report.push({ path: 'settings.coreMessage', reason: `core message dropped: ${firstIssue(core.error)}`, code: 'defaulted' });
  const focus = dimensionSchema.nullable().default(null).safeParse(stripped.focusDimension);
  if (focus.success) out.focusDimension = focus.data;
  else report.push({ path: 'settings.focusDimension', reason: `focus dimension dropped: ${firstIssue(focus.error)}`, code: 'defaulted' });
  const weights = mapSettingsSchema.shape.groupWeights.safeParse(stripped.groupWeights);
  if (weights.success) out.groupWeights = weights.data;
  else report.push({ path: 'settings.groupWeights', reason: `group weights reset: ${firstIssue(weights.error)}`, code: 'defaulted' });
  return out;
}

const TOP_LEVEL_KEYS = new Set(Object.keys(journeyMapSchema.shape));

function looksLikeMap(doc: Rec): boolean {
  return ['stages', 'touchpoints', 'lanes', 'personas', 'phases'].some((k) => Array.isArray(doc[k]));
}

/**
 * Salvage any parsed JSON value into a valid journey map, or refuse it. Never throws.
 * `now` stamps replaced dates (tests pass a fixed one).
 */
export function salvageJourneyMap(raw: unknown, now: Date = new Date()): SalvageResult {
  if (!isRecord(raw) || !looksLikeMap(raw)) {
    return {
      ok: false,
      kind: 'not-a-map',
      message: 'This file is not a MOT Canvas journey map: it has no stages, lanes, personas or touchpoints.',
    };
  }
  const unsafe = findUnsafe(raw);
  if (unsafe) {
    return unsafe.kind === 'unsafe-key'
      ? {
          ok: false,
          kind: 'unsafe-key',
          path: unsafe.path,
          message: `The file contains the key "${unsafe.path.split('.').pop() ?? ''}" at ${unsafe.path}, which could tamper with the app: it is not imported.`,
        }
      : { ok: false, kind: 'too-deep', path: unsafe.path, message: `The file is nested more than ${MAX_SALVAGE_DEPTH} levels deep: it is not imported.` };
  }

  const report: SalvageNote[] = [];
  let source: Rec = raw;
  const declared = raw.schemaVersion;
  if (typeof declared === 'number' && Number.isFinite(declared) && declared > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      kind: 'newer-version',
      version: declared,
      message: `This map was saved by a newer version of MOT Canvas (schema version ${declared}); this app reads up to version ${CURRENT_SCHEMA_VERSION}. Update MOT Canvas to open it.`,
    };
  }
  const versionOk = typeof declared === 'number' && Number.isInteger(declared) && declared >= 0;
  if (!versionOk && !(declared === undefined && 'phases' in raw)) {
    report.push({ path: 'schemaVersion', reason: `schema version missing or invalid: read as version ${CURRENT_SCHEMA_VERSION}`, code: 'defaulted' });
    source = { ...raw, schemaVersion: CURRENT_SCHEMA_VERSION };
  }
  let doc: Rec;
  let migratedFrom: number;
  try {
    const migrated = migrateDocument(source);
    doc = migrated.doc;
    migratedFrom = migrated.fromVersion;
  } catch (e) {
    if (e instanceof SchemaVersionError) return { ok: false, kind: 'not-a-map', message: e.message };
    return { ok: false, kind: 'not-a-map', message: `This file could not be read as a journey map: ${e instanceof Error ? e.message : String(e)}` };
  }

  for (const key of Object.keys(doc)) {
    if (!TOP_LEVEL_KEYS.has(key)) report.push({ path: key, reason: `unknown key "${key}" dropped`, code: 'unknown-key' });
  }

  const stamp = now.toISOString();
  const localeParsed = localeSchema.safeParse(doc.locale);
  const locale: Locale = localeParsed.success ? localeParsed.data : 'en';
  if (!localeParsed.success) report.push({ path: 'locale', reason: `unknown language ${JSON.stringify(doc.locale) ?? 'undefined'}: English used`, code: 'defaulted' });

  let id = typeof doc.id === 'string' && ID_PATTERN.test(doc.id) ? doc.id : '';
  if (!id) {
    id = newId();
    report.push({ path: 'id', reason: 'map id missing or invalid: a new one is used', code: 'defaulted' });
  }

  const personas = salvageList(doc.personas, 'personas', 'persona', personaSchema, LIMITS.personas, report);
  if (personas.length === 0) {
    personas.push(defaultPersona(locale));
    report.push({ path: 'personas', reason: 'no valid persona: a default persona was added (a map needs one)', code: 'defaulted' });
  }
  const personaIds = new Set(personas.map((p) => p.id));
  const stages = salvageList(doc.stages, 'stages', 'stage', stageSchema, LIMITS.stages, report);
  const stageIds = new Set(stages.map((s) => s.id));
  const lanes = salvageList(doc.lanes, 'lanes', 'lane', laneSchema, LIMITS.lanes, report);
  const laneIds = new Set(lanes.map((l) => l.id));
  const touchpoints = salvageList(
    doc.touchpoints,
    'touchpoints',
    'touchpoint',
    touchpointSchema,
    LIMITS.touchpoints,
    report,
    (tp) => (!stageIds.has(tp.stageId) ? `unknown stage "${tp.stageId}"` : !laneIds.has(tp.laneId) ? `unknown lane "${tp.laneId}"` : null),
    (item, path) => ('emotions' in item ? { ...item, emotions: salvageEmotions(item.emotions, `${path}.emotions`, personaIds, report) } : item),
  );
  const touchpointIds = new Set(touchpoints.map((t) => t.id));
  const mots = salvageList(doc.mots, 'mots', 'MOT', motSchema, LIMITS.mots, report, (m) =>
    touchpointIds.has(m.touchpointId) ? null : `unknown touchpoint "${m.touchpointId}"`,
  );
  const motIds = new Set(mots.map((m) => m.id));
  let comments = salvageList(doc.comments, 'comments', 'comment', commentSchema, LIMITS.comments, report, (c) => {
    const targets = c.targetKind === 'touchpoint' ? touchpointIds : c.targetKind === 'mot' ? motIds : stageIds;
    return targets.has(c.targetId) ? null : `unknown ${c.targetKind} "${c.targetId}"`;
  });
  // Replies whose thread was dropped go too (repeat: a dropped reply may itself have replies).
  for (;;) {
    const kept = new Set(comments.map((c) => c.id));
    const orphan = comments.find((c) => c.parentId !== null && !kept.has(c.parentId));
    if (!orphan) break;
    report.push({ path: `comments`, reason: `comment ${orphan.id} dropped: unknown comment "${orphan.parentId}"`, code: 'dangling' });
    comments = comments.filter((c) => c !== orphan);
  }

  const map = {
    id,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    title: salvageText(doc.title, 'title', LIMITS.mapTitle, '', report),
    description: salvageText(doc.description, 'description', LIMITS.description, '', report),
    locale,
    createdAt: salvageDate(doc.createdAt, 'createdAt', stamp, report),
    updatedAt: salvageDate(doc.updatedAt, 'updatedAt', stamp, report),
    personas,
    stages,
    lanes,
    touchpoints,
    mots,
    comments,
    settings: salvageSettings(doc.settings, report),
  };
  const final = journeyMapSchema.safeParse(map);
  if (!final.success) {
    // Should not happen: every part was checked. Refuse rather than import something invalid.
    return { ok: false, kind: 'not-a-map', message: `The file could not be repaired: ${firstIssue(final.error)}` };
  }
  return { ok: true, map: final.data, report, migratedFrom };
}
