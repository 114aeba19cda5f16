import { expect, test } from '@playwright/test';

test('the API documentation renders from the package, under the strict policy', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  await page.goto('/api/docs');
  await expect(page.getByRole('heading', { name: /Concord API/ })).toBeVisible();
  // The first group is open with its operations and their ids (the page renders the rest as it scrolls).
  await expect(page.locator('h3.opblock-tag').first()).toContainText('agreements');
  await expect(page.locator('.opblock').first()).toContainText('getAgreements');
  expect(problems).toEqual([]);
});
