import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility.ts';

const platform = { email: 'platform@demo.concord.test', password: 'concord-demo-2026' };

test('the platform administrator adds a college, gives it a second host name and suspends it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/admin/');
  await page.getByTestId('login-email').fill(platform.email);
  await page.getByTestId('login-password').fill(platform.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('college-name')).toBeVisible();
  if (!(await page.getByTestId('lang-switch').textContent())?.includes('English'))
    await page.getByTestId('lang-switch').click();

  await page.getByRole('link', { name: '学校管理' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '学校管理' })).toBeVisible();
  await expect(page.getByTestId('colleges-table')).toContainText('demo.concord.test');
  await expectNoAxeViolations(page);

  // A host name another college answers is refused on its field, in Chinese; then a free one.
  await page.getByTestId('colleges-create').click();
  const drawer = page.locator('.ant-drawer-open');
  await drawer.getByLabel('中文名称').fill('南通航运职业技术学院');
  await drawer.getByLabel('英文名称').fill('Nantong Shipping College');
  await drawer.getByLabel('简称').fill('ntsc');
  await drawer.getByLabel('域名').fill('demo.concord.test');
  await drawer.getByLabel('姓名').fill('王海');
  await drawer.getByLabel('邮箱').fill('admin@ntsc.edu.cn');
  await drawer.getByLabel('初始密码').fill('harbour-crane-4821');
  await page.getByTestId('college-save').click();
  await expect(drawer).toContainText('已有其他站点使用该域名。');
  await drawer.getByLabel('域名').fill('news.ntsc.edu.cn');
  await page.getByTestId('college-save').click();
  await expect(page.locator('.ant-message')).toContainText('已新增南通航运职业技术学院');
  const row = page.getByTestId('colleges-table').locator('tr', { hasText: 'ntsc' });
  await expect(row).toContainText('news.ntsc.edu.cn');

  // A second host name, then the first removed with a confirmation.
  await row.getByRole('button', { name: '添加域名' }).click();
  await page.locator('.ant-modal').getByLabel('域名').fill('www.ntsc.edu.cn');
  await page.locator('.ant-modal').getByRole('button', { name: '保 存' }).click();
  await expect(row).toContainText('www.ntsc.edu.cn');
  await row.getByRole('button', { name: '移除 news.ntsc.edu.cn' }).click();
  await page.locator('.ant-popconfirm .ant-btn-primary').click();
  await expect(row).not.toContainText('news.ntsc.edu.cn');

  // Suspended with a confirmation; its own college offers no suspension at all.
  await row.getByRole('button', { name: '停 用' }).click();
  await page.locator('.ant-popconfirm .ant-btn-primary').click();
  await expect(row).toContainText('已停用');
  const own = page.getByTestId('colleges-table').locator('tr', { hasText: '本校' });
  await expect(own.getByRole('button', { name: '停 用' })).toHaveCount(0);
  await page.screenshot({ path: '.tmp/screenshots/colleges-zh-1440.png', fullPage: true });
});
