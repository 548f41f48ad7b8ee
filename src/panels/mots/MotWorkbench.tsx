/**
 * The Choose-MOTs workbench (method brief §5): map settings (core message, current focus, vote
 * weights per customer group), the scoring formula, every MOT ranked by the five principles with a
 * short reason per principle, filters, the "one message" warning and the "needs work" list.
 *
 * The ranking adapts to its width with a container query: in the 400 px side panel each MOT is a
 * compact block; in the wide view (a large modal) it is a classic table, one column per principle.
 * Explicit table roles keep the semantics whichever way it is drawn.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  messageSpread,
  PRINCIPLE_WEIGHTS,
  PRINCIPLES,
  scoreMots,
  type MotScore,
  type PrincipleKey,
  type PrincipleScore,
} from '../../domain/mot-scoring';
import { motCompleteness, needsWork, type MotNeedingWork } from '../../domain/mot-rules';
import { CUSTOMER_GROUPS, DEFAULT_GROUP_WEIGHTS, DIMENSIONS, LIMITS, type Dimension, type JourneyMap, type Mot } from '../../domain/schema';
import { setCoreMessage, setFocusDimension, setGroupWeights, setMotChosen } from '../../store/commands';
import { motById, touchpointById } from '../../store/selectors';
import { useMapSelector, useMapStore, useReadOnly } from '../../store/use-map-store';
import { useViewStore } from '../../canvas/view-state';
import { motNumbering } from '../../canvas/mots/mot-numbering';
import { formatList, missingText, openMot } from '../../canvas/mots/MotPins';
import { buttonGhost, buttonSecondary } from '../../components/buttons';
import { useModalDialog } from '../../components/Dialog';
import { DimensionSelect, focusRing, helpClass, labelClass, NumberField, sectionTitleClass, StoreTextField } from './MotEditor';

export type WorkbenchFilter = 'all' | 'chosen' | 'incomplete' | Dimension;

const identity = (doc: JourneyMap): JourneyMap => doc;

// ── reasons ─────────────────────────────────────────────────────────────────────────────────

function fmt(locale: string, n: unknown, digits = 1): string {
  return typeof n === 'number' ? new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n) : String(n ?? '');
}

/** A short, translated reason for one principle's score, from its reason code and data. */
export function reasonText(t: TFunction, locale: string, ps: PrincipleScore): string {
  const data = ps.data ?? {};
  const dim = (v: unknown) => ((DIMENSIONS as readonly unknown[]).includes(v) ? t(`mots.dimensions.${v as Dimension}`) : String(v ?? ''));
  switch (ps.reason) {
    case 'votes-weighted':
      return t('mots.reasons.votes-weighted', {
        weighted: fmt(locale, data.weighted),
        max: fmt(locale, data.max),
        love: fmt(locale, data.love, 0),
        like: fmt(locale, data.like, 0),
        dislike: fmt(locale, data.dislike, 0),
      });
    case 'focus-match':
    case 'focus-mismatch':
    case 'dimension-missing':
      return t(`mots.reasons.${ps.reason}`, { focus: dim(data.focus), dimension: dim(data.dimension) });
    case 'at-peak':
    case 'at-trough':
    case 'at-end':
    case 'near-peak':
    case 'near-trough':
    case 'near-end': {
      const roles = String(data.roles ?? data.role ?? '')
        .split(',')
        .filter((r): r is 'peak' | 'trough' | 'end' => r === 'peak' || r === 'trough' || r === 'end')
        .map((r) => t(`mots.reasons.roles.${r}`));
      return t(ps.reason.startsWith('at-') ? 'mots.reasons.golden.at' : 'mots.reasons.golden.near', {
        roles: formatList(roles, locale),
        persona: String(data.personaName ?? ''),
        distance: fmt(locale, data.distance, 0),
      });
    }
    case 'beauty-two':
      return t(data.other === 'importance' ? 'mots.reasons.beauty-two-importance' : 'mots.reasons.beauty-two-competitorWeakness');
    case 'beauty-strength-only':
    case 'beauty-not-strength':
      return t(`mots.reasons.${ps.reason}`, {
        importance: fmt(locale, data.importance, 0),
        performance: fmt(locale, data.performance, 0),
        competitorWeakness: fmt(locale, data.competitorWeakness, 0),
      });
    default:
      return t(`mots.reasons.${ps.reason}`);
  }
}

