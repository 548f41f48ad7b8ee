/**
 * The Share dialog (workspace members only): create share links with a role and a label, copy
 * or revoke them, and the workspace invite link for teammates (full access).
 */
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useModalDialog } from '../../components/Dialog';
import { buttonDanger, buttonGhost, buttonPrimary, buttonSecondary } from '../../components/buttons';
import { SHARE_ROLES, shareUrl, useCreateShareLink, useRevokeShareLink, useShareLinks, type ShareLink, type ShareRole } from '../../api/share';
import { useOwnerSession } from '../../api/session';
import { useMapSelector } from '../../store/use-map-store';

const inputClass =
  'w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600';
const sectionHeading = 'text-xs font-semibold uppercase tracking-wide text-slate-500';

/** The header button and its dialog. */
export function ShareButton({ mapId }: { mapId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const title = useMapSelector((d) => d.title);
  return (
    <>
      <button type="button" className={`${buttonPrimary} ml-auto shrink-0`} onClick={() => setOpen(true)} data-testid="share-open" aria-haspopup="dialog">
        <span aria-hidden="true">⤴</span> {t('access.share.button')}
      </button>
      <ShareDialog open={open} onClose={() => setOpen(false)} mapId={mapId} title={title} />
    </>
  );
}

export function ShareDialog({ open, onClose, mapId, title }: { open: boolean; onClose: () => void; mapId: string; title: string }) {
  const { t } = useTranslation();
  const ref = useModalDialog(open);
  const headingId = useId();
  return (
    <dialog
      ref={ref}
      aria-labelledby={headingId}
      data-testid="share-dialog"
      className="m-auto w-full max-w-2xl rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <div className="flex max-h-[85vh] flex-col gap-5 overflow-y-auto p-5">
          <div className="flex items-start justify-between gap-4">
            <div>
              <h2 id={headingId} className="text-lg font-semibold text-slate-900">
                {t('access.share.title', { title })}
              </h2>
              <p className="mt-1 text-sm text-slate-600">{t('access.share.intro')}</p>
            </div>
            <button type="button" className={buttonGhost} onClick={onClose} aria-label={t('access.share.close')}>
              ✕
            </button>
          </div>
          <CreateLinkForm mapId={mapId} />
          <LinksList mapId={mapId} />
          <TeammatesSection />
        </div>
      ) : null}
    </dialog>
  );
}

