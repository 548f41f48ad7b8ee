/**
 * `/s/:token`: a share link. Asks the server what the token opens, then opens that map in the
 * editor with the link's role (the token goes with every request from then on). A revoked or
 * unknown link gets a full page saying so — never a blank screen, never the workspace sign-in.
 */
import { useEffect, useId, useState, type FormEvent, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { AppHeader } from '../components/AppHeader';
import { buttonPrimary, buttonSecondary } from '../components/buttons';
import { useModalDialog } from '../components/Dialog';
import { ApiError } from '../api/http';
import { setShareToken } from '../api/credentials';
import { mapsApi } from '../api/maps';
import { shareKeys, useShareTarget } from '../api/share';
import { getDisplayName, hasDisplayName, setDisplayName } from '../live/identity';
import { MapEditor } from './MapEditor';

type Failure = 'revoked' | 'invalid' | 'gone' | { message: string };

function failureOf(error: unknown): Failure {
  if (error instanceof ApiError) {
    const reason = (error.details as { reason?: unknown } | undefined)?.reason;
    if (error.status === 401) return reason === 'revoked' ? 'revoked' : 'invalid';
    if (error.status === 404) return 'gone';
  }
  return { message: error instanceof Error ? error.message : String(error) };
}

export function GuestMapPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const target = useShareTarget(token);
  const mapId = target.data?.mapId;
  const map = useQuery({
    // Keyed by token: never the workspace member's cached copy (another role) of the same map.
    queryKey: [...shareKeys.target(token), 'map', mapId ?? ''],
    queryFn: () => {
      setShareToken(token);
      return mapsApi.get(mapId ?? '');
    },
    enabled: !!mapId,
    retry: false,
    staleTime: Infinity,
  });

  useEffect(() => {
    if (target.data) document.title = `${target.data.title} · MOT Canvas`;
  }, [target.data]);

  const error = target.error ?? map.error;
  if (error) {
    return <GuestFailure failure={failureOf(error)} onRetry={() => (target.error ? void target.refetch() : void map.refetch())} />;
  }
  if (map.data) {
    return (
      <>
        <MapEditor key={map.data.map.id} initial={map.data} />
        <DisplayNamePrompt />
      </>
    );
  }
  return (
    <GuestShell>
      <p className="text-sm text-slate-500" role="status">
        {t('access.guest.loading')}
      </p>
    </GuestShell>
  );
}

function GuestShell({ children }: { children: ReactNode }) {
  return (
    <div className="flex h-full flex-col">
      <AppHeader home={false} />
      <main id="main" className="mx-auto mt-16 w-full max-w-lg px-6">
        {children}
      </main>
    </div>
  );
}

function GuestFailure({ failure, onRetry }: { failure: Failure; onRetry: () => void }) {
  const { t } = useTranslation();
  let title: string;
  let body: string;
  if (failure === 'revoked') {
    title = t('access.guest.revokedTitle');
    body = t('access.guest.revoked');
  } else if (failure === 'invalid') {
    title = t('access.guest.invalidTitle');
    body = t('access.guest.invalid');
  } else if (failure === 'gone') {
    title = t('access.guest.revokedTitle');
    body = t('access.guest.mapGone');
  } else {
    title = t('access.guest.revokedTitle');
    body = t('access.guest.loadError', { message: failure.message });
  }
  return (
    <GuestShell>
      <section role="alert" className="rounded-lg border border-rose-200 bg-rose-50 p-5" data-testid="guest-failure" data-reason={typeof failure === 'string' ? failure : 'error'}>
        <h1 className="text-lg font-semibold text-rose-900">{title}</h1>
        <p className="mt-2 text-sm text-rose-900">{body}</p>
        {typeof failure === 'object' ? (
          <button type="button" className={`${buttonSecondary} mt-4`} onClick={onRetry}>
            {t('access.guest.retry')}
          </button>
        ) : null}
      </section>
    </GuestShell>
  );
}

/** Asked once per browser: the name the others see (may be left empty: "Guest"). */
function DisplayNamePrompt() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => !hasDisplayName());
  const [name, setName] = useState(() => getDisplayName());
  const ref = useModalDialog(open);
  const inputId = useId();
  const headingId = useId();
  const done = (value: string) => {
    setDisplayName(value);
    setOpen(false);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    done(name);
  };
  return (
    <dialog
      ref={ref}
      aria-labelledby={headingId}
      data-testid="display-name-dialog"
      className="m-auto w-full max-w-sm rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      onCancel={(e) => {
        e.preventDefault();
        done('');
      }}
    >
      {open ? (
        <form onSubmit={submit} className="flex flex-col gap-3 p-5">
          <h2 id={headingId} className="text-lg font-semibold text-slate-900">
            {t('access.guest.nameTitle')}
          </h2>
          <p className="text-sm text-slate-600">{t('access.guest.nameIntro')}</p>
          <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
            {t('access.guest.nameLabel')}
          </label>
          <input
            id={inputId}
            value={name}
            maxLength={80}
            autoComplete="nickname"
            onChange={(e) => setName(e.target.value)}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600"
            data-testid="display-name-input"
          />
          <div className="flex justify-end gap-2">
            <button type="button" className={buttonSecondary} onClick={() => done('')} data-testid="display-name-skip">
              {t('access.guest.nameSkip')}
            </button>
            <button type="submit" className={buttonPrimary} data-testid="display-name-save">
              {t('access.guest.nameSave')}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
