import { mkdirSync } from 'node:fs';
import type { FormDefinition } from '@formloom/model';
import { expect, test, type Page } from '@playwright/test';
import { e2eUrl, signIn, type E2eApi } from './api-client.js';

/**
 * What a user notices around errors and names, on the built player: the server's errors in the
 * user's language and on the right subform cell, a failed formula shown as an error (live, in
 * the record view and in the table), and people and departments named instead of their ids
 * (record view, table, subform rows, history). Screenshots go to /tmp/shots/.
 */
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/player-polish-${name}.png`, fullPage: true, animations: 'disabled' });

const SELLER = { username: 'chenjing', password: 'chenjing-password-123', displayName: '陈静' };
const PARTNER = { username: 'hetao', password: 'hetao-password-123', displayName: '何涛' };

function quoteForm(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['q_title'],
      properties: {
        q_title: { type: 'string', maxLength: 40 },
        q_phone: { type: 'string' },
        q_owner: { type: 'string' },
        q_depts: { type: 'array', items: { type: 'string' } },
        q_total: { type: 'number' },
        q_count: { type: 'number' },
        q_average: {},
        q_items: { type: 'array', items: { type: 'object' } },
      },
    },
    uiSchema: {
      'ui:order': ['q_title', 'q_phone', 'q_owner', 'q_depts', 'q_total', 'q_count', 'q_average', 'q_items'],
    },
    fields: {
      q_title: { kind: 'text', label: '报价标题' },
      q_phone: { kind: 'phone', label: '联系手机' },
      q_owner: { kind: 'member', label: '负责人' },
      q_depts: { kind: 'departments', label: '协作部门' },
      q_total: { kind: 'number', label: '总金额' },
      q_count: { kind: 'number', label: '份数' },
      q_average: { kind: 'formula', label: '每份金额', formula: '{q_total}/{q_count}' },
      q_items: {
        kind: 'subform',
        label: '明细',
        subform: {
          fields: {
            c_name: { kind: 'text', label: '品名' },
            c_phone: { kind: 'phone', label: '对接手机' },
            c_who: { kind: 'member', label: '经办人' },
          },
        },
      },
    },
  };
}

async function fixture() {
  const admin = await signIn('admin', process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '');
  const dept = await admin.call<{ id: string }>('POST', '/api/org/departments', { name: '华南销售部' });
  const seller = await admin.call<{ id: string }>('POST', '/api/org/users', { ...SELLER, deptIds: [dept.id] });
  const partner = await admin.call<{ id: string }>('POST', '/api/org/users', PARTNER);
  const app = await admin.call<{ id: string }>('POST', '/api/apps', {
    name: '报价管理',
    description: '报价与明细',
    members: { users: [seller.id, partner.id] },
  });
  const form = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/forms`, {
    name: '报价',
    definition: quoteForm(),
  });
  await admin.call('POST', `/api/forms/${form.id}/publish`, {});
  await admin.call('PUT', `/api/forms/${form.id}/permissions`, {
    groups: [
      {
        id: 'all',
        name: 'All',
        subjects: { everyone: true },
        actions: ['create', 'read', 'update'],
        scope: 'all',
      },
    ],
  });
  return { admin, appId: app.id, formId: form.id, sellerId: seller.id, partnerId: partner.id, deptId: dept.id };
}

