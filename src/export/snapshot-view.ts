/**
 * "Current view (as on screen)": a PNG of exactly what the canvas shows now — the visible part of
 * the React Flow pane, at the current zoom — by cloning that DOM with html-to-image. Slow for the
 * whole map (it clones every node), which is why full-map exports use the SVG renderer instead; for
 * the viewport only it is fine. html-to-image is loaded on demand.
 */
import { abortError } from './rasterize';

export interface SnapshotResult {
  blob: Blob;
  width: number;
  height: number;
}

/** The element to capture: the parent of `.react-flow__viewport` (the pane with its clipping). */
export function viewElement(root: ParentNode = document): HTMLElement | null {
  return (root.querySelector('.react-flow__viewport')?.parentElement as HTMLElement | null) ?? null;
}

export async function snapshotView(opts: { scale: number; background: 'white' | 'transparent'; signal?: AbortSignal }): Promise<SnapshotResult> {
  const el = viewElement();
  if (!el) throw new Error('view-missing');
  const { toBlob } = await import('html-to-image');
  if (opts.signal?.aborted) throw abortError();
  const rect = el.getBoundingClientRect();
  const blob = await toBlob(el, {
    pixelRatio: opts.scale,
    cacheBust: false,
    skipFonts: true,
    ...(opts.background === 'white' ? { backgroundColor: '#ffffff' } : {}),
    // Controls floating over the pane (minimap, zoom buttons) are not part of the map.
    filter: (node) => !(node instanceof HTMLElement && (node.classList.contains('react-flow__panel') || node.classList.contains('react-flow__controls'))),
  });
  if (opts.signal?.aborted) throw abortError();
  if (!blob) throw new Error('The view could not be captured');
  return { blob, width: Math.round(rect.width * opts.scale), height: Math.round(rect.height * opts.scale) };
}
