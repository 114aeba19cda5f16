import { expect, test } from '@playwright/test';
import { startTestProvider, type TestProvider } from '../oidc-provider.ts';
import { expectNoAxeViolations } from './accessibility.ts';
import { logInAs } from './login.ts';

let idp: TestProvider;

test.afterAll(async () => {
  await idp?.close();
});

test('a staff member logs in through the college identity service: set up by the administrator, then the redirect dance in the browser', async ({
  page,
  baseURL,
}) => {
  idp = await startTestProvider({
    clientId: 'concord-demo',
    clientSecret: 'a-secret-from-the-identity-service',
    redirectUris: [`${baseURL}/api/sso/callback`],
    postLogoutRedirectUris: [`${baseURL}/admin/login`],
  });
  idp.accounts.set('T2019031', { email: 'officer@demo.concord.test', email_verified: true, name: '顾海燕' });

  // The college administrator points the college at its identity service.
  await logInAs(page, 'admin@demo.concord.test');
  await page.goto('/admin/settings');
  const card = page.getByTestId('sso-card');
  await card.getByTestId('sso-enabled').click();
  // CAS asks for its server; OpenID Connect for the issuer and client.
  await card.getByRole('radio', { name: 'CAS' }).check();
  await expect(card.getByTestId('sso-cas-url')).toBeVisible();
  await expect(card.getByTestId('sso-issuer')).toBeHidden();
  await card.getByRole('radio', { name: 'OpenID Connect' }).check();
  await card.getByTestId('sso-issuer').fill(idp.issuer);
  await card.getByTestId('sso-client-id').fill('concord-demo');
  await card.getByTestId('sso-save').click();
  await expect(card.getByText('请输入身份认证服务提供的客户端密钥')).toBeVisible();
  await card.getByTestId('sso-client-secret').fill('a-secret-from-the-identity-service');
  await card.getByTestId('sso-save').click();
  await expect(page.locator('.ant-message')).toContainText('统一身份认证设置已保存');
  await expect(card).toContainText(`${baseURL}/api/sso/callback`);
  await expectNoAxeViolations(page);
  await page.context().clearCookies();

  // A staff member arrives at a deep link, goes through the identity service and lands there.
  idp.logInNextAs('T2019031');
  await page.goto('/admin/login?next=%2Fpartners');
  await expect(page.getByTestId('login-sso')).toHaveText('使用统一身份认证登录');
  await expectNoAxeViolations(page);
  await page.getByTestId('login-sso').click();
  await expect(page).toHaveURL(/\/admin\/partners$/);
  await expect(page.getByTestId('college-name')).toBeVisible();
  await expect(page.getByText('顾海燕')).toBeVisible();

  // Logging out ends the session at the identity service too (single logout), then back at the login page.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/session/end`));
  await page.getByRole('button', { name: /yes/i }).click();
  await expect(page).toHaveURL(/\/admin\/login/);
  await expect(page.getByTestId('login-sso')).toBeVisible();
  await page.goto('/admin/partners');
  await expect(page).toHaveURL(/\/admin\/login/);

  // Someone the college has no account for is told so on the login page, in plain words.
  idp.accounts.set('T0000001', { email: 'visitor@elsewhere.test', email_verified: true, name: '访客' });
  idp.logInNextAs('T0000001');
  await page.context().clearCookies();
  await page.goto('/admin/login');
  await page.getByTestId('login-sso').click();
  await expect(page.getByTestId('login-error')).toContainText('Concord 中还没有您的账号');
});
