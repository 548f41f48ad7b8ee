/**
 * The emotion lane under the stages: the −3..+3 scale on the left, then one curve per visible persona
 * (as-is solid, to-be dashed, uncertainty bands), draggable / keyboard-operable points, and the
 * peak, trough and end marks of every visible curve.
 *
 * Performance (300 touchpoints × 3 personas while dragging): each persona layer selects its own
 * curve with an element-wise equality, so an unchanged curve keeps its array and its memoised path
 * strings; points are memoised components with primitive props, so a drag step re-renders only the
 * moved point; the x slots and the stage geometry are stabilised by value.
 */
import { memo, useCallback, useEffect, useMemo, useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { NodeProps } from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  bandFor,
  findHighlights,
  formatNarrative,
  goldenIndex,
  isAssumption,
  narrativeData,
  rolesOf,
  type CurvePoint,
  type HighlightRole,
} from '../../domain/emotion';
import { EMOTION_FACES, EMOTION_MAX, EMOTION_MIN, EMOTION_VALUES, formatEmotion, toEmotionValue } from '../../domain/scale';
import type { JourneyMap, Locale, Persona, Touchpoint } from '../../domain/schema';
import { setEmotion } from '../../store/commands';
import { touchpointById } from '../../store/selectors';
import { shallowEqual } from '../../store/equal';
import { useMapSelector, useMapStore } from '../../store/use-map-store';
import type { MapStore } from '../../store/map-store';
import { useViewState, useViewStore, type ViewStore } from '../view-state';
import type { EmotionLaneNode as EmotionLaneNodeType } from '../nodes/types';
import {
  bandPath,
  bandXY,
  curvePath,
  estimateTextWidth,
  placeLabels,
  pointXs,
  valueFromY,
  yForValue,
  type BandXY,
  type LabelRequest,
  slotsOf,
  type SlotItem,
  type StageSpan,
} from './emotion-geometry';
import { highlightKey, liveCurve, liveHighlightKey, type DraggingPoint } from './live-curve';
import { useFarZoom } from '../nodes/level-of-detail';
import { useNodeT } from '../nodes/use-node-t';

export { liveCurve, type DraggingPoint } from './live-curve';

// ---------------------------------------------------------------------------------------------
// Shared hooks and helpers (also used by HighlightBadges and the panels)

/** The mark drawn before each role's label. */
export const ROLE_GLYPHS: Record<HighlightRole, string> = { peak: '▲', trough: '▼', end: '⚑' };

const EMPTY_CURVE: readonly CurvePoint[] = Object.freeze([]);

/** Same points, values, targets and evidence (evidence by identity: the store shares unchanged objects). */
export function sameCurve(a: readonly CurvePoint[], b: readonly CurvePoint[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i];
    const q = b[i];
    if (
      !p ||
      !q ||
      p.touchpointId !== q.touchpointId ||
      p.stageId !== q.stageId ||
      p.value !== q.value ||
      p.target !== q.target ||
      p.evidence !== q.evidence
    )
      return false;
  }
  return true;
}

/** A persona's as-is curve (goldenIndex, once per document change); the same array while it is unchanged. */
export function usePersonaCurve(personaId: string): readonly CurvePoint[] {
  const selector = useCallback(
    (doc: JourneyMap) => goldenIndex(doc).personas.find((p) => p.personaId === personaId)?.curve ?? EMPTY_CURVE,
    [personaId],
  );
  return useMapSelector(selector, sameCurve);
}

interface TargetPoint {
  touchpointId: string;
  target: number;
}
const EMPTY_TARGETS: readonly TargetPoint[] = Object.freeze([]);
const sameTargets = (a: readonly TargetPoint[], b: readonly TargetPoint[]) =>
  a.length === b.length && a.every((p, i) => p.touchpointId === b[i]?.touchpointId && p.target === b[i]?.target);

/** The to-be points of a persona's curve; the same array while no target changes. */
function usePersonaTargets(personaId: string): readonly TargetPoint[] {
  const selector = useCallback((doc: JourneyMap): readonly TargetPoint[] => {
    const curve = goldenIndex(doc).personas.find((p) => p.personaId === personaId)?.curve;
    if (!curve) return EMPTY_TARGETS;
    const out: TargetPoint[] = [];
    for (const p of curve) if (p.target !== undefined) out.push({ touchpointId: p.touchpointId, target: p.target });
    return out;
  }, [personaId]);
  return useMapSelector(selector, sameTargets);
}

