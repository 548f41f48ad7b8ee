/**
 * Workspace pages (the maps list, the editor for members) open only for workspace members.
 * A browser that is not signed in sees the sign-in form; `?key=…` in the address (the workspace
 * link the server prints) signs in at once and is then removed from the address.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/http';
import { setShareToken } from '../api/credentials';
import { useOwnerSession, useSignIn } from '../api/session';
import { AppHeader } from '../components/AppHeader';
import { buttonPrimary } from '../components/buttons';

export function SessionGate({ children, preload }: { children: ReactNode; preload?: () => void }) {
  const { t } = useTranslation();
  // Workspace pages act as a member, never with a share link this tab opened before.
  useState(() => setShareToken(null));
  // What the page behind the gate will load (with this browser's member cookie), fetched while the
  // session is checked rather than after it.
  const preloadRef = useRef(preload);
  useEffect(() => {
    preloadRef.current?.();
  }, []);
  const session = useOwnerSession();
  const signIn = useSignIn();
  const tried = useRef(false);

  // The workspace link: /?key=… signs in once, and the key leaves the address bar.
  useEffect(() => {
    if (tried.current || !session.isError) return;
    const url = new URL(window.location.href);
    const key = url.searchParams.get('key');
    if (!key) return;
    tried.current = true;
    url.searchParams.delete('key');
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
    signIn.mutate(key);
  }, [session.isError, signIn]);

  if (session.data || signIn.data) return <>{children}</>;
  if (session.isPending || signIn.isPending) return <p className="p-6 text-sm text-slate-500">{t('common.loading')}</p>;
  if (session.error instanceof ApiError && session.error.status !== 401) {
    return (
      <p role="alert" className="p-6 text-sm text-rose-700">
        {session.error.isNetwork ? t('errors.network') : session.error.message}
      </p>
    );
  }
  return <WorkspaceSignIn onSubmit={(key) => signIn.mutate(key)} error={signIn.error} busy={signIn.isPending} />;
}

function WorkspaceSignIn({ onSubmit, error, busy }: { onSubmit: (key: string) => void; error: Error | null; busy: boolean }) {
  const { t } = useTranslation();
  const [key, setKey] = useState('');
  const inputId = useId();
  const errorId = useId();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (key.trim()) onSubmit(key.trim());
  };
  return (
    <div className="flex h-full flex-col">
      <AppHeader />
      <main id="main" className="mx-auto mt-16 w-full max-w-md px-6">
        <h1 className="text-xl font-semibold text-slate-900">{t('access.signIn.title')}</h1>
        <p className="mt-2 text-sm text-slate-600">{t('access.signIn.intro')}</p>
        <form className="mt-6 flex flex-col gap-3" onSubmit={submit}>
          <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
            {t('access.signIn.key')}
          </label>
          <input
            id={inputId}
            type="password"
            autoComplete="current-password"
            value={key}
            onChange={(e) => setKey(e.target.value)}
            aria-describedby={error ? errorId : undefined}
            aria-invalid={error ? true : undefined}
            className="rounded-md border border-slate-300 px-3 py-2 text-sm focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600"
          />
          {error ? (
            <p id={errorId} role="alert" className="text-sm text-rose-700">
              {error.message}
            </p>
          ) : null}
          <button type="submit" className={buttonPrimary} disabled={busy || key.trim() === ''}>
            {busy ? t('access.signIn.checking') : t('access.signIn.submit')}
          </button>
        </form>
      </main>
    </div>
  );
}
