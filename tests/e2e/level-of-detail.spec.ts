import { test, expect, type Page } from '@playwright/test';
import { createFromTemplateUI, serverMap, useLanguage, waitSaved } from './helpers';

test.beforeEach(async ({ page }) => {
  await useLanguage(page, 'en');
});

/** The canvas zoom, read from React Flow's viewport transform. */
async function zoom(page: Page): Promise<number> {
  const transform = await page.locator('.react-flow__viewport').evaluate((el) => (el as HTMLElement).style.transform);
  return Number(/scale\(([\d.e-]+)\)/.exec(transform)?.[1] ?? 'NaN');
}

test('zoomed out, cards are drawn light, then as thumbnails; zooming in brings the full card back; title editing works at every zoom', async ({ page }) => {
  const id = await createFromTemplateUI(page, 'airline');
  await page.getByRole('button', { name: 'Fit map to screen' }).click();
  const cards = page.getByTestId('touchpoint-card');
  const count = await cards.count();
  expect(count).toBeGreaterThan(10);

  // At fit view the template is readable: every card is drawn in full (icon, pin button, title).
  expect(await zoom(page)).toBeGreaterThanOrEqual(0.4);
  await expect(page.locator('[data-testid="touchpoint-card"][data-detail="full"]')).toHaveCount(count);
  await expect(page.getByTestId('pin-mot-button').first()).toBeAttached();

  // Zoom out until cards cannot be read: all of them turn light, with their title, ids and outline kept.
  const zoomOut = page.getByRole('button', { name: 'Zoom out' });
  for (let i = 0; i < 8 && (await zoom(page)) >= 0.4; i++) {
    await zoomOut.click();
    await page.waitForTimeout(350); // the zoom animates
  }
  expect(await zoom(page)).toBeLessThan(0.4);
  const shown = await cards.count();
  await expect(page.locator('[data-testid="touchpoint-card"][data-detail="light"]')).toHaveCount(shown);
  await expect(page.getByTestId('pin-mot-button')).toHaveCount(0);
  await expect(page.getByTestId('card-title')).toHaveCount(shown);
  const map = (await serverMap(page, id)).map;
  const tp = map.touchpoints.find((t) => t.title.trim() !== '')!;
  const light = page.locator(`[data-testid="touchpoint-card"][data-touchpoint-id="${tp.id}"]`);
  await expect(light).toHaveAttribute('data-detail', 'light');
  await expect(light.getByTestId('card-title')).toHaveText(tp.title);
  // A chosen MOT's gold outline is kept on light cards.
  const chosen = map.mots.find((m) => m.chosen);
  if (chosen) {
    await expect(page.locator(`[data-testid="touchpoint-card"][data-touchpoint-id="${chosen.touchpointId}"]`)).toHaveClass(/ring-amber-400/);
  }

  // Double-click a light card: the full card comes back with its title editor; the edit saves.
  await light.dispatchEvent('dblclick');
  const editor = page.getByRole('textbox', { name: 'Card title' });
  await expect(editor).toBeFocused();
  await expect(light).toHaveAttribute('data-detail', 'full');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Renamed while zoomed out');
  await page.keyboard.press('Enter');
  await expect(editor).toHaveCount(0);
  await expect(light).toHaveAttribute('data-detail', 'light');
  await expect(light.getByTestId('card-title')).toHaveText('Renamed while zoomed out');
  await waitSaved(page);
  expect((await serverMap(page, id)).map.touchpoints.find((t) => t.id === tp.id)?.title).toBe('Renamed while zoomed out');

  // Further out (titles under 3 px), the title becomes a grey line; it stays the card's name and tooltip.
  for (let i = 0; i < 8 && (await zoom(page)) >= 0.2; i++) {
    await zoomOut.click();
    await page.waitForTimeout(350);
  }
  expect(await zoom(page)).toBeLessThan(0.2);
  const far = page.locator(`[data-testid="touchpoint-card"][data-touchpoint-id="${tp.id}"]`);
  await expect(far).toHaveAttribute('data-detail', 'far');
  await expect(far).toHaveAttribute('aria-label', /^Renamed while zoomed out — /);
  await expect(far).toHaveAttribute('title', 'Renamed while zoomed out');
  await expect(far.getByTestId('card-title')).toHaveCount(0);
  // Its title editor opens all the same (full card); Escape leaves the title as it was.
  await far.dispatchEvent('dblclick');
  await expect(editor).toBeFocused();
  await expect(far).toHaveAttribute('data-detail', 'full');
  await page.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(far).toHaveAttribute('data-detail', 'far');

  // Zoom back in: full cards again, and the title editor works as before.
  const zoomIn = page.getByRole('button', { name: 'Zoom in' });
  for (let i = 0; i < 14 && (await zoom(page)) < 0.4; i++) {
    await zoomIn.click();
    await page.waitForTimeout(350);
  }
  expect(await zoom(page)).toBeGreaterThanOrEqual(0.4);
  await expect(page.locator('[data-testid="touchpoint-card"][data-detail="light"]')).toHaveCount(0);
  const full = page.locator(`[data-testid="touchpoint-card"][data-touchpoint-id="${tp.id}"]`);
  await expect(full).toHaveAttribute('data-detail', 'full');
  await expect(full.getByTestId('pin-mot-button')).toBeAttached();
  await full.dispatchEvent('dblclick');
  await expect(editor).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('Renamed up close');
  await page.keyboard.press('Enter');
  await expect(full.getByTestId('card-title')).toHaveText('Renamed up close');
  await waitSaved(page);
  expect((await serverMap(page, id)).map.touchpoints.find((t) => t.id === tp.id)?.title).toBe('Renamed up close');
});
