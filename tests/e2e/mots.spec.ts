import { test, expect, type Locator, type Page } from '@playwright/test';
import { createFromTemplate } from '../../src/domain/templates';
import { snap, useLanguage as startInLanguage } from './helpers';

const HOTEL_EN = createFromTemplate('hotel', 'en');
const HOTEL_ZH = createFromTemplate('hotel', 'zh-CN');

/** Title of the hotel template's touchpoint-lane card in its checkout stage. */
function checkoutTitle(map: typeof HOTEL_EN): string {
  const stage = map.stages[map.stages.length - 1]!;
  const lane = map.lanes.find((l) => l.type === 'touchpoint')!;
  const card = map.touchpoints
    .filter((tp) => tp.stageId === stage.id && tp.laneId === lane.id)
    .sort((a, b) => a.order - b.order)[0]!;
  return card.title;
}

async function openHotel(page: Page, locale: 'en' | 'zh-CN'): Promise<string> {
  await startInLanguage(page, locale);
  await page.goto('/');
  await page.getByTestId('create-hotel').click();
  await expect(page).toHaveURL(/\/maps\/[A-Za-z0-9]{21}$/);
  await expect(page.getByTestId('touchpoint-card').first()).toBeVisible();
  return page.url().split('/').pop()!;
}

function cardTitled(page: Page, title: string): Locator {
  return page.getByTestId('touchpoint-card').filter({ has: page.getByTestId('card-title').getByText(title, { exact: true }) });
}

