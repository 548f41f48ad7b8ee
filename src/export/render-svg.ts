/**
 * The exporter's one renderer: a journey map → a standalone SVG string, built from the document and
 * computeLayout (the same geometry as the canvas) with plain string building — no DOM — so the
 * browser (preview, PNG/JPEG/PDF/PPTX) and the server (export.svg / export.png) draw the same picture.
 *
 * What it draws, as on the canvas: the title and a date/author line, a legend (personas, curve
 * styles, peak/trough/end marks, MOT pins), stage headers, lane labels, cells with lane tints, cards
 * (channel icon, title wrapped to two lines with an ellipsis, one line of description, numbered MOT
 * pins — chosen ones gold — and peak/trough/end chips), the emotion lane with each visible
 * persona's as-is curve (monotone, d3-shape, the canvas' own path code), to-be curves dashed,
 * uncertainty bands, peak/trough/end marks and labels, and a numbered side list of the MOTs with
 * who / situation / feeling.
 *
 * Safety: every text goes through {@link escapeXml} (which also strips characters XML 1.0 forbids);
 * colours are used only when they are `#rrggbb`; the output has no script, no event attribute, no
 * external reference and no remote font — only system font names (Noto Sans CJK SC first, so
 * Chinese renders wherever that font or one of the others in the stack is installed). Emoji used on
 * the canvas (channel icons, faces, the end flag) are drawn as small vector pictograms instead, so
 * the image does not depend on a colour-emoji font (resvg, on the server, has none).
 */
import { goldenIndex, rolesOf, bandFor, isAssumption, type HighlightRole, type CurvePoint } from '../domain/emotion';
import { EMOTION_VALUES, formatEmotion, type EmotionValue } from '../domain/scale';
import type { Channel, JourneyMap, LaneType, Locale, Mot } from '../domain/schema';
import { motCompleteness } from '../domain/mot-rules';
import { computeLayout, type JourneyLayout } from '../canvas/layout';
import { GRID } from '../canvas/geometry';
import {
  bandPath,
  bandXY,
  curvePath,
  placeLabels,
  pointXs,
  yForValue,
  type Box,
  type LabelRequest,
  slotsOf,
} from '../canvas/emotion/emotion-geometry';
import { motNumbering } from '../canvas/mots/mot-numbering';
import { fill, formatLongDate, messagesFor } from './labels';
import { measureText, truncateText, wrapText } from './text-measure';

// ---------------------------------------------------------------------------------------------
// Options

export type MotsOption = 'all' | 'chosen' | 'none';

export interface RenderInclude {
  title: boolean;
  /** Persona legend (with the curve, mark and pin keys). */
  legend: boolean;
  /** The emotion lane: curves, bands, to-be curves, peak/trough/end marks and card chips. */
  curves: boolean;
  /** Which MOT pins (callouts) to draw on the cards, and to list. */
  mots: MotsOption;
  /** The numbered list of MOTs beside the map (who / situation / feeling). */
  sideList: boolean;
  dateLine: boolean;
}

export interface RenderOptions {
  locale: Locale;
  include: RenderInclude;
  /** Lane ids to show (of the lanes not hidden on the canvas); all visible lanes when omitted. */
  lanes?: readonly string[];
  /** First and last stage index to show (inclusive, 0-based); all stages when omitted. */
  stageRange?: readonly [number, number];
  background: 'white' | 'transparent';
  author?: string;
  /** The date shown on the date line, as display text; the map's last update when omitted. */
  date?: string;
  fontFamily?: string;
  /** Personas whose curves are hidden (as on the canvas). */
  hiddenPersonas?: readonly string[];
  /** Draw to-be (target) curves; default true. */
  showTargets?: boolean;
}

export interface RenderedSvg {
  svg: string;
  width: number;
  height: number;
}

/** The SVG plus what slides need to place it: its inner markup and the stages it shows. */
export interface RenderedMap extends RenderedSvg {
  /** Everything inside the root <svg> element (defs included). */
  body: string;
  stageRange: [number, number];
}

export const EXPORT_FONT_FAMILY = `'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', system-ui, sans-serif`;

export function defaultRenderOptions(locale: Locale): RenderOptions {
  return {
    locale,
    include: { title: true, legend: true, curves: true, mots: 'all', sideList: true, dateLine: true },
    background: 'white',
  };
}

// ---------------------------------------------------------------------------------------------
// XML

// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const XML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escape text for XML content and attribute values, dropping characters XML 1.0 does not allow. */
export function escapeXml(text: string): string {
  return text.replace(INVALID_XML, '').replace(/[&<>"']/g, (c) => XML_ENTITIES[c] ?? c);
}

const HEX = /^#[0-9a-fA-F]{6}$/;
/** A colour safe to put in an attribute: `#rrggbb`, else the fallback. */
export function safeColor(color: string | undefined, fallback: string): string {
  return color && HEX.test(color) ? color : fallback;
}

/** Short number formatting for coordinates. */
const n = (v: number): string => {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

interface TextStyle {
  size: number;
  weight?: number;
  fill?: string;
  anchor?: 'start' | 'middle' | 'end';
  italic?: boolean;
  halo?: boolean;
  extra?: string;
}

function text(x: number, y: number, content: string, s: TextStyle): string {
  let attrs = `x="${n(x)}" y="${n(y)}" font-size="${n(s.size)}"`;
  if (s.weight && s.weight !== 400) attrs += ` font-weight="${s.weight}"`;
  if (s.fill) attrs += ` fill="${s.fill}"`;
  if (s.anchor && s.anchor !== 'start') attrs += ` text-anchor="${s.anchor}"`;
  if (s.italic) attrs += ` font-style="italic"`;
  if (s.halo) attrs += ` stroke="#ffffff" stroke-width="3.5" stroke-linejoin="round" paint-order="stroke"`;
  if (s.extra) attrs += ` ${s.extra}`;
  return `<text ${attrs}>${escapeXml(content)}</text>`;
}

// ---------------------------------------------------------------------------------------------
// Colours (the canvas' Tailwind classes in lane-styles.ts, as hex)

interface LaneColors {
  /** The Tailwind colour family of LANE_STYLES (kept in sync by a unit test). */
  family: string;
  label: string;
  cell: string;
  cellOpacity: number;
  accent: string;
}

export const LANE_COLORS: Record<LaneType, LaneColors> = {
  action: { family: 'sky', label: '#f0f9ff', cell: '#f0f9ff', cellOpacity: 0.4, accent: '#0ea5e9' },
  touchpoint: { family: 'indigo', label: '#eef2ff', cell: '#eef2ff', cellOpacity: 0.4, accent: '#6366f1' },
  frontstage: { family: 'emerald', label: '#ecfdf5', cell: '#ecfdf5', cellOpacity: 0.4, accent: '#10b981' },
  backstage: { family: 'slate', label: '#f1f5f9', cell: '#f8fafc', cellOpacity: 1, accent: '#64748b' },
  pain: { family: 'rose', label: '#fff1f2', cell: '#fff1f2', cellOpacity: 0.4, accent: '#f43f5e' },
  opportunity: { family: 'amber', label: '#fffbeb', cell: '#fffbeb', cellOpacity: 0.4, accent: '#f59e0b' },
};

const C = {
  border: '#e2e8f0',
  borderStrong: '#cbd5e1',
  text: '#0f172a',
  text800: '#1e293b',
  text700: '#334155',
  text600: '#475569',
  text500: '#64748b',
  text400: '#94a3b8',
  axisBg: '#f8fafc',
  gold: '#fbbf24',
  goldBorder: '#d97706',
  goldText: '#451a03',
  indigo500: '#6366f1',
  indigo700: '#4338ca',
  rose: '#f43f5e',
  rose700: '#be123c',
  stageDefault: '#64748b',
  personaDefault: '#2563eb',
};

// ---------------------------------------------------------------------------------------------
// Pictograms (instead of emoji)

const ICON_STROKE = `fill="none" stroke="${C.text600}" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round"`;

/** A 16 × 16 pictogram of a channel, its top-left corner at (x, y). */
export function channelIcon(channel: Channel, x: number, y: number): string {
  const t = `transform="translate(${n(x)},${n(y)})"`;
  switch (channel) {
    case 'in-person':
      return `<g ${t} ${ICON_STROKE}><circle cx="8" cy="5" r="3"/><path d="M2.5 15c0-3.3 2.5-5.5 5.5-5.5s5.5 2.2 5.5 5.5"/></g>`;
    case 'web':
      return `<g ${t} ${ICON_STROKE}><circle cx="8" cy="8" r="6.5"/><ellipse cx="8" cy="8" rx="2.8" ry="6.5"/><path d="M1.5 8h13"/></g>`;
    case 'app':
      return `<g ${t} ${ICON_STROKE}><rect x="4" y="1.5" width="8" height="13" rx="1.6"/><path d="M7 12.2h2"/></g>`;
    case 'phone':
      return `<g ${t} ${ICON_STROKE}><path d="M4.2 1.8l2.3 3-1.4 1.6c.8 1.8 2.2 3.3 4 4.2l1.6-1.4 3 2.3-1.4 2.5C7.7 14 2 8.3 1.7 3.2z"/></g>`;
    case 'email':
      return `<g ${t} ${ICON_STROKE}><rect x="1.5" y="3.5" width="13" height="9" rx="1.2"/><path d="M2 4.2l6 4.6 6-4.6"/></g>`;
    case 'sms':
      return `<g ${t} ${ICON_STROKE}><path d="M2.5 3h11a1 1 0 0 1 1 1v6.5a1 1 0 0 1-1 1H7l-3.2 2.5v-2.5H2.5a1 1 0 0 1-1-1V4a1 1 0 0 1 1-1z"/><path d="M5 7.2h6"/></g>`;
    case 'chat':
      return `<g ${t} ${ICON_STROKE}><path d="M2 2.5h8a1 1 0 0 1 1 1V8a1 1 0 0 1-1 1H5.5L3 11V9H2a1 1 0 0 1-1-1V3.5a1 1 0 0 1 1-1z"/><path d="M11.5 6h2.5a1 1 0 0 1 1 1v4.5a1 1 0 0 1-1 1h-1v2l-2.5-2H8a1 1 0 0 1-1-1v-1"/></g>`;
    case 'kiosk':
      return `<g ${t} ${ICON_STROKE}><rect x="1.5" y="2" width="13" height="9" rx="1.2"/><path d="M8 11v3M5 14.5h6"/></g>`;
    case 'social':
      return `<g ${t} ${ICON_STROKE}><path d="M2 6.5v3h2.5l6 3.5v-10l-6 3.5z"/><path d="M4.5 9.5l1 4h1.8M12.8 5.5c.9.7 1.4 1.6 1.4 2.5s-.5 1.8-1.4 2.5"/></g>`;
    case 'print':
      return `<g ${t} ${ICON_STROKE}><path d="M3.5 1.5h6l3 3v10h-9z"/><path d="M9.5 1.5v3h3M5.5 8h5M5.5 10.8h5"/></g>`;
    case 'signage':
      return `<g ${t} ${ICON_STROKE}><path d="M8 15V1.5"/><path d="M3 3h9l2 2-2 2H3z"/></g>`;
    case 'other':
    default:
      return `<circle cx="${n(x + 8)}" cy="${n(y + 8)}" r="2.2" fill="${C.text600}"/>`;
  }
}

/** The ▲ / ▼ / ⚑ mark of a role, `size` px, centred at (cx, cy). */
export function roleGlyph(role: HighlightRole, cx: number, cy: number, size: number, color: string): string {
  const h = size / 2;
  if (role === 'peak') return `<path d="M${n(cx)} ${n(cy - h)}L${n(cx + h)} ${n(cy + h * 0.8)}L${n(cx - h)} ${n(cy + h * 0.8)}Z" fill="${color}"/>`;
  if (role === 'trough') return `<path d="M${n(cx - h)} ${n(cy - h * 0.8)}L${n(cx + h)} ${n(cy - h * 0.8)}L${n(cx)} ${n(cy + h)}Z" fill="${color}"/>`;
  const px = cx - h * 0.7;
  return (
    `<path d="M${n(px)} ${n(cy + h)}V${n(cy - h)}" stroke="${color}" stroke-width="${n(Math.max(1, size / 8))}" fill="none"/>` +
    `<path d="M${n(px)} ${n(cy - h)}L${n(cx + h)} ${n(cy - h * 0.45)}L${n(px)} ${n(cy + h * 0.15)}Z" fill="${color}"/>`
  );
}

/** A face for an emotion value (the canvas shows emoji 😡 … 🤩), radius r, centred at (cx, cy). */
export function face(value: EmotionValue, cx: number, cy: number, r: number): string {
  const fillColor = value <= -3 ? '#f87171' : value >= 3 ? '#fbbf24' : '#fcd34d';
  const eyeY = cy - r * 0.25;
  const eyeDx = r * 0.35;
  const mouthY = cy + r * 0.35;
  const curve = (value / 3) * r * 0.45;
  return (
    `<g><circle cx="${n(cx)}" cy="${n(cy)}" r="${n(r)}" fill="${fillColor}" stroke="#b45309" stroke-width="0.8"/>` +
    `<circle cx="${n(cx - eyeDx)}" cy="${n(eyeY)}" r="${n(r * 0.12)}" fill="#451a03"/>` +
    `<circle cx="${n(cx + eyeDx)}" cy="${n(eyeY)}" r="${n(r * 0.12)}" fill="#451a03"/>` +
    `<path d="M${n(cx - r * 0.45)} ${n(mouthY - curve / 2)}Q${n(cx)} ${n(mouthY + curve)} ${n(cx + r * 0.45)} ${n(mouthY - curve / 2)}" fill="none" stroke="#451a03" stroke-width="${n(r * 0.14)}" stroke-linecap="round"/></g>`
  );
}

// ---------------------------------------------------------------------------------------------
// Context shared by the parts

interface MarkedPoint {
  personaId: string;
  touchpointId: string;
  roles: HighlightRole[];
}

interface Ctx {
  map: JourneyMap;
  opts: RenderOptions;
  m: ReturnType<typeof messagesFor>;
  layout: JourneyLayout;
  stageRange: [number, number];
  visiblePersonas: JourneyMap['personas'];
  /** MOTs drawn as pins and listed, in number order. */
  mots: Mot[];
  motNumbers: ReadonlyMap<string, number>;
  /** touchpointId → its MOTs (drawn ones), in number order. */
  motsByTouchpoint: Map<string, Mot[]>;
  showTargets: boolean;
}

function buildContext(map: JourneyMap, opts: RenderOptions): Ctx {
  const last = Math.max(0, map.stages.length - 1);
  const [rawFrom, rawTo] = opts.stageRange ?? [0, last];
  const from = Math.max(0, Math.min(last, Math.floor(Math.min(rawFrom, rawTo))));
  const to = Math.max(from, Math.min(last, Math.floor(Math.max(rawFrom, rawTo))));
  const stages = map.stages.slice(from, to + 1);
  const laneFilter = opts.lanes ? new Set(opts.lanes) : null;
  const lanes = map.lanes.filter((l) => !l.hidden && (!laneFilter || laneFilter.has(l.id)));
  const layout = computeLayout({ stages, lanes, touchpoints: map.touchpoints });
  const hidden = new Set(opts.hiddenPersonas ?? []);
  const numbering = motNumbering(map);
  const byId = new Map(map.mots.map((mot) => [mot.id, mot]));
  const mots: Mot[] = [];
  const motsByTouchpoint = new Map<string, Mot[]>();
  if (opts.include.mots !== 'none') {
    for (const id of numbering.ids) {
      const mot = byId.get(id);
      if (!mot || (opts.include.mots === 'chosen' && !mot.chosen) || !layout.cards.has(mot.touchpointId)) continue;
      mots.push(mot);
      let list = motsByTouchpoint.get(mot.touchpointId);
      if (!list) motsByTouchpoint.set(mot.touchpointId, (list = []));
      list.push(mot);
    }
  }
  return {
    map,
    opts,
    m: messagesFor(opts.locale),
    layout,
    stageRange: [from, to],
    visiblePersonas: map.personas.filter((p) => !hidden.has(p.id)),
    mots,
    motNumbers: numbering.byId,
    motsByTouchpoint,
    showTargets: opts.showTargets ?? true,
  };
}

// ---------------------------------------------------------------------------------------------
// Header: title, date line, legend

export interface HeaderStyle {
  titleSize: number;
  lineSize: number;
  legendSize: number;
}
const MAP_HEADER: HeaderStyle = { titleSize: 28, lineSize: 14, legendSize: 13 };

function dateLine(ctx: Ctx): string {
  const parts: string[] = [];
  const date = ctx.opts.date ?? fill(ctx.m.export.render.updated, { date: formatLongDate(ctx.map.updatedAt, ctx.opts.locale) });
  if (date.trim()) parts.push(date.trim());
  const author = ctx.opts.author?.trim();
  if (author) parts.push(fill(ctx.m.export.render.author, { author }));
  return parts.join(' · ');
}

function pinShape(x: number, y: number, label: string, chosen: boolean, incomplete: boolean, size = 20): { svg: string; width: number } {
  const fontSize = size * 0.55;
  const width = Math.max(size, measureText(label, fontSize, true) + size * 0.45);
  const stroke = incomplete ? C.rose : chosen ? C.goldBorder : C.indigo500;
  const dash = incomplete ? ` stroke-dasharray="${n(size * 0.15)} ${n(size * 0.1)}"` : '';
  const svg =
    `<rect x="${n(x + 1)}" y="${n(y + 1)}" width="${n(width - 2)}" height="${n(size - 2)}" rx="${n(size / 2 - 1)}" fill="${chosen ? C.gold : '#ffffff'}" stroke="${stroke}" stroke-width="${n(size / 10)}"${dash}/>` +
    text(x + width / 2, y + size / 2 + fontSize * 0.36, label, { size: fontSize, weight: 700, fill: chosen ? C.goldText : C.indigo700, anchor: 'middle' });
  return { svg, width };
}

interface LegendItem {
  width: number;
  draw: (x: number, baseline: number) => string;
}

function legendItems(ctx: Ctx, size: number): LegendItem[] {
  const items: LegendItem[] = [];
  const sw = size * 2;
  const gap = size * 0.45;
  const labelItem = (label: string, swatchWidth: number, swatch: (x: number, mid: number) => string, weight = 400): LegendItem => ({
    width: swatchWidth + gap + measureText(label, size, weight >= 600),
    draw: (x, baseline) =>
      swatch(x, baseline - size * 0.35) + text(x + swatchWidth + gap, baseline, label, { size, weight, fill: C.text700 }),
  });
  for (const p of ctx.visiblePersonas) {
    const color = safeColor(p.color, C.personaDefault);
    items.push(
      labelItem(
        p.name,
        sw,
        (x, mid) =>
          `<path d="M${n(x)} ${n(mid)}H${n(x + sw)}" stroke="${color}" stroke-width="${n(size * 0.22)}" stroke-linecap="round"/>` +
          `<circle cx="${n(x + sw / 2)}" cy="${n(mid)}" r="${n(size * 0.33)}" fill="${color}" stroke="#ffffff" stroke-width="${n(size * 0.1)}"/>`,
        600,
      ),
    );
  }
  const e = ctx.m.emotion;
  if (ctx.opts.include.curves) {
    const hasTargets = ctx.showTargets && ctx.map.touchpoints.some((tp) => Object.values(tp.emotions).some((v) => v.target !== undefined));
    items.push(labelItem(e.legend.asis, sw, (x, mid) => `<path d="M${n(x)} ${n(mid)}H${n(x + sw)}" stroke="${C.text600}" stroke-width="${n(size * 0.2)}"/>`));
    if (hasTargets)
      items.push(
        labelItem(
          e.legend.target,
          sw,
          (x, mid) => `<path d="M${n(x)} ${n(mid)}H${n(x + sw)}" stroke="${C.text600}" stroke-width="${n(size * 0.16)}" stroke-dasharray="${n(size * 0.4)} ${n(size * 0.25)}"/>`,
        ),
      );
    for (const role of ['peak', 'trough', 'end'] as const) {
      items.push(labelItem(e.roles[role], size * 0.8, (x, mid) => roleGlyph(role, x + size * 0.4, mid, size * 0.75, C.text600)));
    }
  }
  if (ctx.opts.include.mots !== 'none' && ctx.mots.length > 0) {
    const pin = size * 1.4;
    if (ctx.opts.include.mots === 'all')
      items.push(labelItem(ctx.m.export.render.legendMot, pin, (x, mid) => pinShape(x, mid - pin / 2, '1', false, false, pin).svg));
    items.push(labelItem(ctx.m.export.render.legendChosen, pin, (x, mid) => pinShape(x, mid - pin / 2, '2', true, false, pin).svg));
  }
  return items;
}

/**
 * The header block (title, date line, legend) for a given width, with its height; `style` sets the
 * font sizes (slides use larger ones). Empty when nothing of it is included.
 */
export function renderHeader(map: JourneyMap, opts: RenderOptions, width: number, style: HeaderStyle = MAP_HEADER): { svg: string; height: number } {
  return headerOf(buildContext(map, opts), width, style);
}

function headerOf(ctx: Ctx, width: number, style: HeaderStyle): { svg: string; height: number } {
  const parts: string[] = [];
  let y = 0;
  const inc = ctx.opts.include;
  if (inc.title) {
    const title = ctx.map.title.trim() || ctx.m.list.untitled;
    const lines = wrapText(title, width, style.titleSize, 2, true);
    for (const line of lines) {
      y += style.titleSize * 1.25;
      parts.push(text(0, y - style.titleSize * 0.25, line, { size: style.titleSize, weight: 700, fill: C.text }));
    }
  }
  if (inc.dateLine) {
    const line = dateLine(ctx);
    if (line) {
      y += style.lineSize * 1.6;
      parts.push(text(0, y - style.lineSize * 0.35, truncateText(line, width, style.lineSize), { size: style.lineSize, fill: C.text500 }));
    }
  }
  if (inc.legend) {
    const items = legendItems(ctx, style.legendSize);
    if (items.length > 0) {
      y += style.legendSize * 0.8;
      const rowHeight = style.legendSize * 1.9;
      const gap = style.legendSize * 1.6;
      let x = 0;
      y += rowHeight;
      for (const item of items) {
        if (x > 0 && x + item.width > width) {
          x = 0;
          y += rowHeight;
        }
        parts.push(item.draw(x, y - rowHeight * 0.3));
        x += item.width + gap;
      }
    }
  }
  if (y === 0) return { svg: '', height: 0 };
  return { svg: `<g class="header">${parts.join('')}</g>`, height: Math.ceil(y + style.legendSize) };
}

// ---------------------------------------------------------------------------------------------
// The grid: stage headers, lane labels, cells, cards

function gridOf(ctx: Ctx): string {
  const { layout, map, m } = ctx;
  const out: string[] = [];
  const stageById = new Map(map.stages.map((s) => [s.id, s]));
  const laneById = new Map(map.lanes.map((l) => [l.id, l]));
  const width = layout.width;

  // Corner and stage headers.
  out.push(`<rect x="0" y="0" width="${n(layout.gridLeft)}" height="${n(layout.gridTop)}" fill="#ffffff"/>`);
  for (const col of layout.stages) {
    const stage = stageById.get(col.id);
    if (!stage) continue;
    const color = safeColor(stage.color, C.stageDefault);
    out.push(
      `<g class="stage" data-stage-id="${escapeXml(stage.id)}">` +
        `<rect x="${n(col.x)}" y="0" width="${n(col.width)}" height="${GRID.stageHeaderHeight}" fill="#ffffff"/>` +
        `<rect x="${n(col.x)}" y="${GRID.stageHeaderHeight - 4}" width="${n(col.width)}" height="4" fill="${color}"/>` +
        `<path d="M${n(col.x + col.width - 0.5)} 0V${GRID.stageHeaderHeight - 4}" stroke="${C.border}"/>` +
        text(col.x + 12, 26, String(ctx.stageRange[0] + col.index + 1), { size: 12, weight: 500, fill: C.text400 }) +
        text(col.x + 12, 50, truncateText(stage.name, col.width - 24, 16, true), { size: 16, weight: 600, fill: C.text800 }) +
        `</g>`,
    );
  }

  // Lane labels and cells.
  for (const row of layout.lanes) {
    const lane = laneById.get(row.id);
    if (!lane) continue;
    const colors = LANE_COLORS[lane.type];
    out.push(`<g class="lane" data-lane-id="${escapeXml(lane.id)}">`);
    out.push(`<rect x="0" y="${n(row.y)}" width="${GRID.laneLabelWidth}" height="${n(row.height)}" fill="${colors.label}"/>`);
    const typeName = m.laneTypes[lane.type];
    const showType = typeName !== lane.name;
    const maxLines = Math.max(1, Math.floor((row.height - 16 - (showType ? 18 : 0)) / 18));
    const lines = wrapText(lane.name, GRID.laneLabelWidth - 24, 14, Math.min(maxLines, 4), true);
    const block = lines.length * 18 + (showType ? 16 : 0);
    let ty = row.y + (row.height - block) / 2 + 14;
    for (const line of lines) {
      out.push(text(12, ty, line, { size: 14, weight: 600, fill: C.text800 }));
      ty += 18;
    }
    if (showType) out.push(text(12, ty - 2, truncateText(typeName, GRID.laneLabelWidth - 24, 12), { size: 12, fill: C.text500 }));
    for (const col of layout.stages) {
      out.push(
        `<rect x="${n(col.x)}" y="${n(row.y)}" width="${n(col.width)}" height="${n(row.height)}" fill="${colors.cell}"${colors.cellOpacity < 1 ? ` fill-opacity="${colors.cellOpacity}"` : ''}/>`,
      );
    }
    out.push(`</g>`);
  }
  // Grid lines (cells: border-b border-r slate-200).
  const lines: string[] = [];
  for (const row of layout.lanes) lines.push(`M0 ${n(row.y + row.height - 0.5)}H${n(width)}`);
  lines.push(`M0 ${n(layout.gridTop - 0.5)}H${n(width)}`);
  for (const col of layout.stages) lines.push(`M${n(col.x + col.width - 0.5)} ${n(layout.gridTop)}V${n(layout.lanesBottom)}`);
  lines.push(`M${n(layout.gridLeft - 0.5)} 0V${n(layout.lanesBottom)}`);
  out.push(`<path d="${lines.join('')}" stroke="${C.border}" fill="none"/>`);
  return out.join('');
}

interface CardChip {
  personaId: string;
  color: string;
  role: HighlightRole;
}

function chipsByTouchpoint(ctx: Ctx): Map<string, CardChip[]> {
  const out = new Map<string, CardChip[]>();
  if (!ctx.opts.include.curves) return out;
  const visible = new Set(ctx.visiblePersonas.map((p) => p.id));
  const colors = new Map(ctx.map.personas.map((p) => [p.id, safeColor(p.color, C.personaDefault)]));
  for (const entry of goldenIndex(ctx.map).personas) {
    if (!visible.has(entry.personaId) || !entry.highlights) continue;
    for (const role of ['peak', 'trough', 'end'] as const) {
      const id = entry.highlights[role].touchpointId;
      let list = out.get(id);
      if (!list) out.set(id, (list = []));
      list.push({ personaId: entry.personaId, color: colors.get(entry.personaId) ?? C.personaDefault, role });
    }
  }
  return out;
}

function cardsOf(ctx: Ctx): string {
  const { layout, map, m } = ctx;
  const laneType = new Map(map.lanes.map((l) => [l.id, l.type]));
  const chips = chipsByTouchpoint(ctx);
  const bodies: string[] = [];
  const overlays: string[] = [];
  const w = GRID.cardWidth;
  const h = GRID.cardHeight;
  const maxPins = 4;
  for (const tp of map.touchpoints) {
    const box = layout.cards.get(tp.id);
    if (!box) continue;
    const accent = LANE_COLORS[laneType.get(tp.laneId) ?? 'touchpoint'].accent;
    const pins = ctx.motsByTouchpoint.get(tp.id) ?? [];
    const chosen = pins.some((p) => p.chosen);
    const parts: string[] = [];
    parts.push(`<g transform="translate(${n(box.x)},${n(box.y)})" class="card" data-touchpoint-id="${escapeXml(tp.id)}">`);
    parts.push(`<rect y="1" width="${w}" height="${h}" rx="6" fill="#0f172a" fill-opacity="0.06"/>`);
    parts.push(`<rect x="0.5" y="0.5" width="${w - 1}" height="${h - 1}" rx="5.5" fill="#ffffff" stroke="${C.border}"/>`);
    // The lane-coloured left border (border-l-4 inside rounded-md): a 4 px strip cut by the 6 px corners.
    parts.push(`<path d="M4 0.34A6 6 0 0 0 0 6V${h - 6}A6 6 0 0 0 4 ${h - 0.34}Z" fill="${accent}"/>`);
    if (chosen) parts.push(`<rect x="-1" y="-1" width="${w + 2}" height="${h + 2}" rx="7" fill="none" stroke="${C.gold}" stroke-width="2"/>`);
    parts.push(channelIcon(tp.channel, 13, 10));
    const untitled = tp.title.trim() === '';
    const titleLines = untitled ? [m.map.untitledCard] : wrapText(tp.title, w - 34 - 10, 14, 2);
    titleLines.forEach((line, i) => {
      parts.push(text(34, 23 + i * 20, line, { size: 14, weight: 500, fill: untitled ? C.text400 : C.text800, italic: untitled }));
    });
    if (tp.description.trim()) {
      const y = 8 + titleLines.length * 20 + 4 + 12;
      parts.push(text(14, y, truncateText(tp.description, w - 24, 12), { size: 12, fill: C.text500 }));
    }
    parts.push(`</g>`);
    bodies.push(parts.join(''));

    // Pins (top right) and peak/trough/end chips (bottom left) overlap the card's edge: drawn after all cards.
    if (pins.length > 0) {
      const shown = pins.length > maxPins ? pins.slice(0, maxPins - 1) : pins;
      const rest = pins.length - shown.length;
      const drawn: Array<{ label: string; chosen: boolean; incomplete: boolean; id?: string }> = shown.map((mot) => ({
        label: String(ctx.motNumbers.get(mot.id) ?? ''),
        chosen: mot.chosen,
        incomplete: !motCompleteness(mot).complete,
        id: mot.id,
      }));
      if (rest > 0) drawn.push({ label: `+${rest}`, chosen: false, incomplete: false });
      const widths = drawn.map((d) => Math.max(20, measureText(d.label, 11, true) + 9));
      let x = box.x + w - 6 - widths.reduce((a, b) => a + b, 0) - 2 * (drawn.length - 1);
      const y = box.y - 10;
      drawn.forEach((d, i) => {
        const pin = pinShape(x, y, d.label, d.chosen, d.incomplete);
        overlays.push(d.id ? `<g class="pin" data-mot-id="${escapeXml(d.id)}">${pin.svg}</g>` : pin.svg);
        x += (widths[i] ?? 20) + 2;
      });
    }
    const cardChips = chips.get(tp.id);
    if (cardChips && cardChips.length > 0) {
      let x = box.x + 8;
      const y = box.y + h - 9;
      for (const chip of cardChips) {
        const label = m.emotion.roles[chip.role];
        const cw = 6 + 8 + 3 + measureText(label, 10, true) + 6;
        overlays.push(
          `<g class="chip" data-role="${chip.role}" data-persona-id="${escapeXml(chip.personaId)}">` +
            `<rect x="${n(x + 0.5)}" y="${n(y + 0.5)}" width="${n(cw - 1)}" height="17" rx="8.5" fill="#ffffff" stroke="${chip.color}"/>` +
            `<rect x="${n(x + 0.5)}" y="${n(y + 0.5)}" width="${n(cw - 1)}" height="17" rx="8.5" fill="${chip.color}" fill-opacity="0.12"/>` +
            roleGlyph(chip.role, x + 10, y + 9, 8, chip.color) +
            text(x + 17, y + 12.5, label, { size: 10, weight: 600, fill: C.text800 }) +
            `</g>`,
        );
        x += cw + 4;
      }
    }
  }
  return bodies.join('') + overlays.join('');
}

// ---------------------------------------------------------------------------------------------
// The emotion lane

const LABEL_FONT = 11;


/** Label with role glyphs: "▲ Peak · ⚑ End", as pieces placed left to right. */
function markLabel(roles: readonly HighlightRole[], names: Record<HighlightRole, string>): { width: number; draw: (cx: number, baseline: number, color: string) => string } {
  const glyph = LABEL_FONT * 0.8;
  const sep = ' · ';
  const pieces = roles.map((r) => ({ role: r, name: names[r], width: glyph + 3 + measureText(names[r], LABEL_FONT, true) }));
  const sepWidth = measureText(sep, LABEL_FONT, true);
  const width = pieces.reduce((a, p) => a + p.width, 0) + sepWidth * Math.max(0, pieces.length - 1);
  return {
    width,
    draw: (cx, baseline, color) => {
      const out: string[] = [];
      let x = cx - width / 2;
      const style: TextStyle = { size: LABEL_FONT, weight: 700, fill: color, halo: true };
      pieces.forEach((p, i) => {
        if (i > 0) {
          out.push(text(x + sepWidth / 2, baseline, sep.trim(), { ...style, anchor: 'middle' }));
          x += sepWidth;
        }
        out.push(`<circle cx="${n(x + glyph / 2)}" cy="${n(baseline - LABEL_FONT * 0.35)}" r="${n(glyph * 0.75)}" fill="#ffffff"/>`);
        out.push(roleGlyph(p.role, x + glyph / 2, baseline - LABEL_FONT * 0.35, glyph, color));
        out.push(text(x + glyph + 3, baseline, p.name, style));
        x += p.width;
      });
      return out.join('');
    },
  };
}

function emotionLaneOf(ctx: Ctx): string {
  const { layout, map, m } = ctx;
  const width = layout.width;
  const height = layout.emotionLane.height;
  const gridLeft = layout.gridLeft;
  const out: string[] = [];
  out.push(`<g class="emotion-lane" transform="translate(0,${n(layout.emotionLane.y)})">`);

  // Axis (as EmotionLaneNode's Axis).
  out.push(`<rect width="${n(width)}" height="${n(height)}" fill="#ffffff"/>`);
  out.push(`<rect width="${n(gridLeft)}" height="${n(height)}" fill="${C.axisBg}"/>`);
  out.push(`<path d="M0 0.5H${n(width)}M${n(gridLeft - 0.5)} 0V${n(height)}" stroke="${C.borderStrong}"/>`);
  const seps = layout.stages.map((s) => `M${n(s.x + s.width - 0.5)} 0V${n(height)}`).join('');
  if (seps) out.push(`<path d="${seps}" stroke="${C.border}" stroke-dasharray="3 4"/>`);
  for (const v of EMOTION_VALUES) {
    const y = yForValue(v, height);
    const neutral = v === 0;
    out.push(
      `<path d="M${n(gridLeft)} ${n(y)}H${n(width)}" stroke="${neutral ? C.text500 : C.border}" stroke-width="${neutral ? 1.5 : 1}"${neutral ? '' : ' stroke-dasharray="2 4"'}/>`,
    );
    out.push(text(gridLeft - 30, y + 4, formatEmotion(v), { size: 12, weight: neutral ? 700 : 500, fill: neutral ? C.text : C.text600, anchor: 'end' }));
    out.push(face(v, gridLeft - 15, y, 7));
  }
  out.push(text(10, 22, m.emotion.lane.axisTitle, { size: 13, weight: 700, fill: C.text }));
  const legendY = 40;
  const row = 17;
  out.push(
    `<path d="M10 ${legendY}H30" stroke="${C.text600}" stroke-width="2.5"/>` +
      text(36, legendY + 3.5, m.emotion.legend.asis, { size: 10.5, fill: C.text700 }) +
      `<path d="M10 ${legendY + row}H30" stroke="${C.text600}" stroke-width="2" stroke-dasharray="5 3"/>` +
      text(36, legendY + row + 3.5, m.emotion.legend.target, { size: 10.5, fill: C.text700 }) +
      `<circle cx="20" cy="${legendY + 2 * row}" r="4.5" fill="#ffffff" stroke="${C.text600}" stroke-width="2" stroke-dasharray="2.6 1.8"/>` +
      text(36, legendY + 2 * row + 3.5, m.emotion.legend.assumption, { size: 10.5, fill: C.text700 }) +
      `<rect x="11" y="${legendY + 3 * row - 6}" width="18" height="12" rx="3" fill="${C.text600}" fill-opacity="0.2"/>` +
      text(36, legendY + 3 * row + 3.5, m.emotion.legend.band, { size: 10.5, fill: C.text700 }),
  );

  // Curves.
  const xs = pointXs(slotsOf(map), layout.stages);
  const index = goldenIndex(map);
  const curveOf = new Map(index.personas.map((p) => [p.personaId, p]));
  for (const persona of ctx.visiblePersonas) {
    const entry = curveOf.get(persona.id);
    if (!entry) continue;
    const color = safeColor(persona.color, C.personaDefault);
    const placed: Array<{ p: CurvePoint; x: number; y: number }> = [];
    for (const p of entry.curve) {
      const x = xs.get(p.touchpointId);
      if (x !== undefined) placed.push({ p, x, y: yForValue(p.value, height) });
    }
    if (placed.length === 0) continue;
    out.push(`<g class="curve" data-persona-id="${escapeXml(persona.id)}">`);
    const band = bandPath(placed.map(({ p, x }) => bandXY(x, bandFor(p), height)));
    if (band) out.push(`<path d="${band}" fill="${color}" fill-opacity="0.14"/>`);
    if (ctx.showTargets) {
      const target = curvePath(placed.flatMap(({ p, x }) => (p.target === undefined ? [] : [{ x, y: yForValue(p.target, height) }])));
      if (target)
        out.push(
          `<path class="target" d="${target}" fill="none" stroke="${color}" stroke-opacity="0.75" stroke-width="2" stroke-dasharray="6 5" stroke-linecap="round"/>`,
        );
    }
    out.push(`<path class="asis" d="${curvePath(placed)}" fill="none" stroke="${color}" stroke-width="2.5" stroke-linejoin="round"/>`);
    for (const { p, x, y } of placed) {
      out.push(
        isAssumption(p)
          ? `<circle cx="${n(x)}" cy="${n(y)}" r="5" fill="#ffffff" stroke="${color}" stroke-width="2" stroke-dasharray="2.6 1.8"/>`
          : `<circle cx="${n(x)}" cy="${n(y)}" r="5.5" fill="${color}" stroke="#ffffff" stroke-width="1.5"/>`,
      );
    }
    out.push(`</g>`);
  }

  // Peak / trough / end marks of all visible curves, labels placed together.
  const marks: Array<MarkedPoint & { color: string; x: number; y: number; label: ReturnType<typeof markLabel> }> = [];
  const requests: LabelRequest[] = [];
  const circles = new Map<string, Box>();
  for (const persona of ctx.visiblePersonas) {
    const entry = curveOf.get(persona.id);
    const h = entry?.highlights;
    if (!entry || !h) continue;
    const color = safeColor(persona.color, C.personaDefault);
    const prev = entry.curve[h.end.index - 1];
    const seen = new Set<string>();
    for (const point of [h.peak, h.trough, h.end]) {
      if (seen.has(point.touchpointId)) continue;
      seen.add(point.touchpointId);
      const x = xs.get(point.touchpointId);
      if (x === undefined) continue;
      const roles = rolesOf(point.touchpointId, h);
      const y = yForValue(point.value, height);
      const label = markLabel(roles, m.emotion.roles);
      const side: LabelRequest['side'] = roles.includes('peak')
        ? 'above'
        : roles.includes('trough')
          ? 'below'
          : prev && prev.value > point.value
            ? 'below'
            : 'above';
      const key = `${persona.id}:${point.touchpointId}`;
      marks.push({ personaId: persona.id, touchpointId: point.touchpointId, roles, color, x, y, label });
      circles.set(key, { l: x - 11, r: x + 11, t: y - 11, b: y + 11 });
      requests.push({ key, x, y, side, width: label.width + 4 });
    }
  }
  const placedLabels = new Map(
    // Labels may reach 28 px into the margin right of the map (the picture has 32 px there).
    // The other marks' circles are obstacles too: a label never covers another persona's peak, trough or end.
    placeLabels(requests, { left: gridLeft + 2, right: width + 28, height, fontSize: LABEL_FONT, gap: 9 }, circles).map((p) => [p.key, p]),
  );
  for (const mark of marks) {
    const at = placedLabels.get(`${mark.personaId}:${mark.touchpointId}`);
    out.push(
      `<g class="mark" data-persona-id="${escapeXml(mark.personaId)}" data-touchpoint-id="${escapeXml(mark.touchpointId)}" data-roles="${mark.roles.join(' ')}">` +
        `<circle cx="${n(mark.x)}" cy="${n(mark.y)}" r="9.5" fill="none" stroke="${mark.color}" stroke-width="2"/>` +
        (at ? mark.label.draw(at.x, at.y, mark.color) : '') +
        `</g>`,
    );
  }
  out.push(`</g>`);
  return out.join('');
}

// ---------------------------------------------------------------------------------------------
// The MOT side list

const SIDE = { width: 420, gap: 40, columnGap: 28, entryGap: 18, badge: 24 } as const;

interface SideEntry {
  height: number;
  draw: (x: number, y: number) => string;
}

function sideEntries(ctx: Ctx): SideEntry[] {
  const { m, map } = ctx;
  const r = m.export.render;
  const tpById = new Map(map.touchpoints.map((tp) => [tp.id, tp]));
  const stageName = new Map(map.stages.map((s) => [s.id, s.name]));
  const textX = SIDE.badge + 10;
  const textWidth = SIDE.width - textX;
  return ctx.mots.map((mot) => {
    const tp = tpById.get(mot.touchpointId);
    const number = ctx.motNumbers.get(mot.id) ?? 0;
    const place = fill(r.motPlace, { stage: (tp && stageName.get(tp.stageId)) ?? '', touchpoint: tp?.title.trim() || m.map.untitledCard });
    const headLines = wrapText(place, textWidth, 14, 2, true);
    const meta: string[] = [];
    if (mot.dimension) meta.push(m.mots.dimensions[mot.dimension]);
    if (mot.chosen) meta.push(r.chosen);
    const rows: Array<{ label: string; lines: string[]; missing: boolean }> = (
      [
        ['who', r.who, 2],
        ['situation', r.situation, 5],
        ['feeling', r.feeling, 2],
      ] as const
    ).map(([key, label, max]) => {
      const value = mot[key].trim();
      const labelWidth = measureText(`${label}  `, 12, true);
      return value
        ? { label, lines: wrapText(value, textWidth - labelWidth, 13, max), missing: false }
        : { label, lines: [r.notWritten], missing: true };
    });
    const lineH = 18;
    let height = headLines.length * 19 + (meta.length ? 17 : 0) + 4;
    for (const row of rows) height += row.lines.length * lineH + 2;
    height = Math.max(height, SIDE.badge);
    const complete = motCompleteness(mot).complete;
    return {
      height,
      draw: (x, y) => {
        const out: string[] = [`<g class="mot-entry" data-mot-id="${escapeXml(mot.id)}">`];
        out.push(pinShape(x, y, String(number), mot.chosen, !complete, SIDE.badge).svg);
        let ty = y + 15;
        for (const line of headLines) {
          out.push(text(x + textX, ty, line, { size: 14, weight: 700, fill: C.text }));
          ty += 19;
        }
        if (meta.length) {
          out.push(text(x + textX, ty - 2, meta.join(' · '), { size: 11.5, weight: 600, fill: mot.chosen ? C.goldBorder : C.text500 }));
          ty += 17;
        }
        ty += 2;
        for (const row of rows) {
          const labelWidth = measureText(`${row.label}  `, 12, true);
          out.push(text(x + textX, ty, row.label, { size: 12, weight: 700, fill: C.text500 }));
          row.lines.forEach((line, i) => {
            out.push(
              text(x + textX + labelWidth, ty + i * lineH, line, {
                size: 13,
                fill: row.missing ? C.rose700 : C.text700,
                italic: row.missing,
              }),
            );
          });
          ty += row.lines.length * lineH + 2;
        }
        out.push('</g>');
        return out.join('');
      },
    };
  });
}

interface SideList {
  svg: string;
  width: number;
  height: number;
}

/** Flow the entries into columns of at most `columnHeight` (an entry never splits). */
function flowSideList(ctx: Ctx, entries: readonly SideEntry[], columnHeight: number): SideList {
  const heading = ctx.opts.include.mots === 'chosen' ? ctx.m.export.render.motsChosen : ctx.m.export.render.mots;
  const headingH = 36;
  const out: string[] = [`<g class="mot-list">`];
  out.push(text(0, 20, heading, { size: 18, weight: 700, fill: C.text }));
  let col = 0;
  let y = headingH;
  let maxY = y;
  for (const entry of entries) {
    if (y + entry.height > columnHeight && y > headingH) {
      col++;
      y = headingH;
    }
    out.push(entry.draw(col * (SIDE.width + SIDE.columnGap), y));
    y += entry.height + SIDE.entryGap;
    maxY = Math.max(maxY, y - SIDE.entryGap);
  }
  out.push('</g>');
  return { svg: out.join(''), width: (col + 1) * SIDE.width + col * SIDE.columnGap, height: maxY };
}

/**
 * The numbered MOT list and where it goes: beside the map in columns as tall as the map, or —
 * when that would take more than two columns (a long list beside a short, wide map) — below the
 * map, in as many columns as fit the map's width.
 */
function sideListOf(ctx: Ctx, mapWidth: number, mapHeight: number): (SideList & { below: boolean }) | null {
  if (!ctx.opts.include.sideList || ctx.opts.include.mots === 'none' || ctx.mots.length === 0) return null;
  const entries = sideEntries(ctx);
  const tallest = 36 + Math.max(...entries.map((e) => e.height));
  const beside = flowSideList(ctx, entries, Math.max(mapHeight, 480, tallest));
  if (beside.width <= 2 * SIDE.width + SIDE.columnGap) return { ...beside, below: false };
  const columns = Math.max(1, Math.floor((mapWidth + SIDE.columnGap) / (SIDE.width + SIDE.columnGap)));
  const total = entries.reduce((sum, e) => sum + e.height + SIDE.entryGap, 0);
  let columnHeight = Math.max(tallest, 36 + Math.ceil(total / columns));
  let below = flowSideList(ctx, entries, columnHeight);
  // Greedy flow can spill into one more column than planned: grow the columns until it fits.
  while (below.width > Math.max(mapWidth, SIDE.width)) {
    columnHeight += 120;
    below = flowSideList(ctx, entries, columnHeight);
  }
  return { ...below, below: true };
}

// ---------------------------------------------------------------------------------------------
// The whole picture

const PAD = 32;

/**
 * Render the map as a standalone SVG (see the module comment). Width and height are in CSS pixels;
 * rasterise at a scale for more pixels.
 */
export function renderMapSvg(map: JourneyMap, options: RenderOptions): RenderedMap {
  const ctx = buildContext(map, options);
  const { layout } = ctx;
  const mapWidth = layout.width;
  const mapHeight = ctx.opts.include.curves ? layout.height : layout.lanesBottom;
  const side = sideListOf(ctx, mapWidth, mapHeight);
  const besideWidth = side && !side.below ? SIDE.gap + side.width : 0;
  const belowHeight = side?.below ? SIDE.gap + side.height : 0;
  const contentWidth = mapWidth + besideWidth;
  const contentHeight = side && !side.below ? Math.max(mapHeight, side.height) : mapHeight + belowHeight;
  const header = headerOf(ctx, contentWidth, MAP_HEADER);
  const headerGap = header.height > 0 ? 16 : 0;
  const width = Math.ceil(PAD * 2 + contentWidth);
  const height = Math.ceil(PAD * 2 + header.height + headerGap + contentHeight);
  const top = PAD + header.height + headerGap;

  const body: string[] = [];
  if (ctx.opts.background === 'white') body.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  if (header.svg) body.push(`<g transform="translate(${PAD},${PAD})">${header.svg}</g>`);
  body.push(`<g class="map" transform="translate(${PAD},${n(top)})">`);
  body.push(gridOf(ctx));
  if (ctx.opts.include.curves) body.push(emotionLaneOf(ctx));
  body.push(cardsOf(ctx));
  body.push(`</g>`);
  if (side) {
    const x = side.below ? PAD : PAD + mapWidth + SIDE.gap;
    const y = side.below ? top + mapHeight + SIDE.gap : top;
    body.push(`<g transform="translate(${n(x)},${n(y)})">${side.svg}</g>`);
  }
  const inner = body.join('');
  const title = escapeXml(map.title.trim() || ctx.m.list.untitled);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
    `font-family="${escapeXml(options.fontFamily ?? EXPORT_FONT_FAMILY)}" role="img" aria-label="${title}">` +
    `<title>${title}</title>${inner}</svg>`;
  return { svg, width, height, body: inner, stageRange: ctx.stageRange };
}
