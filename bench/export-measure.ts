/**
 * Export speed in headless Chromium: renderMapSvg + rasterise at 2× for generated maps of 300 and
 * 1000 touchpoints, beside html-to-image on the live React Flow DOM (the old way) for 300.
 *
 *   npx vite build && node --import tsx bench/export-measure.ts
 *
 * Starts the real server (tests/api/helpers/server.ts) on a free port with a temporary database,
 * imports the generated maps, opens each in Chromium (Debian's, as the e2e tests use), injects a
 * small bundle of the exporter (esbuild) and times it in the page. Prints a table; median of 3 runs.
 */
import { build } from 'esbuild';
import { chromium } from '@playwright/test';
import { fileURLToPath } from 'node:url';
import { startServer } from '../tests/api/helpers/server';
import { chromiumLaunch } from '../tests/chromium-launch';
import { makeSampleMap } from '../src/store/fixtures';

const root = fileURLToPath(new URL('..', import.meta.url));

async function bundle(): Promise<string> {
  const result = await build({
    stdin: {
      contents: `
        import { renderMapSvg, defaultRenderOptions } from './src/export/render-svg';
        import { rasterizeSvg } from './src/export/rasterize';
        import { renderSlides } from './src/export/slides';
        import { toBlob } from 'html-to-image';
        window.__marks = []; window.__exportBench = { renderMapSvg, defaultRenderOptions, rasterizeSvg, toBlob, renderSlides, mark: () => window.__marks.push(performance.now()) };`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
}

interface Timing {
  render: number;
  raster: number;
  total: number;
  width: number;
  height: number;
  pixels: string;
  scaleUsed: number;
  reduced: boolean;
  svgKB: number;
  /** Percentage of non-white pixels (a blank export would be 0). */
  ink: number;
  /** ms after rendering when the rasteriser reported: started, image loaded, drawn, encoded. */
  phases: number[];
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const code = await bundle();
  const server = await startServer({ env: { TRUST_LOCALHOST: 'true' } });
  const browser = await chromium.launch(chromiumLaunch);
  const rows: string[] = [];
  try {
    const sizes = [
      { label: '300 touchpoints', opts: { stages: 12, personas: 3, filledLanes: 5, cardsPerCell: 5 } },
      { label: '1000 touchpoints, 25 stages', opts: { stages: 25, personas: 3, filledLanes: 5, cardsPerCell: 8 } },
      { label: '1000 touchpoints, 8 stages (fits 2×)', opts: { stages: 8, personas: 3, filledLanes: 5, cardsPerCell: 25 } },
    ];
    for (const size of sizes) {
      const map = makeSampleMap(size.opts);
      const res = await server.api('/api/maps/import', { method: 'POST', json: map });
      if (res.status !== 201) throw new Error(`import failed: ${res.text}`);
      const id = res.body.map.id as string;
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, bypassCSP: true, baseURL: server.baseUrl });
      const page = await context.newPage();
      await page.goto(`/maps/${id}`);
      await page.getByTestId('touchpoint-card').first().waitFor();
      await page.waitForTimeout(500);
      await page.addScriptTag({ content: code });
      const runs: Timing[] = [];
      for (let i = 0; i < 3; i++) {
        runs.push(
          await page.evaluate(async (mapId) => {
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            const bench = (window as any).__exportBench;
            const doc = (await (await fetch(`/api/maps/${mapId}`)).json()).map;
            const t0 = performance.now();
            const r = bench.renderMapSvg(doc, bench.defaultRenderOptions('en'));
            const t1 = performance.now();
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            const marks: number[] = ((window as any).__marks = []);
            const out = await bench.rasterizeSvg(r.svg, r.width, r.height, { scale: 2, type: 'image/png', background: 'white', onProgress: bench.mark });
            // eslint-disable-next-line @typescript-eslint/no-explicit-any
            const phases = ((window as any).__marks as number[]).map((m) => Math.round(m - t1));
            void marks;
            const t2 = performance.now();
            // Never blank: the share of non-white pixels in a small copy of the result.
            const bitmap = await createImageBitmap(out.blob, { resizeWidth: 400, resizeHeight: Math.max(1, Math.round((400 * out.height) / out.width)) });
            const probe = document.createElement('canvas');
            probe.width = bitmap.width;
            probe.height = bitmap.height;
            const pctx = probe.getContext('2d');
            pctx?.drawImage(bitmap, 0, 0);
            const data = pctx?.getImageData(0, 0, probe.width, probe.height).data ?? new Uint8ClampedArray();
            let ink = 0;
            for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 230 || (data[i + 1] ?? 255) < 230 || (data[i + 2] ?? 255) < 230) ink++;
            return {
              ink: Math.round((1000 * ink) / (data.length / 4)) / 10,
              render: t1 - t0,
              raster: t2 - t1,
              total: t2 - t0,
              width: r.width,
              height: r.height,
              pixels: `${out.width}×${out.height}`,
              scaleUsed: out.scaleUsed,
              reduced: out.reduced,
              svgKB: Math.round(r.svg.length / 1024),
              phases,
            };
          }, id),
        );
      }
      const first = runs[0];
      rows.push(
        `${size.label} (${map.touchpoints.length} cards, ${map.mots.length} MOTs): SVG ${first?.width}×${first?.height} px, ${first?.svgKB} KB; ` +
          `render ${median(runs.map((r) => r.render)).toFixed(0)} ms + rasterise ${median(runs.map((r) => r.raster)).toFixed(0)} ms = ` +
          `${median(runs.map((r) => r.total)).toFixed(0)} ms → PNG ${first?.pixels} at ${first?.scaleUsed}×${first?.reduced ? ' (reduced from 2× for the canvas limits)' : ''}` +
          `, ${first?.ink}% non-white pixels` +
          ` [rasteriser phases, ms: ${runs.map((r) => r.phases.join('/')).join(', ')} — start/loaded/drawn/encoded]`,
      );

      if (size.opts.stages >= 20) {
        // The same long journey as 4K slides, five stages each: every slide is sharp at 3840 × 2160.
        const slides = await page.evaluate(async (mapId) => {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          const bench = (window as any).__exportBench;
          const doc = (await (await fetch(`/api/maps/${mapId}`)).json()).map;
          const t0 = performance.now();
          const list = bench.renderSlides(doc, bench.defaultRenderOptions('en'), { preset: '3840x2160', stagesPerSlide: 5 });
          const t1 = performance.now();
          for (const s of list) await bench.rasterizeSvg(s.svg, s.width, s.height, { scale: 1, type: 'image/png', background: 'white' });
          return { count: list.length, render: t1 - t0, total: performance.now() - t0 };
        }, id);
        rows.push(`  as ${slides.count} slides of 3840×2160 (5 stages each): render ${slides.render.toFixed(0)} ms, total with rasterising ${slides.total.toFixed(0)} ms`);
      }
      if (map.touchpoints.length <= 300) {
        // The old way: clone the live DOM of the fitted canvas (all nodes on screen) with html-to-image.
        const nodes = await page.locator('.react-flow__node').count();
        const dom = await page.evaluate(async () => {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          const bench = (window as any).__exportBench;
          const el = document.querySelector('.react-flow__viewport')?.parentElement;
          if (!el) return { ms: NaN, size: 0 };
          const t0 = performance.now();
          const blob: Blob | null = await bench.toBlob(el, { pixelRatio: 2, skipFonts: true });
          return { ms: performance.now() - t0, size: blob?.size ?? 0 };
        });
        rows.push(`  html-to-image on the live DOM (${nodes} React Flow nodes in the viewport, 2×): ${dom.ms.toFixed(0)} ms`);
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server.dispose();
  }
  console.log(rows.join('\n'));
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
