import { test, expect, type Locator, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { createFromTemplate } from '../../src/domain/templates';
import { SCREENSHOT_DIR, serverMap, snap, useLanguage, waitSaved } from './helpers';

const EN = createFromTemplate('airline', 'en');
const FAMILY = EN.personas[1]!.name; // "Family on the yearly holiday"
const BUSINESS = EN.personas[0]!.name;

async function openAirline(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByTestId('create-airline').click();
  await expect(page).toHaveURL(/\/maps\/[A-Za-z0-9]{21}$/);
  await expect(page.getByRole('slider').first()).toBeVisible();
}

async function openEmotionTab(page: Page, name: string): Promise<Locator> {
  await page.getByRole('tab', { name }).click();
  const panel = page.getByTestId('peak-end-panel');
  await expect(panel).toBeVisible();
  return panel;
}

async function centreOf(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** A close picture of the emotion lane alone (in a big window, fitted), for a human to look at. */
async function snapLane(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const size = page.viewportSize();
  await page.setViewportSize({ width: 2560, height: 1440 });
  await page.getByRole('button', { name: /^(Fit map to screen|适应屏幕)/ }).first().click();
  await page.waitForTimeout(400);
  await page.getByTestId('emotion-lane').screenshot({ path: `${SCREENSHOT_DIR}/${name}.png` });
  if (size) await page.setViewportSize(size);
  await page.getByRole('button', { name: /^(Fit map to screen|适应屏幕)/ }).first().click();
}

test('drag the family end point below the trough: live what-if, then the warning and the moved marks', async ({ page }) => {
  await useLanguage(page, 'en');
  await openAirline(page);
  const panel = await openEmotionTab(page, 'Emotion');

  const end = page.getByRole('slider', { name: `${FAMILY} at Baggage claim` });
  await expect(end).toHaveAttribute('aria-valuenow', '-2');
  await expect(end).toHaveAttribute('aria-valuetext', /Baggage claim, Family on the yearly holiday: −2 \(😟\)/);
  const familyId = (await end.getAttribute('data-persona-id'))!;
  const baggageId = (await end.getAttribute('data-touchpoint-id'))!;
  const trough = page.getByRole('slider', { name: `${FAMILY} at Security checkpoint` });
  await expect(trough).toHaveAttribute('aria-valuenow', '-3');
  const securityId = (await trough.getAttribute('data-touchpoint-id'))!;

  // Before: the family ends one step above its trough at security.
  const warning = panel.locator(`[data-testid="ending-warning"][data-persona-id="${familyId}"]`);
  await expect(warning).toHaveAttribute('data-level', 'ends-near-trough');
  await expect(warning).toHaveAttribute('role', 'alert');
  const marks = page.locator(`[data-testid="emotion-mark"][data-persona-id="${familyId}"]`);
  await expect(marks.filter({ has: page.locator('text') })).toHaveCount(3);
  const troughMark = page.locator(`[data-testid="emotion-mark"][data-persona-id="${familyId}"][data-roles~="trough"]`);
  const endMark = page.locator(`[data-testid="emotion-mark"][data-persona-id="${familyId}"][data-roles~="end"]`);
  await expect(troughMark).toHaveAttribute('data-touchpoint-id', securityId);
  await expect(endMark).toHaveAttribute('data-touchpoint-id', baggageId);
  const endMarkBefore = (await endMark.locator('circle').boundingBox())!;
  const remembered = panel.locator(`[data-testid="figure-remembered"][data-persona-id="${familyId}"]`);
  const rememberedBefore = await remembered.textContent();

  // Drag with the mouse, like a person, down past the trough's height.
  const from = await centreOf(end);
  const troughAt = await centreOf(trough);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, from.y + 4, { steps: 2 });
  await page.mouse.move(from.x, troughAt.y + 12, { steps: 10 });
  // While dragging the end point: the what-if, live.
  const whatIf = panel.locator(`[data-testid="what-if"][data-persona-id="${familyId}"]`);
  await expect(whatIf).toContainText('What if the end were −3');
  await expect(whatIf).toContainText(`(now ${rememberedBefore})`);
  await expect(end).toHaveAttribute('aria-valuenow', '-3');
  // The marks, the figures and the card's badges follow the drag live (the map is stored at the drop).
  await expect(troughMark).toHaveAttribute('data-touchpoint-id', baggageId);
  await expect(warning).toHaveAttribute('data-level', 'ends-at-trough');
  await expect(remembered).not.toHaveText(rememberedBefore ?? '');
  await expect(
    page.locator(`[data-testid="touchpoint-card"][data-touchpoint-id="${baggageId}"] [data-testid="highlight-badge"][data-persona-id="${familyId}"][data-role="trough"]`),
  ).toHaveCount(1);
  await snap(page, 'emotion-drag-what-if-en');
  await page.mouse.up();

  await expect(whatIf).toHaveCount(0);
  await expect(end).toHaveAttribute('aria-valuenow', '-3');
  await expect(warning).toHaveAttribute('data-level', 'ends-at-trough');
  await expect(warning).toContainText('Customers will remember this ending: the journey ends at its lowest point.');
  // The trough moved to the end (later wins); the end mark moved down with its point.
  await expect(troughMark).toHaveAttribute('data-touchpoint-id', baggageId);
  await expect(troughMark).toHaveAttribute('data-roles', 'trough end');
  const endMarkAfter = (await endMark.locator('circle').boundingBox())!;
  expect(endMarkAfter.y).toBeGreaterThan(endMarkBefore.y + 5);
  await expect(remembered).not.toHaveText(rememberedBefore ?? '');
  await expect(panel.locator(`[data-testid="narrative"][data-persona-id="${familyId}"]`)).toContainText('ends at Baggage claim (−3)');

  // The card itself carries the badges.
  const card = page.locator(`[data-testid="touchpoint-card"][data-touchpoint-id="${baggageId}"]`);
  await expect(card.locator(`[data-testid="highlight-badge"][data-persona-id="${familyId}"][data-role="trough"]`)).toHaveCount(1);
  await expect(card.locator(`[data-testid="highlight-badge"][data-persona-id="${familyId}"][data-role="end"]`)).toHaveCount(1);

  // The drop was stored and sent: the server has the new value.
  const mapId = /\/maps\/([A-Za-z0-9]{21})$/.exec(page.url())![1]!;
  await waitSaved(page);
  const emotionOnServer = async () =>
    (await serverMap(page, mapId)).map.touchpoints.find((tp) => tp.id === baggageId)?.emotions[familyId]?.value;
  await expect.poll(emotionOnServer).toBe(-3);

  // One drag = one undo step (the undo is sent too).
  await expect(page.getByRole('button', { name: 'Undo Set emotion' })).toBeEnabled();
  await page.keyboard.press('Control+z');
  await expect(end).toHaveAttribute('aria-valuenow', '-2');
  await expect(warning).toHaveAttribute('data-level', 'ends-near-trough');
  await expect(whatIf).toHaveCount(0);
  await expect.poll(emotionOnServer).toBe(-2);
  // Nothing left to undo from the drag: a second undo does not touch the point.
  await expect(page.getByRole('button', { name: /^Undo/ }).first()).toBeDisabled();
});

test('focus a point and use the arrow keys: value and figures follow, one undo step per key', async ({ page }) => {
  await useLanguage(page, 'en');
  await openAirline(page);
  const panel = await openEmotionTab(page, 'Emotion');

  const point = page.getByRole('slider', { name: `${BUSINESS} at Gate announcements & boarding` });
  const personaId = (await point.getAttribute('data-persona-id'))!;
  const average = panel.locator(`[data-testid="figure-average"][data-persona-id="${personaId}"]`);
  const before = await point.getAttribute('aria-valuenow');
  const averageBefore = await average.textContent();

  // Zoom in around the point (the wheel over the canvas zooms), to see the focus ring up close.
  const at = await centreOf(point);
  await page.mouse.move(at.x - 20, at.y - 60);
  for (let i = 0; i < 2; i++) await page.mouse.wheel(0, -200);
  await page.waitForTimeout(300);
  await point.focus();
  await expect(point).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(point).toHaveAttribute('aria-valuenow', String(Number(before) + 1));
  await expect(average).not.toHaveText(averageBefore ?? '');
  await page.keyboard.press('ArrowUp');
  await expect(point).toHaveAttribute('aria-valuenow', String(Number(before) + 2));
  await page.keyboard.press('ArrowDown');
  await expect(point).toHaveAttribute('aria-valuenow', String(Number(before) + 1));
  await page.keyboard.press('Home');
  await expect(point).toHaveAttribute('aria-valuenow', '3');
  await page.keyboard.press('End');
  await expect(point).toHaveAttribute('aria-valuenow', '-3');
  await expect(point).toBeFocused();
  await snap(page, 'emotion-keyboard-focus-en');
  const ring = (await point.boundingBox())!;
  await page.screenshot({
    path: `${SCREENSHOT_DIR}/emotion-focus-ring-en.png`,
    clip: { x: ring.x - 120, y: ring.y - 90, width: ring.width + 240, height: ring.height + 150 },
  });

  // Each key press was its own undo step: undo twice → back to +1 step above the start.
  await page.keyboard.press('Control+z');
  await expect(point).toHaveAttribute('aria-valuenow', '3');
  await page.keyboard.press('Control+z');
  await expect(point).toHaveAttribute('aria-valuenow', String(Number(before) + 1));

  // Hide the persona: its points leave the canvas; show it again.
  await panel.getByRole('checkbox', { name: `Show curve of ${BUSINESS}` }).uncheck();
  await expect(page.locator(`[data-testid="emotion-point"][data-persona-id="${personaId}"]`)).toHaveCount(0);
  await panel.getByRole('checkbox', { name: `Show curve of ${BUSINESS}` }).check();
  await expect(page.locator(`[data-testid="emotion-point"][data-persona-id="${personaId}"]`)).not.toHaveCount(0);
});

test('the curve in English and in Chinese, with the panel and the assumption legend', async ({ page }) => {
  await useLanguage(page, 'en');
  await openAirline(page);
  const panel = await openEmotionTab(page, 'Emotion');
  await expect(panel.getByTestId('peak-end-formula')).toHaveText(
    'Remembered ≈ (peak + trough + end) ÷ 3: people judge an experience by its most intense moments and its ending.',
  );
  await expect(page.locator('[data-testid="emotion-point"][data-assumption="true"]')).not.toHaveCount(0);
  await expect(page.getByTestId('emotion-band').first()).toBeAttached();
  await expect(page.getByTestId('emotion-target-curve')).toHaveCount(2);
  await expect(page.getByTestId('emotion-mark-label').first()).toBeVisible();
  await panel.getByText('About the peak–end rule').click();
  await expect(panel.getByText(/highest moment, its lowest moment and its final/)).toBeVisible();
  await snap(page, 'emotion-curve-en');
  await snapLane(page, 'emotion-lane-en');

  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.getByRole('tab', { name: '情绪' })).toBeVisible();
  await expect(panel.getByTestId('peak-end-formula')).toContainText('记忆评分');
  await expect(page.getByTestId('emotion-mark-label').filter({ hasText: '谷底' }).first()).toBeVisible();
  await expect(panel.getByTestId('narrative').first()).toContainText('峰值在');
  await snap(page, 'emotion-curve-zh');
  await snapLane(page, 'emotion-lane-zh');
});

