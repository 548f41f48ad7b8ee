/**
 * Who is on this map right now, in the editor header: one avatar per person (initials in their
 * colour; name and, for guests, role on hover and keyboard focus), me first, then "+N".
 * Screen readers get one sentence: "3 people here: Ana (you), Bo, Guest".
 * Re-renders only when someone joins, leaves or renames — never on pointer moves.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLive } from './live-context';
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
      <YourName current={roster.find((p) => p.clientId === selfId)?.name ?? ''} />
    </div>
  );
}

/** "Your name": how others see me in avatars, comments, votes and conflict notices. */
function YourName({ current }: { current: string }) {
  const { t } = useTranslation();
  const live = useLive();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState(current);
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) {
      setValue(current);
      input.current?.focus();
    }
  }, [open, current]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    live.setName(value.trim().slice(0, 80));
    setOpen(false);
  };
  return (
    <div className="relative ml-2">
      <button
        type="button"
        className="rounded px-1.5 py-1 text-xs text-slate-600 hover:bg-slate-100 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600"
        aria-expanded={open}
        data-testid="your-name-button"
        onClick={() => setOpen((o) => !o)}
      >
        {current.trim() ? t('walkthrough.presence.nameButton', { name: current.trim() }) : t('walkthrough.presence.setName')}
      </button>
      {open ? (
        <form
          onSubmit={submit}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
            }
          }}
          className="absolute right-0 top-full z-50 mt-1 flex w-64 flex-col gap-2 rounded-md border border-slate-200 bg-white p-3 shadow-lg"
        >
          <label htmlFor={inputId} className="text-xs font-medium text-slate-700">
            {t('walkthrough.presence.nameLabel')}
          </label>
          <input
            id={inputId}
            ref={input}
            value={value}
            maxLength={80}
            onChange={(e) => setValue(e.target.value)}
            className="rounded border border-slate-300 px-2 py-1 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600"
          />
          <button type="submit" className="self-end rounded bg-indigo-600 px-2 py-1 text-xs font-medium text-white hover:bg-indigo-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600">
            {t('walkthrough.presence.saveName')}
          </button>
        </form>
      ) : null}
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
