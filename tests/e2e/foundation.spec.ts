import { test, expect } from '@playwright/test';
import { createFromTemplate } from '../../src/domain/templates';
import { snap, stageNames, useLanguage } from './helpers';

test('create a map from the airline template, see six stages in order, reload and still see them', async ({ page }) => {
  await useLanguage(page, 'en');
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Journey maps' })).toBeVisible();
  await page.getByTestId('create-airline').click();
  await expect(page).toHaveURL(/\/maps\/[A-Za-z0-9]{21}$/);
  const expected = createFromTemplate('airline', 'en').stages.map((s) => s.name);
  expect(expected).toHaveLength(6);
  await expect(page.getByTestId('stage-header')).toHaveCount(6);
  expect(await stageNames(page)).toEqual(expected);
  await expect(page.getByTestId('touchpoint-card').first()).toBeVisible();
  await expect(page.getByTestId('personas-panel')).toContainText(createFromTemplate('airline', 'en').personas[0]!.name);
  await snap(page, 'airline-en');

  const url = page.url();
  await page.reload();
  await expect(page).toHaveURL(url);
  await expect(page.getByTestId('stage-header')).toHaveCount(6);
  expect(await stageNames(page)).toEqual(expected);

  await page.getByRole('link', { name: /All maps/ }).click();
  await expect(page.getByTestId('map-row').filter({ hasText: createFromTemplate('airline', 'en').title })).not.toHaveCount(0);
});

test('switch to Chinese, create the hotel template, see Chinese stage names on the canvas', async ({ page }) => {
  await useLanguage(page, 'en');
  await page.goto('/');
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.getByRole('heading', { name: '旅程地图' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByTestId('create-hotel').click();
  const expected = createFromTemplate('hotel', 'zh-CN').stages.map((s) => s.name);
  expect(expected.join('')).toMatch(/[\u4e00-\u9fff]/);
  await expect(page.getByTestId('stage-header')).toHaveCount(expected.length);
  expect(await stageNames(page)).toEqual(expected);
  await expect(page.getByRole('link', { name: /全部地图/ })).toBeVisible();
  await snap(page, 'hotel-zh');

  // The language choice is remembered across reloads.
  await page.reload();
  await expect(page.getByRole('link', { name: /全部地图/ })).toBeVisible();
  expect(await stageNames(page)).toEqual(expected);
});

test('rename, duplicate and delete maps from the list', async ({ page }) => {
  await useLanguage(page, 'en');
  await page.goto('/');
  await page.getByRole('button', { name: /New blank map/ }).click();
  await expect(page).toHaveURL(/\/maps\//);
  await page.getByRole('link', { name: /All maps/ }).click();
  const row = page.getByTestId('map-row').filter({ hasText: 'Untitled journey' }).first();
  await row.getByRole('button', { name: 'Rename' }).click();
  const input = page.getByLabel('Map name');
  await input.fill('Lounge visit 贵宾室 <b>bold</b>');
  await page.getByRole('button', { name: 'Rename', exact: true }).last().click();
  const renamed = page.getByTestId('map-row').filter({ hasText: 'Lounge visit 贵宾室 <b>bold</b>' });
  await expect(renamed).toHaveCount(1);
  await renamed.getByRole('button', { name: 'Duplicate' }).click();
  await expect(page.getByTestId('map-row').filter({ hasText: 'Lounge visit 贵宾室 <b>bold</b> (copy)' })).toHaveCount(1);
  await page.reload();
  const copy = page.getByTestId('map-row').filter({ hasText: '(copy)' }).filter({ hasText: 'Lounge visit' });
  await copy.getByRole('button', { name: 'Delete' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('map-row').filter({ hasText: 'Lounge visit 贵宾室 <b>bold</b> (copy)' })).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('map-row').filter({ hasText: 'Lounge visit 贵宾室 <b>bold</b> (copy)' })).toHaveCount(0);
  await expect(page.getByTestId('map-row').filter({ hasText: 'Lounge visit 贵宾室 <b>bold</b>' })).toHaveCount(1);
});

test('an unknown map id shows a clear message, not a crash', async ({ page }) => {
  await useLanguage(page, 'en');
  await page.goto('/maps/doesNotExist123');
  await expect(page.getByRole('alert')).toContainText('does not exist');
});
