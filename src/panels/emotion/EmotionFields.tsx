/**
 * Inspector fields for one touchpoint's emotions: per persona, the as-is value, the to-be value and
 * the evidence (source, respondents, spread, quotes). Every edit is one undo step (store.apply).
 * Number fields commit on blur or Enter, not on every keystroke.
 */
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { JourneyMap, Persona } from '../../domain/schema';
import { EVIDENCE_SOURCES, type Evidence, type EmotionPoint } from '../../domain/schema';
import { EMOTION_FACES, EMOTION_MAX, EMOTION_MIN, EMOTION_VALUES, formatEmotion } from '../../domain/scale';
import { setEmotion, setEvidence, setTarget, type EvidenceInput } from '../../store/commands';
import { touchpointById } from '../../store/selectors';
import { useMapSelector, useMapStore } from '../../store/use-map-store';
import { buttonGhost, buttonSecondary } from '../../components/buttons';
import { emotionValueKey, usePersonas, type DraggingPoint } from '../../canvas/emotion/EmotionLaneNode';
import { useViewState } from '../../canvas/view-state';

const focusRing = 'focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';
const control = `w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-900 disabled:bg-slate-100 disabled:text-slate-400 ${focusRing}`;
const labelClass = 'block text-xs font-medium text-slate-600';

type Source = Evidence['source'];

/** The evidence now in the draft, as an input for setEvidence, with `patch` applied. */
function evidencePatch(d: JourneyMap, touchpointId: string, personaId: string, patch: Partial<EvidenceInput>): EvidenceInput | null {
  const current = d.touchpoints.find((t) => t.id === touchpointId)?.emotions[personaId]?.evidence;
  const source = patch.source ?? current?.source;
  if (!source) return null;
  const next: EvidenceInput = { source, quotes: [...(current?.quotes ?? [])] };
  const respondents = 'respondents' in patch ? patch.respondents : current?.respondents;
  const spread = 'spread' in patch ? patch.spread : current?.spread;
  if (respondents !== undefined) next.respondents = respondents;
  if (spread !== undefined) next.spread = spread;
  if (patch.quotes) next.quotes = patch.quotes;
  return next;
}

function ValueSelect({
  id,
  value,
  disabled,
  onChange,
  testId,
}: {
  id: string;
  value: number | undefined;
  disabled?: boolean;
  onChange: (v: number | null) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <select
      id={id}
      className={control}
      value={value === undefined ? '' : String(value)}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value === '' ? null : Number(e.target.value))}
      data-testid={testId}
    >
      <option value="">{t('emotion.fields.noValue')}</option>
      {[...EMOTION_VALUES].reverse().map((v) => (
        <option key={v} value={v}>
          {`${formatEmotion(v)} ${EMOTION_FACES[v]} ${t(`emotion.values.${emotionValueKey(v)}`)}`}
        </option>
      ))}
    </select>
  );
}

/** A number field that commits on blur / Enter; Escape restores the stored value. */
function NumberField({
  id,
  value,
  min,
  max,
  step,
  disabled,
  onCommit,
  testId,
  describedBy,
}: {
  id: string;
  describedBy?: string;
  value: number | undefined;
  min: number;
  max: number;
  step: number;
  disabled?: boolean;
  onCommit: (v: number | undefined) => void;
  testId: string;
}) {
  const stored = value === undefined ? '' : String(value);
  const commit = (el: HTMLInputElement) => {
    const raw = el.value.trim();
    if (raw === stored) return;
    if (raw === '') return onCommit(undefined);
    const n = Number(raw);
    if (!Number.isFinite(n)) {
      el.value = stored;
      return;
    }
    const clamped = Math.min(max, Math.max(min, step >= 1 ? Math.round(n) : n));
    el.value = String(clamped);
    onCommit(clamped);
  };
  return (
    <input
      // Remount when the stored value changes (undo, another editor), so the field shows it.
      key={stored}
      id={id}
      type="number"
      inputMode={step >= 1 ? 'numeric' : 'decimal'}
      className={control}
      defaultValue={stored}
      min={min}
      max={max}
      step={step}
      disabled={disabled}
      aria-describedby={describedBy}
      onBlur={(e) => commit(e.currentTarget)}
      onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
        if (e.key === 'Enter') commit(e.currentTarget);
        else if (e.key === 'Escape') {
          e.currentTarget.value = stored;
          e.stopPropagation();
        }
      }}
      data-testid={testId}
    />
  );
}

