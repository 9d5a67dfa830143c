import { mkdirSync } from 'node:fs';
import type { FormDefinition } from '@formloom/model';
import { expect, test, type Page } from '@playwright/test';
import { e2eUrl, signIn } from './api-client.js';
import { dragToCanvas } from './designer-drag.js';

/**
 * The designer as a builder uses it: sign in, create an app and a form, drag three field
 * kinds from the palette onto the canvas, name one and make it required, save the draft,
 * publish, and check through the API that version 1 holds exactly those fields. Screenshots
 * of the canvas with the property panel open, in zh-CN and en, go to /tmp/shots/.
 */
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/designer-${name}.png`, animations: 'disabled' });

test('a builder drags fields onto a form, saves, publishes, and version 1 has them', async ({ browser }) => {
  const adminPassword = process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '';
  const context = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl() });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));

  // No session yet: the designer's own small login form (it sets the same cookie as the player's).
  await page.goto('/designer/');
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(adminPassword);
  await page.locator('button[type=submit]').click();
  await expect(page.getByText('新建应用')).toBeVisible();

  await page.getByLabel('应用名称').fill('设计器测试应用');
  await page.getByLabel('应用名称').press('Enter');
  await expect(page.getByText('设计器测试应用 的表单')).toBeVisible();
  await page.getByLabel('表单名称').fill('客户登记');
  await page.getByLabel('表单名称').press('Enter');
  await expect(page.getByTestId('canvas')).toBeVisible();
  const formId = decodeURIComponent(new URL(page.url()).hash.replace('#/forms/', ''));

  const fields = page.locator('[data-testid^=canvas-field-]');
  for (const kind of ['text', 'number', 'select']) await dragToCanvas(page, kind);

  // The text field: a label and required; the number field goes half width.
  await fields.nth(0).click();
  await page.getByTestId('prop-label').fill('客户名称');
  await page.getByTestId('prop-required').check();
  await expect(fields.nth(0)).toContainText('*客户名称');
  await fields.nth(1).click();
  await page.getByText('半行', { exact: true }).click();
  await fields.nth(0).click();
  await expect(page.getByTestId('property-panel')).toContainText('字段属性');
  await shot(page, 'canvas-zh-CN');

  await page.getByTestId('save-draft').click();
  await expect(page.getByText('草稿已保存')).toBeVisible();
  await page.getByTestId('publish').click();
  await expect(page.getByText('已发布版本 1')).toBeVisible();

  // What the server now holds as version 1.
  const api = await signIn('admin', adminPassword);
  const version = await api.call<{ version: number; definition: FormDefinition }>(
    'GET',
    `/api/forms/${encodeURIComponent(formId)}/versions/1`,
  );
  const { definition } = version;
  const keys = Object.keys(definition.fields);
  expect(keys).toHaveLength(3);
  for (const key of keys) expect(key).toMatch(/^f_[a-z0-9]{6}$/);
  expect(keys.map((k) => definition.fields[k].kind)).toEqual(['text', 'number', 'select']);
  expect(definition.fields[keys[0]].label).toBe('客户名称');
  expect(definition.schema.required).toEqual([keys[0]]);
  expect(definition.schema.properties[keys[0]]).toMatchObject({ type: 'string', title: '客户名称' });
  expect(definition.schema.properties[keys[1]]).toMatchObject({ type: 'number' });
  expect(definition.fields[keys[2]].options).toHaveLength(3);
  expect(definition.uiSchema[keys[1]]).toMatchObject({ 'ui:options': { width: 'half' } });

  // The same screen in English (the switch is remembered), property panel open.
  await page.getByLabel('语言').click();
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByText('Field properties')).toBeVisible();
  await shot(page, 'canvas-en');

  // Version 2: rename the drop-down, add an email field; publishing saves the draft first.
  await fields.nth(2).click();
  await page.getByTestId('prop-label').fill('Level');
  await dragToCanvas(page, 'email');
  await expect(fields).toHaveCount(4);
  await page.getByTestId('publish').click();
  await expect(page.getByText('Published version 2')).toBeVisible();

  // The field-level diff from version 1 to 2, by label.
  await page.getByText('Versions', { exact: true }).click();
  const compare = page.getByTestId('version-diff');
  await expect(compare.getByText('Added')).toBeVisible();
  await expect(compare).toContainText('Email');
  await expect(compare.getByText('Changed')).toBeVisible();
  await expect(compare).toContainText('Level');
  await expect(compare).not.toContainText('Removed');
  await shot(page, 'versions-en');

  expect(pageErrors).toEqual([]);
  await context.close();
});
