/**
 * Exposes the app's own PNG export path (src/export: renderMapSvg → rasterizeSvg) to the benchmark:
 * window.__exportBench(n) fetches /bench-map/<n>.json and times a full-map 2× PNG export.
 */
import { defaultRenderOptions, renderMapSvg } from '../../src/export/render-svg';
import { rasterizeSvg } from '../../src/export/rasterize';
import type { JourneyMap } from '../../src/domain/schema';

/** What one export measured in the harness page (read by bench/lib/our-export.ts). */
export interface ExportBench {
  ms: number;
  renderMs: number;
  rasterMs: number;
  bytes: number;
  width: number;
  height: number;
  svgBytes: number;
  scaleUsed: number;
  /** rasterizeSvg's split: <img> load (SVG parse + layout), drawImage, toBlob (rest of the raster + PNG encode). */
  loadMs: number;
  drawMs: number;
  encodeMs: number;
}

declare global {
  interface Window {
    __exportBench: (n: number) => Promise<ExportBench>;
  }
}

window.__exportBench = async (n: number): Promise<ExportBench> => {
  const map = (await (await fetch(`/bench-map/${n}.json`)).json()) as JourneyMap;
  const t0 = performance.now();
  const rendered = renderMapSvg(map, defaultRenderOptions(map.locale));
  const t1 = performance.now();
  const raster = await rasterizeSvg(rendered.svg, rendered.width, rendered.height, { scale: 2, background: 'white' });
  const t2 = performance.now();
  return {
    ms: t2 - t0,
    renderMs: t1 - t0,
    rasterMs: t2 - t1,
    bytes: raster.blob.size,
    width: raster.width,
    height: raster.height,
    svgBytes: rendered.svg.length,
    scaleUsed: raster.scaleUsed,
    ...raster.phases,
  };
};
