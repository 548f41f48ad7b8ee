/**
 * Export and import through the UI: the Export dialog (PNG, SVG, PDF, PPTX, JSON, current view), and
 * JSON import on the maps list (file picker and drag-and-drop, a damaged file salvaged with a report,
 * a hostile file refused). Every download is opened and checked.
 */
import { test, expect, type Page, type Download } from '@playwright/test';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import JSZip from 'jszip';
import { SCREENSHOT_DIR, createFromTemplateUI, serverMap, useLanguage, waitSaved } from './helpers';
import { defaultRenderOptions, renderMapSvg } from '../../src/export/render-svg';
import { computeLayout } from '../../src/canvas/layout';
import type { JourneyMap } from '../../src/domain/schema';

async function openExport(page: Page): Promise<void> {
  await page.getByTestId('export-button').click();
  await expect(page.getByTestId('export-dialog')).toBeVisible();
  await expect(page.getByTestId('export-preview')).toBeVisible();
}

async function exportAs(page: Page, format: string): Promise<{ download: Download; bytes: Buffer }> {
  await page.getByTestId('export-format').selectOption(format);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-start').click()]);
  const path = await download.path();
  expect(path).toBeTruthy();
  await expect(page.getByTestId('export-status')).toHaveAttribute('data-state', 'done');
  return { download, bytes: readFileSync(path ?? '') };
}

const hex = (color: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];

/** Pixels close to a colour inside a row band [y0, y1). */
function countColour(png: PNG, color: string, y0 = 0, y1 = png.height, tolerance = 40): number {
  const [r, g, b] = hex(color);
  let n = 0;
  for (let y = Math.max(0, Math.floor(y0)); y < Math.min(png.height, y1); y++) {
    for (let x = 0; x < png.width; x++) {
      const i = (y * png.width + x) * 4;
      if (Math.abs((png.data[i] ?? 0) - r) + Math.abs((png.data[i + 1] ?? 0) - g) + Math.abs((png.data[i + 2] ?? 0) - b) < tolerance) n++;
    }
  }
  return n;
}

/** Where the map's grid starts inside the exported picture (the renderer's <g class="map"> offset). */
function mapTop(map: JourneyMap): number {
  const { svg } = renderMapSvg(map, defaultRenderOptions(map.locale));
  return Number(/<g class="map" transform="translate\(\d+,([\d.]+)\)"/.exec(svg)?.[1] ?? 0);
}

test('PNG at 2× has the size of the map and draws its curves and gold pins', async ({ page }) => {
  await useLanguage(page, 'en');
  const id = await createFromTemplateUI(page, 'airline');
  await waitSaved(page);
  const { map } = await serverMap(page, id);
  await openExport(page);
  await expect(page.getByTestId('export-preview')).toHaveAttribute('src', /^data:image\/svg\+xml/);
  await expect(page.getByTestId('export-file-name')).toHaveText('Airline journey- from booking to baggage claim.png');
  await page.getByTestId('export-scale').selectOption('2');
  const { download, bytes } = await exportAs(page, 'png');
  expect(download.suggestedFilename()).toBe('Airline journey- from booking to baggage claim.png');
  const png = PNG.sync.read(bytes);
  const expected = renderMapSvg(map, defaultRenderOptions('en'));
  expect(png.width).toBe(expected.width * 2);
  expect(png.height).toBe(expected.height * 2);
  // The emotion lane holds each persona's curve colour; the grid holds gold (chosen) pins.
  const layout = computeLayout(map);
  const top = mapTop(map);
  const laneTop = (top + layout.emotionLane.y) * 2;
  const laneBottom = (top + layout.height) * 2;
  for (const persona of map.personas) expect(countColour(png, persona.color, laneTop, laneBottom)).toBeGreaterThan(500);
  expect(countColour(png, '#fbbf24', top * 2, laneTop)).toBeGreaterThan(200);
  // Above the map, the background is white.
  expect([png.data[0], png.data[1], png.data[2], png.data[3]]).toEqual([255, 255, 255, 255]);
});

