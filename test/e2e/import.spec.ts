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
