/**
 * Form controls of the inspector that write straight into the document store.
 *
 * Typing is applied live (every keystroke is a `store.apply`, so the canvas follows as you
 * type) but recorded as ONE undo step per burst: the first change opens a gesture, leaving the
 * field (blur, Enter in a one-line field, Esc, unmount) closes it.
 */
import { useCallback, useEffect, useId, useMemo, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneyMap } from '../../domain/schema';
import type { MapStore, Recipe } from '../../store/map-store';
import { useMapStore } from '../../store/use-map-store';
import { SWATCHES } from './palette';

export const labelClass = 'block text-xs font-medium text-slate-600';
export const inputClass =
  'mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/40';
export const hintClass = 'mt-1 text-xs text-slate-500';

// ── focus requests ───────────────────────────────────────────────────────────────────────────

let pendingFocus: string | null = null;

/** Ask the field with this `focusKey` to take focus (and select its text) when it next mounts. */
export function requestFieldFocus(key: string): void {
  pendingFocus = key;
}

function useRequestedFocus(key: string | undefined, el: { current: HTMLInputElement | HTMLTextAreaElement | null }): void {
  useEffect(() => {
    if (!key || pendingFocus !== key) return;
    pendingFocus = null;
    el.current?.focus();
    el.current?.select();
  }, [key, el]);
}

// ── undo inside fields ───────────────────────────────────────────────────────────────────────

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Meta', 'Alt']);

function isFormField(el: EventTarget | null): boolean {
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement;
}

/**
 * Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z and Ctrl/Cmd+Y inside a form field undo/redo the *map* (the
 * editor's window shortcuts skip fields, and the browser's own field undo knows nothing of the
 * store). Other keys typed in a field stay in the field: they must not reach canvas shortcuts.
 */
export function handleFieldKeys(e: KeyboardEvent, store: MapStore): void {
  if (!isFormField(e.target) || MODIFIER_KEYS.has(e.key)) return;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey && (key === 'z' || key === 'y')) {
    e.preventDefault();
    if (key === 'y' || e.shiftKey) store.redo();
    else store.undo();
  }
  e.stopPropagation();
}

// ── edit bursts ──────────────────────────────────────────────────────────────────────────────

/**
 * Group live changes into one undo step. `apply` opens the gesture on the first change;
 * `end` closes it (running `beforeEnd` inside it, e.g. to put back an emptied name).
 * If something else closed the gesture meanwhile (an undo), the next change opens a new one.
 */
export function useEditBurst(label: string) {
  const store = useMapStore();
  const active = useRef(false);
  const isOpen = useCallback(() => active.current && store.getState().gesture === label, [store, label]);
  /** Returns true when this change opened a new burst. */
  const apply = useCallback(
    (recipe: Recipe): boolean => {
      const opened = !isOpen();
      if (opened) {
        store.beginGesture(label);
        active.current = true;
      }
      store.apply(recipe);
      return opened;
    },
    [store, label, isOpen],
  );
  const end = useCallback(
    (beforeEnd?: () => void) => {
      if (!active.current) return;
      const open = isOpen();
      active.current = false;
      if (!open) return;
      beforeEnd?.();
      store.endGesture();
    },
    [store, isOpen],
  );
  return useMemo(() => ({ apply, end }), [apply, end]);
}

// ── text ─────────────────────────────────────────────────────────────────────────────────────

interface TextFieldProps {
  label: string;
  /** The current value in the document. */
  value: string;
  maxLength: number;
  /** Writes the text into the draft. */
  write: (d: JourneyMap, value: string) => unknown;
  /** Undo-history label of a typing burst. */
  historyLabel: string;
  multiline?: boolean;
  rows?: number;
  /** Multi-line, but Enter ends the burst (Shift+Enter makes a new line), like editing a title in place. */
  enterEnds?: boolean;
  /** A blank value is put back to the last non-blank one when the field is left. */
  required?: boolean;
  placeholder?: string;
  hint?: ReactNode;
  /** See `requestFieldFocus`. */
  focusKey?: string;
  /** Show the character counter from this length on (default: 80 % of `maxLength`). */
  counterFrom?: number;
  testId?: string;
}

