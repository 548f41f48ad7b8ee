/**
 * The co-editing status pill in the editor header: Saving… / All changes saved / Offline — N
 * changes waiting / Reconnecting… / revoked / deleted. `data-state` carries the status kind
 * (end-to-end tests wait for `saved`).
 */
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { buttonGhost } from '../components/buttons';
import type { LiveSyncStatus } from './live-sync';

const CALM = { pill: 'border-slate-200 bg-white text-slate-600', dot: 'bg-emerald-500' };
const BUSY = { pill: 'border-slate-200 bg-white text-slate-600', dot: 'bg-indigo-400 motion-safe:animate-pulse' };
const WARN = { pill: 'border-amber-300 bg-amber-50 text-amber-900', dot: 'bg-amber-500' };
const STOP = { pill: 'border-rose-300 bg-rose-50 text-rose-900', dot: 'bg-rose-600' };

const TONE: Record<LiveSyncStatus['kind'], { pill: string; dot: string }> = {
  connecting: BUSY,
  saving: BUSY,
  saved: CALM,
  offline: WARN,
  reconnecting: WARN,
  revoked: STOP,
  forbidden: STOP,
  deleted: STOP,
};

export function statusText(status: LiveSyncStatus, t: TFunction): string {
  switch (status.kind) {
    case 'offline':
      return status.waiting > 0 ? t('live.status.offline', { count: status.waiting }) : t('live.status.offlineIdle');
    case 'connecting':
      return t('live.status.connecting');
    case 'saving':
      return t('live.status.saving');
    case 'saved':
      return t('live.status.saved');
    case 'reconnecting':
      return t('live.status.reconnecting');
    case 'revoked':
      return t('live.status.revoked');
    case 'forbidden':
      return t('live.status.forbidden');
    case 'deleted':
      return t('live.status.deleted');
  }
}

export function LiveStatus({ status, onRetry }: { status: LiveSyncStatus; onRetry?: () => void }) {
  const { t } = useTranslation();
  const tone = TONE[status.kind];
  const showRetry = onRetry && (status.kind === 'offline' || status.kind === 'reconnecting');
  return (
    <div className="flex min-w-0 shrink-0 items-center gap-1">
      <p
        role="status"
        aria-live="polite"
        data-testid="save-status"
        data-state={status.kind}
        className={`inline-flex max-w-xs items-center gap-1.5 truncate rounded-full border px-2.5 py-1 text-xs font-medium ${tone.pill}`}
      >
        <span aria-hidden="true" className={`inline-block h-2 w-2 shrink-0 rounded-full ${tone.dot}`} />
        <span className="truncate">{statusText(status, t)}</span>
      </p>
      {showRetry ? (
        <button type="button" className={buttonGhost} onClick={onRetry}>
          {t('live.status.retry')}
        </button>
      ) : null}
      {status.kind === 'deleted' || status.kind === 'revoked' ? (
        <button type="button" className={buttonGhost} onClick={() => window.location.reload()}>
          {t('live.status.reload')}
        </button>
      ) : null}
    </div>
  );
}
