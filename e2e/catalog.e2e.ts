import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import {
  Api,
  E2E_ADMIN_PASSWORD,
  e2eAvailable,
  launchChromium,
  startServer,
  type RunningServer,
} from './harness';

/**
 * Master data in Chromium: a clerk creates a customer with a contact and a ship-to address, edits
 * it, and creates a product with specs, each through its drawer; the stored records are checked
 * through the API.
 */

const run = e2eAvailable();
const CLERK = { username: 'e2e.catalog.clerk', password: 'clerk-password-1', displayName: '主数据跟单员' };

/** Waits for a drawer's form to close after saving; if it stays open, fails with what it shows. */
async function closesAfterSave(page: Page, formTestId: string): Promise<void> {
  const form = page.getByTestId(formTestId);
  await form.waitFor({ state: 'hidden', timeout: 10_000 }).catch(async (err: unknown) => {
    const errors = await form.locator('.ant-form-item-explain-error').allTextContents();
    const notices = await page.locator('.ant-message-notice, .ant-alert-title').allTextContents();
    throw new Error(`${formTestId} stayed open: ${[...errors, ...notices].join(' | ')}`, { cause: err });
  });
}

/**
 * After creating a record the drawer stays open on the new record (its page is now an edit form):
 * waits for the success message naming it, then closes the drawer.
 */
async function closeAfterCreate(page: Page, drawerTestId: string, name: string): Promise<void> {
  await page.locator('.ant-message-notice', { hasText: name }).waitFor();
  // The success message floats over the drawer's close button: click the button itself.
  await page.getByTestId(drawerTestId).locator('.ant-drawer-close').dispatchEvent('click');
  await page.getByTestId(drawerTestId).waitFor({ state: 'hidden' });
}

interface StoredCustomer {
  id: string;
  code: string;
  name: string;
  version: number;
  clerkId: string | null;
  contacts: { name: string; email: string | null }[];
  addresses: { kind: string; address: string }[];
}

describe.runIf(run)('catalog in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let clerk: Api;
  const pageErrors: string[] = [];

  const customerByCode = async (code: string) => {
    const page1 = await clerk.call<{ items: { id: string; code: string }[] }>(
      'GET',
      `/api/customers?q=${encodeURIComponent(code)}`,
    );
    const id = page1.items.find((c) => c.code === code)?.id;
    if (!id) return undefined;
    return clerk.call<StoredCustomer>('GET', `/api/customers/${id}`);
  };

  beforeAll(async () => {
    server = await startServer();
    const admin = new Api(server.url);
    await admin.login('admin', E2E_ADMIN_PASSWORD);
    await admin.call('POST', '/api/users', { ...CLERK, roles: ['clerk'], language: 'zh-CN' });
    clerk = new Api(server.url);
    await clerk.login(CLERK.username, CLERK.password);
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('signs the clerk in on the customers page', async () => {
    await page.goto(`${server.url}/catalog/customers`);
    await page.waitForURL(/\/login/);
    await page.locator('input[name="username"]').fill(CLERK.username);
    await page.locator('input[name="password"]').fill(CLERK.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/catalog\/customers/);
    await page.getByTestId('customers-table').waitFor();
  });

  it('creates a customer with a contact and a ship-to address', async () => {
    await page.getByTestId('customer-create').click();
    const form = page.getByTestId('customer-form');
    await form.waitFor();
    await page.getByTestId('customer-code').fill('E2E-C100');
    await page.getByTestId('customer-name').fill('华东精密机械有限公司');
    await page.getByRole('tab', { name: /联系人/ }).click();
    await page.getByTestId('contact-add').click();
    await page.getByTestId('contact-name-0').fill('王采购');
    await page.getByRole('tab', { name: /地址/ }).click();
    await page.getByTestId('address-add').click();
    await page.getByTestId('address-text-0').fill('苏州工业园区星湖街 88 号');
    await page.getByTestId('customer-save').click();
    await page.getByRole('tab', { name: '当前条款' }).waitFor();
    await closeAfterCreate(page, 'customer-drawer', '华东精密机械有限公司');
    await page.getByTestId('customers-table').getByText('E2E-C100').waitFor();

    const stored = await customerByCode('E2E-C100');
    expect(stored).toMatchObject({ name: '华东精密机械有限公司', version: 1 });
    expect(stored?.contacts.map((c) => c.name)).toEqual(['王采购']);
    expect(stored?.addresses).toEqual([
      expect.objectContaining({ kind: 'ship_to', address: '苏州工业园区星湖街 88 号' }),
    ]);
  });

  it('finds the customer by searching its name, and nothing for an unknown text', async () => {
    const search = page.getByTestId('customers-search').locator('input');
    const searchFor = async (text: string) => {
      await search.fill(text);
      await search.press('Enter');
      // The search is in the URL once the list has taken it.
      await expect.poll(() => new URL(page.url()).searchParams.get('q') ?? '').toBe(text);
    };
    await searchFor('精密机械');
    await page.getByTestId('customers-table').getByText('E2E-C100').waitFor();
    await searchFor('没有这个客户');
    await page.getByTestId('customers-table').locator('.ant-empty').waitFor();
    await searchFor('');
    await page.getByTestId('customers-table').getByText('E2E-C100').waitFor();
  });

  it('edits the customer and keeps its contact and address', async () => {
    await page.getByTestId('customer-open-E2E-C100').click();
    const form = page.getByTestId('customer-form');
    await form.waitFor();
    await expect.poll(() => page.getByTestId('customer-name').inputValue()).toBe('华东精密机械有限公司');
    await page.getByTestId('customer-name').fill('华东精密机械股份有限公司');
    await page.getByTestId('customer-save').click();
    await closesAfterSave(page, 'customer-form');

    await expect.poll(async () => (await customerByCode('E2E-C100'))?.version).toBe(2);
    const stored = await customerByCode('E2E-C100');
    expect(stored?.name).toBe('华东精密机械股份有限公司');
    expect(stored?.contacts).toHaveLength(1);
    expect(stored?.addresses).toHaveLength(1);
  });

  it('creates a product with specs', async () => {
    await page.goto(`${server.url}/catalog/products`);
    await page.getByTestId('product-create').click();
    const form = page.getByTestId('product-form');
    await form.waitFor();
    await page.getByTestId('product-model').fill('E2E-BRK-100');
    await page.getByTestId('product-name').fill('不锈钢安装支架');
    await page.getByTestId('product-lead-time').fill('12');
    await page.getByTestId('product-specs-add').click();
    await page.getByTestId('product-specs-key-0').fill('材质');
    await page.getByTestId('product-specs-value-0').fill('SUS304');
    await page.getByTestId('product-save').click();
    await closeAfterCreate(page, 'product-drawer', 'E2E-BRK-100');
    await page.getByTestId('products-table').getByText('E2E-BRK-100').waitFor();

    const found = await clerk.call<{
      items: { model: string; specs: Record<string, string>; standardLeadTimeDays: number }[];
    }>('GET', '/api/products?q=E2E-BRK-100');
    expect(found.items).toEqual([
      expect.objectContaining({ model: 'E2E-BRK-100', specs: { 材质: 'SUS304' }, standardLeadTimeDays: 12 }),
    ]);
    expect(pageErrors).toEqual([]);
  });
});
