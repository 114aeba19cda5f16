import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility.ts';

const admin = { email: 'admin@demo.concord.test', password: 'concord-demo-2026' };

/** Picks the first option a record picker offers for a search. */
async function pick(page: Page, testId: string, search: string) {
  const picker = page.getByTestId(testId).last();
  await picker.click();
  await page.keyboard.type(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
}

test('record a visit with participants and outcomes, make a commitment, complete it on the board', async ({
  page,
}) => {
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

  await page.goto('/admin/engagements/new');
  await page.getByTestId('engagement-form-title-zh').fill('上海市消防救援总队来校调研');
  await page.getByTestId('engagement-form-title-en').fill('Shanghai Fire Rescue Corps visits the college');
  await page.getByTestId('engagement-form-location').fill('行政楼会议室');

  await page.getByTestId('engagement-form-add-org').click();
  await pick(page, 'engagement-form-org', '');

  // A new person on their side, created without leaving the form; their title is pre-filled.
  await page.getByTestId('engagement-form-add-participant').click();
  await page.getByTestId('participant-new-person').last().click();
  await page.getByTestId('new-person-name-zh').fill('陆继军');
  await page.getByTestId('new-person-name-en').fill('Lu Jijun');
  await page.getByRole('button', { name: /添加人员|Add the person/ }).click();
  // The person is saved and put on the row once the dialog closes.
  await expect(page.locator('#new-person-submit')).toBeHidden();
  await page.getByTestId('participant-title-zh').last().fill('政治部副主任');
  await page.getByTestId('participant-role').last().click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '带队' }).click();

  await page.getByTestId('engagement-form-add-outcome').click();
  await page.getByTestId('outcome-text').last().fill('联合申报消防救援技术专业');
  await page.getByTestId('engagement-form-add-outcome').click();
  await page.getByTestId('outcome-text').last().fill('共同开发教材');
  await page.getByTestId('engagement-form-submit').click();

  await expect(page.getByTestId('engagement-title')).toHaveText('上海市消防救援总队来校调研');
  await expect(page.getByTestId('engagement-summary')).toContainText('陆继军');
  await expect(page.getByTestId('engagement-summary')).toContainText('政治部副主任');
  await expect(page.getByTestId('engagement-outcome')).toHaveCount(2);
  await expectNoAxeViolations(page);

  // Turn the first outcome into a commitment.
  await page.getByTestId('outcome-make-commitment').first().click();
  await page.getByTestId('commitment-expected-evidence').fill('向教育局提交的专业申报材料');
  await page.getByTestId('commitment-due').click();
  await page.keyboard.type('2030-06-30');
  await page.keyboard.press('Enter');
  await page.locator('#commitment-modal-submit').click();
  await expect(page.getByRole('link', { name: /待办事项|Commitment/ }).first()).toBeVisible();

  // Draft an agreement from the second outcome: the new agreement opens (not "page not found"),
  // and the outcome links to it instead of offering to draft another.
  const engagementUrl = page.url();
  await page.getByTestId('outcome-draft-agreement').last().click();
  await expect(page).toHaveURL(/\/admin\/agreements\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('agreement-status')).toBeVisible();
  await expect(page.getByTestId('agreement-title')).not.toBeEmpty();
  const agreementUrl = page.url();
  await page.goto(engagementUrl);
  await expect(page.getByTestId('engagement-outcome')).toHaveCount(2);
  await expect(page.getByTestId('outcome-draft-agreement')).toHaveCount(1);
  await page
    .getByTestId('engagement-outcome')
    .last()
    .getByRole('link', { name: '协议', exact: true })
    .click();
  await expect(page).toHaveURL(agreementUrl);
  await page.goto(engagementUrl);

  // The engagement page passes axe in English too.
  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('engagement-outcomes')).toContainText('Consensus');
  await expectNoAxeViolations(page);

  // Draft news from the engagement in one step; the editor opens on a draft that tells of the visit.
  const news = page.getByTestId('engagement-news');
  await expect(news).toContainText('No news about this engagement yet');
  await page.getByRole('button', { name: 'Draft news' }).click();
  await expect(page.getByTestId('from-engagement-fixed')).toContainText(
    'Shanghai Fire Rescue Corps visits the college',
  );
  await page.locator('#article-from-engagement-submit').click();
  await expect(page).toHaveURL(/\/admin\/articles\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('article-heading')).toHaveText(
    'Shanghai Fire Rescue Corps visits the college',
  );
  await expect(page.getByTestId('article-body')).toContainText('Lu Jijun');
  // Back on the engagement, the draft is listed as news about it.
  await page.goBack();
  await expect(page.getByTestId('engagement-title')).toHaveText(
    'Shanghai Fire Rescue Corps visits the college',
  );
  await expect(news.getByTestId('engagement-news-link')).toHaveText([
    'Shanghai Fire Rescue Corps visits the college',
  ]);
  await expect(news).toContainText('Draft');
  await expectNoAxeViolations(page);

  // Complete it on the board.
  await page.goto('/admin/commitments');
  const card = page.getByTestId('board-card').filter({ hasText: '联合申报消防救援技术专业' });
  await card.getByTestId('commitment-complete').click();
  await page.getByTestId('commitment-evidence').fill('Application filed with the education bureau.');
  await page.locator('#commitment-complete-submit').click();
  await expect(
    page
      .getByTestId('board-column-done')
      .getByTestId('board-card')
      .filter({ hasText: '联合申报消防救援技术专业' }),
  ).toBeVisible();

  // The calendar opens on this month with today marked, not the first of the month.
  await page.goto('/admin/calendar');
  const today = new Date();
  const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  await expect(page.getByTestId('calendar-month').locator('.ant-picker-cell-selected')).toHaveAttribute(
    'title',
    iso,
  );
});
