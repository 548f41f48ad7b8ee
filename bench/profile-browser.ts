/**
 * Profile the map page in Chromium: `node --import tsx bench/profile-browser.ts [size=1000]`.
 * Builds the app WITHOUT minification (readable function names) into a temp dir, then records V8
 * CPU profiles of (1) loading the map page to its complete render, (2) a card drag, (3) a curve
 * point drag, and prints where the time went.
 */
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from '@playwright/test';
import { startServer } from '../tests/api/helpers/server';
import { computeLayout } from '../src/canvas/layout';
import type { JourneyMap } from '../src/domain/schema';
import { generateMap } from './generate-map';
import { repoRoot } from './lib/build';
import { launchChromium, measureCardDrag, measureCurveDrag, pollFor, VIEWPORT } from './lib/browser';
import { FRAME_RECORDER, renderProbe } from './lib/probes';
import { printTop, summarise, type CpuProfile } from './lib/cpuprofile';

const size = Number(process.argv[2] ?? 1000);
const out = join(tmpdir(), `mot-bench-app-unminified-${process.pid}`);
const built = spawnSync(process.execPath, [join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--minify', 'false', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'], {
  cwd: repoRoot,
  stdio: 'inherit',
});
if (built.status !== 0) throw new Error('vite build failed');

const server = await startServer({ env: { DIST_DIR: out, TRUST_LOCALHOST: 'true' } });
const browser = await launchChromium();
try {
  const imported = await server.api('/api/maps/import', { method: 'POST', json: generateMap(size) });
  const map = imported.body.map as JourneyMap;
  const boxes = [...computeLayout(map).cards].map(([id, b]) => [id, b.x, b.y, b.width, b.height] as [string, number, number, number, number]);
  const points = map.touchpoints.reduce((s, t) => s + Object.keys(t.emotions).length, 0);
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  await page.addInitScript({ content: FRAME_RECORDER });
  await page.addInitScript({ content: renderProbe({ mode: 'app', boxes, points }) });
  await page.goto(`${server.baseUrl}/api/health`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });

  const profile = async (title: string, what: (p: Page) => Promise<unknown>, session: CDPSession) => {
    await session.send('Profiler.start');
    const r = await what(page);
    const { profile: p } = (await session.send('Profiler.stop')) as unknown as { profile: CpuProfile };
    console.log(`\n${title}: ${JSON.stringify(r)}`);
    const summary = summarise(p, server.baseUrl);
    console.log(printTop(title, summary, 25));
    // React components (capitalised function names) by inclusive time: which parts of the UI cost.
    const components = summary.top.filter((f) => /^[A-Z][A-Za-z0-9]*(View)? /.test(f.fn) && !/^(GenericJSToWasmWrapper) /.test(f.fn));
    console.log('  components by inclusive time:');
    for (const f of components.sort((a, b) => b.totalMs - a.totalMs).slice(0, 15)) console.log(`    ${f.totalMs.toFixed(0).padStart(6)} ms total  ${f.fn}`);
  };

  await profile(
    `load + complete render, ${size} cards`,
    async (p) => {
      await p.goto(`${server.baseUrl}/maps/${map.id}`);
      await pollFor(p, 'window.__benchRender && window.__benchRender.done !== null', 120_000);
      return p.evaluate('window.__benchRender');
    },
    cdp,
  );
  await page.waitForTimeout(1000);
  await profile(`curve point drag, ${size} cards`, (p) => measureCurveDrag(p), cdp);
  await profile(`card drag, ${size} cards`, (p) => measureCardDrag(p, '[data-testid="touchpoint-card"]'), cdp);
} finally {
  await browser.close();
  await server.dispose();
}
