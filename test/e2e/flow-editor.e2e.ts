import { mkdirSync } from 'node:fs';
import type { FlowDefinition } from '@formloom/model';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { pick } from './ant-select.js';
import { e2eUrl } from './api-client.js';
import { createCustomerApp } from './player-fixture.js';

/**
 * The flow editor as a builder uses it: create an approval flow bound to a published form from
 * the app's Flows tab, drag three nodes from the palette, connect them, see the linter's problem
 * (the new steps cannot be reached from the start), fix it by rewiring the start, dry-run it on
 * sample data (the path lights up), save the draft and check the server holds exactly that
 * graph. Screenshots in zh-CN and en go to /tmp/shots/.
 */
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/flow-editor-${name}.png`, animations: 'disabled' });

/** A new zh-CN browser context at the designer's `hash` route, signed in as `username`; page errors are collected. */
async function openDesigner(browser: Browser, hash: string, username: string, password: string) {
  const context = await browser.newContext({
    locale: 'zh-CN',
    baseURL: e2eUrl(),
    viewport: { width: 1440, height: 900 },
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`/designer/#${hash}`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.locator('button[type=submit]').click();
  return { context, page, pageErrors };
}

const node = (page: Page, kind: string) => page.locator(`.react-flow__node [data-kind=${kind}]`);

/** Drags a palette item onto the canvas at (x, y) relative to the canvas (HTML5 drag and drop). */
async function dropKind(page: Page, kind: string, x: number, y: number) {
  const before = await node(page, kind).count();
  await page
    .getByTestId(`flow-palette-${kind}`)
    .dragTo(page.locator('.react-flow__pane'), { targetPosition: { x, y } });
  await expect(node(page, kind)).toHaveCount(before + 1);
}

/** Draws a connection from the bottom handle of `from` to the top handle of `to` with the mouse. */
async function connect(page: Page, from: Locator, to: Locator) {
  const source = await from.locator('.react-flow__handle.source').boundingBox();
  const target = await to.locator('.react-flow__handle.target').boundingBox();
  if (!source || !target) throw new Error('handle not visible');
  await page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
  await page.mouse.down();
  await page.mouse.move(source.x + 20, source.y + 40, { steps: 5 });
  await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 15 });
  await page.mouse.up();
}

