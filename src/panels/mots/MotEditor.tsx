/**
 * The MOT editor: the three elements (who, situation, feeling) each in its own labelled field,
 * what is missing or weak (from `motCompleteness`), and the attributes used to choose MOTs:
 * journey dimension, the customer group the insight comes from, three ratings, votes per group,
 * chosen. Everything is written through the map store; typing in a field is one undo step per burst.
 *
 * Also exports the small form controls the workbench shares: `StoreTextField` and `NumberField`.
 */
import { useEffect, useId, useRef, useState, type ChangeEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { motCompleteness } from '../../domain/mot-rules';
import { CUSTOMER_GROUPS, DIMENSIONS, LIMITS, type CustomerGroup, type Dimension, type JourneyMap, type Mot } from '../../domain/schema';
import { deleteMot, setMotChosen, updateMot } from '../../store/commands';
import { motById, stageById, touchpointById } from '../../store/selectors';
import { useMapSelector, useMapStore } from '../../store/use-map-store';
import { useViewStore } from '../../canvas/view-state';
import { motNumber } from '../../canvas/mots/mot-numbering';
import { Dialog } from '../../components/Dialog';
import { buttonDanger, buttonSecondary } from '../../components/buttons';
import { handleFieldKeys, useEditBurst } from '../inspector/fields';

// ── shared styles ───────────────────────────────────────────────────────────────────────────

export const focusRing = 'focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';
export const labelClass = 'block text-xs font-medium text-slate-700';
/** A field's look without its size and position. */
export const inputBase =
  'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/40';
export const inputClass = `mt-1 block w-full ${inputBase}`;
export const helpClass = 'mt-1 text-xs text-slate-500';
export const errorClass = 'mt-1 text-xs font-medium text-rose-700';
export const sectionTitleClass = 'text-xs font-semibold uppercase tracking-wide text-slate-500';

// ── text field writing into the store ─────────────────────────────────────────────────────

interface StoreTextFieldProps {
  label: ReactNode;
  value: string;
  max: number;
  /** Writes the (already length-limited) text into the draft. */
  write: (d: JourneyMap, text: string) => unknown;
  /** Undo-history label of a typing burst. */
  historyLabel: string;
  multiline?: boolean;
  rows?: number;
  placeholder?: string;
  help?: ReactNode;
  /** Shown under the field in rose (e.g. "Situation missing"). */
  problem?: ReactNode;
  autoFocus?: boolean;
  testId?: string;
}

/**
 * A text input / textarea bound to the document. Typing is applied live and grouped into one
 * undo step per burst. No `maxLength`: a paste longer than the schema limit is cut by the command
 * and the field says so, instead of the browser dropping the text silently.
 */
export function StoreTextField({
  label,
  value,
  max,
  write,
  historyLabel,
  multiline,
  rows = 4,
  placeholder,
  help,
  problem,
  autoFocus,
  testId,
}: StoreTextFieldProps) {
  const { t, i18n } = useTranslation();
  const store = useMapStore();
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const burst = useEditBurst(historyLabel);
  const [cut, setCut] = useState(false);
  useEffect(() => () => burst.end(), [burst]);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
    // only on mount
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const helpId = `${id}-help`;
  const problemId = `${id}-problem`;
  const cutId = `${id}-cut`;
  const counterId = `${id}-counter`;
  const showCounter = value.length >= Math.floor(max * 0.8);
  const describedBy = [problem ? problemId : null, help ? helpId : null, cut ? cutId : null, showCounter ? counterId : null]
    .filter(Boolean)
    .join(' ');
  const nf = new Intl.NumberFormat(i18n.language);

  const common = {
    ref,
    id,
    value,
    placeholder,
    'aria-describedby': describedBy || undefined,
    'aria-invalid': problem ? true : undefined,
    'data-testid': testId,
    className: `${inputClass} ${problem ? 'border-rose-400' : ''}`,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      const raw = e.target.value;
      const tooLong = raw.length > max;
      setCut(tooLong);
      const text = tooLong ? raw.slice(0, max) : raw;
      burst.apply((d) => void write(d, text));
    },
    onBlur: () => burst.end(),
    onKeyDown: (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      handleFieldKeys(e, store);
      if (e.key === 'Enter' && !multiline && !e.nativeEvent.isComposing) {
        e.preventDefault();
        burst.end();
      }
    },
  };

  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {multiline ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />}
      {problem ? (
        <p id={problemId} className={errorClass}>
          {problem}
        </p>
      ) : null}
      {cut ? (
        <p id={cutId} role="alert" className={errorClass}>
          {t('mots.editor.tooLong', { max: nf.format(max) })}
        </p>
      ) : null}
      {help ? (
        <div id={helpId} className={helpClass}>
          {help}
        </div>
      ) : null}
      {showCounter ? (
        <p id={counterId} className={`mt-1 text-right text-xs ${value.length >= max ? 'font-medium text-rose-700' : 'text-amber-700'}`}>
          {t('mots.editor.length', { count: nf.format(value.length), max: nf.format(max) })}
        </p>
      ) : null}
    </div>
  );
}

