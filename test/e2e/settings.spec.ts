import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility.ts';
import { logInAs } from './login.ts';

test('the college administrator sets the footer, filing number, logo and icon, adds a channel, and sees them on the public site', async ({
  page,
}) => {
  await logInAs(page, 'admin@demo.concord.test');

  await page.getByRole('link', { name: '系统设置' }).click();
  await expect(page.getByRole('heading', { level: 1, name: '系统设置' })).toBeVisible();
  await expect(page.getByTestId('settings-name-zh')).toHaveValue('上海现代化工职业学院');
  await expectNoAxeViolations(page);

  // A wrong e-mail is refused on its field before anything is sent; then the settings save.
  await page.getByTestId('settings-email').fill('office at college');
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('请输入有效的邮箱地址。')).toBeVisible();
  await page.getByTestId('settings-email').fill('office@college.example.cn');
  await page
    .getByTestId('settings-footer-en')
    .fill('Industry–education news of the college\nRun by the college office');
  await page.getByTestId('settings-icp').fill('沪ICP备00000000号-1');
  await page.getByTestId('settings-save').click();
  await expect(page.locator('.ant-message')).toContainText('设置已保存');

  // The logo and the icon come from the media library.
  await page.getByTestId('settings-logo-choose').click();
  await page.getByTestId('media-card').first().click();
  await page.getByTestId('media-picker-use').click();
  await expect(page.getByTestId('settings-logo').locator('img')).toBeVisible();
  await page.getByTestId('settings-icon-choose').click();
  await page.getByTestId('media-card').nth(1).click();
  await page.getByTestId('media-picker-use').click();
  await expect(page.getByTestId('settings-icon').locator('img')).toBeVisible();

  // A new channel, its address checked before it is sent.
  await page.getByTestId('channel-add').click();
  const dialog = page.locator('.ant-modal');
  await page.getByTestId('channel-name-zh').fill('校企活动');
  await page.getByTestId('channel-name-en').fill('Events');
  await page.getByTestId('channel-slug').fill('Events!');
  await dialog.getByRole('button', { name: '保 存' }).click();
  await expect(dialog).toContainText('小写字母');
  await page.getByTestId('channel-slug').fill('events');
  await dialog.getByRole('button', { name: '保 存' }).click();
  await expect(page.getByTestId('channels-table')).toContainText('/zh/events/');
  // The dialog fades out; the page is checked once it has gone.
  await expect(page.locator('.ant-modal-wrap')).toBeHidden();
  await expectNoAxeViolations(page);
  await page.screenshot({ path: '.tmp/screenshots/settings-zh-1440.png', fullPage: true });

  // The public site shows it all, in English.
  await page.goto('/en/');
  await expect(page.locator('.brand-logo')).toBeVisible();
  await expect(page.locator('.site-footer')).toContainText('Run by the college office');
  await expect(page.locator('.site-footer')).toContainText('office@college.example.cn');
  await expect(page.locator('.site-footer a', { hasText: '沪ICP备00000000号-1' })).toHaveAttribute(
    'href',
    'https://beian.miit.gov.cn/',
  );
  await expect(page.locator('.site-nav')).toContainText('Events');
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute('href', '/apple-touch-icon.png');
  const icon = await page.request.get('/favicon.ico');
  expect(icon.headers()['content-type']).toBe('image/x-icon');
  await expectNoAxeViolations(page);
});