// ── the workbench ──────────────────────────────────────────────────────────────────────────

export function MotWorkbench() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<WorkbenchFilter>('all');
  const [wide, setWide] = useState(false);
  const titleId = useId();
  return (
    <section className="flex flex-col gap-4 p-4" aria-labelledby={titleId} data-testid="mot-workbench">
      <header className="flex items-start justify-between gap-2">
        <div>
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {t('mots.workbench.title')}
          </h2>
          <p className={helpClass}>{t('mots.workbench.intro')}</p>
        </div>
        <button type="button" className={`${buttonGhost} shrink-0`} onClick={() => setWide(true)} data-testid="workbench-wide">
          <span aria-hidden="true">⤢</span> {t('mots.workbench.expand')}
        </button>
      </header>
      {wide ? (
        <WideDialog onClose={() => setWide(false)}>
          <WorkbenchBody filter={filter} setFilter={setFilter} />
        </WideDialog>
      ) : (
        <WorkbenchBody filter={filter} setFilter={setFilter} />
      )}
    </section>
  );
}

function WideDialog({ onClose, children }: { onClose: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  const ref = useModalDialog(true);
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="m-auto h-[92vh] w-[min(96vw,1500px)] max-w-none rounded-lg p-0 shadow-2xl backdrop:bg-slate-900/40"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      data-testid="workbench-wide-dialog"
    >
      <div className="flex h-full flex-col">
        <div className="flex shrink-0 items-center justify-between border-b border-slate-200 px-5 py-3">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {t('mots.workbench.wideTitle')}
          </h2>
          <button type="button" className={buttonSecondary} onClick={onClose}>
            {t('mots.workbench.collapse')}
          </button>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">{children}</div>
      </div>
    </dialog>
  );
}

function WorkbenchBody({ filter, setFilter }: { filter: WorkbenchFilter; setFilter: (f: WorkbenchFilter) => void }) {
  const doc = useMapSelector(identity);
  const scores = useMemo(() => scoreMots(doc), [doc]);
  const numbers = motNumbering(doc).byId;
  return (
    <div className="@container flex flex-col gap-5">
      <MapSettings doc={doc} />
      <Formula />
      <SpreadWarning doc={doc} numbers={numbers} />
      <Ranking doc={doc} scores={scores} numbers={numbers} filter={filter} setFilter={setFilter} />
      <NeedsWork doc={doc} numbers={numbers} />
    </div>
  );
}

// ── settings ────────────────────────────────────────────────────────────────────────────────

