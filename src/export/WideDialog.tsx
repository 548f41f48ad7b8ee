import { useId, type ReactNode } from 'react';
import { useModalDialog } from '../components/Dialog';

/**
 * A modal on the native <dialog>, like components/Dialog but wide enough for a preview or a report:
 * focus is trapped, Esc calls onClose.
 */
export function WideDialog({
  open,
  title,
  onClose,
  children,
  testId,
  width = 'w-[min(72rem,96vw)]',
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  width?: string;
}) {
  const ref = useModalDialog(open);
  const titleId = useId();
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={`m-auto max-h-[92vh] ${width} rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40`}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <div className="flex max-h-[92vh] flex-col gap-3 p-5">
          <h2 id={titleId} className="text-lg font-semibold text-slate-900">
            {title}
          </h2>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
