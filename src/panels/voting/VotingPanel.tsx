/**
 * The "Votes" side-panel tab: weighted dot voting in a workshop.
 * - Facilitator (owner): start a vote (touchpoints or MOTs, dots per person, question), reveal,
 *   close, and add the results of an MOT vote to the MOTs' votes.
 * - Participants (comment role and up): pick the customer group they speak for, place and remove
 *   dots (here or on the canvas cards) within their budget. View-only guests watch.
 * - Everyone after the reveal: the ranking by weighted score, with raw dots and dots per group.
 */
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { CUSTOMER_GROUPS, type CustomerGroup, type JourneyMap } from '../../domain/schema';
import { MAX_DOTS_PER_PERSON, MIN_DOTS_PER_PERSON, votableTargets, type VoteTargetKind } from '../../domain/dot-voting';
import { useMapSelector } from '../../store/use-map-store';
import { useVoteAdmin, type VoteSessionView } from '../../api/votes';
import { isOwner } from '../../live/live-context';
import { buttonPrimary, buttonSecondary } from '../../components/buttons';
import { useVoteActions, useVoteSelector, useVoteStore, type VoteSnapshot } from './voting-context';
import { targetLabel } from './target-labels';

/** One colour per customer group, used by the bars and the legend. */
export const GROUP_COLORS: Record<CustomerGroup, string> = { love: '#c026d3', like: '#0284c7', dislike: '#64748b' };

const focus = 'focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600';

const snapshotOf = (s: VoteSnapshot) => s;

function fmt(locale: string, n: number): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(n);
}

export function VotingPanel() {
  const { t } = useTranslation();
  const actions = useVoteActions();
  const snap = useVoteSelector(snapshotOf);
  const owner = isOwner(snap.role);
  const session = snap.session;
  return (
    <section className="flex flex-col gap-4 p-4" aria-labelledby="voting-heading" data-testid="voting-panel">
      <header>
        <h2 id="voting-heading" className="text-sm font-semibold text-slate-900">
          {t('voting.title')}
        </h2>
        <p className="mt-1 text-xs text-slate-600">{t('voting.intro')}</p>
      </header>
      {actions.loadError ? (
        <p role="alert" className="rounded-md bg-rose-50 p-2 text-sm text-rose-800">
          {t('voting.loadError', { message: actions.loadError })}
        </p>
      ) : actions.loading ? (
        <p className="text-sm text-slate-500">{t('voting.loading')}</p>
      ) : session ? (
        <CurrentVote session={session} snap={snap} owner={owner} />
      ) : owner ? (
        <StartForm />
      ) : (
        <p className="text-sm text-slate-600">
          {t('voting.none')} {t('voting.ownerOnly')}
        </p>
      )}
      {actions.past.length > 0 ? <PastVotes past={actions.past} /> : null}
    </section>
  );
}

// ── start ─────────────────────────────────────────────────────────────────────────────────────

