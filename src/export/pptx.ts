/**
 * The PowerPoint deck (pptxgenjs, 16:9 "LAYOUT_WIDE", 13.33 × 7.5 in):
 * 1. a title slide: map title, description, date;
 * 2. the map slide(s): the rendered 16:9 slide images (PNG), full bleed;
 * 3. one slide per chosen MOT, in MOT-number order: who / situation / feeling as editable text, with
 *    the touchpoint, its stage and the dimension;
 * 4. a peak–end summary: a table of average, remembered and difference per persona, and each
 *    persona's narrative sentence (formatNarrative) as text.
 *
 * Fonts: "Microsoft YaHei" for Chinese decks (PowerPoint has it; LibreOffice substitutes a CJK font),
 * "Calibri" for English. pptxgenjs is loaded with a dynamic import, so it is not in the first bundle.
 */
import type PptxGenJSType from 'pptxgenjs';
import type { JourneyMap, Locale } from '../domain/schema';
import { narrativeData, formatNarrative, goldenIndex, peakEndFigures } from '../domain/emotion';
import { formatEmotion } from '../domain/scale';
import { motNumbering } from '../canvas/mots/mot-numbering';
import { fill, formatLongDate, messagesFor } from './labels';

export interface DeckImage {
  /** A data URL (data:image/png;base64,…). */
  dataUrl: string;
  width: number;
  height: number;
}

export interface DeckOptions {
  locale: Locale;
  /** The map slide images (16:9). */
  mapImages: readonly DeckImage[];
  /** Shown on the title slide; today when omitted. */
  date?: string;
  author?: string;
  /** Personas left out of the summary (hidden on the canvas). */
  hiddenPersonas?: readonly string[];
}

export type DeckOutput = 'blob' | 'uint8array' | 'nodebuffer';

const W = 13.333;
const H = 7.5;
const INK = '0F172A';
const MUTED = '64748B';
const BODY = '334155';
const GOLD = 'D97706';

export function deckFont(locale: Locale): string {
  return locale === 'zh-CN' ? 'Microsoft YaHei' : 'Calibri';
}

