/**
 * Weighted dot voting in a workshop, with three browsers: the facilitator (workspace owner) and
 * two guests who joined through share links (comment and edit). One guest works in Chinese.
 */
import { test, expect, type Browser, type Page } from '@playwright/test';
import type { JourneyMap } from '../../src/domain/schema';
import { votableTargets } from '../../src/domain/dot-voting';
import { snap, useLanguage } from './helpers';

async function openVotes(page: Page, name: string | RegExp) {
  const tab = page.getByRole('tab', { name });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

async function guest(browser: Browser, baseURL: string, token: string, name: string, locale: 'en' | 'zh-CN'): Promise<Page> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await useLanguage(page, locale);
  await page.addInitScript((n) => localStorage.setItem('mot-canvas:display-name', n), name);
  await page.goto(`/s/${token}`);
  await expect(page.getByTestId('touchpoint-card').first()).toBeVisible();
  return page;
}

test('facilitator and two guests run a weighted dot vote and apply it to the MOT votes', async ({ page: owner, browser, baseURL }) => {
  test.setTimeout(120_000);
  await useLanguage(owner, 'en');
  await owner.goto('/');
  await owner.getByTestId('create-airline').click();
  await expect(owner).toHaveURL(/\/maps\/[A-Za-z0-9]{21}$/);
  await expect(owner.getByTestId('touchpoint-card').first()).toBeVisible();
  const mapId = owner.url().split('/').pop() ?? '';
  const serverMap = async () => (await (await owner.request.get(`/api/maps/${mapId}`)).json()) as { map: JourneyMap };
  const { map } = await serverMap();
  const [motA, motB] = votableTargets(map, 'mot'); // MOT 1 and MOT 2 in journey order
  if (!motA || !motB) throw new Error('the airline template has MOTs');
  const votesOf = async (id: string) => (await serverMap()).map.mots.find((m) => m.id === id)?.votes;
  const beforeA = await votesOf(motA);
  const beforeB = await votesOf(motB);

  const tokenFor = async (role: 'comment' | 'edit') => {
    const res = await owner.request.post(`/api/maps/${mapId}/links`, { data: { role, label: `${role} guest` } });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { link: { token: string } }).link.token;
  };
  const ana = await guest(browser, baseURL ?? '', await tokenFor('comment'), 'Ana', 'en');
  const bo = await guest(browser, baseURL ?? '', await tokenFor('edit'), '波', 'zh-CN');

  // The facilitator starts a vote on the Moments of Truth: 3 dots each.
  await openVotes(owner, 'Votes');
  const form = owner.getByTestId('vote-start-form');
  await form.getByLabel('Moments of Truth').check();
  await form.getByLabel('Dots per person').fill('3');
  await form.getByLabel('Question (optional)').fill('Which moments matter most?');
  await form.getByRole('button', { name: 'Start vote' }).click();
  await expect(owner.getByTestId('vote-status')).toHaveText('Voting');

  // Ana speaks for people who don't love us: three dots on MOT 1, with the buttons on the canvas.
  await openVotes(ana, 'Votes');
  await expect(ana.getByTestId('vote-status')).toHaveText('Voting'); // arrived live
  const anaAdd = ana.locator(`[data-testid="vote-dots"][data-target-id="${motA}"] [data-testid="vote-add"]`);
  await anaAdd.click(); // no group yet: the panel asks for one, nothing is placed
  await expect(ana.getByText('Choose the customer group you speak for, then place your dots.')).toBeVisible();
  await ana.getByTestId('vote-group-picker').getByLabel(/People who don't love us/).check();
  await expect(anaAdd).toHaveAccessibleName(/^Add a dot to “MOT 1 · .+” \(0 of 3 used\)$/);
  await anaAdd.click();
  await expect(anaAdd).toHaveAccessibleName(/\(1 of 3 used\)$/);
  // keyboard works too
  await anaAdd.focus();
  await ana.keyboard.press('Enter');
  await expect(anaAdd).toHaveAccessibleName(/\(2 of 3 used\)$/);
  await anaAdd.click();
  await expect(ana.getByTestId('vote-remaining')).toHaveText('0 of 3 dots left');
  await expect(anaAdd).toBeDisabled(); // budget spent
  await expect(ana.locator(`[data-testid="vote-dots"][data-target-id="${motA}"]`)).toHaveAttribute('data-count', '3');

  // Bo (in Chinese) speaks for people who love us: two dots on MOT 2, from the list in the panel.
  await openVotes(bo, '投票');
  await bo.getByTestId('vote-group-picker').getByLabel(/爱我们的人/).first().check();
  const boRow = bo.getByTestId('vote-target-list').locator(`li[data-target-id="${motB}"]`);
  await boRow.getByRole('button', { name: /^给“.+”加一个圆点（已用 0 \/ 3）$/ }).click();
  await boRow.getByRole('button', { name: /^给“.+”加一个圆点（已用 1 \/ 3）$/ }).click();
  await expect(bo.getByTestId('vote-remaining')).toHaveText('还剩 1 / 3 个圆点');
  // a dot placed and taken back again
  const boOther = bo.getByTestId('vote-target-list').locator(`li[data-target-id="${motA}"]`);
  await boOther.getByRole('button', { name: /^给/ }).click();
  await boOther.getByRole('button', { name: /^从/ }).click();
  await expect(bo.getByTestId('vote-remaining')).toHaveText('还剩 1 / 3 个圆点');
  await snap(bo, 'voting-guest-ballot-zh');

  // Ballots are hidden: everyone sees only how many people voted.
  await expect(owner.getByTestId('vote-voters')).toHaveText('2 people have voted');
  await expect(ana.getByTestId('vote-voters')).toHaveText('2 people have voted');
  await expect(owner.getByTestId('vote-results')).toHaveCount(0);
  await expect(ana.locator(`[data-testid="vote-dots"][data-target-id="${motB}"]`)).toHaveAttribute('data-count', '0');
  await snap(ana, 'voting-guest-ballot-en');

  // Reveal: by raw dots MOT 1 (3 dots) leads; weighted, MOT 2 (2 × 3 = 6) beats MOT 1 (3 × 1 = 3).
  await owner.getByRole('button', { name: 'Reveal results' }).click();
  for (const p of [owner, ana, bo]) {
    const rows = p.getByTestId('vote-result-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toHaveAttribute('data-target-id', motB);
    await expect(rows.nth(1)).toHaveAttribute('data-target-id', motA);
    await expect(rows.nth(0).getByTestId('vote-weighted')).toHaveText('6');
    await expect(rows.nth(1).getByTestId('vote-weighted')).toHaveText('3');
  }
  await expect(owner.getByTestId('vote-result-row').nth(1).getByTestId('vote-raw')).toHaveText('3 dots');
  await expect(owner.getByTestId('vote-raw-order')).toContainText('By dots alone the order would be: MOT 1');
  await expect(owner.locator(`[data-testid="vote-result-badge"][data-target-id="${motB}"]`)).toContainText('#1');
  await snap(owner, 'voting-results-en');
  await expect(bo.getByTestId('vote-raw-order')).toContainText('只按圆点数排序则为');
  await snap(bo, 'voting-results-zh');
  // guests cannot run the vote
  await expect(ana.getByRole('button', { name: 'Reveal results' })).toHaveCount(0);
  await expect(ana.getByRole('button', { name: 'Add to MOT votes' })).toHaveCount(0);

  // Apply to the MOT votes: the workbench's principle-1 numbers change, once.
  await openVotes(owner, 'MOTs');
  const reasonA = owner.locator(`[data-testid="mot-row"][data-mot-id="${motA}"] [data-testid="reason-votes"]`);
  await expect(reasonA).toContainText(`don’t love ${beforeA?.dislike}`);
  await openVotes(owner, 'Votes');
  await owner.getByRole('button', { name: 'Add to MOT votes' }).click();
  await expect(owner.getByTestId('vote-applied')).toHaveText('Added to the votes of 2 MOTs.');
  await expect(owner.getByRole('button', { name: 'Add to MOT votes' })).toHaveCount(0);
  await expect.poll(() => votesOf(motA)).toEqual({ ...beforeA, dislike: (beforeA?.dislike ?? 0) + 3 });
  await expect.poll(() => votesOf(motB)).toEqual({ ...beforeB, love: (beforeB?.love ?? 0) + 2 });
  await openVotes(owner, 'MOTs');
  await expect(reasonA).toContainText(`don’t love ${(beforeA?.dislike ?? 0) + 3}`);
  const reasonB = owner.locator(`[data-testid="mot-row"][data-mot-id="${motB}"] [data-testid="reason-votes"]`);
  await expect(reasonB).toContainText(`love ${(beforeB?.love ?? 0) + 2} ·`);
  // the guests' copies got the change live
  await openVotes(bo, '关键时刻');
  await expect(bo.locator(`[data-testid="mot-row"][data-mot-id="${motB}"] [data-testid="reason-votes"]`)).toContainText(`爱我们 ${(beforeB?.love ?? 0) + 2} `);

  // Close: the vote moves to the earlier votes, and a new one can start.
  await openVotes(owner, 'Votes');
  await owner.getByRole('button', { name: 'Close vote' }).click();
  await expect(owner.getByTestId('vote-start-form')).toBeVisible();
  await expect(owner.getByTestId('vote-past')).toHaveCount(1);
  await expect(ana.getByTestId('vote-past')).toHaveCount(1);
  await expect(ana.locator('[data-testid="vote-dots"]')).toHaveCount(0);
  await ana.context().close();
  await bo.context().close();
});