// ── number field ────────────────────────────────────────────────────────────────────────────

interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  /** Whole numbers only. */
  integer?: boolean;
  step?: number;
  /** Writes a valid value into the store (the field groups a typing burst into one undo step). */
  write: (d: JourneyMap, value: number) => unknown;
  historyLabel: string;
  testId?: string;
  className?: string;
  /** Label left, input right (for a column of short numbers). */
  inline?: boolean;
}

type Check = { ok: true; value: number } | { ok: false; error: string | null };

/**
 * A number input that never stores a bad value: negative, fractional (when `integer`), too large
 * or not-a-number input is kept in the field with a visible message and nothing is written; leaving
 * the field puts the stored value back (the message stays until the next valid entry).
 */
export function NumberField({ label, value, min, max, integer, step, write, historyLabel, testId, className = '', inline }: NumberFieldProps) {
  const { t, i18n } = useTranslation();
  const store = useMapStore();
  const id = useId();
  const burst = useEditBurst(historyLabel);
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => () => burst.end(), [burst]);
  const nf = new Intl.NumberFormat(i18n.language);

  const check = (raw: string): Check => {
    const text = raw.trim();
    if (text === '') return { ok: false, error: null };
    const n = Number(text);
    if (!Number.isFinite(n)) return { ok: false, error: t('mots.numberErrors.invalid', { label }) };
    if (n < min) return { ok: false, error: t('mots.numberErrors.negative', { value: text }) };
    if (integer && !Number.isInteger(n)) return { ok: false, error: t('mots.numberErrors.notWhole', { value: text }) };
    if (n > max) return { ok: false, error: t('mots.numberErrors.tooLarge', { value: text, max: nf.format(max) }) };
    return { ok: true, value: n };
  };

  const errorId = `${id}-error`;
  // A valid draft that differs from the document means the document changed underneath (undo): show the document.
  const pending = draft === null ? null : check(draft);
  const shown = draft === null || (pending?.ok && pending.value !== value) ? String(value) : draft;
  return (
    <div className={className}>
      <div className={inline ? 'flex items-center justify-between gap-3' : ''}>
      <label htmlFor={id} className={inline ? 'text-sm text-slate-700' : labelClass}>
        {label}
      </label>
      <input
        id={id}
        type="number"
        inputMode={integer ? 'numeric' : 'decimal'}
        min={min}
        max={max}
        step={step ?? (integer ? 1 : 'any')}
        value={shown}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        data-testid={testId}
        className={`${inline ? `block w-24 shrink-0 text-right ${inputBase}` : inputClass} ${error ? 'border-rose-400' : ''}`}
        onChange={(e) => {
          const raw = e.target.value;
          setDraft(raw);
          const result = check(raw);
          if (result.ok) {
            setError(null);
            if (result.value !== value) burst.apply((d) => void write(d, result.value));
          } else if (raw !== '' || !e.target.validity.badInput) {
            setError(result.error);
          }
        }}
        onBlur={(e) => {
          burst.end();
          if (draft !== null && draft.trim() === '')
            setError(e.target.validity.badInput ? t('mots.numberErrors.invalid', { label }) : t('mots.numberErrors.empty', { label }));
          setDraft(null);
        }}
        onKeyDown={(e) => {
          handleFieldKeys(e, store);
          if (e.key === 'Enter') e.currentTarget.blur();
        }}
      />
      </div>
      {error ? (
        <p id={errorId} role="alert" className={errorClass} data-testid={testId ? `${testId}-error` : undefined}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

// ── the editor ──────────────────────────────────────────────────────────────────────────────

const RATINGS = ['importance', 'performance', 'competitorWeakness'] as const;
const RATING_VALUES = [0, 1, 2, 3, 4, 5] as const;

/** Name of the touchpoint (and its stage) an MOT is pinned on, as a primitive. */
function pinnedOn(doc: JourneyMap, touchpointId: string): string {
  const tp = touchpointById(doc, touchpointId);
  if (!tp) return '\n';
  return `${tp.title}\n${stageById(doc, tp.stageId)?.name ?? ''}`;
}

export function MotEditor({ motId }: { motId: string }) {
  const { t } = useTranslation();
  const store = useMapStore();
  const view = useViewStore();
  const mot = useMapSelector((doc) => motById(doc, motId));
  const number = useMapSelector((doc) => motNumber(doc, motId) ?? 0);
  const where = useMapSelector((doc) => (mot ? pinnedOn(doc, mot.touchpointId) : '\n'));
  const coreMessage = useMapSelector((doc) => doc.settings.coreMessage);
  const [confirmDelete, setConfirmDelete] = useState(false);
  // Focus "who" when a blank MOT was just pinned.
  const [startBlank] = useState(() => !!mot && !mot.who && !mot.situation && !mot.feeling);
  const baseId = useId();

  if (!mot) {
    return (
      <p className="p-4 text-sm text-slate-600" role="status">
        {t('mots.editor.notFound')}
      </p>
    );
  }

  const [tpTitle = '', stageName = ''] = where.split('\n');
  const completeness = motCompleteness(mot);
  const missing = new Set(completeness.missing);
  const hint = (h: (typeof completeness.hints)[number]) => (completeness.hints.includes(h) ? t(`mots.editor.hints.${h}`) : null);
  const update = (input: Parameters<typeof updateMot>[2], label: string) =>
    store.apply((d) => void updateMot(d, motId, input), { label });
  const motLabel = t('mots.motNumber', { number });

  return (
    <article className="flex flex-col gap-5 p-4" data-testid="mot-editor" data-mot-id={motId} aria-labelledby={`${baseId}-title`}>
      <header className="flex flex-col gap-1">
        <div className="flex items-center gap-2">
          <span
            aria-hidden="true"
            className={`inline-flex h-7 min-w-7 items-center justify-center rounded-full px-1.5 text-sm font-bold ${
              mot.chosen ? 'bg-amber-400 text-amber-950' : 'bg-white text-indigo-700'
            } border-2 ${!completeness.complete ? 'border-dashed border-rose-500' : mot.chosen ? 'border-amber-600' : 'border-indigo-500'}`}
          >
            {number}
          </span>
          <h2 id={`${baseId}-title`} className="text-base font-semibold text-slate-900">
            {motLabel}
          </h2>
        </div>
        <p className="text-xs text-slate-600">
          <span className="font-medium">{t('mots.editor.pinnedOn')}: </span>
          <span data-testid="mot-editor-touchpoint">{t('mots.editor.pinnedOnValue', { touchpoint: tpTitle, stage: stageName })}</span>
        </p>
      </header>

      <section aria-labelledby={`${baseId}-status`}>
        <h3 id={`${baseId}-status`} className="sr-only">
          {t('mots.editor.statusLabel')}
        </h3>
        {completeness.complete && completeness.hints.length === 0 ? (
          <p className="rounded-md bg-emerald-50 px-3 py-2 text-xs text-emerald-800" data-testid="mot-status">
            ✓ {t('mots.editor.complete')}
          </p>
        ) : (
          <ul className="flex flex-col gap-1 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-xs text-rose-800" data-testid="mot-status">
            {completeness.missing.map((m) => (
              <li key={m} className="font-semibold">
                {t(`mots.editor.missing.${m}`)}
              </li>
            ))}
            {completeness.hints.map((h) => (
              <li key={h} className="text-amber-800">
                {t(`mots.editor.hints.${h}`)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="flex flex-col gap-4" aria-labelledby={`${baseId}-elements`}>
        <div>
          <h3 id={`${baseId}-elements`} className={sectionTitleClass}>
            {t('mots.editor.elementsTitle')}
          </h3>
          <p className={helpClass}>{t('mots.editor.elementsHelp')}</p>
          <details className="mt-1 text-xs text-slate-600">
            <summary className={`cursor-pointer rounded font-medium text-indigo-700 ${focusRing}`}>{t('mots.editor.exampleTitle')}</summary>
            <p className="mt-1 italic">{t('mots.editor.example')}</p>
          </details>
        </div>

        <StoreTextField
          label={t('mots.editor.who')}
          value={mot.who}
          max={LIMITS.element}
          historyLabel={t('mots.undo.editWho')}
          write={(d, who) => updateMot(d, motId, { who })}
          placeholder={t('mots.editor.whoPlaceholder')}
          help={t('mots.editor.whoHelp')}
          problem={missing.has('who') ? t('mots.editor.missing.who') : hint('who-too-short')}
          autoFocus={startBlank}
          testId="mot-who"
        />
        <StoreTextField
          label={
            <>
              {t('mots.editor.situation')}{' '}
              <span className="ml-1 rounded bg-indigo-100 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-indigo-800">
                {t('mots.editor.situationBadge')}
              </span>
            </>
          }
          value={mot.situation}
          max={LIMITS.situation}
          multiline
          rows={5}
          historyLabel={t('mots.undo.editSituation')}
          write={(d, situation) => updateMot(d, motId, { situation })}
          placeholder={t('mots.editor.situationPlaceholder')}
          help={t('mots.editor.situationHelp')}
          problem={missing.has('situation') ? t('mots.editor.missing.situation') : hint('situation-too-short')}
          testId="mot-situation"
        />
        <StoreTextField
          label={
            <>
              {t('mots.editor.feeling')} <span className="font-normal text-slate-500">— {t('mots.editor.feelingSub')}</span>
            </>
          }
          value={mot.feeling}
          max={LIMITS.element}
          historyLabel={t('mots.undo.editFeeling')}
          write={(d, feeling) => updateMot(d, motId, { feeling })}
          placeholder={t('mots.editor.feelingPlaceholder')}
          help={
            <>
              <p>{t('mots.editor.feelingHelp')}</p>
              {coreMessage.trim() ? (
                <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-slate-600">
                  <span>{t('mots.editor.coreMessageIs', { message: coreMessage })}</span>
                  {mot.feeling !== coreMessage ? (
                    <button
                      type="button"
                      className={`rounded px-1 font-medium text-indigo-700 underline hover:text-indigo-900 ${focusRing}`}
                      data-testid="mot-use-core-message"
                      onClick={() => update({ feeling: coreMessage }, t('mots.undo.editFeeling'))}
                    >
                      {t('mots.editor.useCoreMessage')}
                    </button>
                  ) : null}
                </p>
              ) : null}
            </>
          }
          problem={missing.has('feeling') ? t('mots.editor.missing.feeling') : hint('feeling-too-long')}
          testId="mot-feeling"
        />
      </section>

      <section className="flex flex-col gap-4" aria-labelledby={`${baseId}-attributes`}>
        <h3 id={`${baseId}-attributes`} className={sectionTitleClass}>
          {t('mots.editor.attributesTitle')}
        </h3>

        <DimensionSelect
          label={t('mots.editor.dimension')}
          noneLabel={t('mots.editor.dimensionNone')}
          value={mot.dimension}
          onChange={(dimension) => update({ dimension }, t('mots.undo.dimension'))}
          testId="mot-dimension"
          withStates
        />

        <SourceRadios mot={mot} onChange={(source) => update({ source }, t('mots.undo.source'))} />

        <fieldset>
          <legend className={labelClass}>{t('mots.editor.ratingsTitle')}</legend>
          <p className={helpClass}>{t('mots.editor.ratingsHelp')}</p>
          <div className="mt-2 flex flex-col gap-2">
            {RATINGS.map((k) => (
              <RatingSelect
                key={k}
                label={t(`mots.editor.${k}`)}
                value={mot.ratings[k]}
                testId={`mot-rating-${k}`}
                onChange={(v) => update({ ratings: { [k]: v } }, t('mots.undo.rating'))}
              />
            ))}
          </div>
        </fieldset>

        <fieldset>
          <legend className={labelClass}>{t('mots.editor.votesTitle')}</legend>
          <p className={helpClass}>{t('mots.editor.votesHelp')}</p>
          <div className="mt-2 flex flex-col gap-2">
            {CUSTOMER_GROUPS.map((g) => (
              <NumberField
                inline
                key={g}
                label={t('mots.editor.votesFor', { group: t(`mots.groupsInline.${g}`) })}
                value={mot.votes[g]}
                min={0}
                max={LIMITS.votes}
                integer
                historyLabel={t('mots.undo.votes')}
                write={(d, v) => updateMot(d, motId, { votes: { [g]: v } })}
                testId={`mot-votes-${g}`}
              />
            ))}
          </div>
        </fieldset>

        <div className="flex items-start gap-2">
          <input
            id={`${baseId}-chosen`}
            type="checkbox"
            checked={mot.chosen}
            className={`mt-0.5 h-4 w-4 rounded border-slate-300 accent-amber-500 ${focusRing}`}
            aria-describedby={`${baseId}-chosen-help`}
            data-testid="mot-chosen"
            onChange={(e) => {
              const chosen = e.target.checked;
              store.apply((d) => void setMotChosen(d, motId, chosen), { label: t(chosen ? 'mots.undo.choose' : 'mots.undo.unchoose') });
            }}
          />
          <div>
            <label htmlFor={`${baseId}-chosen`} className="text-sm font-medium text-slate-800">
              {t('mots.editor.chosen')}
            </label>
            <p id={`${baseId}-chosen-help`} className={helpClass}>
              {t('mots.editor.chosenHelp')}
            </p>
          </div>
        </div>
      </section>

      <div className="border-t border-slate-200 pt-4">
        <button type="button" className={buttonSecondary} onClick={() => setConfirmDelete(true)} data-testid="mot-delete">
          <span aria-hidden="true">🗑</span> {t('mots.editor.delete')}
        </button>
      </div>

      <Dialog open={confirmDelete} title={t('mots.editor.deleteTitle', { number })} onClose={() => setConfirmDelete(false)}>
        <p className="text-sm text-slate-700">{t('mots.editor.deleteBody')}</p>
        <div className="flex justify-end gap-2">
          <button type="button" className={buttonSecondary} onClick={() => setConfirmDelete(false)}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className={buttonDanger}
            data-testid="mot-delete-confirm"
            onClick={() => {
              setConfirmDelete(false);
              store.apply((d) => void deleteMot(d, motId), { label: t('mots.undo.delete') });
              view.select(null);
            }}
          >
            {t('mots.editor.delete')}
          </button>
        </div>
      </Dialog>
    </article>
  );
}

// ── attribute controls ─────────────────────────────────────────────────────────────────────

export function DimensionSelect({
  label,
  noneLabel,
  value,
  onChange,
  testId,
  help,
  withStates,
}: {
  label: string;
  noneLabel: string;
  value: Dimension | null;
  onChange: (value: Dimension | null) => void;
  testId?: string;
  help?: ReactNode;
  /** Put the customer state of each dimension in its option ("Repurchase — buying again: stays out of habit"). */
  withStates?: boolean;
}) {
  const { t } = useTranslation();
  const id = useId();
  const describedBy = help ? `${id}-help` : '';
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <select
        id={id}
        value={value ?? ''}
        data-testid={testId}
        aria-describedby={describedBy || undefined}
        className={inputClass}
        onChange={(e) => {
          const v = e.target.value;
          onChange((DIMENSIONS as readonly string[]).includes(v) ? (v as Dimension) : null);
        }}
      >
        <option value="">{noneLabel}</option>
        {DIMENSIONS.map((d) => (
          <option key={d} value={d}>
            {withStates
              ? t('mots.editor.dimensionOption', { name: t(`mots.dimensions.${d}`), state: t(`mots.dimensionStates.${d}`) })
              : t(`mots.dimensions.${d}`)}
          </option>
        ))}
      </select>
      {help ? (
        <p id={`${id}-help`} className={helpClass}>
          {help}
        </p>
      ) : null}
    </div>
  );
}

function SourceRadios({ mot, onChange }: { mot: Mot; onChange: (source: CustomerGroup | null) => void }) {
  const { t } = useTranslation();
  const name = useId();
  const options: Array<CustomerGroup | null> = [...CUSTOMER_ORDER, null];
  return (
    <fieldset data-testid="mot-source">
      <legend className={labelClass}>{t('mots.editor.source')}</legend>
      <div className="mt-1.5 flex flex-col gap-1.5">
        {options.map((g) => {
          const id = `${name}-${g ?? 'none'}`;
          const checked = mot.source === g;
          return (
            <div
              key={g ?? 'none'}
              className={`flex items-start gap-2 rounded-md border px-2.5 py-1.5 ${checked ? 'border-indigo-400 bg-indigo-50' : 'border-slate-200'}`}
            >
              <input
                id={id}
                type="radio"
                name={name}
                value={g ?? ''}
                checked={checked}
                className={`mt-0.5 h-4 w-4 accent-indigo-600 ${focusRing}`}
                aria-describedby={g ? `${id}-help` : undefined}
                onChange={() => onChange(g)}
              />
              <div className="min-w-0">
                <label htmlFor={id} className="text-sm font-medium text-slate-800">
                  {g ? t(`mots.groups.${g}`) : t('mots.editor.sourceNone')}
                </label>
                {g ? (
                  <p id={`${id}-help`} className="text-xs text-slate-500">
                    {t(`mots.groupHelp.${g}`)}
                  </p>
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}

/** The groups in the order of the method brief: love, don't love, like. */
export const CUSTOMER_ORDER: readonly CustomerGroup[] = ['love', 'dislike', 'like'];

function RatingSelect({ label, value, onChange, testId }: { label: string; value: number; onChange: (v: number) => void; testId: string }) {
  const id = useId();
  return (
    <div className="flex items-center justify-between gap-3">
      <label htmlFor={id} className="text-sm text-slate-700">
        {label}
      </label>
      <select id={id} value={value} data-testid={testId} className={`block w-24 shrink-0 ${inputBase}`} onChange={(e) => onChange(Number(e.target.value))}>
        {RATING_VALUES.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </div>
  );
}
