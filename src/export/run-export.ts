/**
 * One export, from the dialog's settings to the files to save: renders (SVG), rasterises (PNG/JPEG),
 * packages (PDF/PPTX) or serialises (JSON/CSV), reporting progress and honouring an AbortSignal.
 * Browser only (canvas, Blob); the pieces it calls are pure where they can be.
 */
import type { JourneyMap, Locale } from '../domain/schema';
import { renderMapSvg, type RenderInclude, type RenderOptions } from './render-svg';
import { renderSlides, type SlidePreset, SLIDE_PRESETS, slideRanges } from './slides';
import { abortError, blobToDataUrl, fitScale, rasterizeSvg } from './rasterize';
import { buildPdf, type PdfPage } from './pdf';
import { buildCsv } from './csv';
import { fileNameFor } from './file-name';
import { snapshotView } from './snapshot-view';

export const EXPORT_FORMATS = ['png', 'jpeg', 'svg', 'pdf', 'pptx', 'json', 'csv', 'view'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type SlidesChoice = 'none' | SlidePreset;

export interface ExportSettings {
  format: ExportFormat;
  scale: 1 | 2 | 3;
  background: 'white' | 'transparent';
  slides: SlidesChoice;
  splitStages: boolean;
  stagesPerSlide: number;
  include: RenderInclude;
  /** Lane ids to show. */
  lanes: string[];
  author: string;
}

export interface ExportSource {
  map: JourneyMap;
  locale: Locale;
  hiddenPersonas: readonly string[];
  showTargets: boolean;
  /** Display date for the date line and the title slide. */
  date: string;
}

export interface ExportFile {
  blob: Blob;
  name: string;
}

export interface ReducedScale {
  requested: number;
  used: number;
  width: number;
  height: number;
}

export interface ExportOutcome {
  files: ExportFile[];
  reduced: ReducedScale | null;
}

export type ProgressStep = { key: 'rendering' } | { key: 'rasterising'; n: number; count: number } | { key: 'packaging' };

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: (fraction: number, step: ProgressStep) => void;
}

/** Does this format draw the map (and so use the render options)? */
export function drawsMap(format: ExportFormat): boolean {
  return format !== 'json' && format !== 'csv' && format !== 'view';
}

/** Slides in use for this format: PPTX always has 16:9 slides (Full HD unless 4K is chosen). */
export function slidePresetFor(settings: ExportSettings): SlidePreset | null {
  if (settings.format === 'pptx') return settings.slides === 'none' ? '1920x1080' : settings.slides;
  return settings.slides === 'none' ? null : settings.slides;
}

export function renderOptionsFor(source: ExportSource, settings: ExportSettings): RenderOptions {
  const background = settings.format === 'jpeg' || settings.format === 'pdf' || settings.format === 'pptx' ? 'white' : settings.background;
  return {
    locale: source.locale,
    include: settings.include,
    lanes: settings.lanes,
    background,
    author: settings.author,
    date: source.date,
    hiddenPersonas: source.hiddenPersonas,
    showTargets: source.showTargets,
  };
}

function stagesPerSlide(settings: ExportSettings): number {
  return settings.splitStages ? Math.max(1, Math.floor(settings.stagesPerSlide)) : 0;
}

export interface PreviewInfo {
  svg: string;
  width: number;
  height: number;
  /** Number of images (slides) the export makes. */
  count: number;
  /** What the canvas limits will do to a raster export at the chosen scale (null: not a raster map export). */
  fit: { scale: number; reduced: boolean; width: number; height: number } | null;
}

/** The picture the export will make (the first slide when there are several), for the dialog's preview. */
export function previewFor(source: ExportSource, settings: ExportSettings): PreviewInfo {
  const opts = renderOptionsFor(source, settings);
  const preset = slidePresetFor(settings);
  if (preset) {
    const slides = renderSlides(source.map, opts, { preset, stagesPerSlide: stagesPerSlide(settings) });
    const first = slides[0];
    const size = SLIDE_PRESETS[preset];
    return { svg: first?.svg ?? '', width: size.width, height: size.height, count: slides.length, fit: null };
  }
  const r = renderMapSvg(source.map, opts);
  const raster = settings.format === 'png' || settings.format === 'jpeg' || settings.format === 'pdf';
  return { svg: r.svg, width: r.width, height: r.height, count: 1, fit: raster ? fitScale(r.width, r.height, settings.scale) : null };
}

/** How many slides the settings make (1 without slides). */
export function slideCount(map: JourneyMap, settings: ExportSettings): number {
  return slidePresetFor(settings) ? slideRanges(map.stages.length, stagesPerSlide(settings)).length : 1;
}

const mime = { png: 'image/png', jpeg: 'image/jpeg' } as const;

