/**
 * The "Emotion" side panel: per persona, curve visibility, the peak–end figures (average, remembered
 * estimate, difference) with the formula, the ending warning, the live what-if while the end point
 * is dragged, and the narrative sentence. Plus the to-be toggle and the rules behind the marks.
 */
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endingWarning, findHighlights, peakEndFigures, whatIfEnd, type CurvePoint } from '../../domain/emotion';
import { formatEmotion } from '../../domain/scale';
import type { Persona } from '../../domain/schema';
import { useViewState, useViewStore } from '../../canvas/view-state';
import { liveCurve, usePersonaCurve, usePersonaDrag, usePersonaNarrative, usePersonas } from '../../canvas/emotion/EmotionLaneNode';

const focusRing = 'focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';
const checkbox = `h-4 w-4 shrink-0 rounded border-slate-300 ${focusRing}`;
const summaryClass = `cursor-pointer select-none rounded text-sm font-medium text-slate-700 hover:text-slate-900 ${focusRing}`;

const fmt = (n: number) => formatEmotion(n, 1);

/** The figures at the moment a drag of the end point started: "now" in the what-if. */
function useDragBaseline(active: boolean, curve: readonly CurvePoint[]): readonly CurvePoint[] | null {
  // Captured when the drag starts (the view sets draggingPoint before the first value change; the
  // document itself is written only at the drop), cleared when it ends: "adjust state while
  // rendering", no effect needed.
  const [baseline, setBaseline] = useState<readonly CurvePoint[] | null>(null);
  if (active && baseline === null) setBaseline(curve);
  if (!active && baseline !== null) setBaseline(null);
  return active ? (baseline ?? curve) : null;
}

function PersonaSection({ persona, hidden }: { persona: Persona; hidden: boolean }) {
  const { t } = useTranslation();
  const view = useViewStore();
  // The stored curve, and the curve with a point being dragged at the value under the pointer:
  // the figures and the warning follow the drag live; the document is written at the drop.
  const stored = usePersonaCurve(persona.id);
  const drag = usePersonaDrag(persona.id);
  const curve = useMemo(() => liveCurve(stored, drag), [stored, drag]);
  const narrative = usePersonaNarrative(persona.id);
  const headingId = useId();

  const figures = useMemo(() => peakEndFigures(curve), [curve]);
  const warning = useMemo(() => endingWarning(curve), [curve]);
  const endId = useMemo(() => findHighlights(curve)?.end.touchpointId ?? null, [curve]);

  const dragging = drag;
  const draggingEnd = dragging !== null && dragging.touchpointId === endId;
  const baseline = useDragBaseline(draggingEnd, stored);
  const whatIf = useMemo(() => {
    if (!draggingEnd || !baseline || !dragging) return null;
    const next = whatIfEnd(baseline, dragging.value);
    const now = peakEndFigures(baseline);
    return next && now ? { value: dragging.value, remembered: next.remembered, now: now.remembered } : null;
  }, [draggingEnd, baseline, dragging]);

  return (
    <section aria-labelledby={headingId} className="border-b border-slate-200 px-4 py-3" data-testid="peak-end-persona" data-persona-id={persona.id}>
      <h3 id={headingId} className="flex items-center gap-2 text-sm font-semibold text-slate-900">
        <input
          type="checkbox"
          className={checkbox}
          style={{ accentColor: persona.color }}
          checked={!hidden}
          onChange={() => view.togglePersona(persona.id)}
          aria-label={t('emotion.panel.showCurve', { persona: persona.name })}
          data-testid="persona-visibility"
        />
        <span aria-hidden="true" className="inline-block h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: persona.color }} />
        <span className="min-w-0 truncate" title={persona.name}>
          {persona.name}
        </span>
      </h3>

      {figures ? (
        <>
          <dl className="mt-2 grid grid-cols-3 gap-2" aria-label={t('emotion.panel.figures', { persona: persona.name })}>
            <div className="rounded-md bg-slate-50 px-2 py-1.5">
              <dt className="text-xs leading-4 text-slate-600">{t('emotion.panel.average')}</dt>
              <dd className="text-lg font-semibold tabular-nums text-slate-900" data-testid="figure-average" data-persona-id={persona.id}>
                {fmt(figures.average)}
              </dd>
            </div>
            <div className="rounded-md px-2 py-1.5" style={{ backgroundColor: `${persona.color}14` }}>
              <dt className="text-xs leading-4 text-slate-600">{t('emotion.panel.remembered')}</dt>
              <dd className="text-lg font-semibold tabular-nums text-slate-900" data-testid="figure-remembered" data-persona-id={persona.id}>
                {fmt(figures.remembered)}
              </dd>
            </div>
            <div className="rounded-md bg-slate-50 px-2 py-1.5">
              <dt className="text-xs leading-4 text-slate-600">{t('emotion.panel.difference')}</dt>
              <dd className="text-lg font-semibold tabular-nums text-slate-900" data-testid="figure-difference" data-persona-id={persona.id}>
                {fmt(figures.difference)}
              </dd>
            </div>
          </dl>

          {warning ? (
            <p
              role="alert"
              className="mt-2 flex gap-1.5 rounded-md border border-amber-300 bg-amber-50 px-2 py-1.5 text-sm text-amber-900"
              data-testid="ending-warning"
              data-persona-id={persona.id}
              data-level={warning.level}
            >
              <span aria-hidden="true">⚠</span>
              <span>{warning.level === 'ends-at-trough' ? t('emotion.panel.warningAt') : t('emotion.panel.warningNear')}</span>
            </p>
          ) : null}

          <div aria-live="polite">
            {whatIf ? (
              <p className="mt-2 rounded-md border border-indigo-200 bg-indigo-50 px-2 py-1.5 text-sm text-indigo-900" data-testid="what-if" data-persona-id={persona.id}>
                {t('emotion.panel.whatIf', {
                  value: formatEmotion(whatIf.value),
                  remembered: fmt(whatIf.remembered),
                  now: fmt(whatIf.now),
                })}
              </p>
            ) : null}
          </div>

          {narrative ? (
            <p className="mt-2 text-sm text-slate-700" data-testid="narrative" data-persona-id={persona.id}>
              <span className="mr-1 font-medium text-slate-900">{t('emotion.panel.narrative')}</span>
              {narrative}
            </p>
          ) : null}
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-500">{t('emotion.panel.noValues')}</p>
      )}
    </section>
  );
}