function MapSettings({ doc }: { doc: JourneyMap }) {
  const { t } = useTranslation();
  const store = useMapStore();
  const titleId = useId();
  const { coreMessage, focusDimension, groupWeights } = doc.settings;
  const isDefault = CUSTOMER_GROUPS.every((g) => groupWeights[g] === DEFAULT_GROUP_WEIGHTS[g]);
  const readOnly = useReadOnly();
  return (
    <fieldset disabled={readOnly} className="contents">
    <section
      aria-labelledby={titleId}
      className="grid grid-cols-1 gap-3 rounded-lg border border-slate-200 bg-slate-50 p-3 @4xl:grid-cols-3 @4xl:gap-x-6"
      data-testid="map-settings"
    >
      <h3 id={titleId} className={`${sectionTitleClass} @4xl:col-span-3`}>
        {t('mots.workbench.settingsTitle')}
      </h3>
      <StoreTextField
        label={t('mots.workbench.coreMessage')}
        value={coreMessage}
        max={LIMITS.element}
        historyLabel={t('mots.undo.coreMessage')}
        write={(d, text) => setCoreMessage(d, text)}
        placeholder={t('mots.workbench.coreMessagePlaceholder')}
        help={t('mots.workbench.coreMessageHelp')}
        testId="core-message"
      />
      <DimensionSelect
        label={t('mots.workbench.focus')}
        noneLabel={t('mots.workbench.focusNone')}
        value={focusDimension}
        onChange={(dimension) => store.apply((d) => void setFocusDimension(d, dimension), { label: t('mots.undo.focus') })}
        help={t('mots.workbench.focusHelp')}
        testId="focus-dimension"
        withStates
      />
      <fieldset>
        <legend className={labelClass}>{t('mots.workbench.weightsTitle')}</legend>
        <p className={helpClass}>{t('mots.workbench.weightsHelp')}</p>
        <div className="mt-2 flex flex-col gap-2">
          {CUSTOMER_GROUPS.map((g) => (
            <NumberField
              key={g}
              inline
              label={t('mots.workbench.weightFor', { group: t(`mots.groupsInline.${g}`) })}
              value={groupWeights[g]}
              min={0}
              max={100}
              step={0.5}
              historyLabel={t('mots.undo.weights')}
              write={(d, w) => setGroupWeights(d, { [g]: w })}
              testId={`weight-${g}`}
            />
          ))}
        </div>
        <button
          type="button"
          className={`${buttonGhost} mt-1 text-xs`}
          disabled={isDefault}
          onClick={() => store.apply((d) => void setGroupWeights(d, { ...DEFAULT_GROUP_WEIGHTS }), { label: t('mots.undo.weights') })}
        >
          {t('mots.workbench.resetWeights')}
        </button>
      </fieldset>
    </section>
    </fieldset>
  );
}

function Formula() {
  const { t } = useTranslation();
  return (
    <details className="rounded-lg border border-slate-200 p-3 text-sm text-slate-700" data-testid="scoring-formula">
      <summary className={`cursor-pointer rounded font-medium text-indigo-700 ${focusRing}`}>{t('mots.workbench.formulaSummary')}</summary>
      <ol className="mt-2 grid list-none grid-cols-1 gap-2 @4xl:grid-cols-5 @4xl:gap-4">
        {PRINCIPLES.map((p, i) => (
          <li key={p}>
            <span className="font-semibold text-slate-900">
              {i + 1}. {t(`mots.workbench.principleTitles.${p}`)}{' '}
              <span className="font-normal text-slate-500">{t('mots.workbench.weight', { weight: PRINCIPLE_WEIGHTS[p] })}</span>
            </span>
            <br />
            <span className="text-xs">{t(`mots.workbench.formula.${p}`)}</span>
          </li>
        ))}
      </ol>
      <p className="mt-2 text-xs">
        <strong>{t('mots.workbench.columns.total')}:</strong> {t('mots.workbench.formula.total')}
      </p>
      <p className="mt-1 text-xs">
        <strong>{t('mots.workbench.columns.rank')}:</strong> {t('mots.workbench.formula.rank')}
      </p>
    </details>
  );
}

// ── one message ──────────────────────────────────────────────────────────────────────────────

function numberList(ids: readonly string[], numbers: ReadonlyMap<string, number>): string {
  return ids
    .map((id) => numbers.get(id) ?? 0)
    .sort((a, b) => a - b)
    .join(', ');
}

