/**
 * The executions screen for app managers (not admins): a manager lists the failed instances of
 * the apps they manage and no others, and cannot read the journal of, retry or cancel an
 * instance of another app, whether they belong to it or not (404, as for any hidden instance).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { flowGraph, followupDefinition, purchaseDefinition, until } from './flows-fixtures.js';
import { injectCall, signedInUser, type ApiBody, type Call } from './records-fixtures.js';

let t: TestApp;
let admin: Call;
const as: Record<'mia' | 'ann' | 'sam', Call> = {} as Record<'mia' | 'ann' | 'sam', Call>;
const ids: Record<'mia' | 'ann' | 'sam', string> = {} as Record<'mia' | 'ann' | 'sam', string>;

function expectStatus(what: string, answer: { status: number; body: ApiBody }, status: number): ApiBody {
  expect(answer.status, `${what}: ${JSON.stringify(answer.body)}`).toBe(status);
  return answer.body;
}

/** An app managed by `manager` (others are members) whose automation fails on every new purchase request. */
async function failingApp(name: string, manager: 'mia' | 'ann') {
  const app = expectStatus('app', await admin('POST', '/api/apps', { name }), 201);
  const appId = String(app.id);
  expectStatus(
    'roles',
    await admin('PATCH', `/api/apps/${appId}`, {
      managers: { users: [ids[manager]], roles: [] },
      members: { users: Object.values(ids), roles: [], departments: [] },
    }),
    200,
  );
  const form = async (formName: string, definition: ReturnType<typeof purchaseDefinition>) => {
    const created = expectStatus(
      formName,
      await admin('POST', `/api/apps/${appId}/forms`, { name: formName, definition }),
      201,
    );
    expectStatus('publish', await admin('POST', `/api/forms/${String(created.id)}/publish`, {}), 201);
    return String(created.id);
  };
  const purchase = await form('Purchase requests', purchaseDefinition());
  const followup = await form('Follow-ups', followupDefinition());
  const definition = flowGraph(
    'automation',
    undefined,
    [
      ['trigger', 'trigger', { trigger: { type: 'record_created', formId: purchase } }],
      // Follow-ups require f_subject, which the mapping leaves out: the step fails.
      ['mk', 'create_record', { formId: followup, fieldMap: { f_value: { from: 'value', value: 1 } } }],
      ['end', 'end', { result: 'ended' }],
    ],
    [
      ['trigger', 'mk'],
      ['mk', 'end'],
    ],
  );
  const flow = expectStatus(
    'flow',
    await admin('POST', `/api/apps/${appId}/flows`, { name: `${name} follow-up`, mode: 'automation', definition }),
    201,
  );
  expectStatus('publish flow', await admin('POST', `/api/flows/${String(flow.id)}/publish`, {}), 201);
  return { appId, purchase };
}

async function failedInstanceOf(appId: string, purchase: string, title: string): Promise<string> {
  expectStatus(
    'record',
    await admin('POST', `/api/forms/${purchase}/records`, { data: { f_title: title, f_amount: 1 } }),
    201,
  );
  const item = await until(`the failed instance of ${title}`, async () => {
    const page = await admin('GET', `/api/flow-admin/instances?appId=${appId}&status=failed`);
    return page.body.items?.[0];
  });
  return String(item.id);
}

let sales: { appId: string; purchase: string };
let hr: { appId: string; purchase: string };
let salesInstance: string;
let hrInstance: string;

beforeAll(async () => {
  t = await createTestApp({ loginRateLimit: 1000 });
  admin = injectCall(t.app, t.adminToken);
  const anonymous = injectCall(t.app, null);
  for (const name of ['mia', 'ann', 'sam'] as const) {
    const signed = await signedInUser(admin, anonymous, name);
    ids[name] = signed.id;
    as[name] = injectCall(t.app, signed.token);
  }
  sales = await failingApp('Sales', 'mia');
  hr = await failingApp('HR', 'ann');
  salesInstance = await failedInstanceOf(sales.appId, sales.purchase, 'Sales chairs');
  hrInstance = await failedInstanceOf(hr.appId, hr.purchase, 'HR desks');
  // sam belongs to neither app after this.
  expectStatus(
    'sam leaves HR',
    await admin('PATCH', `/api/apps/${hr.appId}`, {
      members: { users: [ids.mia, ids.ann], roles: [], departments: [] },
    }),
    200,
  );
});

afterAll(async () => {
  await t?.close();
});

describe('executions for app managers', () => {
  it('a manager lists the failed instances of their app only', async () => {
    const own = expectStatus(
      'own',
      await as.mia('GET', `/api/flow-admin/instances?appId=${sales.appId}&status=failed`),
      200,
    );
    expect(own.items?.map((i) => i.id)).toEqual([salesInstance]);
    expect((await as.mia('GET', `/api/flow-admin/instances?appId=${hr.appId}&status=failed`)).status).toBe(403);
    // Without an app they get a 400 naming appId, never every app's instances.
    const unscoped = await as.mia('GET', '/api/flow-admin/instances?status=failed');
    expect(unscoped.status).toBe(400);
    expect(unscoped.body.error).toMatchObject({ details: [expect.objectContaining({ path: 'appId' })] });
    const hrOwn = expectStatus('hr', await as.ann('GET', `/api/flow-admin/instances?appId=${hr.appId}`), 200);
    expect(hrOwn.items?.map((i) => i.id)).toEqual([hrInstance]);
    // Admins see both without naming an app.
    const all = expectStatus('all', await admin('GET', '/api/flow-admin/instances?status=failed'), 200);
    expect(all.items?.map((i) => i.id).sort()).toEqual([salesInstance, hrInstance].sort());
  });

  it('a manager cannot read, retry or cancel another app’s instance (404: the id reveals nothing)', async () => {
    // mia is a member of HR (not its manager, not in the instance); sam is not in HR at all.
    for (const call of [as.mia, as.sam]) {
      for (const action of ['retry', 'cancel'] as const)
        expect((await call('POST', `/api/flow-instances/${hrInstance}/${action}`)).status).toBe(404);
      expect((await call('GET', `/api/flow-instances/${hrInstance}/journal`)).status).toBe(404);
    }
    const untouched = expectStatus('hr instance', await admin('GET', `/api/flow-instances/${hrInstance}`), 200);
    expect(untouched.status).toBe('failed');
  });

  it('a manager retries and cancels the instances of their own app', async () => {
    const journal = expectStatus('journal', await as.mia('GET', `/api/flow-instances/${salesInstance}/journal`), 200);
    expect(journal.items?.map((j) => j.type)).toContain('error');
    const retried = expectStatus('retry', await as.mia('POST', `/api/flow-instances/${salesInstance}/retry`), 200);
    expect(retried.status).toBe('running');
    await until(
      'failed again',
      async () => (await as.mia('GET', `/api/flow-instances/${salesInstance}`)).body.status === 'failed',
    );
    const cancelled = expectStatus('cancel', await as.mia('POST', `/api/flow-instances/${salesInstance}/cancel`), 200);
    expect(cancelled.status).toBe('cancelled');
  });
});
