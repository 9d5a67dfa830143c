import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { choose } from './ant-select.js';
import { e2eUrl, type E2eApi } from './api-client.js';
import { createCustomerApp } from './player-fixture.js';

/**
 * The player's data table with 30 customers: filter with two conditions (a missing value is
 * refused by the server and shown on that condition; the filter survives a reload through the
 * URL; the filtered view exports to .xlsx and imports back at the end), bulk-edit two rows (first provoking a 409 by changing one behind the user's back),
 * bulk-delete one and restore it from the recycle bin. Screenshots in zh-CN and en of the
 * filter builder and the bin go to /tmp/shots/.
 */
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/player-table-${name}.png`, fullPage: true, animations: 'disabled' });

const CLERK = { username: 'zhaomin', password: 'zhaomin-password-123', displayName: '赵敏' };
const STAGES = ['lead', 'deal', 'won'];

interface Fixture {
  admin: E2eApi;
  appId: string;
  formId: string;
}

async function createTableFixture(adminPassword: string): Promise<Fixture> {
  const { admin, appId, formId } = await createCustomerApp(adminPassword, {
    member: CLERK,
    app: { name: '客户台账', description: '筛选与批量操作' },
    actions: ['create', 'read', 'update', 'delete', 'export', 'import'],
  });
  // Customer i (1…30): stage cycles lead, deal, won; amount i × 1000.
  const create = Array.from({ length: 30 }, (_, k) => {
    const i = k + 1;
    return { data: { f_name: `客户${String(i).padStart(2, '0')}`, f_stage: STAGES[i % 3], f_amount: i * 1000 } };
  });
  await admin.call('POST', `/api/forms/${formId}/records/batch`, { create });
  return { admin, appId, formId };
}

const waitForTable = (page: Page) => expect(page.locator('.ant-table .ant-spin-spinning')).toHaveCount(0);

test('a member filters, bulk-edits, bulk-deletes and restores from the bin', async ({ browser }) => {
  const adminPassword = process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '';
  const { admin, appId, formId } = await createTableFixture(adminPassword);
  const context = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl() });
  const page = await context.newPage();

  await page.goto('/');
  await page.getByLabel('用户名').fill(CLERK.username);
  await page.getByLabel('密码').fill(CLERK.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByRole('heading', { name: '我的应用' })).toBeVisible();
  await page.goto(`/apps/${appId}/forms/${formId}/data`);
  await expect(page.getByText('共 30 条')).toBeVisible();

  // Two conditions: stage = 成交, amount ≥ (no value yet). The server refuses the second; its
  // message shows on that condition only.
  await page.getByRole('button', { name: /筛\s*选/ }).click();
  const builder = page.getByTestId('filter-builder');
  await builder.getByRole('button', { name: 'plus 添加条件', exact: true }).click();
  const first = builder.getByTestId('filter-row').nth(0);
  await choose(page, first, '字段', '阶段');
  await choose(page, first, '值', '成交');
  await builder.getByRole('button', { name: 'plus 添加条件', exact: true }).click();
  const second = builder.getByTestId('filter-row').nth(1);
  await choose(page, second, '字段', '预计金额');
  await choose(page, second, '条件', '大于等于');
  await page.getByRole('button', { name: /应\s*用/ }).click();
  await expect(second.locator('.fl-filter-error')).toContainText('请填写值');
  await expect(first.locator('.fl-filter-error')).toHaveCount(0);
  await shot(page, 'filter-error-zh');

  await second.getByRole('spinbutton', { name: '值' }).fill('15000');
  await page.getByRole('button', { name: /应\s*用/ }).click();
  // Won customers are 2, 5, 8 …; of those 17, 20, 23, 26 and 29 have at least 15000.
  await expect(page.getByText('共 5 条')).toBeVisible();
  await expect(second.locator('.fl-filter-error')).toHaveCount(0);
  await waitForTable(page);
  await shot(page, 'filter-zh');

  // Export the filtered view: an .xlsx download of the 5 rows.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /导出 Excel/ }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
  // Kept outside Playwright's output folder, which another run may clear meanwhile.
  const exported = join(mkdtempSync(join(tmpdir(), 'formloom-table-')), 'export.xlsx');
  await download.saveAs(exported);
  expect(readFileSync(exported).subarray(0, 2).toString()).toBe('PK');

  // The filter is in the URL: a reload shows the same rows and conditions.
  expect(new URL(page.url()).searchParams.get('filter')).toContain('f_amount');
  await page.reload();
  await expect(page.getByText('共 5 条')).toBeVisible();
  await expect(page.getByTestId('filter-row')).toHaveCount(2);

  // Bulk edit two rows; meanwhile the admin changes one of them: the member is told which one.
  const rows = page.locator('tr.fl-table-row');
  await expect(rows).toHaveCount(5);
  const names = [
    (await rows.nth(0).locator('td').nth(1).innerText()).trim(),
    (await rows.nth(1).locator('td').nth(1).innerText()).trim(),
  ];
  await rows.nth(0).locator('.ant-checkbox-input').check();
  await rows.nth(1).locator('.ant-checkbox-input').check();
  await expect(page.getByTestId('bulk-bar')).toContainText('已选 2 条');
  const page1 = await admin.call<{ items: { id: string; version: number; data: { f_name: string } }[] }>(
    'POST',
    `/api/forms/${formId}/records/query`,
    { filter: { rel: 'and', cond: [{ field: 'f_name', method: 'eq', value: names[1] }] } },
  );
  const moved = page1.items[0];
  await admin.call('PATCH', `/api/forms/${formId}/records/${moved.id}`, {
    baseVersion: moved.version,
    data: { f_vip: true },
  });
  await page.getByRole('button', { name: '批量修改' }).click();
  const dialog = page.getByRole('dialog');
  await choose(page, dialog, '字段', '备注');
  await dialog.getByRole('textbox', { name: '值' }).fill('年底回访');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  const warning = page.locator('.ant-modal-confirm');
  await expect(warning).toContainText(names[1]);
  await expect(warning).not.toContainText(names[0]);
  await shot(page, 'bulk-conflict-zh');
  await warning.getByRole('button').click();

  // After the reload (the admin's change is visible) the two rows are selected again and the edit goes through.
  await expect(rows.filter({ hasText: names[1] })).toContainText('是');
  await waitForTable(page);
  for (const name of names) await rows.filter({ hasText: name }).locator('.ant-checkbox-input').check();
  await page.getByRole('button', { name: '批量修改' }).click();
  await choose(page, dialog, '字段', '备注');
  await dialog.getByRole('textbox', { name: '值' }).fill('年底回访');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByText('已修改 2 条数据')).toBeVisible();
  const noted = await admin.call<{ items: { data: { f_name: string } }[] }>(
    'POST',
    `/api/forms/${formId}/records/query`,
    { filter: { rel: 'and', cond: [{ field: 'f_notes', method: 'eq', value: '年底回访' }] } },
  );
  expect(noted.items.map((r) => r.data.f_name).sort()).toEqual([...names].sort());

  // Bulk delete one row: it leaves the table and lands in the recycle bin.
  await expect(rows.filter({ hasText: names[0] })).toContainText('年底回访');
  await waitForTable(page);
  await rows.filter({ hasText: names[0] }).locator('.ant-checkbox-input').check();
  await page.getByRole('button', { name: '批量删除' }).click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '批量删除' }).click();
  await expect(page.getByText('共 4 条')).toBeVisible();

  await page.getByRole('tab', { name: '回收站' }).click();
  const bin = page.getByTestId('recycle-bin');
  const binRow = bin.locator('.ant-table-row', { hasText: names[0] });
  await expect(binRow).toBeVisible();
  await shot(page, 'bin-zh');

  // English: the same screens in the other language.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Recycle bin' })).toBeVisible();
  await expect(binRow.getByRole('button', { name: 'Restore' })).toBeVisible();
  await shot(page, 'bin-en');
  await binRow.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText('Record restored')).toBeVisible();
  await expect(binRow).toHaveCount(0);

  await page.getByRole('tab', { name: 'Data' }).click();
  await expect(page.getByText('5 records')).toBeVisible();
  await expect(page.locator('tr.fl-table-row', { hasText: names[0] })).toBeVisible();
  await expect(page.getByTestId('filter-row')).toHaveCount(2);
  await waitForTable(page);
  await shot(page, 'filter-en');

  // A nested group (any of) in the builder, as it looks before it is applied.
  await page.getByRole('button', { name: 'Add group' }).click();
  const group = page.getByTestId('filter-group');
  await expect(group.getByTestId('filter-row')).toHaveCount(1);
  await group.getByRole('button', { name: 'plus Add condition', exact: true }).click();
  await expect(group.getByTestId('filter-row')).toHaveCount(2);
  await shot(page, 'filter-group-en');

  // Import the exported file back: columns mapped by their headers, progress, 5 more rows.
  await page.getByRole('button', { name: 'Import from Excel' }).click();
  const importDialog = page.getByRole('dialog');
  await importDialog.locator('input[type=file]').setInputFiles(exported);
  await expect(importDialog.getByRole('combobox', { name: 'Field for column 客户名称' })).toBeVisible();
  await shot(page, 'import-mapping-en');
  await importDialog.getByRole('button', { name: 'Start import' }).click();
  await expect(importDialog.getByTestId('import-progress')).toContainText('5 created, 0 failed, of 5 rows');
  await expect(importDialog.getByRole('button', { name: 'Done' })).toBeEnabled();
  await shot(page, 'import-done-en');
  await importDialog.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByText('10 records')).toBeVisible();
  await context.close();
});
