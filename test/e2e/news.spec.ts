import { type Browser, expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility.ts';

const password = 'concord-demo-2026';
const editorAccount = 'editor@demo.concord.test';
const reviewerAccount = 'reviewer@demo.concord.test';

/** A browser of its own for one account, logged in, the admin in Chinese. */
async function logIn(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.goto('/admin/');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('college-name')).toBeVisible();
  // Journeys share one demo college: start in Chinese whatever language the account was left in.
  await setLanguage(page, 'zh-CN');
  return page;
}

async function setLanguage(page: Page, lang: 'zh-CN' | 'en') {
  const showsChinese = (await page.getByTestId('lang-switch').textContent())?.includes('English');
  if ((lang === 'zh-CN') !== showsChinese) await page.getByTestId('lang-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
}

/** Runs a workflow action that asks for confirmation (publish, unpublish, unschedule). */
async function confirmAction(page: Page, action: 'publish' | 'unpublish' | 'unschedule') {
  await page.getByTestId(`workflow-${action}`).click();
  await page.locator(`#workflow-${action}-confirm`).click();
}

test('write, review, schedule and publish an article in Chinese and English', async ({ browser }) => {
  // Two people, two languages, the public site and four axe runs: well over the default minute.
  test.setTimeout(300_000);
  const stamp = Date.now().toString(36);
  const titleZh = `氢能实训基地揭牌仪式 ${stamp}`;
  const titleEn = `Hydrogen training base opens ${stamp}`;

  // ---------------------------------------------------------------- the editor writes in Chinese
  const editor = await logIn(browser, editorAccount);
  await editor.getByRole('link', { name: '新闻' }).click();
  await expect(editor.getByRole('heading', { level: 1, name: '新闻' })).toBeVisible();
  await expectNoAxeViolations(editor);

  await editor.getByTestId('articles-create').click();
  await editor.getByTestId('article-create-title').fill(titleZh);
  await editor.locator('#article-create-submit').click();
  await expect(editor.getByTestId('article-heading')).toHaveText(titleZh);
  const articleUrl = editor.url();

  await editor.getByTestId('article-summary').fill('学院与合作企业共建的氢能实训基地正式揭牌。');
  const body = editor.getByTestId('article-body');
  await body.click();
  await editor.keyboard.type('11月18日，学院与合作企业共建的氢能实训基地正式揭牌。');
  await editor.keyboard.press('Enter');
  await editor.getByTestId('tool-h2').click();
  await editor.keyboard.type('合作内容');
  await editor.keyboard.press('Enter');
  await editor.getByTestId('tool-bullet-list').click();
  await editor.keyboard.type('共建实训基地');
  await editor.keyboard.press('Enter');
  await editor.keyboard.type('联合培养学生');
  await editor.keyboard.press('Enter');
  await editor.keyboard.press('Enter');
  // Keyboard shortcuts work as well as the toolbar.
  await editor.keyboard.press('Control+b');
  await editor.keyboard.type('双方将继续深化合作。');
  await editor.keyboard.press('Control+b');
  await editor.keyboard.press('Enter');

  // An image from the media library, with a caption.
  await editor.getByTestId('tool-image').click();
  await editor.getByTestId('media-card').first().click();
  await editor.getByTestId('media-picker-use').click();
  await expect(body.locator('figure img')).toHaveCount(1);
  await body.getByTestId('figure-caption').fill('揭牌仪式现场');

  await expect(editor.getByTestId('article-unsaved')).toBeVisible();
  await editor.getByTestId('article-save').click();
  await expect(editor.getByTestId('article-unsaved')).toBeHidden();

  // Reopened, the text is exactly what was written.
  await editor.reload();
  await expect(body.locator('h2')).toHaveText('合作内容');
  await expect(body.locator('ul li')).toHaveCount(2);
  await expect(body.locator('strong')).toHaveText('双方将继续深化合作。');
  await expect(body.locator('figure img')).toHaveAttribute('src', /^\/media\/[0-9a-f-]{36}\/\d+\.webp$/);
  await expect(body.getByTestId('figure-caption')).toHaveValue('揭牌仪式现场');
  await expectNoAxeViolations(editor);

  // The same screens pass axe in English.
  await setLanguage(editor, 'en');
  await expect(editor.getByTestId('workflow-panel')).toContainText('Send for review');
  await expectNoAxeViolations(editor);
  await editor.goto('/admin/articles');
  await expect(editor.getByTestId('article-link').first()).toBeVisible();
  await expectNoAxeViolations(editor);
  await setLanguage(editor, 'zh-CN');

  // A second save leaves a revision whose differences the drawer shows.
  await editor.goto(articleUrl);
  await editor.getByTestId('article-summary').fill('学院与合作企业共建的氢能实训基地于11月18日正式揭牌。');
  await editor.getByTestId('article-save').click();
  await expect(editor.getByTestId('article-unsaved')).toBeHidden();
  await editor.getByTestId('article-revisions').click();
  await editor.getByTestId('revision-show').last().click();
  await expect(editor.getByTestId('revision-diff').locator('ins').first()).toBeVisible();
  await editor.keyboard.press('Escape');

  await editor.getByTestId('workflow-submit').click();
  await expect(editor.getByTestId('article-status')).toHaveText('待审核');

  // ---------------------------------------------------------------- the reviewer approves, schedules, publishes
  const reviewer = await logIn(browser, reviewerAccount);
  await reviewer.goto('/admin/articles?status=in_review');
  await reviewer.getByTestId('article-link').filter({ hasText: titleZh }).click();
  await expect(reviewer.getByTestId('article-heading')).toHaveText(titleZh);
  // A reviewer reads the text but does not edit it.
  await expect(reviewer.getByTestId('article-save')).toHaveCount(0);
  await expect(reviewer.getByTestId('article-body')).toHaveAttribute('contenteditable', 'false');

  await reviewer.getByTestId('workflow-approve').click();
  await reviewer.getByTestId('workflow-comment').fill('内容准确，同意发布。');
  await reviewer.locator('#workflow-comment-submit').click();
  await expect(reviewer.getByTestId('article-status')).toHaveText('已审核');
  await expect(reviewer.getByTestId('article-comments')).toContainText('内容准确，同意发布。');

  // Scheduled a few minutes ahead, it says when it goes out; then it is published at once instead.
  await reviewer.getByTestId('workflow-schedule').click();
  const at = new Date(Date.now() + 5 * 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  const typed = `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}`;
  await reviewer.getByTestId('workflow-publish-at').click();
  await reviewer.keyboard.type(typed);
  // Enter takes the typed time and submits the dialog.
  await reviewer.keyboard.press('Enter');
  await expect(reviewer.getByTestId('article-status')).toHaveText('已定时');
  await expect(reviewer.getByTestId('article-goes-out')).toHaveText(`将于 ${typed} 发布`);

  await confirmAction(reviewer, 'publish');
  await expect(reviewer.getByTestId('article-status')).toHaveText('已发布');
  const siteLink = reviewer.getByTestId('article-site-link');
  await expect(siteLink).toHaveAttribute('href', /^\/zh\/news\/[a-z0-9-]+$/);
  const zhPath = (await siteLink.getAttribute('href')) ?? '';

  // ---------------------------------------------------------------- the English translation
  await editor.goto(articleUrl);
  await editor.getByTestId('translation-create').click();
  await editor.getByTestId('translation-title').fill(titleEn);
  // The dialog's fields have ids of their own: its labels do not point into the article behind it.
  await expectNoAxeViolations(editor);
  await editor.locator('#translation-create-submit').click();
  await expect(editor.getByTestId('article-heading')).toHaveText(titleEn);
  const englishUrl = editor.url();
  await expect(editor.getByTestId('translation-link')).toHaveText('中文版');
  await editor
    .getByTestId('article-summary')
    .fill('The hydrogen energy training base built with our partner opened.');
  await editor.getByTestId('article-body').click();
  await editor.keyboard.type(
    'On 18 November the college and its partner opened a hydrogen energy training base.',
  );
  await editor.getByTestId('article-save').click();
  await expect(editor.getByTestId('article-unsaved')).toBeHidden();
  await editor.getByTestId('workflow-submit').click();
  await expect(editor.getByTestId('article-status')).toHaveText('待审核');

  await reviewer.goto(englishUrl);
  await reviewer.getByTestId('workflow-approve').click();
  await reviewer.locator('#workflow-comment-submit').click();
  await expect(reviewer.getByTestId('article-status')).toHaveText('已审核');
  await confirmAction(reviewer, 'publish');
  await expect(reviewer.getByTestId('article-status')).toHaveText('已发布');
  const enPath = (await reviewer.getByTestId('article-site-link').getAttribute('href')) ?? '';
  expect(enPath).toMatch(/^\/en\/news\/[a-z0-9-]+$/);

  // Both languages show side by side in the list.
  await editor.goto(`/admin/articles?q=${encodeURIComponent(stamp)}`);
  const row = editor.locator('tr').filter({ hasText: titleZh });
  await expect(row.getByTestId('article-status-zh-CN')).toHaveText('中文 · 已发布');
  await expect(row.getByTestId('article-status-en')).toHaveText('EN · 已发布');

  // ---------------------------------------------------------------- the public site
  const site = reviewer;
  await site.goto('/zh/news/');
  await expect(site.getByRole('link', { name: titleZh })).toBeVisible();
  await site.getByRole('link', { name: titleZh }).click();
  await expect(site).toHaveURL(new RegExp(`${zhPath}$`));
  await expect(site.getByRole('heading', { level: 1 })).toHaveText(titleZh);
  await expect(site.locator('figure figcaption')).toHaveText('揭牌仪式现场');

  await site.goto(enPath);
  await expect(site.getByRole('heading', { level: 1 })).toHaveText(titleEn);

  await site.goto(`/zh/search?q=${encodeURIComponent('氢能实训基地')}`);
  await expect(site.getByRole('link', { name: titleZh })).toBeVisible();
});
