import { mkdirSync } from 'node:fs';
import type { FlowDefinition, FormDefinition } from '@formloom/model';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { e2eUrl, signIn, type E2eApi } from './api-client.js';
import { pick } from './ant-select.js';
import { canvasNode, connect, dropKind, signInPlayer } from './flow-fixture.js';
import { confirmAndReturnToInbox } from './task-actions.js';

/**
 * A purchase approval from the drawing board to the finance inbox. An app builder draws it in
 * the flow editor by dragging nodes from the palette (start → manager approval → amount
 * condition → directors' countersign when over 10,000 → CC finance → end), sets who approves
 * (manager chain, two named directors who must all agree, the finance role) and a deadline in
 * the side panels, sees the linter refuse the condition without a default branch and fixes it,
 * dry-runs 5,000 and 20,000 (different paths lit), and publishes. Then an employee submits a
 * 20,000 purchase; the manager returns it once, the employee resubmits, the manager approves,
 * both directors countersign; the record's timeline tells the story and finance finds the CC
 * in the inbox. Screenshots in zh-CN and en go to /tmp/shots/.
 */
test.use({ actionTimeout: 15_000 });

const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/flows-purchase-${name}.png`, animations: 'disabled' });

const PEOPLE = {
  employee: { username: 'cg-employee', password: 'cg-employee-pass-1', displayName: '赵敏' },
  manager: { username: 'cg-manager', password: 'cg-manager-pass-1', displayName: '钱经理' },
  director1: { username: 'cg-director1', password: 'cg-director1-pass', displayName: '孙总监' },
  director2: { username: 'cg-director2', password: 'cg-director2-pass', displayName: '李总监' },
  finance: { username: 'cg-finance', password: 'cg-finance-pass-1', displayName: '周会计' },
};
type Who = keyof typeof PEOPLE;

function purchaseForm(): FormDefinition {
  return {
    schema: {
      type: 'object',
      required: ['f_title', 'f_amount'],
      properties: {
        f_title: { type: 'string', minLength: 1, maxLength: 100 },
        f_amount: { type: 'number', minimum: 0 },
        f_reason: { type: 'string', maxLength: 2000 },
      },
    },
    uiSchema: {},
    fields: {
      f_title: { kind: 'text', label: '采购事项' },
      f_amount: { kind: 'money', label: '金额', number: { precision: 2, thousands: true, unit: '元' } },
      f_reason: { kind: 'textarea', label: '采购原因' },
    },
  };
}

/** The people (the employee reports to the manager; finance holds the finance role), an app and its published form. */
async function setUp(admin: E2eApi) {
  const role = await admin.call<{ id: string }>('POST', '/api/org/roles', { name: '财务', description: '' });
  const ids = {} as Record<Who, string>;
  for (const who of ['manager', 'director1', 'director2', 'finance', 'employee'] as const) {
    const extra =
      who === 'employee' ? { managerId: ids.manager } : who === 'finance' ? { roleIds: ['member', role.id] } : {};
    ids[who] = (await admin.call<{ id: string }>('POST', '/api/org/users', { ...PEOPLE[who], ...extra })).id;
  }
  const app = await admin.call<{ id: string }>('POST', '/api/apps', {
    name: '采购中心',
    description: '',
    members: { users: Object.values(ids) },
  });
  const form = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/forms`, {
    name: '采购申请',
    definition: purchaseForm(),
  });
  await admin.call('POST', `/api/forms/${form.id}/publish`, {});
  await admin.call('PUT', `/api/forms/${form.id}/permissions`, {
    groups: [
      { id: 'everyone', name: 'Everyone', subjects: { everyone: true }, actions: ['create', 'read'], scope: 'all' },
    ],
  });
  return { ids, appId: app.id, formId: form.id };
}

/** Selects a node on the canvas by clicking its title; its settings open in the side panel. */
async function select(page: Page, card: Locator) {
  await card.locator('.flow-node-head').click();
  await expect(page.getByTestId('flow-side-panel')).toHaveAttribute('data-node-id', /.+/);
}

async function addRule(page: Page, type: string) {
  const panel = page.getByTestId('flow-side-panel');
  await panel.getByTestId('assignee-picker-add').click();
  await page.getByRole('menuitem', { name: type, exact: true }).click();
}

