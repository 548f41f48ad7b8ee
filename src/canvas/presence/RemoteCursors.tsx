/**
 * The others' pointers on the canvas: an arrow and a name label at each person's flow position,
 * inside React Flow's viewport (ViewportPortal) so they pan and zoom with the map, kept the same
 * size on screen whatever the zoom. Pointer moves never render React: each cursor writes its
 * transform to its own element, at most once per animation frame (see PresenceStore).
 */
import { memo, useEffect, useRef } from 'react';
import { useStore, ViewportPortal, type ReactFlowState } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import { usePresenceStore, useRoster } from './PresenceProvider';
import { textColorOn } from './presence-model';

const zoomOf = (s: ReactFlowState) => s.transform[2];

export function RemoteCursors() {
  const store = usePresenceStore();
  const roster = useRoster();
  const zoom = useStore(zoomOf);
  const others = roster.filter((p) => p.clientId !== store.clientId);
  if (others.length === 0) return null;
  return (
    <ViewportPortal>
      <div
        className="pointer-events-none absolute left-0 top-0"
        style={{ ['--presence-scale' as string]: String(1 / Math.max(zoom, 0.01)), zIndex: 1500 }}
        data-testid="remote-cursors"
      >
        {others.map((p) => (
          <RemoteCursor key={p.clientId} clientId={p.clientId} name={p.name} color={p.color} />
        ))}
      </div>
    </ViewportPortal>
  );
}

const RemoteCursor = memo(function RemoteCursor({ clientId, name, color }: { clientId: string; name: string; color: string }) {
  const { t } = useTranslation();
  const store = usePresenceStore();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const apply = () => {
      const el = ref.current;
      if (!el) return;
      const c = store.cursorOf(clientId);
      el.style.transform = `translate(${c.x}px, ${c.y}px)`;
      el.style.opacity = c.visible ? '1' : '0';
      el.dataset.visible = c.visible ? 'true' : 'false';
    };
    apply();
    return store.subscribeCursor(clientId, apply);
  }, [store, clientId]);
  const label = name.trim() || t('walkthrough.presence.guest');
  return (
    <div
      ref={ref}
      className="absolute left-0 top-0 opacity-0 transition-[transform,opacity] duration-100 ease-linear will-change-transform"
      data-testid="remote-cursor"
      data-client-id={clientId}
      data-visible="false"
      aria-hidden="true"
    >
      <div className="origin-top-left" style={{ transform: 'scale(var(--presence-scale, 1))' }}>
        <svg width="18" height="22" viewBox="0 0 18 22" className="block drop-shadow">
          <path d="M1 1 L1 17 L5.5 13 L8.5 20.5 L11.5 19.2 L8.6 12 L15 12 Z" fill={color} stroke="#ffffff" strokeWidth="1.5" strokeLinejoin="round" />
        </svg>
        <span
          className="ml-3 -mt-1 inline-block max-w-[12rem] truncate whitespace-nowrap rounded px-1.5 py-0.5 text-xs font-semibold shadow"
          style={{ backgroundColor: color, color: textColorOn(color) }}
          title={t('walkthrough.presence.pointer', { name: label })}
        >
          {label}
        </span>
      </div>
    </div>
  );
});
