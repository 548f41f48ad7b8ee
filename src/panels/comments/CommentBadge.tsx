/**
 * The speech-bubble count of OPEN comment threads on a card, a stage header or an MOT pin.
 * Each badge subscribes to one number (memoised index of the comments), so a new comment
 * re-renders only the badge whose count changed. Click: the Comments tab, showing that target.
 */
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { TFunction } from 'i18next';
import { openCount, type CommentTargetKind } from '../../domain/comments';
import { useMapSelector } from '../../store/use-map-store';
import { useViewStore } from '../../canvas/view-state';
import { openCommentsFor } from './comment-focus';

function stop(e: MouseEvent | KeyboardEvent): void {
  e.stopPropagation();
}

export function SpeechBubbleIcon({ className = 'h-3 w-3' }: { className?: string }) {
  return (
    <svg viewBox="0 0 16 16" className={className} aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M2 3.5A2.5 2.5 0 0 1 4.5 1h7A2.5 2.5 0 0 1 14 3.5v5a2.5 2.5 0 0 1-2.5 2.5H7.2l-3.1 2.7A.7.7 0 0 1 3 13.2V11A2.5 2.5 0 0 1 2 9z"
      />
    </svg>
  );
}

export const CommentBadge = memo(function CommentBadge({
  kind,
  id,
  t,
  className = '',
  size = 'md',
}: {
  kind: CommentTargetKind;
  id: string;
  t: TFunction;
  className?: string;
  size?: 'sm' | 'md';
}) {
  const count = useMapSelector((doc) => openCount(doc.comments, kind, id));
  return count > 0 ? <CommentCountBadge kind={kind} id={id} count={count} t={t} className={className} size={size} /> : null;
});

/** The badge for a count the caller already has (MOT pins read theirs from the pins key). */
export function CommentCountBadge({
  kind,
  id,
  count,
  t,
  className = '',
  size = 'md',
}: {
  kind: CommentTargetKind;
  id: string;
  count: number;
  t: TFunction;
  className?: string;
  size?: 'sm' | 'md';
}) {
  const view = useViewStore();
  const label = t('comments.badge', { count });
  const dims = size === 'sm' ? 'h-4 min-w-4 px-1 text-[10px] gap-px' : 'h-5 min-w-5 px-1.5 text-[11px] gap-0.5';
  return (
    <button
      type="button"
      className={`nodrag nopan nokey inline-flex items-center justify-center rounded-full bg-sky-600 font-semibold leading-none text-white shadow-sm ring-1 ring-white hover:bg-sky-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 ${dims} ${className}`}
      aria-label={label}
      title={label}
      data-testid="comment-badge"
      data-target-kind={kind}
      data-target-id={id}
      data-count={count}
      onClick={(e) => {
        e.stopPropagation();
        openCommentsFor(view, { kind, id });
      }}
      onKeyDown={stop}
      onMouseDown={stop}
      onDoubleClick={stop}
    >
      <SpeechBubbleIcon className={size === 'sm' ? 'h-2.5 w-2.5' : 'h-3 w-3'} />
      {count}
    </button>
  );
}