function PersonaEmotion({ touchpointId, persona, point }: { touchpointId: string; persona: Persona; point: EmotionPoint | undefined }) {
  const { t } = useTranslation();
  const store = useMapStore();
  const base = useId();
  const [quote, setQuote] = useState('');
  const ev = point?.evidence;
  const hasValue = point !== undefined;
  const ids = {
    asis: `${base}-asis`,
    target: `${base}-target`,
    source: `${base}-source`,
    respondents: `${base}-n`,
    spread: `${base}-spread`,
    quote: `${base}-quote`,
    hint: `${base}-hint`,
  };

  const editEvidence = (patch: Partial<EvidenceInput>) =>
    store.apply(
      (d) => {
        const next = evidencePatch(d, touchpointId, persona.id, patch);
        if (next) setEvidence(d, touchpointId, persona.id, next);
      },
      { label: t('emotion.undo.evidence') },
    );

  const addQuote = (e: FormEvent) => {
    e.preventDefault();
    const text = quote.trim();
    if (!text || !ev) return;
    editEvidence({ quotes: [...ev.quotes, text] });
    setQuote('');
  };

  return (
    <fieldset className="rounded-md border border-slate-200 px-3 pb-3 pt-1" data-testid="emotion-fields-persona" data-persona-id={persona.id}>
      <legend className="flex items-center gap-1.5 px-1 text-sm font-semibold text-slate-900">
        <span aria-hidden="true" className="inline-block h-3 w-3 rounded-full" style={{ backgroundColor: persona.color }} />
        {persona.name}
      </legend>
      <div className="grid grid-cols-[auto_1fr] items-center gap-x-3 gap-y-2">
        <label htmlFor={ids.asis} className={labelClass}>
          {t('emotion.fields.asis')}
        </label>
        <ValueSelect
          id={ids.asis}
          value={point?.value}
          testId="emotion-asis"
          onChange={(v) => store.apply((d) => setEmotion(d, touchpointId, persona.id, v), { label: t('emotion.undo.value') })}
        />
        <label htmlFor={ids.target} className={labelClass}>
          {t('emotion.fields.target')}
        </label>
        <ValueSelect
          id={ids.target}
          value={point?.target}
          disabled={!hasValue}
          testId="emotion-target"
          onChange={(v) => store.apply((d) => setTarget(d, touchpointId, persona.id, v), { label: t('emotion.undo.target') })}
        />
      </div>
      {!hasValue ? <p className="mt-1 text-xs text-slate-500">{t('emotion.fields.targetNeedsValue')}</p> : null}

      <fieldset className="mt-3" disabled={!hasValue}>
        <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t('emotion.fields.evidence')}</legend>
        <div className="mt-1 grid grid-cols-2 gap-2">
          <div className="col-span-2">
            <label htmlFor={ids.source} className={labelClass}>
              {t('emotion.fields.source')}
            </label>
            <select
              id={ids.source}
              className={control}
              value={ev?.source ?? ''}
              onChange={(e) => {
                const source = e.target.value as Source | '';
                if (source === '')
                  store.apply((d) => setEvidence(d, touchpointId, persona.id, null), { label: t('emotion.undo.evidence') });
                else editEvidence({ source });
              }}
              data-testid="evidence-source"
            >
              <option value="">{t('emotion.fields.noSource')}</option>
              {EVIDENCE_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {t(`emotion.fields.sources.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={ids.respondents} className={labelClass}>
              {t('emotion.fields.respondents')}
            </label>
            <NumberField
              id={ids.respondents}
              value={ev?.respondents}
              min={0}
              max={10_000_000}
              step={1}
              disabled={!ev}
              describedBy={ids.hint}
              onCommit={(v) => editEvidence({ respondents: v })}
              testId="evidence-respondents"
            />
          </div>
          <div>
            <label htmlFor={ids.spread} className={labelClass}>
              {t('emotion.fields.spread')}
            </label>
            <NumberField
              id={ids.spread}
              value={ev?.spread}
              min={0}
              max={EMOTION_MAX - EMOTION_MIN}
              step={0.1}
              disabled={!ev}
              describedBy={ids.hint}
              onCommit={(v) => editEvidence({ spread: v })}
              testId="evidence-spread"
            />
          </div>
        </div>
        <p id={ids.hint} className="mt-1 text-xs text-slate-500">
          {t('emotion.fields.spreadHint')}
        </p>

        <h4 className="mt-2 text-xs font-medium text-slate-600">{t('emotion.fields.quotes')}</h4>
        {ev && ev.quotes.length > 0 ? (
          <ul className="mt-1 space-y-1" data-testid="evidence-quotes">
            {ev.quotes.map((q, i) => (
              <li key={`${i}:${q}`} className="flex items-start gap-1 rounded bg-slate-50 px-2 py-1 text-sm text-slate-700">
                <q className="min-w-0 flex-1 break-words">{q}</q>
                <button
                  type="button"
                  className={buttonGhost}
                  aria-label={t('emotion.fields.removeQuote', { index: i + 1 })}
                  title={t('emotion.fields.removeQuote', { index: i + 1 })}
                  onClick={() => editEvidence({ quotes: ev.quotes.filter((_, j) => j !== i) })}
                >
                  <span aria-hidden="true">×</span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="mt-1 text-xs text-slate-500">{t('emotion.fields.noQuotes')}</p>
        )}
        <form className="mt-1 flex gap-1" onSubmit={addQuote}>
          <label htmlFor={ids.quote} className="sr-only">
            {t('emotion.fields.newQuote')}
          </label>
          <input
            id={ids.quote}
            type="text"
            className={control}
            placeholder={t('emotion.fields.newQuote')}
            value={quote}
            maxLength={1000}
            disabled={!ev}
            onChange={(e) => setQuote(e.target.value)}
            data-testid="evidence-new-quote"
          />
          <button type="submit" className={`${buttonSecondary} shrink-0 px-2 py-1`} disabled={!ev || !quote.trim()}>
            {t('emotion.fields.addQuote')}
          </button>
        </form>
      </fieldset>
    </fieldset>
  );
}

/** The stored point, or a copy at the dragged value while it is being dragged. */
function livePoint(point: EmotionPoint | undefined, personaId: string, drag: DraggingPoint | null): EmotionPoint | undefined {
  return point && drag?.personaId === personaId && drag.value !== point.value ? { ...point, value: drag.value } : point;
}

/** The emotion part of the inspector for one touchpoint: one block per persona. */
export function EmotionFields({ touchpointId }: { touchpointId: string }) {
  const { t } = useTranslation();
  const personas = usePersonas();
  const emotions = useMapSelector((doc) => touchpointById(doc, touchpointId)?.emotions);
  // While one of this card's curve points is dragged, its value follows the pointer (stored at the drop).
  const drag = useViewState((s) => (s.draggingPoint?.touchpointId === touchpointId ? s.draggingPoint : null));
  if (!emotions) return null;
  return (
    <section className="space-y-3" data-testid="emotion-fields">
      <h3 className="text-sm font-semibold text-slate-900">{t('emotion.fields.heading')}</h3>
      {personas.map((p) => (
        <PersonaEmotion key={p.id} touchpointId={touchpointId} persona={p} point={livePoint(emotions[p.id], p.id, drag)} />
      ))}
    </section>
  );
}