/** The drag on this persona's curve, or null (other personas' subscribers do not re-render). */
export function usePersonaDrag(personaId: string): DraggingPoint | null {
  return useViewState((s) => (s.draggingPoint?.personaId === personaId ? s.draggingPoint : null));
}

/** `usePersonaCurve` with a point being dragged at its live value. */
export function useLivePersonaCurve(personaId: string): readonly CurvePoint[] {
  const curve = usePersonaCurve(personaId);
  const drag = usePersonaDrag(personaId);
  return useMemo(() => liveCurve(curve, drag), [curve, drag]);
}

/** The same array while the banded points (value, evidence, position) are unchanged. */
function useBandedPoints(curve: readonly CurvePoint[]): readonly CurvePoint[] {
  const last = useRef<readonly CurvePoint[]>(EMPTY_CURVE);
  return useMemo(() => {
    const next = curve.filter((p) => bandFor(p) !== null);
    const prev = last.current;
    if (sameCurve(prev, next) && prev.every((p, i) => p.index === next[i]?.index)) return prev;
    last.current = next;
    return next;
  }, [curve]);
}

const titleCache = new WeakMap<readonly Touchpoint[], ReadonlyMap<string, string>>();
let lastTitles: ReadonlyMap<string, string> = new Map();
/** Touchpoint id → title; the same Map while no title changes (not on every emotion edit). */
function titleIndex(doc: JourneyMap): ReadonlyMap<string, string> {
  const hit = titleCache.get(doc.touchpoints);
  if (hit) return hit;
  const next = new Map(doc.touchpoints.map((tp) => [tp.id, tp.title]));
  let same = next.size === lastTitles.size;
  if (same) {
    for (const [id, title] of next) {
      if (lastTitles.get(id) !== title) {
        same = false;
        break;
      }
    }
  }
  const result = same ? lastTitles : next;
  lastTitles = result;
  titleCache.set(doc.touchpoints, result);
  return result;
}

const selectPersonas = (doc: JourneyMap): readonly Persona[] => doc.personas;

/** All personas, in map order (the same array until a persona changes). */
export function usePersonas(): readonly Persona[] {
  return useMapSelector(selectPersonas);
}

/** Personas whose curves are on show (not in the view's hiddenPersonas). */
export function useVisiblePersonas(): readonly Persona[] {
  const personas = usePersonas();
  const hidden = useViewState((s) => s.hiddenPersonas);
  return useMemo(() => personas.filter((p) => !hidden.has(p.id)), [personas, hidden]);
}

export function useLocale(): Locale {
  const { i18n } = useTranslation();
  return i18n.language === 'zh-CN' ? 'zh-CN' : 'en';
}

/** One persona's narrative sentence (formatNarrative, current language), or null without values. */
export function usePersonaNarrative(personaId: string): string | null {
  const locale = useLocale();
  const selector = useCallback(
    (doc: JourneyMap) => {
      const data = narrativeData(doc, personaId);
      return data ? formatNarrative(data, locale) : null;
    },
    [personaId, locale],
  );
  return useMapSelector(selector);
}

/**
 * One sentence per visible persona with values, in the current language, e.g.
 * "Family on the yearly holiday: Peak at In-flight meal (+2), trough at …; remembered ≈ −0.3 vs average −0.3."
 * For the canvas' accessible description (aria-describedby).
 */
export function useCurveNarratives(): string[] {
  const { t } = useTranslation();
  const locale = useLocale();
  const hidden = useViewState((s) => s.hiddenPersonas);
  const selector = useCallback(
    (doc: JourneyMap): string[] => {
      const out: string[] = [];
      for (const p of doc.personas) {
        if (hidden.has(p.id)) continue;
        const data = narrativeData(doc, p.id);
        if (data) out.push(t('emotion.lane.narrativeFor', { persona: p.name, sentence: formatNarrative(data, locale) }));
      }
      return out;
    },
    [hidden, locale, t],
  );
  return useMapSelector(selector, shallowEqual);
}

/** A translated label for a set of roles: "▼ Trough · ⚑ End". */
export function roleLabel(roles: readonly HighlightRole[], name: (role: HighlightRole) => string): string {
  return roles.map((r) => `${ROLE_GLYPHS[r]} ${name(r)}`).join(' · ');
}