function SpreadWarning({ doc, numbers }: { doc: JourneyMap; numbers: ReadonlyMap<string, number> }) {
  const { t, i18n } = useTranslation();
  const chosen = doc.mots.filter((m) => m.chosen);
  if (chosen.length === 0) return null;
  const core = doc.settings.coreMessage;
  const spread = messageSpread(chosen, core);
  const groups = spread.messages.map((g) => {
    const first = g.motIds[0];
    const text = g.matchesCore ? core.trim() : ((first ? motById(doc, first)?.feeling.trim() : undefined) ?? g.message);
    return t('mots.workbench.spread.group', { message: text, numbers: numberList(g.motIds, numbers) });
  });
  return (
    <>
      {spread.warning ? (
        <p
          role="alert"
          data-testid="message-spread-warning"
          className="sticky top-0 z-10 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 shadow-md"
        >
          <span aria-hidden="true">⚠ </span>
          {t('mots.workbench.spread.warning', { count: spread.messages.length, messages: formatList(groups, i18n.language) })}
        </p>
      ) : null}
      {!spread.warning && spread.offCore ? (
        <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="message-off-core">
          {t('mots.workbench.spread.offCore', { core })}
        </p>
      ) : null}
      {spread.missingFeeling.length > 0 ? (
        <p className="text-xs text-rose-700" data-testid="chosen-missing-feeling">
          {t('mots.workbench.spread.missingFeeling', { numbers: numberList(spread.missingFeeling, numbers) })}
        </p>
      ) : null}
    </>
  );
}

// ── ranking ──────────────────────────────────────────────────────────────────────────────────

function matchesFilter(mot: Mot, complete: boolean, filter: WorkbenchFilter): boolean {
  if (filter === 'all') return true;
  if (filter === 'chosen') return mot.chosen;
  if (filter === 'incomplete') return !complete;
  return mot.dimension === filter;
}

const FILTERS: readonly WorkbenchFilter[] = ['all', 'chosen', 'incomplete', ...DIMENSIONS];

function Ranking({
  doc,
  scores,
  numbers,
  filter,
  setFilter,
}: {
  doc: JourneyMap;
  scores: readonly MotScore[];
  numbers: ReadonlyMap<string, number>;
  filter: WorkbenchFilter;
  setFilter: (f: WorkbenchFilter) => void;
}) {
  const { t } = useTranslation();
  const name = useId();
  const titleId = useId();
  const rows = useMemo(
    () =>
      scores.flatMap((score) => {
        const mot = motById(doc, score.motId);
        return mot ? [{ score, mot }] : [];
      }),
    [scores, doc],
  );
  const counts = useMemo(() => {
    const c = new Map<WorkbenchFilter, number>();
    for (const f of FILTERS) c.set(f, rows.filter((r) => matchesFilter(r.mot, r.score.complete, f)).length);
    return c;
  }, [rows]);
  const shown = rows.filter((r) => matchesFilter(r.mot, r.score.complete, filter));
  const filterLabel = (f: WorkbenchFilter) =>
    f === 'all' || f === 'chosen' || f === 'incomplete' ? t(`mots.workbench.filters.${f}`) : t(`mots.dimensions.${f}`);

  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3">
      <h3 id={titleId} className={sectionTitleClass}>
        {t('mots.workbench.rankingTitle')}{' '}
        <span className="font-normal normal-case tracking-normal">({t('mots.workbench.count', { shown: shown.length, total: rows.length })})</span>
      </h3>
      <fieldset className="flex flex-wrap items-center gap-1.5" data-testid="mot-filters">
        <legend className="sr-only">{t('mots.workbench.filterLabel')}</legend>
        <span aria-hidden="true" className="mr-1 text-xs font-medium text-slate-600">
          {t('mots.workbench.filterLabel')}:
        </span>
        {FILTERS.map((f) => (
          <label key={f} className="relative" data-testid={`mot-filter-${f}`}>
            <input
              type="radio"
              name={name}
              value={f}
              checked={filter === f}
              onChange={() => setFilter(f)}
              className="peer sr-only"
            />
            <span className="inline-flex cursor-pointer items-center gap-1 rounded-full border border-slate-300 bg-white px-2.5 py-1 text-xs text-slate-700 hover:border-slate-500 peer-checked:border-indigo-600 peer-checked:bg-indigo-600 peer-checked:text-white peer-focus-visible:outline peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-indigo-600">
              {filterLabel(f)}
              <span className="tabular-nums opacity-75">{counts.get(f) ?? 0}</span>
            </span>
          </label>
        ))}
      </fieldset>

      {rows.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">{t('mots.workbench.empty')}</p>
      ) : shown.length === 0 ? (
        <p className="rounded-md border border-dashed border-slate-300 p-4 text-sm text-slate-600">{t('mots.workbench.emptyFilter')}</p>
      ) : (
        <RankingTable doc={doc} rows={shown} numbers={numbers} labelledBy={titleId} />
      )}
    </section>
  );
}

