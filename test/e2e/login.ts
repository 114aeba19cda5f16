import { expect, type Page } from '@playwright/test';

/** The demo's cooperation officer. */
export const officer = { email: 'officer@demo.concord.test', password: 'concord-demo-2026' };

/** Logs in to the admin as the demo officer, at a wide screen, with the admin in Chinese. */
export async function logInAsOfficer(page: Page): Promise<void> {
  await logInAs(page, officer.email);
}

/** Logs in to the admin as a demo user, at a wide screen, with the admin in Chinese. */
export async function logInAs(page: Page, email: string): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/admin/');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(officer.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('college-name')).toBeVisible();
  if (!(await page.getByTestId('lang-switch').textContent())?.includes('English')) {
    await page.getByTestId('lang-switch').click();
  }
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
}
