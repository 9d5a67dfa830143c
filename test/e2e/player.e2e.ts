import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { e2eUrl, signIn } from './api-client.js';
import { createPlayerFixture, MEMBER } from './player-fixture.js';

/**
 * The player as a member uses it: sign in (wrong password first), switch language, open the
 * form, submit with a value the server refuses (its error shows on the field), fix it, find
 * the record in the table, open it, edit it, and resolve a version conflict caused by someone
 * else's edit. Screenshots in zh-CN and en go to /tmp/shots/.
 */
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/player-${name}.png`, fullPage: true, animations: 'disabled' });

test('a member fills, finds, edits and merges a record in zh-CN and en', async ({ browser }) => {
  const adminPassword = process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '';
  const { appId, formId } = await createPlayerFixture(adminPassword);
  const context = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl() });
  const page = await context.newPage();

  // Sign in: a wrong password shows the server's message; the first screen is in Chinese.
  await page.goto('/');
  await expect(page.getByRole('heading', { name: '登录 Formloom' })).toBeVisible();
  await page.getByLabel('用户名').fill(MEMBER.username);
  await page.getByLabel('密码').fill('not-the-password');
  await page
    .getByRole('button', { name: '登 录' })
    .or(page.getByRole('button', { name: '登录' }))
    .click();
  await expect(page.locator('.ant-alert-error')).toBeVisible();
  await shot(page, 'login-error-zh');
  await page.getByLabel('密码').fill(MEMBER.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();

  // Home: the app the member belongs to, as a card.
  await expect(page.getByRole('heading', { name: '我的应用' })).toBeVisible();
  await expect(page.getByText('销售管理')).toBeVisible();
  await shot(page, 'home-zh');
  await page.getByText('销售管理').click();
  await page.getByRole('menuitem', { name: /客户/ }).click();
  await expect(page).toHaveURL(new RegExp(`/apps/${appId}/forms/${formId}$`));

  // Fill in with a phone number the server refuses: its message lands on the phone field.
  await page.getByLabel('客户名称').fill('华东贸易有限公司');
  await page.getByLabel('手机号码').fill('12345');
  await page.getByLabel('商机').check();
  await page.getByLabel('预计金额').fill('1234567.5');
  await page.getByLabel('转介绍').check();
  await page.getByLabel('备注').fill('<script>window.__xss = 1</script> 老客户介绍');
  await page.getByRole('button', { name: /提\s*交/ }).click();
  const phoneItem = page.locator('[data-field="f_phone"]');
  // The server's refusal, in the user's language (the error catalogue of @formloom/web/error-messages).
  await expect(phoneItem.getByRole('alert')).toContainText('不是有效的手机号码');
  await shot(page, 'form-server-error-zh');

  // Switch to English: the shell changes language, the builder's labels stay as written.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('tab', { name: 'Fill in' })).toBeVisible();
  await page.getByLabel('手机号码').fill('138 0013 8000');
  await expect(phoneItem.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText('Submitted')).toBeVisible();
  await expect(page.getByLabel('客户名称')).toHaveValue('');

  // The data table: the record, its formatted values and the total.
  await page.getByRole('tab', { name: 'Data' }).click();
  const row = page.locator('.ant-table-row', { hasText: '华东贸易有限公司' });
  await expect(row).toBeVisible();
  await expect(row).toContainText('13800138000');
  await expect(row).toContainText('1,234,567.50 元');
  await expect(row).toContainText('商机');
  await expect(page.getByText('1 records')).toBeVisible();
  await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
  await shot(page, 'table-en');

  // The record page: read-only values, then edit and save.
  await row.click();
  await expect(page.getByTestId('record-version')).toHaveText('· Version 1');
  await shot(page, 'record-en');
  await page.getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('客户名称').fill('华东贸易集团');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByTestId('record-version')).toHaveText('· Version 2');
  await expect(page.getByTestId('history-entry')).toHaveCount(2);
  await expect(page.getByTestId('history-entry').first()).toContainText('客户名称: 华东贸易有限公司 → 华东贸易集团');

  // Someone else changes the record while the member edits: the conflict dialog, then overwrite.
  await page.getByRole('button', { name: 'Edit' }).click();
  const recordId = page.url().split('/').pop() ?? '';
  const admin = await signIn('admin', adminPassword);
  await admin.call('PATCH', `/api/forms/${formId}/records/${recordId}`, {
    baseVersion: 2,
    data: { f_name: '华东贸易（管理员改）', f_vip: true },
  });
  await page.getByLabel('备注').fill('成员的新备注');
  await page.getByRole('button', { name: 'Save' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Someone else changed this record');
  await expect(dialog).toContainText('华东贸易（管理员改）');
  await shot(page, 'conflict-en');
  await dialog.getByRole('button', { name: 'Overwrite with mine' }).click();
  await expect(page.getByTestId('record-version')).toHaveText('· Version 4');
  await expect(page.locator('.ant-descriptions')).toContainText('成员的新备注');

  // Back in Chinese: the record page, its history and no script ever ran.
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('button', { name: /编\s*辑/ })).toBeVisible();
  await shot(page, 'record-history-zh');
  expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
  await context.close();
});