test('a builder draws a flow by dragging nodes, fixes the lint problem, dry-runs and saves it', async ({ browser }) => {
  const adminPassword = process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '';
  const { admin, appId, formId } = await createCustomerApp(adminPassword, {
    member: { username: 'flowbuilder', password: 'flowbuilder-password-1', displayName: '流程测试' },
    app: { name: '流程应用', description: '' },
    actions: ['create', 'read'],
  });
  await admin.call('POST', `/api/forms/${formId}/records`, { data: { f_name: 'ACME 贸易', f_amount: 12000 } });
  const { context, page, pageErrors } = await openDesigner(browser, `/apps/${appId}/flows`, 'admin', adminPassword);

  // Create an approval process bound to the customer form.
  await page.getByTestId('flow-create').click();
  await page.getByTestId('flow-create-name').fill('客户审批');
  await page.getByTestId('flow-create-form').click();
  await page.locator('.ant-select-item-option', { hasText: '客户' }).click();
  await page.getByTestId('flow-create-ok').click();
  await expect(page.getByTestId('flow-editor')).toBeVisible();
  const flowId = decodeURIComponent(new URL(page.url()).hash.replace('#/flows/', ''));
  await expect(node(page, 'start')).toHaveCount(1);
  await expect(node(page, 'end')).toHaveCount(1);
  await expect(page.getByTestId('flow-problems')).toContainText('没有问题');

  // Three nodes from the palette, connected delay → notify → end.
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('no canvas');
  await dropKind(page, 'delay', pane.width * 0.78, 80);
  await dropKind(page, 'notify', pane.width * 0.78, 240);
  await dropKind(page, 'end', pane.width * 0.78, 400);
  await connect(page, node(page, 'delay'), node(page, 'notify'));
  await connect(page, node(page, 'notify'), node(page, 'end').nth(1));
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  // The linter: the new steps cannot be reached from the start; publishing is blocked.
  const unreachable = page.locator('[data-testid=flow-problem][data-code="node.unreachable"]');
  await expect(unreachable.first()).toBeVisible();
  await expect(page.getByTestId('flow-problems')).toContainText('无法从开始到达此节点'.slice(0, 2));
  await expect(page.getByTestId('flow-publish')).toBeDisabled();
  // (The lint runs shortly after each edit: the new end is no longer an orphan once it is connected.)
  await expect(page.locator('[data-testid=flow-problem][data-code="node.orphan"]')).toHaveCount(0);
  await shot(page, 'problems-zh-CN');

  // A connection the rules refuse is not drawn: the start already has its one way out.
  await connect(page, node(page, 'start'), node(page, 'notify'));
  await expect(page.getByText('此节点没有空闲的出口')).toBeVisible();
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  // Fix: delete the old end (its edge from the start goes with it), connect start → delay.
  await node(page, 'end').first().click();
  await page.keyboard.press('Delete');
  await expect(node(page, 'end')).toHaveCount(1);
  await connect(page, node(page, 'start'), node(page, 'delay'));
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);
  await expect(page.getByTestId('flow-problems')).toContainText('没有问题');
  await expect(page.getByTestId('flow-publish')).toBeEnabled();

  // Undo brings the deleted connection back out of the picture, redo restores the fix.
  await page.keyboard.press('Control+z');
  await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  await page.keyboard.press('Control+y');
  await expect(page.locator('.react-flow__edge')).toHaveCount(3);

  // Tidy up lays it out top to bottom.
  await page.getByTestId('flow-tidy').click();
  // (ELK runs in a web worker: wait for the new positions.)
  await expect
    .poll(async () => {
      const ys = await Promise.all(
        ['start', 'delay', 'notify', 'end'].map(async (kind) => (await node(page, kind).boundingBox())?.y ?? 0),
      );
      return ys.every((y, i) => i === 0 || y > ys[i - 1]);
    })
    .toBe(true);

  // Dry run on an existing record, then on sample data: every node is on the path and the walk ends.
  await page.getByTestId('flow-dry-run').click();
  await page.getByRole('combobox', { name: '选择一条数据' }).click();
  await page.locator('.ant-select-item-option', { hasText: 'ACME 贸易' }).click();
  await page.getByTestId('dry-run-run').click();
  await expect(page.getByTestId('dry-run-ended')).toBeVisible();
  await expect(page.getByTestId('dry-run-step')).toHaveCount(4);
  await expect(page.getByTestId('dry-run-assignees')).toContainText('Administrator');
  await page.getByTestId('dry-run-clear').click();
  await page.getByText('示例数据').click();
  await page.getByTestId('dry-run-run').click();
  await expect(page.getByTestId('dry-run-ended')).toBeVisible();
  await expect(page.locator('.react-flow__node.flow-visited')).toHaveCount(4);
  await shot(page, 'dry-run-zh-CN');
  await page.getByTestId('dry-run-clear').click();
  await expect(page.locator('.react-flow__node.flow-visited')).toHaveCount(0);
  await page.locator('.ant-drawer-close').click();

  // Save, and the server holds exactly this graph.
  await page.getByTestId('flow-save').click();
  await expect(page.getByText('草稿已保存')).toBeVisible();
  const saved = await admin.call<{ draft: FlowDefinition; draftRevision: number }>('GET', `/api/flows/${flowId}`);
  expect(saved.draft.formId).toBe(formId);
  expect(saved.draft.nodes.map((n) => n.type).sort()).toEqual(['delay', 'end', 'notify', 'start']);
  const kindOf = (id: string) => saved.draft.nodes.find((n) => n.id === id)?.type;
  expect(saved.draft.edges.map((e) => `${kindOf(e.source)}→${kindOf(e.target)}`).sort()).toEqual([
    'delay→notify',
    'notify→end',
    'start→delay',
  ]);

  // Publish, then the same screen in English.
  await page.getByTestId('flow-publish').click();
  await expect(page.getByText('已发布为版本 1')).toBeVisible();
  await page.evaluate(() =>
    (globalThis as unknown as { localStorage: { setItem(k: string, v: string): void } }).localStorage.setItem(
      'formloom.language',
      'en',
    ),
  );
  await page.reload();
  await expect(page.getByTestId('flow-problems')).toContainText('No problems');
  await node(page, 'notify').click();
  await shot(page, 'editor-en');
  await page.getByTestId('flow-versions-open').click();
  await expect(page.getByTestId('flow-version-1')).toContainText('0 running');
  await page.getByTestId('flow-version-1').getByRole('button', { name: 'Open' }).click();
  await expect(page.getByText('Version 1 (read-only)')).toBeVisible();
  await expect(page.getByTestId('flow-palette-delay')).toBeDisabled();
  await shot(page, 'version-en');

  expect(pageErrors).toEqual([]);
  await context.close();
});

