/**
 * Comment threads through the real UI: a guest with a comment link comments on a card; the owner
 * sees the badge and the thread, gives a name, replies and resolves; the guest sees the reply.
 * A view link can read but not write. Comment text stays text (no HTML).
 */
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { createFromTemplateUI, serverMap, snap, useLanguage } from './helpers';

// Two browsers, live round trips and a reload: more than the default minute on a busy machine.
test.describe.configure({ timeout: 150_000 });

async function createLink(page: Page, mapId: string, role: 'view' | 'comment'): Promise<string> {
  const res = await page.request.post(`/api/maps/${mapId}/links`, { data: { role, label: `${role} e2e` } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { link: { token: string } }).link.token;
}

/** A guest in a browser of its own, with a display name already chosen (no name dialog). */
async function openAsGuest(browser: Browser, token: string, locale: 'en' | 'zh-CN', name: string): Promise<Page> {
  const context = await browser.newContext();
  const guest = await context.newPage();
  await useLanguage(guest, locale);
  await guest.addInitScript((n) => localStorage.setItem('mot-canvas:display-name', n), name);
  await guest.goto(`/s/${token}`);
  await expect(guest.getByTestId('stage-header').first()).toBeVisible();
  return guest;
}

/** A picture of an element with a margin (badges stick out of their card). */
async function snapAround(page: Page, locator: Locator, name: string) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('no box');
  await page.screenshot({ path: `test-results/screenshots/${name}.png`, clip: { x: box.x - 16, y: box.y - 16, width: box.width + 32, height: box.height + 32 } });
}

async function openCommentsTab(page: Page, name: string | RegExp) {
  const tab = page.getByRole('tab', { name });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('comments-panel')).toBeVisible();
}

