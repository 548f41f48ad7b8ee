/**
 * Walkthrough (presentation) mode through the real UI: open it on the airline template, step
 * through every stage with the keyboard (→ / PageDown / Space, ← / PageUp, Home / End, Esc), the
 * peak marks appear on the In-flight stage only, projector-sized text, screenshots in English and
 * Chinese at 1440×900. With two browser contexts: the owner presents, a view-only guest who arrives
 * late gets the "Follow" banner, follows, looks ahead and comes back, stops following alone, and
 * the presentation's end closes the follower's slides.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { createFromTemplate } from '../../src/domain/templates';
import { createFromTemplateUI, snap, useLanguage } from './helpers';

const AIRLINE_EN = createFromTemplate('airline', 'en');
const AIRLINE_ZH = createFromTemplate('airline', 'zh-CN');
const NAMES_EN = AIRLINE_EN.stages.map((s) => s.name);
const NAMES_ZH = AIRLINE_ZH.stages.map((s) => s.name);

async function stageShown(page: Page): Promise<string> {
  return (await page.getByTestId('walkthrough-stage-name').textContent()) ?? '';
}

test('walk through the airline journey with the keyboard; peak marks only on In-flight', async ({ page }) => {
  await useLanguage(page, 'en');
  await createFromTemplateUI(page, 'airline');
  // A card of the first stage is selected: the walkthrough starts at its stage.
  const firstCard = AIRLINE_EN.touchpoints.find((tp) => tp.stageId === AIRLINE_EN.stages[0]!.id)!;
  await page.getByTestId('touchpoint-card').filter({ has: page.getByTestId('card-title').getByText(firstCard.title, { exact: true }) }).click();
  await expect(page.locator('[data-testid="touchpoint-card"][data-selected="true"]')).toHaveCount(1);
  await page.getByTestId('walkthrough-start').click();
  const wt = page.getByTestId('walkthrough');
  await expect(wt).toBeVisible();
  await expect(wt).toHaveAttribute('role', 'dialog');
  await expect(page.getByTestId('walkthrough-counter')).toHaveText(`Stage 1 of ${NAMES_EN.length}`);

  // Projector-sized: the base font is at least 24 px at 1440×900, and the layer fills the window.
  const base = await wt.evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(base).toBeGreaterThanOrEqual(24);
  const box = await wt.boundingBox();
  expect(box?.width).toBe(1440);
  expect(box?.height).toBe(900);
  const cardFont = await page.getByTestId('walkthrough-card').first().evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
  expect(cardFont).toBeGreaterThanOrEqual(20);

  // Step through with every "next" key, checking names in order and where the peak marks are.
  const seen: string[] = [await stageShown(page)];
  const peaks: number[] = [await page.locator('[data-testid="walkthrough-mark"][data-role="peak"]').count()];
  const nextKeys = ['ArrowRight', 'PageDown', 'Space', 'ArrowRight', 'PageDown'];
  for (const [i, key] of nextKeys.entries()) {
    await page.keyboard.press(key);
    await expect(page.getByTestId('walkthrough-counter')).toHaveText(`Stage ${i + 2} of ${NAMES_EN.length}`);
    seen.push(await stageShown(page));
    peaks.push(await page.locator('[data-testid="walkthrough-mark"][data-role="peak"]').count());
    if (NAMES_EN[i + 1] === 'In-flight') {
      await expect(page.locator('[data-testid="walkthrough-chart-mark"][data-role="peak"]')).toHaveCount(2);
      await expect(page.getByTestId('walkthrough-mot').first()).toBeVisible();
      await snap(page, 'walkthrough-inflight-en');
    }
  }
  expect(seen).toEqual(NAMES_EN);
  const inFlight = NAMES_EN.indexOf('In-flight');
  expect(inFlight).toBeGreaterThan(0);
  expect(peaks).toEqual(NAMES_EN.map((_, i) => (i === inFlight ? 2 : 0)));
  // The end marks (both personas end on Arrival) are on the last stage.
  await expect(page.locator('[data-testid="walkthrough-mark"][data-role="end"]')).toHaveCount(2);

  // Past the end stays at the end; back, Home, End; the progress dots follow.
  await page.keyboard.press('ArrowRight');
  expect(await stageShown(page)).toBe(NAMES_EN.at(-1));
  await page.keyboard.press('PageUp');
  expect(await stageShown(page)).toBe(NAMES_EN.at(-2));
  await page.keyboard.press('ArrowLeft');
  expect(await stageShown(page)).toBe(NAMES_EN.at(-3));
  await page.keyboard.press('Home');
  expect(await stageShown(page)).toBe(NAMES_EN[0]);
  await expect(page.getByTestId('walkthrough-prev')).toBeDisabled();
  await page.keyboard.press('End');
  expect(await stageShown(page)).toBe(NAMES_EN.at(-1));
  await expect(page.getByTestId('walkthrough-dot').nth(NAMES_EN.length - 1)).toHaveAttribute('aria-current', 'step');
  await page.getByTestId('walkthrough-dot').nth(1).click();
  expect(await stageShown(page)).toBe(NAMES_EN[1]);
  await snap(page, 'walkthrough-checkin-en');

  // The editor's shortcuts do not fire behind the slides: Delete (a card is selected) and undo change nothing.
  const cardsBefore = await page.getByTestId('walkthrough-card').count();
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+z');
  expect(await page.getByTestId('walkthrough-card').count()).toBe(cardsBefore);

  // Esc leaves (or, when full screen was granted, leaves full screen and with it the walkthrough).
  await page.keyboard.press('Escape');
  await expect(wt).toBeHidden();
  await expect(page.getByTestId('touchpoint-card')).toHaveCount(AIRLINE_EN.touchpoints.length);

  // "P" opens it again, at the stage of the selected card.
  const securityStage = AIRLINE_EN.stages.find((s) => s.name === 'Security')!;
  const securityCard = AIRLINE_EN.touchpoints.find((tp) => tp.stageId === securityStage.id)!;
  await page.getByTestId('touchpoint-card').filter({ has: page.getByTestId('card-title').getByText(securityCard.title, { exact: true }) }).click();
  await page.keyboard.press('p');
  await expect(wt).toBeVisible();
  await expect(wt).toHaveAttribute('data-stage-index', String(AIRLINE_EN.stages.indexOf(securityStage)));
  await page.getByTestId('walkthrough-exit').click();
  await expect(wt).toBeHidden();
});

test('the walkthrough in Chinese, and the shortcut sheet lists it', async ({ page }) => {
  await useLanguage(page, 'zh-CN');
  await createFromTemplateUI(page, 'airline');
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcut-sheet');
  await expect(sheet).toContainText('开始逐段讲解');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  await page.getByTestId('walkthrough-start').click();
  await expect(page.getByTestId('walkthrough-counter')).toHaveText(`第 1 阶段，共 ${NAMES_ZH.length} 个`);
  const seen = [await stageShown(page)];
  for (let i = 1; i < NAMES_ZH.length; i++) {
    await page.keyboard.press('ArrowRight');
    seen.push(await stageShown(page));
    if (i === NAMES_EN.indexOf('In-flight')) {
      await expect(page.locator('[data-testid="walkthrough-mark"][data-role="peak"]').first()).toContainText('峰值');
      await snap(page, 'walkthrough-inflight-zh');
    }
  }
  expect(seen).toEqual(NAMES_ZH);
  await page.keyboard.press('Home');
  await snap(page, 'walkthrough-booking-zh');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('walkthrough')).toBeHidden();
});

/** A view-only guest in a fresh browser context, through a share link the owner made. */
async function openAsViewGuest(owner: Page, browser: Browser, mapId: string, name: string): Promise<Page> {
  const res = await owner.request.post(`/api/maps/${mapId}/links`, { data: { role: 'view', label: 'walkthrough' } });
  expect(res.status()).toBe(201);
  const { link } = (await res.json()) as { link: { path: string } };
  const context = await browser.newContext();
  const page = await context.newPage();
  await useLanguage(page, 'en');
  await page.goto(link.path);
  await expect(page.getByTestId('display-name-dialog')).toBeVisible();
  await page.getByTestId('display-name-input').fill(name);
  await page.getByTestId('display-name-save').click();
  await expect(page.getByTestId('stage-header').first()).toBeVisible();
  return page;
}

