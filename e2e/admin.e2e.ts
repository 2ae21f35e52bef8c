import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { E2E_ADMIN_PASSWORD, e2eAvailable, launchChromium, startServer, type RunningServer } from './harness';

const run = e2eAvailable();

describe.runIf(run)('admin flow in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    server = await startServer();
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'zh-CN' });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('logs in as admin', async () => {
    await page.goto(`${server.url}/admin/users`);
    // Not signed in: sent to the login page, which remembers where we were going.
    await page.waitForURL(/\/login/);
    await page.locator('input[name="username"]').fill('admin');
    await page.locator('input[name="password"]').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent()).toContain('用户名或密码错误');
    await page.locator('input[name="password"]').fill(E2E_ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/admin\/users/);
    await page.getByTestId('users-table').getByText('admin', { exact: true }).first().waitFor();
  });

  it('switches to English and back, and keeps the choice on the user', async () => {
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-option-en').click();
    await page.getByTestId('user-create').getByText('New user', { exact: false }).waitFor();
    const me = (await (await page.request.get(`${server.url}/api/auth/me`)).json()) as { language: string };
    expect(me.language).toBe('en');
    await page.reload();
    await page.getByTestId('user-create').getByText('New user', { exact: false }).waitFor();
    await page.getByTestId('lang-switch').click();
    await page.getByTestId('lang-option-zh-CN').click();
    await page.getByTestId('user-create').getByText('新建用户', { exact: false }).waitFor();
  });

  it('creates a user', async () => {
    await page.getByTestId('user-create').click();
    const form = page.getByTestId('user-form');
    await form.locator('input[name="username"]').fill('e2e.clerk');
    await form.locator('input[name="password"]').fill('password-123');
    await form.locator('input[name="displayName"]').fill('端到端跟单员');
    await page.getByTestId('user-roles').click();
    const option = page.locator('.ant-select-item-option').filter({ hasText: '跟单员' }).first();
    await option.waitFor();
    // The dropdown animates in: retry the pick until the role shows as selected in the field.
    await expect
      .poll(async () => {
        if (!(await page.getByTestId('user-roles').textContent())?.includes('跟单员')) {
          await option.click({ timeout: 2000 }).catch(() => undefined);
        }
        return page.getByTestId('user-roles').textContent();
      })
      .toContain('跟单员');
    // Close the dropdown by clicking a field above it (Escape would close the whole modal).
    await form.locator('input[name="username"]').click();
    await page.getByTestId('user-save').click();
    await page.getByTestId('user-form').waitFor({ state: 'hidden' });
    await page.getByTestId('users-table').getByText('e2e.clerk').waitFor();
    const res = await page.request.get(`${server.url}/api/users?q=e2e.clerk`);
    const body = (await res.json()) as { items: { username: string; roles: string[] }[] };
    expect(body.items).toEqual([expect.objectContaining({ username: 'e2e.clerk', roles: ['clerk'] })]);
  });

  it('logs out', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login/);
    const me = await page.request.get(`${server.url}/api/auth/me`);
    expect(me.status()).toBe(401);
    expect(consoleErrors).toEqual([]);
  });
});
