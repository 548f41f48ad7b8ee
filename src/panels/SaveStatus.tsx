import { useTranslation } from 'react-i18next';
import { buttonGhost } from '../components/buttons';
import type { SyncStatus } from '../sync/map-sync';

const TONE: Record<SyncStatus['kind'], { pill: string; dot: string }> = {
  saved: { pill: 'border-slate-200 bg-white text-slate-600', dot: 'bg-emerald-500' },
  saving: { pill: 'border-slate-200 bg-white text-slate-600', dot: 'bg-indigo-400 motion-safe:animate-pulse' },
  offline: { pill: 'border-amber-300 bg-amber-50 text-amber-900', dot: 'bg-amber-500' },
  conflict: { pill: 'border-rose-300 bg-rose-50 text-rose-900', dot: 'bg-rose-600' },
  error: { pill: 'border-rose-300 bg-rose-50 text-rose-900', dot: 'bg-rose-600' },
  'storage-error': { pill: 'border-rose-300 bg-rose-50 text-rose-900', dot: 'bg-rose-600' },
};

interface Props {
  status: SyncStatus;
  /** Shown as "Retry now" while offline or after an error. */
  onRetry?: () => void;
  /** Shown as "Review" during a conflict (e.g. to reopen the conflict dialog). */
  onReview?: () => void;
}

/** The autosave status pill: Saving… / All changes saved / Offline — N changes waiting / Conflict / errors. */
export function SaveStatus({ status, onRetry, onReview }: Props) {
  const { t } = useTranslation();
  let text: string;
  switch (status.kind) {
    case 'saving':
      text = t('sync.status.saving');
      break;
    case 'offline':
      text = t('sync.status.offline', { count: status.waiting });
      break;
    case 'conflict':
      text = t('sync.status.conflict');
      break;
    case 'error':
      text = t('sync.status.error', { message: status.message });
      break;
    case 'storage-error':
      text = status.reason === 'quota' ? t('sync.status.storageFull') : t('sync.status.storageUnavailable');
      break;
    default:
      text = t('sync.status.saved');
  }
  const tone = TONE[status.kind];
  const showRetry = onRetry && (status.kind === 'offline' || status.kind === 'error');
  const showReview = onReview && status.kind === 'conflict';
  return (
    <div className="flex min-w-0 shrink-0 items-center gap-1">
      <p
        role="status"
        aria-live="polite"
        data-testid="save-status"
        data-state={status.kind}
        title={status.kind === 'storage-error' || status.kind === 'error' ? status.message : undefined}
        className={`inline-flex max-w-xs items-center gap-1.5 truncate rounded-full border px-2.5 py-1 text-xs font-medium ${tone.pill}`}
      >
        <span aria-hidden="true" className={`inline-block h-2 w-2 shrink-0 rounded-full ${tone.dot}`} />
        <span className="truncate">{text}</span>
      </p>
      {showRetry ? (
        <button type="button" className={buttonGhost} onClick={onRetry}>
          {t('sync.status.retry')}
        </button>
      ) : null}
      {showReview ? (
        <button type="button" className={buttonGhost} onClick={onReview}>
          {t('sync.status.review')}
        </button>
      ) : null}
    </div>
  );
}