export async function runExport(source: ExportSource, settings: ExportSettings, run: RunOptions = {}): Promise<ExportOutcome> {
  const { signal, onProgress } = run;
  const title = source.map.title;
  const check = () => {
    if (signal?.aborted) throw abortError();
  };
  const progress = (f: number, step: ProgressStep) => onProgress?.(Math.max(0, Math.min(1, f)), step);
  check();

  if (settings.format === 'json') {
    const blob = new Blob([JSON.stringify(source.map, null, 2)], { type: 'application/json' });
    return { files: [{ blob, name: fileNameFor(title, 'mot.json') }], reduced: null };
  }
  if (settings.format === 'csv') {
    const blob = new Blob([buildCsv(source.map, source.locale)], { type: 'text/csv;charset=utf-8' });
    return { files: [{ blob, name: fileNameFor(title, 'csv') }], reduced: null };
  }
  if (settings.format === 'view') {
    progress(0.1, { key: 'rasterising', n: 1, count: 1 });
    const shot = await snapshotView({ scale: settings.scale, background: settings.background, signal });
    progress(1, { key: 'packaging' });
    return { files: [{ blob: shot.blob, name: fileNameFor(title, 'png', '-view') }], reduced: null };
  }

  progress(0.02, { key: 'rendering' });
  const opts = renderOptionsFor(source, settings);
  const preset = slidePresetFor(settings);
  const images = preset
    ? renderSlides(source.map, opts, { preset, stagesPerSlide: stagesPerSlide(settings) }).map((s) => ({ svg: s.svg, width: s.width, height: s.height, slide: true }))
    : [{ ...renderMapSvg(source.map, opts), slide: false }];
  check();
  const count = images.length;
  const suffix = (i: number) => (count > 1 ? `-${i + 1}` : '');
  progress(0.1, { key: 'rendering' });

  if (settings.format === 'svg') {
    return {
      files: images.map((img, i) => ({ blob: new Blob([img.svg], { type: 'image/svg+xml' }), name: fileNameFor(title, 'svg', suffix(i)) })),
      reduced: null,
    };
  }

  let reduced: ReducedScale | null = null;
  const raster = async (i: number, type: 'image/png' | 'image/jpeg') => {
    const img = images[i];
    if (!img) throw new Error('nothing to rasterise');
    // Slides already have their preset's pixel size.
    const scale = img.slide ? 1 : settings.scale;
    const span = 0.8 / count;
    const result = await rasterizeSvg(img.svg, img.width, img.height, {
      scale,
      type,
      background: type === 'image/jpeg' ? 'white' : opts.background,
      signal,
      onProgress: (f) => progress(0.1 + span * (i + f), { key: 'rasterising', n: i + 1, count }),
    });
    if (result.reduced && !reduced) reduced = { requested: scale, used: result.scaleUsed, width: result.width, height: result.height };
    return result;
  };

  if (settings.format === 'png' || settings.format === 'jpeg') {
    const files: ExportFile[] = [];
    for (let i = 0; i < count; i++) {
      const r = await raster(i, mime[settings.format]);
      files.push({ blob: r.blob, name: fileNameFor(title, settings.format === 'jpeg' ? 'jpg' : 'png', suffix(i)) });
    }
    return { files, reduced };
  }

  if (settings.format === 'pdf') {
    const pages: PdfPage[] = [];
    for (let i = 0; i < count; i++) {
      const img = images[i];
      const r = await raster(i, 'image/jpeg');
      const jpeg = new Uint8Array(await r.blob.arrayBuffer());
      // Slides print at 1440 × 810 pt whatever their pixels; the map at its CSS size.
      pages.push(img?.slide ? { jpeg, widthPt: 1440, heightPt: 810 } : { jpeg, widthPt: (img?.width ?? r.width) * 0.75, heightPt: (img?.height ?? r.height) * 0.75 });
    }
    check();
    progress(0.92, { key: 'packaging' });
    const bytes = buildPdf(pages, { title });
    return { files: [{ blob: new Blob([bytes as BlobPart], { type: 'application/pdf' }), name: fileNameFor(title, 'pdf') }], reduced };
  }

  // PPTX
  const deckImages = [];
  for (let i = 0; i < count; i++) {
    const r = await raster(i, 'image/png');
    deckImages.push({ dataUrl: await blobToDataUrl(r.blob), width: r.width, height: r.height });
  }
  check();
  progress(0.92, { key: 'packaging' });
  const { buildPptx } = await import('./pptx');
  const blob = (await buildPptx(
    source.map,
    { locale: source.locale, mapImages: deckImages, date: source.date, author: settings.author, hiddenPersonas: source.hiddenPersonas },
    'blob',
  )) as Blob;
  check();
  return { files: [{ blob, name: fileNameFor(title, 'pptx') }], reduced };
}
