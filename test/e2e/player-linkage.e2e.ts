import { mkdirSync } from 'node:fs';
import type { FormDefinition } from '@formloom/model';
import { expect, test, type Page } from '@playwright/test';
import { choose } from './ant-select.js';
import { e2eUrl, type E2eApi } from './api-client.js';
import { createCustomerApp } from './player-fixture.js';

/**
 * Data linkage in the player, on the built apps: an order form whose select-data field copies
 * the picked customer's name and amount (选择数据), whose stage follows the customer found by the
 * phone number typed (数据联动 default) until the user types into it, and a bulk edit of the
 * customers by a formula checked as it is typed. Screenshots go to /tmp/shots/.
 */
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/player-linkage-${name}.png`, fullPage: true, animations: 'disabled' });

const CLERK = { username: 'sunli', password: 'sunli-password-123', displayName: '孙丽' };

function ordersForm(customersId: string): FormDefinition {
  return {
    schema: {
      type: 'object',
      properties: {
        o_customer: { type: 'string' },
        o_name: { type: 'string' },
        o_amount: { type: 'number' },
        o_phone: { type: 'string' },
        o_stage: { type: 'string' },
        o_account: { type: 'string' },
        o_lines: { type: 'array', items: { type: 'object' } },
      },
    },
    uiSchema: {},
    fields: {
      o_customer: {
        kind: 'select_data',
        label: '选择客户',
        link: {
          formId: customersId,
          displayFields: ['f_name'],
          onDelete: 'clear',
          copy: { f_name: 'o_name', f_amount: 'o_amount' },
        },
      },
      o_name: { kind: 'text', label: '客户名称' },
      o_amount: { kind: 'money', label: '订单金额' },
      o_phone: { kind: 'text', label: '联系电话' },
      o_stage: {
        kind: 'text',
        label: '客户阶段',
        default: {
          type: 'linkage',
          formId: customersId,
          condition: { rel: 'and', cond: [{ field: 'f_phone', method: 'eq', valueFrom: { field: 'o_phone' } }] },
          sourceField: 'f_stage',
        },
      },
      o_account: { kind: 'link', label: '结算客户', link: { formId: customersId, displayFields: ['f_name'] } },
      o_lines: {
        kind: 'subform',
        label: '联系记录',
        subform: {
          fields: {
            l_phone: { kind: 'text', label: '电话' },
            l_stage: {
              kind: 'text',
              label: '阶段',
              default: {
                type: 'linkage',
                formId: customersId,
                condition: { rel: 'and', cond: [{ field: 'f_phone', method: 'eq', valueFrom: { field: 'l_phone' } }] },
                sourceField: 'f_stage',
              },
            },
          },
        },
      },
    },
  };
}

async function fixture() {
  const { admin, appId, formId } = await createCustomerApp(process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '', {
    member: CLERK,
    app: { name: '订单中心', description: '选择数据与数据联动' },
    actions: ['create', 'read', 'update', 'delete'],
  });
  await admin.call('POST', `/api/forms/${formId}/records/batch`, {
    create: [
      { data: { f_name: '华东贸易', f_phone: '13800138000', f_stage: 'won', f_amount: 5000 } },
      { data: { f_name: '西南物流', f_phone: '13900139000', f_stage: 'lead', f_amount: 1200 } },
    ],
  });
  const orders = await admin.call<{ id: string }>('POST', `/api/apps/${appId}/forms`, {
    name: '订单',
    definition: ordersForm(formId),
  });
  await admin.call('POST', `/api/forms/${orders.id}/publish`, {});
  await admin.call('PUT', `/api/forms/${orders.id}/permissions`, {
    groups: [{ id: 'all', name: 'All', subjects: { everyone: true }, actions: ['create', 'read'], scope: 'all' }],
  });
  return { admin, appId, customersId: formId, ordersId: orders.id };
}

async function signInAsClerk(page: Page) {
  await page.goto('/');
  await page.getByLabel('用户名').fill(CLERK.username);
  await page.getByLabel('密码').fill(CLERK.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  // The language is the user's own setting: a suite that switched to English leaves it so.
  await expect(page.getByRole('heading', { name: /^(我的应用|My apps)$/ })).toBeVisible();
  if (await page.getByRole('heading', { name: 'My apps' }).isVisible())
    await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('heading', { name: '我的应用' })).toBeVisible();
}

let setup: Awaited<ReturnType<typeof fixture>>;
let admin: E2eApi;
test.beforeAll(async () => {
  setup = await fixture();
  admin = setup.admin;
});

test('picking a customer copies its values; the stage follows the phone typed until the user types it', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl() });
  const page = await context.newPage();
  await signInAsClerk(page);
  await page.goto(`/apps/${setup.appId}/forms/${setup.ordersId}`);

  const picker = page.locator('[data-field="o_customer"]');
  await picker.getByRole('combobox').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '华东贸易' }).click();
  await expect(page.getByLabel('客户名称')).toHaveValue('华东贸易');
  await expect(page.getByLabel('订单金额')).toHaveValue(/5,?000/);

  await page.getByLabel('联系电话').fill('13900139000');
  await expect(page.getByLabel('客户阶段')).toHaveValue('线索');
  await page.getByLabel('联系电话').fill('13800138000');
  await expect(page.getByLabel('客户阶段')).toHaveValue('成交');
  await shot(page, 'form-zh');

  // Typed by the user: the linkage leaves it alone from now on.
  await page.getByLabel('客户阶段').fill('VIP');
  await page.getByLabel('联系电话').fill('13900139000');
  await page.waitForTimeout(800);
  await expect(page.getByLabel('客户阶段')).toHaveValue('VIP');

  await page.getByRole('button', { name: /提\s*交/ }).click();
  await expect(page.getByText(/已提交|提交成功/).first()).toBeVisible();
  const stored = await admin.call<{ items: { data: Record<string, unknown> }[] }>(
    'POST',
    `/api/forms/${setup.ordersId}/records/query`,
    {},
  );
  expect(stored.items[0].data).toMatchObject({
    o_name: '华东贸易',
    o_amount: 5000,
    o_stage: 'VIP',
    o_phone: '13900139000',
  });
  await context.close();
});

test('linked records show by name in the table and on the record page; a link cell opens the customer', async ({
  browser,
}) => {
  const customers = await admin.call<{ items: { id: string }[] }>(
    'POST',
    `/api/forms/${setup.customersId}/records/query`,
    { filter: { rel: 'and', cond: [{ field: 'f_name', method: 'eq', value: '华东贸易' }] } },
  );
  const customerId = customers.items[0].id;
  const order = await admin.call<{ id: string; version: number }>('POST', `/api/forms/${setup.ordersId}/records`, {
    data: { o_name: '名称展示订单', o_customer: customerId, o_account: customerId },
  });
  // A change of the link, so the history shows a diff of linked records.
  await admin.call('PATCH', `/api/forms/${setup.ordersId}/records/${order.id}`, {
    baseVersion: order.version,
    data: { o_account: null },
  });
  const context = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl() });
  const page = await context.newPage();
  await signInAsClerk(page);
  await page.goto(`/apps/${setup.appId}/forms/${setup.ordersId}/data`);
  const row = page.locator('tr.fl-table-row', { hasText: '名称展示订单' });
  const cells = row.getByTestId('link-cell');
  await expect(cells).toHaveCount(1);
  await expect(cells.first().getByRole('link', { name: '华东贸易' })).toBeVisible();
  await expect(row).not.toContainText(customerId);
  await shot(page, 'link-cells-zh');

  // The record page (read-only view) and its history name the customer too, never its id.
  await page.goto(`/apps/${setup.appId}/forms/${setup.ordersId}/records/${order.id}`);
  await expect(page.getByText('华东贸易').first()).toBeVisible();
  await expect(page.getByTestId('history-entry').first()).toContainText('结算客户: 华东贸易 →');
  await expect(page.locator('body')).not.toContainText(customerId);
  await shot(page, 'link-record-zh');

  // Back in the table, the link opens the linked customer's own page.
  await page.goto(`/apps/${setup.appId}/forms/${setup.ordersId}/data`);
  await cells.first().getByRole('link', { name: '华东贸易' }).click();
  await expect(page).toHaveURL(new RegExp(`/forms/${setup.customersId}/records/${customerId}`));
  await expect(page.getByText('13800138000').first()).toBeVisible();
  await context.close();
});

test('bulk edit by a formula: errors as you type, then every selected row computed from its own values', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl() });
  const page = await context.newPage();
  await signInAsClerk(page);
  await page.goto(`/apps/${setup.appId}/forms/${setup.customersId}/data`);
  await expect(page.getByText('共 2 条')).toBeVisible();
  const rows = page.locator('tr.fl-table-row');
  await rows.nth(0).locator('.ant-checkbox-input').check();
  await rows.nth(1).locator('.ant-checkbox-input').check();
  await page.getByRole('button', { name: '批量修改' }).click();
  const dialog = page.getByRole('dialog');
  await choose(page, dialog, '字段', '预计金额');
  await dialog.getByLabel('公式', { exact: true }).check();
  const formula = dialog.getByTestId('bulk-formula');
  await formula.fill('{预计金额} * 1.1 + {折扣}');
  await expect(dialog.getByText(/折扣/).first()).toBeVisible();
  await expect(dialog.getByRole('button', { name: /确\s*定/ })).toBeDisabled();
  await shot(page, 'bulk-formula-error-zh');

  await formula.fill('ROUND({预计金额} * 1.1, 0)');
  await expect(dialog.locator('.ant-form-item-explain-error')).toHaveCount(0);
  await shot(page, 'bulk-formula-zh');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByText('已修改 2 条数据')).toBeVisible();
  const after = await admin.call<{ items: { data: { f_name: string; f_amount: number } }[] }>(
    'POST',
    `/api/forms/${setup.customersId}/records/query`,
    {},
  );
  expect(Object.fromEntries(after.items.map((r) => [r.data.f_name, r.data.f_amount]))).toEqual({
    华东贸易: 5500,
    西南物流: 1320,
  });

  // The same dialog in English: the checker's messages follow the language.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByText('2 records')).toBeVisible();
  await rows.nth(0).locator('.ant-checkbox-input').check();
  await page.getByRole('button', { name: 'Edit selected' }).click();
  await choose(page, dialog, 'Field', '预计金额');
  await dialog.getByLabel('A formula', { exact: true }).check();
  await formula.fill('IF({预计金额} > 1000, "big", 1');
  await expect(dialog.locator('.ant-form-item-explain-error')).toBeVisible();
  await shot(page, 'bulk-formula-error-en');
  await context.close();
});

test('deleting a customer an order links to is refused and says so; the link cleared, it goes', async ({ browser }) => {
  const customers = await admin.call<{ items: { id: string; data: { f_name: string } }[] }>(
    'POST',
    `/api/forms/${setup.customersId}/records/query`,
    { filter: { rel: 'and', cond: [{ field: 'f_name', method: 'eq', value: '西南物流' }] } },
  );
  const target = customers.items[0].id;
  const order = await admin.call<{ id: string; version: number }>('POST', `/api/forms/${setup.ordersId}/records`, {
    data: { o_account: target, o_customer: target },
  });
  const context = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl() });
  const page = await context.newPage();
  await signInAsClerk(page);
  await page.goto(`/apps/${setup.appId}/forms/${setup.customersId}/data`);
  const row = page.locator('tr.fl-table-row', { hasText: '西南物流' });
  await row.locator('.ant-checkbox-input').check();
  await page.getByRole('button', { name: '批量删除' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '批量删除' }).click();
  // The message names the linking form and field with the count.
  await expect(page.locator('.ant-message-error')).toContainText('「订单」的「结算客户」中有 1 条数据');
  await shot(page, 'delete-refused-zh');
  await expect(row).toBeVisible();

  // The order's block-link removed: the delete goes through and clears the select-data pick.
  await admin.call('PATCH', `/api/forms/${setup.ordersId}/records/${order.id}`, {
    baseVersion: order.version,
    data: { o_account: null },
  });
  await page.getByRole('button', { name: '批量删除' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '批量删除' }).click();
  await expect(row).toHaveCount(0);
  const after = await admin.call<{ version: number; data: Record<string, unknown> }>(
    'GET',
    `/api/forms/${setup.ordersId}/records/${order.id}`,
  );
  expect(after.version).toBe(order.version + 2);
  expect(after.data.o_customer).toBeUndefined();
  await context.close();
});

test('a customer renamed in another tab, by bulk edit or by someone else, is shown by its new name without a reload', async ({
  browser,
}) => {
  const customer = await admin.call<{ id: string; version: number }>(
    'POST',
    `/api/forms/${setup.customersId}/records`,
    {
      data: { f_name: '东方电子', f_phone: '13700137000' },
    },
  );
  const order = await admin.call<{ id: string }>('POST', `/api/forms/${setup.ordersId}/records`, {
    data: { o_name: '改名订单', o_account: customer.id, o_customer: customer.id },
  });
  const context = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl() });
  const orders = await context.newPage();
  await signInAsClerk(orders);
  await orders.goto(`/apps/${setup.appId}/forms/${setup.ordersId}/data`);
  const row = orders.locator('tr.fl-table-row', { hasText: '改名订单' });
  // Both the link (结算客户) and the select-data pick (选择客户) name the customer.
  const named = (name: string) => row.getByTestId('link-cell').getByRole('link', { name, exact: true });
  await expect(named('东方电子')).toHaveCount(2);

  // A second tab of the same browser: the customer renamed there by a bulk edit.
  const customers = await context.newPage();
  await customers.goto(`/apps/${setup.appId}/forms/${setup.customersId}/data`);
  const customerRow = customers.locator('tr.fl-table-row', { hasText: '东方电子' });
  await expect(customerRow).toHaveCount(1);
  await customerRow.locator('.ant-checkbox-input').check();
  await customers.getByRole('button', { name: '批量修改' }).click();
  const dialog = customers.getByRole('dialog');
  await choose(customers, dialog, '字段', '客户名称');
  await dialog.getByRole('textbox', { name: '值' }).fill('东方电子集团');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(customers.getByText('已修改 1 条数据')).toBeVisible();

  // The orders tab was not reloaded, nor focused: its link cell and its select-data cell follow.
  await expect(named('东方电子集团')).toHaveCount(2);
  await expect(named('东方电子')).toHaveCount(0);
  await shot(orders, 'renamed-other-tab-zh');

  // On the record page, someone else renames it; coming back to the window shows the new name.
  await orders.goto(`/apps/${setup.appId}/forms/${setup.ordersId}/records/${order.id}`);
  await expect(orders.getByText('东方电子集团').first()).toBeVisible();
  const current = await admin.call<{ version: number }>(
    'GET',
    `/api/forms/${setup.customersId}/records/${customer.id}`,
  );
  await admin.call('PATCH', `/api/forms/${setup.customersId}/records/${customer.id}`, {
    baseVersion: current.version,
    data: { f_name: '东方电子股份' },
  });
  await customers.bringToFront();
  await orders.bringToFront();
  const labelReads: string[] = [];
  orders.on('request', (request) => {
    if (request.method() === 'POST' && request.url().includes(`/forms/${setup.customersId}/records/query`))
      labelReads.push(request.url());
  });
  // Headless Chromium does not move window focus between pages: say so as the browser would.
  await orders.evaluate(() =>
    (globalThis as unknown as { dispatchEvent(event: Event): boolean }).dispatchEvent(new Event('focus')),
  );
  await expect(orders.getByText('东方电子股份')).toHaveCount(2);
  // Two fields and the page's views name one customer: one request read it again.
  expect(labelReads).toHaveLength(1);
  await expect(orders.locator('body')).not.toContainText('东方电子集团');
  await shot(orders, 'renamed-on-focus-zh');
  await context.close();
});

test('in subform rows, the stage follows each row’s phone until the user types it', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl() });
  const page = await context.newPage();
  await signInAsClerk(page);
  await page.goto(`/apps/${setup.appId}/forms/${setup.ordersId}`);
  await page.getByLabel('客户名称').fill('明细联动订单');
  const subform = page.getByTestId('subform');
  await subform.getByRole('button', { name: '添加一行' }).click();
  await subform.getByRole('button', { name: '添加一行' }).click();
  const cell = (row: number, column: string) => subform.locator(`input[id$="_${column}"]`).nth(row);
  await cell(0, 'l_phone').fill('13800138000');
  await expect(cell(0, 'l_stage')).toHaveValue('成交');
  // The second row: typed by the user first, so its phone changes nothing there.
  await cell(1, 'l_stage').fill('待定');
  await cell(1, 'l_phone').fill('13800138000');
  await page.waitForTimeout(800);
  await expect(cell(1, 'l_stage')).toHaveValue('待定');
  await expect(cell(0, 'l_stage')).toHaveValue('成交');
  await shot(page, 'subform-linkage-zh');

  await page.getByRole('button', { name: /提\s*交/ }).click();
  await expect(page.getByText(/已提交|提交成功/).first()).toBeVisible();
  const stored = await admin.call<{ items: { data: Record<string, unknown> }[] }>(
    'POST',
    `/api/forms/${setup.ordersId}/records/query`,
    { filter: { rel: 'and', cond: [{ field: 'o_name', method: 'eq', value: '明细联动订单' }] } },
  );
  const rows = stored.items[0].data.o_lines as Array<Record<string, unknown>>;
  expect(rows.map((r) => [r.l_phone, r.l_stage])).toEqual([
    ['13800138000', '成交'],
    ['13800138000', '待定'],
  ]);
  await context.close();
});