test('a save over someone else’s newer draft asks before anything is overwritten', async ({ browser }) => {
  const adminPassword = process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '';
  const { admin, appId } = await createCustomerApp(adminPassword, {
    member: { username: 'flowrace', password: 'flowrace-password-1', displayName: '并发' },
    app: { name: '并发应用', description: '' },
    actions: ['create', 'read'],
  });
  const flow = await admin.call<{ id: string; draft: FlowDefinition; draftRevision: number }>(
    'POST',
    `/api/apps/${appId}/flows`,
    { name: '新数据通知', mode: 'automation' },
  );
  const { context, page } = await openDesigner(browser, `/flows/${flow.id}`, 'admin', adminPassword);
  await expect(node(page, 'trigger')).toHaveCount(1);
  // An automation's palette has no people steps.
  await expect(page.getByTestId('flow-palette-approval')).toHaveCount(0);
  await expect(page.getByTestId('flow-palette-notify')).toBeVisible();

  // Someone else saves a draft with a delay node meanwhile.
  const latest = await admin.call<{ draft: FlowDefinition; draftRevision: number }>('GET', `/api/flows/${flow.id}`);
  await admin.call('PUT', `/api/flows/${flow.id}/draft`, {
    baseRevision: latest.draftRevision,
    definition: {
      ...latest.draft,
      nodes: [
        ...latest.draft.nodes,
        { id: 'other', type: 'delay', position: { x: 400, y: 0 }, data: { durationMs: 60000 } },
      ],
    },
  });

  // Here a notify node is added (by click) and saved: the server refuses, the builder chooses.
  await page.getByTestId('flow-palette-notify').click();
  await expect(node(page, 'notify')).toHaveCount(1);
  await page.getByTestId('flow-save').click();
  await expect(page.locator('.ant-modal-confirm-title')).toHaveText('其他人已保存了此流程');
  await page.getByRole('button', { name: '重新加载' }).click();
  await expect(node(page, 'delay')).toHaveCount(1);
  await expect(node(page, 'notify')).toHaveCount(0);

  // Copy and paste a node, then undo the paste.
  await node(page, 'delay').click();
  // Copy takes what is selected: wait until the click has selected the card (a loaded machine lags).
  await expect(page.locator('.react-flow__node.selected [data-kind=delay]')).toHaveCount(1);
  await page.keyboard.press('Control+c');
  await page.keyboard.press('Control+v');
  await expect(node(page, 'delay')).toHaveCount(2);
  await page.keyboard.press('Control+z');
  await expect(node(page, 'delay')).toHaveCount(1);

  // Back in the app's flows: rename, disable and delete it.
  await page
    .getByRole('button', { name: 'Back' })
    .or(page.getByRole('button', { name: '返回' }))
    .first()
    .click();
  const row = page.getByTestId(`flow-row-${flow.id}`);
  await expect(row).toContainText('新数据通知');
  await row.getByRole('button', { name: '重命名' }).click();
  await page.getByTestId('flow-rename-input').fill('新客户欢迎');
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(row).toContainText('新客户欢迎');
  await row.getByRole('switch').click();
  await expect(row).toContainText('已停用');
  expect((await admin.call<{ enabled: boolean }>('GET', `/api/flows/${flow.id}`)).enabled).toBe(false);
  await row.getByRole('button', { name: '删除' }).click();
  await page.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(row).toHaveCount(0);
  await context.close();
});