const cellBase = 'min-w-0 @4xl:table-cell @4xl:border-b @4xl:border-slate-200 @4xl:px-2 @4xl:py-2 @4xl:align-top';

function RankingTable({
  doc,
  rows,
  numbers,
  labelledBy,
}: {
  doc: JourneyMap;
  rows: ReadonlyArray<{ score: MotScore; mot: Mot }>;
  numbers: ReadonlyMap<string, number>;
  labelledBy: string;
}) {
  const { t } = useTranslation();
  const th = 'border-b-2 border-slate-300 px-2 py-1.5 text-left align-bottom text-xs font-semibold text-slate-700';
  return (
    <div role="table" aria-labelledby={labelledBy} className="block w-full @4xl:table @4xl:border-collapse" data-testid="mot-ranking">
      <div role="rowgroup" className="hidden @4xl:table-header-group">
        <div role="row" className="@4xl:table-row">
          <span role="columnheader" className={`${th} @4xl:table-cell`}>
            {t('mots.workbench.columns.rank')}
          </span>
          <span role="columnheader" className={`${th} @4xl:table-cell`}>
            {t('mots.workbench.columns.mot')}
          </span>
          <span role="columnheader" className={`${th} @4xl:table-cell`}>
            {t('mots.workbench.columns.touchpoint')}
          </span>
          <span role="columnheader" className={`${th} w-[22%] @4xl:table-cell`}>
            {t('mots.workbench.columns.elements')}
          </span>
          {PRINCIPLES.map((p, i) => (
            <span key={p} role="columnheader" className={`${th} w-[9%] @4xl:table-cell`} title={t(`mots.workbench.principleTitles.${p}`)}>
              {i + 1}. {t(`mots.workbench.principles.${p}`)}{' '}
              <span className="font-normal text-slate-500">{t('mots.workbench.weight', { weight: PRINCIPLE_WEIGHTS[p] })}</span>
            </span>
          ))}
          <span role="columnheader" className={`${th} text-right @4xl:table-cell`}>
            {t('mots.workbench.columns.total')}
          </span>
          <span role="columnheader" className={`${th} text-center @4xl:table-cell`}>
            {t('mots.workbench.columns.chosen')}
          </span>
        </div>
      </div>
      <div role="rowgroup" className="flex flex-col gap-2 @4xl:table-row-group">
        {rows.map(({ score, mot }) => (
          <RankingRow key={mot.id} doc={doc} score={score} mot={mot} number={numbers.get(mot.id) ?? 0} />
        ))}
      </div>
    </div>
  );
}

