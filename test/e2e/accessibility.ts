import { AxeBuilder } from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

// Evaluated in the page (as text: the tests' own types have no DOM).
const settled = `document
  .getAnimations()
  .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)`;

/**
 * Fails with the rule and the elements when axe finds any WCAG 2.1 AA or best-practice violation,
 * or when two elements share an id (axe no longer checks it; a label then points at the wrong
 * field: a dialog's "title" filling the page's title behind it).
 */
export async function expectNoAxeViolations(page: Page) {
  // A drawer or dialog still fading in has half-transparent text: check the page as it settles,
  // once every finite animation and transition has run (spinners loop and are not waited for).
  await page.waitForFunction(settled, undefined, { timeout: 5000 }).catch(() => undefined);
  const ids = await page.locator('[id]').evaluateAll((els) => els.map((el) => el.id));
  const seen = new Map<string, number>();
  for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
  const repeated = [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`);
  expect(repeated, 'ids used more than once').toEqual([]);
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
  ).toEqual([]);
}
