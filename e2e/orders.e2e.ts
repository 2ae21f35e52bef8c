import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
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
 * Issue 3 §7: a clerk imports an xlsx order whose unit price is wrong for one line, reviews it,
 * fixes the price from the finding's suggestion, approves it and sees the order number.
 * Master data is seeded through the HTTP API as admin; the clerk works in Chromium.
 * Set E2E_SCREENSHOTS=<dir> to keep a screenshot of each step.
 */

const run = e2eAvailable();

const CLERK = { username: 'e2e.orders.clerk', password: 'clerk-password-1', displayName: '订单跟单员' };
const CUSTOMER_CODE = 'E2E-CUST';
const CUSTOMER_NAME = '端到端测试客户';
const PO = 'E2E-PO-0001';
/** Contract prices in minor units: M-BOLT has a tier from 100 pcs, M-NUT one price. */
const BOLT_PRICE = { base: 1250, from100: 1100 };
const NUT_PRICE = 800;

function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today in the company's default time zone (Asia/Shanghai), as YYYY-MM-DD. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/**
 * An order file with the columns of the server's own import template (zh-CN headers, in its
 * order): one order of two lines, where line 1's unit price is not the contract's tier price.
 */
async function orderFile(template: Buffer, dir: string): Promise<string> {
  const source = new ExcelJS.Workbook();
  await source.xlsx.load(template as unknown as ArrayBuffer);
  const headers: string[] = [];
  source.worksheets[0]!.getRow(1).eachCell((cell, col) => {
    headers[col - 1] = cell.text.trim();
  });
  const requested = addDays(today, 60);
  const rows: Record<string, string | number>[] = [
    // 120 pcs is in the "from 100" tier (11.00), but the customer wrote 12.50: PRICE_MISMATCH.
    {
      客户编码: CUSTOMER_CODE,
      客户PO号: PO,
      型号: 'M-BOLT',
      规格: '材质=304',
      数量: 120,
      单价: 12.5,
      要求交期: requested,
    },
    { 客户编码: CUSTOMER_CODE, 客户PO号: PO, 型号: 'M-NUT', 数量: 50, 单价: 8, 要求交期: requested },
  ];
  for (const key of Object.keys(rows[0]!)) {
    if (!headers.includes(key)) throw new Error(`the template has no column ${key}: ${headers.join(', ')}`);
  }
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('订单');
  ws.addRow(headers);
  for (const values of rows) ws.addRow(headers.map((h) => values[h] ?? null));
  const file = path.join(dir, 'e2e-order.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

describe.runIf(run)('order intake and review in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let workDir: string;
  let xlsxPath: string;
  let orderId: string | undefined;
  let orderNumber: string | undefined;
  const pageErrors: string[] = [];
  const shotDir = process.env.E2E_SCREENSHOTS;
  let shotNo = 0;
  const shot = async (name: string) => {
    if (!shotDir) return;
    fs.mkdirSync(shotDir, { recursive: true });
    shotNo += 1;
    await page.screenshot({
      path: path.join(shotDir, `${String(shotNo).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  };

  beforeAll(async () => {
    server = await startServer();
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gendan-e2e-orders-'));

    const admin = new Api(server.url);
    await admin.login('admin', E2E_ADMIN_PASSWORD);
    await admin.call('POST', '/api/users', { ...CLERK, roles: ['clerk'], language: 'zh-CN' });
    const customer = await admin.call<{ id: string }>('POST', '/api/customers', {
      code: CUSTOMER_CODE,
      name: CUSTOMER_NAME,
      currency: 'CNY',
      paymentTerms: 'T/T 30 days',
      creditLimit: 100_000_000,
    });
    const bolt = await admin.call<{ id: string }>('POST', '/api/products', {
      model: 'M-BOLT',
      name: '不锈钢螺栓',
      category: 'finished',
      unit: 'pcs',
      specs: { 材质: '304' },
      standardLeadTimeDays: 7,
    });
    const nut = await admin.call<{ id: string }>('POST', '/api/products', {
      model: 'M-NUT',
      name: '六角螺母',
      category: 'finished',
      unit: 'pcs',
      specs: {},
      standardLeadTimeDays: 3,
    });
    await admin.call('POST', '/api/contracts', {
      customerId: customer.id,
      code: 'E2E-K-001',
      validFrom: addDays(today, -30),
      validTo: addDays(today, 365),
      currency: 'CNY',
      status: 'active',
      paymentTerms: 'T/T 30 days',
      packaging: '纸箱，每箱100件',
      acceptanceStandard: 'GB/T 2828.1 AQL 1.0',
      lines: [
        { productId: bolt.id, unitPrice: BOLT_PRICE.base, minQty: 1 },
        { productId: bolt.id, unitPrice: BOLT_PRICE.from100, minQty: 100 },
        { productId: nut.id, unitPrice: NUT_PRICE, minQty: 1 },
      ],
    });

    const clerk = new Api(server.url);
    await clerk.login(CLERK.username, CLERK.password);
    xlsxPath = await orderFile(await clerk.bytes('/api/orders/import-template'), workDir);

    browser = await launchChromium();
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('signs the clerk in and opens the import wizard', async () => {
    await page.goto(`${server.url}/orders/import`);
    await page.waitForURL(/\/login/);
    await page.locator('input[name="username"]').fill(CLERK.username);
    await page.locator('input[name="password"]').fill(CLERK.password);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/orders\/import/);
    await page.getByTestId('orders-import-open').click();
    await page.getByTestId('orders-import-wizard').waitFor();
  });

  it('uploads the xlsx, previews the order it will create and commits it', async () => {
    await page.getByTestId('orders-import-dropzone').locator('input[type="file"]').setInputFiles(xlsxPath);
    const preview = page.getByTestId('orders-import-orders');
    await preview.getByText(PO).waitFor();
    await page.getByTestId('orders-import-ready').waitFor();
    await shot('import-preview');
    await page.getByTestId('orders-import-commit').click();
    await page.getByTestId('orders-import-result').waitFor();
    const link = page.getByTestId(`orders-import-created-link-${PO}`);
    await link.waitFor();
    await shot('import-result');
    await link.click();
    await page.waitForURL(/\/orders\/[^/]+$/);
    orderId = new URL(page.url()).pathname.split('/').pop();
    await page.getByTestId('order-status').and(page.locator('[data-status="draft"]')).waitFor();
  });

  it('reviews the order and finds the wrong price', async () => {
    await page.getByTestId('order-review').click();
    const finding = page.getByTestId('finding-PRICE_MISMATCH');
    await finding.waitFor();
    expect(await finding.getAttribute('data-severity')).toBe('block');
    await expect.poll(() => finding.getByTestId('finding-message').textContent()).toContain('第 1 行');
    await page.getByTestId('order-status').and(page.locator('[data-status="in_review"]')).waitFor();
    await shot('review-price-mismatch');
  });

  it('applies the contract price from the suggestion and reviews again without blocks', async () => {
    await page.getByTestId('finding-fix-PRICE_MISMATCH').click();
    await page.getByTestId('finding-PRICE_MISMATCH').waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('[data-severity="block"][data-status="open"]').count()).toBe(0);
    await expect.poll(() => page.getByTestId('line-1-price').textContent()).toContain('11.00');
    await shot('fixed');
  });

  it('approves the order and shows its number', async () => {
    await page.getByTestId('order-approve').click();
    await page.getByTestId('approve-lines').waitFor();
    await page.getByTestId('approve-confirm').click();
    const number = page.getByTestId('order-number');
    await number.waitFor();
    await expect.poll(() => number.textContent()).toMatch(/SO\d{6}-\d{5}/);
    await page.getByTestId('order-status').and(page.locator('[data-status="approved"]')).waitFor();
    await shot('approved');

    // The stored order agrees with the page: approved, numbered, line 1 at the contract tier price.
    const clerk = new Api(server.url);
    await clerk.login(CLERK.username, CLERK.password);
    const stored = await clerk.call<{
      number: string;
      status: string;
      lines: { lineNo: number; unitPrice: number; promisedDate: string | null }[];
    }>('GET', `/api/orders/${orderId ?? ''}`);
    expect(stored.status).toBe('approved');
    expect(await number.textContent()).toContain(stored.number);
    orderNumber = stored.number;
    expect(stored.lines.find((l) => l.lineNo === 1)?.unitPrice).toBe(BOLT_PRICE.from100);
    expect(stored.lines.every((l) => l.promisedDate !== null)).toBe(true);
  });

  it('finds the order in the list by its number, keeps the typed search, and resets the filters', async () => {
    await page.goto(`${server.url}/orders`);
    const table = page.getByTestId('orders-table');
    const search = page.getByTestId('orders-search').locator('input');
    await search.fill(orderNumber ?? '');
    await search.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(orderNumber);
    await table.getByText(orderNumber ?? '').waitFor();
    // The box still holds the search after the list has taken it, and keeps the focus.
    expect(await search.inputValue()).toBe(orderNumber);
    expect(await search.evaluate((el) => el.matches(':focus'))).toBe(true);
    expect(await table.locator('tbody tr.ant-table-row').count()).toBe(1);

    await page.getByTestId('order-filters-reset').click();
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBeNull();
    await expect.poll(() => search.inputValue()).toBe('');
  });

  it('adds a contract line with the product picker and keeps the customer from the customer picker', async () => {
    const clerk = new Api(server.url);
    await clerk.login(CLERK.username, CLERK.password);
    const found = await clerk.call<{ items: { id: string; code: string }[] }>(
      'GET',
      '/api/contracts?q=E2E-K-001',
    );
    const contractId = found.items.find((c) => c.code === 'E2E-K-001')?.id;
    expect(contractId).toBeTruthy();
    await page.goto(`${server.url}/catalog/contracts/${contractId ?? ''}`);
    const customer = page.getByTestId('agreement-customer');
    await customer.waitFor();
    // The stored customer shows by its name, not its id.
    await expect.poll(() => customer.textContent()).toContain(CUSTOMER_NAME);

    // Pick the same customer again through the search.
    await customer.click();
    await page.keyboard.type('E2E');
    const customerOption = page.locator('.ant-select-dropdown:visible .ant-select-item-option', {
      hasText: CUSTOMER_CODE,
    });
    await customerOption.first().click();
    await expect.poll(() => customer.textContent()).toContain(CUSTOMER_CODE);

    // A fourth line: the nut from 500 pcs at 7.50, chosen by searching its model.
    await page.getByTestId('line-add').click();
    const product = page.getByTestId('line-product-3');
    await product.click();
    await page.keyboard.type('M-NUT');
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'M-NUT' })
      .first()
      .click();
    await expect.poll(() => product.textContent()).toContain('M-NUT');
    await page.getByTestId('line-min-qty-3').fill('500');
    await page.getByTestId('line-unit-price-3').fill('7.50');
    await page.getByTestId('agreement-save').click();

    await expect
      .poll(async () => {
        const stored = await clerk.call<{
          customerId: string;
          lines: { productId: string; unitPrice: number; minQty: number }[];
        }>('GET', `/api/contracts/${contractId ?? ''}`);
        return stored.lines.some((l) => l.minQty === 500 && l.unitPrice === 750) && stored.lines.length === 4;
      })
      .toBe(true);
  });

  it('tells the story on the timeline and raised no page errors', async () => {
    await page.goto(`${server.url}/orders/${orderId ?? ''}`);
    await page.getByRole('tab', { name: '动态' }).click();
    const timeline = page.getByTestId('order-timeline');
    await timeline.getByTestId('timeline-approved').waitFor();
    await timeline.getByTestId('timeline-imported').waitFor();
    expect(pageErrors).toEqual([]);
  });
});
