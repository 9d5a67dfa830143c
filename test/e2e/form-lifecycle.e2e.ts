import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FormDefinition } from '@formloom/model';
import { expect, test, type Page } from '@playwright/test';
import { e2eUrl, signIn, type E2eApi } from './api-client.js';
import { choose, pick } from './ant-select.js';
import { dragToCanvas } from './designer-drag.js';

/**
 * A form's whole life, as the people who use it see it. An app builder drags 14 field kinds onto
 * the designer's canvas (section, text, link to the customers form, drop-down, date, number,
 * money, a formula over them, switch, a multi-line text shown only when the switch is on, email,
 * attachment, a subform with two columns, description), sets them up in the property panel,
 * saves and publishes. A member fills it in the player (the formula computes while typing, the
 * rule shows and hides the invoice title, a customer is picked by search, a file is uploaded,
 * subform rows are added), submits, finds the record in the table with the filter builder,
 * edits it while the admin changes it through the API, merges the two edits in the conflict
 * dialog, exports the table to Excel and imports the file back. Screenshots go to /tmp/shots/.
 */
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/lifecycle-${name}.png`, fullPage: true, animations: 'disabled' });

const BUYER = { username: 'qianduoduo', password: 'qianduoduo-password-123', displayName: '钱多多' };
const CONTRACT = Buffer.from('订货合同 2026-001\n甲方：华东贸易\n', 'utf8');

function customersForm(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_name'],
      properties: { f_name: { type: 'string', minLength: 1 }, f_city: { type: 'string' } },
    },
    uiSchema: { 'ui:order': ['f_name', 'f_city'] },
    fields: { f_name: { kind: 'text', label: '客户名称' }, f_city: { kind: 'text', label: '城市' } },
  };
}

/** The admin's API, the buyer, an app they belong to, and a published customers form with three records. */
async function createOrderApp(adminPassword: string) {
  const admin = await signIn('admin', adminPassword);
  const buyer = await admin.call<{ id: string }>('POST', '/api/org/users', BUYER);
  const app = await admin.call<{ id: string }>('POST', '/api/apps', {
    name: '订货管理',
    description: '订单、客户与合同',
    members: { users: [buyer.id] },
  });
  const customers = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/forms`, {
    name: '客户',
    definition: customersForm(),
  });
  await admin.call('POST', `/api/forms/${customers.id}/publish`, {});
  await everyoneMay(admin, customers.id, ['read']);
  await admin.call('POST', `/api/forms/${customers.id}/records/batch`, {
    create: [
      { data: { f_name: '华东贸易有限公司', f_city: '上海' } },
      { data: { f_name: '北方机械厂', f_city: '沈阳' } },
      { data: { f_name: '南粤电子', f_city: '深圳' } },
    ],
  });
  return { admin, appId: app.id, customersId: customers.id };
}

function everyoneMay(admin: E2eApi, formId: string, actions: string[]) {
  return admin.call('PUT', `/api/forms/${formId}/permissions`, {
    groups: [{ id: 'everyone', name: 'Everyone', subjects: { everyone: true }, actions, scope: 'all' }],
  });
}

type Stored = { id: string; version: number; data: Record<string, unknown> };

// The first load of a 2 MB bundle can take a while on a busy CI machine; later steps are quick.
test.use({ actionTimeout: 30_000 });

