import { expect, test } from '@playwright/test';
import ical, { type VEvent } from 'node-ical';
import { expectNoAxeViolations } from './accessibility.ts';
import { logInAsOfficer } from './login.ts';

/** The events of an iCalendar document, read by a real iCalendar parser. */
function eventsOf(text: string): VEvent[] {
  return Object.values(ical.sync.parseICS(text)).filter((c): c is VEvent => c?.type === 'VEVENT');
}

const visitTitle = '科思创来校商谈 2027 级订单班招生';

test("the officer subscribes to their calendar, a calendar app sees next week's visit, and a new address stops the old one", async ({
  page,
  playwright,
}) => {
  await logInAsOfficer(page);
  const inSixDays = new Date(Date.now() + 6 * 86_400_000);
  const month = `${inSixDays.getFullYear()}-${String(inSixDays.getMonth() + 1).padStart(2, '0')}`;
  await page.goto(`/admin/calendar?view=list&month=${month}`);
  await page.getByTestId('calendar-subscribe').click();
  const dialog = page.locator('.ant-modal');
  await expect(dialog.getByText('日历订阅')).toBeVisible();
  await page.getByTestId('calendar-feed-create').click();
  const address = page.getByTestId('calendar-feed-address');
  await expect(address).toHaveValue(/\/api\/calendar\/feed\/[A-Za-z0-9_-]{43}\.ics$/);
  const first = await address.inputValue();
  await expectNoAxeViolations(page);

  // A calendar app holds no session: only the address.
  const app = await playwright.request.newContext();
  const feed = await app.get(first);
  expect(feed.status()).toBe(200);
  expect(feed.headers()['content-type']).toContain('text/calendar');
  const visit = eventsOf(await feed.text()).find((e) => e.summary === visitTitle);
  expect(visit?.location).toBe('学校行政楼第一会议室');
  expect(visit?.start.tz).toBe('Asia/Shanghai');
  // 09:30 in Shanghai.
  expect(visit?.start.toISOString().slice(11, 16)).toBe('01:30');

  await dialog.getByRole('button', { name: '生成新地址' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '生成新地址' }).click();
  await expect(address).not.toHaveValue(first);
  expect((await app.get(first)).status()).toBe(404);
  expect((await app.get(await address.inputValue())).status()).toBe(200);
  await app.dispose();
  await dialog.getByRole('button', { name: '关闭' }).first().click();

  // The visit's own page offers it as an .ics file.
  await page.getByTestId('calendar-list').getByRole('link', { name: visitTitle }).click();
  const download = page.getByTestId('engagement-ics');
  await expect(download).toHaveAttribute('href', /\/api\/calendar\/engagements\/[0-9a-f-]+\?lang=zh-CN$/);
  const ics = await page.request.get((await download.getAttribute('href')) ?? '');
  expect(ics.status()).toBe(200);
  expect(eventsOf(await ics.text()).map((e) => e.summary)).toEqual([visitTitle]);
});
