import { test, expect, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { serverMap, snap, useLanguage, waitSaved } from './helpers';

/** A new browser (its own cookies and storage) signed in to the workspace, on `/maps/:id` (or a new map). */
async function openTab(browser: Browser, id?: string): Promise<{ context: BrowserContext; page: Page; id: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await useLanguage(page, 'en');
  await page.goto('/');
  if (id === undefined) {
    await page.getByTestId('create-airline').click();
    await expect(page).toHaveURL(/\/maps\/[A-Za-z0-9]{21}$/);
  } else {
    await expect(page.getByTestId('create-airline')).toBeVisible();
    await page.goto(`/maps/${id}`);
  }
  await expect(page.getByTestId('stage-header').first()).toBeVisible();
  await waitSaved(page);
  await page.getByRole('button', { name: 'Fit map to screen' }).click();
  return { context, page, id: id ?? page.url().split('/').pop() ?? '' };
}

const card = (page: Page, id: string) => page.locator(`[data-testid="touchpoint-card"][data-touchpoint-id="${id}"]`);

/** Type a card title in place; Enter commits it (`commit: false` leaves the editor open). */
async function typeTitle(page: Page, id: string, title: string): Promise<void> {
  await card(page, id).dblclick();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(title);
}

/** The stage whose column holds the card (by position on screen). */
async function stageOfCard(page: Page, id: string): Promise<string | null> {
  const box = await card(page, id).boundingBox();
  if (!box) return null;
  const x = box.x + box.width / 2;
  const headers = await page.getByTestId('stage-header').evaluateAll((els) =>
    els.map((el) => ({ id: el.getAttribute('data-stage-id'), left: el.getBoundingClientRect().left, right: el.getBoundingClientRect().right })),
  );
  return headers.find((h) => x >= h.left && x <= h.right)?.id ?? null;
}

test('two people edit different cards at the same time: both see both, and both persist', async ({ browser }) => {
  const a = await openTab(browser);
  const b = await openTab(browser, a.id);
  const map = (await serverMap(a.page, a.id)).map;
  const x = map.touchpoints[0]!;
  const y = map.touchpoints[1]!;
  await typeTitle(a.page, x.id, 'A renamed X 甲');
  await typeTitle(b.page, y.id, 'B renamed Y 乙');
  await Promise.all([a.page.keyboard.press('Enter'), b.page.keyboard.press('Enter')]);
  for (const { page } of [a, b]) {
    await expect(card(page, x.id)).toContainText('A renamed X 甲', { timeout: 5000 });
    await expect(card(page, y.id)).toContainText('B renamed Y 乙', { timeout: 5000 });
  }
  await snap(b.page, 'live-two-people');
  await Promise.all([waitSaved(a.page), waitSaved(b.page)]);
  const saved = (await serverMap(a.page, a.id)).map;
  expect(saved.touchpoints.find((t) => t.id === x.id)?.title).toBe('A renamed X 甲');
  expect(saved.touchpoints.find((t) => t.id === y.id)?.title).toBe('B renamed Y 乙');
  for (const { page } of [a, b]) {
    await page.reload();
    await expect(card(page, x.id)).toContainText('A renamed X 甲');
    await expect(card(page, y.id)).toContainText('B renamed Y 乙');
  }
  await a.context.close();
  await b.context.close();
});

test('two people type different titles into the same card at once: one version everywhere, the other person is told', async ({ browser }) => {
  const a = await openTab(browser);
  const b = await openTab(browser, a.id);
  const c = await openTab(browser, a.id); // a third person only watching
  const x = (await serverMap(a.page, a.id)).map.touchpoints[2]!;
  await typeTitle(a.page, x.id, 'Title typed by A');
  await typeTitle(b.page, x.id, 'Title typed by B');
  await Promise.all([a.page.keyboard.press('Enter'), b.page.keyboard.press('Enter')]);
  await Promise.all([waitSaved(a.page), waitSaved(b.page)]);
  await expect
    .poll(async () => (await serverMap(a.page, a.id)).map.touchpoints.find((t) => t.id === x.id)?.title, { timeout: 10_000 })
    .toMatch(/^Title typed by [AB]$/);
  const final = (await serverMap(a.page, a.id)).map.touchpoints.find((t) => t.id === x.id)?.title ?? '';
  for (const { page } of [a, b, c]) await expect(card(page, x.id)).toContainText(final, { timeout: 5000 });
  const loser = final.endsWith('A') ? b.page : a.page;
  const winner = final.endsWith('A') ? a.page : b.page;
  const toast = loser.getByTestId('toast').filter({ hasText: 'at the same time' });
  await expect(toast).toBeVisible({ timeout: 5000 });
  await expect(toast).toContainText('title');
  await snap(loser, 'live-lost-toast');
  await expect(winner.getByTestId('toast').filter({ hasText: 'at the same time' })).toHaveCount(0);
  // "Use mine" puts the loser's title back, as a new edit everyone sees.
  const mine = final.endsWith('A') ? 'Title typed by B' : 'Title typed by A';
  await toast.getByRole('button', { name: 'Use mine' }).click();
  for (const { page } of [a, b, c]) await expect(card(page, x.id)).toContainText(mine, { timeout: 5000 });
  await waitSaved(loser);
  expect((await serverMap(a.page, a.id)).map.touchpoints.find((t) => t.id === x.id)?.title).toBe(mine);
  for (const t of [a, b, c]) await t.context.close();
});

test('an edit made offline reaches the others when the connection comes back', async ({ browser }) => {
  const a = await openTab(browser);
  const b = await openTab(browser, a.id);
  const x = (await serverMap(a.page, a.id)).map.touchpoints[3]!;
  const y = (await serverMap(a.page, a.id)).map.touchpoints[4]!;
  await b.context.setOffline(true);
  await typeTitle(b.page, x.id, 'Edited while offline');
  await b.page.keyboard.press('Enter');
  await expect(b.page.getByTestId('save-status')).toHaveAttribute('data-state', 'offline', { timeout: 15_000 });
  await expect(b.page.getByTestId('save-status')).toContainText('1 change waiting');
  await snap(b.page, 'live-offline');
  // Meanwhile A changes another card.
  await typeTitle(a.page, y.id, 'Edited by A meanwhile');
  await a.page.keyboard.press('Enter');
  await waitSaved(a.page);
  await b.context.setOffline(false);
  await expect(card(a.page, x.id)).toContainText('Edited while offline', { timeout: 15_000 });
  await expect(card(b.page, y.id)).toContainText('Edited by A meanwhile', { timeout: 15_000 });
  await waitSaved(b.page);
  const saved = (await serverMap(a.page, a.id)).map;
  expect(saved.touchpoints.find((t) => t.id === x.id)?.title).toBe('Edited while offline');
  expect(saved.touchpoints.find((t) => t.id === y.id)?.title).toBe('Edited by A meanwhile');
  await a.context.close();
  await b.context.close();
});

test('200 rapid keyboard moves from one person end up the same for everyone and on the server', async ({ browser }) => {
  test.setTimeout(240_000);
  const a = await openTab(browser);
  const b = await openTab(browser, a.id);
  const start = await serverMap(a.page, a.id);
  const x = start.map.touchpoints[0]!;
  await card(a.page, x.id).click();
  // 201 Alt+arrow moves as fast as the page handles them (Playwright's own key presses take
  // ~0.5 s each on a loaded machine; the editor's window keydown handler runs either way).
  await a.page.evaluate(async () => {
    for (let i = 0; i < 201; i++) {
      const key = i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft';
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, code: key, altKey: true, bubbles: true, cancelable: true }));
      await new Promise((r) => setTimeout(r, 0));
    }
  });
  await waitSaved(a.page);
  const end = await serverMap(a.page, a.id);
  const moved = end.map.touchpoints.find((t) => t.id === x.id)!;
  expect(moved.stageId).not.toBe(x.stageId);
  expect(end.version).toBeGreaterThan(start.version);
  await expect.poll(() => stageOfCard(a.page, x.id), { timeout: 10_000 }).toBe(moved.stageId);
  await expect.poll(() => stageOfCard(b.page, x.id), { timeout: 10_000 }).toBe(moved.stageId);
  await waitSaved(b.page);
  // B's document is the server's: nothing is waiting and a reload shows the same.
  await b.page.reload();
  await expect(b.page.getByTestId('stage-header').first()).toBeVisible();
  await b.page.getByRole('button', { name: 'Fit map to screen' }).click();
  await expect.poll(() => stageOfCard(b.page, x.id), { timeout: 10_000 }).toBe(moved.stageId);
  const ops = end.version - start.version;
  expect(ops).toBeLessThanOrEqual(201);
  await a.context.close();
  await b.context.close();
});
