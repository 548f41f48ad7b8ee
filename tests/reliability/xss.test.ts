/**
 * XSS: script and HTML payloads in every text field (map title and description, stage and lane
 * names, card titles and descriptions, MOT who / situation / feeling, persona names and
 * descriptions, the core message), stored through the API, then the map page and the maps list
 * opened in Chromium. No dialog may fire, no injected element may exist in the DOM, no inline
 * handler may even be attempted (the CSP would report it), and the payloads show as plain text.
 */
import type { Browser, Page } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../api/helpers/server';
import { ensureAppBuild } from '../../bench/lib/build';
import { launchChromium } from '../../bench/lib/browser';
import { recordFigures } from './helpers/figures';
import { failedRequestLines } from './helpers/server';

/** Each payload marks what it would inject with data-xss, so the DOM check is exact. */
const PAYLOADS = [
  `<img src=x onerror="alert('img')" data-xss="img">`,
  `<script data-xss="script">alert('script')</script>`,
  `"><svg onload="alert('svg')" data-xss="svg">`,
  `<iframe data-xss="iframe" srcdoc="<script>parent.alert('iframe')</script>"></iframe>`,
  `<a href="javascript:alert('a')" data-xss="a">click me</a>`,
  `<details open ontoggle="alert('details')" data-xss="details">x</details>`,
  `'><style data-xss="style">*{display:none}</style>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="alert('mxss')" data-xss="mxss">`,
  `javascript:alert('url')`,
  `{{constructor.constructor('alert("tpl")')()}} \${alert('tpl2')}`,
  `<body onload="alert('body')" data-xss="body">`,
  `&lt;img src=x onerror=alert('entity')&gt; &amp;`,
];

interface Doc {
  title: string;
  description: string;
  personas: Array<{ name: string; description: string }>;
  stages: Array<{ name: string; description: string }>;
  lanes: Array<{ name: string }>;
  touchpoints: Array<{ title: string; description: string }>;
  mots: Array<{ who: string; situation: string; feeling: string }>;
  settings: { coreMessage: string };
}

let server: TestServer;
let browser: Browser;
let mapId: string;
let doc: Doc;
let cases = 0;
const dialogs: string[] = [];
const cspReports: string[] = [];

const payload = (i: number) => PAYLOADS[i % PAYLOADS.length]!;

/** Everything a person can read: rendered text plus the values of form fields. */
async function visibleText(page: Page): Promise<string> {
  return (await page.evaluate(
    `document.body.innerText + '\\n' + [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\\n')`,
  )) as string;
}

async function injected(page: Page): Promise<string[]> {
  return (await page.evaluate(`[...document.querySelectorAll(
    '[data-xss], iframe, script:not([src]), [onerror], [onload], [ontoggle], a[href^="javascript:" i], math style'
  )].map((e) => e.outerHTML.slice(0, 120))`)) as string[];
}

async function checkPage(page: Page, where: string): Promise<void> {
  cases++;
  await page.waitForTimeout(300); // let any image error / toggle / load event fire
  expect(await injected(page), `injected elements on ${where}`).toEqual([]);
  expect(dialogs, `dialogs on ${where}`).toEqual([]);
  expect(cspReports, `blocked inline code on ${where}`).toEqual([]);
}

