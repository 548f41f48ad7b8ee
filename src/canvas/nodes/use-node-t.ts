/**
 * A translation hook for things drawn many times on the canvas (cards, cells, curve points).
 *
 * react-i18next's useTranslation copies the i18next instance and builds a fixed `t` for every
 * component that mounts: at 600 cards in view that alone took ~100 ms of a load. Here all canvas
 * nodes share one `t` per language (cached at module level, re-rendering on a language switch like
 * useTranslation does), and keys without options are looked up once per language.
 */
import { useSyncExternalStore } from 'react';
import i18next, { type TFunction } from 'i18next';

const listeners = new Set<() => void>();
let bound = false;

function subscribe(listener: () => void): () => void {
  if (!bound) {
    bound = true;
    i18next.on('languageChanged', () => {
      for (const l of [...listeners]) l();
    });
  }
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

const getLanguage = (): string => i18next.language ?? '';

const byLanguage = new Map<string, TFunction>();

/** Options that change what i18next looks up or returns: such calls always go through i18next. */
const SPECIAL_OPTIONS = new Set([
  'count', 'context', 'defaultValue', 'lng', 'lngs', 'ns', 'keyPrefix', 'returnObjects', 'returnDetails', 'joinArrays',
  'postProcess', 'interpolation', 'skipInterpolation', 'replace', 'ordinal', 'fallbackLng',
]);

/** A catalogue string split at its `{{name}}` placeholders: [text, name, text, name, …, text]. */
type Template = readonly string[];
const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g;

/** The template of a key in one language, or null when it needs i18next (missing, nesting, formats…). */
function compile(language: string, key: string): Template | null {
  const raw: unknown = i18next.getResource(language, 'translation', key);
  if (typeof raw !== 'string') return null;
  const rest = raw.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('$t(')) return null;
  return raw.split(PLACEHOLDER);
}

/**
 * One `t` per language. A plain key (no options) is translated once and remembered; a key with
 * only `{{name}}` values is filled in from its precompiled catalogue string (what i18next does with
 * escapeValue off, without its per-call option handling — the emotion lane's 900 points make 1800
 * such calls on load). Anything else goes to i18next itself.
 */
export function sharedT(language: string): TFunction {
  let t = byLanguage.get(language);
  if (t) return t;
  const base = i18next.getFixedT(language) as unknown as (...a: unknown[]) => unknown;
  const plain = new Map<string, string>();
  const templates = new Map<string, Template | null>();
  const cached = (key: unknown, ...rest: unknown[]): unknown => {
    if (typeof key !== 'string') return base(key, ...rest);
    if (rest.length === 0) {
      let hit = plain.get(key);
      if (hit === undefined) {
        hit = String(base(key));
        plain.set(key, hit);
      }
      return hit;
    }
    const options = rest[0];
    if (rest.length > 1 || !options || typeof options !== 'object') return base(key, ...rest);
    const values = options as Record<string, unknown>;
    for (const name in values) {
      const v = values[name];
      if (SPECIAL_OPTIONS.has(name) || (typeof v !== 'string' && typeof v !== 'number')) return base(key, ...rest);
    }
    let template = templates.get(key);
    if (template === undefined) {
      template = compile(language, key);
      templates.set(key, template);
    }
    if (!template) return base(key, ...rest);
    let out = template[0] ?? '';
    for (let i = 1; i < template.length; i += 2) {
      const v = values[template[i] ?? ''];
      if (v === undefined) return base(key, ...rest); // i18next's missing-value handling
      out += String(v) + (template[i + 1] ?? '');
    }
    return out;
  };
  t = cached as unknown as TFunction;
  byLanguage.set(language, t);
  return t;
}

/** `t` and the current language for a canvas node; re-renders only when the language changes. */
export function useNodeT(): { t: TFunction; locale: string } {
  const locale = useSyncExternalStore(subscribe, getLanguage, getLanguage);
  return { t: sharedT(locale), locale };
}