test('stays responsive while dragging on a map with 300 touchpoints and 3 personas', async ({ page }) => {
  await useLanguage(page, 'en');
  // The airline map with 300 touchpoint cards (50 per stage) and a third persona, imported through the API.
  const base = createFromTemplate('airline', 'en');
  const lane = base.lanes.find((l) => l.type === 'touchpoint')!;
  const personas = [...base.personas, { id: 'p3', name: 'Student traveller', description: '', color: '#059669' }];
  const touchpoints = Array.from({ length: 300 }, (_, i) => ({
    id: `tp${i}`,
    stageId: base.stages[i % base.stages.length]!.id,
    laneId: lane.id,
    order: i,
    title: `Moment ${i}`,
    description: '',
    channel: 'other' as const,
    emotions: Object.fromEntries(
      personas.map((p, k) => [p.id, { value: ((i * (k + 2) + k) % 7) - 3, target: ((i + k) % 7) - 3 }]),
    ),
  }));
  await page.goto('/'); // signs this browser in as a workspace member (on this machine)
  await expect(page.getByTestId('create-airline')).toBeVisible();
  const res = await page.request.post('/api/maps/import', { data: { ...base, personas, touchpoints, mots: [], comments: [] } });
  expect(res.ok()).toBe(true);
  const { map } = (await res.json()) as { map: { id: string } };
  await page.goto(`/maps/${map.id}`);
  await expect(page.getByRole('slider')).toHaveCount(900, { timeout: 30_000 });

  // Record long tasks (for the log) and which points' DOM changes during the drag.
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __touched: Set<string> };
    w.__longTasks = [];
    w.__touched = new Set();
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
    const lane = document.querySelector('[data-testid="emotion-lane"]')!;
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target instanceof Element ? r.target : r.target.parentElement;
        const point = el?.closest('[data-testid="emotion-point"]');
        if (point) w.__touched.add(`${point.getAttribute('data-persona-id')}/${point.getAttribute('data-touchpoint-id')}`);
      }
    }).observe(lane, { subtree: true, attributes: true, childList: true, characterData: true });
  });
  const point = page.getByRole('slider', { name: 'Student traveller at Moment 299' });
  const start = await centreOf(point);
  const startValue = Number(await point.getAttribute('aria-valuenow'));
  const box = (await page.getByTestId('emotion-lane').boundingBox())!;
  const t0 = Date.now();
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  // All the way up, then all the way down: every value on the way is one live update.
  await page.mouse.move(start.x, box.y + 2, { steps: 20 });
  await expect(point).toHaveAttribute('aria-valuenow', '3');
  await page.mouse.move(start.x, box.y + box.height - 2, { steps: 20 });
  await expect(point).toHaveAttribute('aria-valuenow', '-3');
  await page.mouse.up();
  const elapsed = Date.now() - t0;
  const { longTasks, touched } = await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[]; __touched: Set<string> };
    return { longTasks: w.__longTasks, touched: [...w.__touched] };
  });
  // Timings depend on the machine (software rendering, shared CPU): logged, not asserted.
  console.log(`drag over 40 pointer moves: ${elapsed} ms; long tasks: ${JSON.stringify(longTasks.map(Math.round))}`);
  // What is asserted: a drag step updates the dragged point (and the few whose peak/trough/end
  // role changed), never the other ~900 points.
  expect(touched.length).toBeGreaterThanOrEqual(1);
  expect(touched.length).toBeLessThanOrEqual(8);
  await snap(page, 'emotion-300x3');
  // The whole drag was one undo step.
  await page.keyboard.press('Control+z');
  await expect(point).toHaveAttribute('aria-valuenow', String(startValue));
});