function CreateLinkForm({ mapId }: { mapId: string }) {
  const { t } = useTranslation();
  const [role, setRole] = useState<ShareRole>('view');
  const [label, setLabel] = useState('');
  const create = useCreateShareLink(mapId);
  const labelId = useId();
  const groupName = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ role, label: label.trim() }, { onSuccess: () => setLabel('') });
  };
  return (
    <form onSubmit={submit} className="flex flex-col gap-3 rounded-md border border-slate-200 bg-slate-50 p-3" data-testid="share-create">
      <h3 className={sectionHeading}>{t('access.share.createHeading')}</h3>
      <fieldset className="flex flex-col gap-1.5">
        <legend className="mb-1 text-sm font-medium text-slate-700">{t('access.share.role')}</legend>
        {SHARE_ROLES.map((r) => (
          <label key={r} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name={groupName}
              value={r}
              checked={role === r}
              onChange={() => setRole(r)}
              className="mt-0.5 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600"
              data-testid={`share-role-${r}`}
            />
            <span>
              <span className="font-medium text-slate-900">{t(`access.roles.${r}`)}</span>
              <span className="text-slate-600"> — {t(`access.share.roleHelp.${r}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="flex flex-wrap items-end gap-2">
        <div className="min-w-48 flex-1">
          <label htmlFor={labelId} className="mb-1 block text-sm font-medium text-slate-700">
            {t('access.share.label')}
          </label>
          <input
            id={labelId}
            className={inputClass}
            value={label}
            maxLength={80}
            placeholder={t('access.share.labelPlaceholder')}
            onChange={(e) => setLabel(e.target.value)}
            data-testid="share-label"
          />
        </div>
        <button type="submit" className={buttonPrimary} disabled={create.isPending} data-testid="share-create-submit">
          {create.isPending ? t('access.share.creating') : t('access.share.create')}
        </button>
      </div>
      {create.error ? (
        <p role="alert" className="text-sm text-rose-700">
          {t('access.share.error', { message: create.error.message })}
        </p>
      ) : null}
    </form>
  );
}

function formatDate(iso: string, locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
  } catch {
    return iso;
  }
}

function LinksList({ mapId }: { mapId: string }) {
  const { t } = useTranslation();
  const links = useShareLinks(mapId);
  const sorted = [...(links.data ?? [])].sort((a, b) => Number(!!a.revokedAt) - Number(!!b.revokedAt) || b.createdAt.localeCompare(a.createdAt));
  return (
    <section className="flex flex-col gap-2" aria-labelledby={`${mapId}-links-heading`}>
      <h3 id={`${mapId}-links-heading`} className={sectionHeading}>
        {t('access.share.linksHeading')}
      </h3>
      {links.isPending ? <p className="text-sm text-slate-500">{t('access.share.loading')}</p> : null}
      {links.error ? (
        <p role="alert" className="text-sm text-rose-700">
          {t('access.share.error', { message: links.error.message })}
        </p>
      ) : null}
      {links.data && links.data.length === 0 ? <p className="text-sm text-slate-500">{t('access.share.none')}</p> : null}
      {sorted.length ? (
        <ul className="flex flex-col divide-y divide-slate-200 rounded-md border border-slate-200" data-testid="share-links">
          {sorted.map((link) => (
            <LinkRow key={link.id} mapId={mapId} link={link} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function LinkRow({ mapId, link }: { mapId: string; link: ShareLink }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const revoke = useRevokeShareLink(mapId);
  const revoked = link.revokedAt !== null;
  const label = link.label || t('access.share.untitled');
  return (
    <li className={`flex flex-col gap-2 p-3 ${revoked ? 'bg-slate-50 text-slate-500' : ''}`} data-testid="share-link-row" data-role={link.role} data-revoked={revoked}>
      <div className="flex flex-wrap items-center gap-2">
        <span
          className={`rounded-full px-2 py-0.5 text-xs font-semibold ${
            revoked ? 'bg-slate-200 text-slate-600' : link.role === 'edit' ? 'bg-amber-100 text-amber-900' : link.role === 'comment' ? 'bg-sky-100 text-sky-900' : 'bg-emerald-100 text-emerald-900'
          }`}
        >
          {t(`access.roles.${link.role}`)}
        </span>
        <span className={`text-sm font-medium ${link.label ? 'text-slate-900' : 'italic text-slate-500'} ${revoked ? 'line-through' : ''}`}>{label}</span>
        <span className="text-xs text-slate-500">
          {t('access.share.created', { date: formatDate(link.createdAt, i18n.language) })}
          {link.revokedAt ? ` · ${t('access.share.revokedOn', { date: formatDate(link.revokedAt, i18n.language) })}` : ''}
        </span>
        <span className={`ml-auto text-xs font-semibold ${revoked ? 'text-rose-700' : 'text-emerald-700'}`}>
          {revoked ? t('access.share.revoked') : t('access.share.active')}
        </span>
      </div>
      {!revoked ? (
        confirming ? (
          <div className="flex flex-wrap items-center gap-2" role="group" aria-label={t('access.share.revoke')}>
            <p className="text-sm text-slate-800">{t('access.share.revokeConfirm')}</p>
            <button
              type="button"
              className={buttonDanger}
              disabled={revoke.isPending}
              onClick={() => revoke.mutate(link.id, { onSuccess: () => setConfirming(false) })}
              data-testid="share-revoke-confirm"
              autoFocus
            >
              {t('access.share.revokeYes')}
            </button>
            <button type="button" className={buttonSecondary} onClick={() => setConfirming(false)}>
              {t('access.share.cancel')}
            </button>
          </div>
        ) : (
          <div className="flex flex-wrap items-center gap-2">
            <CopyField value={shareUrl(link)} label={t('access.share.linkAddress', { label })} copyLabel={t('access.share.copy')} testId="share-copy" />
            <button type="button" className={buttonSecondary} onClick={() => setConfirming(true)} data-testid="share-revoke">
              {t('access.share.revoke')}
            </button>
          </div>
        )
      ) : null}
      {revoke.error ? (
        <p role="alert" className="text-sm text-rose-700">
          {t('access.share.error', { message: revoke.error.message })}
        </p>
      ) : null}
    </li>
  );
}

/**
 * The address in a read-only text field (always visible: the fallback when the clipboard is not
 * available) and a Copy button that uses the clipboard and otherwise selects the text.
 */
function CopyField({ value, label, copyLabel, testId }: { value: string; label: string; copyLabel: string; testId: string }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<'idle' | 'copied' | 'manual'>('idle');
  const copy = async () => {
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setState('copied');
      window.setTimeout(() => setState('idle'), 2000);
    } catch {
      setState('manual');
      input.current?.focus();
      input.current?.select();
    }
  };
  return (
    <div className="flex min-w-0 flex-1 flex-col gap-1">
      <div className="flex min-w-0 items-center gap-2">
        <input
          ref={input}
          readOnly
          value={value}
          aria-label={label}
          onFocus={(e) => e.currentTarget.select()}
          className={`${inputClass} min-w-0 flex-1 font-mono text-xs`}
          data-testid={`${testId}-url`}
        />
        <button type="button" className={buttonSecondary} onClick={() => void copy()} data-testid={testId}>
          {state === 'copied' ? `✓ ${t('access.share.copied')}` : copyLabel}
        </button>
      </div>
      <span role="status" className="text-xs text-slate-600">
        {state === 'manual' ? t('access.share.copyFallback') : ''}
      </span>
    </div>
  );
}

function TeammatesSection() {
  const { t } = useTranslation();
  const session = useOwnerSession();
  const key = session.data?.workspaceKey;
  if (!key) return null;
  const invite = `${window.location.origin}/?key=${encodeURIComponent(key)}`;
  return (
    <section className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3" data-testid="share-teammates" aria-labelledby="share-teammates-heading">
      <h3 id="share-teammates-heading" className="text-sm font-semibold text-amber-950">
        {t('access.share.teammatesHeading')}
      </h3>
      <p className="text-sm text-amber-950">{t('access.share.teammatesIntro')}</p>
      <CopyField value={invite} label={t('access.share.teammatesLink')} copyLabel={t('access.share.copyInvite')} testId="share-invite" />
    </section>
  );
}