function RankingRow({ doc, score, mot, number }: { doc: JourneyMap; score: MotScore; mot: Mot; number: number }) {
  const { t, i18n } = useTranslation();
  const store = useMapStore();
  const view = useViewStore();
  const checkboxId = useId();
  const locale = i18n.language;
  const touchpoint = touchpointById(doc, mot.touchpointId)?.title ?? '';
  const completeness = motCompleteness(mot);
  const motLabel = t('mots.motNumber', { number });
  const notWritten = <span className="italic text-rose-700">{t('mots.workbench.notWritten')}</span>;
  return (
    <div
      role="row"
      data-testid="mot-row"
      data-mot-id={mot.id}
      data-rank={score.rank}
      data-chosen={mot.chosen ? 'true' : 'false'}
      data-complete={score.complete ? 'true' : 'false'}
      className={`grid grid-cols-[auto_auto_minmax(0,1fr)_auto_auto] items-center gap-x-2 gap-y-1.5 rounded-lg border p-2.5 @4xl:table-row @4xl:rounded-none @4xl:border-0 @4xl:p-0 ${
        mot.chosen ? 'border-amber-300 bg-amber-50' : 'border-slate-200 bg-white'
      }`}
    >
      <span role="cell" className={`${cellBase} order-1 text-sm font-semibold tabular-nums text-slate-500`}>
        #{score.rank}
      </span>
      <span role="cell" className={`${cellBase} order-2`}>
        <button
          type="button"
          onClick={() => openMot(view, mot.id)}
          aria-label={t('mots.workbench.open', { number })}
          title={t('mots.workbench.open', { number })}
          className={`inline-flex h-6 min-w-6 items-center justify-center rounded-full border-2 px-1 text-xs font-bold hover:brightness-95 ${focusRing} ${
            mot.chosen ? 'bg-amber-400 text-amber-950' : 'bg-white text-indigo-700'
          } ${!score.complete ? 'border-dashed border-rose-500' : mot.chosen ? 'border-amber-600' : 'border-indigo-500'}`}
          data-testid="mot-row-open"
        >
          {number}
        </button>
      </span>
      <span role="cell" className={`${cellBase} order-3 truncate text-xs font-medium text-slate-700 @4xl:whitespace-normal`} title={touchpoint}>
        {touchpoint}
      </span>
      <span role="cell" className={`${cellBase} order-6 col-span-full text-xs text-slate-700`}>
        <span className="line-clamp-1 font-medium text-slate-900" title={mot.who}>
          {mot.who.trim() ? mot.who : notWritten}
        </span>
        <span className="line-clamp-2" title={mot.situation}>
          {mot.situation.trim() ? mot.situation : notWritten}
        </span>
        <span className="line-clamp-1 text-indigo-800" title={mot.feeling}>
          {mot.feeling.trim() ? `“${mot.feeling}”` : notWritten}
        </span>
        {!score.complete ? (
          <span className="mt-0.5 inline-block rounded bg-rose-100 px-1.5 py-0.5 text-[11px] font-medium text-rose-800">
            {t('mots.workbench.incomplete')}: {missingText(t, locale, completeness.missing)}
          </span>
        ) : null}
      </span>
      {PRINCIPLES.map((p, i) => (
        <PrincipleCell key={p} principle={p} index={i} ps={score.principles[p]} />
      ))}
      <span role="cell" className={`${cellBase} order-4 text-right`}>
        <span className="text-sm font-bold tabular-nums text-slate-900" data-testid="mot-total">
          {fmt(locale, score.total)}
        </span>
        <span className="sr-only"> / 100</span>
      </span>
      <span role="cell" className={`${cellBase} order-5 text-center`}>
        <input
          id={checkboxId}
          type="checkbox"
          checked={mot.chosen}
          disabled={store.readOnly}
          aria-label={t('mots.workbench.choose', { number })}
          title={t('mots.workbench.choose', { number })}
          className={`h-4 w-4 accent-amber-500 ${focusRing}`}
          data-testid="mot-row-chosen"
          onChange={(e) => {
            const chosen = e.target.checked;
            store.apply((d) => void setMotChosen(d, mot.id, chosen), { label: t(chosen ? 'mots.undo.choose' : 'mots.undo.unchoose') });
          }}
        />
        <span className="sr-only">{motLabel}</span>
      </span>
    </div>
  );
}