export function TextField({
  label,
  value,
  maxLength,
  write,
  historyLabel,
  multiline,
  rows = 3,
  enterEnds,
  required,
  placeholder,
  hint,
  focusKey,
  counterFrom,
  testId,
}: TextFieldProps) {
  const { t } = useTranslation();
  const store = useMapStore();
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const burst = useEditBurst(historyLabel);
  const start = useRef(value);
  const latest = useRef({ value, write, required });
  useEffect(() => {
    latest.current = { value, write, required };
  });
  useRequestedFocus(focusKey, ref);

  const finish = useCallback(() => {
    burst.end(() => {
      const { value: now, write: w, required: req } = latest.current;
      const before = start.current;
      if (req && now.trim() === '' && before.trim() !== '') store.apply((d) => void w(d, before));
    });
  }, [burst, store]);

  // Leaving by unmounting (selection changed, element deleted elsewhere) ends the burst too.
  useEffect(() => finish, [finish]);

  const showCounter = value.length >= (counterFrom ?? Math.floor(maxLength * 0.8));
  const blankRequired = required && value.trim() === '';
  const hintId = `${id}-hint`;
  const counterId = `${id}-counter`;
  const restoreId = `${id}-restore`;
  const describedBy =
    [hint ? hintId : null, blankRequired ? restoreId : null, showCounter ? counterId : null].filter(Boolean).join(' ') || undefined;

  const common = {
    ref,
    id,
    value,
    maxLength,
    placeholder,
    'aria-describedby': describedBy,
    'data-testid': testId,
    className: inputClass,
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const next = e.target.value;
      const before = latest.current.value;
      if (burst.apply((d) => void write(d, next))) start.current = before;
    },
    onBlur: finish,
    onKeyDown: (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (e.key === 'Escape' && !e.nativeEvent.isComposing) {
        e.preventDefault();
        e.stopPropagation();
        e.currentTarget.blur();
      } else if (e.key === 'Enter' && (!multiline || (enterEnds && !e.shiftKey)) && !e.nativeEvent.isComposing) {
        e.preventDefault();
        finish();
      }
    },
  };

  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {multiline ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />}
      {blankRequired ? (
        <p id={restoreId} className="mt-1 text-xs text-amber-700">
          {t('editor.inspector.emptyNameRestored')}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className={hintClass}>
          {hint}
        </p>
      ) : null}
      {showCounter ? (
        <p id={counterId} className={`mt-1 text-right text-xs ${value.length >= maxLength ? 'font-medium text-rose-700' : 'text-amber-700'}`}>
          {t('editor.inspector.counter', { count: value.length, max: maxLength })}
        </p>
      ) : null}
    </div>
  );
}

// ── colour ───────────────────────────────────────────────────────────────────────────────────

interface ColorFieldProps {
  /** Legend of the group ("Stage colour"). */
  label: string;
  /** Label of the native colour input ("Custom stage colour"). */
  customLabel: string;
  value: string | undefined;
  /** Writes the colour (null: no colour, only offered when `allowNone`). */
  write: (d: JourneyMap, color: string | null) => unknown;
  historyLabel: string;
  allowNone?: boolean;
}

/** Eight swatches (+ optionally "no colour") and a native colour input for anything else. */
export function ColorField({ label, customLabel, value, write, historyLabel, allowNone }: ColorFieldProps) {
  const { t } = useTranslation();
  const store = useMapStore();
  const id = useId();
  const burst = useEditBurst(historyLabel);
  useEffect(() => () => burst.end(), [burst]);
  const current = value?.toLowerCase();
  const pick = (color: string | null) => {
    burst.end();
    store.apply((d) => void write(d, color), { label: historyLabel });
  };
  const swatch =
    'h-6 w-6 rounded-full border-2 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';
  return (
    <fieldset>
      <legend className={labelClass}>{label}</legend>
      <div className="mt-1.5 flex flex-wrap items-center gap-1.5" role="group" aria-label={t('editor.colors.palette')}>
        {SWATCHES.map((s) => {
          const on = current === s.hex.toLowerCase();
          return (
            <button
              key={s.hex}
              type="button"
              aria-pressed={on}
              aria-label={t(`editor.colors.${s.name}`)}
              title={t(`editor.colors.${s.name}`)}
              className={`${swatch} ${on ? 'border-slate-900 ring-2 ring-white ring-inset' : 'border-transparent'}`}
              style={{ backgroundColor: s.hex }}
              onClick={() => pick(s.hex)}
            />
          );
        })}
        {allowNone ? (
          <button
            type="button"
            aria-pressed={current === undefined}
            aria-label={t('editor.stage.noColor')}
            title={t('editor.stage.noColor')}
            className={`${swatch} relative overflow-hidden bg-white ${current === undefined ? 'border-slate-900' : 'border-slate-300'}`}
            onClick={() => pick(null)}
          >
            <span aria-hidden="true" className="absolute left-1/2 top-[-2px] h-7 w-0.5 -translate-x-1/2 rotate-45 bg-rose-500" />
          </button>
        ) : null}
        <label htmlFor={id} className="ml-1 flex items-center gap-1.5 text-xs text-slate-600">
          <input
            id={id}
            type="color"
            value={value ?? '#64748b'}
            className="h-7 w-9 cursor-pointer rounded border border-slate-300 bg-white p-0.5 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
            onChange={(e) => {
              const color = e.target.value;
              burst.apply((d) => void write(d, color));
            }}
            onBlur={() => burst.end()}
          />
          {customLabel}
        </label>
      </div>
    </fieldset>
  );
}

// ── select ───────────────────────────────────────────────────────────────────────────────────

interface SelectFieldProps {
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  hint?: ReactNode;
  testId?: string;
}

export function SelectField({ label, value, options, onChange, hint, testId }: SelectFieldProps) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select
        id={id}
        value={value}
        data-testid={testId}
        aria-describedby={hint ? `${id}-hint` : undefined}
        className={inputClass}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p id={`${id}-hint`} className={hintClass}>
          {hint}
        </p>
      ) : null}
    </div>
  );
}
