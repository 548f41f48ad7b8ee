/**
 * Share links through the real UI: the owner creates a link in the Share dialog, a guest in
 * another browser context opens it. A view link shows the map but nothing can change it (not the
 * canvas, not the keyboard, not the raw API with the same token); revoking it shows the guest a
 * clear page on the next load. An edit link lets the guest change a card title the owner then sees.
 */
import { expect, test, type Browser, type Page } from '@playwright/test';
import { centre, createFromTemplateUI, dragTo, serverMap, snap, useLanguage, waitSaved } from './helpers';

// Two browser contexts and two editors each: slower than one on a busy machine.
test.describe.configure({ timeout: 120_000 });

async function createLinkUI(page: Page, role: 'view' | 'comment' | 'edit', label: string): Promise<string> {
  await page.getByTestId('share-open').click();
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId(`share-role-${role}`).check();
  await dialog.getByTestId('share-label').fill(label);
  await dialog.getByTestId('share-create-submit').click();
  const row = dialog.getByTestId('share-link-row').filter({ hasText: label });
  await expect(row).toBeVisible();
  const url = await row.getByTestId('share-copy-url').inputValue();
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/s\/[A-Za-z0-9_-]{43}$/);
  return url;
}

async function openAsGuest(browser: Browser, url: string, locale: 'en' | 'zh-CN' = 'en', name = ''): Promise<Page> {
  const context = await browser.newContext();
  const guest = await context.newPage();
  await useLanguage(guest, locale);
  await guest.goto(url);
  const ask = guest.getByTestId('display-name-dialog');
  await expect(ask).toBeVisible();
  if (name) {
    await guest.getByTestId('display-name-input').fill(name);
    await guest.getByTestId('display-name-save').click();
  } else {
    await guest.getByTestId('display-name-skip').click();
  }
  await expect(ask).toBeHidden();
  await expect(guest.getByTestId('stage-header').first()).toBeVisible();
  return guest;
}

test('a view link shows the map and refuses every change; revoking it closes the door', async ({ page, browser }) => {
  await useLanguage(page, 'en');
  const mapId = await createFromTemplateUI(page, 'airline');
  const url = await createLinkUI(page, 'view', 'Workshop 12 May');
  const dialog = page.getByTestId('share-dialog');
  await expect(dialog.getByTestId('share-teammates')).toContainText('Teammates (full access)');
  await expect(dialog.getByTestId('share-invite-url')).toHaveValue(/\/\?key=/);
  await snap(page, 'share-dialog-en');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  const before = await serverMap(page, mapId);

  const guest = await openAsGuest(browser, url, 'en', 'Lin');
  expect(await guest.evaluate(() => localStorage.getItem('mot-canvas:display-name'))).toBe('Lin');
  await expect(guest.getByTestId('guest-role-note')).toHaveText('Shared with you · View only');
  await expect(guest.getByTestId('read-only-badge')).toBeVisible();
  await expect(guest.getByTestId('map-title-readonly')).toHaveText(before.map.title);
  // No way back to a maps list the guest may not see, no editing controls.
  await expect(guest.getByRole('link', { name: /MOT Canvas/ })).toHaveCount(0);
  await expect(guest.getByRole('link', { name: /back/i })).toHaveCount(0);
  await expect(guest.getByTestId('share-open')).toHaveCount(0);
  for (const id of ['undo', 'redo', 'add-card', 'add-stage', 'pin-toolbar-button', 'add-persona']) await expect(guest.getByTestId(id)).toHaveCount(0);

  // Double-click a card title: no editor opens.
  const card = guest.getByTestId('touchpoint-card').first();
  await card.getByTestId('card-title').dblclick();
  await expect(guest.locator('[data-testid="touchpoint-card"] textarea, [data-testid="touchpoint-card"] input')).toHaveCount(0);
  // Selecting still works, the inspector shows the card but its fields are disabled.
  await card.click();
  await expect(card).toHaveAttribute('data-selected', 'true');
  await expect(guest.getByTestId('inspector-fields')).toHaveAttribute('data-read-only', 'true');
  await expect(guest.getByTestId('inspector').locator('input:enabled, textarea:enabled, select:enabled')).toHaveCount(0);
  // Keyboard: N adds nothing in the active cell, Delete removes nothing, Ctrl+D duplicates nothing.
  const cards = await guest.getByTestId('touchpoint-card').count();
  await guest.keyboard.press('Delete');
  await guest.keyboard.press('Control+d');
  // Arrows still move the selection (an active cell for N).
  await guest.keyboard.press('ArrowDown');
  await expect(guest.getByTestId('touchpoint-card').filter({ has: guest.locator('[data-selected="true"]') }).or(guest.locator('[data-testid="touchpoint-card"][data-selected="true"]'))).toHaveCount(1);
  await guest.keyboard.press('n');
  await guest.keyboard.press('Enter');
  await expect(guest.getByTestId('touchpoint-card')).toHaveCount(cards);
  // Drag a card to another cell: it does not move.
  const first = guest.getByTestId('touchpoint-card').first();
  const firstId = await first.getAttribute('data-touchpoint-id');
  const target = guest.getByTestId('cell').nth(3);
  await dragTo(guest, await centre(first), await centre(target));
  // Zoom still works.
  await guest.keyboard.press('+');
  await guest.waitForTimeout(500);

  const after = await serverMap(page, mapId);
  expect(after.version).toBe(before.version);
  expect(after.map).toEqual(before.map);
  expect(firstId).toBeTruthy();

  // The same token through the raw API: refused.
  const token = url.split('/s/')[1] ?? '';
  const write = await guest.request.patch(`/api/maps/${mapId}`, { headers: { Authorization: `Bearer ${token}` }, data: { title: 'Hacked' } });
  expect(write.status()).toBe(403);
  const read = await guest.request.get(`/api/maps/${mapId}`, { headers: { Authorization: `Bearer ${token}` } });
  expect(read.status()).toBe(200);
  expect(read.headers()['x-map-role']).toBe('view');
  expect((await serverMap(page, mapId)).map.title).toBe(before.map.title);
  await snap(guest, 'share-guest-view-en');

  // The owner revokes; the guest's next load says so.
  await page.getByTestId('share-open').click();
  const row = dialog.getByTestId('share-link-row').filter({ hasText: 'Workshop 12 May' });
  await row.getByTestId('share-revoke').click();
  await row.getByTestId('share-revoke-confirm').click();
  await expect(row).toHaveAttribute('data-revoked', 'true');
  await expect(row).toContainText('Revoked');
  await guest.reload();
  const failure = guest.getByTestId('guest-failure');
  await expect(failure).toBeVisible();
  await expect(failure).toHaveAttribute('data-reason', 'revoked');
  await expect(failure).toContainText('This share link has been revoked — ask the map owner for a new one.');
  await snap(guest, 'share-guest-revoked-en');

  // A made-up link: "not valid", not a blank page and not the workspace sign-in.
  await guest.goto(`/s/${'Q'.repeat(43)}`);
  await expect(guest.getByTestId('guest-failure')).toHaveAttribute('data-reason', 'invalid');
  await guest.context().close();
});