function PrincipleCell({ principle, index, ps }: { principle: PrincipleKey; index: number; ps: PrincipleScore }) {
  const { t, i18n } = useTranslation();
  const reason = reasonText(t, i18n.language, ps);
  const pct = Math.round(Math.max(0, Math.min(1, ps.score)) * 100);
  const bar = ps.score >= 1 ? 'bg-emerald-500' : ps.score > 0 ? 'bg-amber-400' : 'bg-slate-300';
  return (
    <span
      role="cell"
      className={`${cellBase} order-7 col-span-full grid grid-cols-[7.5rem_minmax(0,1fr)] items-start gap-x-2 text-xs @4xl:grid-cols-none`}
      data-testid={`principle-${principle}`}
      data-score={ps.score}
    >
      <span className="flex flex-col gap-0.5">
        <span className="font-medium text-slate-700 @4xl:hidden">
          {index + 1}. {t(`mots.workbench.principles.${principle}`)}
        </span>
        <span className="flex items-center gap-1.5">
          <span aria-hidden="true" className="h-1.5 w-12 overflow-hidden rounded-full bg-slate-100">
            <span className={`block h-full ${bar}`} style={{ width: `${pct}%` }} />
          </span>
          <span className="tabular-nums font-semibold text-slate-800">{fmt(i18n.language, ps.score, 2)}</span>
        </span>
      </span>
      <span className="text-slate-600 @4xl:mt-0.5 @4xl:block" data-testid={`reason-${principle}`} data-reason={ps.reason}>
        {reason}
      </span>
    </span>
  );
}

// ── needs work ──────────────────────────────────────────────────────────────────────────────

function NeedsWork({ doc, numbers }: { doc: JourneyMap; numbers: ReadonlyMap<string, number> }) {
  const { t } = useTranslation();
  const view = useViewStore();
  const titleId = useId();
  const items = useMemo(() => needsWork(doc), [doc]);
  const describe = (item: MotNeedingWork): string =>
    [
      ...item.missing.map((m) => t(`mots.editor.missing.${m}`)),
      ...item.hints.map((h) => t(`mots.pin.hints.${h}`)),
    ].join(t('mots.separator'));
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-2" data-testid="needs-work" data-count={items.length}>
      <h3 id={titleId} className={sectionTitleClass}>
        {t('mots.workbench.needsWork.title')} <span className="font-normal normal-case tracking-normal">({items.length})</span>
      </h3>
      <p className={helpClass}>{t('mots.workbench.needsWork.help')}</p>
      {items.length === 0 ? (
        <p className="text-sm text-emerald-700">✓ {t('mots.workbench.needsWork.empty')}</p>
      ) : (
        <ul className="flex flex-col gap-1.5">
          {items.map((item) => {
            const number = numbers.get(item.motId) ?? 0;
            const incomplete = !item.complete;
            return (
              <li key={item.motId}>
                <button
                  type="button"
                  onClick={() => openMot(view, item.motId)}
                  data-testid="needs-work-item"
                  data-mot-id={item.motId}
                  className={`flex w-full items-start gap-2 rounded-md border px-2.5 py-1.5 text-left text-xs hover:bg-slate-50 ${focusRing} ${
                    incomplete ? 'border-rose-200' : 'border-amber-200'
                  }`}
                >
                  <span
                    aria-hidden="true"
                    className={`inline-flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full border-2 bg-white px-1 text-[11px] font-bold text-indigo-700 ${
                      incomplete ? 'border-dashed border-rose-500' : 'border-indigo-500'
                    }`}
                  >
                    {number}
                  </span>
                  <span className="min-w-0">
                    <span className="block font-medium text-slate-800">
                      {t('mots.workbench.needsWork.item', {
                        motLabel: t('mots.motNumber', { number }),
                        touchpoint: touchpointById(doc, item.touchpointId)?.title ?? '',
                      })}
                    </span>
                    <span className={incomplete ? 'text-rose-700' : 'text-amber-800'}>{describe(item)}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
