/**
 * Flow scenarios through the HTTP API, on the embedded default (in-process queue) and on BullMQ
 * with a real redis-server: flows are created and published through the flow documents API,
 * records are submitted through the records API, and people act through their inboxes.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Condition, JobQueue } from '@formloom/model';
import { createBullmqQueue } from '../../platform/src/adapters/queue/index.js';
import { verifySignature, SIGNATURE_HEADER } from '../../platform/src/notifications/index.js';
import { startRedis, type RedisServer } from '../support/redis-server.js';
import { flowGraph, nextTodo, openFlowsWorld, until, type FlowsWorld } from './flows-fixtures.js';
import type { ApiBody, Call } from './records-fixtures.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

let world: FlowsWorld | null = null;

const queues: Array<[string, () => Promise<JobQueue | undefined>]> = [
  ['embedded (in-process queue)', async () => undefined],
  [
    'BullMQ on Redis',
    () => createBullmqQueue({ url: redis.url, prefix: `flows-${Math.random().toString(36).slice(2, 8)}` }),
  ],
];

const users = (...userIds: string[]) => ({ rules: [{ type: 'users', userIds }], whenEmpty: 'error' });

async function ok(what: string, answer: Promise<{ status: number; body: ApiBody }>, status = 200): Promise<ApiBody> {
  const res = await answer;
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function submit(
  w: FlowsWorld,
  call: Call,
  data: Record<string, unknown>,
): Promise<{ recordId: string; instanceId: string }> {
  const rec = await ok('submit', call('POST', `/api/forms/${w.forms.purchase}/records`, { data }), 201);
  const recordId = String(rec.id);
  const item = await until('the instance in “initiated”', async () => {
    const page = await call('GET', '/api/flow-inbox/initiated');
    return page.body.items?.find((i) => i.recordId === recordId);
  });
  return { recordId, instanceId: String(item.instanceId) };
}

async function act(call: Call, taskId: unknown, body: Record<string, unknown>, status = 200): Promise<ApiBody> {
  return ok(`action ${String(body.action)}`, call('POST', `/api/flow-tasks/${String(taskId)}/actions`, body), status);
}

async function instanceState(call: Call, instanceId: string, status?: string): Promise<ApiBody> {
  return until(`instance ${instanceId}${status ? ` ${status}` : ''}`, async () => {
    const res = await call('GET', `/api/flow-instances/${instanceId}`);
    return res.status === 200 && (!status || res.body.status === status) ? res.body : null;
  });
}

describe.each(queues)('flow scenarios on %s', (_name, makeQueue) => {
  // One world (org, app, forms) per queue; each scenario disables its flows when done.
  let shared: FlowsWorld;
  beforeAll(async () => {
    shared = await openFlowsWorld({ queue: await makeQueue() });
  });
  afterEach(async () => {
    await shared.disableFlows();
  });
  afterAll(async () => {
    await shared?.close();
  });
  it('a purchase request: amount > 10,000 goes to the director after the manager, and everything to finance with a countersign', async () => {
    const w = shared;
    const bigAmount: Condition = { rel: 'and', cond: [{ field: 'f_amount', method: 'gt', value: 10000 }] };
    await w.publishFlow(
      'Purchase approval',
      flowGraph(
        'process',
        w.forms.purchase,
        [
          ['start', 'start', { label: 'Submit' }],
          [
            'mgr',
            'approval',
            {
              label: 'Manager',
              assignees: { rules: [{ type: 'manager_chain', levels: 1 }], whenEmpty: 'error' },
              mode: 'any',
              fieldPermissions: { f_secret: 'hidden', f_amount: 'read' },
            },
          ],
          ['cond', 'condition', { label: 'Amount?' }],
          [
            'dir',
            'approval',
            {
              label: 'Director',
              assignees: { rules: [{ type: 'roles', roleIds: [w.roles.director] }], whenEmpty: 'error' },
              mode: 'any',
            },
          ],
          [
            'fin',
            'approval',
            {
              label: 'Finance',
              assignees: { rules: [{ type: 'roles', roleIds: [w.roles.finance] }], whenEmpty: 'error' },
              mode: 'all',
              fieldPermissions: { f_budget_code: 'required' },
            },
          ],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'mgr'],
          ['mgr', 'cond'],
          ['cond', 'dir', { condition: bigAmount, priority: 1 }],
          ['cond', 'fin', { isDefault: true }],
          ['dir', 'fin'],
          ['fin', 'end'],
        ],
      ),
    );

    const { instanceId, recordId } = await submit(w, w.as.ann, {
      f_title: 'Server',
      f_amount: 25000,
      f_secret: 'kept from approvers',
    });
    const mgrItem = await nextTodo(w.as.mia, instanceId);
    expect(mgrItem).toMatchObject({
      kind: 'task',
      nodeLabel: 'Manager',
      title: 'Purchase approval · Server',
      taskKind: 'approval',
    });

    // The task view applies the node's field permissions.
    const view = await ok('task view', w.as.mia('GET', `/api/flow-tasks/${String(mgrItem.id)}`));
    const record = view.record as ApiBody;
    expect(record.data).toMatchObject({ f_title: 'Server', f_amount: 25000 });
    expect(record.data).not.toHaveProperty('f_secret');
    expect(view.actions).toEqual(
      expect.arrayContaining(['approve', 'reject', 'return', 'transfer', 'add_signer', 'comment']),
    );
    // Only the holder acts; others do not even see the task.
    expect((await w.as.bob('GET', `/api/flow-tasks/${String(mgrItem.id)}`)).status).toBe(404);
    expect(
      (await w.as.bob('POST', `/api/flow-tasks/${String(mgrItem.id)}/actions`, { action: 'approve' })).status,
    ).toBe(403);

    await act(w.as.mia, mgrItem.id, { action: 'approve', comment: 'Needed for the new office' });
    const dirItem = await nextTodo(w.as.dan, instanceId);
    await act(w.as.dan, dirItem.id, { action: 'approve', comment: 'OK' });

    const fay = await nextTodo(w.as.fay, instanceId);
    const fox = await nextTodo(w.as.fox, instanceId);
    const refused = await w.as.fay('POST', `/api/flow-tasks/${String(fay.id)}/actions`, { action: 'approve' });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.details).toEqual([
      expect.objectContaining({ path: 'data.f_budget_code', rule: 'required' }),
    ]);
    const fayView = await ok('finance view', w.as.fay('GET', `/api/flow-tasks/${String(fay.id)}`));
    await act(w.as.fay, fay.id, {
      action: 'approve',
      data: { f_budget_code: 'IT-2026' },
      baseVersion: (fayView.record as ApiBody).version,
      comment: 'Budget IT-2026',
    });
    expect((await instanceState(w.as.ann, instanceId)).status).toBe('running');
    await act(w.as.fox, fox.id, { action: 'approve' });

    const state = await instanceState(w.as.ann, instanceId, 'approved');
    expect((state.nodesPassed as ApiBody[]).map((n) => n.nodeId)).toEqual([
      'start',
      'mgr',
      'cond',
      'dir',
      'fin',
      'end',
    ]);
    const actions = (state.timeline as ApiBody[]).filter((e) => e.type === 'action');
    expect(actions.map((e) => [e.userId, e.action, e.comment])).toEqual([
      [w.ids.mia, 'approve', 'Needed for the new office'],
      [w.ids.dan, 'approve', 'OK'],
      [w.ids.fay, 'approve', 'Budget IT-2026'],
      [w.ids.fox, 'approve', null],
    ]);
    expect(state.waitingOn).toEqual([]);
    const rec = await ok('record', w.as.ann('GET', `/api/forms/${w.forms.purchase}/records/${recordId}`));
    expect(rec).toMatchObject({ flowState: 'approved', data: expect.objectContaining({ f_budget_code: 'IT-2026' }) });
    const history = await ok('history', w.admin('GET', `/api/forms/${w.forms.purchase}/records/${recordId}/history`));
    expect(history.items?.at(-1)).toMatchObject({
      by: w.ids.fay,
      changes: [expect.objectContaining({ field: 'f_budget_code', to: 'IT-2026' })],
    });

    // A small request skips the director.
    const small = await submit(w, w.as.bob, { f_title: 'Mouse', f_amount: 30 });
    await act(w.as.mia, (await nextTodo(w.as.mia, small.instanceId)).id, { action: 'approve' });
    await nextTodo(w.as.fay, small.instanceId);
    const smallState = await instanceState(w.as.bob, small.instanceId);
    expect(smallState.waitingOn).toEqual([
      expect.objectContaining({ assigneeId: w.ids.fay, nodeLabel: 'Finance' }),
      expect.objectContaining({ assigneeId: w.ids.fox, nodeLabel: 'Finance' }),
    ]);
    expect((smallState.nodesPassed as ApiBody[]).some((n) => n.nodeId === 'dir')).toBe(false);
  });

  it('return to the initiator and resubmit with an edit; transfer; add a signer before', async () => {
    const w = shared;
    await w.publishFlow(
      'Purchase',
      flowGraph(
        'process',
        w.forms.purchase,
        [
          ['start', 'start', { fieldPermissions: { f_amount: 'edit', f_reason: 'edit' } }],
          ['mgr', 'approval', { label: 'Manager', assignees: users(w.ids.mia), mode: 'any', returnTo: 'initiator' }],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'mgr'],
          ['mgr', 'end'],
        ],
      ),
    );
    const first = await submit(w, w.as.ann, { f_title: 'Chair', f_amount: 900 });
    await act(w.as.mia, (await nextTodo(w.as.mia, first.instanceId)).id, {
      action: 'return',
      comment: 'Too expensive',
    });
    const resubmit = await nextTodo(w.as.ann, first.instanceId);
    expect(resubmit.taskKind).toBe('resubmit');
    const view = await ok('resubmit view', w.as.ann('GET', `/api/flow-tasks/${String(resubmit.id)}`));
    expect(view.fields).toEqual({ f_amount: 'edit', f_reason: 'edit' });
    await act(w.as.ann, resubmit.id, {
      action: 'approve',
      data: { f_amount: 450 },
      baseVersion: (view.record as ApiBody).version,
    });
    const again = await nextTodo(w.as.mia, first.instanceId);
    await act(w.as.mia, again.id, { action: 'approve' });
    await instanceState(w.as.ann, first.instanceId, 'approved');
    const history = await ok(
      'history',
      w.admin('GET', `/api/forms/${w.forms.purchase}/records/${first.recordId}/history`),
    );
    expect(history.items?.at(-1)).toMatchObject({
      by: w.ids.ann,
      changes: [{ field: 'f_amount', from: 900, to: 450 }],
    });

    // Transfer: mia hands the task to sam.
    const second = await submit(w, w.as.ann, { f_title: 'Desk', f_amount: 300 });
    await act(w.as.mia, (await nextTodo(w.as.mia, second.instanceId)).id, {
      action: 'transfer',
      toUserId: w.ids.sam,
      comment: 'On leave',
    });
    await act(w.as.sam, (await nextTodo(w.as.sam, second.instanceId)).id, { action: 'approve' });
    await instanceState(w.as.ann, second.instanceId, 'approved');
    const done = await ok('mia done', w.as.mia('GET', '/api/flow-inbox/done'));
    expect(done.items?.find((i) => i.instanceId === second.instanceId)).toMatchObject({ status: 'transferred' });

    // Add a signer before: dan signs first, then mia.
    const third = await submit(w, w.as.ann, { f_title: 'Lamp', f_amount: 40 });
    const miaTask = await nextTodo(w.as.mia, third.instanceId);
    await act(w.as.mia, miaTask.id, { action: 'add_signer', position: 'before', userIds: [w.ids.dan] });
    const emptyTodo = await ok('mia todo', w.as.mia('GET', '/api/flow-inbox/todo'));
    expect(emptyTodo.items?.some((i) => i.instanceId === third.instanceId)).toBe(false);
    await act(w.as.dan, (await nextTodo(w.as.dan, third.instanceId)).id, { action: 'approve' });
    await act(w.as.mia, (await nextTodo(w.as.mia, third.instanceId)).id, { action: 'approve' });
    await instanceState(w.as.ann, third.instanceId, 'approved');
  });

  // The flow linter's shortest deadline is one second.
  it('a deadline reminds and then approves automatically', async () => {
    const w = shared;
    await w.publishFlow(
      'Fast track',
      flowGraph(
        'process',
        w.forms.purchase,
        [
          ['start', 'start'],
          [
            'mgr',
            'approval',
            {
              label: 'Manager',
              assignees: users(w.ids.mia),
              mode: 'any',
              deadline: { remindAfterMs: 1000, dueAfterMs: 2500, onDue: 'approve' },
            },
          ],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'mgr'],
          ['mgr', 'end'],
        ],
      ),
    );
    const { instanceId } = await submit(w, w.as.ann, { f_title: 'Paper', f_amount: 5 });
    const state = await instanceState(w.as.ann, instanceId, 'approved');
    expect((state.tasks as ApiBody[])[0]).toMatchObject({ status: 'approved', auto: 'deadline', actedBy: null });
    expect((state.timeline as ApiBody[]).filter((e) => e.type === 'timer').map((e) => e.message)).toEqual([
      `Reminded ${w.ids.mia}`,
      'Due: approved automatically',
    ]);
    const messages = await ok('mia messages', w.as.mia('GET', '/api/messages'));
    const taskId = String((state.tasks as ApiBody[])[0].id);
    const aboutTask = (messages.items ?? []).filter((m) => typeof m.link === 'string' && m.link.includes(taskId));
    expect(aboutTask.map((m) => m.category).sort()).toEqual(['reminder', 'task']);
  });

  it('an automation creates a follow-up record in another form when an opportunity reaches a stage', async () => {
    const w = shared;
    await w.publishFlow(
      'Won → follow-up',
      flowGraph(
        'automation',
        undefined,
        [
          [
            'trigger',
            'trigger',
            {
              trigger: {
                type: 'record_updated',
                formId: w.forms.opportunity,
                fields: ['f_stage'],
                condition: { rel: 'and', cond: [{ field: 'f_stage', method: 'eq', value: 'won' }] },
              },
            },
          ],
          [
            'create',
            'create_record',
            {
              formId: w.forms.followup,
              fieldMap: {
                f_subject: { from: 'formula', formula: 'CONCATENATE("Kick-off: ", {f_name})' },
                f_value: { from: 'field', field: 'f_value' },
              },
            },
          ],
          ['end', 'end', { result: 'ended' }],
        ],
        [
          ['trigger', 'create'],
          ['create', 'end'],
        ],
      ),
    );
    const opp = await ok(
      'opportunity',
      w.as.bob('POST', `/api/forms/${w.forms.opportunity}/records`, {
        data: { f_name: 'ACME', f_stage: 'lead', f_value: 12000 },
      }),
      201,
    );
    const v2 = await ok(
      'proposal',
      w.as.bob('PATCH', `/api/forms/${w.forms.opportunity}/records/${String(opp.id)}`, {
        baseVersion: 1,
        data: { f_stage: 'proposal' },
      }),
    );
    await ok(
      'won',
      w.as.bob('PATCH', `/api/forms/${w.forms.opportunity}/records/${String(opp.id)}`, {
        baseVersion: v2.version,
        data: { f_stage: 'won' },
      }),
    );
    const followups = await until('the follow-up', async () => {
      const page = await w.admin('POST', `/api/forms/${w.forms.followup}/records/query`, {});
      return (page.body.items?.length ?? 0) > 0 ? page.body.items : null;
    });
    expect(followups.map((r) => r.data)).toEqual([{ f_subject: 'Kick-off: ACME', f_value: 12000 }]);
    expect(followups[0].createdBy).toBeNull();
  });
});

describe('webhook node', () => {
  afterEach(async () => {
    await world?.close();
    world = null;
  });
  let receiver: Server;
  const received: Array<{ headers: IncomingMessage['headers']; body: string }> = [];
  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('posts a signed JSON body to a local receiver through the notifier', async () => {
    const port = (receiver.address() as AddressInfo).port;
    world = await openFlowsWorld({ env: { EGRESS_ALLOW: `127.0.0.1:${port}` } });
    const w = world;
    const flowId = await w.publishFlow(
      'Tell the ERP',
      flowGraph(
        'automation',
        undefined,
        [
          ['trigger', 'trigger', { trigger: { type: 'record_created', formId: w.forms.opportunity } }],
          ['hook', 'webhook', { url: `http://127.0.0.1:${port}/hook` }],
          ['end', 'end', { result: 'ended' }],
        ],
        [
          ['trigger', 'hook'],
          ['hook', 'end'],
        ],
      ),
    );
    await ok(
      'opportunity',
      w.as.bob('POST', `/api/forms/${w.forms.opportunity}/records`, { data: { f_name: 'Globex', f_value: 7 } }),
      201,
    );
    const delivery = await until('the webhook', async () => received[0]);
    const secret = await ok('secret', w.admin('GET', `/api/flows/${flowId}/webhook-secret`));
    const signature = delivery.headers[SIGNATURE_HEADER];
    expect(
      verifySignature(String(secret.secret), typeof signature === 'string' ? signature : undefined, delivery.body),
    ).toBe(true);
    const payload = JSON.parse(delivery.body) as { record: Record<string, unknown>; instance: Record<string, unknown> };
    expect(payload.record).toMatchObject({ f_name: 'Globex', f_value: 7 });
    expect(String(delivery.headers['idempotency-key'])).toMatch(/^flow:/);
  });
});