test('an app manager without org.manage picks roles by name, and after a reload cards and panel name people', async ({
  browser,
}) => {
  const adminPassword = process.env.FORMLOOM_E2E_ADMIN_PASSWORD ?? '';
  const builder = { username: 'flowmanager', password: 'flowmanager-password-1', displayName: '流程管理员' };
  const { admin, appId, formId } = await createCustomerApp(adminPassword, {
    member: builder,
    app: { name: '审批应用', description: '' },
    actions: ['create', 'read'],
  });
  const [me] = await admin.call<Array<{ id: string }>>('GET', `/api/directory/users?q=${builder.username}`);
  await admin.call('PATCH', `/api/apps/${appId}`, { managers: { users: [me.id] } });
  const finance = await admin.call<{ id: string }>('POST', '/api/org/roles', { name: '财务组', permissions: [] });
  await admin.call('POST', '/api/org/roles', { name: '法务组', permissions: [] });
  const ann = await admin.call<{ id: string }>('POST', '/api/org/users', {
    username: 'ann-finance',
    password: 'ann-finance-password-1',
    displayName: '安财务',
    roleIds: [finance.id],
  });
  // A flow whose approval already names a person and a role (ids in the document).
  const who = (rules: unknown[]) => ({ rules, whenEmpty: 'error' });
  const flow = await admin.call<{ id: string }>('POST', `/api/apps/${appId}/flows`, {
    name: '付款审批',
    mode: 'process',
    formId,
    definition: {
      mode: 'process',
      formId,
      nodes: [
        { id: 'start', type: 'start', position: { x: 0, y: 0 }, data: {} },
        {
          id: 'pay',
          type: 'approval',
          position: { x: 0, y: 0 },
          data: {
            label: '付款审批',
            mode: 'any',
            assignees: who([
              { type: 'users', userIds: [ann.id] },
              { type: 'roles', roleIds: [finance.id] },
            ]),
          },
        },
        { id: 'cc', type: 'cc', position: { x: 0, y: 0 }, data: { assignees: who([{ type: 'initiator' }]) } },
        { id: 'end', type: 'end', position: { x: 0, y: 0 }, data: { result: 'approved' } },
      ],
      edges: [
        { id: 'e1', source: 'start', target: 'pay' },
        { id: 'e2', source: 'pay', target: 'cc' },
        { id: 'e3', source: 'cc', target: 'end' },
      ],
    },
  });

  const { context, page, pageErrors } = await openDesigner(
    browser,
    `/flows/${flow.id}`,
    builder.username,
    builder.password,
  );
  await expect(page.getByTestId('flow-editor')).toBeVisible();

  // The card names the person (and "+1" for the role rule), never the id.
  const card = page.getByTestId('flow-node-pay');
  await expect(card).toContainText('安财务');
  await expect(card).not.toContainText(ann.id);

  // Every card is as tall as the layout assumes (card-size.ts): head 39 px, 18 px a line, 8 px padding.
  const heights = await page.locator('.react-flow__node').evaluateAll((nodes) =>
    nodes.map((n) => {
      const lines = n.querySelectorAll('.flow-node-line').length;
      return {
        drawn: (n as unknown as { offsetHeight: number }).offsetHeight,
        expected: 39 + (lines > 0 ? lines * 18 + 8 : 0),
      };
    }),
  );
  expect(heights.length).toBe(4);
  for (const h of heights) expect(h.drawn).toBe(h.expected);

  // The side panel's "who" line names the person and the role.
  await card.click();
  const summary = page.getByTestId('assignee-picker-summary');
  await expect(summary).toContainText('安财务');
  await expect(summary).toContainText('财务组');

  // Roles come from the directory: picked by name (with how many hold them), no typing ids.
  await page.getByTestId('assignee-picker-add').click();
  await page.getByRole('menuitem', { name: '角色' }).click();
  const roleSelects = page.getByRole('combobox', { name: '角色', exact: true });
  await expect(roleSelects).toHaveCount(2);
  await pick(page, roleSelects.last(), '法务组0 人');
  await expect(summary).toContainText('法务组');
  await expect(page.getByText('当前权限无法列出角色')).toHaveCount(0);
  await shot(page, 'roles-by-name-zh-CN');

  await page.getByTestId('flow-save').click();
  await expect(page.getByText('草稿已保存')).toBeVisible();

  // After a reload (names load after the flow), the card and the panel still end up with names.
  await page.reload();
  await expect(card).toContainText('安财务');
  await card.click();
  await expect(summary).toContainText('安财务');
  await expect(summary).toContainText('财务组');
  await expect(summary).not.toContainText(ann.id);
  await shot(page, 'names-after-reload-zh-CN');

  expect(pageErrors).toEqual([]);
  await context.close();
});
