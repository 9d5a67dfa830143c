import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { FormDefinition } from '@formloom/model';
import { e2eUrl, signIn, type E2eApi } from './api-client.js';

/**
 * Files in the player: an attachment, an image and a signature field. Upload a PNG and a text
 * file, see a renamed executable refused on the file, draw a signature, submit, open the record
 * and download the attachment byte for byte. Then a draft survives a failed submit and a
 * reload. File names and record values with script payloads never run. Screenshots of the form
 * in zh-CN and en go to /tmp/shots/.
 */
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/player-files-${name}.png`, fullPage: true, animations: 'disabled' });

const FILER = { username: 'zhangfang', password: 'zhangfang-password-123', displayName: '张芳' };
const XSS = '<img src=x onerror=window.__xss=1>';
// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);
const TEXT = Buffer.from('合同条款 v2\nline two\n', 'utf8');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62), Buffer.from('PE\0\0'), Buffer.alloc(200, 7)]);

function filesForm(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_title'],
      properties: {
        f_title: { type: 'string', minLength: 1, maxLength: 200 },
        f_files: { type: 'array', items: { type: 'object' } },
        f_photos: { type: 'array', items: { type: 'object' } },
        f_sign: { type: 'array', items: { type: 'object' } },
      },
    },
    uiSchema: { 'ui:order': ['f_title', 'f_files', 'f_photos', 'f_sign'] },
    fields: {
      f_title: { kind: 'text', label: '报销事由' },
      f_files: { kind: 'attachment', label: '附件', file: { maxCount: 3, maxSizeMb: 5 } },
      f_photos: { kind: 'image', label: '发票照片', file: { maxCount: 4, maxSizeMb: 5 } },
      f_sign: { kind: 'signature', label: '申请人签名' },
    },
  };
}

async function createFilesFixture(adminPassword: string) {
  const admin = await signIn('admin', adminPassword);
  const user = await admin.call<{ id: string }>('POST', '/api/org/users', FILER);
  const app = await admin.call<{ id: string }>('POST', '/api/apps', {
    name: '费用报销',
    members: { users: [user.id] },
  });
  const form = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/forms`, {
    name: '报销单',
    definition: filesForm(),
  });
  await admin.call('POST', `/api/forms/${form.id}/publish`, {});
  await admin.call('PUT', `/api/forms/${form.id}/permissions`, {
    groups: [
      {
        id: 'everyone',
        name: 'Everyone',
        subjects: { everyone: true },
        actions: ['create', 'read', 'update'],
        scope: 'all',
      },
    ],
  });
  return { admin, appId: app.id, formId: form.id };
}

type Stored = { id: string; data: Record<string, unknown> };
const records = (admin: E2eApi, formId: string) =>
  admin.call<{ items: Stored[] }>('POST', `/api/forms/${formId}/records/query`, {}).then((r) => r.items);

test('a member attaches files, images and a signature, and keeps a draft through a failed submit', async ({
  browser,
}) => {
  const { admin, appId, formId } = await createFilesFixture(process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '');
  const context = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl(), acceptDownloads: true });
  const page = await context.newPage();
  await page.goto('/');
  await page.getByLabel('用户名').fill(FILER.username);
  await page.getByLabel('密码').fill(FILER.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByRole('heading', { name: '我的应用' })).toBeVisible();
  await page.goto(`/apps/${appId}/forms/${formId}`);

  const files = page.locator('[data-field="f_files"]');
  const photos = page.locator('[data-field="f_photos"]');
  const sign = page.locator('[data-field="f_sign"]');
  await page.getByLabel('报销事由').fill(`出差 ${XSS}<script>window.__xss=1</script>`);

  // Attachment: a text file and a file named like markup upload; a renamed .exe is refused.
  await files.locator('input[type=file]').setInputFiles([
    { name: '合同.txt', mimeType: 'text/plain', buffer: TEXT },
    { name: `${XSS}.txt`, mimeType: 'text/plain', buffer: Buffer.from('hello') },
  ]);
  await expect(files.locator('.ant-upload-list-item-done')).toHaveCount(2);
  await files.locator('input[type=file]').setInputFiles({ name: '发票.pdf', mimeType: 'application/pdf', buffer: EXE });
  await expect(files.locator('.fl-file-error')).toContainText('发票.pdf: 不接受此类型的文件');
  await expect(files.getByRole('link', { name: `${XSS}.txt` })).toBeVisible();

  // Image: a PNG with its thumbnail served inline.
  await photos.locator('input[type=file]').setInputFiles({ name: 'invoice.png', mimeType: 'image/png', buffer: PNG });
  await expect(photos.locator('.ant-upload-list-item-done img')).toHaveAttribute('src', /\/api\/files\/.+\?inline=1$/);

  // Signature: draw on the canvas, then Done uploads it as a PNG.
  const pad = sign.locator('canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('signature pad not visible');
  await page.mouse.move(box.x + 30, box.y + 100);
  await page.mouse.down();
  for (const [dx, dy] of [
    [80, 40],
    [140, 110],
    [200, 50],
    [260, 120],
    [330, 60],
  ])
    await page.mouse.move(box.x + dx, box.y + dy, { steps: 5 });
  await page.mouse.up();
  await shot(page, 'form-zh');
  await sign.getByRole('button', { name: /完\s*成/ }).click();
  await expect(sign.locator('img.fl-signature-image')).toBeVisible();

  await page.getByText('English', { exact: true }).click();
  await expect(sign.getByRole('button', { name: 'Sign again' })).toBeVisible();
  await expect(files.locator('.fl-file-error')).toContainText('This type of file is not accepted');
  await shot(page, 'form-en');

  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('.ant-message')).toContainText('Submitted');
  const [saved] = await records(admin, formId);
  expect((saved.data.f_files as unknown[]).length).toBe(2);
  expect((saved.data.f_sign as { type: string }[])[0].type).toBe('image/png');

  // The record page lists the files as links; the attachment downloads byte for byte.
  await page.goto(`/apps/${appId}/forms/${formId}/records/${saved.id}`);
  const link = page.getByRole('link', { name: /合同\.txt/ });
  await expect(link).toBeVisible();
  await expect(page.getByRole('link', { name: `${XSS}.txt` })).toBeVisible();
  await shot(page, 'record-en');
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(readFileSync(await download.path())).toEqual(TEXT);

  // Draft: a submit that cannot reach the server keeps the values; a reload offers them back.
  await page.goto(`/apps/${appId}/forms/${formId}`);
  await page.getByLabel('报销事由').fill('草稿：高铁票');
  await page.route('**/records', (route) => route.abort());
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('.ant-message')).toContainText('kept as a draft');
  await page.unroute('**/records');
  await page.reload();
  await expect(page.locator('.fl-draft-offer')).toBeVisible();
  await shot(page, 'draft-offer-en');
  await page.getByRole('button', { name: 'Restore draft' }).click();
  await expect(page.getByLabel('报销事由')).toHaveValue('草稿：高铁票');
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page.locator('.ant-message')).toContainText('Submitted');
  await page.reload();
  await expect(page.getByLabel('报销事由')).toBeVisible();
  await expect(page.locator('.fl-draft-offer')).toHaveCount(0);
  expect((await records(admin, formId)).map((r) => r.data.f_title)).toContain('草稿：高铁票');

  // The data table shows the files too; nothing a payload carried has run anywhere.
  await page.goto(`/apps/${appId}/forms/${formId}/data`);
  await expect(page.getByRole('link', { name: /合同\.txt/ })).toBeVisible();
  expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
  await context.close();
});
