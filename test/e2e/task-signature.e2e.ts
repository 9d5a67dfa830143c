import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { FlowDefinition } from '@formloom/model';
import { signIn } from './api-client.js';
import { signInPlayer } from './flow-fixture.js';

/**
 * A step that needs a handwritten signature says so before anyone acts: the task page warns,
 * and the approve dialog opens with the signature pad, marked required; confirming unsigned is
 * stopped in the dialog (no refused request), signing and confirming approves. Screenshots in
 * zh-CN and en go to /tmp/shots/.
 */
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/task-signature-${name}.png`, animations: 'disabled' });

const APPLICANT = { username: 'sig-applicant', password: 'sig-applicant-password-1', displayName: '申请人甲' };
const SIGNER = { username: 'sig-approver', password: 'sig-approver-password-1', displayName: '签字审批人' };

async function drawSignature(page: Page) {
  const pad = page.getByTestId('action-signature').locator('canvas');
  await pad.scrollIntoViewIfNeeded();
  const box = await pad.boundingBox();
  if (!box) throw new Error('signature pad not visible');
  await page.mouse.move(box.x + 30, box.y + 60);
  await page.mouse.down();
  for (const [dx, dy] of [
    [80, 30],
    [140, 80],
    [200, 40],
    [260, 90],
  ])
    await page.mouse.move(box.x + dx, box.y + dy, { steps: 5 });
  await page.mouse.up();
}

test('an approver sees up front that the step needs a signature, and signs in the dialog', async ({ browser }) => {
  const admin = await signIn('admin', process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '');
  const applicantId = (await admin.call<{ id: string }>('POST', '/api/org/users', APPLICANT)).id;
  const signerId = (await admin.call<{ id: string }>('POST', '/api/org/users', SIGNER)).id;
  const app = await admin.call<{ id: string }>('POST', '/api/apps', {
    name: '签字审批',
    description: '',
    members: { users: [applicantId, signerId] },
  });
  const form = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/forms`, {
    name: '付款申请',
    definition: {
      schema: { type: 'object', required: ['f_title'], properties: { f_title: { type: 'string', maxLength: 100 } } },
      uiSchema: {},
      fields: { f_title: { kind: 'text', label: '事项' } },
    },
  });
  await admin.call('POST', `/api/forms/${form.id}/publish`, {});
  await admin.call('PUT', `/api/forms/${form.id}/permissions`, {
    groups: [{ id: 'all', name: 'All', subjects: { everyone: true }, actions: ['create', 'read'], scope: 'all' }],
  });
  const definition: FlowDefinition = {
    mode: 'process',
    formId: form.id,
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'sign',
        type: 'approval',
        position: { x: 0, y: 140 },
        data: {
          label: '签字确认',
          assignees: { rules: [{ type: 'users', userIds: [signerId] }], whenEmpty: 'error' },
          mode: 'any',
          signatureRequired: true,
        },
      },
      { id: 'end', type: 'end', position: { x: 0, y: 280 }, data: { result: 'approved' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'sign' },
      { id: 'e2', source: 'sign', target: 'end' },
    ],
  };
  const flow = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/flows`, {
    name: '付款签字',
    mode: 'process',
    formId: form.id,
    definition,
  });
  await admin.call('POST', `/api/flows/${flow.id}/publish`, {});
  const applicant = await signIn(APPLICANT.username, APPLICANT.password);
  await applicant.call('POST', `/api/forms/${form.id}/records`, { data: { f_title: '供应商付款' } });
  const signerApi = await signIn(SIGNER.username, SIGNER.password);
  let taskId = '';
  await expect
    .poll(async () => {
      const todo = await signerApi.call<{ items: Array<{ id: string }> }>('GET', '/api/flow-inbox/todo');
      taskId = todo.items[0]?.id ?? '';
      return taskId;
    })
    .not.toBe('');

  // English first (it only looks), then zh-CN signs and approves.
  for (const locale of ['en', 'zh-CN'] as const) {
    const zh = locale === 'zh-CN';
    const page = await signInPlayer(browser, SIGNER, locale);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`/tasks/${encodeURIComponent(taskId)}`);
    await expect(page.getByTestId('task-title')).toContainText('供应商付款');

    // Before any click: the page says a signature is needed.
    await expect(page.getByTestId('task-signature-needed')).toContainText(zh ? '手写签名' : 'handwritten signature');

    // The approve dialog opens with the pad, marked required.
    await page
      .getByTestId('task-actions')
      .getByRole('button', { name: zh ? /同\s*意/ : 'Approve' })
      .click();
    await expect(page.getByTestId('action-signature-required')).toBeVisible();
    await expect(page.getByTestId('action-signature').locator('canvas')).toBeVisible();
    // The dialog's zoom-in has finished (it is transparent while antd animates it).
    await expect(page.locator('.ant-modal[class*="ant-zoom"]')).toHaveCount(0);
    await shot(page, `dialog-${locale}`);

    if (!zh) {
      await page.keyboard.press('Escape');
      await page.context().close();
      expect(pageErrors).toEqual([]);
      continue;
    }
    // Confirming unsigned is stopped in the dialog; no request is refused.
    const refused: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/actions') && r.status() >= 400) refused.push(r.url());
    });
    await page.getByTestId('action-confirm').click();
    await expect(page.locator('.ant-modal .ant-alert-error')).toContainText('此节点需要手写签名');

    await drawSignature(page);
    await page
      .getByTestId('action-signature')
      .getByRole('button', { name: /完\s*成/ })
      .click();
    await expect(page.getByTestId('action-signature').locator('img.fl-signature-image')).toBeVisible();
    await page.getByTestId('action-confirm').click();
    await expect(page.getByTestId('nav-inbox')).toBeVisible();
    await expect(page.getByTestId('task-title')).toHaveCount(0);
    expect(refused).toEqual([]);
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }

  // The server holds the signed approval.
  const instances = await applicant.call<{ items: Array<{ status: string }> }>('GET', '/api/flow-inbox/initiated');
  expect(instances.items[0]?.status).toBe('approved');
});