function StartForm() {
  const { t } = useTranslation();
  const mapId = useMapSelector((d) => d.id);
  const motCount = useMapSelector((d) => d.mots.length);
  const admin = useVoteAdmin(mapId);
  const [kind, setKind] = useState<VoteTargetKind>(motCount > 0 ? 'mot' : 'touchpoint');
  const [dots, setDots] = useState('5');
  const [title, setTitle] = useState('');
  const id = useId();
  const dotsN = Number(dots);
  const dotsValid = Number.isInteger(dotsN) && dotsN >= MIN_DOTS_PER_PERSON && dotsN <= MAX_DOTS_PER_PERSON;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!dotsValid || (kind === 'mot' && motCount === 0)) return;
    admin.start.mutate({ targetKind: kind, dotsPerPerson: dotsN, title: title.trim() });
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3 rounded-md border border-slate-200 p-3" aria-labelledby={`${id}-h`} data-testid="vote-start-form">
      <h3 id={`${id}-h`} className="text-sm font-semibold text-slate-800">
        {t('voting.start.heading')}
      </h3>
      <p className="text-sm text-slate-600">{t('voting.none')}</p>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-xs font-medium text-slate-700">{t('voting.start.targetKind')}</legend>
        {(['mot', 'touchpoint'] as const).map((k) => (
          <label key={k} className="flex items-center gap-2 text-sm text-slate-800">
            <input type="radio" name={`${id}-kind`} value={k} checked={kind === k} onChange={() => setKind(k)} className={focus} />
            {t(`voting.start.${k}`)}
          </label>
        ))}
        {kind === 'mot' && motCount === 0 ? <p className="text-xs text-rose-700">{t('voting.start.noMots')}</p> : null}
      </fieldset>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
        {t('voting.start.dots')}
        <input
          type="number"
          min={MIN_DOTS_PER_PERSON}
          max={MAX_DOTS_PER_PERSON}
          step={1}
          value={dots}
          onChange={(e) => setDots(e.target.value)}
          aria-invalid={!dotsValid}
          aria-describedby={`${id}-dots-help`}
          className={`w-24 rounded-md border border-slate-300 px-2 py-1 text-sm font-normal text-slate-900 ${focus}`}
        />
        <span id={`${id}-dots-help`} className={`font-normal ${dotsValid ? 'text-slate-500' : 'text-rose-700'}`}>
          {t('voting.start.dotsHelp')}
        </span>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium text-slate-700">
        {t('voting.start.title')}
        <input
          type="text"
          maxLength={200}
          value={title}
          placeholder={t('voting.start.titlePlaceholder')}
          onChange={(e) => setTitle(e.target.value)}
          className={`rounded-md border border-slate-300 px-2 py-1 text-sm font-normal text-slate-900 ${focus}`}
        />
      </label>
      {admin.start.error ? (
        <p role="alert" className="text-sm text-rose-700">
          {t('voting.errors.start', { message: admin.start.error.message })}
        </p>
      ) : null}
      <div>
        <button type="submit" className={buttonPrimary} disabled={admin.start.isPending || !dotsValid || (kind === 'mot' && motCount === 0)}>
          {t('voting.start.submit')}
        </button>
      </div>
    </form>
  );
}

// ── the current vote ──────────────────────────────────────────────────────────────────────────

function SessionHeading({ session }: { session: VoteSessionView }) {
  const { t } = useTranslation();
  const tone =
    session.status === 'open' ? 'bg-emerald-100 text-emerald-900' : session.status === 'revealed' ? 'bg-fuchsia-100 text-fuchsia-900' : 'bg-slate-100 text-slate-700';
  return (
    <div className="flex flex-col gap-0.5">
      <div className="flex items-center gap-2">
        <span className={`rounded-full px-2 py-0.5 text-[11px] font-semibold ${tone}`} data-testid="vote-status">
          {t(`voting.status.${session.status}`)}
        </span>
        <h3 className="min-w-0 truncate text-sm font-semibold text-slate-900" title={session.title || t('voting.untitled')}>
          {session.title || t('voting.untitled')}
        </h3>
      </div>
      <p className="text-xs text-slate-600">
        {t('voting.meta', { dots: session.dotsPerPerson, kind: t(`voting.kind.${session.targetKind}`) })} ·{' '}
        <span data-testid="vote-voters">{t('voting.voters', { count: session.voters })}</span>
      </p>
    </div>
  );
}

function CurrentVote({ session, snap, owner }: { session: VoteSessionView; snap: VoteSnapshot; owner: boolean }) {
  const { t } = useTranslation();
  const mapId = useMapSelector((d) => d.id);
  const admin = useVoteAdmin(mapId);
  const failed = admin.reveal.error ?? admin.close.error ?? admin.apply.error;
  const applied = admin.apply.data;
  return (
    <div className="flex flex-col gap-3" data-testid="vote-current" data-session-id={session.id} data-status={session.status}>
      <SessionHeading session={session} />
      {session.status === 'open' ? (
        <>
          {snap.mayVote ? <Ballot session={session} snap={snap} /> : <p className="text-sm text-slate-600">{t('voting.viewOnly')}</p>}
          <p className="rounded-md bg-slate-50 p-2 text-xs text-slate-600">{t('voting.hidden')}</p>
        </>
      ) : null}
      {session.results ? <Results session={session} /> : null}
      {owner ? (
        <div className="flex flex-col gap-2 border-t border-slate-200 pt-3">
          <div className="flex flex-wrap gap-2">
            {session.status === 'open' ? (
              <button type="button" className={buttonPrimary} disabled={admin.reveal.isPending} onClick={() => admin.reveal.mutate(session.id)}>
                {t('voting.reveal')}
              </button>
            ) : null}
            {session.status === 'revealed' && session.targetKind === 'mot' && !session.appliedAt ? (
              <button type="button" className={buttonPrimary} disabled={admin.apply.isPending} onClick={() => admin.apply.mutate(session.id)}>
                {t('voting.apply')}
              </button>
            ) : null}
            <button type="button" className={buttonSecondary} disabled={admin.close.isPending} onClick={() => admin.close.mutate(session.id)}>
              {t('voting.close')}
            </button>
          </div>
          {session.status === 'revealed' && session.targetKind === 'mot' && !session.appliedAt ? (
            <p className="text-xs text-slate-600">{t('voting.applyHelp')}</p>
          ) : null}
        </div>
      ) : null}
      {session.appliedAt ? (
        <p role="status" className="text-sm text-emerald-800" data-testid="vote-applied">
          {applied && !applied.alreadyApplied ? t('voting.appliedCount', { count: applied.applied.length }) : t('voting.applied')}
        </p>
      ) : null}
      {failed ? (
        <p role="alert" className="text-sm text-rose-700">
          {t('voting.errors.action', { message: failed.message })}
        </p>
      ) : null}
    </div>
  );
}