function valueName(v: number): 'm3' | 'm2' | 'm1' | 'z0' | 'p1' | 'p2' | 'p3' {
  const e = toEmotionValue(v);
  return e < 0 ? (`m${-e}` as 'm1' | 'm2' | 'm3') : e > 0 ? (`p${e}` as 'p1' | 'p2' | 'p3') : 'z0';
}
export { valueName as emotionValueKey };

// ---------------------------------------------------------------------------------------------
// Slots and stages, stabilised by value


function sameSlots(a: readonly SlotItem[], b: readonly SlotItem[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i]?.touchpointId !== b[i]?.touchpointId || a[i]?.stageId !== b[i]?.stageId) return false;
  }
  return true;
}

function stagesKey(stages: readonly StageSpan[]): string {
  // Ids match [A-Za-z0-9_-]+, so ':' and '|' are safe separators.
  return stages.map((s) => `${s.id}:${s.x}:${s.width}`).join('|');
}

function parseStagesKey(key: string): StageSpan[] {
  if (!key) return [];
  return key.split('|').map((part) => {
    const [id = '', x = '0', width = '0'] = part.split(':');
    return { id, x: Number(x), width: Number(width) };
  });
}

// ---------------------------------------------------------------------------------------------
// Dragging and keyboard

interface PointRef {
  touchpointId: string;
  personaId: string;
}

interface PointController {
  pointerDown(e: PointerEvent<SVGGElement>, point: PointRef, value: number): void;
  pointerMove(e: PointerEvent<SVGGElement>): void;
  pointerUp(e: PointerEvent<SVGGElement>): void;
  pointerCancel(e: PointerEvent<SVGGElement>): void;
  keyDown(e: KeyboardEvent<SVGGElement>, point: PointRef): void;
}

interface DragState extends PointRef {
  pointerId: number;
  element: SVGGElement;
  /** The value under the pointer. */
  value: number;
  /** The value last shown (the view's draggingPoint; moves are coalesced to one update per animation frame). */
  shown: number;
  /** True once the pointer has changed the value (a press without a move writes nothing). */
  moved: boolean;
  /** The pending requestAnimationFrame, if an update is scheduled. */
  frame: number | null;
  /** Pointer y − point y at the start, in lane units, so the point does not jump under the pointer. */
  offset: number;
  top: number;
  scale: number;
  onKey: (e: globalThis.KeyboardEvent) => void;
}

function currentValue(store: MapStore, point: PointRef): number | undefined {
  return touchpointById(store.getDoc(), point.touchpointId)?.emotions[point.personaId]?.value;
}

