import { mkdirSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { FlowDefinition, FormDefinition } from '@formloom/model';
import { e2eUrl, signIn, type E2eApi } from './api-client.js';
import { confirmAndReturnToInbox } from './task-actions.js';

/**
 * The player's flow screens in Chromium, set up through the API: a purchase form and a published
 * two-step approval (manager, then director who returns to the initiator). The initiator submits
 * in the browser; the manager sees the task in the inbox with its count, opens it, fills the
 * budget code the step lets them edit (the internal note is hidden there) and approves; the
 * director returns it; the initiator, warned by the bell, resubmits with a new amount; the
 * director approves; the record page shows every step in the timeline and the diagram.
 * Screenshots in zh-CN and en go to /tmp/shots/.
 */
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/tasks-${name}.png`, fullPage: true, animations: 'disabled' });

const PEOPLE = {
  initiator: { username: 'zhangsan', password: 'zhangsan-password-1', displayName: '张三', email: 'zs@example.com' },
  manager: { username: 'lisi', password: 'lisi-password-12', displayName: '李四', email: 'ls@example.com' },
  director: { username: 'wangwu', password: 'wangwu-password-1', displayName: '王五', email: 'ww@example.com' },
};

function purchaseForm(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_title'],
      properties: {
        f_title: { type: 'string', minLength: 1, maxLength: 100 },
        f_amount: { type: 'number', minimum: 0 },
        f_reason: { type: 'string', maxLength: 2000 },
        f_budget: { type: 'string', maxLength: 50 },
        f_note: { type: 'string', maxLength: 200 },
      },
    },
    uiSchema: {},
    fields: {
      f_title: { kind: 'text', label: '采购事项' },
      f_amount: { kind: 'money', label: '金额', number: { precision: 2, thousands: true, unit: '元' } },
      f_reason: { kind: 'textarea', label: '采购原因' },
      f_budget: { kind: 'text', label: '预算科目' },
      f_note: { kind: 'text', label: '内部备注' },
    },
  };
}

function approvalFlow(formId: string, ids: Record<keyof typeof PEOPLE, string>): FlowDefinition {
  const users = (id: string) => ({ rules: [{ type: 'users' as const, userIds: [id] }], whenEmpty: 'error' as const });
  return {
    mode: 'process',
    formId,
    nodes: [
      {
        id: 'start',
        type: 'start',
        position: { x: 0, y: 0 },
        data: { label: '提交申请', fieldPermissions: { f_amount: 'edit', f_reason: 'edit' } },
      },
      {
        id: 'mgr',
        type: 'approval',
        position: { x: 0, y: 140 },
        data: {
          label: '部门经理审批',
          assignees: users(ids.manager),
          mode: 'any',
          fieldPermissions: { f_budget: 'required', f_note: 'hidden' },
          // After a resubmission the manager who approved before is not asked again.
          autoSkip: { approvedBefore: true },
          deadline: { dueAfterMs: 3 * 24 * 3600 * 1000, onDue: 'escalate', escalateTo: users(ids.director) },
        },
      },
      {
        id: 'dir',
        type: 'approval',
        position: { x: 0, y: 280 },
        data: { label: '总监审批', assignees: users(ids.director), mode: 'any', returnTo: 'initiator' },
      },
      { id: 'end', type: 'end', position: { x: 0, y: 420 }, data: { label: '结束', result: 'approved' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'mgr' },
      { id: 'e2', source: 'mgr', target: 'dir' },
      { id: 'e3', source: 'dir', target: 'end' },
    ],
  };
}

async function setUp(admin: E2eApi) {
  const ids = {} as Record<keyof typeof PEOPLE, string>;
  for (const [role, person] of Object.entries(PEOPLE) as Array<[keyof typeof PEOPLE, (typeof PEOPLE)['manager']]>)
    ids[role] = (await admin.call<{ id: string }>('POST', '/api/org/users', person)).id;
  const app = await admin.call<{ id: string }>('POST', '/api/apps', {
    name: '采购管理',
    description: '采购申请与审批',
    members: { users: Object.values(ids) },
  });
  const form = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/forms`, {
    name: '采购申请',
    definition: purchaseForm(),
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
  const definition = approvalFlow(form.id, ids);
  const flow = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/flows`, {
    name: '采购审批',
    mode: 'process',
    formId: form.id,
    definition,
  });
  await admin.call('POST', `/api/flows/${flow.id}/publish`, {});
  // A record-page button automation on the same form.
  const button = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/flows`, {
    name: '登记资产',
    mode: 'automation',
    definition: {
      mode: 'automation',
      nodes: [
        {
          id: 't',
          type: 'trigger',
          position: { x: 0, y: 0 },
          data: { trigger: { type: 'button', formId: form.id, buttonLabel: '登记资产' } },
        },
        { id: 'end', type: 'end', position: { x: 0, y: 140 }, data: { result: 'ended' } },
      ],
      edges: [{ id: 'e1', source: 't', target: 'end' }],
    },
  });
  await admin.call('POST', `/api/flows/${button.id}/publish`, {});
  return { appId: app.id, formId: form.id };
}

