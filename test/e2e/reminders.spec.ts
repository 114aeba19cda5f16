import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility.ts';
import { logInAs, logInAsOfficer } from './login.ts';

test('a reminder link opens its commitment, the officer takes a weekly digest, the administrator sees whether mail is set up', async ({
  page,
}) => {
  await logInAsOfficer(page);
  // The link a reminder mail carries.
  const answer = await page.request.get('/api/commitments?status=overdue&pageSize=1');
  expect(answer.status()).toBe(200);
  const [overdue] = (await answer.json()).items as { id: string; text: string }[];
  expect(overdue).toBeDefined();
  await page.goto(`/admin/commitments?view=list&open=${overdue?.id}`);
  const details = page.getByTestId('commitment-details');
  await expect(details.getByText(overdue?.text ?? '', { exact: true })).toBeVisible();
  await expect(details.getByText('已逾期')).toBeVisible();
  await expectNoAxeViolations(page);
  await details.getByRole('button', { name: '关闭' }).last().click();
  await expect(page).not.toHaveURL(/open=/);

  await page.goto('/admin/account');
  await page.getByTestId('account-reminders').getByText('每周汇总（周一）').click();
  await expect(page.locator('.ant-message')).toContainText('提醒方式已保存');
  await page.reload();
  await expect(page.getByTestId('account-reminders').locator('.ant-radio-button-wrapper-checked')).toHaveText(
    '每周汇总（周一）',
  );
  // Put it back, for the other journeys.
  await page.getByTestId('account-reminders').getByText('到期即提醒').click();
  await expect(page.locator('.ant-message')).toContainText('提醒方式已保存');

  await page.context().clearCookies();
  await logInAs(page, 'admin@demo.concord.test');
  await page.goto('/admin/settings');
  await expect(page.getByTestId('reminders-card')).toContainText('尚未配置邮件服务器');
  await expect(page.getByTestId('reminders-card')).toContainText('没有发送失败的提醒');
  await expectNoAxeViolations(page);
});
