import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch';

/** `home={false}`: the logo is not a link (share-link guests have no maps list to go back to). */
export function AppHeader({ children, home = true }: { children?: ReactNode; home?: boolean }) {
  const { t } = useTranslation();
  const logo = (
    <>
      <span aria-hidden="true" className="flex h-7 w-7 items-center justify-center rounded-md bg-indigo-600 text-xs font-bold text-white">
        MOT
      </span>
      {t('app.name')}
    </>
  );
  return (
    <header className="flex h-14 shrink-0 items-center gap-4 border-b border-slate-200 bg-white px-4">
      {home ? (
        <Link to="/" className="flex items-center gap-2 rounded font-semibold text-slate-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600">
          {logo}
        </Link>
      ) : (
        <span className="flex shrink-0 items-center gap-2 font-semibold text-slate-900" data-testid="app-logo">
          {logo}
        </span>
      )}
      <div className="flex min-w-0 flex-1 items-center gap-4">{children}</div>
      <LanguageSwitch />
    </header>
  );
}
