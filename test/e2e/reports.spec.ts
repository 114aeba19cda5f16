import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expectNoAxeViolations } from './accessibility.ts';
import { logInAsOfficer } from './login.ts';

test.describe('yearly figures', () => {
  test('open the cooperation table, follow a row to fix, and download it with numbers as numbers', async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await logInAsOfficer(page);

    // The home page shows the college's figures; a figure opens exactly the records it counts.
    const overdue = page.getByTestId('figure-overdue');
    await expect(overdue).toBeVisible();
    await expect(page.getByTestId('dashboard-matrix')).toContainText('科思创');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: '.tmp/screenshots/admin-dashboard-zh-1440.png', fullPage: true });
    const figure = Number(
      (await overdue.locator('.ant-statistic-content-value').textContent())?.replace(/\D/g, ''),
    );
    expect(figure).toBeGreaterThan(0);
    const listed = page.waitForResponse(
      (r) => r.url().includes('/api/commitments?') && r.url().includes('status=overdue'),
    );
    await overdue.getByRole('link').click();
    await expect(page).toHaveURL(/\/admin\/commitments\?view=list&status=overdue/);
    expect((await (await listed).json()).total).toBe(figure);

    // From the menu to the year's figures, then the national platform's table for 2025.
    await page.getByRole('link', { name: '年度数据' }).first().click();
    await expect(page).toHaveURL(/\/admin\/reports/);
    await page.goto('/admin/reports?year=2025');
    await expect(page.getByTestId('indicator-table')).toContainText('订单班学生数');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: '产学合作表' }).click();
    await expect(page).toHaveURL(/\/admin\/reports\/cooperation-table\?year=2025/);
    const table = page.getByTestId('cooperation-table');
    await expect(table).toContainText('91310116MA1J8CQ20X');
    await expect(table).toContainText('应用化工技术');
    await expect(page.getByTestId('cooperation-problems')).toContainText('未关联专业');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: '.tmp/screenshots/admin-cooperation-table-zh-1440.png', fullPage: true });

    // The download opens with numbers as numbers.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe('cooperation-table-2025.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    const sheet = workbook.worksheets[0]!;
    const values = sheet.getSheetValues().slice(6) as unknown[][];
    const chemtech = values.find((row) => row?.[1] === '470201')!;
    expect(chemtech[6]).toBe(35);

    // A row to fix leads to the program where its figure was recorded.
    await page.getByTestId('cooperation-problems').getByRole('link').first().click();
    await expect(page).toHaveURL(/\/admin\/programs\/[0-9a-f-]{36}$/);
    await expect(page.getByText('消防救援技术专业共建').first()).toBeVisible();

    // The same in English, with the definitions one click away.
    await page.getByTestId('lang-switch').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.goto('/admin/reports/cooperation-table?year=2025');
    await expect(page.getByTestId('cooperation-problems')).toContainText('No major');
    await page.getByRole('link', { name: 'Definitions' }).click();
    await expect(page.getByTestId('definitions-table')).toContainText('Order-class students');
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: '.tmp/screenshots/admin-definitions-en-390.png', fullPage: true });
    // Leave the shared demo account in Chinese for the other journeys.
    await page.getByTestId('lang-switch').click();
  });

  test("check teachers' practice, a partner funnel and the quality report, in both languages", async ({
    page,
  }) => {
    test.setTimeout(150_000);
    await logInAsOfficer(page);

    // The practice ledger: who is short of six months in five years, and by how much.
    await page.goto('/admin/reports/teacher-practice?year=2025');
    const practice = page.getByTestId('practice-table');
    await expect(practice).toContainText('周明远');
    await expect(practice).toContainText('已达标');
    await expect(practice).not.toContainText('高炬');
    await page.getByTestId('practice-short-only').click();
    await expect(practice).not.toContainText('周明远');
    await expect(practice).toContainText('徐佳慧');
    await expectNoAxeViolations(page);
    await page.getByRole('link', { name: '徐佳慧' }).click();
    await expect(page).toHaveURL(/\/admin\/people\/[0-9a-f-]{36}$/);
    await expect(page.getByText('徐佳慧').first()).toBeVisible();

    // The order class → internship → hire funnel per partner, with the year before.
    await page.goto('/admin/reports/ledgers?year=2025');
    const ledger = page.getByTestId('ledger-table');
    await expect(ledger).toContainText('科思创');
    await expect(page.getByTestId('ledger-total')).toContainText('2024');
    await page.getByText('培训与技术服务').click();
    await expect(page).toHaveURL(/kind=training/);
    await expect(ledger).toContainText('消防');
    await expectNoAxeViolations(page);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe('training-2025.xlsx');

    // The quality report's three tables, in English.
    await page.getByTestId('lang-switch').click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('link', { name: 'Quality report' }).click();
    await expect(page.getByTestId('quality-resources')).toContainText('Off-campus training bases');
    await expect(page.getByTestId('quality-policy')).toContainText('Teachers meeting the practice rule');
    await expectNoAxeViolations(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: '.tmp/screenshots/admin-quality-report-en-390.png', fullPage: true });
    await page.getByTestId('lang-switch').click();
  });
});
