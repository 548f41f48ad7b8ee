import { test, expect, type Page } from '@playwright/test';
import { createFromTemplate } from '../../src/domain/templates';
import { snap, stageNames, useLanguage } from './helpers';

/** Call `useLanguage(page, …)` first. */
async function openAirline(page: Page) {
  await page.goto('/');
  await page.getByTestId('create-airline').click();
  await expect(page).toHaveURL(/\/maps\/[A-Za-z0-9]{21}$/);
  await expect(page.getByTestId('touchpoint-card').first()).toBeVisible();
  await expect(page.getByTestId('inspector')).toBeVisible();
}

test('inspector: edit a card title live, undo the whole burst in one step, rename a stage, add and delete a persona, open the shortcut sheet', async ({
  page,
}) => {
  await useLanguage(page, 'en');
  await openAirline(page);
  const inspector = page.getByTestId('inspector');
  await snap(page, 'inspector-en-nothing-selected');

  // ── a card ────────────────────────────────────────────────────────────────────────────
  const card = page.getByTestId('touchpoint-card').first();
  const cardId = await card.getAttribute('data-touchpoint-id');
  expect(cardId).toBeTruthy();
  const sameCard = page.locator(`[data-testid="touchpoint-card"][data-touchpoint-id="${cardId}"]`);
  await card.click();
  const title = inspector.getByLabel('Title', { exact: true });
  await expect(title).toBeVisible();
  const original = await title.inputValue();
  expect(original.length).toBeGreaterThan(0);
  await expect(sameCard).toContainText(original);

  await title.click();
  await page.keyboard.press('ControlOrMeta+a');
  await title.pressSequentially('Lounge check-in 贵宾', { delay: 10 });
  await expect(title).toHaveValue('Lounge check-in 贵宾');
  // Live: the canvas follows while the field still has focus.
  await expect(sameCard).toContainText('Lounge check-in 贵宾');
  await expect(title).toBeFocused();
  await snap(page, 'inspector-en-card');

  // One Ctrl+Z undoes the whole typed title, not one letter.
  await page.keyboard.press('Control+z');
  await expect(title).toHaveValue(original);
  await expect(sameCard).toContainText(original);
  await expect(sameCard).not.toContainText('Lounge');
  // …and redo brings the whole title back.
  await page.keyboard.press('Control+Shift+z');
  await expect(title).toHaveValue('Lounge check-in 贵宾');
  await expect(sameCard).toContainText('Lounge check-in 贵宾');

  // Enter ends a burst (no new line): only the text typed after it is undone.
  await title.press('End');
  await title.pressSequentially(' A');
  await title.press('Enter');
  await title.pressSequentially(' B');
  await expect(title).toHaveValue('Lounge check-in 贵宾 A B');
  await page.keyboard.press('Control+z');
  await expect(title).toHaveValue('Lounge check-in 贵宾 A');

  // Channel select lists every channel with its name.
  const channel = inspector.getByLabel('Channel');
  await channel.selectOption('phone');
  await expect(channel).toHaveValue('phone');

  // Several cards: count, move-all and delete-all controls.
  await card.click();
  const second = page.getByTestId('touchpoint-card').nth(1);
  await second.click({ modifiers: ['Shift'] });
  await expect(inspector.getByTestId('inspector-multi-count')).toHaveText('2 cards selected');
  await expect(inspector.getByRole('button', { name: 'Delete 2 cards' })).toBeVisible();
  await snap(page, 'inspector-en-multi');

  // ── a stage ───────────────────────────────────────────────────────────────────────────
  const expected = createFromTemplate('airline', 'en').stages.map((s) => s.name);
  await page.getByTestId('stage-header').first().click();
  const stageName = inspector.getByLabel('Stage name');
  await expect(stageName).toHaveValue(expected[0]!);
  await stageName.click();
  await page.keyboard.press('ControlOrMeta+a');
  await stageName.pressSequentially('Planning', { delay: 10 });
  await expect(page.getByTestId('stage-header').first()).toHaveAttribute('aria-label', 'Planning');
  await stageName.press('Tab');
  expect(await stageNames(page)).toEqual(['Planning', ...expected.slice(1)]);

  // An emptied stage name comes back when the field is left.
  await stageName.fill('');
  await expect(inspector.getByText('This cannot be empty')).toBeVisible();
  await snap(page, 'inspector-en-stage-empty-name');
  await stageName.press('Tab');
  await expect(stageName).toHaveValue('Planning');
  expect((await stageNames(page))[0]).toBe('Planning');

  // Stage colour from the palette.
  await inspector.getByRole('button', { name: 'Green' }).click();
  await expect(inspector.getByRole('button', { name: 'Green' })).toHaveAttribute('aria-pressed', 'true');
  await snap(page, 'inspector-en-stage');

  // ── a lane ────────────────────────────────────────────────────────────────────────────
  await page.getByTestId('lane-label').nth(4).click();
  const laneName = inspector.getByLabel('Lane name');
  await expect(laneName).toHaveValue('Pain points');
  await expect(inspector.getByLabel('Lane type')).toHaveValue('pain');
  await laneName.fill('Pains');
  await laneName.press('Enter');
  await expect(page.getByTestId('lane-label').nth(4)).toContainText('Pains');
  await inspector.getByRole('button', { name: 'Move up' }).click();
  await expect(page.getByTestId('lane-label').nth(3)).toContainText('Pains');
  await snap(page, 'inspector-en-lane');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('lane-label').nth(4)).toContainText('Pains');

  // ── personas ──────────────────────────────────────────────────────────────────────────
  const panel = page.getByTestId('personas-panel');
  await expect(panel.getByTestId('persona-chip')).toHaveCount(2);
  await panel.getByRole('button', { name: '+ Persona' }).click();
  await expect(panel.getByTestId('persona-chip')).toHaveCount(3);
  const personaName = inspector.getByLabel('Persona name');
  await expect(personaName).toHaveValue('Persona 3');
  await expect(personaName).toBeFocused();
  await expect(panel.getByRole('button', { name: 'Persona 3' })).toHaveAttribute('aria-pressed', 'true');
  await personaName.pressSequentially('Student traveller', { delay: 5 });
  await expect(panel.getByRole('button', { name: 'Student traveller' })).toBeVisible();
  await snap(page, 'inspector-en-persona');
  await inspector.getByRole('button', { name: 'Delete persona' }).click();
  await expect(panel.getByTestId('persona-chip')).toHaveCount(2);
  await expect(panel.getByRole('button', { name: 'Student traveller' })).toHaveCount(0);

  // ── the shortcut sheet ─────────────────────────────────────────────────────────────────
  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByText('Selection & navigation')).toBeVisible();
  await expect(sheet.locator('kbd').first()).toBeVisible();
  await snap(page, 'shortcut-sheet-en');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('inspector: delete a card from the inspector and undo it; a single persona cannot be deleted', async ({ page }) => {
  await useLanguage(page, 'en');
  await openAirline(page);
  const inspector = page.getByTestId('inspector');
  const cards = page.getByTestId('touchpoint-card');
  const before = await cards.count();
  await cards.first().click();
  await expect(inspector.getByText('Undo with Ctrl+Z')).toBeVisible();
  await inspector.getByRole('button', { name: 'Delete card' }).click();
  await expect(cards).toHaveCount(before - 1);
  await page.keyboard.press('Control+z');
  await expect(cards).toHaveCount(before);

  // The editor's own "Deleted … — Undo" notice uses the toast system.
  await cards.first().click();
  await page.keyboard.press('Delete');
  await expect(cards).toHaveCount(before - 1);
  const toast = page.getByTestId('toast').first();
  await expect(toast).toBeVisible();
  await expect(toast).toHaveAttribute('role', 'status');
  await snap(page, 'toast-en');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(cards).toHaveCount(before);
  await expect(page.getByTestId('toast')).toHaveCount(0);

  // Delete personas down to one: the last one's delete button is disabled, with the reason.
  const panel = page.getByTestId('personas-panel');
  await panel.getByTestId('persona-chip').first().click();
  await inspector.getByRole('button', { name: 'Delete persona' }).click();
  await expect(panel.getByTestId('persona-chip')).toHaveCount(1);
  await panel.getByTestId('persona-chip').first().click();
  const del = inspector.getByRole('button', { name: 'Delete persona' });
  await expect(del).toBeDisabled();
  await expect(inspector.getByText('A map needs at least one persona')).toBeVisible();
  await del.click({ force: true });
  await expect(panel.getByTestId('persona-chip')).toHaveCount(1);
  await snap(page, 'inspector-en-last-persona');
});

test('inspector, personas and shortcut sheet in Chinese', async ({ page }) => {
  await useLanguage(page, 'zh-CN');
  await openAirline(page);
  const inspector = page.getByTestId('inspector');
  await expect(inspector.getByText('双击单元格添加卡片')).toBeVisible();
  await snap(page, 'inspector-zh-nothing-selected');

  await page.getByTestId('touchpoint-card').first().click();
  await expect(inspector.getByLabel('标题', { exact: true })).toBeVisible();
  await snap(page, 'inspector-zh-card');

  await page.getByTestId('stage-header').nth(1).click();
  await expect(inspector.getByLabel('阶段名称')).toHaveValue(createFromTemplate('airline', 'zh-CN').stages[1]!.name);
  await snap(page, 'inspector-zh-stage');

  await page.getByTestId('personas-panel').getByRole('button', { name: '+ 画像' }).click();
  await expect(inspector.getByLabel('画像名称')).toHaveValue('画像 3');
  await snap(page, 'inspector-zh-persona');

  await inspector.getByLabel('画像名称').press('Escape');
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: '键盘快捷键' })).toBeVisible();
  await snap(page, 'shortcut-sheet-zh');
});
