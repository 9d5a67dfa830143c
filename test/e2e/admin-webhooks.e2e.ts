import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { FlowDefinition } from '@formloom/model';
import { signIn, type E2eApi } from './api-client.js';
import { choose } from './ant-select.js';
import { signInPlayer } from './flow-fixture.js';

/**
 * The webhook screens as an app manager (not an admin), set up through the API: an automation
 * that posts each new order to a private address, which the egress guard refuses, so the
 * delivery fails at once. The manager finds the admin menu (executions and webhooks, no mail
 * outbox), the executions screen scoped to their app, the failed delivery with its filters and
 * detail drawer, retries it once, reads, reveals and rotates the signing secret; then the same
 * screens in English. Screenshots go to /tmp/shots/.
 */
const SHOTS = '/tmp/shots';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `${SHOTS}/admin-webhooks-${name}.png`, fullPage: true, animations: 'disabled' });

const MANAGER = {
  username: 'hook_manager_zhao',
  password: 'hook-manager-pw-1',
  displayName: '赵经理',
  email: 'zhao.hooks@example.com',
};
/** The notification mail each order sends the manager: markup in it must show as text. */
const MAIL_SUBJECT = '新订单待确认 <b>加急</b>';
const MAIL_BODY = '请确认订单 <script>window.__mailRan = true</script> <img src=x onerror="window.__mailRan = true">';
const OTHER_MANAGER = { username: 'hook_manager_qian', password: 'hook-manager-pw-2', displayName: '钱经理' };
/** A private (RFC 1918) address: the egress guard blocks it before anything is sent. */
const RECEIVER = 'http://10.20.30.40/erp/orders';

function pushOrders(formId: string, managerId: string): FlowDefinition {
  return {
    mode: 'automation',
    nodes: [
      {
        id: 'trigger',
        type: 'trigger',
        position: { x: 0, y: 0 },
        data: { trigger: { type: 'record_created', formId } },
      },
      { id: 'hook', type: 'webhook', position: { x: 0, y: 140 }, data: { label: '推送到 ERP', url: RECEIVER } },
      {
        id: 'mail',
        type: 'notify',
        position: { x: 0, y: 280 },
        data: {
          recipients: { rules: [{ type: 'users', userIds: [managerId] }], whenEmpty: 'skip' },
          channels: ['email'],
          subject: MAIL_SUBJECT,
          body: MAIL_BODY,
        },
      },
      { id: 'end', type: 'end', position: { x: 0, y: 420 }, data: { result: 'ended' } },
    ],
    edges: [
      { id: 'e1', source: 'trigger', target: 'hook' },
      { id: 'e2', source: 'hook', target: 'mail' },
      { id: 'e3', source: 'mail', target: 'end' },
    ],
  };
}