async function signInAs(page: Page, who: { username: string; password: string }, heading: RegExp) {
  await page.goto('/');
  await page.getByLabel(/用户名|Username/).fill(who.username);
  await page.getByLabel(/密码|Password/).fill(who.password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await expect(page.getByRole('heading', { name: heading })).toBeVisible();
}

let setup: Awaited<ReturnType<typeof fixture>>;
let admin: E2eApi;
test.beforeAll(async () => {
  setup = await fixture();
  admin = setup.admin;
});

test('server errors land translated on their field and on the right subform cell; a failed formula says why', async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl() });
  const page = await context.newPage();
  await signInAs(page, SELLER, /我的应用/);
  await page.goto(`/apps/${setup.appId}/forms/${setup.formId}`);

  await page.getByLabel('报价标题').fill('年度框架报价');
  await page.getByLabel('总金额').fill('1000');
  await page.getByLabel('份数').fill('0');
  const average = page.locator('[data-field="q_average"]');
  await expect(average.getByTestId('formula-error')).toContainText('#DIV/0!');
  await expect(average.getByTestId('formula-error')).toContainText('除数为零');

  // Two subform rows; the second's phone is one only the server refuses.
  const subform = page.getByTestId('subform');
  await subform.getByRole('button', { name: /添加一行/ }).click();
  await subform.getByRole('button', { name: /添加一行/ }).click();
  const rows = subform.locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(2);
  await rows.nth(0).locator('input').nth(0).fill('服务器');
  await rows.nth(0).locator('input').nth(1).fill('13800138000');
  await rows.nth(1).locator('input').nth(0).fill('交换机');
  await rows.nth(1).locator('input').nth(1).fill('12345');
  await page.getByLabel('联系手机').fill('555');

  await page.getByRole('button', { name: /提\s*交/ }).click();
  const cellError = rows.nth(1).getByTestId('subform-cell-error');
  await expect(cellError).toContainText('不是有效的手机号码');
  await expect(rows.nth(0).getByTestId('subform-cell-error')).toHaveCount(0);
  await expect(page.locator('[data-field="q_phone"]')).toContainText('不是有效的手机号码');
  // The server's English sentence is not what the user reads.
  await expect(page.getByText(/Must be a mainland mobile number/)).toHaveCount(0);
  await shot(page, 'errors-zh');

  await page.getByLabel('联系手机').fill('13900139000');
  await rows.nth(1).locator('input').nth(1).fill('13700137000');
  await page.getByRole('button', { name: /提\s*交/ }).click();
  await expect(page.getByText(/已提交|提交成功/).first()).toBeVisible();
  await context.close();
});

test('people and departments by name, and failed formulas as errors, in the table, the record and its history', async ({
  browser,
}) => {
  const created = await admin.call<{ id: string }>('POST', `/api/forms/${setup.formId}/records`, {
    data: {
      q_title: '华南渠道报价',
      q_owner: setup.sellerId,
      q_depts: [setup.deptId],
      q_total: 900,
      q_count: 0,
      q_items: [
        { _rowId: 'row1', c_name: '路由器', c_who: setup.partnerId },
        { _rowId: 'row2', c_name: '网线', c_who: setup.sellerId },
      ],
    },
  });
  const context = await browser.newContext({ locale: 'en-US', baseURL: e2eUrl() });
  const page = await context.newPage();
  await signInAs(page, PARTNER, /My apps/);
  const directoryLookups: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/directory/users')) directoryLookups.push(request.url());
  });
  await page.goto(`/apps/${setup.appId}/forms/${setup.formId}/data`);

  const row = page.locator('tr', { hasText: '华南渠道报价' });
  await expect(row).toContainText(SELLER.displayName);
  await expect(row).toContainText('华南销售部');
  await expect(row.getByTestId('formula-error')).toContainText('#DIV/0!');
  await expect(row).not.toContainText(setup.sellerId);
  // The people of every cell of the page are named by one directory request.
  expect(directoryLookups).toHaveLength(1);
  await shot(page, 'table-en');

  // Someone changes the owner: the history names both people.
  const current = await admin.call<{ version: number }>('GET', `/api/forms/${setup.formId}/records/${created.id}`);
  await admin.call('PATCH', `/api/forms/${setup.formId}/records/${created.id}`, {
    baseVersion: current.version,
    data: { q_owner: setup.partnerId },
  });
  await page.goto(`/apps/${setup.appId}/forms/${setup.formId}/records/${created.id}`);
  const fields = page.locator('.ant-descriptions');
  await expect(fields).toContainText(PARTNER.displayName);
  await expect(fields).toContainText('华南销售部');
  await expect(fields).toContainText(`路由器 / ${PARTNER.displayName}`);
  await expect(fields.getByTestId('formula-error')).toContainText('Division by zero');
  await expect(fields).not.toContainText(setup.partnerId);
  const history = page.getByTestId('history-entry').first();
  await expect(history).toContainText(`${SELLER.displayName} → ${PARTNER.displayName}`);
  await shot(page, 'record-en');
  await context.close();
});
