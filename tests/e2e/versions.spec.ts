import { test, expect, type Page } from '@playwright/test';
import { centre, createFromTemplateUI, serverMap, snap, stageNames, useLanguage, waitSaved } from './helpers';

async function openHistory(page: Page, tabName: string) {
  await page.getByRole('tab', { name: tabName }).click();
  await expect(page.getByTestId('versions-panel')).toBeVisible();
}

function versionItem(page: Page, label: string) {
  return page.getByTestId('version-item').filter({ has: page.getByTestId('version-label').getByText(label, { exact: true }) });
}

test('named version, changes, compare with now, view, restore: the canvas goes back live and the history shows the restore', async ({ page }) => {
  await useLanguage(page, 'en');
  const id = await createFromTemplateUI(page, 'airline');
  await page.getByRole('button', { name: 'Fit map to screen' }).click();
  const start = await serverMap(page, id);
  const firstStage = start.map.stages[0]!;
  await openHistory(page, 'History');

  // Save a named version.
  await page.getByRole('button', { name: 'Save version…' }).click();
  await page.getByLabel('Name', { exact: true }).fill('Before the workshop');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(versionItem(page, 'Before the workshop')).toBeVisible();

  // Change things: rename the first stage, move a card to another stage and lane.
  await page.locator(`[data-testid="stage-header"][data-stage-id="${firstStage.id}"]`).dblclick();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Dreaming of travel');
  await page.keyboard.press('Enter');
  await expect.poll(() => stageNames(page)).toContain('Dreaming of travel');
  const tp = start.map.touchpoints.find((t) => start.map.lanes.find((l) => l.id === t.laneId)?.type === 'touchpoint')!;
  const targetStage = start.map.stages[start.map.stages.length - 1]!;
  const targetLane = start.map.lanes.find((l) => l.type === 'opportunity')!;
  const cardEl = page.locator(`[data-testid="touchpoint-card"][data-touchpoint-id="${tp.id}"]`);
  const cell = page.locator(`[data-testid="cell"][data-stage-id="${targetStage.id}"][data-lane-id="${targetLane.id}"]`);
  const cellBox = (await cell.boundingBox())!;
  const from = await centre(cardEl);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 8, from.y + 8, { steps: 2 });
  await page.mouse.move(cellBox.x + cellBox.width / 2, cellBox.y + cellBox.height - 6, { steps: 15 });
  await page.mouse.up();
  await waitSaved(page);
  await expect
    .poll(async () => {
      const m = (await serverMap(page, id)).map;
      return [m.stages[0]!.name, m.touchpoints.find((t) => t.id === tp.id)!.stageId];
    })
    .toEqual(['Dreaming of travel', targetStage.id]);

  // Compare with now: the rename and the move are named. (Selecting the card showed the inspector.)
  await openHistory(page, 'History');
  await versionItem(page, 'Before the workshop').getByRole('button', { name: 'Compare with now' }).click();
  const compare = page.getByTestId('version-compare-dialog');
  await expect(compare).toBeVisible();
  await expect(compare).toContainText(`“${firstStage.name}” renamed to “Dreaming of travel”`);
  await expect(compare).toContainText(`“${tp.title}” moved from`);
  await expect(compare).toContainText(`to ${targetStage.name} / ${targetLane.name}`);
  await snap(page, 'versions-compare-en');
  await compare.getByRole('button', { name: 'Close' }).click();
  await expect(compare).toBeHidden();

  // View: a read-only picture of the old map.
  await versionItem(page, 'Before the workshop').getByRole('button', { name: 'View' }).click();
  const view = page.getByTestId('version-view-dialog');
  await expect(view.getByTestId('version-picture')).toBeVisible();
  expect(await view.getByTestId('version-picture').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(500);
  await snap(page, 'versions-view-en');

  // Restore from the view: the confirmation explains the safety snapshot.
  await view.getByRole('button', { name: 'Restore…' }).click();
  const confirm = page.getByTestId('restore-dialog');
  await expect(confirm).toContainText('the current map is kept first as a version');
  await snap(page, 'versions-restore-confirm-en');
  await confirm.getByRole('button', { name: 'Restore this version' }).click();
  await expect(confirm).toBeHidden();

  // The canvas shows the old state without a reload.
  await expect.poll(() => stageNames(page)).toContain(firstStage.name);
  const oldCell = page.locator(`[data-testid="cell"][data-stage-id="${tp.stageId}"][data-lane-id="${tp.laneId}"]`);
  const oldBox = (await oldCell.boundingBox())!;
  await expect
    .poll(async () => {
      const b = (await cardEl.boundingBox())!;
      return b.x >= oldBox.x && b.x < oldBox.x + oldBox.width && b.y >= oldBox.y && b.y < oldBox.y + oldBox.height;
    })
    .toBe(true);
  // The history shows the state kept before the restore.
  const kept = versionItem(page, 'Before restoring “Before the workshop”');
  await expect(kept).toBeVisible();
  await expect(kept).toHaveAttribute('data-kind', 'restore');
  await snap(page, 'versions-panel-en');
  const after = (await serverMap(page, id)).map;
  expect(after.stages[0]!.name).toBe(firstStage.name);
  expect(after.touchpoints.find((t) => t.id === tp.id)!.stageId).toBe(tp.stageId);
});

