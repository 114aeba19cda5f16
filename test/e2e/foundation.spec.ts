import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility.ts';

const admin = { email: 'admin@demo.concord.test', password: 'concord-demo-2026' };

test.describe('public site', () => {
  for (const [lang, heading] of [
    ['zh', '与行业、政府和学校携手育人'],
    ['en', 'Working together with industry, government and schools'],
  ] as const) {
    test(`home page in ${lang} passes axe at phone and desktop widths`, async ({ page }) => {
      for (const width of [360, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`/${lang}/`);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
        await expectNoAxeViolations(page);
        await page.screenshot({ path: `.tmp/screenshots/home-${lang}-${width}.png`, fullPage: true });
      }
    });
  }

  test('language switch leads to the other language and the 404 page is accessible', async ({ page }) => {
    await page.goto('/zh/');
    await page.locator('a.lang-switch').click();
    await expect(page).toHaveURL(/\/en\/$/);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    const res = await page.goto('/en/no-such-page');
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expectNoAxeViolations(page);
  });
});

test.describe('admin', () => {
  test('log in, switch language, create a user, log out', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/admin/');
    await page.getByTestId('login-email').fill(admin.email);
    await page.getByTestId('login-password').fill(admin.password);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('college-name')).toBeVisible();
    await expect(page.getByTestId('user-menu')).toContainText('周立新');

    // Switch the admin's language both ways and end in English (other journeys may have left this
    // account's saved language at either).
    const langSwitch = page.getByTestId('lang-switch');
    if ((await langSwitch.textContent())?.includes('English')) {
      await langSwitch.click();
    } else {
      await langSwitch.click();
      await expect(page.getByRole('menuitem', { name: '用户管理' })).toBeVisible();
      await page.getByTestId('lang-switch').click();
    }
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('menuitem', { name: 'Users' })).toBeVisible();
    await page.getByRole('menuitem', { name: 'Users' }).click();
    await expect(page.getByTestId('users-table')).toContainText('admin@demo.concord.test');

    await page.getByTestId('users-create').click();
    await page.getByTestId('user-form-email').fill('new.editor@demo.concord.test');
    await page.getByTestId('user-form-name').fill('Xu Qing');
    await page.getByTestId('user-form-roles').click();
    await page.locator('.ant-select-item-option', { hasText: 'Editor' }).first().click();
    await page.keyboard.press('Escape');
    await page.getByTestId('user-form-password').fill('first-pass-2026');
    await page.getByTestId('user-form-submit').click();
    await expect(page.getByTestId('users-table')).toContainText('new.editor@demo.concord.test');
    await page.screenshot({ path: '.tmp/screenshots/admin-users-en-1440.png', fullPage: true });

    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await expect(page.getByTestId('login-submit')).toBeVisible();

    // The new account works.
    await page.getByTestId('login-email').fill('new.editor@demo.concord.test');
    await page.getByTestId('login-password').fill('first-pass-2026');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('user-menu')).toContainText('Xu Qing');
  });
});
