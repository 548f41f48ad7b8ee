/**
 * The walkthrough slides: one stage at a time, full screen (Fullscreen API when the browser allows
 * it, otherwise a fixed layer filling the window), sized for a projector — the base font is 24 px
 * at 1440 px wide and grows with the window.
 *
 * Keys (window, capture phase, so the editor's own shortcuts never fire underneath):
 * → / PageDown / Space / ↓ next, ← / PageUp / ↑ previous, Home / End, Esc exits (a follower stops
 * following). Leaving full screen with the browser's own Esc leaves the walkthrough too.
 */
import { useCallback, useContext, useEffect, useId, useMemo, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useMapSelector } from '../store/use-map-store';
import { LANE_STYLES } from '../canvas/nodes/lane-styles';
import { CHANNEL_ICONS } from '../canvas/nodes/channel-icons';
import { ROLE_GLYPHS } from '../canvas/emotion/EmotionLaneNode';
import { formatEmotion } from '../domain/scale';
import { canEdit, LiveContext } from '../live/live-context';
import { clampStageIndex, sliceStage, stageIndexOf, stepIndex, walkthroughKeyAction, type StageSlice } from './stage-slice';
import { useWalkthrough, useWalkthroughStore } from './walkthrough-store';
import { StageEmotionChart } from './StageEmotionChart';

const focusRing = 'focus-visible:outline focus-visible:outline-[3px] focus-visible:outline-offset-2 focus-visible:outline-indigo-600';
const navButton = `inline-flex items-center gap-[0.3em] rounded-lg border-2 border-slate-300 bg-white px-[0.7em] py-[0.25em] font-semibold text-slate-800 hover:bg-slate-50 disabled:opacity-40 ${focusRing}`;

export function WalkthroughView() {
  const open = useWalkthrough((s) => s.open);
  if (!open || typeof document === 'undefined') return null;
  return createPortal(<WalkthroughSlides />, document.body);
}