test('中文: the history panel and the comparison speak Chinese; a view link can compare but not restore', async ({ page }) => {
  await useLanguage(page, 'zh-CN');
  await page.goto('/');
  await expect(page.getByTestId('create-hotel')).toBeVisible(); // signed in (the session cookie is set)
  const created = await page.request.post('/api/maps', { data: { template: 'hotel', locale: 'zh-CN' } });
  expect(created.status()).toBe(201);
  const { map, version } = (await created.json()) as { map: import('../../src/domain/schema').JourneyMap; version: number };
  const named = await page.request.post(`/api/maps/${map.id}/versions`, { data: { name: '工作坊开始前', author: '小林' } });
  expect(named.status()).toBe(201);
  const stage = map.stages[1]!;
  const changed = {
    ...map,
    stages: map.stages.map((s) => (s.id === stage.id ? { ...s, name: '入住体验' } : s)),
    touchpoints: map.touchpoints.slice(1),
  };
  const put = await page.request.put(`/api/maps/${map.id}`, { data: { map: changed }, headers: { 'If-Match': `"${version}"` } });
  expect(put.status()).toBe(200);

  await page.goto(`/maps/${map.id}`);
  await openHistory(page, '历史');
  await expect(versionItem(page, '工作坊开始前')).toBeVisible();
  await expect(page.getByTestId('versions-panel')).toContainText('今天');
  await snap(page, 'versions-panel-zh');
  await versionItem(page, '工作坊开始前').getByRole('button', { name: '与当前比较' }).click();
  const compare = page.getByTestId('version-compare-dialog');
  await expect(compare).toContainText(`“${stage.name}”改名为“入住体验”`);
  await expect(compare).toContainText(`删除“${map.touchpoints[0]!.title}”`);
  await snap(page, 'versions-compare-zh');
  await compare.getByRole('button', { name: '关闭' }).click();

  // A view-only link: list, view and compare, but no saving or restoring.
  const link = await page.request.post(`/api/maps/${map.id}/links`, { data: { role: 'view' } });
  expect(link.status()).toBe(201);
  const { link: created2 } = (await link.json()) as { link: { path: string } };
  await page.goto(created2.path);
  await page.getByTestId('display-name-skip').click();
  await expect(page.getByTestId('stage-header').first()).toBeVisible();
  await openHistory(page, '历史');
  await expect(versionItem(page, '工作坊开始前')).toBeVisible();
  await expect(page.getByRole('button', { name: '保存版本…' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '恢复…' })).toHaveCount(0);
  await versionItem(page, '工作坊开始前').getByRole('button', { name: '与当前比较' }).click();
  await expect(page.getByTestId('version-compare-dialog')).toContainText('入住体验');
});