describe('XSS: payloads in every text field', () => {
  beforeAll(async () => {
    const build = ensureAppBuild();
    // The browser is on this machine: it signs in as a workspace member without the key.
    server = await startServer({ env: { DIST_DIR: build.distDir, TRUST_LOCALHOST: 'true' } });
    const created = await server.api('/api/maps', { method: 'POST', json: { locale: 'en', template: 'airline' } });
    expect(created.status).toBe(201);
    mapId = created.body.map.id as string;
    doc = created.body.map as Doc;
    let i = 0;
    doc.title = payload(i++);
    doc.description = payload(i++);
    for (const p of doc.personas) {
      p.name = payload(i++);
      p.description = payload(i++);
    }
    for (const s of doc.stages) {
      s.name = payload(i++);
      s.description = payload(i++);
    }
    for (const l of doc.lanes) l.name = payload(i++);
    for (const t of doc.touchpoints) {
      t.title = payload(i++);
      t.description = payload(i++);
    }
    for (const m of doc.mots) {
      m.who = payload(i++);
      m.situation = payload(i++);
      m.feeling = payload(i++);
    }
    doc.settings.coreMessage = payload(i++);
    const saved = await server.api(`/api/maps/${mapId}`, { method: 'PUT', json: { map: doc }, headers: { 'if-match': `"${created.body.version}"` } });
    expect(saved.status).toBe(200);
    // Stored as sent: the API keeps text verbatim (escaping is the renderer's job).
    const stored = await server.api(`/api/maps/${mapId}`);
    expect(stored.body.map.title).toBe(doc.title);
    expect(stored.body.map.touchpoints[0].title).toBe(doc.touchpoints[0]!.title);
    browser = await launchChromium();
  });

  afterAll(async () => {
    recordFigures({ cases, faults: 0 });
    await browser?.close();
    await server?.dispose();
  });

  async function open(path: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/Content Security Policy|inline event handler|javascript: URL/i.test(m.text())) cspReports.push(m.text().slice(0, 200));
    });
    page.on('pageerror', (e) => cspReports.push(`page error: ${e.message}`));
    await page.goto(server.baseUrl + path);
    return page;
  }

  it('the map page renders every payload as text and runs none', async () => {
    const page = await open(`/maps/${mapId}`);
    await page.locator('[data-testid="touchpoint-card"]').first().waitFor({ timeout: 30_000 });
    await checkPage(page, 'the canvas');

    const text = await visibleText(page);
    const expectVisible = (what: string, value: string) => {
      cases++;
      expect(text.includes(value), `${what} shows as text: ${value}`).toBe(true);
    };
    expectVisible('map title', doc.title);
    doc.stages.forEach((s, i) => expectVisible(`stage ${i + 1} name`, s.name));
    doc.personas.forEach((p, i) => expectVisible(`persona ${i + 1} name`, p.name));
    // Card titles: every one is in a card's title element, verbatim.
    const titles = (await page.evaluate(`[...document.querySelectorAll('[data-testid="card-title"]')].map((e) => e.textContent)`)) as string[];
    for (const t of doc.touchpoints) {
      cases++;
      expect(titles, 'card titles as text').toContain(t.title);
    }

    // Select a card: the inspector shows its title and description in fields.
    await page.locator('[data-testid="touchpoint-card"]').first().click();
    await checkPage(page, 'the inspector');

    // The MOT workbench lists who / situation / feeling of every MOT.
    await page.locator('#tab-mots').click();
    await page.locator('[data-testid="mot-workbench"]').waitFor();
    await checkPage(page, 'the MOT workbench');
    const motText = await visibleText(page);
    for (const m of doc.mots) {
      for (const [what, value] of [
        ['who', m.who],
        ['situation', m.situation],
        ['feeling', m.feeling],
      ] as const) {
        cases++;
        expect(motText.includes(value), `MOT ${what} shows as text: ${value}`).toBe(true);
      }
    }
    // One MOT's editor (fields hold the payloads as values).
    await page.locator('[data-testid="mot-row-open"]').first().click();
    await page.locator('[data-testid="mot-editor"]').waitFor();
    await checkPage(page, 'the MOT editor');

    await page.locator('#tab-emotion').click();
    await checkPage(page, 'the peak-end panel');
    await page.context().close();
  });

  it('the maps list shows the hostile title as text', async () => {
    const page = await open('/');
    await page.getByText(doc.title, { exact: false }).first().waitFor({ timeout: 30_000 });
    await checkPage(page, 'the maps list');
    await page.context().close();
  });

  it('the server logged no failed request', () => {
    expect(failedRequestLines(server)).toEqual([]);
  });
});