test('follow the presenter: a view-only guest sees the presenter\'s stage and can stop following alone', async ({ page, browser }) => {
  await useLanguage(page, 'en');
  await page.addInitScript(() => localStorage.setItem('mot-canvas:display-name', 'Ana'));
  const mapId = await createFromTemplateUI(page, 'airline');
  // Ana is already presenting (stage 2) when the guest arrives: the presenter tells late-comers.
  await page.getByTestId('walkthrough-start').click();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('walkthrough-stage-name')).toHaveText(NAMES_EN[1]!);
  const follower = await openAsViewGuest(page, browser, mapId, 'Lin');
  await expect(page.getByTestId('presence-avatar')).toHaveCount(2);
  await expect(follower.getByTestId('presence-avatar')).toHaveCount(2);
  // The guest's role shows on the owner's side.
  await expect(page.getByTestId('presence-summary')).toHaveText('2 people here: Ana (you), Lin · viewer');

  const banner = follower.getByTestId('follow-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Ana is presenting the walkthrough');
  await snap(follower, 'walkthrough-follow-banner-en');
  await banner.getByTestId('follow-presenter').click();
  const fw = follower.getByTestId('walkthrough');
  await expect(fw).toBeVisible();
  await expect(follower.getByTestId('walkthrough-stage-name')).toHaveText(NAMES_EN[1]!);
  await expect(follower.getByTestId('walkthrough-following')).toHaveText(/Following Ana/);
  // A view-only follower cannot present to the others.
  await expect(follower.getByTestId('walkthrough-broadcast')).toHaveCount(0);

  // The presenter moves: the follower moves with them.
  for (const key of ['ArrowRight', 'PageDown', 'ArrowRight']) {
    await page.keyboard.press(key);
    const name = await stageShown(page);
    await expect(follower.getByTestId('walkthrough-stage-name')).toHaveText(name);
  }
  await page.keyboard.press('PageUp');
  await expect(follower.getByTestId('walkthrough-stage-name')).toHaveText(await stageShown(page));
  await snap(follower, 'walkthrough-follower-en');

  // The follower looks ahead on their own, then comes back to the presenter's stage.
  const presenterStage = await stageShown(page);
  await follower.keyboard.press('ArrowRight');
  await expect(follower.getByTestId('walkthrough-stage-name')).not.toHaveText(presenterStage);
  await follower.getByTestId('walkthrough-rejoin').click();
  await expect(follower.getByTestId('walkthrough-stage-name')).toHaveText(presenterStage);

  // The follower stops following (Esc); the presentation goes on for the presenter, the banner returns.
  await follower.keyboard.press('Escape');
  await expect(fw).toBeHidden();
  await expect(page.getByTestId('walkthrough')).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(banner).toBeVisible();
  await banner.getByTestId('follow-presenter').click();
  await expect(follower.getByTestId('walkthrough-stage-name')).toHaveText(await stageShown(page));

  // The presenter ends: the follower's slides close, the banner goes.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('walkthrough')).toBeHidden();
  await expect(fw).toBeHidden();
  await expect(banner).toBeHidden();
  await follower.context().close();
});