test('an edit link lets the guest change a card title; the owner sees it after reload', async ({ page, browser }) => {
  await useLanguage(page, 'en');
  const mapId = await createFromTemplateUI(page, 'hotel');
  const url = await createLinkUI(page, 'edit', 'Co-designers');
  await page.keyboard.press('Escape');

  const guest = await openAsGuest(browser, url);
  await expect(guest.getByTestId('guest-role-note')).toHaveText('Shared with you · Can edit');
  await expect(guest.getByTestId('read-only-badge')).toHaveCount(0);
  const card = guest.getByTestId('touchpoint-card').first();
  const id = await card.getAttribute('data-touchpoint-id');
  await card.getByTestId('card-title').dblclick();
  const editor = card.locator('textarea, input').first();
  await expect(editor).toBeVisible();
  await editor.fill('Renamed by a guest');
  await editor.press('Enter');
  await expect(card.getByTestId('card-title')).toHaveText('Renamed by a guest');
  await waitSaved(guest);

  const stored = await serverMap(page, mapId);
  expect(stored.map.touchpoints.find((t) => t.id === id)?.title).toBe('Renamed by a guest');
  await page.reload();
  await expect(page.locator(`[data-touchpoint-id="${id}"]`).getByTestId('card-title')).toHaveText('Renamed by a guest');
  await guest.context().close();
});

test('share dialog and guest view in Chinese', async ({ page, browser }) => {
  await useLanguage(page, 'zh-CN');
  await createFromTemplateUI(page, 'airline');
  const url = await createLinkUI(page, 'comment', '5 月工作坊');
  await expect(page.getByTestId('share-dialog')).toContainText('团队成员（完全权限）');
  await snap(page, 'share-dialog-zh');
  await page.keyboard.press('Escape');
  const guest = await openAsGuest(browser, url, 'zh-CN', '林');
  await expect(guest.getByTestId('guest-role-note')).toHaveText('与你共享 · 可评论');
  await expect(guest.getByTestId('read-only-badge')).toContainText('可评论 · 不能修改');
  await snap(guest, 'share-guest-view-zh');
  await guest.context().close();
});
