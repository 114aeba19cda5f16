import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility.ts';

const admin = { email: 'admin@demo.concord.test', password: 'concord-demo-2026' };

async function addPartner(page: Page, partner: { nameZh: string; nameEn: string; uscc?: string }) {
  await page.goto('/admin/partners');
  await page.getByTestId('partners-create').click();
  await page.getByTestId('partner-form-name-zh').fill(partner.nameZh);
  await page.getByTestId('partner-form-name-en').fill(partner.nameEn);
  if (partner.uscc) await page.getByTestId('partner-form-uscc').fill(partner.uscc);
  await page.getByTestId('partner-form-submit').click();
  // A new partner opens on its own page.
  await expect(page.getByTestId('partner-name')).toHaveText(partner.nameZh);
  return page.url();
}

test.describe('partner registry', () => {
  test('add a partner, find its duplicate and merge it in', async ({ page }) => {
    // Two partners, a search, a merge and two axe runs: more than the default minute on a busy machine.
    test.setTimeout(150_000);
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/admin/');
    await page.getByTestId('login-email').fill(admin.email);
    await page.getByTestId('login-password').fill(admin.password);
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('college-name')).toBeVisible();
    // Journeys share one demo college: start in Chinese whatever language the account was left in.
    if (!(await page.getByTestId('lang-switch').textContent())?.includes('English')) {
      await page.getByTestId('lang-switch').click();
    }
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

    // The duplicate is entered first, as a colleague might have done, under a slightly different name.
    await addPartner(page, { nameZh: '江南精细化工公司', nameEn: 'Jiangnan Fine Chemicals' });
    const target = await addPartner(page, {
      nameZh: '江南精细化工股份有限公司',
      nameEn: 'Jiangnan Fine Chemical Co., Ltd.',
      uscc: '91320500MA1N000035',
    });

    // The registry finds it by name or by credit code.
    await page.goto('/admin/partners');
    await expect(page.getByTestId('partner-link').first()).toBeVisible();
    await page.getByTestId('partners-search').locator('input').fill('91320500MA1N000035');
    await page.getByTestId('partners-search').locator('input').press('Enter');
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(page.getByTestId('partners-table')).toContainText('江南精细化工股份有限公司');
    await page.getByTestId('partner-link').filter({ hasText: '江南精细化工股份有限公司' }).click();
    await expect(page).toHaveURL(target);

    await expect(page.getByTestId('partner-duplicates')).toContainText('江南精细化工公司');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: '.tmp/screenshots/admin-partner-zh-1440.png', fullPage: true });

    await page
      .getByTestId('duplicate-item')
      .filter({ hasText: '江南精细化工公司' })
      .getByTestId('merge-into-this')
      .click();
    // The dialog explains that every reference moves before anything happens.
    await expect(page.getByRole('dialog')).toContainText('都将转移到');
    // antd spaces out two-character Chinese button labels.
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^合\s?并$/ })
      .click();
    await expect(page).toHaveURL(target);
    await expect(page.getByTestId('partner-duplicates')).not.toContainText('江南精细化工公司');

    // The merged partner has left the registry.
    await page.goto('/admin/partners');
    await expect(page.getByTestId('partner-link').first()).toBeVisible();
    await page.getByTestId('partners-search').locator('input').fill('江南精细化工');
    await page.getByTestId('partners-search').locator('input').press('Enter');
    await expect(page).toHaveURL(/[?&]q=/);
    await expect(page.getByTestId('partners-table')).toContainText('江南精细化工股份有限公司');
    await expect(page.getByTestId('partner-link')).toHaveCount(1);

    // The partner page passes axe in English too.
    await page.goto(target);
    await page.getByTestId('lang-switch').click();
    await expect(page.getByRole('heading', { name: 'Possible duplicates' })).toBeVisible();
    await expect(page.getByTestId('partner-name')).toHaveText('Jiangnan Fine Chemical Co., Ltd.');
    await expectNoAxeViolations(page);
    await page.screenshot({ path: '.tmp/screenshots/admin-partner-en-1440.png', fullPage: true });
  });
});
