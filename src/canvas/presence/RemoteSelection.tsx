/**
 * The outline another person's selection draws on a card or stage header: a ring in their colour
 * and a name tag. Its own tiny subscription (id → people), so the memoised card around it never
 * re-renders for someone else's selection or pointer.
 */
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useRemoteMarks } from './PresenceProvider';
import { textColorOn, type RemoteMark } from './presence-model';

const MAX_TAGS = 2;

export const RemoteSelection = memo(function RemoteSelection({ id, inset = false }: { id: string; inset?: boolean }) {
  // One cheap subscription per card; the translation hook only where someone has it selected.
  const marks = useRemoteMarks(id);
  return marks.length ? <Outline marks={marks} inset={inset} /> : null;
});

function Outline({ marks, inset }: { marks: readonly RemoteMark[]; inset: boolean }) {
  const { t } = useTranslation();
  const first = marks[0];
  if (!first) return null;
  const nameOf = (name: string) => name.trim() || t('walkthrough.presence.guest');
  const names = marks.map((m) => nameOf(m.name)).join(', ');
  return (
    <div
      className={`pointer-events-none absolute rounded-lg ${inset ? 'inset-0.5' : '-inset-1.5'}`}
      style={{ boxShadow: `0 0 0 3px ${first.color}` }}
      data-testid="remote-selection"
      data-client-ids={marks.map((m) => m.clientId).join(' ')}
      data-color={first.color}
    >
      <span className="sr-only">{t('walkthrough.presence.selectedBy', { names })}</span>
      <span aria-hidden="true" className={`absolute left-0 flex gap-0.5 ${inset ? 'top-0.5 left-0.5' : '-top-5'}`}>
        {marks.slice(0, MAX_TAGS).map((m) => (
          <span
            key={m.clientId}
            className="max-w-[9rem] truncate rounded px-1.5 text-[11px] font-semibold leading-4"
            style={{ backgroundColor: m.color, color: textColorOn(m.color) }}
            data-testid="remote-selection-tag"
          >
            {nameOf(m.name)}
          </span>
        ))}
        {marks.length > MAX_TAGS ? (
          <span className="rounded bg-slate-700 px-1.5 text-[11px] font-semibold leading-4 text-white">+{marks.length - MAX_TAGS}</span>
        ) : null}
      </span>
    </div>
  );
}