function GroupPicker({ snap }: { snap: VoteSnapshot }) {
  const { t, i18n } = useTranslation();
  const actions = useVoteActions();
  const weights = useMapSelector((d) => d.settings.groupWeights);
  const id = useId();
  return (
    <fieldset className="flex flex-col gap-1.5" data-testid="vote-group-picker">
      <legend className="mb-1 text-xs font-semibold text-slate-800">{t('voting.group.legend')}</legend>
      <p className="text-xs text-slate-600">{t('voting.group.help')}</p>
      {CUSTOMER_GROUPS.map((g) => (
        <label
          key={g}
          className={`flex cursor-pointer items-start gap-2 rounded-md border p-2 text-sm ${snap.group === g ? 'border-indigo-500 bg-indigo-50' : 'border-slate-200 hover:bg-slate-50'}`}
        >
          <input
            type="radio"
            name={`${id}-group`}
            value={g}
            checked={snap.group === g}
            onChange={() => actions.setGroup(g)}
            aria-describedby={`${id}-${g}-help`}
            className={`mt-1 ${focus}`}
          />
          <span className="flex min-w-0 flex-col">
            <span className="flex items-center gap-1.5 font-medium text-slate-900">
              <span aria-hidden="true" className="h-2.5 w-2.5 rounded-full" style={{ background: GROUP_COLORS[g] }} />
              {t(`mots.groups.${g}`)}
              <span className="text-xs font-normal text-slate-500">{t('voting.group.weight', { weight: fmt(i18n.language, weights[g]) })}</span>
            </span>
            {/* The method's explanation of each group; once a group is chosen, only its own. */}
            <span id={`${id}-${g}-help`} className={`text-xs text-slate-600 ${snap.group !== null && snap.group !== g ? 'sr-only' : ''}`}>
              {t(`mots.groupHelp.${g}`)}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}

function Ballot({ session, snap }: { session: VoteSessionView; snap: VoteSnapshot }) {
  const { t } = useTranslation();
  const actions = useVoteActions();
  const store = useVoteStore();
  const doc = useMapSelector((d) => d);
  const targets = useMemo(() => votableTargets(doc, session.targetKind), [doc, session.targetKind]);
  const left = Math.max(0, snap.budget - snap.used);
  const nameId = useId();
  return (
    <div className="flex flex-col gap-3" data-testid="vote-ballot">
      <GroupPicker snap={snap} />
      <label htmlFor={nameId} className="flex flex-col gap-1 text-xs font-medium text-slate-700">
        {t('voting.name')}
        <input
          id={nameId}
          type="text"
          maxLength={80}
          value={actions.name}
          placeholder={t('voting.namePlaceholder')}
          onChange={(e) => actions.setName(e.target.value)}
          className={`rounded-md border border-slate-300 px-2 py-1 text-sm font-normal text-slate-900 ${focus}`}
        />
      </label>
      {snap.group === null ? (
        <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900">{t('voting.pickGroupFirst')}</p>
      ) : (
        <div className="flex flex-col gap-1" aria-live="polite">
          <p className="text-sm font-medium text-slate-900" data-testid="vote-remaining">
            {t('voting.remaining', { left, budget: snap.budget })}
          </p>
          <div aria-hidden="true" className="flex flex-wrap gap-1">
            {Array.from({ length: snap.budget }, (_, i) => (
              <span key={i} className={`h-3 w-3 rounded-full ${i < snap.used ? 'bg-fuchsia-600' : 'border border-dashed border-slate-400'}`} />
            ))}
          </div>
          <p className="text-xs text-slate-500">{t('voting.howTo')}</p>
        </div>
      )}
      {snap.error ? (
        <p role="alert" className="text-sm text-rose-700">
          {t('voting.errors.ballot', { message: snap.error })}
        </p>
      ) : null}
      <div>
        <h4 className="mb-1 text-xs font-semibold text-slate-800">{t('voting.myDots')}</h4>
        <ul className="flex flex-col divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="vote-target-list">
          {targets.map((id) => {
            const label = targetLabel(t, doc, session.targetKind, id) ?? id;
            const count = snap.myDots[id] ?? 0;
            const vars = { title: label, used: snap.used, budget: snap.budget };
            return (
              <li key={id} className="flex items-center gap-2 px-2 py-1" data-target-id={id}>
                <span className="min-w-0 flex-1 truncate text-sm text-slate-800" title={label}>
                  {label}
                </span>
                <button
                  type="button"
                  className={`inline-flex h-6 w-6 items-center justify-center rounded-full border border-slate-300 text-sm font-bold text-slate-600 hover:bg-slate-100 disabled:opacity-30 ${focus}`}
                  aria-label={t('voting.remove', vars)}
                  disabled={!snap.canVote || count === 0}
                  onClick={() => store?.changeDot(id, -1)}
                >
                  −
                </button>
                <span className="w-6 text-center text-sm font-semibold tabular-nums text-fuchsia-800" aria-label={t('voting.dotsOn', { title: label, count })}>
                  {count}
                </span>
                <button
                  type="button"
                  className={`inline-flex h-6 w-6 items-center justify-center rounded-full border border-fuchsia-300 text-sm font-bold text-fuchsia-700 hover:bg-fuchsia-50 disabled:opacity-30 ${focus}`}
                  aria-label={t('voting.add', vars)}
                  disabled={!snap.canVote || snap.used >= snap.budget}
                  onClick={() => store?.changeDot(id, 1)}
                >
                  +
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}

// ── results ───────────────────────────────────────────────────────────────────────────────────

function Legend({ weights }: { weights: Record<CustomerGroup, number> }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-[11px] text-slate-700" aria-label={t('voting.results.legend')} role="group">
      {CUSTOMER_GROUPS.map((g) => (
        <span key={g} className="inline-flex items-center gap-1">
          <span aria-hidden="true" className="h-2.5 w-2.5 rounded-sm" style={{ background: GROUP_COLORS[g] }} />
          {t(`mots.groupsShort.${g}`)} ×{fmt(i18n.language, weights[g])}
        </span>
      ))}
      <span className="inline-flex items-center gap-1">
        <span aria-hidden="true" className="h-1.5 w-4 rounded-sm bg-slate-300" />
        {t('voting.results.rawBar')}
      </span>
    </div>
  );
}

function rawOrderText(t: TFunction, labels: Map<string, string>, results: NonNullable<VoteSessionView['results']>): string | null {
  const byRaw = [...results.targets].sort((a, b) => (b.raw !== a.raw ? b.raw - a.raw : a.rank - b.rank));
  const differs = byRaw.some((x, i) => x.targetId !== results.targets[i]?.targetId);
  if (!differs) return results.targets.length > 1 ? t('voting.results.sameOrder') : null;
  return t('voting.results.rawOrder', { order: byRaw.map((x) => labels.get(x.targetId) ?? x.targetId).join(' › ') });
}

export function Results({ session }: { session: VoteSessionView }) {
  const { t, i18n } = useTranslation();
  const doc = useMapSelector((d) => d);
  const results = session.results;
  const labels = useMemo(() => labelsFor(t, doc, session), [t, doc, session]);
  if (!results) return null;
  const locale = i18n.language;
  const maxWeighted = Math.max(0, ...results.targets.map((x) => x.weighted));
  const maxRaw = Math.max(0, ...results.targets.map((x) => x.raw));
  const w = results.weights;
  const order = rawOrderText(t, labels, results);
  return (
    <div className="flex flex-col gap-2" data-testid="vote-results">
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t('voting.results.heading')}</h4>
      {results.targets.length === 0 ? (
        <p className="text-sm text-slate-600">{t('voting.results.none')}</p>
      ) : (
        <>
          <Legend weights={w} />
          <ol className="flex flex-col gap-2">
            {results.targets.map((row) => {
              const label = labels.get(row.targetId) ?? t('voting.results.deleted');
              const groups = CUSTOMER_GROUPS.filter((g) => row.byGroup[g] > 0)
                .map((g) => t('voting.results.groupDots', { group: t(`mots.groupsInline.${g}`), count: row.byGroup[g] }))
                .join(' · ');
              return (
                <li key={row.targetId} className="flex flex-col gap-0.5" data-testid="vote-result-row" data-target-id={row.targetId} data-rank={row.rank}>
                  <span className="sr-only">
                    {t('voting.results.row', { rank: row.rank, title: label, raw: row.raw, weighted: fmt(locale, row.weighted), groups })}
                  </span>
                  <div aria-hidden="true" className="flex items-baseline gap-2 text-sm">
                    <span className="w-6 shrink-0 font-bold tabular-nums text-slate-500">{row.rank}.</span>
                    <span className="min-w-0 flex-1 truncate font-medium text-slate-900" title={label}>
                      {label}
                    </span>
                    <span className="shrink-0 tabular-nums text-slate-900">
                      <strong data-testid="vote-weighted">{fmt(locale, row.weighted)}</strong>{' '}
                      <span className="text-xs text-slate-500">{t('voting.results.weighted')}</span>
                    </span>
                  </div>
                  <div aria-hidden="true" className="ml-8 flex flex-col gap-0.5">
                    <div className="flex h-3 overflow-hidden rounded-sm bg-slate-100" style={{ width: '100%' }}>
                      {CUSTOMER_GROUPS.map((g) => {
                        const part = row.byGroup[g] * w[g];
                        if (part <= 0 || maxWeighted <= 0) return null;
                        return <span key={g} style={{ width: `${(part / maxWeighted) * 100}%`, background: GROUP_COLORS[g] }} title={`${t(`mots.groupsShort.${g}`)}: ${row.byGroup[g]} × ${fmt(locale, w[g])}`} />;
                      })}
                    </div>
                    <div className="flex items-center gap-2">
                      <div className="h-1.5 flex-1 overflow-hidden rounded-sm bg-slate-100">
                        <div className="h-full bg-slate-400" style={{ width: `${maxRaw > 0 ? (row.raw / maxRaw) * 100 : 0}%` }} />
                      </div>
                      <span className="w-20 shrink-0 text-right text-xs tabular-nums text-slate-600" data-testid="vote-raw">
                        {row.raw} {t('voting.results.raw')}
                      </span>
                    </div>
                    {groups ? <span className="text-[11px] text-slate-500">{groups}</span> : null}
                  </div>
                </li>
              );
            })}
          </ol>
          {order ? (
            <p className="text-xs text-slate-700" data-testid="vote-raw-order">
              {order}
            </p>
          ) : null}
        </>
      )}
      <p className="text-[11px] text-slate-500">
        {t('voting.results.formula', { love: fmt(locale, w.love), like: fmt(locale, w.like), dislike: fmt(locale, w.dislike) })}{' '}
        {t('voting.results.ties')}
      </p>
      {results.ballots.length > 0 ? (
        <details className="text-xs text-slate-700">
          <summary className={`cursor-pointer font-medium ${focus}`}>
            {t('voting.results.voters')} ({results.ballots.length})
          </summary>
          <ul className="mt-1 flex flex-col gap-0.5">
            {results.ballots.map((b, i) => (
              <li key={i}>
                {t('voting.results.voter', { name: b.name || t('voting.namePlaceholder'), group: t(`mots.groups.${b.group}`), count: b.dots })}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

function labelsFor(t: TFunction, doc: JourneyMap, session: VoteSessionView): Map<string, string> {
  const out = new Map<string, string>();
  for (const row of session.results?.targets ?? []) {
    const label = targetLabel(t, doc, session.targetKind, row.targetId);
    if (label) out.set(row.targetId, label);
  }
  return out;
}

function PastVotes({ past }: { past: VoteSessionView[] }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="flex flex-col gap-2 border-t border-slate-200 pt-3">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{t('voting.past')}</h3>
      {past.map((s) => (
        <details key={s.id} className="rounded-md border border-slate-200 p-2" data-testid="vote-past">
          <summary className={`cursor-pointer text-sm text-slate-800 ${focus}`}>
            {s.title || t('voting.untitled')}{' '}
            <span className="text-xs text-slate-500">
              · {new Date(s.createdAt).toLocaleString(i18n.language, { dateStyle: 'medium', timeStyle: 'short' })} · {t('voting.voters', { count: s.voters })}
            </span>
          </summary>
          <div className="mt-2">{s.results ? <Results session={s} /> : null}</div>
        </details>
      ))}
    </div>
  );
}