test('SVG, PDF slides and the PPTX deck open and carry the map', async ({ page }) => {
  await useLanguage(page, 'en');
  const id = await createFromTemplateUI(page, 'airline');
  await waitSaved(page);
  const { map } = await serverMap(page, id);
  await openExport(page);

  // SVG: well formed enough to start and end right, no script or handlers, every stage.
  const svg = (await exportAs(page, 'svg')).bytes.toString('utf8');
  expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  expect(svg.endsWith('</svg>')).toBe(true);
  expect(svg).not.toMatch(/<script|<foreignObject|\son[a-z]+="|href="http/i);
  for (const s of map.stages) expect(svg).toContain(s.name.replace(/&/g, '&amp;'));

  // PDF with 16:9 slides split three stages each: one page per slide.
  await page.getByTestId('export-format').selectOption('pdf');
  await page.getByTestId('export-slides').selectOption('1920x1080');
  await page.getByTestId('export-split').check();
  await page.getByTestId('export-stages-per-slide').fill('3');
  await expect(page.getByTestId('export-size')).toHaveText('2 × 1920 × 1080 px');
  const pdfBytes = (await exportAs(page, 'pdf')).bytes;
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  writeFileSync(`${SCREENSHOT_DIR}/export-slides.pdf`, pdfBytes);
  const pdf = pdfBytes.toString('latin1');
  expect(pdf.startsWith('%PDF-')).toBe(true);
  expect(pdf.match(/\/Type \/Page(?!s)/g)).toHaveLength(Math.ceil(map.stages.length / 3));
  expect(pdf).toContain('/Filter /DCTDecode');

  // PPTX: title, 2 map slides, one per chosen MOT, summary; the MOT text is editable text.
  const pptx = await exportAs(page, 'pptx');
  writeFileSync(`${SCREENSHOT_DIR}/export-deck.pptx`, pptx.bytes);
  expect(pptx.download.suggestedFilename()).toMatch(/\.pptx$/);
  const zip = await JSZip.loadAsync(pptx.bytes);
  const slideNames = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
  const chosen = map.mots.filter((m) => m.chosen);
  expect(slideNames).toHaveLength(1 + 2 + chosen.length + 1);
  const all = (await Promise.all(slideNames.map((n) => zip.file(n)?.async('string') ?? ''))).join('\n');
  for (const mot of chosen) expect(all).toContain(mot.feeling.replace(/&/g, '&amp;'));
  expect(all).toContain('Peak–end summary');
  expect(Object.keys(zip.files).some((n) => /^ppt\/media\/.+\.png$/.test(n))).toBe(true);
});

test('JSON export round trip: import on the maps list makes an identical new map', async ({ page }) => {
  await useLanguage(page, 'en');
  const id = await createFromTemplateUI(page, 'hotel');
  await waitSaved(page);
  const original = (await serverMap(page, id)).map;
  await openExport(page);
  const { download, bytes } = await exportAs(page, 'json');
  expect(download.suggestedFilename()).toBe('Hotel stay- from booking to checkout.mot.json');
  expect(JSON.parse(bytes.toString('utf8'))).toEqual(original);

  await page.goto('/');
  await page.getByTestId('import-json-input').setInputFiles({ name: 'hotel.mot.json', mimeType: 'application/json', buffer: bytes });
  await expect(page.getByTestId('import-dialog')).toBeVisible();
  await expect(page.getByTestId('import-clean')).toContainText(original.title);
  await page.getByTestId('import-confirm').click();
  await expect(page).toHaveURL(/\/maps\/[A-Za-z0-9]{21}$/);
  const newId = page.url().split('/').pop() ?? '';
  expect(newId).not.toBe(id);
  const imported = (await serverMap(page, newId)).map;
  const strip = ({ id: _id, createdAt: _c, updatedAt: _u, ...rest }: JourneyMap) => rest;
  expect(strip(imported)).toEqual(strip(original));
  // The original is untouched.
  expect((await serverMap(page, id)).map).toEqual(original);
});

test('a damaged file is salvaged with a report; a hostile one is refused; both by drag and drop', async ({ page }) => {
  await useLanguage(page, 'en');
  const id = await createFromTemplateUI(page, 'airline');
  await waitSaved(page);
  const original = (await serverMap(page, id)).map;
  const damaged = JSON.parse(JSON.stringify(original)) as Record<string, unknown> & { touchpoints: Array<Record<string, unknown>> };
  damaged.touchpoints[0] = { ...damaged.touchpoints[0], title: 12345 };
  damaged.unknownField = true;
  await page.goto('/');

  const drop = async (name: string, text: string) => {
    const dataTransfer = await page.evaluateHandle(
      ({ name, text }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type: 'application/json' }));
        return dt;
      },
      { name, text },
    );
    await page.locator('#main').dispatchEvent('dragover', { dataTransfer });
    await expect(page.getByTestId('import-drop-hint')).toBeVisible();
    await page.locator('#main').dispatchEvent('drop', { dataTransfer });
  };

  // Hostile: a bad touchpoint and a __proto__ key → refused outright.
  const hostile = JSON.stringify(damaged).replace('{', '{"__proto__":{"isAdmin":true},');
  await drop('hostile.json', hostile);
  await expect(page.getByTestId('import-error')).toContainText('__proto__');
  await expect(page.getByTestId('import-confirm')).toHaveCount(0);
  await page.getByTestId('import-dialog').getByRole('button', { name: 'Cancel' }).click();
  expect(await page.evaluate(() => (({}) as Record<string, unknown>).isAdmin === undefined)).toBe(true);

  // Damaged: the bad touchpoint (and what hangs on it) dropped, each with a reason.
  await drop('damaged.json', JSON.stringify(damaged));
  await expect(page.getByTestId('import-damaged')).toBeVisible();
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('touchpoints.0');
  await expect(report).toContainText('title');
  await expect(report).toContainText('unknownField');
  const before = (await page.request.get('/api/maps').then((r) => r.json())) as { maps: unknown[] };
  await page.getByTestId('import-confirm').click();
  await expect(page).toHaveURL(/\/maps\/[A-Za-z0-9]{21}$/);
  const newId = page.url().split('/').pop() ?? '';
  const imported = (await serverMap(page, newId)).map;
  expect(imported.touchpoints).toHaveLength(original.touchpoints.length - 1);
  expect(imported.touchpoints.map((t) => t.id)).not.toContain(original.touchpoints[0]?.id);
  const after = (await page.request.get('/api/maps').then((r) => r.json())) as { maps: unknown[] };
  expect(after.maps.length).toBe(before.maps.length + 1);

  // A newer schema version is refused with a message; an oversized file too.
  await page.goto('/');
  await page.getByTestId('import-json-input').setInputFiles({ name: 'future.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...original, schemaVersion: 99 })) });
  await expect(page.getByTestId('import-error')).toContainText('newer version');
  await page.getByTestId('import-dialog').getByRole('button', { name: 'Cancel' }).click();
  await page.getByTestId('import-json-input').setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.alloc(5 * 1024 * 1024 + 10, 32) });
  await expect(page.getByTestId('import-error')).toContainText('limit is 5 MB');
});

