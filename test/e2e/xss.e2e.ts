import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FormDefinition } from '@formloom/model';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { e2eUrl, signIn, type E2eApi } from './api-client.js';

/**
 * Script payloads wherever people can type: form, app and field labels, descriptions,
 * placeholders, section titles, option texts, subform columns, record values, rich text, file
 * names and comments. None of them runs in the designer (canvas, property panel, preview,
 * version diff), the player (form, table, record page, history, comments) or an Excel export,
 * and where they are shown they read as the text that was typed. A payload that ran would set
 * `window.__xss` or open an alert; every page is checked for both, and for elements carrying
 * event-handler attributes or `javascript:` links. Screenshots go to /tmp/shots/.
 */
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/xss-${name}.png`, fullPage: true, animations: 'disabled' });

const RUN = 'window.__xss=(window.__xss||0)+1;alert(1)';
const IMG = `<img src=x onerror="${RUN}">`;
const SCRIPT = `<script>${RUN}</script>`;
const SVG = `<svg onload="${RUN}">`;
const JS_URL = `javascript:${RUN}`;
const TEMPLATE = `{{constructor.constructor('${RUN}')()}}`;
const RICH = `<p>安全的段落</p><img src=x onerror="${RUN}"><a href="javascript:${RUN}">链接</a><svg onload="${RUN}"></svg>${SCRIPT}`;
/** A file name (the server drops double quotes and keeps the last path segment). */
const FILE_NAME = `<img src=x onerror=${RUN}>.txt`;
const FORMULA_TEXTS = ['=HYPERLINK("http://evil.example","点我")', '+1+1', '-2+3', '@SUM(1,2)'];

const WRITER = { username: 'xss-writer', password: 'xss-writer-password-1', displayName: `写手 ${IMG}` };
const APP_NAME = `应用 ${SVG}`;
const FORM_NAME = `登记 ${IMG}`;
const LABEL = {
  section: `分组 ${SVG}`,
  title: `标题 ${IMG}`,
  stage: `阶段 ${TEMPLATE}`,
  tags: `标签 ${SCRIPT}`,
  rich: `富文本 ${SVG}`,
  files: `附件 ${IMG}`,
  site: '网址',
  notes: '备注',
  items: `明细 ${IMG}`,
  item: `品名 ${SVG}`,
};

function payloadForm(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_title'],
      properties: {
        f_title: { type: 'string', minLength: 1 },
        f_stage: { type: 'string' },
        f_tags: { type: 'array', items: { type: 'string' } },
        f_rich: { type: 'string' },
        f_files: { type: 'array', items: { type: 'object' } },
        f_site: { type: 'string' },
        f_notes: { type: 'string' },
        f_items: { type: 'array', items: { type: 'object' } },
      },
    },
    uiSchema: {
      'ui:order': ['f_title', 'f_stage', 'f_tags', 'f_rich', 'f_files', 'f_site', 'f_notes', 'f_items', '*'],
    },
    fields: {
      f_section: { kind: 'section', label: LABEL.section },
      f_title: { kind: 'text', label: LABEL.title, description: `${SCRIPT} 说明`, placeholder: TEMPLATE },
      f_stage: {
        kind: 'select',
        label: LABEL.stage,
        options: [
          { value: 'o_img', label: IMG },
          { value: 'o_js', label: JS_URL },
          { value: 'o_tpl', label: TEMPLATE },
        ],
      },
      f_tags: {
        kind: 'checkbox',
        label: LABEL.tags,
        options: [
          { value: 'o_svg', label: SVG },
          { value: 'o_script', label: SCRIPT },
        ],
      },
      f_note: { kind: 'description', label: '说明文字', description: `${IMG}${SCRIPT} 请如实填写` },
      f_rich: { kind: 'richtext', label: LABEL.rich },
      f_files: { kind: 'attachment', label: LABEL.files, file: { maxCount: 3, maxSizeMb: 5 } },
      f_site: { kind: 'url', label: LABEL.site },
      f_notes: { kind: 'textarea', label: LABEL.notes },
      f_items: {
        kind: 'subform',
        label: LABEL.items,
        subform: { fields: { f_item: { kind: 'text', label: LABEL.item } } },
      },
    },
  };
}

async function createPayloadApp(adminPassword: string) {
  const admin = await signIn('admin', adminPassword);
  const writer = await admin.call<{ id: string }>('POST', '/api/org/users', WRITER);
  const app = await admin.call<{ id: string }>('POST', '/api/apps', {
    name: APP_NAME,
    description: `${SCRIPT}描述`,
    members: { users: [writer.id] },
  });
  const form = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/forms`, {
    name: FORM_NAME,
    definition: payloadForm(),
  });
  await admin.call('POST', `/api/forms/${form.id}/publish`, {});
  await admin.call('PUT', `/api/forms/${form.id}/permissions`, {
    groups: [
      {
        id: 'everyone',
        name: 'Everyone',
        subjects: { everyone: true },
        actions: ['create', 'read', 'update', 'export'],
        scope: 'all',
      },
    ],
  });
  return { admin, appId: app.id, formId: form.id };
}

