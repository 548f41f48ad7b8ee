/**
 * A tiny toast/notice system: `<ToastProvider>` once near the root, then
 *
 *   const toast = useToast();
 *   toast.show({ message: t('map.deletedStage', …), action: { label: t('map.undo'), onClick: () => store.undo() } });
 *
 * Toasts stack at the bottom centre, are announced politely (`role="status"`, or `role="alert"`
 * for errors), dismiss themselves after 6 s (paused while hovered or focused, so there is time to
 * reach the action with the keyboard) and can be closed by hand. `useToast()` returns the same
 * object for the provider's lifetime, so it is safe in effect dependencies.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type ToastTone = 'info' | 'error';

export interface ToastAction {
  label: string;
  onClick: () => void;
}

export interface ToastOptions {
  message: string;
  action?: ToastAction;
  tone?: ToastTone;
  /** Milliseconds before it goes away by itself (default 6000). */
  durationMs?: number;
}

export interface ToastApi {
  /** Show a toast; returns its id. The same message shown again replaces the older one. */
  show: (options: ToastOptions) => string;
  dismiss: (id: string) => void;
}

interface ToastItem extends ToastOptions {
  id: string;
}

export const TOAST_DURATION_MS = 6000;
/** At most this many at once; the oldest go first. */
const MAX_TOASTS = 4;

const ToastContext = createContext<ToastApi | null>(null);

let counter = 0;

export function ToastProvider({ children }: { children?: ReactNode }) {
  const [toasts, setToasts] = useState<readonly ToastItem[]>([]);
  const dismiss = useCallback((id: string) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const show = useCallback((options: ToastOptions) => {
    const id = `toast-${++counter}`;
    setToasts((list) => [...list.filter((t) => t.message !== options.message), { ...options, id }].slice(-MAX_TOASTS));
    return id;
  }, []);
  const api = useMemo<ToastApi>(() => ({ show, dismiss }), [show, dismiss]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div
        className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4"
        data-testid="toasts"
      >
        {toasts.map((item) => (
          <Toast key={item.id} item={item} onDismiss={dismiss} />
        ))}
      </div>
    </ToastContext.Provider>
  );
}

/** The toast API of the nearest `ToastProvider`. */
export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast() must be used inside <ToastProvider>');
  return api;
}

const focusRing = 'focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white';

function Toast({ item, onDismiss }: { item: ToastItem; onDismiss: (id: string) => void }) {
  const { t } = useTranslation();
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const remaining = useRef(item.durationMs ?? TOAST_DURATION_MS);
  const paused = hovered || focused;

  useEffect(() => {
    if (paused) return;
    const started = Date.now();
    const timer = window.setTimeout(() => onDismiss(item.id), Math.max(0, remaining.current));
    return () => {
      window.clearTimeout(timer);
      remaining.current -= Date.now() - started;
    };
  }, [paused, item.id, onDismiss]);

  const error = item.tone === 'error';
  return (
    <div
      role={error ? 'alert' : 'status'}
      data-testid="toast"
      data-tone={error ? 'error' : 'info'}
      className={`pointer-events-auto flex max-w-lg items-center gap-3 rounded-lg px-4 py-2.5 text-sm text-white shadow-lg ${
        error ? 'bg-rose-700' : 'bg-slate-900'
      }`}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <span className="min-w-0 flex-1">{item.message}</span>
      {item.action ? (
        <button
          type="button"
          className={`shrink-0 rounded px-2 py-1 font-semibold text-indigo-200 underline-offset-2 hover:bg-white/10 hover:underline ${focusRing}`}
          onClick={() => {
            item.action?.onClick();
            onDismiss(item.id);
          }}
        >
          {item.action.label}
        </button>
      ) : null}
      <button
        type="button"
        aria-label={t('editor.toast.dismiss')}
        title={t('editor.toast.dismiss')}
        className={`-mr-1 shrink-0 rounded px-1.5 py-0.5 text-base leading-none text-white/70 hover:bg-white/10 hover:text-white ${focusRing}`}
        onClick={() => onDismiss(item.id)}
      >
        ×
      </button>
    </div>
  );
}
