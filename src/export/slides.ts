/**
 * 16:9 slides: the rendered map scaled and centred in a 1920 × 1080 (or 3840 × 2160) frame, with the
 * title, date line and legend at slide size on top. A long journey can be split into several slides
 * by stage range (e.g. three stages per slide); each slide renders the map with that stageRange.
 *
 * Slides are designed on a 1920 × 1080 grid; the 4K preset is the same drawing with twice the pixels
 * (the SVG is vector, so it stays sharp on a 4K projector once rasterised at its own size).
 */
import type { JourneyMap } from '../domain/schema';
import { escapeXml, EXPORT_FONT_FAMILY, renderHeader, renderMapSvg, type RenderedSvg, type RenderOptions } from './render-svg';
import { fill, messagesFor } from './labels';
import { measureText } from './text-measure';

export const SLIDE_PRESETS = {
  '1920x1080': { width: 1920, height: 1080 },
  '3840x2160': { width: 3840, height: 2160 },
} as const;
export type SlidePreset = keyof typeof SLIDE_PRESETS;

export interface SlideOptions {
  preset: SlidePreset;
  /** Stages per slide; 0 or omitted = the whole journey on one slide. */
  stagesPerSlide?: number;
}

export interface RenderedSlide extends RenderedSvg {
  index: number;
  count: number;
  stageRange: [number, number];
}

/** Stage ranges [from, to] (inclusive) of `per` stages each; one range for all when per ≤ 0. */
export function slideRanges(stageCount: number, per = 0): Array<[number, number]> {
  const last = Math.max(0, stageCount - 1);
  if (!per || per <= 0 || per >= stageCount) return [[0, last]];
  const size = Math.max(1, Math.floor(per));
  const out: Array<[number, number]> = [];
  for (let from = 0; from <= last; from += size) out.push([from, Math.min(last, from + size - 1)]);
  return out;
}

const DESIGN = { width: 1920, height: 1080, margin: 56 } as const;
const SLIDE_HEADER = { titleSize: 40, lineSize: 20, legendSize: 18 } as const;

/** Render the map as one or more 16:9 slides. */
export function renderSlides(map: JourneyMap, options: RenderOptions, slide: SlideOptions): RenderedSlide[] {
  const size = SLIDE_PRESETS[slide.preset];
  const m = messagesFor(options.locale).export.render;
  const ranges = slideRanges(map.stages.length, slide.stagesPerSlide);
  const count = ranges.length;
  const M = DESIGN.margin;
  return ranges.map((range, index) => {
    // The page marks at the top right, then the header in the rest of the width.
    const pageSize = 20;
    const pageLines: string[] = [];
    if (count > 1) {
      pageLines.push(fill(m.slide, { n: index + 1, count }));
      pageLines.push(fill(m.stages, { from: range[0] + 1, to: range[1] + 1, count: map.stages.length }));
    }
    const pageWidth = pageLines.length ? Math.max(...pageLines.map((l) => measureText(l, pageSize))) + 24 : 0;
    const headerWidth = DESIGN.width - 2 * M - pageWidth;
    const header = renderHeader(map, options, headerWidth, SLIDE_HEADER);
    const mapRender = renderMapSvg(map, {
      ...options,
      include: { ...options.include, title: false, legend: false, dateLine: false },
      background: 'transparent',
      stageRange: range,
    });
    const top = M + header.height + (header.height > 0 ? 16 : 0);
    const areaW = DESIGN.width - 2 * M;
    const areaH = DESIGN.height - M - top;
    const parts: string[] = [];
    if (options.background === 'white') parts.push(`<rect width="${DESIGN.width}" height="${DESIGN.height}" fill="#ffffff"/>`);
    if (header.svg) parts.push(`<g transform="translate(${M},${M})">${header.svg}</g>`);
    pageLines.forEach((line, i) => {
      parts.push(
        `<text x="${DESIGN.width - M}" y="${M + 24 + i * 30}" font-size="${pageSize}" text-anchor="end" fill="${i === 0 ? '#334155' : '#64748b'}"${i === 0 ? ' font-weight="600"' : ''}>${escapeXml(line)}</text>`,
      );
    });
    parts.push(
      `<svg x="${M}" y="${top}" width="${areaW}" height="${Math.max(1, areaH)}" viewBox="0 0 ${mapRender.width} ${mapRender.height}" preserveAspectRatio="xMidYMid meet">${mapRender.body}</svg>`,
    );
    const title = escapeXml(map.title);
    const svg =
      `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}" viewBox="0 0 ${DESIGN.width} ${DESIGN.height}" ` +
      `font-family="${escapeXml(options.fontFamily ?? EXPORT_FONT_FAMILY)}" role="img" aria-label="${title}"><title>${title}</title>${parts.join('')}</svg>`;
    return { svg, width: size.width, height: size.height, index, count, stageRange: range };
  });
}
