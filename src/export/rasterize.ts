/**
 * SVG string → PNG or JPEG in the browser: a Blob URL, an <img>, a canvas at scale 1/2/3, toBlob.
 * The browser draws the SVG as a vector at the canvas size, so 2× and 3× are truly sharp.
 *
 * Canvas limits (Chromium, Firefox and Safari agree on these or less): at most 16 384 px a side and
 * 268 435 456 pixels in all. A request beyond them is rendered at the largest scale that fits and
 * reported (`reduced`, `scaleUsed`), never blank or cut off. JPEG always gets a white background.
 */

export const CANVAS_LIMITS = { maxSide: 16_384, maxPixels: 268_435_456 } as const;

export interface ScaleFit {
  scale: number;
  reduced: boolean;
  /** Output size in pixels at that scale. */
  width: number;
  height: number;
}

/** The largest scale ≤ `requested` at which a width × height picture fits the canvas limits (two decimals, rounded down). */
export function fitScale(width: number, height: number, requested: number, limits: { maxSide: number; maxPixels: number } = CANVAS_LIMITS): ScaleFit {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const max = Math.min(limits.maxSide / w, limits.maxSide / h, Math.sqrt(limits.maxPixels / (w * h)));
  let scale = requested;
  let reduced = false;
  if (requested > max) {
    scale = Math.floor(max * 100) / 100;
    reduced = true;
  }
  return { scale, reduced, width: Math.max(1, Math.floor(w * scale)), height: Math.max(1, Math.floor(h * scale)) };
}

export interface RasterOptions {
  scale: number;
  type?: 'image/png' | 'image/jpeg';
  /** JPEG quality 0..1 (default 0.92). */
  quality?: number;
  background?: 'white' | 'transparent';
  signal?: AbortSignal;
  /** 0..1 */
  onProgress?: (fraction: number) => void;
}

export interface RasterResult {
  blob: Blob;
  scaleUsed: number;
  reduced: boolean;
  width: number;
  height: number;
  /**
   * Where the time went, in ms: loading the SVG into an <img> (parse and layout), the drawImage call
   * (layout at the output size and painting; the browser may finish the rasterising later), and
   * toBlob (the rest of the rasterising and the encoding). For the benchmark.
   */
  phases: { loadMs: number; drawMs: number; encodeMs: number };
}

export function abortError(): DOMException {
  return new DOMException('The export was cancelled', 'AbortError');
}

function checkAbort(signal?: AbortSignal): void {
  if (signal?.aborted) throw abortError();
}

/** Load an image from a URL, rejecting on error or abort. */
export function loadImage(url: string, signal?: AbortSignal): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const img = new Image();
    const onAbort = () => {
      img.src = '';
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    img.onload = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve(img);
    };
    img.onerror = () => {
      signal?.removeEventListener('abort', onAbort);
      reject(new Error('The browser could not draw the exported SVG'));
    };
    img.decoding = 'async';
    img.src = url;
  });
}

function canvasToBlob(canvas: HTMLCanvasElement, type: string, quality?: number): Promise<Blob> {
  return new Promise((resolve, reject) => {
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the image (too large?)'))), type, quality);
  });
}

/** Rasterise an SVG string of the given CSS size. */
export async function rasterizeSvg(svg: string, width: number, height: number, opts: RasterOptions): Promise<RasterResult> {
  const type = opts.type ?? 'image/png';
  const fit = fitScale(width, height, opts.scale);
  checkAbort(opts.signal);
  opts.onProgress?.(0.05);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
  try {
    const t0 = performance.now();
    const img = await loadImage(url, opts.signal);
    const t1 = performance.now();
    checkAbort(opts.signal);
    opts.onProgress?.(0.3);
    const canvas = document.createElement('canvas');
    canvas.width = fit.width;
    canvas.height = fit.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D canvas available');
    if (type === 'image/jpeg' || opts.background === 'white') {
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, fit.width, fit.height);
    }
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(img, 0, 0, fit.width, fit.height);
    const t2 = performance.now();
    checkAbort(opts.signal);
    opts.onProgress?.(0.6);
    const blob = await canvasToBlob(canvas, type, type === 'image/jpeg' ? (opts.quality ?? 0.92) : undefined);
    const phases = { loadMs: t1 - t0, drawMs: t2 - t1, encodeMs: performance.now() - t2 };
    // Free the pixels now rather than at the next garbage collection.
    canvas.width = 0;
    canvas.height = 0;
    checkAbort(opts.signal);
    opts.onProgress?.(1);
    return { blob, scaleUsed: fit.scale, reduced: fit.reduced, width: fit.width, height: fit.height, phases };
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** A data: URL for showing an SVG string in an <img> (the preview). */
export function svgDataUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** A Blob as a data: URL (for PPTX images). */
export function blobToDataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(blob);
  });
}
