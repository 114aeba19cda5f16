import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from './accessibility.ts';

async function expectNoScripts(page: Page) {
  // The public site works without JavaScript: the only script elements are JSON-LD data.
  expect(await page.locator('script:not([type="application/ld+json"])').count()).toBe(0);
}

test.describe('public news portal', () => {
  for (const lang of ['zh', 'en'] as const) {
    test(`home, channel, article, original image and search in ${lang} pass axe at phone and desktop widths`, async ({
      page,
    }) => {
      for (const width of [360, 1440]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`/${lang}/`);
        await expect(page.locator('.article-list a').first()).toBeVisible();
        await expectNoScripts(page);
        await expectNoAxeViolations(page);
        await page.screenshot({ path: `.tmp/screenshots/portal-home-${lang}-${width}.png`, fullPage: true });

        await page.locator('.site-nav a[href$="/news/"]').click();
        await expect(page).toHaveURL(new RegExp(`/${lang}/news/$`));
        await expect(page.locator('.breadcrumb')).toBeVisible();
        await expectNoAxeViolations(page);
        await page.screenshot({ path: `.tmp/screenshots/portal-news-${lang}-${width}.png`, fullPage: true });

        // The demo's newest stories carry covers; open the first one that has one.
        await page.goto(`/${lang}/`);
        const featured = page.locator('.featured .card h3 a').first();
        const target = (await featured.count()) > 0 ? featured : page.locator('.article-list a').first();
        const title = (await target.textContent())?.trim() ?? '';
        await target.click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
        await expect(page.locator('time').first()).toBeVisible();
        await expectNoScripts(page);
        await expectNoAxeViolations(page);
        await page.screenshot({
          path: `.tmp/screenshots/portal-article-${lang}-${width}.png`,
          fullPage: true,
        });
        const jsonLd = await page.locator('script[type="application/ld+json"]').textContent();
        expect(JSON.parse(jsonLd ?? '{}')['@type']).toBe('NewsArticle');

        const original = page.locator('.cover a, .article-body a[href*="/media/"]').first();
        if ((await original.count()) > 0) {
          await original.click();
          await expect(page.locator('main img').first()).toBeVisible();
          await expectNoAxeViolations(page);
          await page.screenshot({
            path: `.tmp/screenshots/portal-original-${lang}-${width}.png`,
            fullPage: true,
          });
        }

        const query = lang === 'zh' ? '消防救援' : 'Covestro';
        await page.goto(`/${lang}/`);
        await page.locator('#site-search-q').fill(query);
        await page.locator('#site-search-q').press('Enter');
        await expect(page).toHaveURL(new RegExp(`/${lang}/search\\?q=`));
        await expect(page.locator('.results li').first()).toBeVisible();
        await expect(page.locator('.results mark').first()).toBeVisible();
        await expectNoAxeViolations(page);
        await page.screenshot({
          path: `.tmp/screenshots/portal-search-${lang}-${width}.png`,
          fullPage: true,
        });
      }
    });
  }

  test('feeds, sitemap and robots.txt answer for crawlers', async ({ request }) => {
    const rss = await request.get('/zh/news/rss.xml');
    expect(rss.status()).toBe(200);
    expect(rss.headers()['content-type']).toContain('application/rss+xml');
    expect(await rss.text()).toContain('<item>');
    const atom = await request.get('/en/news/atom.xml');
    expect(atom.status()).toBe(200);
    expect(await atom.text()).toContain('<entry>');
    const sitemap = await request.get('/sitemap.xml');
    expect(await sitemap.text()).toContain('<urlset');
    expect(await (await request.get('/robots.txt')).text()).toContain('Sitemap:');
  });
});