async function appWithWebhook(admin: E2eApi, name: string, managerId: string, flowName: string) {
  const app = await admin.call<{ id: string }>('POST', '/api/apps', { name });
  await admin.call('PATCH', `/api/apps/${app.id}`, {
    managers: { users: [managerId], roles: [] },
    members: { users: [managerId], roles: [], departments: [] },
  });
  const form = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/forms`, {
    name: '订单',
    definition: {
      schema: { type: 'object', required: ['f_title'], properties: { f_title: { type: 'string', minLength: 1 } } },
      uiSchema: {},
      fields: { f_title: { kind: 'text', label: '订单名称' } },
    },
  });
  await admin.call('POST', `/api/forms/${form.id}/publish`, {});
  const flow = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/flows`, {
    name: flowName,
    mode: 'automation',
    definition: pushOrders(form.id, managerId),
  });
  await admin.call('POST', `/api/flows/${flow.id}/publish`, {});
  // A second automation that fails on every order (follow-ups need a subject it never maps).
  const followups = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/forms`, {
    name: '跟进',
    definition: {
      schema: { type: 'object', required: ['f_subject'], properties: { f_subject: { type: 'string', minLength: 1 } } },
      uiSchema: {},
      fields: { f_subject: { kind: 'text', label: '跟进事项' } },
    },
  });
  await admin.call('POST', `/api/forms/${followups.id}/publish`, {});
  const failing = await admin.call<{ id: string }>('POST', `/api/apps/${app.id}/flows`, {
    name: `${name}：登记跟进`,
    mode: 'automation',
    definition: {
      mode: 'automation',
      nodes: [
        {
          id: 'trigger',
          type: 'trigger',
          position: { x: 0, y: 0 },
          data: { trigger: { type: 'record_created', formId: form.id } },
        },
        { id: 'mk', type: 'create_record', position: { x: 0, y: 140 }, data: { formId: followups.id, fieldMap: {} } },
        { id: 'end', type: 'end', position: { x: 0, y: 280 }, data: { result: 'ended' } },
      ],
      edges: [
        { id: 'e1', source: 'trigger', target: 'mk' },
        { id: 'e2', source: 'mk', target: 'end' },
      ],
    } satisfies FlowDefinition,
  });
  await admin.call('POST', `/api/flows/${failing.id}/publish`, {});
  return { appId: app.id, formId: form.id, flowId: flow.id };
}

interface Delivery {
  id: string;
  status: string;
  attempts: unknown[];
}

test('an app manager reads, filters and retries webhook deliveries and rotates the secret, zh-CN and en', async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const admin = await signIn('admin', String(process.env.FORMLOOM_E2E_ADMIN_PASSWORD));
  const manager = await admin.call<{ id: string }>('POST', '/api/org/users', MANAGER);
  const other = await admin.call<{ id: string }>('POST', '/api/org/users', OTHER_MANAGER);
  // zhao manages two apps: a report app without flows (first in order) and the orders app.
  const reports = await admin.call<{ id: string }>('POST', '/api/apps', { name: '报表中心' });
  await admin.call('PATCH', `/api/apps/${reports.id}`, { managers: { users: [manager.id], roles: [] } });
  const orders = await appWithWebhook(admin, '订单对接', manager.id, '推送订单到 ERP');
  // Another manager's app: its name and failed instance never show up in zhao's screens.
  const stock = await appWithWebhook(admin, '库存对接', other.id, '推送库存');
  await admin.call('POST', `/api/forms/${orders.formId}/records`, { data: { f_title: '华东区 500 台显示器' } });
  await admin.call('POST', `/api/forms/${stock.formId}/records`, { data: { f_title: '仓库盘点' } });

  const asManager = await signIn(MANAGER.username, MANAGER.password);
  await expect
    .poll(
      async () =>
        (
          await asManager.call<{ items: Delivery[] }>(
            'GET',
            `/api/flows/${orders.flowId}/webhook-deliveries?status=failed`,
          )
        ).items,
      { timeout: 20_000 },
    )
    .toHaveLength(1);

  await expect
    .poll(
      async () =>
        (
          await asManager.call<{ items: unknown[] }>(
            'GET',
            `/api/flow-admin/instances?appId=${orders.appId}&status=failed`,
          )
        ).items,
      { timeout: 20_000 },
    )
    .toHaveLength(1);

  // zh-CN: the admin menu of a manager has executions and webhooks, not the mail outbox.
  const page = await signInPlayer(browser, MANAGER, 'zh-CN');
  await page.getByTestId('admin-menu').click();
  await expect(page.getByRole('menuitem', { name: '流程运行' })).toBeVisible();
  await expect(page.getByRole('menuitem', { name: '邮件发件箱' })).toHaveCount(0);
  await page.getByRole('menuitem', { name: '流程运行' }).click();
  // It starts on the first app zhao manages; the picker offers exactly his two apps.
  const scope = page.getByTestId('admin-app-scope');
  await expect(scope).toContainText('报表中心');
  const executions = page.getByTestId('executions');
  await expect(executions).toContainText('没有问题');
  await page.getByRole('combobox', { name: '应用' }).click();
  const options = page.locator('.ant-select-dropdown:visible .ant-select-item-option');
  await expect(options).toHaveText(['报表中心', '订单对接']);
  await page.keyboard.press('Escape');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await choose(page, page, '应用', '订单对接');
  await expect(scope).toContainText('订单对接');
  await expect(executions.locator('tbody tr.ant-table-row')).toHaveCount(1);
  await expect(executions).toContainText('订单对接：登记跟进');
  await expect(executions).not.toContainText('库存对接');
  // The manager retries their app's failed instance (it fails again: the mapping still lacks the subject).
  await executions.getByRole('button', { name: /重\s*试/ }).click();
  await expect(page.getByText('出错的步骤已重新执行')).toBeVisible();
  await shot(page, 'executions-zh');

  await page.getByTestId('admin-menu').click();
  await page.getByRole('menuitem', { name: 'Webhook' }).click();
  await expect(page.getByRole('heading', { name: 'Webhook' })).toBeVisible();
  await expect(page.getByText('这个应用还没有流程。')).toBeVisible();
  await choose(page, page, '应用', '订单对接');
  await expect(page.getByTestId('webhook-flow')).toContainText('推送订单到 ERP');
  const table = page.getByTestId('webhook-deliveries');
  const row = table.locator('tbody tr.ant-table-row').first();
  await expect(row).toContainText('10.20.30.40');
  await expect(row).toContainText('失败');
  await expect(row).toContainText('1/');
  await expect(row).toContainText(/blocked/);

  // Filters: pending is empty, failed has the delivery.
  await page.getByTestId('delivery-filter').getByText('等待中').click();
  await expect(table).toContainText('还没有 Webhook 调用');
  await page.getByTestId('delivery-filter').getByText('失败').click();
  await expect(row).toContainText('10.20.30.40');
  await shot(page, 'deliveries-zh');

  // The drawer: the URL, the body as text, the try without an answer.
  await row.getByRole('button', { name: /详\s*情/ }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer).toContainText(RECEIVER);
  await expect(drawer.getByTestId('delivery-body')).toContainText('华东区 500 台显示器');
  await expect(drawer.getByTestId('delivery-attempt')).toContainText('第 1 次');
  await expect(drawer.getByTestId('delivery-attempt')).toContainText('无响应');
  await shot(page, 'delivery-drawer-zh');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(Close|关闭)$/ })
    .click();

  // Retry now: one more try, refused again by the egress guard.
  await row.getByRole('button', { name: '立即重试' }).click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定|OK/ })
    .click();
  await expect(page.getByText('已重新发送')).toBeVisible();
  await expect(row).toContainText('2/2', { timeout: 15_000 });
  await expect(row).toContainText('失败');

  // The secret: masked, revealed equal to the API's, rotated after a confirmation.
  await page.getByRole('tab', { name: '签名密钥' }).click();
  const value = page.getByTestId('secret-value');
  await expect(value).toContainText('••••');
  const { secret } = await asManager.call<{ secret: string }>('GET', `/api/flows/${orders.flowId}/webhook-secret`);
  await expect(value).not.toContainText(secret);
  await page.getByTestId('secret-reveal').click();
  await expect(value).toHaveText(secret);
  await expect(page.getByText('接收方如何校验请求')).toBeVisible();
  await expect(page.getByText('X-Formloom-Signature').first()).toBeVisible();
  await shot(page, 'secret-zh');
  await page.getByTestId('secret-rotate').click();
  await expect(page.getByText('轮换签名密钥？')).toBeVisible();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /轮\s*换/ })
    .click();
  await expect(page.getByText('已生成新密钥')).toBeVisible();
  const rotated = await asManager.call<{ secret: string; rotatedAt: string }>(
    'GET',
    `/api/flows/${orders.flowId}/webhook-secret`,
  );
  expect(rotated.secret).not.toBe(secret);
  expect(rotated.rotatedAt).toBeTruthy();
  await expect(value).toHaveText(rotated.secret);
  await page.context().close();

  // en: the same screens in English, opened from the kind of link the flow designer's webhook
  // panel has (the flow and the tab, no app: the page finds the flow's app).
  const en = await signInPlayer(browser, MANAGER, 'en');
  await en.goto(`/admin/webhooks?flow=${orders.flowId}&tab=deliveries`);
  await expect(en.getByRole('tab', { name: 'Delivery log' })).toBeVisible();
  await expect(en.getByTestId('admin-app-scope')).toContainText('订单对接');
  await expect(en.getByTestId('webhook-flow')).toContainText('推送订单到 ERP');
  const enRow = en.getByTestId('webhook-deliveries').locator('tbody tr.ant-table-row').first();
  await expect(enRow).toContainText('Failed');
  await expect(enRow).toContainText('10.20.30.40');
  await expect(en.getByTestId('delivery-filter')).toContainText('Pending');
  await shot(en, 'deliveries-en');
  await enRow.getByRole('button', { name: 'Details' }).click();
  await expect(en.getByRole('dialog')).toContainText('Try 2');
  await expect(en.getByRole('dialog')).toContainText('No answer');
  await shot(en, 'delivery-drawer-en');
  await en
    .getByRole('dialog')
    .getByRole('button', { name: /^(Close|关闭)$/ })
    .click();
  await en.getByRole('tab', { name: 'Signing secret' }).click();
  await expect(en.getByText('How receivers verify a call')).toBeVisible();
  await expect(en.getByTestId('secret-value')).toContainText('••••');
  await shot(en, 'secret-en');
  await en.getByTestId('admin-menu').click();
  await expect(en.getByRole('menuitem', { name: 'Flow executions' })).toBeVisible();
  await expect(en.getByRole('menuitem', { name: 'E-mail outbox' })).toHaveCount(0);
  await en.keyboard.press('Escape');
  await en.context().close();
});

test('an admin reads the mail outbox a page at a time and opens a mail as plain text', async ({ browser }) => {
  const page = await signInPlayer(
    browser,
    { username: 'admin', password: String(process.env.FORMLOOM_E2E_ADMIN_PASSWORD) },
    'en',
  );
  await page.getByTestId('admin-menu').click();
  await expect(page.getByRole('menuitem', { name: 'Webhooks' })).toBeVisible();
  await page.getByRole('menuitem', { name: 'E-mail outbox' }).click();
  await expect(page.getByTestId('mail-outbox')).toBeVisible();
  await shot(page, 'outbox-en');
  // The order mail of the first test: its markup is text in the table and in the drawer.
  const mail = page
    .getByTestId('mail-outbox')
    .locator('tbody tr.ant-table-row')
    .filter({ hasText: 'zhao.hooks@example.com' });
  await expect(mail.first()).toContainText(MAIL_SUBJECT);
  await mail.first().getByRole('button', { name: 'Details' }).click();
  await expect(page.getByTestId('mail-text')).toContainText('<script>window.__mailRan = true</script>');
  await expect(page.getByRole('dialog').locator('script, img')).toHaveCount(0);
  expect(await page.evaluate(() => (globalThis as unknown as { __mailRan?: boolean }).__mailRan)).toBeUndefined();
  await shot(page, 'outbox-drawer-en');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /^(Close|关闭)$/ })
    .click();
  // The executions screen of an admin starts on every app.
  await page.getByTestId('admin-menu').click();
  await page.getByRole('menuitem', { name: 'Flow executions' }).click();
  await expect(page.getByTestId('admin-app-scope')).toContainText('All apps');
  await choose(page, page, 'App', '订单对接');
  await expect(page.getByTestId('admin-app-scope')).toContainText('订单对接');
  await page.context().close();
});