test('a comment-link guest comments on a card; the owner sees the badge, replies and resolves; the guest sees the reply', async ({ page, browser }) => {
  await useLanguage(page, 'en');
  const mapId = await createFromTemplateUI(page, 'airline');
  const token = await createLink(page, mapId, 'comment');
  const { map } = await serverMap(page, mapId);
  const card = map.touchpoints[2]!;

  // ── the guest (Chinese UI) comments on a card ──
  const guest = await openAsGuest(browser, token, 'zh-CN', 'Gita 顾客代表');
  const guestCard = guest.locator(`[data-testid="touchpoint-card"][data-touchpoint-id="${card.id}"]`);
  await guestCard.click();
  await openCommentsTab(guest, '评论');
  const composer = guest.getByTestId('comment-composer').getByRole('textbox');
  await expect(composer).toBeVisible();
  await expect(guest.getByTestId('comments-posting-as')).toHaveText('以 Gita 顾客代表 的身份评论');
  const text = 'Check-in queue is too long <b>not bold</b> <img src=x onerror="window.__xss=1">';
  await composer.fill(text);
  await composer.press('Control+Enter');
  const guestThread = guest.getByTestId('comment-thread');
  await expect(guestThread).toHaveCount(1);
  await expect(guestThread.getByTestId('comment-body')).toHaveText(text);
  await expect(guestThread.locator('b, img')).toHaveCount(0);
  await expect(composer).toHaveValue('');
  await expect(guestCard.getByTestId('comment-badge')).toHaveAttribute('data-count', '1');
  // The guest cannot edit or delete (comment role), but may resolve and reply.
  await expect(guestThread.getByTestId('comment-delete')).toHaveCount(0);
  await expect(guestThread.getByTestId('comment-resolve')).toBeVisible();

  // ── the owner sees it live: badge on the card, thread in the panel ──
  const ownerCard = page.locator(`[data-testid="touchpoint-card"][data-touchpoint-id="${card.id}"]`);
  const badge = ownerCard.getByTestId('comment-badge');
  await expect(badge).toHaveAttribute('data-count', '1', { timeout: 15_000 });
  await expect(badge).toHaveAccessibleName('1 open comment thread: show it');
  await page.getByTestId('stage-header').first().hover(); // no hover effects on the card for the picture
  await snapAround(page, ownerCard, 'comments-card-badge');
  await badge.click();
  await expect(page.getByRole('tab', { name: 'Comments' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('comments-target-filter')).toContainText(card.title);
  await expect(ownerCard).toHaveAttribute('data-selected', 'true');
  const thread = page.getByTestId('comment-thread');
  await expect(thread).toHaveCount(1);
  await expect(thread.getByTestId('comment-author')).toHaveText('Gita 顾客代表');
  await expect(thread.getByTestId('comment-body')).toHaveText(text);
  await expect(thread.locator('time')).toHaveText('now');

  // The owner has no name yet: the panel asks for one first.
  await page.getByTestId('comments-name-prompt').getByRole('textbox').fill('Olu (owner)');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByTestId('comments-posting-as')).toHaveText('Commenting as Olu (owner)');

  await thread.getByTestId('comment-reply').click();
  const reply = thread.getByTestId('reply-composer').getByRole('textbox');
  await expect(reply).toBeFocused();
  await reply.fill('Agreed, we add a second bag-drop desk.');
  await reply.press('Control+Enter');
  await expect(thread.getByTestId('comment')).toHaveCount(2);
  await expect(thread.getByTestId('comment').nth(1).getByTestId('comment-author')).toHaveText('Olu (owner)');
  await snap(page, 'comments-panel-en');

  // ── the guest sees the reply live ──
  await expect(guestThread.getByTestId('comment')).toHaveCount(2, { timeout: 15_000 });
  await expect(guestThread.getByTestId('comment').nth(1)).toContainText('Agreed, we add a second bag-drop desk.');
  await snap(guest, 'comments-panel-zh');

  // ── the owner resolves: the thread leaves the Open list, the badge goes ──
  await thread.getByTestId('comment-resolve').click();
  await expect(thread).toHaveAttribute('data-resolved', 'true');
  await expect(badge).toHaveCount(0);
  await page.getByTestId('comments-target-filter').getByRole('button').click();
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByTestId('comment-thread')).toHaveCount(0);
  await expect(page.getByTestId('comments-empty')).toContainText('No open comments.');
  await page.getByRole('button', { name: 'Resolved', exact: true }).click();
  await expect(page.getByTestId('comment-thread')).toHaveCount(1);

  // The guest's Open list empties too; under 已解决 the thread is there, with its reply.
  await expect(guestCard.getByTestId('comment-badge')).toHaveCount(0, { timeout: 15_000 });
  await expect(guest.getByTestId('comment-thread')).toHaveCount(0);
  await guest.getByRole('button', { name: '已解决', exact: true }).click();
  await expect(guest.getByTestId('comment-thread')).toHaveAttribute('data-resolved', 'true');
  await expect(guest.getByTestId('comment-thread').getByTestId('comment')).toHaveCount(2);
  // Reopen from the guest side (comment role may).
  await guest.getByTestId('comment-reopen').click();
  await expect(ownerCard.getByTestId('comment-badge')).toHaveAttribute('data-count', '1', { timeout: 15_000 });

  // Stored on the server, as text.
  const stored = (await serverMap(page, mapId)).map.comments;
  expect(stored).toHaveLength(2);
  expect(stored.find((c) => c.parentId === null)?.body).toBe(text);
  expect(await guest.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  // After a reload the owner still sees it all.
  await page.reload();
  await expect(ownerCard.getByTestId('comment-badge')).toHaveAttribute('data-count', '1');

  // The owner deletes the thread (edit role and up): replies go with it.
  await ownerCard.getByTestId('comment-badge').click();
  await page.getByTestId('comment-thread').getByTestId('comment').first().getByTestId('comment-delete').click();
  await page.getByTestId('comment-delete-confirm').click();
  await expect(page.getByTestId('comment-thread')).toHaveCount(0);
  await expect.poll(async () => (await serverMap(page, mapId)).map.comments.length).toBe(0);
  await guest.context().close();
});

test('comments on a stage and an MOT show badges there; a view link reads but cannot write', async ({ page, browser }) => {
  await useLanguage(page, 'en');
  const mapId = await createFromTemplateUI(page, 'airline');
  const { map } = await serverMap(page, mapId);
  const stage = map.stages[1]!;
  const mot = map.mots[0]!;
  for (const [targetKind, targetId, body] of [
    ['stage', stage.id, 'Is this stage really one step?'],
    ['mot', mot.id, 'Who decided this MOT?'],
  ] as const) {
    const res = await page.request.post(`/api/maps/${mapId}/comments`, { data: { targetKind, targetId, body, author: 'API Ann' } });
    expect(res.status()).toBe(201);
  }
  const stageBadge = page.locator(`[data-testid="stage-header"][data-stage-id="${stage.id}"]`).getByTestId('comment-badge');
  await expect(stageBadge).toHaveAttribute('data-count', '1', { timeout: 15_000 });
  const motBadge = page.locator(`[data-testid="comment-badge"][data-target-kind="mot"][data-target-id="${mot.id}"]`);
  await expect(motBadge).toHaveAttribute('data-count', '1');
  await snapAround(page, page.locator(`[data-testid="touchpoint-card"][data-touchpoint-id="${mot.touchpointId}"]`), 'comments-mot-badge');
  await snapAround(page, page.locator(`[data-testid="stage-header"][data-stage-id="${stage.id}"]`), 'comments-stage-badge');
  await motBadge.click();
  await expect(page.getByTestId('comment-thread')).toHaveCount(1);
  await expect(page.getByTestId('comment-thread').getByTestId('comment-target')).toContainText(/MOT \d+ on/);
  // Its target button selects the MOT and brings its card to the middle of the canvas.
  await page.getByTestId('comment-thread').getByTestId('comment-target').click();
  const motCard = page.locator(`[data-testid="touchpoint-card"][data-touchpoint-id="${mot.touchpointId}"]`);
  await expect(page.locator(`[data-testid="mot-pin"][data-mot-id="${mot.id}"]`)).toHaveClass(/ring-indigo-600/);
  const pane = (await page.locator('.react-flow').boundingBox())!;
  await expect
    .poll(async () => {
      const b = (await motCard.boundingBox())!;
      return Math.round(Math.hypot(b.x + b.width / 2 - (pane.x + pane.width / 2), b.y + b.height / 2 - (pane.y + pane.height / 2)));
    })
    .toBeLessThan(12);
  await stageBadge.click();
  await expect(page.getByTestId('comment-thread').getByTestId('comment-body')).toHaveText('Is this stage really one step?');
  await expect(page.getByTestId('comments-target-filter')).toContainText(stage.name);
  // Clicking the thread's target selects the stage.
  await page.getByTestId('comment-target').click();
  await expect(page.locator(`[data-testid="stage-header"][data-stage-id="${stage.id}"]`)).toHaveClass(/ring-indigo-500/);

  const token = await createLink(page, mapId, 'view');
  const viewer = await openAsGuest(browser, token, 'en', 'Vic');
  await openCommentsTab(viewer, 'Comments');
  await expect(viewer.getByTestId('comment-thread')).toHaveCount(2);
  await expect(viewer.getByTestId('comments-view-only')).toBeVisible();
  await expect(viewer.getByTestId('comments-panel').getByRole('textbox')).toHaveCount(0);
  await expect(viewer.getByTestId('comment-reply')).toHaveCount(0);
  await expect(viewer.getByTestId('comment-resolve')).toHaveCount(0);
  await viewer.context().close();
});
