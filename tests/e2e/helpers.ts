import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const SCREENSHOT_DIR = 'test-results/screenshots';

/** Save a named PNG under test-results/screenshots/ for a human to look at. */
export async function snap(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}/${name}.png`;
  await page.screenshot({ path, fullPage: false });
  return path;
}

/** Start every test in a known language, saved the way the app saves it. */
export async function useLanguage(page: Page, locale: 'en' | 'zh-CN'): Promise<void> {
  await page.addInitScript((l) => {
    if (!sessionStorage.getItem('e2e-lang-set')) {
      localStorage.setItem('mot-canvas.language', l);
      sessionStorage.setItem('e2e-lang-set', '1');
    }
  }, locale);
}

export async function stageNames(page: Page): Promise<string[]> {
  const headers = page.getByTestId('stage-header');
  await expect(headers.first()).toBeVisible();
  const items = await headers.evaluateAll((els) =>
    els
      .map((el) => ({ x: el.getBoundingClientRect().x, name: el.getAttribute('aria-label') ?? '' }))
      .sort((a, b) => a.x - b.x)
      .map((e) => e.name),
  );
  return items;
}

/** Create a map from a template through the UI and return its id. */
export async function createFromTemplateUI(page: Page, template: 'airline' | 'hotel'): Promise<string> {
  await page.goto('/');
  await page.getByTestId(`create-${template}`).click();
  await expect(page).toHaveURL(/\/maps\/[A-Za-z0-9]{21}$/);
  await expect(page.getByTestId('stage-header').first()).toBeVisible();
  return page.url().split('/').pop() ?? '';
}

/** Drag from the centre of one element to a point, in small steps like a person. */
export async function dragTo(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, steps = 12): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 6, from.y + 6, { steps: 2 });
  await page.mouse.move(to.x, to.y, { steps });
  await page.mouse.up();
}

export async function centre(locator: import('@playwright/test').Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element has no box');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Wait until autosave reports everything saved. */
export async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved', { timeout: 15_000 });
}

/** The map as the server has it now. */
export async function serverMap(page: Page, id: string): Promise<{ map: import('../../src/domain/schema').JourneyMap; version: number }> {
  const res = await page.request.get(`/api/maps/${id}`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as { map: import('../../src/domain/schema').JourneyMap; version: number };
}