test('Escape cancels a point drag (nothing stored, nothing to undo); on a view link the points do not move', async ({ page, browser }) => {
  await useLanguage(page, 'en');
  await openAirline(page);
  const mapId = /\/maps\/([A-Za-z0-9]{21})$/.exec(page.url())![1]!;
  const point = page.getByRole('slider', { name: `${FAMILY} at Baggage claim` });
  await expect(point).toHaveAttribute('aria-valuenow', '-2');
  const personaId = (await point.getAttribute('data-persona-id'))!;
  const touchpointId = (await point.getAttribute('data-touchpoint-id'))!;
  const lane = (await page.getByTestId('emotion-lane').boundingBox())!;
  const from = await centreOf(point);

  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, lane.y + 4, { steps: 8 });
  await expect(point).toHaveAttribute('aria-valuenow', '3');
  await expect(page.getByTestId('emotion-drag-readout')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(point).toHaveAttribute('aria-valuenow', '-2');
  await expect(page.getByTestId('emotion-drag-readout')).toHaveCount(0);
  await page.mouse.up();
  await expect(point).toHaveAttribute('aria-valuenow', '-2');
  await expect(page.getByRole('button', { name: /^Undo/ }).first()).toBeDisabled();
  await waitSaved(page);
  expect((await serverMap(page, mapId)).map.touchpoints.find((tp) => tp.id === touchpointId)?.emotions[personaId]?.value).toBe(-2);

  // A view link: pressing and dragging a point changes nothing.
  const res = await page.request.post(`/api/maps/${mapId}/links`, { data: { role: 'view', label: 'view e2e' } });
  expect(res.status()).toBe(201);
  const token = ((await res.json()) as { link: { token: string } }).link.token;
  const context = await browser.newContext();
  const guest = await context.newPage();
  await useLanguage(guest, 'en');
  await guest.goto(`/s/${token}`);
  const guestPoint = guest.getByRole('slider', { name: `${FAMILY} at Baggage claim` });
  await expect(guestPoint).toHaveAttribute('aria-valuenow', '-2');
  const at = await centreOf(guestPoint);
  const guestLane = (await guest.getByTestId('emotion-lane').boundingBox())!;
  await guest.mouse.move(at.x, at.y);
  await guest.mouse.down();
  await guest.mouse.move(at.x, guestLane.y + 4, { steps: 8 });
  await expect(guest.getByTestId('emotion-drag-readout')).toHaveCount(0);
  await guest.mouse.up();
  await guestPoint.focus();
  await guest.keyboard.press('ArrowUp');
  await expect(guestPoint).toHaveAttribute('aria-valuenow', '-2');
  await context.close();
  expect((await serverMap(page, mapId)).map.touchpoints.find((tp) => tp.id === touchpointId)?.emotions[personaId]?.value).toBe(-2);
});
