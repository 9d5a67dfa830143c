import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart } from './files-fixtures.js';
import { flowGraph, openFlowsWorld, until, type FlowsWorld } from './flows-fixtures.js';
import { injectCall, publishedForm, type ApiBody, type Call } from './records-fixtures.js';

/**
 * Texts the server writes for people follow the reader's language: the user's saved locale
 * (chosen in the player, first taken from the browser at sign-in) decides the e-mail of a
 * default notification and the import's errors.xlsx; in-app messages and journal entries carry
 * their key for the player to word.
 */
let w: FlowsWorld;

beforeAll(async () => {
  w = await openFlowsWorld();
}, 120_000);
afterAll(async () => {
  await w?.close();
});

async function ok(what: string, answer: Promise<{ status: number; body: ApiBody }>, status = 200): Promise<ApiBody> {
  const res = await answer;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

describe('a user’s language', () => {
  it('is taken from Accept-Language at the first sign-in and kept afterwards', async () => {
    const anonymous = injectCall(w.t.app, null);
    await ok(
      'create',
      w.admin('POST', '/api/org/users', { username: 'lin', password: 'lin-password-123', displayName: 'Lin' }),
      201,
    );
    const signIn = (language: string) =>
      anonymous(
        'POST',
        '/api/auth/login',
        { username: 'lin', password: 'lin-password-123' },
        { 'accept-language': language },
      );
    expect((await signIn('zh-CN,zh;q=0.9,en;q=0.8')).body.user).toMatchObject({ locale: 'zh-CN' });
    expect((await signIn('en-US,en;q=0.9')).body.user).toMatchObject({ locale: 'zh-CN' });
  });

  it('is changed with PATCH /api/auth/me, only to zh-CN or en, and nothing else is taken from the body', async () => {
    const me = w.as.sam;
    expect((await ok('patch', me('PATCH', '/api/auth/me', { locale: 'zh-CN' }))).user).toMatchObject({
      locale: 'zh-CN',
    });
    expect((await ok('me', me('GET', '/api/auth/me'))).user).toMatchObject({ locale: 'zh-CN' });

    const french = await me('PATCH', '/api/auth/me', { locale: 'fr' });
    expect(french.status).toBe(400);
    expect(french.body.error?.details.some((d) => d.path.includes('locale'))).toBe(true);
    const sneaky = await me('PATCH', '/api/auth/me', { locale: 'en', roleIds: [w.roles.director] });
    expect(sneaky.status).toBe(400);
    const after = await ok('me', me('GET', '/api/auth/me'));
    expect(after.user).toMatchObject({ locale: 'zh-CN' });
    expect((after.user as { roleIds: string[] }).roleIds).not.toContain(w.roles.director);
    expect((await injectCall(w.t.app, null)('PATCH', '/api/auth/me', { locale: 'en' })).status).toBe(401);
  });
});

describe('default notifications', () => {
  it('mail a zh-CN reader in Chinese and an en reader in English; in-app messages carry the key', async () => {
    for (const [who, locale] of [
      ['mia', 'zh-CN'],
      ['dan', 'en'],
    ] as const) {
      await ok('email', w.admin('PATCH', `/api/org/users/${w.ids[who]}`, { email: `${who}@example.com` }));
      await ok('locale', w.as[who]('PATCH', '/api/auth/me', { locale }));
    }
    await w.publishFlow(
      'Language check',
      flowGraph(
        'process',
        w.forms.purchase,
        [
          ['start', 'start'],
          // No label: the step is named by its kind, in each reader's language.
          [
            'ask',
            'approval',
            {
              assignees: { rules: [{ type: 'users', userIds: [w.ids.mia, w.ids.dan] }], whenEmpty: 'error' },
              mode: 'all',
            },
          ],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'ask'],
          ['ask', 'end'],
        ],
      ),
    );
    const record = await ok(
      'submit',
      w.as.ann('POST', `/api/forms/${w.forms.purchase}/records`, { data: { f_title: 'Desk lamp' } }),
      201,
    );

    const mails = w.t.store.collection<{
      _id: string;
      userId: string;
      subject: string;
      text: string;
      idempotencyKey: string;
    }>('mail_outbox');
    const [mia, dan] = await until('both task mails', async () => {
      const found = await mails.find({ userId: { $in: [w.ids.mia, w.ids.dan] }, idempotencyKey: { $regex: '^task:' } });
      const byUser = (id: string) => found.find((m) => m.userId === id);
      const pair = [byUser(w.ids.mia), byUser(w.ids.dan)];
      return pair[0] && pair[1] ? pair : null;
    });
    expect(mia!.subject).toMatch(/^待办：审批 · .*Desk lamp/);
    expect(mia!.text).toContain('等待你处理');
    expect(dan!.subject).toMatch(/^Task: Approval · .*Desk lamp/);
    expect(dan!.text).toContain('is waiting for you at "Approval"');

    const inbox = await ok('messages', w.as.mia('GET', '/api/messages?category=task'));
    const message = inbox.items?.find((m) => String(m.title).includes('Desk lamp')) as ApiBody | undefined;
    expect(message).toMatchObject({
      title: expect.stringMatching(/^Task: Approval · /),
      i18n: { key: 'flow.notify.task', params: { nodeLabel: null, nodeKind: 'approval' } },
    });

    // The instance names the unlabelled step by kind and words its journal by key.
    const initiated = await ok('initiated', w.as.ann('GET', '/api/flow-inbox/initiated'));
    const item = initiated.items?.find((i) => i.recordId === record.id);
    const state = await ok('state', w.as.ann('GET', `/api/flow-instances/${String(item?.instanceId)}`));
    const waiting = state.waitingOn as Array<{ nodeLabel: string | null; nodeKind: string }>;
    expect(waiting[0]).toMatchObject({ nodeLabel: null, nodeKind: 'approval' });
    const timeline = state.timeline as Array<{ type: string; message: string; i18n: { key: string } | null }>;
    expect(timeline[0]).toMatchObject({
      type: 'started',
      message: expect.stringMatching(/^Started \(submit\) on version 1/),
      i18n: { key: 'flow.journal.started' },
    });
  });
});