test('Chinese hotel map exports as a sharp PNG with Chinese text', async ({ page }) => {
  await useLanguage(page, 'zh-CN');
  const id = await createFromTemplateUI(page, 'hotel');
  await waitSaved(page);
  const { map } = await serverMap(page, id);
  await openExport(page);
  await expect(page.getByTestId('export-file-name')).toHaveText('酒店住宿旅程-从预订到退房.png');
  await page.getByTestId('export-author').fill('体验设计组');
  await page.getByTestId('export-scale').selectOption('2');
  const { download, bytes } = await exportAs(page, 'png');
  expect(download.suggestedFilename()).toBe('酒店住宿旅程-从预订到退房.png');
  const png = PNG.sync.read(bytes);
  const expected = renderMapSvg(map, defaultRenderOptions('zh-CN'));
  expect(png.width).toBe(expected.width * 2);
  expect(png.height).toBe(expected.height * 2);
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = await download.path();
  if (path) copyFileSync(path, `${SCREENSHOT_DIR}/export-hotel-zh.png`);
  // Title text is dark ink on white in the top band.
  expect(countColour(png, '#0f172a', 0, 140, 60)).toBeGreaterThan(300);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/export-dialog-zh.png` });
});

test('current view exports the visible canvas as on screen; options and cancel', async ({ page }) => {
  await useLanguage(page, 'en');
  await createFromTemplateUI(page, 'airline');
  await waitSaved(page);
  const pane = await page.locator('.react-flow__viewport').evaluate((el) => {
    const r = (el.parentElement ?? el).getBoundingClientRect();
    return { width: r.width, height: r.height };
  });
  await openExport(page);
  await page.getByTestId('export-format').selectOption('view');
  await page.getByTestId('export-scale').selectOption('1');
  const { download, bytes } = await exportAs(page, 'view');
  expect(download.suggestedFilename()).toMatch(/-view\.png$/);
  const png = PNG.sync.read(bytes);
  expect(Math.abs(png.width - pane.width)).toBeLessThanOrEqual(2);
  expect(Math.abs(png.height - pane.height)).toBeLessThanOrEqual(2);

  // Options change the preview: no curves → no emotion lane; 4K slides.
  await page.getByTestId('export-format').selectOption('png');
  const before = await page.getByTestId('export-preview').getAttribute('src');
  expect(decodeURIComponent(before ?? '')).toContain('emotion-lane');
  await page.getByTestId('export-include-curves').uncheck();
  await expect.poll(async () => decodeURIComponent((await page.getByTestId('export-preview').getAttribute('src')) ?? '')).not.toContain('emotion-lane');
  await page.getByTestId('export-slides').selectOption('3840x2160');
  await expect(page.getByTestId('export-size')).toHaveText('3840 × 2160 px');
  await expect(page.getByTestId('export-scale')).toBeDisabled();

  // A long export can be cancelled.
  await page.getByTestId('export-format').selectOption('pdf');
  await page.getByTestId('export-split').check();
  await page.getByTestId('export-stages-per-slide').fill('1');
  await page.getByTestId('export-start').click();
  const cancel = page.getByTestId('export-cancel');
  if (await cancel.isVisible().catch(() => false)) {
    await cancel.click().catch(() => undefined);
    await expect(page.getByTestId('export-status')).toHaveAttribute('data-state', /cancelled|done/);
  } else {
    await expect(page.getByTestId('export-status')).toHaveAttribute('data-state', 'done');
  }
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toBeHidden();
});
