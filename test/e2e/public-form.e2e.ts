import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { FormDefinition } from '@formloom/model';
import { e2eUrl } from './api-client.js';
import { createCustomerApp } from './player-fixture.js';

/**
 * A form's public link end to end: the manager turns it on in the designer and copies the
 * URL; someone without an account opens it in a fresh browser, sees only the fillable fields,
 * gets the server's refusal on the phone field, uploads a photo, submits and is thanked, in
 * Chinese and English. A regenerated link shows "not available". Screenshots: /tmp/shots/.
 */
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/public-form-${name}.png`, fullPage: true, animations: 'disabled' });

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

function signupForm(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_name', 'f_phone'],
      properties: {
        f_name: { type: 'string', minLength: 1, maxLength: 50 },
        f_phone: { type: 'string' },
        f_seats: { type: 'number', minimum: 1, maximum: 5 },
        f_photo: { type: 'array', items: { type: 'object' } },
        f_sales: { type: 'string' },
      },
    },
    uiSchema: { 'ui:order': ['f_name', 'f_phone', 'f_seats', 'f_photo', 'f_sales'] },
    fields: {
      f_name: { kind: 'text', label: '姓名' },
      f_phone: { kind: 'phone', label: '手机号码' },
      f_seats: { kind: 'number', label: '参会人数' },
      f_photo: { kind: 'image', label: '名片照片', file: { maxCount: 1, maxSizeMb: 5 } },
      f_sales: { kind: 'member', label: '对接销售' },
    },
  };
}

test('an anonymous visitor fills a form through its public link', async ({ browser }) => {
  const adminPassword = process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '';
  const { admin, appId } = await createCustomerApp(adminPassword, {
    member: { username: 'wangqiang', password: 'wangqiang-password-123', displayName: '王强' },
    app: { name: '市场活动', description: '报名与签到' },
    actions: ['read'],
  });
  const form = await admin.call<{ id: string }>('POST', `/api/apps/${appId}/forms`, {
    name: '峰会报名',
    definition: signupForm(),
  });
  await admin.call('POST', `/api/forms/${form.id}/publish`, {});

  // The manager turns the link on in the designer and reads the URL there.
  const manager = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl() });
  const designer = await manager.newPage();
  await designer.goto('/designer/');
  await designer.getByLabel('用户名').fill('admin');
  await designer.getByLabel('密码').fill(adminPassword);
  await designer.locator('button[type=submit]').click();
  await expect(designer.getByText('新建应用')).toBeVisible();
  await designer.goto(`/designer/#/forms/${form.id}`);
  await designer.getByTestId('public-link').click();
  const panel = designer.getByTestId('public-link-panel');
  await panel.getByTestId('public-link-switch').click();
  const urlBox = panel.getByTestId('public-link-url');
  await expect(urlBox).toHaveValue(/\/public\/[A-Za-z0-9_-]{32}$/);
  await shot(designer, 'designer-panel-zh');
  const url = await urlBox.inputValue();

  // Someone without an account, in a fresh browser.
  const visitor = await browser.newContext({ locale: 'zh-CN' });
  const page = await visitor.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(url);
  await expect(page.getByRole('heading', { name: '峰会报名' })).toBeVisible();
  await expect(page.getByText('你正在以匿名方式填写此表单')).toBeVisible();
  // No app navigation, and the member field is not offered.
  await expect(page.locator('.fl-header')).toHaveCount(0);
  await expect(page.locator('[data-field="f_sales"]')).toHaveCount(0);

  await page.getByLabel('姓名').fill('陈静');
  await page.getByLabel('手机号码').fill('12345');
  await page.getByLabel('参会人数').fill('2');
  const photo = page.locator('[data-field="f_photo"]');
  await photo.locator('input[type=file]').setInputFiles({ name: '名片.png', mimeType: 'image/png', buffer: PNG });
  await expect(photo.locator('.ant-upload-list-item-done img')).toHaveAttribute(
    'src',
    /\/api\/public\/forms\/[A-Za-z0-9_-]{32}\/files\/.+\?inline=1$/,
  );
  await page.getByRole('button', { name: /提\s*交/ }).click();
  const phoneItem = page.locator('[data-field="f_phone"]');
  await expect(phoneItem.getByRole('alert')).toContainText(/\S/);
  await shot(page, 'server-error-zh');

  // English, fix the phone, submit: thanked.
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByText('You are filling this form without signing in.')).toBeVisible();
  await page.getByLabel('手机号码').fill('138 0013 8000');
  await expect(phoneItem.getByRole('alert')).toHaveCount(0);
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.getByText('Thank you!')).toBeVisible();
  await shot(page, 'thanks-en');

  const { items } = await admin.call<{
    items: Array<{ createdBy: string | null; data: Record<string, unknown> }>;
  }>('POST', `/api/forms/${form.id}/records/query`, {});
  expect(items).toHaveLength(1);
  expect(items[0].createdBy).toBeNull();
  expect(items[0].data).toMatchObject({ f_name: '陈静', f_phone: '13800138000', f_seats: 2 });
  expect((items[0].data.f_photo as Array<{ type: string }>)[0].type).toBe('image/png');

  // Fill in again, then the manager makes a new link: the old page says the link is gone.
  await page.getByRole('button', { name: 'Fill in again' }).click();
  await expect(page.getByLabel('姓名')).toHaveValue('');
  // Public links are often opened on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByText('中文', { exact: true }).click();
  await expect(page.getByRole('button', { name: /提\s*交/ })).toBeVisible();
  await shot(page, 'mobile-zh');
  await page.getByText('English', { exact: true }).click();
  await admin.call('POST', `/api/forms/${form.id}/public-link/regenerate`);
  await page.reload();
  await expect(page.getByText('This link is not available')).toBeVisible();
  await shot(page, 'closed-en');
  expect(pageErrors).toEqual([]);
  await visitor.close();
  await manager.close();
});
