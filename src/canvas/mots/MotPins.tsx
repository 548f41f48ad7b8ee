/**
 * Moments of Truth on the canvas: numbered pins on a touchpoint card, the card's pin button,
 * the draggable toolbar pin and the drop handlers that let a card receive it.
 *
 * Each card subscribes to one string key describing its pins (ids, numbers, chosen, missing
 * elements, hints), so an edit elsewhere in the map re-renders only the cards whose pins changed.
 */
import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type DragEvent, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { motCompleteness, type MotElement, type MotHint } from '../../domain/mot-rules';
import type { JourneyMap } from '../../domain/schema';
import { addMot } from '../../store/commands';
import { motById, motIdsForTouchpoint } from '../../store/selectors';
import { useMapSelector, useMapStore } from '../../store/use-map-store';
import type { MapStore } from '../../store/map-store';
import { useViewState, useViewStore, type ViewStore } from '../view-state';
import { motNumbering } from './mot-numbering';
import { openCount } from '../../domain/comments';
import { CommentCountBadge } from '../../panels/comments/CommentBadge';

/** The drag type of the toolbar pin (HTML drag and drop). */
export const PIN_DRAG_TYPE = 'application/x-mot-canvas-pin';

/** Pins shown on a card before the rest collapse into "+n". */
const MAX_VISIBLE_PINS = 4;

/** Keeps React Flow from dragging, panning or handling keys for a control inside a node. */
const NO_FLOW = 'nodrag nopan nokey';

const focusRing = 'focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600';

// ── shared helpers ──────────────────────────────────────────────────────────────────────────

/** Locale-aware "a, b and c" / "a、b和c". */
export function formatList(items: readonly string[], locale: string): string {
  try {
    return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(items);
  } catch {
    return items.join(', ');
  }
}

/** "situation missing", "who and feeling missing" — or '' when nothing is missing. */
export function missingText(t: TFunction, locale: string, missing: readonly MotElement[]): string {
  if (missing.length === 0) return '';
  return t('mots.pin.missing', { elements: formatList(missing.map((e) => t(`mots.elements.${e}`)), locale) });
}

/** The accessible name of a pin: "MOT 3 — chosen — situation missing — …". */
export function pinLabel(
  t: TFunction,
  locale: string,
  pin: { number: number; chosen: boolean; missing: readonly MotElement[]; hints: readonly MotHint[] },
): string {
  const parts = [t('mots.motNumber', { number: pin.number })];
  if (pin.chosen) parts.push(t('mots.pin.chosen'));
  if (pin.missing.length) parts.push(missingText(t, locale, pin.missing));
  for (const h of pin.hints) parts.push(t(`mots.pin.hints.${h}`));
  return parts.join(t('mots.separator'));
}

/** Pin a new MOT on a card as one undo step, select it and open the MOTs panel. */
export function pinMotOn(store: MapStore, view: ViewStore, touchpointId: string, label: string): string | null {
  const id = store.run((d) => addMot(d, touchpointId), { label });
  if (id) {
    view.select({ kind: 'mot', ids: [id] });
    view.set({ panel: 'mots' });
  }
  return id;
}

/** Select an MOT and show it in the MOTs panel. */
export function openMot(view: ViewStore, motId: string): void {
  view.select({ kind: 'mot', ids: [motId] });
  view.set({ panel: 'mots' });
}

// ── pins ────────────────────────────────────────────────────────────────────────────────────

interface PinInfo {
  id: string;
  number: number;
  chosen: boolean;
  missing: MotElement[];
  hints: MotHint[];
  /** Open comment threads on this MOT. */
  comments: number;
}

/** One line per pin: id|number|chosen|missing,…|hints,…|open comments — a primitive, so equal keys skip the render. */
function pinsKey(doc: JourneyMap, touchpointId: string): string {
  const ids = motIdsForTouchpoint(doc, touchpointId);
  if (ids.length === 0) return '';
  const numbers = motNumbering(doc).byId;
  let key = '';
  for (const id of ids) {
    const mot = motById(doc, id);
    if (!mot) continue;
    const c = motCompleteness(mot);
    key += `${id}|${numbers.get(id) ?? 0}|${mot.chosen ? 1 : 0}|${c.missing.join(',')}|${c.hints.join(',')}|${openCount(doc.comments, 'mot', id)}\n`;
  }
  return key;
}

function parsePins(key: string): PinInfo[] {
  if (!key) return [];
  const pins: PinInfo[] = [];
  for (const line of key.split('\n')) {
    if (!line) continue;
    const [id = '', number = '0', chosen = '0', missing = '', hints = '', comments = '0'] = line.split('|');
    pins.push({
      id,
      number: Number(number),
      chosen: chosen === '1',
      missing: missing ? (missing.split(',') as MotElement[]) : [],
      hints: hints ? (hints.split(',') as MotHint[]) : [],
      comments: Number(comments) || 0,
    });
  }
  return pins.sort((a, b) => a.number - b.number);
}