/** The peak–end panel (the side panel's "Emotion" tab). */
export function PeakEndPanel() {
  const { t } = useTranslation();
  const view = useViewStore();
  const personas = usePersonas();
  const hidden = useViewState((s) => s.hiddenPersonas);
  const showTargets = useViewState((s) => s.showTargets);
  const titleId = useId();

  return (
    <div aria-labelledby={titleId} role="region" data-testid="peak-end-panel">
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id={titleId} className="text-base font-semibold text-slate-900">
          {t('emotion.panel.title')}
        </h2>
        <p className="mt-1 text-sm text-slate-700" data-testid="peak-end-formula">
          {t('emotion.panel.formula')}
        </p>
        <details className="mt-2 text-sm" id="peak-end-rule">
          <summary className={summaryClass}>{t('emotion.panel.aboutTitle')}</summary>
          <blockquote className="mt-2 border-l-4 border-slate-300 pl-3 text-slate-700">
            <p>{t('emotion.panel.aboutQuote')}</p>
            <footer className="mt-1 text-xs text-slate-500">— {t('emotion.panel.aboutSource')}</footer>
          </blockquote>
          <p className="mt-2 text-slate-700">{t('emotion.panel.aboutEstimate')}</p>
        </details>
        <label className="mt-3 flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            className={checkbox}
            checked={showTargets}
            onChange={(e) => view.set({ showTargets: e.target.checked })}
            data-testid="show-targets"
          />
          {t('emotion.panel.showTargets')}
        </label>
      </div>

      {personas.map((p) => (
        <PersonaSection key={p.id} persona={p} hidden={hidden.has(p.id)} />
      ))}

      <details className="px-4 py-3 text-sm">
        <summary className={summaryClass}>{t('emotion.panel.rulesTitle')}</summary>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
          <li>{t('emotion.panel.rulePeakTrough')}</li>
          <li>{t('emotion.panel.ruleTie')}</li>
          <li>{t('emotion.panel.ruleWarning')}</li>
        </ul>
      </details>
    </div>
  );
}
