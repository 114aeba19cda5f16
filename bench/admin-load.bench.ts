/**
 * The admin's first load, as a browser sees it: `concord serve --demo` (built assets), Chromium
 * opens /admin/ (the login screen), logs in and opens the partners list. Reports the bytes
 * transferred (compressed, as sent) of JavaScript, CSS and everything, for the login screen and for
 * the partners list after login, against the budgets: login JavaScript ≤ 150 KB, partners list
 * ≤ 450 KB in total. Then opens /admin/partners and /admin/engagements as a deep link (a new tab
 * with the session but nothing cached, and a reload of it) and reports how long until the list's
 * first row shows, beside how long the list's API call took.
 * Usage: npm run build && node bin/run-ts.js bench/admin-load.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { startConcord } from './server-process.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);

interface Tally {
  js: number;
  css: number;
  all: number;
  requests: number;
}

/** Counts the encoded bytes of every response the page receives from now on. */
function tally(page: Page): { read: () => Tally; stop: () => void } {
  const totals: Tally = { js: 0, css: 0, all: 0, requests: 0 };
  const pending: Promise<void>[] = [];
  const onFinished = (request: import('playwright-core').Request) => {
    pending.push(
      request.sizes().then((sizes) => {
        const bytes = sizes.responseBodySize + sizes.responseHeadersSize;
        const type = request.resourceType();
        totals.all += bytes;
        totals.requests++;
        if (type === 'script') totals.js += bytes;
        if (type === 'stylesheet') totals.css += bytes;
      }),
    );
  };
  page.on('requestfinished', onFinished);
  return {
    read: () => ({ ...totals }),
    stop: () => {
      page.off('requestfinished', onFinished);
      void Promise.all(pending);
    },
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

const dataDir = mkdtempSync(join(tmpdir(), 'concord-admin-load-'));
const server = await startConcord({ DATA_DIR: dataDir, DATABASE_URL: '' });
const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
try {
  const page = await (await browser.newContext({ locale: 'zh-CN' })).newPage();
  const login = tally(page);
  const started = performance.now();
  await page.goto(`${server.url}/admin/`, { waitUntil: 'networkidle' });
  await page.getByTestId('login-submit').waitFor();
  const loginMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 200));
  const atLogin = login.read();
  login.stop();

  const list = tally(page);
  await page.getByTestId('login-email').fill('officer@demo.concord.test');
  await page.getByTestId('login-password').fill('concord-demo-2026');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.includes('login') && url.pathname.startsWith('/admin'));
  await page.getByTestId('login-submit').waitFor({ state: 'detached' });
  const listStarted = performance.now();
  await page.goto(`${server.url}/admin/partners`, { waitUntil: 'networkidle' });
  await page.getByTestId('partner-link').first().waitFor();
  const listMs = performance.now() - listStarted;
  await new Promise((r) => setTimeout(r, 200));
  const afterLogin = list.read();
  list.stop();
  const total = {
    js: atLogin.js + afterLogin.js,
    css: atLogin.css + afterLogin.css,
    all: atLogin.all + afterLogin.all,
  };

  say(
    `login screen: JavaScript ${kb(atLogin.js)} (budget 150 KB), CSS ${kb(atLogin.css)}, everything ${kb(atLogin.all)} in ${atLogin.requests} requests, ready in ${loginMs.toFixed(0)} ms`,
  );
  say(
    `login, then the partners list: everything ${kb(total.all)} (budget 450 KB), JavaScript ${kb(total.js)}, CSS ${kb(total.css)}; the list shown ${listMs.toFixed(0)} ms after navigating to it`,
  );
  if (atLogin.js > 150 * 1024 || total.all > 450 * 1024) process.exitCode = 1;

  // Deep links: a new context holding only the session cookie (no cached assets), then a reload.
  const cookies = await page.context().cookies();
  for (const [path, rowTestId, api] of [
    ['/admin/partners', 'partner-link', '/api/organizations?'],
    ['/admin/engagements', 'engagement-link', '/api/engagements?'],
  ] as const) {
    const context = await browser.newContext({ locale: 'zh-CN' });
    await context.addCookies(cookies);
    const tab = await context.newPage();
    const apiMs: number[] = [];
    tab.on('requestfinished', (request) => {
      if (request.url().includes(api)) apiMs.push(request.timing().responseEnd);
    });
    const timings: number[] = [];
    for (const reload of [false, true]) {
      const started = performance.now();
      if (reload) await tab.reload();
      else await tab.goto(`${server.url}${path}`);
      await tab.getByTestId(rowTestId).first().waitFor();
      timings.push(performance.now() - started);
    }
    say(
      `deep link ${path}: first row shown ${timings[0]!.toFixed(0)} ms after opening it with nothing cached, ${timings[1]!.toFixed(0)} ms after a reload; its list API answered in ${apiMs.map((ms) => ms.toFixed(0)).join(' and ')} ms`,
    );
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
