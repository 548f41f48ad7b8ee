/**
 * Dot voting on the canvas: while a vote is open, each votable card (or each MOT pinned on it)
 * shows this browser's dots with − / + buttons; after the reveal, its rank and weighted score.
 * Renders nothing (and re-renders for nothing) when no vote is running or the card is not voted on.
 */
import { memo, useCallback, type KeyboardEvent, type MouseEvent } from 'react';
import type { TFunction } from 'i18next';
import { useVoteSelector, useVoteStore, type VoteSnapshot } from '../../panels/voting/voting-context';
import { motTitle, touchpointTitle } from '../../panels/voting/target-labels';

const NO_FLOW = 'nodrag nopan nokey';
const focusRing = 'focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600';
/** Dots drawn one by one up to this many, then "●×n". */
const MAX_DRAWN = 4;

interface Target {
  id: string;
  label: string;
}

/** MOT id and number per line of the card's pins key (see MotPins: "id|number|…"). */
function motsOfPins(pins: string): Array<{ id: string; number: number }> {
  if (!pins) return [];
  return pins
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id = '', number = '0'] = line.split('|');
      return { id, number: Number(number) };
    })
    .sort((a, b) => a.number - b.number);
}

/** What a card shows, as one primitive: '' when nothing. */
function keyFor(s: VoteSnapshot, ids: readonly string[]): string {
  const session = s.session;
  if (!session || ids.length === 0) return '';
  if (session.status === 'open') {
    if (!s.mayVote) return '';
    return `open|${s.used}|${s.budget}|${s.canVote ? 1 : 0}|${ids.map((id) => s.myDots[id] ?? 0).join(',')}`;
  }
  const targets = session.results?.targets;
  if (!targets) return '';
  const parts = ids.map((id) => {
    const r = targets.find((x) => x.targetId === id);
    return r ? `${r.rank}:${Math.round(r.weighted * 10) / 10}:${r.raw}` : '';
  });
  return parts.some(Boolean) ? `results|${parts.join(',')}` : '';
}

export const VoteDots = memo(function VoteDots({
  touchpointId,
  title,
  pins,
  t,
}: {
  touchpointId: string;
  title: string;
  pins: string;
  t: TFunction;
}) {
  const kind = useVoteSelector(kindOf);
  if (!kind) return null;
  const cardTitle = touchpointTitle(t, title);
  const targets: Target[] =
    kind === 'touchpoint'
      ? [{ id: touchpointId, label: cardTitle }]
      : motsOfPins(pins).map((m) => ({ id: m.id, label: motTitle(t, m.number, cardTitle) }));
  if (targets.length === 0) return null;
  return <VoteRow targets={targets} cardTitle={cardTitle} t={t} />;
});

const kindOf = (s: VoteSnapshot) => (s.session && s.session.status !== 'closed' ? s.session.targetKind : null);

function stop(e: MouseEvent | KeyboardEvent): void {
  e.stopPropagation();
}

function VoteRow({ targets, cardTitle, t }: { targets: Target[]; cardTitle: string; t: TFunction }) {
  const store = useVoteStore();
  const ids = targets.map((x) => x.id).join('\n');
  const selector = useCallback((s: VoteSnapshot) => keyFor(s, ids.split('\n')), [ids]);
  const key = useVoteSelector(selector);
  if (!key || !store) return null;
  const [mode, ...rest] = key.split('|');
  if (mode === 'results') {
    const cells = (rest[0] ?? '').split(',');
    return (
      <div className={`${NO_FLOW} flex gap-1`} data-testid="vote-results-badges">
        {targets.map((target, i) => {
          const [rank, weighted, raw] = (cells[i] ?? '').split(':');
          if (!rank) return null;
          const label = t('voting.canvas.result', { rank, weighted, raw });
          return (
            <span
              key={target.id}
              className="inline-flex items-center gap-1 whitespace-nowrap rounded-full border border-fuchsia-400 bg-fuchsia-50 px-1.5 text-[10px] font-semibold leading-4 text-fuchsia-900 shadow-sm"
              title={`${target.label}: ${label}`}
              data-testid="vote-result-badge"
              data-target-id={target.id}
            >
              <span aria-hidden="true">#{rank}</span>
              <span aria-hidden="true" className="font-normal">
                {weighted}
              </span>
              <span className="sr-only">{`${target.label}: ${label}`}</span>
            </span>
          );
        })}
      </div>
    );
  }
  const [used = '0', budget = '0', canVote = '0', counts = ''] = rest;
  const mine = counts.split(',').map(Number);
  const usedN = Number(used);
  const budgetN = Number(budget);
  const enabled = canVote === '1';
  return (
    <div role="group" aria-label={t('voting.canvas.group', { title: cardTitle })} className={`${NO_FLOW} flex gap-1`}>
      {targets.map((target, i) => {
        const count = mine[i] ?? 0;
        const vars = { title: target.label, used: usedN, budget: budgetN };
        const ask = () => store.askForGroup();
        return (
          <span
            key={target.id}
            className={`inline-flex items-center gap-0.5 rounded-full border bg-white px-0.5 shadow-sm ${count > 0 ? 'border-fuchsia-500' : 'border-slate-300'}`}
            data-testid="vote-dots"
            data-target-id={target.id}
            data-count={count}
          >
            <button
              type="button"
              className={`inline-flex h-5 w-5 items-center justify-center rounded-full text-sm font-bold leading-none text-slate-600 hover:bg-slate-100 disabled:opacity-30 ${focusRing}`}
              aria-label={t('voting.remove', vars)}
              title={t('voting.remove', vars)}
              disabled={count === 0 || !enabled}
              onClick={(e) => {
                e.stopPropagation();
                store.changeDot(target.id, -1);
              }}
              onKeyDown={stop}
              onMouseDown={stop}
              onDoubleClick={stop}
            >
              −
            </button>
            <span className="inline-flex min-w-3 items-center gap-px" aria-label={t('voting.dotsOn', { title: target.label, count })} role="img">
              {count === 0 ? (
                <span aria-hidden="true" className="h-2 w-2 rounded-full border border-dashed border-slate-400" />
              ) : count <= MAX_DRAWN ? (
                Array.from({ length: count }, (_, k) => <span key={k} aria-hidden="true" className="h-2 w-2 rounded-full bg-fuchsia-600" />)
              ) : (
                <span aria-hidden="true" className="inline-flex items-center gap-0.5 text-[10px] font-bold text-fuchsia-800">
                  <span className="h-2 w-2 rounded-full bg-fuchsia-600" />×{count}
                </span>
              )}
            </span>
            <button
              type="button"
              className={`inline-flex h-5 w-5 items-center justify-center rounded-full text-sm font-bold leading-none text-fuchsia-700 hover:bg-fuchsia-50 disabled:opacity-30 ${focusRing}`}
              aria-label={t('voting.add', vars)}
              title={enabled ? t('voting.add', vars) : t('voting.pickGroupFirst')}
              disabled={enabled && usedN >= budgetN}
              data-testid="vote-add"
              onClick={(e) => {
                e.stopPropagation();
                if (enabled) store.changeDot(target.id, 1);
                else ask();
              }}
              onKeyDown={stop}
              onMouseDown={stop}
              onDoubleClick={stop}
            >
              +
            </button>
          </span>
        );
      })}
    </div>
  );
}
