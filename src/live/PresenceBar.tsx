/**
 * Who is on this map right now, in the editor header: one avatar per person (initials in their
 * colour; name and, for guests, role on hover and keyboard focus), me first, then "+N".
 * Screen readers get one sentence: "3 people here: Ana (you), Bo, Guest".
 * Re-renders only when someone joins, leaves or renames — never on pointer moves.
 */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { Participant } from './live-events';
import { usePresenceStore, useRoster } from '../canvas/presence/PresenceProvider';
import { initialsOf, textColorOn } from '../canvas/presence/presence-model';

const MAX_AVATARS = 5;

function describe(p: Participant, selfId: string, t: TFunction): string {
  const name = p.name.trim() || t('walkthrough.presence.guest');
  const base = p.clientId === selfId ? t('walkthrough.presence.you', { name }) : name;
  return p.role === 'owner' ? base : t('walkthrough.presence.withRole', { name: base, role: t(`walkthrough.presence.roles.${p.role}`) });
}

export function PresenceBar() {
  const { t } = useTranslation();
  const store = usePresenceStore();
  const roster = useRoster();
  if (roster.length === 0) return null;
  const selfId = store.clientId;
  const labels = roster.map((p) => describe(p, selfId, t));
  const summary = t('walkthrough.presence.here', { count: roster.length, names: labels.join(', ') });
  const shown = roster.slice(0, MAX_AVATARS);
  const rest = roster.slice(MAX_AVATARS);
  return (
    <div className="flex shrink-0 items-center" data-testid="presence-bar" data-count={roster.length}>
      <p className="sr-only" id="presence-summary" data-testid="presence-summary">
        {summary}
      </p>
      <ul className="flex items-center -space-x-1.5" aria-labelledby="presence-summary">
        {shown.map((p, i) => (
          <Avatar key={p.clientId} participant={p} label={labels[i] ?? ''} self={p.clientId === selfId} guestInitial={initialsOf(t('walkthrough.presence.guest'))} />
        ))}
        {rest.length ? (
          <li className="group relative">
            <span
              tabIndex={0}
              className="flex h-8 min-w-8 items-center justify-center rounded-full border-2 border-white bg-slate-600 px-1.5 text-xs font-semibold text-white focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
              title={t('walkthrough.presence.moreLabel', { count: rest.length, names: labels.slice(MAX_AVATARS).join(', ') })}
              aria-label={t('walkthrough.presence.moreLabel', { count: rest.length, names: labels.slice(MAX_AVATARS).join(', ') })}
            >
              {t('walkthrough.presence.more', { count: rest.length })}
            </span>
          </li>
        ) : null}
      </ul>
    </div>
  );
}

function Avatar({ participant: p, label, self, guestInitial }: { participant: Participant; label: string; self: boolean; guestInitial: string }) {
  const initials = initialsOf(p.name) || guestInitial;
  return (
    <li className="group relative" data-testid="presence-avatar" data-client-id={p.clientId} data-self={self || undefined} data-role={p.role}>
      <span
        tabIndex={0}
        role="img"
        aria-label={label}
        title={label}
        className={`flex h-8 w-8 items-center justify-center rounded-full border-2 text-xs font-semibold focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${
          self ? 'border-slate-900' : 'border-white'
        }`}
        style={{ backgroundColor: p.color, color: textColorOn(p.color) }}
      >
        {initials}
      </span>
      {p.role !== 'owner' ? (
        <span
          aria-hidden="true"
          className="absolute -bottom-1 -right-1 rounded-full border border-white bg-slate-700 px-1 text-[9px] font-bold uppercase leading-3 text-white"
        >
          {p.role === 'view' ? '👁' : p.role === 'comment' ? '💬' : '✎'}
        </span>
      ) : null}
      {/* The name on hover and on keyboard focus (title alone shows on hover only). */}
      <span
        aria-hidden="true"
        className="pointer-events-none absolute left-1/2 top-full z-50 mt-1.5 hidden -translate-x-1/2 whitespace-nowrap rounded bg-slate-900 px-2 py-1 text-xs font-medium text-white shadow group-focus-within:block"
      >
        {label}
      </span>
    </li>
  );
}
