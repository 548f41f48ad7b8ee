/** What a share-link guest sees of their role: the header note, the map title, the "View only" badge. */
import { useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { LiveContext } from '../../live/live-context';
import type { MapRole } from '../../api/maps';
import { useMapSelector, useReadOnly } from '../../store/use-map-store';

/** "Shared with you · View only" (guests only). */
export function GuestRoleNote({ role }: { role: MapRole }) {
  const { t } = useTranslation();
  if (role === 'owner') return null;
  return (
    <span className="shrink-0 text-sm text-slate-600" data-testid="guest-role-note">
      {t('access.guest.sharedWithYou')} · <span className="font-medium text-slate-800">{t(`access.roles.${role}`)}</span>
    </span>
  );
}

/** The map title as plain text, for those who may not rename it. */
export function ReadOnlyTitle() {
  const title = useMapSelector((d) => d.title);
  return (
    <h1 className="min-w-0 truncate text-base font-semibold text-slate-900" data-testid="map-title-readonly">
      {title}
    </h1>
  );
}

/** A visible badge while the map cannot be changed; its title explains what still works. */
export function ReadOnlyBadge({ role: given }: { role?: MapRole }) {
  const { t } = useTranslation();
  const readOnly = useReadOnly();
  const live = useContext(LiveContext);
  const role = given ?? live?.role;
  if (!readOnly) return null;
  return (
    <span
      className="inline-flex items-center gap-1.5 rounded-full border border-slate-300 bg-slate-100 px-2.5 py-1 text-xs font-semibold text-slate-700"
      title={t('access.readOnly.explain')}
      data-testid="read-only-badge"
    >
      <span aria-hidden="true">👁</span>
      {role === 'comment' ? t('access.readOnly.commentBadge') : t('access.readOnly.badge')}
      <span className="sr-only">: {t('access.readOnly.explain')}</span>
    </span>
  );
}
