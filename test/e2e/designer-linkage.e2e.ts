import { mkdirSync } from 'node:fs';
import type { FormDefinition } from '@formloom/model';
import { expect, test, type Page } from '@playwright/test';
import { choose } from './ant-select.js';
import { e2eUrl, signIn } from './api-client.js';
import { customerForm } from './player-fixture.js';

/**
 * The designer's property panel for data linkage: a data-linkage default (take a customer's
 * stage where its phone equals this form's phone) and the fields a select-data field copies,
 * saved into the draft as the player and the server read them. Screenshots in /tmp/shots/.
 */
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/designer-linkage-${name}.png`, animations: 'disabled' });

const ordersDraft = (customersId: string): FormDefinition => ({
  schema: {
    type: 'object',
    properties: {
      o_customer: { type: 'string' },
      o_name: { type: 'string' },
      o_phone: { type: 'string' },
      o_stage: { type: 'string' },
    },
  },
  uiSchema: {},
  fields: {
    o_customer: { kind: 'select_data', label: '选择客户', link: { formId: customersId, displayFields: ['f_name'] } },
    o_name: { kind: 'text', label: '客户名称' },
    o_phone: { kind: 'text', label: '联系电话' },
    o_stage: { kind: 'text', label: '客户阶段' },
  },
});

test('a builder sets a data-linkage default and the fields a select-data field copies', async ({ browser }) => {
  const adminPassword = process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '';
  const admin = await signIn('admin', adminPassword);
  const app = await admin.call<{ id: string }>('POST', '/api/apps', { name: '联动设计', description: '' });
  const customers = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/forms`, {
    name: '客户',
    definition: customerForm(),
  });
  const orders = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/forms`, {
    name: '订单',
    definition: ordersDraft(customers.id),
  });

  const context = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl() });
  const page = await context.newPage();
  await page.goto('/designer/');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(adminPassword);
  await page.locator('button[type=submit]').click();
  await expect(page.getByText('新建应用')).toBeVisible();
  await page.goto(`/designer/#/forms/${orders.id}`);
  await expect(page.getByTestId('canvas')).toBeVisible();

  const panel = page.getByTestId('property-panel');
  await page.getByTestId('canvas-field-o_stage').click();
  await panel.getByText('数据联动', { exact: true }).click();
  const linkage = panel.getByTestId('prop-linkage');
  await choose(page, linkage, '联动表单', '客户');
  await linkage.getByRole('button', { name: /添加条件/ }).click();
  await choose(page, linkage, '联动表单的字段', '手机号码');
  await choose(page, linkage, '当前表单的字段', '联系电话');
  await choose(page, linkage, '取该数据的字段', '阶段');
  await shot(page, 'default-zh');

  await page.getByTestId('canvas-field-o_customer').click();
  const copy = panel.getByTestId('prop-copy-fields');
  await choose(page, copy, '添加填充字段…', '客户名称');
  await expect(copy.getByRole('combobox', { name: '当前表单的字段' })).toHaveCount(1);
  await shot(page, 'copy-zh');

  await page.getByTestId('save-draft').click();
  await expect(page.getByText('草稿已保存')).toBeVisible();
  const saved = await admin.call<{ draft: FormDefinition }>('GET', `/api/forms/${orders.id}`);
  expect(saved.draft.fields.o_stage.default).toEqual({
    type: 'linkage',
    formId: customers.id,
    sourceField: 'f_stage',
    condition: { rel: 'and', cond: [{ field: 'f_phone', method: 'eq', valueFrom: { field: 'o_phone' } }] },
  });
  expect(saved.draft.fields.o_customer.link?.copy).toEqual({ f_name: 'o_name' });
  await context.close();
});