function WalkthroughSlides() {
  const { t } = useTranslation();
  const store = useWalkthroughStore();
  const live = useContext(LiveContext);
  const doc = useMapSelector((d) => d);
  const stageId = useWalkthrough((s) => s.stageId);
  const mode = useWalkthrough((s) => s.mode);
  const detached = useWalkthrough((s) => s.detached);
  const remote = useWalkthrough((s) => s.remote);
  const broadcast = useWalkthrough((s) => s.broadcast);
  const rootRef = useRef<HTMLDivElement>(null);
  const titleId = useId();

  const count = doc.stages.length;
  const found = stageIndexOf(doc, stageId);
  const index = clampStageIndex(found, count);
  const slice = useMemo(() => sliceStage(doc, index), [doc, index]);
  const titles = useMemo(() => new Map(doc.touchpoints.map((tp) => [tp.id, tp.title.trim() || t('walkthrough.untitledCard')])), [doc.touchpoints, t]);

  // A deleted (or not yet chosen) stage: settle on the nearest one.
  useEffect(() => {
    const s = doc.stages[index];
    if (s && found === -1) store.go(s.id);
  }, [doc.stages, index, found, store]);

  const go = useCallback(
    (i: number) => {
      const s = doc.stages[clampStageIndex(i, count)];
      if (s) store.go(s.id);
    },
    [doc.stages, count, store],
  );

  // Keys: capture phase on the window, before the editor's shortcuts.
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      const action = walkthroughKeyAction(e);
      if (action) {
        e.preventDefault();
        e.stopPropagation();
        if (action === 'exit') store.exit();
        else if (action === 'scrollDown' || action === 'scrollUp') {
          const body = rootRef.current?.querySelector<HTMLElement>('[data-walkthrough-body]');
          body?.scrollBy({ top: (action === 'scrollDown' ? 1 : -1) * body.clientHeight * 0.4, behavior: 'smooth' });
        } else go(stepIndex(index, action, count));
        return;
      }
      // Everything else but Tab stays inside the walkthrough (no Delete / undo on the map behind).
      if (e.key !== 'Tab') e.stopPropagation();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [store, go, index, count]);

  // Full screen when allowed; the map behind is inert; focus comes back where it was.
  useEffect(() => {
    const el = rootRef.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const app = document.getElementById('root');
    app?.setAttribute('inert', '');
    el?.focus();
    let entered = false;
    const onChange = () => {
      if (document.fullscreenElement === el) entered = true;
      else if (entered) store.exit();
    };
    document.addEventListener('fullscreenchange', onChange);
    if (el && document.fullscreenEnabled && !document.fullscreenElement && typeof el.requestFullscreen === 'function') {
      el.requestFullscreen({ navigationUI: 'hide' }).catch(() => {
        // Not allowed (no user gesture, iframe, headless…): the fixed layer fills the window.
      });
    }
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      app?.removeAttribute('inert');
      if (document.fullscreenElement === el) void document.exitFullscreen().catch(() => {});
      before?.focus();
    };
  }, [store]);

  const presenterName = remote ? remote.name.trim() || t('walkthrough.someone') : '';
  const following = mode === 'follow';
  const mayBroadcast = !following && live !== null && canEdit(live.role);

  return (
    <div
      ref={rootRef}
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      tabIndex={-1}
      className="fixed inset-0 z-[100] flex flex-col overflow-hidden bg-white text-slate-900 outline-none"
      style={{ fontSize: 'max(24px, 1.6667vw)' }}
      data-testid="walkthrough"
      data-stage-index={index}
      data-stage-id={slice?.stage.id ?? ''}
      data-mode={mode}
      lang={doc.locale}
    >
      <span className="sr-only" id={titleId}>
        {t('walkthrough.dialogLabel', { title: doc.title })}
      </span>
      {slice ? (
        <>
          <header
            className="flex shrink-0 items-start gap-[1em] border-b-[6px] px-[1.25em] pb-[0.4em] pt-[0.6em]"
            style={{ borderBottomColor: slice.stage.color ?? '#64748b' }}
          >
            <div className="min-w-0 flex-1" aria-live="polite" aria-atomic="true">
              <p className="text-[0.75em] font-semibold uppercase tracking-wide text-slate-600" data-testid="walkthrough-counter">
                {t('walkthrough.stageOf', { number: index + 1, count })}
              </p>
              <h2 className="truncate text-[1.9em] font-bold leading-tight" data-testid="walkthrough-stage-name" title={slice.stage.name}>
                {slice.stage.name.trim() || t('walkthrough.untitledStage')}
              </h2>
              {slice.stage.description ? <p className="mt-[0.15em] line-clamp-2 text-[0.85em] text-slate-700">{slice.stage.description}</p> : null}
            </div>
            <div className="flex shrink-0 flex-col items-end gap-[0.3em] text-[0.7em]">
              {following && remote ? (
                <p className="flex items-center gap-[0.5em] rounded-full bg-indigo-50 px-[0.7em] py-[0.2em] font-semibold text-indigo-900" data-testid="walkthrough-following">
                  <span aria-hidden="true">📽</span>
                  {t('walkthrough.following', { name: presenterName })}
                  {detached ? (
                    <button type="button" className={`${navButton} text-[1em]`} onClick={() => store.rejoin()} data-testid="walkthrough-rejoin">
                      {t('walkthrough.backTo', { name: presenterName })}
                    </button>
                  ) : null}
                </p>
              ) : null}
              {mayBroadcast ? (
                <label className="flex cursor-pointer items-center gap-[0.4em] text-slate-700">
                  <input
                    type="checkbox"
                    className={`h-[1.1em] w-[1.1em] ${focusRing}`}
                    checked={broadcast}
                    onChange={(e) => store.setBroadcast(e.target.checked)}
                    data-testid="walkthrough-broadcast"
                  />
                  {t('walkthrough.broadcasting')}
                </label>
              ) : null}
              <button
                type="button"
                className={`${navButton} text-[1em]`}
                onClick={() => store.exit()}
                title={following ? t('walkthrough.stopFollowing') : t('walkthrough.exitHint')}
                data-testid="walkthrough-exit"
              >
                <span aria-hidden="true">✕</span> {following ? t('walkthrough.stopFollowing') : t('walkthrough.exit')}
              </button>
            </div>
          </header>
          <StageBody slice={slice} titles={titles} t={t} />
          <footer className="flex shrink-0 items-center gap-[1em] border-t border-slate-200 px-[1.25em] py-[0.4em]">
            <button type="button" className={navButton} onClick={() => go(index - 1)} disabled={index === 0} aria-label={t('walkthrough.previous')} data-testid="walkthrough-prev">
              <span aria-hidden="true">←</span>
              <span className="text-[0.8em]">{t('walkthrough.previous')}</span>
            </button>
            <nav aria-label={t('walkthrough.progress')} className="min-w-0 flex-1">
              <ol className="flex flex-wrap items-center justify-center gap-[0.35em]">
                {doc.stages.map((s, i) => (
                  <li key={s.id}>
                    <button
                      type="button"
                      className={`block h-[0.7em] rounded-full ${focusRing} ${i === index ? 'w-[2em]' : 'w-[0.7em] bg-slate-300 hover:bg-slate-400'}`}
                      style={i === index ? { backgroundColor: s.color ?? '#4f46e5' } : undefined}
                      aria-label={t('walkthrough.goTo', { number: i + 1, name: s.name })}
                      title={t('walkthrough.goTo', { number: i + 1, name: s.name })}
                      aria-current={i === index ? 'step' : undefined}
                      onClick={() => go(i)}
                      data-testid="walkthrough-dot"
                    />
                  </li>
                ))}
              </ol>
              <p className="mt-[0.2em] text-center text-[0.6em] text-slate-500" aria-hidden="true">
                {t('walkthrough.keysHint')}
              </p>
            </nav>
            <button type="button" className={navButton} onClick={() => go(index + 1)} disabled={index >= count - 1} aria-label={t('walkthrough.next')} data-testid="walkthrough-next">
              <span className="text-[0.8em]">{t('walkthrough.next')}</span>
              <span aria-hidden="true">→</span>
            </button>
          </footer>
        </>
      ) : (
        <div className="flex flex-1 flex-col items-center justify-center gap-[1em] p-[2em] text-center">
          <p className="text-[1.2em]">{t('walkthrough.noStages')}</p>
          <button type="button" className={navButton} onClick={() => store.exit()} data-testid="walkthrough-exit">
            {t('walkthrough.exit')}
          </button>
        </div>
      )}
    </div>
  );
}