async function openMotsTab(page: Page, name: string | RegExp = 'MOTs') {
  const tab = page.getByRole('tab', { name });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

async function savedOnServer(page: Page, mapId: string, check: (map: typeof HOTEL_EN) => boolean) {
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/maps/${mapId}`);
      if (!res.ok()) return false;
      return check(((await res.json()) as { map: typeof HOTEL_EN }).map);
    })
    .toBe(true);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
}

test('pin an MOT on the checkout card, write it well, rank it first, choose it, and keep it after a reload', async ({ page }) => {
  const mapId = await openHotel(page, 'en');
  const checkout = cardTitled(page, checkoutTitle(HOTEL_EN));
  await expect(checkout).toHaveCount(1);

  // The template's checkout MOT has no feeling: drawn incomplete (dashed) on the canvas.
  const templatePin = checkout.getByTestId('mot-pin');
  await expect(templatePin).toHaveCount(1);
  await expect(templatePin).toHaveAttribute('data-complete', 'false');
  await expect(templatePin).toHaveAttribute('aria-label', /MOT 5 — feeling missing/);
  await expect(templatePin).toHaveClass(/border-dashed/);
  const templateMotId = (await templatePin.getAttribute('data-mot-id'))!;

  // Pin a new MOT with the card's pin button: it opens in the MOTs panel, "who" focused.
  await checkout.getByTestId('pin-mot-button').click();
  await expect(page.getByRole('tab', { name: 'MOTs' })).toHaveAttribute('aria-selected', 'true');
  const editor = page.getByTestId('mot-editor');
  await expect(editor).toBeVisible();
  const motId = (await editor.getAttribute('data-mot-id'))!;
  await expect(checkout.getByTestId('mot-pin')).toHaveCount(2);
  const pin = checkout.locator(`[data-testid="mot-pin"][data-mot-id="${motId}"]`);
  await expect(pin).toHaveText('6');
  await expect(pin).toHaveAttribute('data-complete', 'false');
  await expect(pin).toHaveAttribute('aria-label', /^MOT 6 — who, situation,? and feeling missing$/);
  await expect(editor.getByTestId('mot-editor-touchpoint')).toContainText(checkoutTitle(HOTEL_EN));
  await expect(editor.getByTestId('mot-who')).toBeFocused();
  await expect(editor.getByTestId('mot-votes-love')).toHaveAccessibleName('Votes from people who love us');
  await expect(editor.getByTestId('mot-status')).toContainText('Situation missing');
  // The China Airlines example is the placeholder, split into the three elements.
  await expect(editor.getByTestId('mot-who')).toHaveAttribute('placeholder', /Chinese passenger living on the US west coast/);
  await expect(editor.getByTestId('mot-situation')).toHaveAttribute('placeholder', /turn-down bed-making service/);
  await expect(editor.getByTestId('mot-feeling')).toHaveAttribute('placeholder', /this airline is different/);
  await snap(page, 'mots-en-editor-blank');

  // The three elements, each in its own labelled field.
  await editor.getByLabel('Who', { exact: true }).fill('A platinum business guest catching the first train');
  await editor.getByTestId('mot-situation').fill('Too short');
  await expect(editor.getByTestId('mot-status')).toContainText('too short to be a scene');
  await editor
    .getByTestId('mot-situation')
    .fill('At six in the morning, with a taxi already waiting, he drops his key in the express box and the split bill is in his inbox before he reaches the station.');
  await editor.getByTestId('mot-feeling').fill(HOTEL_EN.settings.coreMessage);
  await expect(editor.getByTestId('mot-status')).toContainText('All three elements are written');
  await expect(pin).toHaveAttribute('data-complete', 'true');

  // Attributes.
  await editor.getByTestId('mot-dimension').selectOption('repurchase');
  await expect(editor).toContainText('stays out of habit');
  await editor.getByRole('radio', { name: 'People who love us' }).check();
  await expect(editor.getByTestId('mot-source')).toContainText('three highs');
  for (const k of ['importance', 'performance', 'competitorWeakness']) await editor.getByTestId(`mot-rating-${k}`).selectOption('5');

  // Bad votes are refused with a visible message and not stored.
  const love = editor.getByTestId('mot-votes-love');
  await love.fill('-5');
  await expect(editor.getByTestId('mot-votes-love-error')).toContainText('cannot be negative');
  await love.fill('99999999');
  await expect(editor.getByTestId('mot-votes-love-error')).toContainText('at most 100,000');
  await love.press('Tab');
  await expect(love).toHaveValue('0');
  await love.fill('50');
  await expect(editor.getByTestId('mot-votes-love-error')).toHaveCount(0);
  await love.press('Tab');
  await snap(page, 'mots-en-editor-filled');

  // Back to the ranking: the focus is repurchase and the new MOT comes first, with its reasons.
  await page.getByTestId('mot-back').click();
  const workbench = page.getByTestId('mot-workbench');
  await expect(workbench).toBeVisible();
  await workbench.getByTestId('focus-dimension').selectOption('entry');
  await workbench.getByTestId('focus-dimension').selectOption('repurchase');
  const first = workbench.locator('[data-testid="mot-row"][data-rank="1"]');
  await expect(first).toHaveAttribute('data-mot-id', motId);
  await expect(first.getByTestId('reason-votes')).toContainText('150 weighted votes');
  await expect(first.getByTestId('reason-focus')).toHaveText('Matches the focus: Repurchase');
  await expect(first.getByTestId('reason-golden')).toContainText('Near the end of');
  await expect(first.getByTestId('reason-message')).toHaveText('Carries the core message');
  await expect(first.getByTestId('reason-beauty')).toHaveText('Important, done well, competitors weak');
  await expect(workbench.getByTestId('mot-row')).toHaveCount(HOTEL_EN.mots.length + 1);

  // The template's incomplete MOT is in the needs-work list, and the filter finds it.
  const needsWork = workbench.getByTestId('needs-work');
  const item = needsWork.locator(`[data-testid="needs-work-item"][data-mot-id="${templateMotId}"]`);
  await expect(item).toContainText('Feeling missing');
  await workbench.getByTestId('mot-filter-incomplete').click();
  await expect(workbench.getByRole('radio', { name: /^Incomplete/ })).toBeChecked();
  await expect(workbench.getByTestId('mot-row')).toHaveCount(1);
  await expect(workbench.getByTestId('mot-row')).toHaveAttribute('data-mot-id', templateMotId);
  await workbench.getByTestId('mot-filter-all').click();
  await expect(workbench.getByTestId('mot-row')).toHaveCount(HOTEL_EN.mots.length + 1);
  await snap(page, 'mots-en-workbench');

  // Choosing an MOT with another message warns that the chosen MOTs carry different messages.
  expect(HOTEL_EN.mots.some((m) => m.feeling === 'Just another chain hotel')).toBe(true);
  const otherRow = workbench.getByTestId('mot-row').filter({ hasText: 'Just another chain hotel' });
  await otherRow.getByTestId('mot-row-chosen').check();
  await expect(workbench.getByTestId('message-spread-warning')).toContainText('2 different messages');
  await expect(workbench.getByTestId('message-spread-warning')).toContainText('Just another chain hotel');
  // It stays in view (sticky) even though the row that caused it is further down the panel.
  await expect(workbench.getByTestId('message-spread-warning')).toBeInViewport();
  await snap(page, 'mots-en-workbench-warning');
  await otherRow.getByTestId('mot-row-chosen').uncheck();
  await expect(workbench.getByTestId('message-spread-warning')).toHaveCount(0);

  // Choose the new MOT: gold on the canvas.
  await first.getByTestId('mot-row-chosen').check();
  await expect(pin).toHaveAttribute('data-chosen', 'true');
  await expect(pin).toHaveClass(/bg-amber-400/);
  await expect(pin).toHaveAttribute('aria-label', 'MOT 6 — chosen');

  // The needs-work item opens the MOT.
  await item.click();
  await expect(page.getByTestId('mot-editor')).toHaveAttribute('data-mot-id', templateMotId);
  await page.getByTestId('mot-back').click();

  await savedOnServer(page, mapId, (map) => map.mots.some((m) => m.id === motId && m.chosen && m.votes.love === 50));
  await page.reload();
  await expect(page.getByTestId('touchpoint-card').first()).toBeVisible();
  const pinAfter = cardTitled(page, checkoutTitle(HOTEL_EN)).locator(`[data-testid="mot-pin"][data-mot-id="${motId}"]`);
  await expect(pinAfter).toHaveAttribute('data-chosen', 'true');
  await expect(pinAfter).toHaveClass(/bg-amber-400/);
  await openMotsTab(page);
  const rowAfter = page.locator(`[data-testid="mot-row"][data-mot-id="${motId}"]`);
  await expect(rowAfter).toHaveAttribute('data-rank', '1');
  await expect(rowAfter.getByTestId('mot-row-chosen')).toBeChecked();
  await expect(rowAfter).toHaveAttribute('data-chosen', 'true');

  // A pin opens its MOT with the keyboard too.
  await pinAfter.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('mot-editor')).toHaveAttribute('data-mot-id', motId);
  await expect(page.getByTestId('mot-chosen')).toBeChecked();
});

test('drag a pin from the toolbar onto a card; bad input is shown as text or refused; deleting asks first', async ({ page }) => {
  await openHotel(page, 'en');
  const card = cardTitled(page, HOTEL_EN.touchpoints.find((tp) => tp.channel === 'email')!.title);
  await expect(card.getByTestId('mot-pin')).toHaveCount(0);

  // HTML5 drag and drop from the toolbar pin onto the card.
  const dataTransfer = await page.evaluateHandle(() => new DataTransfer());
  await page.getByTestId('pin-toolbar-button').dispatchEvent('dragstart', { dataTransfer });
  await card.dispatchEvent('dragenter', { dataTransfer });
  await card.dispatchEvent('dragover', { dataTransfer });
  await card.dispatchEvent('drop', { dataTransfer });
  await expect(card.getByTestId('mot-pin')).toHaveCount(1);
  const editor = page.getByTestId('mot-editor');
  await expect(editor).toBeVisible();
  const motId = (await editor.getAttribute('data-mot-id'))!;
  await expect(card.getByTestId('mot-pin')).toHaveAttribute('data-mot-id', motId);

  // Typing is one undo step per field edit, not one per letter.
  const situation = editor.getByTestId('mot-situation');
  await situation.pressSequentially('At the gate', { delay: 10 });
  await expect(situation).toHaveValue('At the gate');
  await page.keyboard.press('ControlOrMeta+z');
  await expect(situation).toHaveValue('');

  // Whitespace-only is still missing; HTML is stored and shown as text; a 10 000-character situation is cut with a message.
  const html = '<img src=x onerror="window.__motXss=1"><b>bold</b>';
  await editor.getByTestId('mot-who').fill(html);
  await editor.getByTestId('mot-feeling').fill('   \u3000 ');
  await expect(editor.getByTestId('mot-status')).toContainText('Feeling missing');
  await editor.getByTestId('mot-situation').fill('x'.repeat(10_000));
  await expect(editor.getByRole('alert').filter({ hasText: 'Limited to 5,000 characters' })).toBeVisible();
  await expect(editor.getByTestId('mot-situation')).toHaveValue('x'.repeat(5000));
  await editor.getByTestId('mot-votes-dislike').fill('2.5');
  await expect(editor.getByTestId('mot-votes-dislike-error')).toContainText('whole number');
  await editor.getByTestId('mot-votes-dislike').press('Tab');
  await expect(editor.getByTestId('mot-votes-dislike')).toHaveValue('0');
  await expect(card.getByTestId('mot-pin')).toHaveAttribute('aria-label', /feeling missing/);

  await page.getByTestId('mot-back').click();
  const row = page.locator(`[data-testid="mot-row"][data-mot-id="${motId}"]`);
  await expect(row).toContainText(html);
  expect(await page.evaluate(() => (window as unknown as { __motXss?: number }).__motXss)).toBeUndefined();
  await expect(page.getByTestId('needs-work').locator(`[data-mot-id="${motId}"]`)).toContainText('Feeling missing');

  // Delete asks first; Cancel keeps it, Delete removes it and its pin.
  await row.getByTestId('mot-row-open').click();
  await page.getByTestId('mot-delete').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Delete MOT');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(card.getByTestId('mot-pin')).toHaveCount(1);
  await page.getByTestId('mot-delete').click();
  await page.getByTestId('mot-delete-confirm').click();
  await expect(card.getByTestId('mot-pin')).toHaveCount(0);
  await expect(page.getByTestId('mot-workbench')).toBeVisible();
  await expect(page.locator(`[data-testid="mot-row"][data-mot-id="${motId}"]`)).toHaveCount(0);
});

test('the MOT workbench and editor in Chinese, in the panel and the wide view', async ({ page }) => {
  await openHotel(page, 'zh-CN');
  await openMotsTab(page, '关键时刻');
  const workbench = page.getByTestId('mot-workbench');
  await expect(workbench.getByRole('heading', { name: '选择关键时刻' })).toBeVisible();
  await expect(workbench.getByTestId('mot-row')).toHaveCount(HOTEL_ZH.mots.length);
  await expect(workbench.getByTestId('needs-work')).toContainText('缺少感受');
  await expect(workbench.getByLabel('品牌核心信息')).toHaveValue(HOTEL_ZH.settings.coreMessage);
  const checkoutPin = cardTitled(page, checkoutTitle(HOTEL_ZH)).getByTestId('mot-pin');
  await expect(checkoutPin).toHaveAttribute('aria-label', 'MOT 5，缺少感受');
  await snap(page, 'mots-zh-workbench');

  await workbench.getByTestId('scoring-formula').locator('summary').click();
  await expect(workbench.getByTestId('scoring-formula')).toContainText('不是一人一票');
  await snap(page, 'mots-zh-workbench-formula');

  await workbench.getByTestId('workbench-wide').click();
  const wide = page.getByTestId('workbench-wide-dialog');
  await expect(wide).toBeVisible();
  await expect(wide.getByRole('columnheader', { name: /黄金时刻/ })).toBeVisible();
  await expect(wide.getByTestId('mot-row')).toHaveCount(HOTEL_ZH.mots.length);
  await snap(page, 'mots-zh-workbench-wide');
  await page.keyboard.press('Escape');
  await expect(wide).toHaveCount(0);

  await workbench.locator('[data-testid="mot-row"][data-rank="1"]').getByTestId('mot-row-open').click();
  const editor = page.getByTestId('mot-editor');
  await expect(editor.getByLabel('谁', { exact: true })).toHaveAttribute('placeholder', /美国西海岸的华人/);
  await expect(editor).toContainText('爱我们的人');
  await expect(editor).toContainText('三高');
  await snap(page, 'mots-zh-editor');
});

test('the wide view in English', async ({ page }) => {
  await openHotel(page, 'en');
  await openMotsTab(page);
  await page.getByTestId('workbench-wide').click();
  const wide = page.getByTestId('workbench-wide-dialog');
  await expect(wide.getByRole('columnheader', { name: /Golden moment/ })).toBeVisible();
  await snap(page, 'mots-en-workbench-wide');
  await wide.getByRole('button', { name: 'Close wide view' }).click();
  await expect(wide).toHaveCount(0);
});
