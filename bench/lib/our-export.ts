/**
 * Our own full-map PNG export (src/export/render-svg.ts renderMapSvg + src/export/rasterize.ts
 * rasterizeSvg, written by another engineer), bundled into a harness page and timed in Chromium.
 * Only when both files exist; otherwise the table says "n/a".
 */
import type { ExportBench } from '../export-harness/main';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from '@playwright/test';
import { buildHarness, repoRoot } from './build';
import { pollFor, VIEWPORT } from './browser';

export function exporterPresent(): boolean {
  return ['render-svg.ts', 'rasterize.ts'].every((f) => existsSync(join(repoRoot, 'src/export', f)));
}

/** The harness build directory, or null when there is no exporter (or it does not build). */
export function prepareOurExport(log: (s: string) => void): string | null {
  if (!exporterPresent()) return null;
  try {
    return buildHarness();
  } catch (e) {
    log(`  the export harness does not build (src/export is being edited?): ${String(e).slice(0, 500)}`);
    return null;
  }
}

/** The harness page's figures for one export. */
export type OurExport = ExportBench;

/** One full-map 2× PNG export in a fresh page (cold, as a user's one-off export is). */
export async function measureOurExport(browser: Browser, harnessUrl: string, n: number): Promise<OurExport> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(harnessUrl);
    await pollFor(page, 'typeof window.__exportBench === "function"', 30_000);
    return (await page.evaluate(`window.__exportBench(${n})`)) as OurExport;
  } finally {
    await context.close();
  }
}