function StageBody({ slice, titles, t }: { slice: StageSlice; titles: ReadonlyMap<string, string>; t: TFunction }) {
  const motsByCard = useMemo(() => {
    const m = new Map<string, number[]>();
    for (const x of slice.mots) m.set(x.touchpoint.id, [...(m.get(x.touchpoint.id) ?? []), x.number]);
    return m;
  }, [slice.mots]);
  const marks = slice.curves.flatMap((c) => c.marks.map((m) => ({ ...m, persona: c.personaName, personaId: c.personaId, color: c.color })));

  const cards = (
    <section aria-labelledby="wt-cards" data-testid="walkthrough-cards">
      <h3 id="wt-cards" className="sr-only">
        {t('walkthrough.cards')}
      </h3>
      {slice.lanes.length === 0 ? (
        <p className="text-[0.85em] italic text-slate-600">{t('walkthrough.noCards')}</p>
      ) : (
        <div className="grid grid-cols-[minmax(5em,auto)_minmax(0,1fr)] items-start gap-x-[0.6em] gap-y-[0.35em]">
          {slice.lanes.map(({ lane, cards: laneCards }) => (
            <section key={lane.id} aria-label={lane.name} className="contents" data-testid="walkthrough-lane" data-lane-id={lane.id}>
              <h4 className={`mt-[0.25em] max-w-[8em] rounded px-[0.4em] py-[0.1em] text-[0.6em] font-bold uppercase leading-tight tracking-wide text-slate-700 ${LANE_STYLES[lane.type].label}`}>
                {lane.name}
              </h4>
              <ul className="flex flex-wrap gap-[0.3em]">
                {laneCards.map((c) => (
                  <li
                    key={c.id}
                    className={`flex max-w-full items-start gap-[0.3em] rounded-md border border-l-[6px] border-slate-200 bg-white px-[0.45em] py-[0.1em] text-[0.85em] leading-snug shadow-sm ${LANE_STYLES[lane.type].card}`}
                    data-testid="walkthrough-card"
                    data-touchpoint-id={c.id}
                  >
                    <span aria-hidden="true" className="text-[0.85em]">
                      {CHANNEL_ICONS[c.channel]}
                    </span>
                    <span className="min-w-0 break-words">{titles.get(c.id)}</span>
                    {(motsByCard.get(c.id) ?? []).map((n) => (
                      <span key={n} className="shrink-0 self-center rounded-full bg-amber-100 px-[0.4em] text-[0.7em] font-bold text-amber-900">
                        {t('mots.motNumber', { number: n })}
                      </span>
                    ))}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </section>
  );

  const emotion = (
    <section aria-labelledby="wt-emotion" data-testid="walkthrough-emotion">
      <h3 id="wt-emotion" className="mb-[0.2em] flex flex-wrap items-center gap-x-[0.8em] text-[0.7em] font-bold uppercase tracking-wide text-slate-600">
        {t('walkthrough.emotion')}
        {slice.curves.map((c) => (
          <span key={c.personaId} className="flex items-center gap-[0.3em] normal-case tracking-normal text-slate-800">
            <span aria-hidden="true" className="inline-block h-[0.3em] w-[1.2em] rounded" style={{ backgroundColor: c.color }} />
            {c.personaName}
          </span>
        ))}
      </h3>
      <StageEmotionChart slice={slice} titles={titles} t={t} />
      {marks.length ? (
        <ul aria-label={t('walkthrough.marks')} className="mt-[0.2em] flex flex-col gap-[0.1em]">
          {marks.map((m) => (
            <li
              key={`${m.personaId}:${m.role}`}
              className="text-[0.8em] leading-snug"
              data-testid="walkthrough-mark"
              data-role={m.role}
              data-persona-id={m.personaId}
              data-touchpoint-id={m.point.touchpointId}
            >
              <span className="font-bold" style={{ color: m.color }}>
                {t('walkthrough.markFor', { glyph: ROLE_GLYPHS[m.role], role: t(`emotion.roles.${m.role}`), persona: m.persona })}
              </span>
              <span className="text-slate-700">
                {' — '}
                {titles.get(m.point.touchpointId)} ({formatEmotion(m.point.value)})
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );

  const mots = (
    <section aria-labelledby="wt-mots" data-testid="walkthrough-mots">
      <h3 id="wt-mots" className="mb-[0.2em] text-[0.7em] font-bold uppercase tracking-wide text-slate-600">
        {t('walkthrough.mots')}
      </h3>
      {slice.mots.length === 0 ? (
        <p className="text-[0.8em] italic text-slate-600">{t('walkthrough.noMots')}</p>
      ) : (
        <ol className="flex flex-col gap-[0.4em]">
          {slice.mots.map(({ mot, number, touchpoint }) => (
            <li
              key={mot.id}
              className={`rounded-lg border-2 px-[0.6em] py-[0.3em] ${mot.chosen ? 'border-amber-400 bg-amber-50' : 'border-slate-200 bg-white'}`}
              data-testid="walkthrough-mot"
              data-mot-id={mot.id}
            >
              <p className="flex flex-wrap items-baseline gap-x-[0.5em] text-[0.8em]">
                <span className="rounded-full bg-amber-400 px-[0.5em] font-bold text-amber-950">{t('mots.motNumber', { number })}</span>
                {mot.chosen ? <span className="font-semibold text-amber-800">★ {t('walkthrough.chosen')}</span> : null}
                <span className="text-slate-600">{t('walkthrough.motOn', { title: titles.get(touchpoint.id) ?? '' })}</span>
              </p>
              <dl className="mt-[0.15em] grid grid-cols-[auto_minmax(0,1fr)] gap-x-[0.6em] text-[0.85em] leading-snug">
                <MotElement term={t('walkthrough.who')} value={mot.who} t={t} />
                <MotElement term={t('walkthrough.situation')} value={mot.situation} t={t} />
                <MotElement term={t('walkthrough.feeling')} value={mot.feeling} t={t} strong />
              </dl>
            </li>
          ))}
        </ol>
      )}
    </section>
  );

  // With MOTs: cards and the curve on the left, the MOTs (the heart of the method) on the right.
  // Without: cards on the left, the curve on the right.
  return (
    <main data-walkthrough-body="" className="grid min-h-0 flex-1 grid-cols-[minmax(0,1.2fr)_minmax(0,1fr)] gap-[1.25em] overflow-y-auto px-[1.25em] py-[0.5em]">
      {slice.mots.length ? (
        <>
          <div className="flex min-w-0 flex-col gap-[0.5em]">
            {cards}
            {emotion}
          </div>
          <div className="min-w-0">{mots}</div>
        </>
      ) : (
        <>
          <div className="min-w-0">{cards}</div>
          <div className="flex min-w-0 flex-col gap-[0.6em]">
            {emotion}
            {mots}
          </div>
        </>
      )}
    </main>
  );
}

function MotElement({ term, value, t, strong = false }: { term: string; value: string; t: TFunction; strong?: boolean }) {
  return (
    <>
      <dt className="font-semibold text-slate-600">{term}</dt>
      <dd className={value.trim() ? (strong ? 'font-semibold text-slate-900' : 'text-slate-900') : 'italic text-slate-500'}>
        {value.trim() || t('walkthrough.missing')}
      </dd>
    </>
  );
}