function createController(
  store: MapStore,
  view: ViewStore,
  svg: () => SVGSVGElement | null,
  height: number,
  undoLabel: () => string,
): PointController & { dispose(): void } {
  let drag: DragState | null = null;

  /**
   * Show the value under the pointer (at most once per frame while dragging). Only the view's
   * `draggingPoint` changes: the dragged persona's layer, the marks and the panel draw the live
   * value from it, and nothing that reads the document re-renders until the drop.
   */
  const flush = (d: DragState) => {
    if (d.frame !== null) cancelAnimationFrame(d.frame);
    d.frame = null;
    if (d.value === d.shown) return;
    d.shown = d.value;
    view.set({ draggingPoint: { personaId: d.personaId, touchpointId: d.touchpointId, value: d.value } });
  };

  const finish = (how: 'end' | 'cancel') => {
    const d = drag;
    if (!d) return;
    if (d.frame !== null) cancelAnimationFrame(d.frame);
    d.frame = null;
    drag = null;
    window.removeEventListener('keydown', d.onKey, true);
    if (d.element.hasPointerCapture(d.pointerId)) d.element.releasePointerCapture(d.pointerId);
    // The drop writes the document once: one change, one undo step, one op for collaborators.
    if (how === 'end' && d.moved && currentValue(store, d) !== d.value) {
      const v = d.value;
      store.apply((doc) => setEmotion(doc, d.touchpointId, d.personaId, v), { label: undoLabel() });
    }
    view.set({ draggingPoint: null });
  };

  const laneY = (d: Pick<DragState, 'top' | 'scale'>, clientY: number) => (clientY - d.top) / d.scale;

  return {
    pointerDown(e, point, value) {
      if (e.button !== 0 || drag || store.readOnly) return; // read-only maps: the points do not move
      const el = svg();
      if (!el) return;
      e.stopPropagation();
      e.preventDefault(); // no text selection, no pane drag
      const element = e.currentTarget;
      element.focus({ preventScroll: true });
      const rect = el.getBoundingClientRect();
      const scale = rect.height > 0 ? rect.height / height : 1;
      const onKey = (ev: globalThis.KeyboardEvent) => {
        if (ev.key !== 'Escape') return;
        ev.preventDefault();
        ev.stopPropagation();
        finish('cancel');
      };
      const geometry = { top: rect.top, scale };
      drag = {
        ...point,
        pointerId: e.pointerId,
        element,
        value,
        shown: value,
        moved: false,
        frame: null,
        offset: laneY(geometry, e.clientY) - yForValue(value, height),
        ...geometry,
        onKey,
      };
      element.setPointerCapture(e.pointerId);
      window.addEventListener('keydown', onKey, true);
      view.set({ draggingPoint: { personaId: point.personaId, touchpointId: point.touchpointId, value } });
    },
    pointerMove(e) {
      const d = drag;
      if (!d || e.pointerId !== d.pointerId) return;
      e.stopPropagation();
      const v = valueFromY(laneY(d, e.clientY) - d.offset, height);
      if (v === d.value) return;
      d.value = v;
      d.moved = true;
      // Coalesce: pointer events can outpace frames; write once per frame, the latest value wins.
      d.frame ??= requestAnimationFrame(() => {
        d.frame = null;
        if (drag === d) flush(d);
      });
    },
    pointerUp(e) {
      if (!drag || e.pointerId !== drag.pointerId) return;
      e.stopPropagation();
      finish('end');
    },
    pointerCancel(e) {
      if (!drag || e.pointerId !== drag.pointerId) return;
      finish('cancel');
    },
    keyDown(e, point) {
      if (drag || store.readOnly) return;
      const now = currentValue(store, point);
      if (now === undefined) return;
      let next: number;
      switch (e.key) {
        case 'ArrowUp':
          next = now + 1;
          break;
        case 'ArrowDown':
          next = now - 1;
          break;
        case 'Home':
          next = EMOTION_MAX;
          break;
        case 'End':
          next = EMOTION_MIN;
          break;
        default:
          return;
      }
      e.preventDefault();
      e.stopPropagation();
      const v = toEmotionValue(next);
      if (v !== now) store.apply((doc) => setEmotion(doc, point.touchpointId, point.personaId, v), { label: undoLabel() });
    },
    dispose() {
      finish('end');
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Points

/** The accessible texts of a layer's points, built with the layer's `t` (no translation hook per point). */
interface PointTexts {
  label(title: string): string;
  valueText(title: string, value: number, roles: string, assumption: boolean): string;
}

function pointTexts(t: TFunction, personaName: string): PointTexts {
  const roleNames: Record<HighlightRole, string> = {
    peak: t('emotion.roles.peak'),
    trough: t('emotion.roles.trough'),
    end: t('emotion.roles.end'),
  };
  const assumptionText = t('emotion.lane.pointAssumption');
  return {
    label: (title) => t('emotion.lane.pointLabel', { persona: personaName, touchpoint: title }),
    valueText(title, value, roles, assumption) {
      const extras: string[] = [];
      if (roles) extras.push(roles.split(' ').map((r) => roleNames[r as HighlightRole]).join(', '));
      if (assumption) extras.push(assumptionText);
      return (
        t('emotion.lane.pointValue', {
          touchpoint: title,
          persona: personaName,
          value: formatEmotion(value),
          face: EMOTION_FACES[toEmotionValue(value)],
        }) + (extras.length ? ` — ${extras.join('; ')}` : '')
      );
    },
  };
}

interface PointProps {
  touchpointId: string;
  personaId: string;
  x: number;
  y: number;
  value: number;
  assumption: boolean;
  color: string;
  title: string;
  /** Space-separated highlight roles of this point ('' for none). */
  roles: string;
  /** The layer's text builders (stable until the language or the persona's name changes). */
  texts: PointTexts;
  controller: PointController;
}

const CurvePointHandle = memo(function CurvePointHandle(props: PointProps) {
  const { touchpointId, personaId, x, y, value, assumption, color, title, roles, texts, controller } = props;
  const ref = useMemo(() => ({ touchpointId, personaId }), [touchpointId, personaId]);
  const valueText = texts.valueText(title, value, roles, assumption);
  const label = texts.label(title);
  // Zoomed far out (nodes/level-of-detail.tsx) a point is the dot alone: its tooltip, hit area and
  // hover / focus rings would be a pixel wide, and 900 points × 8 elements slowed every load.
  const far = useFarZoom();
  return (
    <g
      role="slider"
      tabIndex={0}
      aria-orientation="vertical"
      aria-valuemin={EMOTION_MIN}
      aria-valuemax={EMOTION_MAX}
      aria-valuenow={value}
      aria-valuetext={valueText}
      aria-label={label}
      className="nodrag nopan nokey nowheel group cursor-ns-resize outline-none"
      // The lane node is neither selectable nor draggable, so React Flow gives it pointer-events: none;
      // the points opt back in (the rest of the lane lets the pane pan).
      pointerEvents="all"
      data-testid="emotion-point"
      data-persona-id={personaId}
      data-touchpoint-id={touchpointId}
      data-assumption={assumption ? 'true' : undefined}
      onPointerDown={(e) => controller.pointerDown(e, ref, value)}
      onPointerMove={controller.pointerMove}
      onPointerUp={controller.pointerUp}
      onPointerCancel={controller.pointerCancel}
      onLostPointerCapture={controller.pointerUp}
      onKeyDown={(e) => controller.keyDown(e, ref)}
    >
      {/*
        Performance: no transform and no CSS opacity per point (each would be a paint property node,
        and 900 of them make every frame's layerisation slow); hover and focus rings are toggled with
        display, colours use fill-opacity.
      */}
      {far ? null : (
        <>
          <title>{valueText}</title>
          <circle cx={x} cy={y} r={13} fill="none" />
          <circle cx={x} cy={y} r={10} fill={color} fillOpacity={0.2} className="hidden group-hover:inline" />
          {/* Focus ring: outside the peak/trough/end halo (r 9.5), white-backed so it shows on any colour. */}
          <g className="hidden group-focus-visible:inline">
            <circle cx={x} cy={y} r={14} fill="none" stroke="#ffffff" strokeWidth={5} />
            <circle cx={x} cy={y} r={14} fill="none" strokeWidth={2.5} className="stroke-indigo-600" />
          </g>
        </>
      )}
      {assumption ? (
        <circle cx={x} cy={y} r={5} fill="#ffffff" stroke={color} strokeWidth={2} strokeDasharray="2.6 1.8" />
      ) : (
        <circle cx={x} cy={y} r={5.5} fill={color} stroke="#ffffff" strokeWidth={1.5} />
      )}
    </g>
  );
});

// ---------------------------------------------------------------------------------------------
// One persona's layer: band, to-be curve, as-is curve, points

interface PersonaLayerProps {
  persona: Persona;
  xs: ReadonlyMap<string, number>;
  height: number;
  showTarget: boolean;
  controller: PointController;
}

const PersonaLayer = memo(function PersonaLayer({ persona, xs, height, showTarget, controller }: PersonaLayerProps) {
  // The canvas nodes' shared `t`: fills the points' `{{…}}` texts from precompiled strings (nodes/use-node-t).
  const { t } = useNodeT();
  // Each piece is selected narrowly and kept stable while unchanged, so a drag step on another
  // persona's curve does not re-render this layer, and a value change does not rebuild the to-be path.
  // While one of its points is dragged, the curve carries the value under the pointer.
  const curve = useLivePersonaCurve(persona.id);
  const targets = usePersonaTargets(persona.id);
  const banded = useBandedPoints(curve);
  const titles = useMapSelector(titleIndex);

  const placed = useMemo(
    () =>
      curve.flatMap((p) => {
        const x = xs.get(p.touchpointId);
        return x === undefined ? [] : [{ p, x, y: yForValue(p.value, height) }];
      }),
    [curve, xs, height],
  );
  const asisPath = useMemo(() => curvePath(placed), [placed]);
  const targetPath = useMemo(
    () =>
      showTarget
        ? curvePath(
            targets.flatMap((p) => {
              const x = xs.get(p.touchpointId);
              return x === undefined ? [] : [{ x, y: yForValue(p.target, height) }];
            }),
          )
        : '',
    [targets, xs, showTarget, height],
  );
  const band = useMemo(() => {
    const pts: BandXY[] = [];
    let previous = -2;
    for (const p of banded) {
      const x = xs.get(p.touchpointId);
      if (x === undefined) continue;
      if (p.index !== previous + 1) pts.push(null); // a point without a band in between breaks the band
      pts.push(bandXY(x, bandFor(p), height));
      previous = p.index;
    }
    return bandPath(pts);
  }, [banded, xs, height]);
  const highlights = useMemo(() => findHighlights(curve), [curve]);
  const texts = useMemo(() => pointTexts(t, persona.name), [t, persona.name]);

  return (
    <g role="group" aria-label={t('emotion.lane.curveFor', { persona: persona.name })} data-testid="emotion-curve" data-persona-id={persona.id}>
      {band ? <path d={band} fill={persona.color} fillOpacity={0.14} stroke="none" pointerEvents="none" data-testid="emotion-band" /> : null}
      {targetPath ? (
        <path
          d={targetPath}
          fill="none"
          stroke={persona.color}
          strokeOpacity={0.75}
          strokeWidth={2}
          strokeDasharray="6 5"
          strokeLinecap="round"
          pointerEvents="none"
          data-testid="emotion-target-curve"
        />
      ) : null}
      {asisPath ? (
        <path d={asisPath} fill="none" stroke={persona.color} strokeWidth={2.5} strokeLinejoin="round" pointerEvents="none" data-testid="emotion-asis-curve" />
      ) : null}
      {placed.map(({ p, x, y }) => (
        <CurvePointHandle
          key={p.touchpointId}
          touchpointId={p.touchpointId}
          personaId={persona.id}
          x={x}
          y={y}
          value={p.value}
          assumption={isAssumption(p)}
          color={persona.color}
          title={titles.get(p.touchpointId) ?? ''}
          texts={texts}
          roles={rolesOf(p.touchpointId, highlights).join(' ')}
          controller={controller}
        />
      ))}
    </g>
  );
});

// ---------------------------------------------------------------------------------------------
// Peak / trough / end marks of all visible curves (placed together so labels do not collide)

const LABEL_FONT = 11;

interface MarksProps {
  personas: readonly Persona[];
  xs: ReadonlyMap<string, number>;
  height: number;
  left: number;
  right: number;
}

interface MarkSpec {
  key: string;
  personaId: string;
  touchpointId: string;
  roles: HighlightRole[];
  color: string;
  x: number;
  y: number;
  text: string;
}

const HighlightMarks = memo(function HighlightMarks({ personas, xs, height, left, right }: MarksProps) {
  const { t } = useTranslation();
  // A string key: the marks are placed again only when some peak/trough/end (or the point before the end) changes.
  const docKey = useMapSelector(highlightKey);
  // While a point is dragged, its persona's marks follow the value under the pointer.
  const drag = useViewState((s) => s.draggingPoint);
  const dragCurve = usePersonaCurve(drag?.personaId ?? '');
  const key = useMemo(() => liveHighlightKey(docKey, dragCurve, drag), [docKey, drag, dragCurve]);

  const marks = useMemo(() => {
    const byPersona = new Map<string, string>();
    for (const part of key.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0) byPersona.set(part.slice(0, eq), part.slice(eq + 1));
    }
    const specs: MarkSpec[] = [];
    const requests: LabelRequest[] = [];
    for (const persona of personas) {
      const encoded = byPersona.get(persona.id);
      if (!encoded) continue;
      const [peak = '', trough = '', end = '', prevEnd = ''] = encoded.split(',');
      const split = (s: string) => {
        const i = s.lastIndexOf(':');
        return { id: s.slice(0, i), value: Number(s.slice(i + 1)) };
      };
      const entries: Array<[HighlightRole, { id: string; value: number }]> = [
        ['peak', split(peak)],
        ['trough', split(trough)],
        ['end', split(end)],
      ];
      const byPoint = new Map<string, { value: number; roles: HighlightRole[] }>();
      for (const [role, pt] of entries) {
        const hit = byPoint.get(pt.id);
        if (hit) hit.roles.push(role);
        else byPoint.set(pt.id, { value: pt.value, roles: [role] });
      }
      for (const [touchpointId, { value, roles }] of byPoint) {
        const x = xs.get(touchpointId);
        if (x === undefined) continue;
        const y = yForValue(value, height);
        const text = roleLabel(roles, (r) => t(`emotion.roles.${r}`));
        const side: LabelRequest['side'] = roles.includes('peak')
          ? 'above'
          : roles.includes('trough')
            ? 'below'
            : prevEnd !== '' && Number(prevEnd) > value
              ? 'below'
              : 'above';
        const specKey = `${persona.id}:${touchpointId}`;
        specs.push({ key: specKey, personaId: persona.id, touchpointId, roles, color: persona.color, x, y, text });
        requests.push({ key: specKey, x, y, side, width: estimateTextWidth(text, LABEL_FONT) + 4 });
      }
    }
    const placed = new Map(
      placeLabels(requests, { left: left + 2, right: right - 2, height, fontSize: LABEL_FONT, gap: 9 }).map((p) => [p.key, p]),
    );
    return specs.map((s) => ({ ...s, label: placed.get(s.key) }));
  }, [key, personas, xs, height, left, right, t]);

  return (
    <g aria-hidden="true" pointerEvents="none">
      {marks.map((m) => (
        <g key={m.key} data-testid="emotion-mark" data-persona-id={m.personaId} data-touchpoint-id={m.touchpointId} data-roles={m.roles.join(' ')}>
          <circle cx={m.x} cy={m.y} r={9.5} fill="none" stroke={m.color} strokeWidth={2} />
          {m.label ? (
            <text
              x={m.label.x}
              y={m.label.y}
              textAnchor="middle"
              fontSize={LABEL_FONT}
              fontWeight={700}
              fill={m.color}
              stroke="#ffffff"
              strokeWidth={3.5}
              strokeLinejoin="round"
              paintOrder="stroke"
              data-testid="emotion-mark-label"
            >
              {m.text}
            </text>
          ) : null}
        </g>
      ))}
    </g>
  );
});

// ---------------------------------------------------------------------------------------------
// The value under the pointer while dragging

const DragReadout = memo(function DragReadout({ xs, height, width }: { xs: ReadonlyMap<string, number>; height: number; width: number }) {
  const dragging = useViewState((s) => s.draggingPoint);
  if (!dragging) return null;
  const x = xs.get(dragging.touchpointId);
  if (x === undefined) return null;
  const v = toEmotionValue(dragging.value);
  const y = yForValue(v, height);
  const text = `${formatEmotion(v)} ${EMOTION_FACES[v]}`;
  const boxWidth = estimateTextWidth(text, 12) + 12;
  // To the right of the point, or to its left near the lane's right edge.
  const left = x + 16 + boxWidth > width - 2 ? x - 16 - boxWidth : x + 16;
  return (
    <g aria-hidden="true" pointerEvents="none" data-testid="emotion-drag-readout">
      <rect x={left} y={y - 11} width={boxWidth} height={22} rx={6} fill="#0f172a" fillOpacity={0.85} />
      <text x={left + 6} y={y + 4} fontSize={12} fontWeight={600} fill="#ffffff">
        {text}
      </text>
    </g>
  );
});

// ---------------------------------------------------------------------------------------------
// Axis and legend

const Axis = memo(function Axis({ width, height, gridLeft, stages }: { width: number; height: number; gridLeft: number; stages: readonly StageSpan[] }) {
  const { t } = useTranslation();
  const legendY = 40;
  const legendRow = 17;
  const swatch = { x: 10, w: 20 };
  return (
    <g aria-hidden="true" pointerEvents="none">
      <rect x={0} y={0} width={width} height={height} fill="#ffffff" />
      <rect x={0} y={0} width={gridLeft} height={height} fill="#f8fafc" />
      <line x1={0} x2={width} y1={0.5} y2={0.5} stroke="#cbd5e1" />
      <line x1={gridLeft - 0.5} x2={gridLeft - 0.5} y1={0} y2={height} stroke="#cbd5e1" />
      {stages.map((s) => (
        <line key={s.id} x1={s.x + s.width - 0.5} x2={s.x + s.width - 0.5} y1={0} y2={height} stroke="#e2e8f0" strokeDasharray="3 4" />
      ))}
      {EMOTION_VALUES.map((v) => {
        const y = yForValue(v, height);
        const neutral = v === 0;
        return (
          <g key={v}>
            <line
              x1={gridLeft}
              x2={width}
              y1={y}
              y2={y}
              stroke={neutral ? '#64748b' : '#e2e8f0'}
              strokeWidth={neutral ? 1.5 : 1}
              strokeDasharray={neutral ? undefined : '2 4'}
            />
            <text x={gridLeft - 30} y={y + 4} textAnchor="end" fontSize={12} fontWeight={neutral ? 700 : 500} fill={neutral ? '#0f172a' : '#475569'}>
              {formatEmotion(v)}
            </text>
            <text x={gridLeft - 8} y={y + 5} textAnchor="end" fontSize={14}>
              {EMOTION_FACES[v]}
            </text>
          </g>
        );
      })}
      <text x={10} y={22} fontSize={13} fontWeight={700} fill="#0f172a">
        {t('emotion.lane.axisTitle')}
      </text>
      <g fontSize={10.5} fill="#334155">
        <line x1={swatch.x} x2={swatch.x + swatch.w} y1={legendY} y2={legendY} stroke="#475569" strokeWidth={2.5} />
        <text x={swatch.x + swatch.w + 6} y={legendY + 3.5}>
          {t('emotion.legend.asis')}
        </text>
        <line
          x1={swatch.x}
          x2={swatch.x + swatch.w}
          y1={legendY + legendRow}
          y2={legendY + legendRow}
          stroke="#475569"
          strokeWidth={2}
          strokeDasharray="5 3"
        />
        <text x={swatch.x + swatch.w + 6} y={legendY + legendRow + 3.5}>
          {t('emotion.legend.target')}
        </text>
        <circle cx={swatch.x + swatch.w / 2} cy={legendY + 2 * legendRow} r={4.5} fill="#ffffff" stroke="#475569" strokeWidth={2} strokeDasharray="2.6 1.8" />
        <text x={swatch.x + swatch.w + 6} y={legendY + 2 * legendRow + 3.5}>
          {t('emotion.legend.assumption')}
        </text>
        <rect x={swatch.x + 1} y={legendY + 3 * legendRow - 6} width={swatch.w - 2} height={12} rx={3} fill="#475569" fillOpacity={0.2} />
        <text x={swatch.x + swatch.w + 6} y={legendY + 3 * legendRow + 3.5}>
          {t('emotion.legend.band')}
        </text>
      </g>
    </g>
  );
});

// ---------------------------------------------------------------------------------------------
// The node

function EmotionLaneNodeView({ data }: NodeProps<EmotionLaneNodeType>) {
  const { t } = useTranslation();
  const { layout } = data;
  const width = layout.width;
  const height = layout.emotionLane.height;
  const gridLeft = layout.gridLeft;

  const store = useMapStore();
  const view = useViewStore();
  const svgRef = useRef<SVGSVGElement>(null);

  const personas = useVisiblePersonas();
  const showTargets = useViewState((s) => s.showTargets);

  const slots = useMapSelector(slotsOf, sameSlots);
  const key = stagesKey(layout.stages);
  const stages = useMemo(() => parseStagesKey(key), [key]);
  const xs = useMemo(() => pointXs(slots, stages), [slots, stages]);

  const labelRef = useRef(t('emotion.undo.value'));
  useEffect(() => {
    labelRef.current = t('emotion.undo.value');
  }, [t]);
  const controller = useMemo(
    () => createController(store, view, () => svgRef.current, height, () => labelRef.current),
    [store, view, height],
  );
  useEffect(() => () => controller.dispose(), [controller]);

  return (
    <div className="relative" style={{ width, height }} data-testid="emotion-lane">
      <svg ref={svgRef} width={width} height={height} viewBox={`0 0 ${width} ${height}`} className="block overflow-visible select-none">
        <Axis width={width} height={height} gridLeft={gridLeft} stages={stages} />
        <g role="group" aria-label={t('emotion.lane.label')}>
          {personas.map((p) => (
            <PersonaLayer key={p.id} persona={p} xs={xs} height={height} showTarget={showTargets} controller={controller} />
          ))}
        </g>
        <HighlightMarks personas={personas} xs={xs} height={height} left={gridLeft} right={width} />
        <DragReadout xs={xs} height={height} width={width} />
      </svg>
    </div>
  );
}

export const EmotionLaneNode = memo(EmotionLaneNodeView);
