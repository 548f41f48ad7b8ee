/**
 * The clipboard format for copied cards. Plain JSON text so it survives the system clipboard;
 * everything read back is validated with zod before it touches a document.
 */
import { z } from 'zod';
import { channelSchema, emotionPointSchema, LIMITS, type JourneyMap } from '../domain/schema';
import { ID_PATTERN } from '../domain/ids';
import { journeySequence } from '../domain/journey-order';
import { describeZodError } from '../domain/validation';

export const CLIPBOARD_KIND = 'mot-canvas/touchpoints';
export const CLIPBOARD_VERSION = 1;
/** Longer clipboard text is refused before parsing. */
export const MAX_CLIPBOARD_CHARS = 5_000_000;

const idSchema = z.string().regex(ID_PATTERN);

export const clipboardTouchpointSchema = z.strictObject({
  title: z.string().max(LIMITS.cardTitle),
  description: z.string().max(LIMITS.description).default(''),
  channel: channelSchema.default('other'),
  /** Keyed by the *source* map's persona ids; see `personaNames`. */
  emotions: z.record(idSchema, emotionPointSchema).default({}),
});
export type ClipboardTouchpoint = z.infer<typeof clipboardTouchpointSchema>;

export const clipboardPayloadSchema = z.strictObject({
  kind: z.literal(CLIPBOARD_KIND),
  version: z.literal(CLIPBOARD_VERSION),
  sourceMapId: idSchema.optional(),
  touchpoints: z.array(clipboardTouchpointSchema).min(1).max(LIMITS.touchpoints),
  /** Source persona id → name, so emotions can be matched by name in another map. */
  personaNames: z.record(idSchema, z.string().max(LIMITS.name)).default({}),
});
export type ClipboardPayload = z.infer<typeof clipboardPayloadSchema>;

export type ClipboardParseResult =
  | { ok: true; payload: ClipboardPayload }
  | { ok: false; reason: 'empty' | 'too-large' | 'not-json' | 'not-mot-canvas' | 'unsupported-version' | 'invalid'; message: string };

/** The clipboard payload for the given cards, in journey order. Null if none of the ids exist. */
export function buildClipboardPayload(doc: JourneyMap, ids: Iterable<string>): ClipboardPayload | null {
  const wanted = new Set(ids);
  const cards = journeySequence(doc).filter((t) => wanted.has(t.id));
  if (!cards.length) return null;
  const used = new Set<string>();
  const touchpoints = cards.map((t) => {
    for (const pid of Object.keys(t.emotions)) used.add(pid);
    return {
      title: t.title,
      description: t.description,
      channel: t.channel,
      emotions: JSON.parse(JSON.stringify(t.emotions)) as ClipboardTouchpoint['emotions'],
    };
  });
  const personaNames: Record<string, string> = {};
  for (const p of doc.personas) if (used.has(p.id)) personaNames[p.id] = p.name;
  return { kind: CLIPBOARD_KIND, version: CLIPBOARD_VERSION, sourceMapId: doc.id, touchpoints, personaNames };
}

/** Clipboard text for the given cards, or null if none of the ids exist. */
export function serializeClipboard(doc: JourneyMap, ids: Iterable<string>): string | null {
  const payload = buildClipboardPayload(doc, ids);
  return payload ? JSON.stringify(payload) : null;
}

/** Read clipboard text. Never throws; anything that is not our payload is `ok: false`. */
export function parseClipboard(text: unknown): ClipboardParseResult {
  try {
    if (typeof text !== 'string' || text.trim() === '') return { ok: false, reason: 'empty', message: 'The clipboard is empty' };
    if (text.length > MAX_CLIPBOARD_CHARS)
      return { ok: false, reason: 'too-large', message: `The clipboard holds more than ${MAX_CLIPBOARD_CHARS} characters` };
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return { ok: false, reason: 'not-json', message: 'The clipboard does not hold copied cards' };
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || (raw as { kind?: unknown }).kind !== CLIPBOARD_KIND)
      return { ok: false, reason: 'not-mot-canvas', message: 'The clipboard does not hold copied cards' };
    if ((raw as { version?: unknown }).version !== CLIPBOARD_VERSION)
      return { ok: false, reason: 'unsupported-version', message: 'The cards were copied from a newer version of MOT Canvas' };
    const parsed = clipboardPayloadSchema.safeParse(raw);
    if (!parsed.success) {
      const first = describeZodError(parsed.error)[0];
      return { ok: false, reason: 'invalid', message: first ? `Copied cards are damaged (${first.path}: ${first.message})` : 'Copied cards are damaged' };
    }
    return { ok: true, payload: parsed.data };
  } catch {
    return { ok: false, reason: 'invalid', message: 'Copied cards are damaged' };
  }
}