/** Selected MOT ids as a primitive key ('' when no MOT is selected). */
const selectedMotKey = (s: { selection: { kind: string; ids: readonly string[] } | null }): string =>
  s.selection?.kind === 'mot' ? `\n${s.selection.ids.join('\n')}\n` : '';

function pinClass(pin: PinInfo, selected: boolean): string {
  const base = `inline-flex h-5 min-w-5 items-center justify-center rounded-full px-1 text-[11px] font-bold leading-none shadow-sm ${focusRing}`;
  const fill = pin.chosen ? 'bg-amber-400 text-amber-950' : 'bg-white text-indigo-700';
  const border =
    pin.missing.length > 0
      ? 'border-2 border-dashed border-rose-500'
      : pin.chosen
        ? 'border-2 border-amber-600'
        : 'border-2 border-indigo-500';
  const ring = selected ? 'ring-2 ring-indigo-600 ring-offset-1' : '';
  return `${base} ${fill} ${border} ${ring}`;
}

function stop(e: MouseEvent | KeyboardEvent): void {
  e.stopPropagation();
}

/**
 * The numbered MOT pins of one touchpoint card, in a row (meant for the card's top-right corner).
 * Chosen MOTs are gold; incomplete ones have a dashed rose outline and say what is missing.
 * Click / Enter opens the MOT in the MOTs panel. Renders nothing when no MOT is pinned here.
 */
interface MotPinsProps {
  /** The card's pins key (usePinsKey). */
  pins: string;
  t: TFunction;
  locale: string;
  className?: string;
}

export const MotPins = memo(function MotPins(props: MotPinsProps) {
  // Most cards have no pins: no hooks (and no view-store subscription) for them.
  return props.pins ? <PinRow {...props} /> : null;
});

function PinRow({ pins: key, t, locale, className = '' }: MotPinsProps) {
  const view = useViewStore();
  const selected = useViewState(selectedMotKey);
  const pins = useMemo(() => parsePins(key), [key]);
  if (pins.length === 0) return null;
  const visible = pins.length > MAX_VISIBLE_PINS ? pins.slice(0, MAX_VISIBLE_PINS - 1) : pins;
  const hidden = pins.slice(visible.length);
  return (
    <div role="group" aria-label={t('mots.pin.group')} className={`${NO_FLOW} flex shrink-0 items-center gap-0.5 ${className}`}>
      {visible.map((pin) => {
        const label = pinLabel(t, locale, pin);
        return (
          <span key={pin.id} className="inline-flex items-center">
            <button
              type="button"
              className={pinClass(pin, selected.includes(`\n${pin.id}\n`))}
              aria-label={label}
              title={label}
              data-testid="mot-pin"
              data-mot-id={pin.id}
              data-chosen={pin.chosen ? 'true' : 'false'}
              data-complete={pin.missing.length === 0 ? 'true' : 'false'}
              onClick={(e) => {
                e.stopPropagation();
                openMot(view, pin.id);
              }}
              onKeyDown={stop}
              onMouseDown={stop}
              onDoubleClick={stop}
            >
              {pin.number}
            </button>
            {pin.comments > 0 ? <CommentCountBadge kind="mot" id={pin.id} count={pin.comments} t={t} size="sm" className="-ml-1 -mt-3" /> : null}
          </span>
        );
      })}
      {hidden.length > 0 && hidden[0] ? (
        <button
          type="button"
          className={`inline-flex h-5 min-w-5 items-center justify-center rounded-full border border-slate-300 bg-white px-1 text-[10px] font-semibold text-slate-600 ${focusRing}`}
          aria-label={t('mots.pin.more', { count: hidden.length })}
          title={hidden.map((p) => pinLabel(t, locale, p)).join('\n')}
          onClick={(e) => {
            e.stopPropagation();
            if (hidden[0]) openMot(view, hidden[0].id);
          }}
          onKeyDown={stop}
          onMouseDown={stop}
          onDoubleClick={stop}
        >
          +{hidden.length}
        </button>
      ) : null}
    </div>
  );
}

/** The pins key of a card (one subscription per card, shared by its pins and its ring). */
export function usePinsKey(touchpointId: string): string {
  return useMapSelector((doc) => pinsKey(doc, touchpointId));
}

/** True when a chosen MOT is among a card's pins (for a gold highlight on the card). */
export function hasChosenMot(key: string): boolean {
  return parsePins(key).some((p) => p.chosen);
}

// ── pin button on the card ─────────────────────────────────────────────────────────────────

