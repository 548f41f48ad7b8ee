import { useEffect, useRef, type ReactNode } from 'react';

interface Props {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
}

/** Keeps a native <dialog> shown as a modal while `open` is true; returns the ref to put on it. */
export function useModalDialog(open: boolean) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return ref;
}

/** A modal built on the native <dialog>: focus is trapped and Esc closes it. */
export function Dialog({ open, title, onClose, children }: Props) {
  const ref = useModalDialog(open);
  return (
    <dialog
      ref={ref}
      aria-label={title}
      className="m-auto w-full max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      {open ? (
        <div className="flex flex-col gap-4 p-5">
          <h2 className="text-lg font-semibold text-slate-900">{title}</h2>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
