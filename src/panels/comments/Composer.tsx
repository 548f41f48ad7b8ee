/** A comment / reply text box: Ctrl+Enter (⌘+Enter) posts, Escape cancels (when it can). */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_BODY_MAX } from '../../domain/comments';
import { buttonGhost, buttonPrimary } from '../../components/buttons';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function Composer({
  label,
  placeholder,
  submitLabel,
  onSubmit,
  onCancel,
  initial = '',
  autoFocus = false,
  rows = 3,
  testId,
}: {
  label: string;
  placeholder: string;
  submitLabel: string;
  /** Resolves true when the text was saved (the box is then emptied). */
  onSubmit: (body: string) => Promise<boolean>;
  onCancel?: () => void;
  initial?: string;
  autoFocus?: boolean;
  rows?: number;
  testId?: string;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const hintId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const trimmed = text.trim();
  const tooLong = trimmed.length > COMMENT_BODY_MAX;
  const canPost = trimmed.length > 0 && !tooLong && !busy;

  const submit = async () => {
    if (!canPost) return;
    setBusy(true);
    try {
      if (await onSubmit(trimmed)) setText('');
    } finally {
      setBusy(false);
      ref.current?.focus();
    }
  };

  return (
    <form
      className="flex flex-col gap-1.5"
      data-testid={testId}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <textarea
        ref={ref}
        value={text}
        rows={rows}
        aria-label={label}
        aria-describedby={hintId}
        aria-invalid={tooLong || undefined}
        placeholder={placeholder}
        // Opened on purpose by a Reply / Edit click: the text box takes the focus.
        autoFocus={autoFocus}
        className="w-full resize-y rounded-md border border-slate-300 px-2.5 py-1.5 text-sm text-slate-900 placeholder:text-slate-400 focus-visible:border-indigo-500 focus-visible:outline focus-visible:outline-2 focus-visible:outline-indigo-600 aria-[invalid=true]:border-rose-500"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          } else if (e.key === 'Escape' && onCancel) {
            e.preventDefault();
            onCancel();
          }
        }}
      />
      <div className="flex items-center gap-2">
        <span id={hintId} className={`mr-auto text-xs ${tooLong ? 'font-medium text-rose-700' : 'text-slate-500'}`}>
          {tooLong
            ? t('comments.tooLong', { count: trimmed.length, max: COMMENT_BODY_MAX })
            : trimmed.length > COMMENT_BODY_MAX * 0.9
              ? t('comments.chars', { count: trimmed.length, max: COMMENT_BODY_MAX })
              : isMac
                ? t('comments.shortcutMac')
                : t('comments.shortcut')}
        </span>
        {onCancel ? (
          <button type="button" className={buttonGhost} onClick={onCancel}>
            {t('comments.cancel')}
          </button>
        ) : null}
        <button type="submit" className={`${buttonPrimary} px-2.5 py-1`} disabled={!canPost}>
          {busy ? t('comments.posting') : submitLabel}
        </button>
      </div>
    </form>
  );
}