/** A flow whose approvers are a role nobody holds (whenEmpty: error): a record makes a failed instance. */
async function setUpFailingFlow(admin: E2eApi, appId: string): Promise<void> {
  const role = await admin.call<{ id: string }>('POST', '/api/org/roles', { name: '空角色', permissions: [] });
  const form = await admin.call<{ id: string }>('POST', `/api/apps/${appId}/forms`, {
    name: '费用报销',
    definition: {
      schema: { type: 'object', required: ['f_title'], properties: { f_title: { type: 'string', minLength: 1 } } },
      uiSchema: {},
      fields: { f_title: { kind: 'text', label: '报销事项' } },
    },
  });
  await admin.call('POST', `/api/forms/${form.id}/publish`, {});
  const definition: FlowDefinition = {
    mode: 'process',
    formId: form.id,
    nodes: [
      { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
      {
        id: 'fin',
        type: 'approval',
        position: { x: 0, y: 140 },
        data: {
          label: '财务审批',
          assignees: { rules: [{ type: 'roles', roleIds: [role.id] }], whenEmpty: 'error' },
          mode: 'any',
        },
      },
      { id: 'end', type: 'end', position: { x: 0, y: 280 }, data: { result: 'approved' } },
    ],
    edges: [
      { id: 'e1', source: 'start', target: 'fin' },
      { id: 'e2', source: 'fin', target: 'end' },
    ],
  };
  const flow = await admin.call<{ id: string }>('POST', `/api/apps/${appId}/flows`, {
    name: '报销审批',
    mode: 'process',
    formId: form.id,
    definition,
  });
  await admin.call('POST', `/api/flows/${flow.id}/publish`, {});
  await admin.call('POST', `/api/forms/${form.id}/records`, { data: { f_title: '差旅费' } });
}

async function signInAs(browser: Browser, who: keyof typeof PEOPLE, locale: 'zh-CN' | 'en'): Promise<Page> {
  const context = await browser.newContext({ locale, baseURL: e2eUrl() });
  const page = await context.newPage();
  await page.goto('/');
  const person = PEOPLE[who];
  const zh = locale === 'zh-CN';
  await page.getByLabel(zh ? '用户名' : 'Username').fill(person.username);
  await page.getByLabel(zh ? '密码' : 'Password').fill(person.password);
  await page.getByRole('button', { name: zh ? /登\s*录/ : 'Sign in' }).click();
  await expect(page.getByTestId('nav-inbox')).toBeVisible();
  return page;
}

test('a two-step approval through the inbox: approve with an edit, return, resubmit, approve; timeline and bell', async ({
  browser,
}) => {
  test.setTimeout(180_000);
  const admin = await signIn('admin', process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '');
  const { appId, formId } = await setUp(admin);
  await setUpFailingFlow(admin, appId);

  // The initiator submits a purchase request in the browser.
  const initiator = await signInAs(browser, 'initiator', 'zh-CN');
  await initiator.goto(`/apps/${appId}/forms/${formId}`);
  await initiator.getByLabel('采购事项').fill('办公电脑');
  await initiator.getByLabel('金额').fill('12800');
  await initiator.getByLabel('采购原因').fill('新员工入职');
  await initiator.getByLabel('内部备注').fill('仅财务可见');
  await initiator.getByRole('button', { name: /提\s*交/ }).click();
  await expect(initiator.getByText('提交成功').first()).toBeVisible();

  // The manager sees it in the inbox, with the count on the navigation and the tab.
  const manager = await signInAs(browser, 'manager', 'zh-CN');
  await expect(manager.getByTestId('nav-inbox')).toContainText('1');
  await manager.getByTestId('nav-inbox').click();
  await expect(manager.getByTestId('inbox-tab-todo')).toContainText('1');
  const row = manager.getByTestId('inbox-table').getByRole('row', { name: /办公电脑/ });
  await expect(row).toContainText('部门经理审批');
  await expect(row).toContainText('张三');
  await shot(manager, 'inbox-zh');
  await row.getByRole('link', { name: /办公电脑/ }).click();

  // The task: the hidden note is absent, the amount read-only, the budget code editable and required.
  await expect(manager.getByTestId('task-title')).toContainText('办公电脑');
  await expect(manager.getByText('仅财务可见')).toHaveCount(0);
  await expect(manager.getByLabel('内部备注')).toHaveCount(0);
  await expect(manager.getByTestId('flow-timeline')).toContainText('张三');
  // Approving without the required budget code: the server's refusal lands on the field.
  await manager.getByRole('button', { name: /同\s*意/ }).click();
  await manager.getByTestId('action-confirm').click();
  await expect(manager.locator('[data-field="f_budget"]').getByRole('alert')).toBeVisible();
  await manager.getByLabel('预算科目').fill('IT-2026-办公');
  await shot(manager, 'task-zh');
  await manager.getByRole('button', { name: /同\s*意/ }).click();
  await manager.getByRole('textbox', { name: '意见' }).fill('同意采购，请控制预算');
  await shot(manager, 'task-approve-dialog-zh');
  await confirmAndReturnToInbox(manager);
  await expect(manager.getByText('已同意').first()).toBeVisible();
  await expect(manager.getByTestId('inbox-table')).not.toContainText('办公电脑');

  // The director (in English) returns it to the initiator.
  const director = await signInAs(browser, 'director', 'en');
  await director.getByTestId('nav-inbox').click();
  await expect(director.getByTestId('inbox-tab-todo')).toContainText('1');
  await shot(director, 'inbox-en');
  await director
    .getByTestId('inbox-table')
    .getByRole('link', { name: /办公电脑/ })
    .click();
  await expect(director.getByText('IT-2026-办公')).toBeVisible();
  await shot(director, 'task-en');
  await director.getByRole('button', { name: 'Return' }).click();
  await director.getByRole('textbox', { name: 'Comment' }).fill('Please get a second quote');
  await shot(director, 'task-return-dialog-en');
  await confirmAndReturnToInbox(director);
  await expect(director.getByText('Returned').first()).toBeVisible();

  // The initiator: the bell shows unread messages; the newest leads to the resubmit task.
  await initiator.reload();
  await expect(initiator.getByTestId('bell').locator('.ant-badge-count')).toBeVisible({ timeout: 15_000 });
  await initiator.getByTestId('bell').click();
  await expect(initiator.getByTestId('bell-panel')).toBeVisible();
  await shot(initiator, 'bell-zh');
  await initiator.getByTestId('nav-inbox').click();
  await initiator
    .getByTestId('inbox-table')
    .getByRole('link', { name: /办公电脑/ })
    .click();
  await expect(initiator.getByRole('button', { name: /提\s*交/ })).toBeVisible();
  await initiator.getByLabel('金额').fill('9800');
  await shot(initiator, 'resubmit-zh');
  await initiator.getByRole('button', { name: /提\s*交/ }).click();
  await confirmAndReturnToInbox(initiator);

  // The director approves the resubmitted request.
  await director.goto('/inbox');
  await director
    .getByTestId('inbox-table')
    .getByRole('link', { name: /办公电脑/ })
    .click();
  await expect(director.getByText('9,800')).toBeVisible();
  await director.getByRole('button', { name: 'Approve' }).click();
  // With a handwritten signature, drawn on the form renderer's signature pad and uploaded.
  await director.getByText('Add a handwritten signature').click();
  const pad = director.getByRole('dialog').locator('canvas');
  const box = await pad.boundingBox();
  if (box === null) throw new Error('no signature pad');
  await director.mouse.move(box.x + 40, box.y + 100);
  await director.mouse.down();
  for (const [dx, dy] of [
    [90, 40],
    [150, 110],
    [220, 50],
    [300, 120],
  ])
    await director.mouse.move(box.x + dx, box.y + dy, { steps: 6 });
  await director.mouse.up();
  await director.getByRole('dialog').getByRole('button', { name: 'Done' }).click();
  await expect(director.getByRole('dialog').locator('img.fl-signature-image')).toBeVisible();
  await shot(director, 'approve-signature-en');
  await confirmAndReturnToInbox(director);

  // The record page shows every step in the timeline, and the diagram with all steps passed.
  await initiator.goto('/inbox/initiated');
  // The finished instance's status in the words of the server's e-mails: 已通过 (a task says 已同意).
  await expect(initiator.getByTestId('inbox-table').locator('[data-status="approved"]').first()).toHaveText('已通过');
  await initiator
    .getByTestId('inbox-table')
    .getByRole('link', { name: /办公电脑/ })
    .click();
  const timeline = initiator.getByTestId('flow-timeline');
  await expect(timeline).toContainText('李四 同意');
  await expect(timeline).toContainText('王五 退回');
  await expect(timeline).toContainText('张三 提交');
  await expect(timeline).toContainText('王五 同意');
  await expect(timeline).toContainText('同意采购，请控制预算');
  await expect(timeline).toContainText('流程结束：已通过');
  await expect(timeline.locator('img.fl-signature-thumb')).toBeVisible();
  // The signature loads for the initiator (not its uploader).
  await expect
    .poll(() =>
      timeline
        .locator('img.fl-signature-thumb')
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    )
    .toBeGreaterThan(0);
  await shot(initiator, 'instance-zh');

  // The manager finds the handled task under "done", read-only with its outcome.
  await manager.goto('/inbox/done');
  await manager
    .getByTestId('inbox-table')
    .getByRole('link', { name: /办公电脑/ })
    .click();
  await expect(manager.getByText('此任务已同意。')).toBeVisible();
  await expect(manager.getByTestId('task-actions')).toHaveCount(0);
  await shot(manager, 'done-task-zh');
  await initiator.getByRole('link', { name: /查看数据/ }).click();
  await expect(initiator.getByTestId('record-flow')).toBeVisible();
  await expect(initiator.getByTestId('record-flow').getByTestId('flow-timeline')).toContainText('王五 退回');
  await shot(initiator, 'record-timeline-zh');
  await initiator.getByTestId('record-flow').getByText('流程图').click();
  await expect(initiator.locator('[data-progress="passed"]')).toHaveCount(4);
  await shot(initiator, 'record-diagram-zh');
  // The form's button automation runs from the record page.
  await initiator.getByTestId('record-flow').getByRole('button', { name: '登记资产' }).click();
  await expect(initiator.getByText('“登记资产”已启动')).toBeVisible();

  // Batch approve: two requests with a budget code go through, the one without is refused.
  const asInitiator = await signIn(PEOPLE.initiator.username, PEOPLE.initiator.password);
  for (const [title, budget] of [
    ['打印机', 'IT-01'],
    ['投影仪', 'IT-02'],
    ['白板', undefined],
  ] as const)
    await asInitiator.call('POST', `/api/forms/${formId}/records`, {
      data: { f_title: title, f_amount: 800, ...(budget ? { f_budget: budget } : {}) },
    });
  await manager.goto('/inbox');
  await expect(manager.getByTestId('inbox-tab-todo')).toContainText('3');
  await manager.getByTestId('inbox-table').getByRole('checkbox').first().check();
  await manager.getByRole('button', { name: /批量同意（3）/ }).click();
  await manager.getByRole('textbox', { name: /审批意见/ }).fill('本月预算内');
  await shot(manager, 'batch-zh');
  await manager
    .getByRole('dialog')
    .getByRole('button', { name: /同\s*意/ })
    .click();
  await expect(manager.getByText(/已同意 2 个，1 个未成功/)).toBeVisible();
  await expect(manager.getByTestId('inbox-table').getByRole('row', { name: /白板/ })).toBeVisible();
  await expect(manager.getByTestId('inbox-table')).not.toContainText('打印机');
  // The refused one is handed over to the director through the people picker.
  await manager.getByTestId('inbox-table').getByRole('link', { name: /白板/ }).click();
  await manager.getByRole('button', { name: /转\s*交/ }).click();
  await manager.getByRole('dialog').getByRole('combobox').first().click();
  await manager.getByRole('dialog').getByRole('combobox').first().fill('王');
  await manager.locator('.ant-select-item-option', { hasText: '王五' }).click();
  await manager.getByRole('textbox', { name: '意见' }).fill('请总监直接处理');
  await shot(manager, 'transfer-zh');
  await confirmAndReturnToInbox(manager);
  await expect(manager.getByText('已转交').first()).toBeVisible();
  await expect(manager.getByTestId('inbox-table')).not.toContainText('白板');

  // Admin screens: the outbox holds the mails of the embedded default; the failed instance is cancelled.
  const adminPage = await browser.newPage({ baseURL: e2eUrl(), locale: 'en' });
  await adminPage.goto('/');
  await adminPage.getByLabel('Username').fill('admin');
  await adminPage.getByLabel('Password').fill(process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '');
  await adminPage.getByRole('button', { name: 'Sign in' }).click();
  await adminPage.getByTestId('admin-menu').click();
  await adminPage.getByRole('menuitem', { name: 'E-mail outbox' }).click();
  await expect(adminPage.getByTestId('mail-outbox')).toContainText('ls@example.com');
  await shot(adminPage, 'admin-outbox-en');
  await adminPage.getByTestId('admin-menu').click();
  await adminPage.getByRole('menuitem', { name: 'Flow executions' }).click();
  // The failed instance (nobody holds the approvers' role): its error, its journal, then cancel it.
  const failed = adminPage.getByTestId('executions').getByRole('row', { name: /差旅费/ });
  await expect(failed).toContainText('Failed');
  await shot(adminPage, 'admin-executions-en');
  await failed.getByRole('button', { name: 'Journal' }).click();
  await expect(adminPage.locator('.ant-drawer')).toContainText('fin');
  await shot(adminPage, 'admin-journal-en');
  await adminPage.locator('.ant-drawer-close').click();
  await failed.getByRole('button', { name: 'Cancel' }).click();
  await adminPage.getByRole('button', { name: 'Confirm' }).click();
  await expect(adminPage.getByText('Instance cancelled')).toBeVisible();
  // Other suites on the shared server leave failed instances of their own: only this one must be gone.
  await expect(failed).toHaveCount(0);
});