/** "📌" on a card: pins a new MOT on it (one undo step), selects it and opens the MOTs panel. */
export const PinButton = memo(function PinButton({
  touchpointId,
  title,
  t,
  className = '',
}: {
  touchpointId: string;
  /** The card's title (the card already has it; no subscription of its own). */
  title: string;
  t: TFunction;
  className?: string;
}) {
  const store = useMapStore();
  const view = useViewStore();
  const label = title.trim() ? t('mots.pin.addOn', { title }) : t('mots.pin.add');
  if (store.readOnly) return null; // view / comment links cannot pin MOTs
  return (
    <button
      type="button"
      className={`${NO_FLOW} inline-flex h-5 w-5 shrink-0 items-center justify-center rounded text-xs leading-none opacity-70 hover:bg-slate-100 hover:opacity-100 focus-visible:opacity-100 ${focusRing} ${className}`}
      aria-label={label}
      title={label}
      data-testid="pin-mot-button"
      onClick={(e) => {
        e.stopPropagation();
        pinMotOn(store, view, touchpointId, t('mots.undo.pin'));
      }}
      onKeyDown={stop}
      onMouseDown={stop}
      onDoubleClick={stop}
    >
      <span aria-hidden="true">📌</span>
    </button>
  );
});

// ── drag a pin from the toolbar ───────────────────────────────────────────────────────────

function isPinDrag(e: DragEvent): boolean {
  return Array.from(e.dataTransfer?.types ?? []).includes(PIN_DRAG_TYPE);
}

const selectedCardOf = (s: { selection: { kind: string; ids: readonly string[] } | null }): string | null =>
  s.selection?.kind === 'touchpoint' ? (s.selection.ids[0] ?? null) : null;

/**
 * The toolbar pin: drag it onto a card to pin an MOT there, or click it to pin one on the
 * selected card (with a short hint when no card is selected).
 */
export function PinToolbarButton({ className = '' }: { className?: string }) {
  const { t } = useTranslation();
  const store = useMapStore();
  const view = useViewStore();
  const selectedCard = useViewState(selectedCardOf);
  const [hint, setHint] = useState(false);
  const helpId = useId();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const onClick = () => {
    if (selectedCard && pinMotOn(store, view, selectedCard, t('mots.undo.pin'))) return;
    setHint(true);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setHint(false), 4000);
  };
  return (
    <span className={`relative inline-flex ${className}`}>
      <button
        type="button"
        draggable
        className={`inline-flex cursor-grab items-center gap-1.5 rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50 active:cursor-grabbing ${focusRing}`}
        title={t('mots.pin.toolbarHelp')}
        aria-describedby={helpId}
        data-testid="pin-toolbar-button"
        onClick={onClick}
        onDragStart={(e) => {
          e.dataTransfer.setData(PIN_DRAG_TYPE, '1');
          e.dataTransfer.setData('text/plain', t('mots.pin.toolbar'));
          e.dataTransfer.effectAllowed = 'copy';
          setHint(false);
        }}
      >
        <span aria-hidden="true">📌</span>
        {t('mots.pin.toolbar')}
      </button>
      <span id={helpId} className="sr-only">
        {t('mots.pin.toolbarHelp')}
      </span>
      <span
        role="status"
        className={
          hint
            ? 'absolute left-0 top-full z-50 mt-1 w-64 rounded-md bg-slate-900 px-2.5 py-1.5 text-xs text-white shadow-lg'
            : 'sr-only'
        }
      >
        {hint ? t('mots.pin.needCard') : ''}
      </span>
    </span>
  );
}

export interface PinDropHandlers {
  onDragOver: (e: DragEvent<HTMLElement>) => void;
  onDragLeave: (e: DragEvent<HTMLElement>) => void;
  onDrop: (e: DragEvent<HTMLElement>) => void;
}

/**
 * Spread on a card to let it receive the toolbar pin: a drop pins a new MOT on it (one undo
 * step), selects it and opens the MOTs panel. While a pin hovers the card, the element carries
 * `data-pin-over="true"` (style it, e.g. `data-[pin-over=true]:ring-2`). Other drags pass through.
 */
export function usePinDrop(touchpointId: string, t: TFunction): PinDropHandlers {
  const store = useMapStore();
  const view = useViewStore();
  const onDragOver = useCallback((e: DragEvent<HTMLElement>) => {
    if (!isPinDrag(e)) return;
    e.preventDefault();
    e.stopPropagation();
    e.dataTransfer.dropEffect = 'copy';
    e.currentTarget.dataset.pinOver = 'true';
  }, []);
  const onDragLeave = useCallback((e: DragEvent<HTMLElement>) => {
    if (e.currentTarget.contains(e.relatedTarget as Node | null)) return;
    delete e.currentTarget.dataset.pinOver;
  }, []);
  const onDrop = useCallback(
    (e: DragEvent<HTMLElement>) => {
      delete e.currentTarget.dataset.pinOver;
      if (!isPinDrag(e) || store.readOnly) return;
      e.preventDefault();
      e.stopPropagation();
      pinMotOn(store, view, touchpointId, t('mots.undo.pin'));
    },
    [store, view, touchpointId, t],
  );
  return useMemo(() => ({ onDragOver, onDragLeave, onDrop }), [onDragOver, onDragLeave, onDrop]);
}
