/** Chromium measurements: time to complete render, frame times while dragging, PNG export. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { FRAME_RECORDER, renderProbe, type RenderProbeConfig } from './probes';
import { deltas, percentile } from './stats';
import { repoRoot } from './build';
import { chromiumLaunch } from '../../tests/chromium-launch';

/** The same Chromium and flags as the browser tests. */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ ...chromiumLaunch, headless: true });
}

export const VIEWPORT = { width: 1440, height: 900 };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Wait until a JavaScript expression is truthy in the page. page.waitForFunction evaluates its
 * string with eval, which the app's Content Security Policy (script-src 'self') forbids;
 * page.evaluate goes through the DevTools protocol and is not affected.
 */
export async function pollFor(page: Page, expression: string, timeoutMs: number, intervalMs = 50): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await page.evaluate(expression)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${expression}`);
    await sleep(intervalMs);
  }
}

export interface RenderResult {
  /** navigation start → paint of the first complete frame (ms). */
  ms: number;
  /** Card nodes that had to be in the viewport. */
  expected: number;
  zoom: number;
}

export interface LoadedPage {
  context: BrowserContext;
  page: Page;
  render: RenderResult;
}

/** Open `url` in a fresh context (cold cache) and wait for the complete render. */
export async function loadAndMeasure(
  browser: Browser,
  url: string,
  cfg: RenderProbeConfig,
  opts: { viewport?: { width: number; height: number }; bypassCSP?: boolean } = {},
): Promise<LoadedPage> {
  const context = await browser.newContext({ viewport: opts.viewport ?? VIEWPORT, bypassCSP: opts.bypassCSP ?? false });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.addInitScript({ content: FRAME_RECORDER });
  await page.addInitScript({ content: renderProbe(cfg) });
  await page.goto(url, { waitUntil: 'commit' });
  try {
    await pollFor(page, 'window.__benchRender && window.__benchRender.done !== null', 180_000);
  } catch (e) {
    const state: unknown = await page.evaluate('window.__benchRender').catch(() => null);
    throw new Error(`${url} never rendered completely (${JSON.stringify(state)}; page errors: ${errors.join(' | ')}): ${String(e)}`);
  }
  const state = (await page.evaluate('window.__benchRender')) as { done: number; expected: number; zoom: number };
  return { context, page, render: { ms: state.done, expected: state.expected, zoom: state.zoom } };
}


interface Target {
  best: { x: number; y: number; w: number; h: number } | null;
  pane: { left: number; top: number; width: number; height: number };
}

function findTarget(selector: string, yFraction: number): string {
  return `(() => {
    const paneEl = document.querySelector('.react-flow');
    const pane = paneEl.getBoundingClientRect();
    const cx = pane.left + pane.width / 2, cy = pane.top + pane.height * ${yFraction};
    let best = null, bd = Infinity;
    for (const el of document.querySelectorAll(${JSON.stringify(selector)})) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.left < pane.left || r.right > pane.right || r.top < pane.top || r.bottom > pane.bottom) continue;
      const d = Math.hypot(r.left + r.width / 2 - cx, r.top + r.height / 2 - cy);
      if (d < bd) { bd = d; best = { x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width, h: r.height }; }
    }
    return { best, pane: { left: pane.left, top: pane.top, width: pane.width, height: pane.height } };
  })()`;
}

export interface FrameStats {
  p50: number;
  p95: number;
  max: number;
  frames: number;
  /** Longest frame in the second after the mouse is released (the drop being applied). */
  releaseMax?: number;
}

function frameStats(all: number[], release: number[]): FrameStats {
  return {
    p50: percentile(all, 50),
    p95: percentile(all, 95),
    max: Math.max(...all),
    frames: all.length,
    releaseMax: release.length ? Math.max(...release) : 0,
  };
}

/** A scripted page.mouse path: `steps` moves ~16 ms apart, frames recorded in between. */
async function scriptedDrag(
  page: Page,
  from: { x: number; y: number },
  path: (i: number, steps: number) => { x: number; y: number },
  check: string,
  steps = 60,
): Promise<{ frames: number[]; release: number[]; ok: boolean }> {
  await page.mouse.move(from.x, from.y);
  await sleep(300);
  await page.evaluate('window.__benchFrames.start()');
  await page.mouse.down();
  let ok = false;
  for (let i = 1; i <= steps; i++) {
    const p = path(i, steps);
    await page.mouse.move(p.x, p.y);
    if (i === Math.floor(steps / 2)) ok = Boolean(await page.evaluate(check));
    await sleep(16);
  }
  const during = (await page.evaluate('window.__benchFrames.stop()')) as number[];
  await page.evaluate('window.__benchFrames.start()');
  await page.mouse.up();
  await sleep(1000);
  const after = (await page.evaluate('window.__benchFrames.stop()')) as number[];
  return { frames: deltas(during), release: deltas(after), ok };
}

/** Drag the card (or bare node) nearest the pane's centre across ~20 % of the pane, twice. */
export async function measureCardDrag(page: Page, selector: string): Promise<FrameStats> {
  const all: number[] = [];
  const release: number[] = [];
  for (const yf of [0.35, 0.55]) {
    const t = (await page.evaluate(findTarget(selector, yf))) as Target;
    if (!t.best) throw new Error(`no ${selector} in the viewport to drag`);
    const start = { x: t.best.x, y: t.best.y };
    const dx = t.pane.width * 0.2;
    const dy = t.pane.height * 0.08;
    const r = await scriptedDrag(
      page,
      start,
      (i, n) => ({ x: start.x + (dx * i) / n, y: start.y + (dy * i) / n }),
      "!!document.querySelector('.react-flow__node.dragging')",
    );
    if (!r.ok) throw new Error(`dragging ${selector} did not start a node drag`);
    all.push(...r.frames);
    release.push(...r.release);
  }
  return frameStats(all, release);
}

/** Drag the emotion point nearest the pane's centre up and down across the lane, twice. */
export async function measureCurveDrag(page: Page): Promise<FrameStats> {
  const all: number[] = [];
  const release: number[] = [];
  for (const xf of [0.5, 0.6]) {
    const t = (await page.evaluate(
      `(() => {
        const pane = document.querySelector('.react-flow').getBoundingClientRect();
        const lane = document.querySelector('[data-testid="emotion-lane"] svg').getBoundingClientRect();
        const cx = pane.left + pane.width * ${xf};
        let best = null, bd = Infinity;
        for (const el of document.querySelectorAll('[data-testid="emotion-point"]')) {
          const r = el.getBoundingClientRect();
          const x = r.left + r.width / 2, y = r.top + r.height / 2;
          if (x < pane.left + 10 || x > pane.right - 10 || y < pane.top || y > pane.bottom) continue;
          const d = Math.abs(x - cx);
          if (d < bd) { bd = d; best = { x, y }; }
        }
        return { best, lane: { top: Math.max(lane.top, pane.top), height: Math.min(lane.bottom, pane.bottom) - Math.max(lane.top, pane.top) } };
      })()`,
    )) as { best: { x: number; y: number } | null; lane: { top: number; height: number } };
    if (!t.best) throw new Error('no emotion point in the viewport to drag');
    const start = t.best;
    const mid = t.lane.top + t.lane.height / 2;
    const amp = t.lane.height * 0.45;
    const r = await scriptedDrag(
      page,
      start,
      (i, n) => ({ x: start.x, y: i < n / 6 ? start.y + ((mid - amp - start.y) * i) / (n / 6) : mid - amp * Math.cos((2 * Math.PI * 2 * (i - n / 6)) / n) }),
      "document.activeElement && document.activeElement.getAttribute('data-testid') === 'emotion-point'",
    );
    if (!r.ok) throw new Error('pressing on an emotion point did not start a point drag');
    all.push(...r.frames);
    release.push(...r.release);
  }
  return frameStats(all, release);
}

export interface ExportResult {
  ms: number;
  bytes: number;
  width: number;
  height: number;
}

const H2I_SOURCE = () => readFileSync(join(repoRoot, 'node_modules/html-to-image/dist/html-to-image.js'), 'utf8');
const H2I_LIMIT = 16384;

/**
 * html-to-image on the live DOM, React Flow's documented recipe: the viewport element at scale 1,
 * pixelRatio 2. The page must show every card (a large viewport, so onlyRenderVisibleElements
 * leaves nothing out). html-to-image shrinks canvases wider or taller than 16384 px.
 */
export async function measureHtmlToImage(page: Page, mapWidth: number, mapHeight: number): Promise<ExportResult> {
  await page.addScriptTag({ content: H2I_SOURCE() });
  const r = (await page.evaluate(`(async () => {
    const el = document.querySelector('.react-flow__viewport');
    const W = ${mapWidth}, H = ${mapHeight};
    const t0 = performance.now();
    const blob = await window.htmlToImage.toBlob(el, {
      width: W, height: H, pixelRatio: 2, backgroundColor: '#ffffff',
      style: { width: W + 'px', height: H + 'px', transform: 'translate(0px, 0px) scale(1)' },
    });
    return { ms: performance.now() - t0, bytes: blob ? blob.size : 0 };
  })()`)) as { ms: number; bytes: number };
  let w = mapWidth * 2;
  let h = mapHeight * 2;
  if (w > H2I_LIMIT || h > H2I_LIMIT) {
    const s = H2I_LIMIT / Math.max(w, h);
    w = Math.round(w * s);
    h = Math.round(h * s);
  }
  return { ...r, width: w, height: h };
}

/** The floor: encoding a canvas of the full 2× pixel count (drawn with card-like boxes) as PNG. */
export async function measureRawEncode(page: Page, pixels: number, cards: number): Promise<ExportResult> {
  return (await page.evaluate(`(async () => {
    const total = ${pixels};
    const w = Math.min(16384, Math.ceil(Math.sqrt(total * 8)));
    const h = Math.ceil(total / w);
    const c = document.createElement('canvas');
    c.width = w; c.height = h;
    const g = c.getContext('2d');
    g.fillStyle = '#ffffff'; g.fillRect(0, 0, w, h);
    g.font = '28px sans-serif';
    for (let i = 0; i < ${cards}; i++) {
      const x = (i * 4397) % (w - 420), y = (i * 1571) % (h - 160);
      g.fillStyle = '#f1f5f9'; g.fillRect(x, y, 416, 152);
      g.fillStyle = '#0f172a'; g.fillText('Card ' + i + ': checks the booking', x + 20, y + 50);
    }
    const t0 = performance.now();
    const blob = await new Promise((r) => c.toBlob(r, 'image/png'));
    return { ms: performance.now() - t0, bytes: blob ? blob.size : 0, width: w, height: h };
  })()`)) as ExportResult;
}

/** Wait until the page shows `count` cards (all of them). */
export async function waitForAllCards(page: Page, count: number): Promise<void> {
  await pollFor(page, `document.querySelectorAll('[data-testid="touchpoint-card"]').length >= ${count}`, 120_000, 100);
}