/** Searches the user picker and picks these people. */
async function chooseUsers(page: Page, combobox: Locator, names: string[]) {
  await combobox.click();
  await combobox.fill('cg-');
  for (const name of names)
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: name }).click();
  await page.keyboard.press('Escape');
}

/** Runs the dry run on a sample amount; returns the kinds of the nodes lit on the canvas. */
async function dryRun(page: Page, amount: string): Promise<string[]> {
  const sample = page.getByTestId('dry-run-sample');
  await sample.getByLabel('采购事项').fill('笔记本电脑');
  await sample.getByLabel('金额').fill(amount);
  await page.getByTestId('dry-run-run').click();
  await expect(page.getByTestId('dry-run-ended')).toBeVisible();
  const lit = page.locator('.react-flow__node.flow-visited [data-kind]');
  return (await lit.evaluateAll((cards) => cards.map((c) => c.getAttribute('data-kind') ?? ''))).sort();
}

test('a purchase approval drawn, linted, dry-run and published, then lived through the inbox', async ({ browser }) => {
  test.setTimeout(240_000);
  const adminPassword = process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '';
  const admin = await signIn('admin', adminPassword);
  const { ids, appId, formId } = await setUp(admin);

  const context = await browser.newContext({
    locale: 'zh-CN',
    baseURL: e2eUrl(),
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`/designer/#/apps/${appId}/flows`);
  await page.getByLabel('用户名').fill('admin');
  await page.getByLabel('密码').fill(adminPassword);
  await page.locator('button[type=submit]').click();

  // A new approval process on the purchase form: it starts as start → end.
  await page.getByTestId('flow-create').click();
  await page.getByTestId('flow-create-name').fill('采购审批');
  await page.getByTestId('flow-create-form').click();
  await page.locator('.ant-select-item-option', { hasText: '采购申请' }).click();
  await page.getByTestId('flow-create-ok').click();
  await expect(page.getByTestId('flow-editor')).toBeVisible();
  const flowId = decodeURIComponent(new URL(page.url()).hash.replace('#/flows/', ''));
  await expect(canvasNode(page, 'end')).toHaveCount(1);

  // Make room: the old end goes (its connection with it); the steps are dragged in from the palette.
  await canvasNode(page, 'end').click();
  await page.keyboard.press('Delete');
  await expect(canvasNode(page, 'end')).toHaveCount(0);
  // The problems list (it grows while the drawing is unfinished) folds away to leave the canvas free.
  await page.locator('.flow-problems-head').click();
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  const right = pane.width * 0.62;
  const manager = await dropKind(page, 'approval', right, 70);
  const condition = await dropKind(page, 'condition', right, 200);
  const directors = await dropKind(page, 'approval', pane.width * 0.25, 330);
  const finance = await dropKind(page, 'cc', right, 460);
  const end = await dropKind(page, 'end', right, 590);
  await shot(page, 'dropped-zh-CN');
  await connect(page, canvasNode(page, 'start'), manager);
  await connect(page, manager, condition);
  await connect(page, condition, directors);
  await connect(page, condition, finance);
  await connect(page, directors, finance);
  await connect(page, finance, end);
  await expect(page.locator('.react-flow__edge')).toHaveCount(6);
  await page.getByTestId('flow-tidy').click();
  await page.locator('.flow-problems-head').click();
  await shot(page, 'connected-zh-CN');

  // The linter: the three people steps have nobody yet; publishing is blocked.
  const noAssignees = page.locator('[data-testid=flow-problem][data-code="assignees.none"]');
  await expect(noAssignees).toHaveCount(3);
  await expect(page.getByTestId('flow-publish')).toBeDisabled();
  await shot(page, 'lint-errors-zh-CN');

  // The manager step: the initiator's direct manager, with a three-day deadline.
  await select(page, manager);
  const side = page.getByTestId('flow-side-panel');
  await side.getByLabel('名称').fill('经理审批');
  await addRule(page, '上级主管');
  await side.getByRole('switch', { name: '设置超时' }).click();
  await expect(side.getByTestId('deadline-due-after')).toBeVisible();
  // Switched on, it escalates by default: the linter asks who to (not a schema error in English).
  await expect(noAssignees.filter({ hasText: '经理审批' })).toHaveCount(1);
  await expect(page.locator('[data-testid=flow-problem][data-code="invalid"]')).toHaveCount(0);
  await side.getByRole('spinbutton', { name: '超时时间' }).fill('3');
  // Overdue: handed to the first director.
  await pick(page, side.getByRole('combobox', { name: '超时后' }), '转交他人');
  await side.getByTestId('escalate-picker-add').click();
  await page.getByRole('menuitem', { name: '指定成员', exact: true }).click();
  await chooseUsers(page, side.getByRole('combobox', { name: '指定成员' }), ['孙总监']);
  await expect(manager).toContainText('1 级上级主管');
  await expect(manager).toContainText('3 天内处理');
  await shot(page, 'manager-panel-zh-CN');

  // The directors: two named people who must all agree (countersign).
  await select(page, directors);
  await side.getByLabel('名称').fill('总监会签');
  await addRule(page, '指定成员');
  await chooseUsers(page, side.getByRole('combobox', { name: '指定成员' }), ['孙总监', '李总监']);
  await side.getByRole('radio', { name: /会签/ }).check();
  await expect(directors).toContainText('孙总监');
  await expect(directors).toContainText('会签');

  // CC finance: everyone holding the finance role.
  await select(page, finance);
  await side.getByLabel('名称').fill('抄送财务');
  await addRule(page, '角色');
  await pick(page, side.getByRole('combobox', { name: '角色' }), '财务');
  await expect(finance).toContainText('角色：财务');

  // The branch to the directors gets its condition (amount over 10,000); the other is the default.
  await expect(noAssignees).toHaveCount(0);
  await page.locator('[data-testid^=flow-edge-label-]', { hasText: '尚未设置条件' }).click();
  await expect(side.getByTestId('edge-panel')).toBeVisible();
  await side.getByRole('button', { name: '添加条件' }).click();
  await pick(page, side.getByRole('combobox', { name: '字段', exact: true }), '金额');
  await pick(page, side.getByRole('combobox', { name: '条件', exact: true }), '大于');
  await side.getByRole('spinbutton', { name: '值' }).fill('10000');
  await side.getByTestId('edge-label').fill('超过一万');
  await expect(page.locator('[data-testid^=flow-edge-label-]', { hasText: '超过一万' })).toBeVisible();
  await expect(page.getByTestId('flow-problems')).toContainText('没有问题');
  await expect(page.getByTestId('flow-publish')).toBeEnabled();
  await shot(page, 'branch-zh-CN');

  // Dry runs: 5,000 goes past the directors, 20,000 through them.
  await page.getByTestId('flow-dry-run').click();
  await page.getByText('示例数据').click();
  expect(await dryRun(page, '5000')).toEqual(['approval', 'cc', 'condition', 'end', 'start']);
  await expect(directors.locator('xpath=..')).toHaveClass(/flow-not-visited/);
  await shot(page, 'dry-run-5000-zh-CN');
  expect(await dryRun(page, '20000')).toEqual(['approval', 'approval', 'cc', 'condition', 'end', 'start']);
  await expect(page.getByTestId('dry-run')).toContainText('孙总监');
  await shot(page, 'dry-run-20000-zh-CN');
  await page.getByTestId('dry-run-clear').click();
  await page.locator('.ant-drawer-close').click();

  // Publish; the server holds the drawn graph with the settings from the panels.
  await page.getByTestId('flow-publish').click();
  await expect(page.getByText('已发布为版本 1')).toBeVisible();
  const saved = await admin.call<{ draft: FlowDefinition }>('GET', `/api/flows/${flowId}`);
  const byLabel = (label: string) => saved.draft.nodes.find((n) => n.data.label === label)?.data ?? {};
  expect(byLabel('经理审批')).toMatchObject({
    assignees: { rules: [{ type: 'manager_chain', levels: 1 }] },
    deadline: { dueAfterMs: 3 * 24 * 3600 * 1000, onDue: 'escalate', escalateTo: { rules: [{ type: 'users' }] } },
  });
  expect(byLabel('总监会签')).toMatchObject({ mode: 'all' });
  expect(byLabel('抄送财务')).toMatchObject({ assignees: { rules: [{ type: 'roles' }] } });
  await page.evaluate(() =>
    (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(
      'formloom.language',
      'en',
    ),
  );
  await page.reload();
  await expect(page.getByTestId('flow-problems')).toContainText('No problems', { timeout: 30_000 });
  await select(page, directors);
  // The chosen directors are named in the picker (not shown by their ids) once the page reloads.
  await expect(side.getByTestId('assignee-rule-users')).toContainText('孙总监');
  await expect(side.getByTestId('assignee-rule-users')).toContainText('李总监');
  await shot(page, 'published-en');
  expect(pageErrors).toEqual([]);
  await context.close();

  // The employee submits a 20,000 purchase.
  const employee = await signInPlayer(browser, PEOPLE.employee, 'zh-CN');
  await employee.goto(`/apps/${appId}/forms/${formId}`);
  await employee.getByLabel('采购事项').fill('服务器');
  await employee.getByLabel('金额').fill('20000');
  await employee.getByLabel('采购原因').fill('机房扩容');
  await employee.getByRole('button', { name: /提\s*交/ }).click();
  await expect(employee.getByText('提交成功').first()).toBeVisible();

  // The manager returns it once from the inbox.
  const mgr = await signInPlayer(browser, PEOPLE.manager, 'zh-CN');
  await openTask(mgr, '服务器');
  await mgr.getByRole('button', { name: /退\s*回/ }).click();
  await mgr.getByLabel('意见').fill('请补充报价单');
  await confirmAndReturnToInbox(mgr);

  // The employee resubmits from the inbox.
  await openTask(employee, '服务器');
  await expect(employee.getByTestId('flow-timeline')).toContainText('请补充报价单');
  await employee.getByRole('button', { name: /提\s*交/ }).click();
  await confirmAndReturnToInbox(employee);

  // The manager approves; both directors countersign (one in English).
  await openTask(mgr, '服务器');
  await mgr.getByRole('button', { name: /同\s*意/ }).click();
  await confirmAndReturnToInbox(mgr);
  const director1 = await signInPlayer(browser, PEOPLE.director1, 'zh-CN');
  await openTask(director1, '服务器');
  await shot(director1, 'director-task-zh-CN');
  await director1.getByRole('button', { name: /同\s*意/ }).click();
  await confirmAndReturnToInbox(director1);
  const director2 = await signInPlayer(browser, PEOPLE.director2, 'en');
  await director2.getByTestId('nav-inbox').click();
  await expect(director2.getByTestId('inbox-tab-todo')).toContainText('1');
  await shot(director2, 'director2-inbox-en');
  await director2
    .getByTestId('inbox-table')
    .getByRole('link', { name: /服务器/ })
    .click();
  await director2.getByRole('button', { name: 'Approve' }).click();
  await confirmAndReturnToInbox(director2);

  // The timeline on the record page tells the whole story.
  await employee.goto('/inbox/initiated');
  await employee
    .getByTestId('inbox-table')
    .getByRole('link', { name: /服务器/ })
    .click();
  const timeline = employee.getByTestId('flow-timeline');
  await expect(timeline).toContainText('钱经理 退回');
  await expect(timeline).toContainText('请补充报价单');
  await expect(timeline).toContainText('赵敏 提交');
  await expect(timeline).toContainText('钱经理 同意');
  await expect(timeline).toContainText('孙总监 同意');
  await expect(timeline).toContainText('李总监 同意');
  await expect(timeline).toContainText('流程结束：已通过');
  await shot(employee, 'timeline-zh-CN');

  // Finance finds the CC in the inbox.
  const accountant = await signInPlayer(browser, PEOPLE.finance, 'en');
  await accountant.getByTestId('nav-inbox').click();
  await accountant.getByTestId('inbox-tab-cc').click();
  await expect(accountant.getByTestId('inbox-table')).toContainText('服务器');
  await shot(accountant, 'finance-cc-en');
  void ids;
});

/** Opens the person's inbox and the task on the record titled `title`. */
async function openTask(page: Page, title: string) {
  await page.goto('/inbox');
  await page
    .getByTestId('inbox-table')
    .getByRole('link', { name: new RegExp(title) })
    .click();
  await expect(page.getByTestId('task-title')).toContainText(title);
}