test('a builder designs an order form; a member fills, finds, edits, merges, exports and imports it', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const adminPassword = process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '';
  const { admin, appId, customersId } = await createOrderApp(adminPassword);
  const errors: string[] = [];

  // ---- The builder, in the designer (zh-CN).
  const builderContext = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl() });
  const designer = await builderContext.newPage();
  designer.on('pageerror', (e) => errors.push(`designer: ${e.message}`));
  await designer.goto('/designer/');
  await expect(designer.getByLabel('用户名')).toBeVisible({ timeout: 60_000 });
  await designer.getByLabel('用户名').fill('admin');
  await designer.getByLabel('密码').fill(adminPassword);
  await designer.locator('button[type=submit]').click();
  await designer.getByRole('link', { name: '订货管理' }).click();
  await expect(designer.getByText('订货管理 的表单')).toBeVisible();
  await designer.getByLabel('表单名称').fill('订单');
  await designer.getByLabel('表单名称').press('Enter');
  await expect(designer.getByTestId('canvas')).toBeVisible();
  const orderId = decodeURIComponent(new URL(designer.url()).hash.replace('#/forms/', ''));

  const label = designer.getByLabel('标题', { exact: true });
  const panel = designer.getByTestId('property-panel');
  const fields = designer.locator('[data-testid^=canvas-field-]');
  const add = async (kind: string, name: string) => {
    await dragToCanvas(designer, kind);
    await label.fill(name);
    await expect(fields.last()).toContainText(name);
  };

  await add('section', '订单信息');
  await add('text', '订单标题');
  await panel.getByText('必填', { exact: true }).click();
  await expect(fields.last()).toContainText('*订单标题');
  await designer.getByLabel('提示文字').fill('例如：三季度备货');

  await add('link', '客户');
  await choose(designer, panel, '关联表单', '客户');
  await choose(designer, panel, '显示字段', '客户名称');
  await designer.keyboard.press('Escape');

  await add('select', '付款方式');
  const optionInputs = panel.getByRole('textbox', { name: '选项文字' });
  await expect(optionInputs).toHaveCount(3);
  for (const [i, text] of ['对公转账', '现金', '承兑汇票'].entries()) await optionInputs.nth(i).fill(text);
  await expect(fields.last()).toContainText('对公转账 / 现金 / 承兑汇票');

  await add('date', '交货日期');
  await add('number', '数量');
  await designer.getByLabel('单位', { exact: true }).fill('件');
  await add('money', '单价');
  await add('formula', '金额');
  await designer.getByLabel('公式', { exact: true }).fill('{数量}*{单价}');
  await expect(panel.locator('.ant-form-item-explain-error')).toHaveCount(0);

  await add('switch', '需要发票');
  await add('textarea', '发票抬头');
  await panel.getByRole('button', { name: '添加条件' }).click();
  await choose(designer, panel, '字段', '需要发票');
  await choose(designer, panel, '条件', '等于');
  await choose(designer, panel, '值', '是');
  await expect(fields.last().getByLabel('显示条件')).toBeVisible();

  await add('email', '联系邮箱');
  await add('attachment', '合同附件');

  await add('subform', '明细');
  const subformEditor = designer.getByTestId('subform-editor');
  await subformEditor.getByRole('textbox', { name: '字段标题' }).first().fill('品名');
  await subformEditor.getByRole('button', { name: '添加字段' }).click();
  await subformEditor.getByRole('textbox', { name: '字段标题' }).nth(1).fill('件数');
  await pick(designer, subformEditor.getByRole('combobox', { name: '字段类型' }).nth(1), '数字');
  await expect(fields.last()).toContainText('品名');
  await expect(fields.last()).toContainText('件数');

  await add('description', '提交说明');
  await designer.getByLabel('描述', { exact: true }).fill('提交后由财务审核，金额按数量×单价自动计算。');
  await expect(fields).toHaveCount(14);
  await fields.nth(7).click(); // the formula field: its property panel on the screenshot
  await shot(designer, 'designer-zh');

  await designer.getByTestId('save-draft').click();
  await expect(designer.getByText('草稿已保存')).toBeVisible();
  await designer.getByTestId('publish').click();
  await expect(designer.getByText('已发布版本 1')).toBeVisible();

  // What the server holds: the kinds in canvas order, the formula by key, the rule on the switch.
  const { definition } = await admin.call<{ definition: FormDefinition }>(
    'GET',
    `/api/forms/${encodeURIComponent(orderId)}/versions/1`,
  );
  const byLabel = (text: string) => {
    const entry = Object.entries(definition.fields).find(([, m]) => m.label === text);
    if (!entry) throw new Error(`no field labelled ${text}`);
    return entry[0];
  };
  expect(Object.values(definition.fields).map((m) => m.kind)).toEqual([
    'section',
    'text',
    'link',
    'select',
    'date',
    'number',
    'money',
    'formula',
    'switch',
    'textarea',
    'email',
    'attachment',
    'subform',
    'description',
  ]);
  expect(definition.fields[byLabel('金额')].formula).toBe(`{${byLabel('数量')}}*{${byLabel('单价')}}`);
  expect(definition.fields[byLabel('发票抬头')].visibility).toEqual({
    rel: 'and',
    cond: [{ field: byLabel('需要发票'), method: 'eq', value: true }],
  });
  expect(definition.fields[byLabel('客户')].link).toMatchObject({ formId: customersId, displayFields: ['f_name'] });
  expect(definition.schema.required).toEqual([byLabel('订单标题')]);
  await everyoneMay(admin, orderId, ['create', 'read', 'update', 'export', 'import']);
  await builderContext.close();

  // ---- The member, in the player.
  const memberContext = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl(), acceptDownloads: true });
  const page = await memberContext.newPage();
  page.on('pageerror', (e) => errors.push(`player: ${e.message}`));
  await page.goto('/');
  await expect(page.getByLabel('用户名')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('用户名').fill(BUYER.username);
  await page.getByLabel('密码').fill(BUYER.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByRole('heading', { name: '我的应用' })).toBeVisible();
  await page.getByText('订货管理').click();
  await page.getByRole('menuitem', { name: /订单/ }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${appId}/forms/${orderId}$`));
  await expect(page.getByText('订单信息')).toBeVisible();
  await expect(page.getByText('提交后由财务审核')).toBeVisible();

  const item = (text: string) => page.locator(`[data-field="${byLabel(text)}"]`);
  await page.getByLabel('订单标题').fill('三季度备货');
  await page.getByLabel('数量').fill('12');
  await page.getByLabel('单价').fill('25.5');
  // The formula follows the typing.
  await expect(item('金额').getByTestId('formula-value')).toHaveText('306');
  await page.getByLabel('数量').fill('120');
  await expect(item('金额').getByTestId('formula-value')).toHaveText('3060');

  // The invoice title shows only while the switch is on.
  await expect(item('发票抬头')).toHaveCount(0);
  await item('需要发票').getByRole('switch').click();
  await expect(page.getByLabel('发票抬头')).toBeVisible();
  await page.getByLabel('发票抬头').fill('华东贸易有限公司');
  await item('需要发票').getByRole('switch').click();
  await expect(item('发票抬头')).toHaveCount(0);
  await item('需要发票').getByRole('switch').click();
  await expect(page.getByLabel('发票抬头')).toBeVisible();
  await page.getByLabel('发票抬头').fill('华东贸易有限公司');

  // Pick the customer by searching.
  await item('客户').getByRole('combobox').click();
  await item('客户').getByRole('combobox').fill('华东');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '华东贸易有限公司' }).click();
  await expect(item('客户')).toContainText('华东贸易有限公司');

  await choose(page, page, '付款方式', '对公转账');
  await page.getByLabel('联系邮箱').fill('buyer@example.com');

  // Upload the contract.
  await item('合同附件').locator('input[type=file]').setInputFiles({
    name: '订货合同.txt',
    mimeType: 'text/plain',
    buffer: CONTRACT,
  });
  await expect(item('合同附件').locator('.ant-upload-list-item-done')).toHaveCount(1);

  // Two subform rows.
  const subform = item('明细');
  await subform.getByRole('button', { name: '添加一行' }).click();
  await subform.getByRole('button', { name: '添加一行' }).click();
  const rows = subform.locator('tbody tr.ant-table-row');
  await expect(rows).toHaveCount(2);
  await rows.nth(0).locator('input').nth(0).fill('螺栓 M8');
  await rows.nth(0).locator('input').nth(1).fill('100');
  await rows.nth(1).locator('input').nth(0).fill('垫片');
  await rows.nth(1).locator('input').nth(1).fill('20');
  await shot(page, 'fill-zh');

  await page.getByRole('button', { name: /提\s*交/ }).click();
  await expect(page.getByText('提交成功')).toBeVisible();
  const created = await admin.call<{ items: Stored[] }>('POST', `/api/forms/${orderId}/records/query`, {});
  expect(created.items).toHaveLength(1);
  const order = created.items[0];
  expect(order.data[byLabel('金额')]).toBe(3060);
  expect(order.data[byLabel('发票抬头')]).toBe('华东贸易有限公司');
  expect(order.data[byLabel('明细')]).toHaveLength(2);
  expect((order.data[byLabel('合同附件')] as { name: string }[])[0].name).toBe('订货合同.txt');
  const customers = await admin.call<{ items: Stored[] }>('POST', `/api/forms/${customersId}/records/query`, {
    filter: { rel: 'and', cond: [{ field: 'f_name', method: 'eq', value: '华东贸易有限公司' }] },
  });
  expect(order.data[byLabel('客户')]).toBe(customers.items[0].id);

  // ---- Find it in the table with the filter builder (two more orders make it a real search).
  await admin.call('POST', `/api/forms/${orderId}/records/batch`, {
    create: [
      { data: { [byLabel('订单标题')]: '年末促销', [byLabel('数量')]: 5, [byLabel('单价')]: 10 } },
      { data: { [byLabel('订单标题')]: '样品', [byLabel('数量')]: 1, [byLabel('单价')]: 99 } },
    ],
  });
  await page.getByRole('tab', { name: '数据' }).click();
  await expect(page.getByText('共 3 条')).toBeVisible();
  await page.getByRole('button', { name: /筛\s*选/ }).click();
  const builder = page.getByTestId('filter-builder');
  await builder.getByRole('button', { name: 'plus 添加条件', exact: true }).click();
  const condition = builder.getByTestId('filter-row').nth(0);
  await choose(page, condition, '字段', '金额');
  await choose(page, condition, '条件', '大于等于');
  await condition.getByRole('spinbutton', { name: '值' }).fill('1000');
  await page.getByRole('button', { name: /应\s*用/ }).click();
  await expect(page.getByText('共 1 条')).toBeVisible();
  const row = page.locator('tr.fl-table-row', { hasText: '三季度备货' });
  await expect(row).toContainText('对公转账');
  await expect(row).toContainText('120 件');
  await expect(row).toContainText('3060');
  await expect(page.locator('.ant-table .ant-spin-spinning')).toHaveCount(0);
  await shot(page, 'table-filter-zh');

  // ---- Edit it; meanwhile the admin changes the unit price through the API.
  await row.click();
  await expect(page.getByTestId('record-version')).toHaveText('· 版本 1');
  await page.getByRole('button', { name: /编\s*辑/ }).click();
  await admin.call('PATCH', `/api/forms/${orderId}/records/${order.id}`, {
    baseVersion: 1,
    data: { [byLabel('单价')]: 26 },
  });
  await page.getByLabel('订单标题').fill('三季度备货（加急）');
  await page.getByRole('button', { name: /保\s*存/ }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('其他人修改了这条数据');
  await expect(dialog).toContainText('三季度备货（加急）');
  await expect(dialog).toContainText('26');
  await shot(page, 'conflict-zh');
  // Merge: my title, their price; the formula is computed again from both.
  await dialog.getByRole('button', { name: '合并保存' }).click();
  await expect(page.getByTestId('record-version')).toHaveText('· 版本 3');
  const merged = await admin.call<Stored>('GET', `/api/forms/${orderId}/records/${order.id}`);
  expect(merged.data[byLabel('订单标题')]).toBe('三季度备货（加急）');
  expect(merged.data[byLabel('单价')]).toBe(26);
  expect(merged.data[byLabel('金额')]).toBe(3120);
  await expect(page.getByTestId('history-entry')).toHaveCount(3);
  await shot(page, 'record-merged-zh');

  // ---- Export the filtered table and import the file back.
  await page.getByRole('button', { name: '返回数据列表' }).click();
  await expect(page.getByText('共 1 条')).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /导出 Excel/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^订单-.*\.xlsx$/);
  const exported = join(mkdtempSync(join(tmpdir(), 'formloom-lifecycle-')), 'orders.xlsx');
  await download.saveAs(exported);
  expect(readFileSync(exported).subarray(0, 2).toString()).toBe('PK');

  await page.getByRole('button', { name: '从 Excel 导入' }).click();
  const importDialog = page.getByRole('dialog');
  await importDialog.locator('input[type=file]').setInputFiles(exported);
  await expect(importDialog.getByRole('combobox', { name: '列 订单标题 对应的字段' })).toBeVisible();
  await expect(importDialog).toContainText('创建时间');
  await shot(page, 'import-mapping-zh');
  await importDialog.getByRole('button', { name: '开始导入' }).click();
  await expect(importDialog.getByTestId('import-progress')).toContainText('成功 1 行，失败 0 行');
  await shot(page, 'import-done-zh');
  await importDialog.getByRole('button', { name: /完\s*成/ }).click();
  await expect(page.getByText('共 2 条')).toBeVisible();
  const imported = await admin.call<{ items: Stored[] }>('POST', `/api/forms/${orderId}/records/query`, {
    filter: { rel: 'and', cond: [{ field: byLabel('订单标题'), method: 'eq', value: '三季度备货（加急）' }] },
  });
  expect(imported.items).toHaveLength(2);
  const copy = imported.items.find((r) => r.id !== order.id);
  expect(copy?.data[byLabel('数量')]).toBe(120);
  expect(copy?.data[byLabel('金额')]).toBe(3120);
  // The customer went out as its name and came back as the same linked record.
  expect(copy?.data[byLabel('客户')]).toBe(order.data[byLabel('客户')]);

  expect(errors).toEqual([]);
  await memberContext.close();
});