describe('a failed instance', () => {
  it('keeps its error by key, for the journal and the admin list to word in the reader’s language', async () => {
    const nobody = await ok('role', w.admin('POST', '/api/org/roles', { name: 'Nobody', permissions: [] }), 201);
    const flowId = await w.publishFlow(
      'Fails for want of people',
      flowGraph(
        'process',
        w.forms.opportunity,
        [
          ['start', 'start'],
          [
            'ask',
            'approval',
            {
              assignees: { rules: [{ type: 'roles', roleIds: [String(nobody.id)] }], whenEmpty: 'error' },
              mode: 'any',
            },
          ],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'ask'],
          ['ask', 'end'],
        ],
      ),
    );
    await ok(
      'submit',
      w.as.bob('POST', `/api/forms/${w.forms.opportunity}/records`, { data: { f_name: 'Big deal' } }),
      201,
    );
    const failed = await until('the failed instance', async () => {
      const list = await w.admin('GET', '/api/flow-admin/instances?status=failed');
      return list.body.items?.find((i) => i.flowId === flowId);
    });
    expect(failed.error).toMatchObject({
      code: 'NO_ASSIGNEE',
      message: 'The assignee rules found no one',
      i18n: { key: 'flow.error.noAssignee' },
    });
    const journal = await ok('journal', w.admin('GET', `/api/flow-instances/${String(failed.id)}/journal`));
    const error = (journal.items as Array<{ type: string; message: string; i18n: { key: string } | null }>).find(
      (j) => j.type === 'error',
    );
    expect(error).toMatchObject({
      message: 'The instance failed: The assignee rules found no one',
      i18n: { key: 'flow.error.noAssignee' },
    });
  });
});

async function readWorkbook(bytes: Buffer): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

describe('the import error report', () => {
  it('is written in the language of the user who ran the import', async () => {
    const { formId } = await publishedForm(w.admin);
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Customers');
    sheet.addRow(['Name', 'Stage']);
    sheet.addRow(['Good one', 'Lead']);
    sheet.addRow(['Bad stage', 'Unknown stage']);
    sheet.addRow([null, 'Won']);
    const body = multipart(Buffer.from(await book.xlsx.writeBuffer()), 'customers.xlsx');
    const upload = await w.t.app.inject({
      method: 'POST',
      url: `/api/forms/${formId}/imports`,
      headers: { ...w.t.auth(w.t.adminToken), ...body.headers },
      payload: body.payload,
    });
    expect(upload.statusCode).toBe(201);
    const { importId } = upload.json() as { importId: string };
    await until('read', async () => (await w.admin('GET', `/api/imports/${importId}`)).body.state === 'ready');
    await ok(
      'start',
      w.admin('POST', `/api/imports/${importId}/start`, { mapping: { '0': 'f_name', '1': 'f_stage' } }),
      202,
    );
    await until('done', async () => (await w.admin('GET', `/api/imports/${importId}`)).body.state === 'done');

    const report = async (admin: Call, locale: 'zh-CN' | 'en') => {
      await ok('locale', admin('PATCH', '/api/auth/me', { locale }));
      const res = await w.t.app.inject({
        method: 'GET',
        url: `/api/imports/${importId}/errors.xlsx`,
        headers: w.t.auth(w.t.adminToken),
      });
      expect(res.statusCode).toBe(200);
      return readWorkbook(res.rawPayload);
    };

    const zh = await report(w.admin, 'zh-CN');
    expect(zh[0]).toEqual(['行号', 'Name', 'Stage', '错误原因']);
    expect(zh.slice(1).map((r) => r[0])).toEqual([3, 4]);
    expect(String(zh[1]![3])).toMatch(/^Stage：.*[\u4e00-\u9fff].*\((option|enum)\)$/);
    expect(String(zh[2]![3])).toMatch(/^Name：此项为必填项|^Name：.*[\u4e00-\u9fff]/);

    const en = await report(w.admin, 'en');
    expect(en[0]).toEqual(['Row', 'Name', 'Stage', 'Errors']);
    expect(String(en[1]![3])).toMatch(/^Stage: [A-Za-z ]+.*\((option|enum)\)$/);
    expect(String(en[1]![3])).not.toMatch(/[\u4e00-\u9fff]/);
  }, 60_000);
});
