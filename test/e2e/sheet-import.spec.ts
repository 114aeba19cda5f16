import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { computeUsccCheck } from '../../src/features/organizations/uscc.ts';
import { expectNoAxeViolations } from './accessibility.ts';
import { logInAsOfficer } from './login.ts';

const code = (n: number) => {
  const first17 = `9132050${String(n).padStart(4, '0')}MA1MXK`;
  return `${first17}${computeUsccCheck(first17)}`;
};

/** The template filled with 200 partners, two of them wrong unless `fixed`. */
async function filledSheet(template: string, out: string, fixed: boolean) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const sheet = wb.worksheets[0]!;
  for (let i = 0; i < 200; i++) {
    const row = sheet.getRow(i + 2);
    row.getCell(1).value = `测试导入单位${String(i + 1).padStart(3, '0')}有限公司`;
    row.getCell(2).value = `Test Import Partner ${i + 1} Co., Ltd.`;
    row.getCell(3).value = i === 48 && !fixed ? '社团' : '企业';
    const good = code(i + 1);
    row.getCell(4).value =
      i === 118 && !fixed ? `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}` : good;
    row.getCell(5).value = '智能制造';
    row.getCell(6).value = '江苏苏州';
    row.getCell(9).value = `${2015 + (i % 10)}.${(i % 12) + 1}`;
    row.commit();
  }
  await wb.xlsx.writeFile(out);
}

async function upload(page: Page, file: string) {
  await page.goto('/admin/imports/partners');
  await page.locator('input[type=file]').setInputFiles(file);
  await expect(page).toHaveURL(/\/admin\/imports\/sheets\/[0-9a-f-]{36}$/);
}

test('import 200 partners from the Excel template: read the check in Chinese, fix two rows, import, and undo in English', async ({
  page,
}, info) => {
  test.setTimeout(150_000);
  await logInAsOfficer(page);
  await page.getByRole('link', { name: '从 Excel 导入', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('从 Excel 导入');
  await expectNoAxeViolations(page);

  // The Chinese template, with its header row and drop-down kinds.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('sheet-template-zh').click(),
  ]);
  const template = info.outputPath('template.xlsx');
  await download.saveAs(template);
  expect(readFileSync(template).subarray(0, 2).toString()).toBe('PK');

  // 200 rows with two mistakes: every row is checked and nothing is written.
  const wrong = info.outputPath('合作单位-有误.xlsx');
  await filledSheet(template, wrong, false);
  await upload(page, wrong);
  await expect(page.getByTestId('sheet-status')).toHaveText('已检查，未导入');
  const report = page.getByTestId('sheet-report');
  await page.locator('.ant-segmented-item', { hasText: /^拒绝 2$/ }).click();
  await expect(report).toContainText('“单位类型”列：“社团”不是合作单位类型');
  await expect(report).toContainText('的校验码不对');
  await expect(page.getByTestId('sheet-commit')).toBeDisabled();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: '.tmp/screenshots/admin-sheet-import-zh-1440.png', fullPage: true });

  // The two rows fixed and uploaded again: 200 new partners, imported in one go.
  const fixed = info.outputPath('合作单位.xlsx');
  await filledSheet(template, fixed, true);
  await upload(page, fixed);
  await expect(page.locator('.ant-segmented-item', { hasText: /^新建 200$/ })).toBeVisible();
  await page.getByTestId('sheet-commit').click();
  await page.locator('.ant-popconfirm .ant-btn-primary').click();
  await expect(page.getByTestId('sheet-status')).toHaveText('已导入', { timeout: 60_000 });
  const importUrl = page.url();

  // A new partner's history names the import.
  await page.goto('/admin/partners?q=测试导入单位007');
  await page.getByRole('link', { name: '测试导入单位007有限公司' }).click();
  await expect(page.locator('main')).toContainText('从表格 合作单位.xlsx 导入');

  // In English on a phone: the import is undone as a whole.
  await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(importUrl);
  await expect(page.getByTestId('sheet-status')).toHaveText('Imported');
  await expectNoAxeViolations(page);
  await page.screenshot({ path: '.tmp/screenshots/admin-sheet-import-en-390.png', fullPage: true });
  await page.getByTestId('sheet-undo').click();
  await page.locator('.ant-popconfirm .ant-btn-primary').click();
  await expect(page.getByTestId('sheet-status')).toHaveText('Undone', { timeout: 60_000 });
  await page.goto('/admin/partners?q=Test%20Import%20Partner');
  await expect(page.locator('main')).not.toContainText('Test Import Partner 7 Co');
  await page.getByTestId('lang-switch').click();
});

test('record teachers’ enterprise practice from a sheet: the ledger counts the days, and undo takes them back', async ({
  page,
}, info) => {
  test.setTimeout(120_000);
  await logInAsOfficer(page);
  await page.goto('/admin/imports/sheets');
  await page.getByTestId('sheet-kind').getByText('教师企业实践').click();
  await expect(page).toHaveURL(/kind=practice/);
  await expect(page.locator('main')).toContainText('每位教师每年在各企业的实践天数');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('sheet-template-zh').click(),
  ]);
  const template = info.outputPath('practice-template.xlsx');
  await download.saveAs(template);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(template);
  const sheet = wb.worksheets[0]!;
  expect(sheet.getCell(1, 1).value).toBe('教师姓名*');
  const rows = [
    // Teacher, department, enterprise, year, days, program (left to the enterprise's), what was done.
    ['孙雅琴', '化学工程学院', '科思创', 2026, 45, '', '在聚氨酯车间跟岗'],
    ['韩立新', '化学工程学院', '科思创', 2026, '20', '', ''],
    ['孙雅琴', '化学工程学院', '没有这家企业', 2026, 10, '', ''],
  ];
  rows.forEach((values, i) => {
    const row = sheet.getRow(i + 2);
    values.forEach((v, j) => {
      row.getCell(j + 1).value = v;
    });
    row.commit();
  });
  const filled = info.outputPath('教师实践.xlsx');
  await wb.xlsx.writeFile(filled);
  await page.locator('input[type=file]').setInputFiles(filled);
  await expect(page).toHaveURL(/\/admin\/imports\/sheets\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('sheet-status')).toHaveText('已检查，未导入');
  const report = page.getByTestId('sheet-report');
  await expect(report).toContainText('韩立新 尚未登记，将作为我方教师新建。');
  await page.locator('.ant-segmented-item', { hasText: /^拒绝 1$/ }).click();
  await expect(report).toContainText('单位名录中没有“没有这家企业”');
  await expectNoAxeViolations(page);
  await page.getByTestId('sheet-skip-invalid').click();
  await page.getByTestId('sheet-commit').click();
  await page.locator('.ant-popconfirm .ant-btn-primary').click();
  await expect(page.getByTestId('sheet-status')).toHaveText('已导入', { timeout: 60_000 });
  const importUrl = page.url();

  await page.goto('/admin/reports/teacher-practice?year=2026');
  const practice = page.getByTestId('practice-table');
  await expect(practice).toContainText('韩立新');
  await expect(practice).toContainText('孙雅琴');

  await page.goto(importUrl);
  await page.getByTestId('sheet-undo').click();
  await page.locator('.ant-popconfirm .ant-btn-primary').click();
  await expect(page.getByTestId('sheet-status')).toHaveText('已撤销', { timeout: 60_000 });
  await page.goto('/admin/reports/teacher-practice?year=2026');
  await expect(page.getByTestId('practice-table')).not.toContainText('韩立新');
});
