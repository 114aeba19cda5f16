import { expect, type Page, test } from '@playwright/test';
import sharp from 'sharp';
import { expectNoAxeViolations } from './accessibility.ts';

const editor = { email: 'editor@demo.concord.test', password: 'concord-demo-2026' };

async function logIn(page: Page) {
  await page.goto('/admin/');
  await page.getByTestId('login-email').fill(editor.email);
  await page.getByTestId('login-password').fill(editor.password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('college-name')).toBeVisible();
  // Journeys share one demo college: start in English whatever language the account was left in.
  if ((await page.getByTestId('lang-switch').textContent())?.includes('English')) {
    await page.getByTestId('lang-switch').click();
  }
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
}

test('upload images, see a refused one explained, describe one, and remove it', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page);
  await page.getByRole('link', { name: 'Media library' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Media library' })).toBeVisible();
  // The demo images (other journeys may have added more to the shared demo college).
  await expect(page.getByRole('button', { name: 'Details of demo-covestro-site.jpg' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByTestId('media-upload-toggle').click();
  const photo = await sharp({
    create: { width: 1200, height: 800, channels: 3, background: { r: 40, g: 120, b: 160 } },
  })
    .jpeg()
    .toBuffer();
  await page.locator('input[type=file]').setInputFiles([
    { name: 'e2e-campus.jpg', mimeType: 'image/jpeg', buffer: photo },
    {
      name: 'e2e-logo.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
    },
  ]);
  const statuses = page.getByTestId('media-upload-status');
  await expect(statuses.filter({ hasText: /^Uploaded$/ })).toHaveCount(1);
  await expect(statuses.filter({ hasText: /^Not uploaded$/ })).toHaveCount(1);
  await expect(page.getByRole('alert').filter({ hasText: 'Only JPEG, PNG, WebP and AVIF' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Details of e2e-campus.jpg' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Details of e2e-logo.png' })).toHaveCount(0);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Details of e2e-campus.jpg' }).click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.getByTestId('media-alt-zh').fill('校园一角');
  await page.getByTestId('media-alt-en').fill('A corner of the campus');
  await expectNoAxeViolations(page);
  await page.getByTestId('media-save').click();
  await expect(page.getByText('The image details were saved.')).toBeVisible();

  await page.getByPlaceholder('File name, alt text or caption').fill('corner of the campus');
  await page.getByPlaceholder('File name, alt text or caption').press('Enter');
  await expect(page.getByTestId('media-card')).toHaveCount(1);
  await page.screenshot({ path: '.tmp/screenshots/media-library-en-1440.png', fullPage: true });

  await page.getByTestId('media-card').click();
  await page.getByTestId('media-delete').click();
  await page.getByRole('button', { name: 'Remove from the library' }).last().click();
  await expect(page.getByText('The image was removed from the library.')).toBeVisible();
  await expect(page.getByText('No images match this search.')).toBeVisible();
});

test('the view-original page passes axe in both languages at phone and desktop widths', async ({ page }) => {
  await logIn(page);
  const answer = await page.request.get('/api/media?q=demo-covestro-site');
  const [media] = (await answer.json()).items as { id: string }[];
  for (const [lang, heading] of [
    ['zh', '查看原图'],
    ['en', 'Original image'],
  ] as const) {
    for (const width of [360, 1440]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/${lang}/media/${media!.id}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
      await expect(page.locator('figure img')).toHaveJSProperty('complete', true);
      await expectNoAxeViolations(page);
      await page.screenshot({ path: `.tmp/screenshots/media-page-${lang}-${width}.png`, fullPage: true });
    }
  }
});
