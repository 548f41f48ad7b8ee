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
