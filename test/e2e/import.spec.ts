import { writeFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { buildNewsArchive, zipArchive } from '../news-archive.ts';
import { expectNoAxeViolations } from './accessibility.ts';
import { logInAsOfficer } from './login.ts';

test('import an old site’s news archive, read the report, and follow an old address to the new article', async ({
  page,
}, info) => {
  test.setTimeout(150_000);
  const zip = info.outputPath('old-site.zip');
  writeFileSync(zip, zipArchive(await buildNewsArchive()));
  await logInAsOfficer(page);

  // Upload the archive from the menu, publishing under the original dates.
  await page.getByRole('link', { name: '导入', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('导入新闻档案');
  await expect(page.getByTestId('import-runs')).toContainText('尚无导入');
  await expectNoAxeViolations(page);
  await page.locator('input[type=file]').setInputFiles(zip);
  await page.getByTestId('import-publish').click();
  await page.getByTestId('import-start').click();
  await expect(page).toHaveURL(/\/admin\/imports\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('import-status')).toHaveText('已完成', { timeout: 60_000 });
  const report = page.getByTestId('import-report');
  await expect(report).toContainText('区消防救援支队来校交流消防专业建设');
  await expect(report).toContainText('有图片不在压缩包中');
  await expect(report).toContainText('列表页，不是文章');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: '.tmp/screenshots/admin-import-report-zh-1440.png', fullPage: true });

  // Only the refused files, then an article opened from the report.
  await page.locator('.ant-segmented-item', { hasText: /^拒绝$/ }).click();
  await expect(report).toContainText('不是 HTML 页面');
  await expect(report).not.toContainText('principals.txt');
  await page.locator('.ant-segmented-item', { hasText: /^全部$/ }).click();
  await report
    .getByRole('link', { name: 'District Fire Rescue Detachment Visits to Plan a New Major' })
    .click();
  await expect(page).toHaveURL(/\/admin\/articles\/[0-9a-f-]{36}$/);

  // The former site's address answers with the imported article, under its original date.
  await page.goto('/2024/1118/c1234a56789/page.htm');
  await expect(page).toHaveURL(/\/en\/news\/district-fire-rescue-detachment/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'District Fire Rescue Detachment Visits to Plan a New Major',
  );
  await expect(page.locator('time').first()).toHaveAttribute('datetime', /^2024-11-20/);

  // The same screens in English, on a phone.
  await page.goto('/admin/imports');
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('import-runs')).toContainText('old-site.zip');
  await page.getByTestId('import-runs').getByRole('link', { name: 'old-site.zip' }).click();
  await expect(page.getByTestId('import-status')).toHaveText('Done');
  await expect(page.getByTestId('import-report')).toContainText('an index page, not an article');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: '.tmp/screenshots/admin-import-report-en-390.png', fullPage: true });
  await page.getByTestId('lang-switch').click();
});

