/**
 * The flow runtime API around the scenarios: inbox boxes, counts, filters and cursors; who may
 * see and do what (holders, initiators, managers, outsiders); withdraw, urge, batch approve,
 * buttons; the admin routes for failed instances (list, journal, retry, cancel).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flowGraph, nextTodo, openFlowsWorld, until, type FlowsWorld } from './flows-fixtures.js';
import { multipart, PNG_1PX } from './files-fixtures.js';
import type { ApiBody, Call } from './records-fixtures.js';

let w: FlowsWorld;
beforeAll(async () => {
  w = await openFlowsWorld();
  await w.publishFlow(
    'Purchase',
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
            assignees: { rules: [{ type: 'users', userIds: [w.ids.mia] }], whenEmpty: 'error' },
            mode: 'any',
          },
        ],
        [
          'cc',
          'cc',
          { label: 'Inform', assignees: { rules: [{ type: 'users', userIds: [w.ids.sam] }], whenEmpty: 'skip' } },
        ],
        ['end', 'end', { result: 'approved' }],
      ],
      [
        ['start', 'mgr'],
        ['mgr', 'cc'],
        ['cc', 'end'],
      ],
    ),
  );
});
afterAll(async () => {
  await w?.close();
});

async function submit(call: Call, title: string, amount = 10): Promise<string> {
  const rec = await call('POST', `/api/forms/${w.forms.purchase}/records`, {
    data: { f_title: title, f_amount: amount },
  });
  expect(rec.status).toBe(201);
  const item = await until('the instance', async () => {
    const page = await call('GET', '/api/flow-inbox/initiated');
    return page.body.items?.find((i) => i.recordId === rec.body.id);
  });
  return String(item.instanceId);
}

describe('inbox', () => {
  it('boxes, counts, keyword and form filters, cursor pages', async () => {
    const ids: string[] = [];
    for (const title of ['Alpha chair', 'Beta desk', 'Gamma chair']) ids.push(await submit(w.as.bob, title));
    await until(
      'three tasks',
      async () => ((await w.as.mia('GET', '/api/flow-inbox/counts')).body.todo as number) >= 3,
    );
    const chairs = await w.as.mia('GET', '/api/flow-inbox/todo?keyword=CHAIR');
    expect(chairs.body.items?.map((i) => i.title)).toEqual(['Purchase · Gamma chair', 'Purchase · Alpha chair']);
    const other = await w.as.mia('GET', `/api/flow-inbox/todo?formId=${w.forms.opportunity}`);
    expect(other.body.items).toEqual([]);
    // Keyword is text, never a pattern.
    expect((await w.as.mia('GET', '/api/flow-inbox/todo?keyword=.*')).body.items).toEqual([]);

    const first = await w.as.mia('GET', '/api/flow-inbox/todo?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await w.as.mia('GET', `/api/flow-inbox/todo?limit=2&cursor=${String(first.body.nextCursor)}`);
    const seen = [...(first.body.items ?? []), ...(second.body.items ?? [])].map((i) => i.instanceId);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(ids));
    expect((await w.as.mia('GET', '/api/flow-inbox/todo?cursor=bogus')).body.error).toMatchObject({
      code: 'BAD_REQUEST',
      details: [{ path: 'cursor', rule: 'cursor' }],
    });

    // Batch approve: mine succeed, someone else's fails on its own.
    const todo = (await w.as.mia('GET', '/api/flow-inbox/todo?limit=100')).body.items ?? [];
    const mine = todo.filter((i) => ids.includes(String(i.instanceId))).map((i) => String(i.id));
    const batch = await w.as.mia('POST', '/api/flow-tasks/batch-approve', {
      taskIds: [...mine, 'nope:t1:1:0'],
      comment: 'batch',
    });
    expect(batch.status).toBe(200);
    expect(batch.body.results).toEqual([
      ...mine.map((taskId) => ({ taskId, ok: true })),
      { taskId: 'nope:t1:1:0', ok: false, error: { code: 'NOT_FOUND', message: 'Task not found' } },
    ]);
    for (const id of ids)
      await until(
        'approved',
        async () => (await w.as.bob('GET', `/api/flow-instances/${id}`)).body.status === 'approved',
      );

    const counts = (await w.as.sam('GET', '/api/flow-inbox/counts')).body;
    expect(counts).toMatchObject({ cc: 3, ccUnread: 3 });
    const cc = (await w.as.sam('GET', '/api/flow-inbox/cc')).body.items ?? [];
    expect(cc[0]).toMatchObject({ taskKind: 'cc', unread: true });
    await w.as.sam('GET', `/api/flow-tasks/${String(cc[0].id)}`);
    expect((await w.as.sam('GET', '/api/flow-inbox/counts')).body).toMatchObject({ cc: 3, ccUnread: 2 });
    const done = (await w.as.mia('GET', '/api/flow-inbox/done')).body.items ?? [];
    expect(done.filter((i) => ids.includes(String(i.instanceId))).map((i) => i.status)).toEqual([
      'approved',
      'approved',
      'approved',
    ]);
  });
});

describe('who sees and does what', () => {
  it('outsiders see nothing; initiators see their instance and may withdraw and urge', async () => {
    const id = await submit(w.as.bob, 'Visibility');
    const task = await nextTodo(w.as.mia, id);
    expect((await w.as.fay('GET', `/api/flow-instances/${id}`)).status).toBe(404);
    expect((await w.as.fay('POST', `/api/flow-instances/${id}/withdraw`)).status).toBe(404);
    const state = (await w.as.bob('GET', `/api/flow-instances/${id}`)).body;
    expect(state).toMatchObject({ status: 'running', canWithdraw: true, canUrge: true, canManage: false });
    expect(state.waitingOn).toEqual([expect.objectContaining({ assigneeId: w.ids.mia, nodeLabel: 'Manager' })]);
    // The holder sees it too (without management rights).
    expect((await w.as.mia('GET', `/api/flow-instances/${id}`)).body).toMatchObject({
      canWithdraw: false,
      canManage: false,
    });

    expect((await w.as.mia('POST', `/api/flow-instances/${id}/urge`)).status).toBe(403);
    const urged = await w.as.bob('POST', `/api/flow-instances/${id}/urge`);
    expect(urged.body).toEqual({ notified: [w.ids.mia] });
    const again = await w.as.bob('POST', `/api/flow-instances/${id}/urge`);
    expect(again.status).toBe(429);
    expect(again.body.error?.details[0]).toMatchObject({ path: 'instanceId', rule: 'rateLimit' });

    const withdrawn = await w.as.bob('POST', `/api/flow-instances/${id}/withdraw`);
    expect(withdrawn.body).toMatchObject({ status: 'withdrawn' });
    const late = await w.as.mia('POST', `/api/flow-tasks/${String(task.id)}/actions`, { action: 'approve' });
    expect(late.status).toBe(409);
  });

  it('task actions validate their input: unknown fields, bad actions, missing targets', async () => {
    const id = await submit(w.as.bob, 'Validation');
    const task = await nextTodo(w.as.mia, id);
    const url = `/api/flow-tasks/${String(task.id)}/actions`;
    expect((await w.as.mia('POST', url, { action: 'explode' })).status).toBe(400);
    expect((await w.as.mia('POST', url, { action: 'approve', extra: 1 })).status).toBe(400);
    const noTarget = await w.as.mia('POST', url, { action: 'transfer' });
    expect(noTarget.body.error?.details).toEqual([expect.objectContaining({ path: 'toUserId', rule: 'required' })]);
    const system = await w.as.mia('POST', url, { action: 'approve', data: { _flowState: 'approved' }, baseVersion: 1 });
    expect(system.status).toBe(400);
  });
});

describe('signatures', () => {
  it('a signature must be an image the holder uploaded', async () => {
    const id = await submit(w.as.bob, 'Signed');
    const task = await nextTodo(w.as.mia, id);
    const upload = async (token: string) => {
      const body = multipart(PNG_1PX, 'signature.png');
      const res = await w.t.app.inject({
        method: 'POST',
        url: '/api/files',
        headers: { ...w.t.auth(token), ...body.headers },
        payload: body.payload,
      });
      expect(res.statusCode).toBe(201);
      return String((res.json() as { blobId: string }).blobId);
    };
    const url = `/api/flow-tasks/${String(task.id)}/actions`;
    const unknown = await w.as.mia('POST', url, { action: 'comment', comment: 'x', signatureFileId: 'nosuchfile' });
    expect(unknown.body.error?.details).toEqual([expect.objectContaining({ path: 'signatureFileId', rule: 'file' })]);
    const bobs = await upload(await w.t.login('bob', 'bob-password-123'));
    expect((await w.as.mia('POST', url, { action: 'comment', comment: 'x', signatureFileId: bobs })).status).toBe(400);
    const mine = await upload(await w.t.login('mia', 'mia-password-123'));
    const signed = await w.as.mia('POST', url, { action: 'approve', signatureFileId: mine });
    expect(signed.body).toMatchObject({ status: 'approved', signatureFileId: mine });
  });
});

describe('admin routes', () => {
  let failing: string;
  beforeAll(async () => {
    await w.disableFlows();
    failing = await w.publishFlow(
      'Broken',
      flowGraph(
        'process',
        w.forms.purchase,
        [
          ['start', 'start'],
          ['mk', 'create_record', { formId: w.forms.followup, fieldMap: { f_value: { from: 'value', value: 1 } } }],
          ['end', 'end', { result: 'ended' }],
        ],
        [
          ['start', 'mk'],
          ['mk', 'end'],
        ],
      ),
    );
  });

  it('lists failed instances to managers, shows the journal, retries and cancels', async () => {
    const id = await submit(w.as.bob, 'Will fail');
    await until(
      'the failure',
      async () => (await w.as.bob('GET', `/api/flow-instances/${id}`)).body.status === 'failed',
    );
    expect((await w.as.bob('GET', `/api/flow-admin/instances?appId=${w.appId}`)).status).toBe(403);
    expect((await w.as.bob('GET', '/api/flow-admin/instances')).status).toBe(400);
    const list = await w.admin('GET', `/api/flow-admin/instances?appId=${w.appId}&status=failed`);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id,
        flowId: failing,
        status: 'failed',
        error: expect.objectContaining({ code: 'VALIDATION_FAILED', nodeId: 'mk' }),
      }),
    ]);
    expect((await w.as.bob('GET', `/api/flow-instances/${id}/journal`)).status).toBe(403);
    const journal = (await w.admin('GET', `/api/flow-instances/${id}/journal`)).body.items ?? [];
    expect(journal.map((j) => j.type)).toEqual(['started', 'step', 'error']);
    // The refused write names the form and the field by the names people gave them.
    expect(String(journal[2].message)).toBe(
      'The instance failed: Follow-ups refused the record: Subject: This field is required',
    );
    expect(journal[2].i18n).toMatchObject({
      key: 'flow.error.recordRejected',
      params: { field: 'Subject', rule: 'required' },
    });

    const retried = await w.admin('POST', `/api/flow-instances/${id}/retry`);
    expect(retried.body).toMatchObject({ status: 'running' });
    await until(
      'failed again',
      async () => (await w.admin('GET', `/api/flow-instances/${id}`)).body.status === 'failed',
    );
    const cancelled = await w.admin('POST', `/api/flow-instances/${id}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled' });
    expect((await w.admin('POST', `/api/flow-instances/${id}/cancel`)).status).toBe(409);
  });

  it('lists stuck instances: a step ready for longer than the threshold', async () => {
    const id = await submit(w.as.bob, 'Stuck');
    await until('failed', async () => (await w.admin('GET', `/api/flow-instances/${id}`)).body.status === 'failed');
    // As if its step job had been lost a while ago.
    const old = new Date(Date.now() - 10 * 60_000).toISOString();
    await w.t.store
      .collection('flow_instances')
      .updateOne({ _id: id }, { $set: { status: 'running', error: null, 'tokens.0.status': 'ready', updatedAt: old } });
    const stuck = await w.admin('GET', `/api/flow-admin/instances?appId=${w.appId}&status=stuck&olderThanMs=60000`);
    expect(stuck.body.items?.map((i) => i.id)).toContain(id);
    const recent = await w.admin('GET', `/api/flow-admin/instances?appId=${w.appId}&status=stuck&olderThanMs=3600000`);
    expect(recent.body.items?.map((i) => i.id)).not.toContain(id);
  });

  it('a button runs its automation on a record the caller can read', async () => {
    const buttonFlow = await w.publishFlow(
      'Follow up',
      flowGraph(
        'automation',
        undefined,
        [
          ['t', 'trigger', { trigger: { type: 'button', formId: w.forms.purchase, buttonLabel: 'Follow up' } }],
          [
            'mk',
            'create_record',
            { formId: w.forms.followup, fieldMap: { f_subject: { from: 'field', field: 'f_title' } } },
          ],
          ['end', 'end', { result: 'ended' }],
        ],
        [
          ['t', 'mk'],
          ['mk', 'end'],
        ],
      ),
    );
    const rec = await w.as.bob('POST', `/api/forms/${w.forms.purchase}/records`, { data: { f_title: 'Pressed' } });
    // ann cannot read bob's purchase (own-records scope).
    const denied = await w.as.ann('POST', `/api/flows/${buttonFlow}/button`, {
      formId: w.forms.purchase,
      recordId: rec.body.id,
    });
    expect(denied.status).toBe(404);
    const started = await w.as.bob('POST', `/api/flows/${buttonFlow}/button`, {
      formId: w.forms.purchase,
      recordId: rec.body.id,
    });
    expect(started.status).toBe(201);
    await until('the follow-up', async () => {
      const page = await w.admin('POST', `/api/forms/${w.forms.followup}/records/query`, {
        filter: { rel: 'and', cond: [{ field: 'f_subject', method: 'eq', value: 'Pressed' }] },
      });
      return (page.body.items?.length ?? 0) === 1;
    });
    const state = await until('the end', async () => {
      const res = await w.as.bob('GET', `/api/flow-instances/${String(started.body.instanceId)}`);
      return res.body.status === 'running' ? null : (res.body as ApiBody);
    });
    expect(state).toMatchObject({ status: 'ended', cause: 'button', initiatorId: w.ids.bob });
  });
});
