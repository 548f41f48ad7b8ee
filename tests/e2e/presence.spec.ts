/**
 * Presence through the real UI, two browser contexts on one map: each sees the other's avatar
 * (initials in their colour, "2 people here: …"); B selects a card → A sees B's coloured outline and
 * name tag on that card; B's pointer over the canvas shows on A's canvas with B's name; B leaving
 * removes the avatar.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createFromTemplate } from '../../src/domain/templates';
import { centre, createFromTemplateUI, snap, useLanguage } from './helpers';

const AIRLINE = createFromTemplate('airline', 'en');

async function named(page: Page, name: string): Promise<void> {
  await page.addInitScript((n) => localStorage.setItem('mot-canvas:display-name', n), name);
}

async function openAs(browser: Browser, mapId: string, name: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await useLanguage(page, 'en');
  await named(page, name);
  await page.goto(`/maps/${mapId}`);
  await expect(page.getByTestId('stage-header').first()).toBeVisible();
  return page;
}

function card(page: Page, title: string) {
  return page.getByTestId('touchpoint-card').filter({ has: page.getByTestId('card-title').getByText(title, { exact: true }) });
}

test('two people on one map see each other, their selections and pointers', async ({ page, browser }) => {
  await useLanguage(page, 'en');
  await named(page, 'Ana Lima');
  const mapId = await createFromTemplateUI(page, 'airline');
  const bo = await openAs(browser, mapId, 'Bo');

  // Avatars: both sides, me first, with the accessible sentence.
  await expect(page.getByTestId('presence-avatar')).toHaveCount(2);
  await expect(bo.getByTestId('presence-avatar')).toHaveCount(2);
  await expect(page.getByTestId('presence-summary')).toHaveText('2 people here: Ana Lima (you), Bo');
  await expect(bo.getByTestId('presence-summary')).toHaveText('2 people here: Bo (you), Ana Lima');
  const anaSelf = page.locator('[data-testid="presence-avatar"][data-self="true"]');
  await expect(anaSelf.getByRole('img')).toHaveText('AL');
  const boOnAna = page.locator('[data-testid="presence-avatar"]:not([data-self])');
  await expect(boOnAna.getByRole('img')).toHaveText('B');
  await expect(boOnAna.getByRole('img')).toHaveAttribute('title', 'Bo');
  const boClientId = await boOnAna.getAttribute('data-client-id');
  expect(boClientId).toBeTruthy();
  const boColor = await boOnAna.getByRole('img').evaluate((el) => getComputedStyle(el).backgroundColor);
  // Keyboard focus shows the name too.
  await boOnAna.getByRole('img').focus();
  await expect(boOnAna.getByText('Bo', { exact: true }).last()).toBeVisible();

  // B selects a card: A sees B's outline in B's colour, with B's name, on that card only.
  const target = AIRLINE.touchpoints.find((tp) => tp.title === 'Security checkpoint') ?? AIRLINE.touchpoints[0]!;
  await card(bo, target.title).click();
  await expect(bo.locator('[data-testid="touchpoint-card"][data-selected="true"]')).toHaveCount(1);
  const outline = card(page, target.title).getByTestId('remote-selection');
  await expect(outline).toBeVisible();
  await expect(outline).toHaveAttribute('data-client-ids', boClientId!);
  await expect(outline.getByTestId('remote-selection-tag')).toHaveText('Bo');
  const tagColor = await outline.getByTestId('remote-selection-tag').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(tagColor).toBe(boColor);
  await expect(page.getByTestId('remote-selection')).toHaveCount(1);
  // B does not see its own selection as a remote one.
  await expect(bo.getByTestId('remote-selection')).toHaveCount(0);

  // B's pointer over the canvas shows on A's canvas, labelled, near the same card.
  const over = await centre(card(bo, target.title));
  await bo.mouse.move(over.x - 40, over.y - 10, { steps: 4 });
  await bo.mouse.move(over.x, over.y, { steps: 4 });
  const cursor = page.locator(`[data-testid="remote-cursor"][data-client-id="${boClientId}"]`);
  await expect(cursor).toHaveAttribute('data-visible', 'true');
  await expect(cursor).toContainText('Bo');
  await expect
    .poll(async () => {
      const c = await cursor.boundingBox();
      const k = await card(page, target.title).boundingBox();
      if (!c || !k) return false;
      return c.x >= k.x - 4 && c.x <= k.x + k.width + 4 && c.y >= k.y - 4 && c.y <= k.y + k.height + 4;
    })
    .toBe(true);
  await snap(page, 'presence-remote-selection-en');

  // B clears its selection (Esc): the outline goes.
  await bo.keyboard.press('Escape');
  await expect(page.getByTestId('remote-selection')).toHaveCount(0);

  // B leaves: A is alone again.
  await bo.context().close();
  await expect(page.getByTestId('presence-avatar')).toHaveCount(1);
  await expect(page.getByTestId('presence-summary')).toHaveText('1 person here: Ana Lima (you)');
});

test('six people moving pointers: cursors follow, the cards do not re-render, the bar shows +N', async ({ page }) => {
  await useLanguage(page, 'en');
  await named(page, 'Ana');
  const mapId = await createFromTemplateUI(page, 'airline');
  const colors = ['#dc2626', '#059669', '#7c3aed', '#d97706', '#0891b2'];
  const others = colors.map((color, i) => ({ clientId: `sim-person-${i}`, name: `Person ${i + 1}`, color }));
  const post = (p: (typeof others)[number], x: number, y: number, selection: string[] = []) =>
    page.request.post(`/api/maps/${mapId}/presence`, { data: { ...p, selection, cursor: { x, y } } });
  for (const p of others) expect((await post(p, 100, 100)).status()).toBe(204);
  await expect(page.getByTestId('presence-summary')).toContainText('6 people here: Ana (you)');
  await expect(page.getByTestId('presence-avatar')).toHaveCount(5);
  await expect(page.getByTestId('presence-bar')).toContainText('+1');

  // Watch the cards: pointer moves must not touch them.
  await page.evaluate(() => {
    const w = window as unknown as { __cardMutations: number };
    w.__cardMutations = 0;
    const nodes = document.querySelector('.react-flow__nodes');
    if (!nodes) throw new Error('no nodes');
    new MutationObserver((records) => {
      w.__cardMutations += records.length;
    }).observe(nodes, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  for (let step = 0; step < 15; step++) {
    await Promise.all(others.map((p, i) => post(p, 200 + step * 40, 150 + i * 90)));
  }
  for (const [i, p] of others.entries()) {
    const cursor = page.locator(`[data-testid="remote-cursor"][data-client-id="${p.clientId}"]`);
    await expect(cursor).toHaveAttribute('data-visible', 'true');
    await expect(cursor).toHaveAttribute('style', new RegExp(`translate\\(760px, ${150 + i * 90}px\\)`));
  }
  expect(await page.evaluate(() => (window as unknown as { __cardMutations: number }).__cardMutations)).toBe(0);
  await snap(page, 'presence-six-people-en');
});
