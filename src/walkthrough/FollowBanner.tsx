/**
 * "Ana is presenting the walkthrough — Follow": a small notice at the top right of the editor while
 * someone else presents and this tab is not following. "Not now" hides it until that presenter
 * starts again. View-role guests can follow too.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buttonGhost, buttonPrimary } from '../components/buttons';
import { useWalkthrough, useWalkthroughStore } from './walkthrough-store';

export function FollowBanner() {
  const { t } = useTranslation();
  const store = useWalkthroughStore();
  const remote = useWalkthrough((s) => s.remote);
  const following = useWalkthrough((s) => s.open);
  const [dismissed, setDismissed] = useState<string | null>(null);
  if (!remote || following || dismissed === remote.clientId) return null;
  const name = remote.name.trim() || t('walkthrough.someone');
  return (
    <div
      role="status"
      className="fixed right-4 top-[4.25rem] z-40 flex max-w-[calc(100vw-2rem)] items-center gap-3 rounded-full border border-indigo-200 bg-white py-1.5 pl-4 pr-1.5 text-sm text-slate-800 shadow-lg"
      data-testid="follow-banner"
    >
      <span aria-hidden="true">📽</span>
      <span>{t('walkthrough.presenting', { name })}</span>
      <button type="button" className={`${buttonPrimary} rounded-full py-1`} onClick={() => store.follow()} data-testid="follow-presenter">
        {t('walkthrough.follow')}
      </button>
      <button type="button" className={`${buttonGhost} rounded-full`} onClick={() => setDismissed(remote.clientId)}>
        {t('walkthrough.dismiss')}
      </button>
    </div>
  );
}
