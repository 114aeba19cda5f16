import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility.ts';
import { logInAsOfficer } from './login.ts';

test('edit a program and an agreement in their drawers; a save over someone else’s change offers to reload', async ({
  page,
  context,
}) => {
  await logInAsOfficer(page);

  // A program's English title, changed in its drawer.
  await page.goto('/admin/programs');
  await page.getByTestId('program-link').first().click();
  await expect(page.getByTestId('program-title')).toBeVisible();
  const programUrl = page.url();
  await page.getByTestId('program-edit').click();
  const drawer = page.locator('.ant-drawer-open');
  await drawer.getByLabel('标题（英文）').fill('Teachers’ practice at the partner, 2026');
  await page.getByTestId('program-form-submit').click();
  await expect(page.locator('.ant-message')).toContainText('项目已保存。');

  // Someone else saves the same program in another tab while this one still holds the old version.
  await page.getByTestId('program-edit').click();
  await expect(drawer.getByLabel('标题（英文）')).toHaveValue('Teachers’ practice at the partner, 2026');
  const other = await context.newPage();
  await other.goto(programUrl);
  await other.getByTestId('program-edit').click();
  await other.locator('.ant-drawer-open').getByLabel('标题（英文）').fill('Changed in another tab');
  await other.getByTestId('program-form-submit').click();
  await expect(other.locator('.ant-message')).toContainText('项目已保存。');
  await other.close();

  await drawer.getByLabel('标题（英文）').fill('A change made on a stale version');
  await page.getByTestId('program-form-submit').click();
  await expect(drawer.getByRole('alert').filter({ hasText: '这条记录已被他人修改' })).toBeVisible();
  await drawer.getByRole('button', { name: '重新加载记录' }).click();
  await expect(drawer.getByRole('alert').filter({ hasText: '已加载最新内容' })).toBeVisible();
  await expect(drawer.getByLabel('标题（英文）')).toHaveValue('Changed in another tab');
  await expectNoAxeViolations(page);
  await drawer.getByRole('button', { name: '取 消' }).click();

  // An agreement's notes, changed in its drawer.
  await page.goto('/admin/agreements');
  await page.getByTestId('agreements-table').locator('a[href^="/admin/agreements/"]').first().click();
  await expect(page.getByTestId('agreement-title')).toBeVisible();
  await page.getByRole('button', { name: '编 辑' }).click();
  await expect(drawer).toBeVisible();
  await page.getByTestId('agreement-form-submit').click();
  await expect(page.locator('.ant-message')).toContainText('协议已保存。');
});

test('add a person in the drawer: a wrong e-mail is explained on its field, the saved person opens', async ({
  page,
}) => {
  await logInAsOfficer(page);
  await page.goto('/admin/people');
  await page.getByTestId('people-create').click();
  const drawer = page.locator('.ant-drawer-open');
  await page.getByTestId('person-form-name-zh').fill('周敏华');
  await drawer.getByLabel('英文姓名').fill('Zhou Minhua');
  await drawer.getByLabel('邮箱').fill('zhou at college');
  await page.getByTestId('person-form-submit').click();
  await expect(drawer.getByText('请输入有效的邮箱地址。')).toBeVisible();
  await expectNoAxeViolations(page);
  await drawer.getByLabel('邮箱').fill('zhou.minhua@college.example.cn');
  await page.getByTestId('person-form-submit').click();
  await expect(page.getByTestId('person-name')).toHaveText('周敏华');
  await expect(page).toHaveURL(/\/admin\/people\/[0-9a-f-]{36}$/);
});