/** Build the deck. `output` 'blob' in the browser; 'uint8array' / 'nodebuffer' in Node (tests, server). */
export async function buildPptx(map: JourneyMap, options: DeckOptions, output: DeckOutput = 'blob'): Promise<Blob | Uint8Array> {
  const { default: PptxGenJS } = await import('pptxgenjs');
  const pptx = new PptxGenJS();
  const msg = messagesFor(options.locale);
  const p = msg.export.pptx;
  const r = msg.export.render;
  const fontFace = deckFont(options.locale);
  const lang = options.locale === 'zh-CN' ? 'zh-CN' : 'en-US';
  const base = { fontFace, lang, color: BODY } as const;
  pptx.layout = 'LAYOUT_WIDE';
  pptx.title = map.title;
  pptx.author = options.author?.trim() || 'MOT Canvas';
  pptx.company = 'MOT Canvas';
  pptx.theme = { headFontFace: fontFace, bodyFontFace: fontFace };

  // 1. Title slide.
  const title = pptx.addSlide();
  title.background = { color: 'FFFFFF' };
  title.addShape('rect', { x: 0, y: 0, w: 0.28, h: H, fill: { color: '4F46E5' }, line: { color: '4F46E5' } });
  title.addText(map.title.trim() || msg.list.untitled, { ...base, x: 0.9, y: 1.7, w: W - 1.8, h: 1.6, fontSize: 40, bold: true, color: INK, valign: 'bottom', fit: 'shrink' });
  if (map.description.trim())
    title.addText(map.description, { ...base, x: 0.9, y: 3.45, w: W - 1.8, h: 1.9, fontSize: 18, color: BODY, valign: 'top', fit: 'shrink' });
  const date = options.date ?? formatLongDate(new Date(), options.locale);
  const byline = [fill(p.exported, { date }), options.author?.trim() ? fill(r.author, { author: options.author.trim() }) : ''].filter(Boolean).join('  ·  ');
  title.addText(byline, { ...base, x: 0.9, y: H - 1.2, w: W - 1.8, h: 0.5, fontSize: 14, color: MUTED });

  // 2. Map slides.
  for (const image of options.mapImages) {
    const slide = pptx.addSlide();
    slide.background = { color: 'FFFFFF' };
    const ratio = image.width / image.height;
    const w = ratio >= W / H ? W : H * ratio;
    const h = ratio >= W / H ? W / ratio : H;
    slide.addImage({ data: image.dataUrl, x: (W - w) / 2, y: (H - h) / 2, w, h, altText: map.title });
  }

  // 3. One slide per chosen MOT.
  const numbering = motNumbering(map);
  const tpById = new Map(map.touchpoints.map((tp) => [tp.id, tp]));
  const stageById = new Map(map.stages.map((s) => [s.id, s]));
  const motById = new Map(map.mots.map((m) => [m.id, m]));
  for (const id of numbering.ids) {
    const mot = motById.get(id);
    if (!mot?.chosen) continue;
    const tp = tpById.get(mot.touchpointId);
    const stage = tp ? stageById.get(tp.stageId) : undefined;
    const touchpoint = tp?.title.trim() || msg.map.untitledCard;
    const slide = pptx.addSlide();
    slide.background = { color: 'FFFFFF' };
    slide.addShape('ellipse', { x: 0.6, y: 0.55, w: 0.7, h: 0.7, fill: { color: 'FBBF24' }, line: { color: GOLD, width: 1.5 } });
    slide.addText(String(numbering.byId.get(id) ?? ''), { ...base, x: 0.6, y: 0.55, w: 0.7, h: 0.7, fontSize: 20, bold: true, color: '451A03', align: 'center', valign: 'middle' });
    slide.addText(fill(p.motTitle, { number: numbering.byId.get(id) ?? '', touchpoint }), {
      ...base,
      x: 1.5,
      y: 0.45,
      w: W - 2.1,
      h: 0.9,
      fontSize: 28,
      bold: true,
      color: INK,
      valign: 'middle',
      fit: 'shrink',
    });
    const meta = [
      `${p.stage}: ${stage?.name ?? ''}`,
      `${p.touchpoint}: ${touchpoint}`,
      mot.dimension ? `${p.dimension}: ${msg.mots.dimensions[mot.dimension]}` : '',
    ].filter(Boolean);
    slide.addText(meta.join('   ·   '), { ...base, x: 1.5, y: 1.35, w: W - 2.1, h: 0.45, fontSize: 14, color: MUTED });
    const blocks: Array<[string, string, number, number, number]> = [
      [r.who, mot.who, 2.1, 1.0, 18],
      [r.situation, mot.situation, 3.25, 2.3, 18],
      [r.feeling, mot.feeling, 5.75, 1.1, 24],
    ];
    for (const [label, value, y, h, size] of blocks) {
      slide.addText(label, { ...base, x: 0.6, y, w: 2.2, h: 0.45, fontSize: 14, bold: true, color: MUTED });
      const missing = value.trim() === '';
      slide.addText(missing ? r.notWritten : value, {
        ...base,
        x: 2.8,
        y,
        w: W - 3.4,
        h,
        fontSize: size,
        valign: 'top',
        fit: 'shrink',
        italic: missing,
        bold: label === r.feeling && !missing,
        color: missing ? 'BE123C' : label === r.feeling ? GOLD : BODY,
      });
    }
  }

  // 4. Peak–end summary.
  const summary = pptx.addSlide();
  summary.background = { color: 'FFFFFF' };
  summary.addText(p.summaryTitle, { ...base, x: 0.6, y: 0.45, w: W - 1.2, h: 0.8, fontSize: 30, bold: true, color: INK });
  const hidden = new Set(options.hiddenPersonas ?? []);
  const personas = map.personas.filter((x) => !hidden.has(x.id));
  const curves = new Map(goldenIndex(map).personas.map((x) => [x.personaId, x.curve]));
  const head = (t: string) => ({ text: t, options: { ...base, bold: true, color: INK, fill: { color: 'F1F5F9' }, fontSize: 14 } });
  const rows: PptxGenJSType.TableRow[] = [[head(p.persona), head(p.average), head(p.remembered), head(p.difference)]];
  const narratives: string[] = [];
  for (const persona of personas) {
    const figures = peakEndFigures(curves.get(persona.id) ?? []);
    const cell = (t: string, extra: Record<string, unknown> = {}) => ({ text: t, options: { ...base, fontSize: 14, ...extra } });
    rows.push(
      figures
        ? [
            cell(persona.name, { bold: true, color: persona.color.replace('#', '').toUpperCase() }),
            cell(formatEmotion(figures.average, 1), { align: 'center' }),
            cell(formatEmotion(figures.remembered, 1), { align: 'center' }),
            cell(formatEmotion(figures.difference, 1), { align: 'center' }),
          ]
        : [cell(persona.name, { bold: true }), cell(p.noValues), cell(''), cell('')],
    );
    const data = narrativeData(map, persona.id);
    if (data) narratives.push(`${persona.name}: ${formatNarrative(data, options.locale)}`);
  }
  summary.addTable(rows, { x: 0.6, y: 1.45, w: W - 1.2, colW: [4.133, 2.2, 2.8, 3.0], border: { type: 'solid', pt: 0.75, color: 'CBD5E1' }, rowH: 0.5 });
  const textTop = 1.45 + 0.5 * rows.length + 0.45;
  summary.addText(p.narrative, { ...base, x: 0.6, y: textTop, w: W - 1.2, h: 0.45, fontSize: 16, bold: true, color: INK });
  summary.addText(
    narratives.length ? narratives.map((t) => ({ text: t, options: { ...base, bullet: true, breakLine: true, fontSize: 15 } })) : [{ text: p.noValues, options: { ...base, fontSize: 15 } }],
    { x: 0.6, y: textTop + 0.5, w: W - 1.2, h: Math.max(0.8, H - textTop - 0.9), valign: 'top', fit: 'shrink', paraSpaceAfter: 6 },
  );

  const written = await pptx.write({ outputType: output, compression: true });
  if (output === 'blob') return written as Blob;
  return written instanceof Uint8Array ? written : new Uint8Array(written as ArrayBuffer);
}