test('review the engagements proposed from imported news: confirm a visit in Chinese, link its partner from the English report', async ({
  page,
}, info) => {
  test.setTimeout(150_000);
  const zip = info.outputPath('old-site.zip');
  writeFileSync(zip, zipArchive(await buildNewsArchive()));
  await logInAsOfficer(page);
  // The archive is imported (again: unchanged pages are skipped, so this test stands on its own).
  await page.goto('/admin/imports');
  await page.locator('input[type=file]').setInputFiles(zip);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('import-status')).toHaveText('已完成', { timeout: 60_000 });

  // The review queue lists the visit once the articles have been read.
  await page.getByRole('link', { name: '审核活动建议', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('待确认的交流活动');
  const table = page.getByTestId('proposals-table');
  await expect(async () => {
    await page.reload();
    await expect(table).toContainText('区消防救援支队来校交流消防专业建设', { timeout: 3000 });
  }).toPass({ timeout: 45_000 });
  await expectNoAxeViolations(page);
  await table.getByRole('link', { name: '区消防救援支队来校交流消防专业建设' }).click();
  await expect(page).toHaveURL(/\/admin\/proposals\/[0-9a-f-]{36}$/);

  // Each proposed value is marked in the text; the reviewer checks, corrects and confirms.
  const text = page.getByTestId('proposal-document');
  await expect(text.locator('mark[data-field=person]').first()).toContainText('周海峰');
  await expect(text.locator('mark[data-field=delegation]')).toBeVisible();
  await expect(
    page.locator('input[data-testid=proposal-delegation], [data-testid=proposal-delegation] input'),
  ).toHaveValue('6');
  const org = page.getByTestId('proposal-org').first();
  await expect(org).toContainText('区消防救援支队');
  await org.getByRole('button', { name: '在原文中查看' }).click();
  await expect(text.locator('mark[data-field=org]').first()).toBeFocused();
  await org.getByLabel('名称（英文）').fill('District Fire Rescue Detachment');
  const zhou = page.getByTestId('proposal-person').filter({ hasText: '周海峰' });
  await expect(zhou.getByLabel('当时职务（中文）')).toHaveValue('副支队长');
  await zhou.getByLabel('当时职务（英文）').fill('Deputy Commander');
  await expect(page.getByTestId('proposal-outcome').first().locator('textarea')).toHaveValue(/达成共识/);
  await expectNoAxeViolations(page);
  await page.screenshot({ path: '.tmp/screenshots/admin-proposal-zh-1440.png', fullPage: true });
  await page.getByTestId('proposal-confirm').click();

  // The engagement is recorded with its partner, the title of that day, and the article it came from.
  await expect(page).toHaveURL(/\/admin\/engagements\/[0-9a-f-]{36}$/);
  await expect(page.locator('main')).toContainText('区消防救援支队');
  await expect(page.locator('main')).toContainText('副支队长');
  await expect(page.getByTestId('engagement-news')).toContainText('区消防救援支队来校交流消防专业建设');
  await expect(page.locator('main')).toContainText('2023-05-10');
  await page.getByRole('link', { name: '区消防救援支队', exact: true }).first().click();
  await expect(page).toHaveURL(/\/admin\/partners\/[0-9a-f-]{36}$/);
  await expect(page.locator('main')).toContainText('区消防救援支队来校交流消防专业建设');

  // In English on a phone: the English report of the next year's visit now finds the partner.
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/admin/proposals?cooperation=true');
  await page
    .getByTestId('proposals-table')
    .getByRole('link', { name: 'District Fire Rescue Detachment Visits to Plan a New Major' })
    .click();
  const english = page.getByTestId('proposal-org').first();
  await expect(english.getByRole('radio', { name: 'A partner in the registry' })).toBeChecked();
  await expect(english.locator('.ant-select').first()).toContainText('District Fire Rescue Detachment');
  // The college's party secretary, recorded from the Chinese report, is found by the pinyin of his name.
  const lin = page.getByTestId('proposal-person').filter({ hasText: 'Lin Guodong' });
  await expect(lin.getByRole('radio', { name: 'Someone already recorded' })).toBeChecked();
  await expect(lin.locator('.ant-select').first()).toContainText('林国栋');
  await expect(
    page.locator('input[data-testid=proposal-date], [data-testid=proposal-date] input'),
  ).toHaveValue('2024-11-18');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: '.tmp/screenshots/admin-proposal-en-390.png', fullPage: true });
  await page.getByTestId('proposal-confirm').click();
  await expect(page).toHaveURL(/\/admin\/engagements\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('engagement-news')).toContainText('District Fire Rescue Detachment Visits');

  // Back in the queue, the confirmed ones are out of "to review"; campus news can go in bulk.
  await page.goto('/admin/proposals?status=confirmed');
  await expect(page.getByTestId('proposals-table')).toContainText('District Fire Rescue Detachment Visits');
  await page.goto('/admin/proposals?cooperation=false&pageSize=100');
  const rows = page.getByTestId('proposals-table').locator('tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  const before = await rows.count();
  await rows.first().getByRole('checkbox').check();
  await page.getByTestId('proposals-reject-selected').click();
  await page.getByRole('button', { name: 'Reject', exact: true }).click();
  await expect(page.getByText('1 proposal rejected.')).toBeVisible();
  await expect(rows).toHaveCount(before - 1);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(rows).toHaveCount(before);
  await page.getByTestId('lang-switch').click();
});