/** Alerts opened by any page of the context (a payload that ran would open one). */
function watchDialogs(context: BrowserContext): string[] {
  const opened: string[] = [];
  context.on('page', (page) =>
    page.on('dialog', (dialog) => {
      opened.push(`${dialog.type()}: ${dialog.message()}`);
      void dialog.dismiss();
    }),
  );
  return opened;
}

/** Nothing ran here: no marker, no alert, no element with an event handler or a javascript: link. */
async function expectNothingRan(page: Page, dialogs: string[]): Promise<void> {
  expect(await page.evaluate(() => (globalThis as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await expect(page.locator('body [onerror], body [onload], body [onclick]')).toHaveCount(0);
  await expect(page.locator('a[href^="javascript:" i], iframe, body script')).toHaveCount(0);
}

// The first load of a 2 MB bundle can take a while on a busy CI machine; later steps are quick.
test.use({ actionTimeout: 30_000 });

test('script payloads never run in the designer, the player or an export', async ({ browser }) => {
  test.setTimeout(180_000);
  const adminPassword = process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '';
  const { admin, appId, formId } = await createPayloadApp(adminPassword);

  // ---- The designer.
  const builder = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl() });
  const builderDialogs = watchDialogs(builder);
  const designer = await builder.newPage();
  await designer.goto('/designer/');
  await expect(designer.getByLabel('用户名')).toBeVisible({ timeout: 60_000 });
  await designer.getByLabel('用户名').fill('admin');
  await designer.getByLabel('密码').fill(adminPassword);
  await designer.locator('button[type=submit]').click();
  await expect(designer.getByRole('link', { name: APP_NAME })).toBeVisible();
  await designer.getByRole('link', { name: APP_NAME }).click();
  await expect(designer.getByText(FORM_NAME)).toBeVisible();
  await designer.goto(`/designer/#/forms/${encodeURIComponent(formId)}`);

  const canvas = designer.getByTestId('canvas');
  for (const text of [LABEL.section, LABEL.title, LABEL.stage, LABEL.tags, LABEL.rich, LABEL.files, LABEL.item])
    await expect(canvas).toContainText(text);
  await expect(canvas).toContainText(`${SCRIPT} 说明`);
  await expect(canvas).toContainText(`${IMG}${SCRIPT} 请如实填写`);
  await expect(canvas).toContainText(`${IMG} / ${JS_URL} / ${TEMPLATE}`);
  await expect(canvas).toContainText(SVG);

  // The property panel shows the payloads in its inputs; a label typed there shows on the canvas as typed.
  await designer.getByTestId('canvas-field-f_stage').click();
  const panel = designer.getByTestId('property-panel');
  await expect(designer.getByLabel('标题', { exact: true })).toHaveValue(LABEL.stage);
  await expect(panel.getByRole('textbox', { name: '选项文字' }).nth(1)).toHaveValue(JS_URL);
  const typed = `阶段 ${SCRIPT}${IMG}`;
  await designer.getByLabel('标题', { exact: true }).fill(typed);
  await expect(designer.getByTestId('canvas-field-f_stage')).toContainText(typed);
  await shot(designer, 'designer-canvas');
  await expectNothingRan(designer, builderDialogs);

  // The preview renders with the player's renderer: labels, options and descriptions as text.
  await designer.getByText('预览', { exact: true }).click();
  const preview = designer.getByTestId('preview');
  await expect(preview).toContainText(LABEL.title);
  await expect(preview).toContainText(`${SCRIPT} 说明`);
  await expect(preview).toContainText(typed);
  await expect(preview.getByText(SCRIPT, { exact: true })).toBeVisible(); // the checkbox option
  await preview.getByRole('combobox').first().click();
  await expect(designer.locator('.ant-select-dropdown:visible')).toContainText(JS_URL);
  await designer.keyboard.press('Escape');
  await shot(designer, 'designer-preview');
  await expectNothingRan(designer, builderDialogs);

  // Version 2, and the field-level diff from version 1.
  await designer.getByTestId('publish').click();
  await expect(designer.getByText('已发布版本 2')).toBeVisible();
  await designer.getByText('版本', { exact: true }).click();
  const diff = designer.getByTestId('version-diff');
  await expect(diff).toContainText(typed);
  await shot(designer, 'designer-diff');
  await expectNothingRan(designer, builderDialogs);
  await builder.close();

  // ---- The player: a member fills the form with payloads.
  const member = await browser.newContext({ locale: 'zh-CN', baseURL: e2eUrl(), acceptDownloads: true });
  const dialogs = watchDialogs(member);
  const page = await member.newPage();
  await page.goto('/');
  await expect(page.getByLabel('用户名')).toBeVisible({ timeout: 60_000 });
  await page.getByLabel('用户名').fill(WRITER.username);
  await page.getByLabel('密码').fill(WRITER.password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByRole('heading', { name: '我的应用' })).toBeVisible();
  await expect(page.getByText(APP_NAME)).toBeVisible();
  await expectNothingRan(page, dialogs);
  await page.goto(`/apps/${appId}/forms/${formId}`);
  await expect(page.getByRole('heading', { name: FORM_NAME })).toBeVisible();
  for (const text of [LABEL.section, LABEL.title, typed, LABEL.tags, LABEL.rich, LABEL.files])
    await expect(page.getByText(text, { exact: true }).first()).toBeVisible();
  await expect(page.getByText(`${IMG}${SCRIPT} 请如实填写`)).toBeVisible();
  await expect(page.getByPlaceholder(TEMPLATE)).toBeVisible();

  const field = (key: string) => page.locator(`[data-field="${key}"]`);
  await field('f_title').getByRole('textbox').fill(`${IMG}${SCRIPT}${TEMPLATE}`);
  await field('f_stage').getByRole('combobox').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: JS_URL }).click();
  await field('f_tags').getByText(SCRIPT, { exact: true }).click();
  await field('f_rich').getByRole('textbox').fill(RICH);
  await field('f_rich').getByText('预览', { exact: true }).click();
  await expect(field('f_rich').getByTestId('richtext-preview')).toContainText('安全的段落');
  await expect(field('f_rich').getByTestId('richtext-preview').getByText('链接')).toBeVisible();
  await field('f_files')
    .locator('input[type=file]')
    .setInputFiles({
      name: FILE_NAME,
      mimeType: 'text/plain',
      buffer: Buffer.from('hello'),
    });
  await expect(field('f_files').getByRole('link', { name: FILE_NAME })).toBeVisible();
  await field('f_notes').getByRole('textbox').fill(FORMULA_TEXTS[0]);
  await field('f_items').getByRole('button', { name: '添加一行' }).click();
  await field('f_items').locator('tbody input').first().fill(SVG);
  // A javascript: address is refused on the field.
  await field('f_site').getByRole('textbox').fill(JS_URL);
  await shot(page, 'player-form');
  await page.getByRole('button', { name: /提\s*交/ }).click();
  await expect(field('f_site')).toContainText('网址格式不正确');
  await field('f_site').getByRole('textbox').fill('https://example.com/orders');
  await page.getByRole('button', { name: /提\s*交/ }).click();
  await expect(page.getByText('提交成功')).toBeVisible();
  await expectNothingRan(page, dialogs);

  // Three more records through the API with values a spreadsheet would take for formulas.
  await admin.call('POST', `/api/forms/${formId}/records/batch`, {
    create: FORMULA_TEXTS.slice(1).map((text, i) => ({ data: { f_title: `公式 ${i + 1}`, f_notes: text } })),
  });

  // ---- The table.
  await page.getByRole('tab', { name: '数据' }).click();
  const row = page.locator('tr.fl-table-row', { hasText: `${IMG}${SCRIPT}${TEMPLATE}` });
  await expect(row).toBeVisible();
  await expect(row).toContainText(JS_URL);
  await expect(row).toContainText(SCRIPT);
  await expect(row.getByRole('link', { name: FILE_NAME })).toBeVisible();
  await expect(page.getByRole('tabpanel', { name: '数据' }).locator('thead')).toContainText(LABEL.title);
  await expect(page.locator('.ant-table .ant-spin-spinning')).toHaveCount(0);
  await shot(page, 'player-table');
  await expectNothingRan(page, dialogs);

  // ---- The record page: values, history and a comment with payloads.
  await row.click();
  await expect(page.getByText(`${IMG}${SCRIPT}${TEMPLATE}`)).toBeVisible();
  await expect(page.getByText('安全的段落', { exact: false }).first()).toBeVisible();
  await expect(page.getByText(FORMULA_TEXTS[0])).toBeVisible();
  await page.getByRole('button', { name: /编\s*辑/ }).click();
  await field('f_title').getByRole('textbox').fill(`改过 ${SVG}`);
  await page.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByTestId('history-entry').first()).toContainText(`改过 ${SVG}`);
  await page.getByPlaceholder(/写下评论/).fill(`评论 ${IMG}${SCRIPT} ${JS_URL}`);
  await page.getByRole('button', { name: /评\s*论/ }).click();
  await expect(page.getByTestId('comment')).toContainText(`评论 ${IMG}${SCRIPT} ${JS_URL}`);
  await shot(page, 'player-record');
  await expectNothingRan(page, dialogs);

  // ---- The export: every cell is a value, none a formula; formula-looking text keeps the Text format.
  await page.getByRole('button', { name: '返回数据列表' }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: /导出 Excel/ }).click(),
  ]);
  const file = join(mkdtempSync(join(tmpdir(), 'formloom-xss-')), 'export.xlsx');
  await download.saveAs(file);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  expect(header).toContain(LABEL.title);
  const notesColumn = header.indexOf(LABEL.notes) + 1;
  const notes: string[] = [];
  sheet.eachRow((r, n) => {
    r.eachCell((cell) => expect(cell.type, `${cell.address}`).not.toBe(ExcelJS.ValueType.Formula));
    if (n === 1) return;
    const cell = r.getCell(notesColumn);
    if (typeof cell.value !== 'string') return;
    notes.push(cell.value);
    expect(cell.numFmt, cell.value).toBe('@');
  });
  expect(notes.sort()).toEqual([...FORMULA_TEXTS].sort());
  await member.close();
  await expectAdminSeesSameValues(admin, formId);
});

/** What the server stored is the text that was typed (rich text sanitized, everything else as is). */
async function expectAdminSeesSameValues(admin: E2eApi, formId: string): Promise<void> {
  const { items } = await admin.call<{ items: { data: Record<string, unknown> }[] }>(
    'POST',
    `/api/forms/${formId}/records/query`,
    { filter: { rel: 'and', cond: [{ field: 'f_title', method: 'eq', value: `改过 ${SVG}` }] } },
  );
  expect(items).toHaveLength(1);
  const data = items[0].data;
  expect(data.f_stage).toBe('o_js');
  expect(data.f_tags).toEqual(['o_script']);
  expect(data.f_rich).toContain('安全的段落');
  expect(String(data.f_rich)).not.toMatch(/onerror|onload|<script|javascript:/i);
  expect((data.f_files as { name: string }[])[0].name).toBe(FILE_NAME);
}
