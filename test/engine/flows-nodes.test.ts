/**
 * The flow runtime's non-human node kinds, deadlines, automations, subflows and the
 * state machine's guarantees (idempotent steps, failure and retry, version pinning) against the
 * embedded store and the in-process queue.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Condition } from '@formloom/model';
import { registerFlowNodeKind, stepId, type FlowInstanceDoc } from '@formloom/engine/flows/runtime/index';
import { serverMessage } from '@formloom/engine/messages/server-messages';
import { graph, openFlowEngine, user, users, type FlowEngine } from './flow-fixture.js';

let fx: FlowEngine;
beforeEach(async () => {
  fx = await openFlowEngine();
});
afterEach(async () => {
  await fx.close();
});

async function submit(
  data: Record<string, unknown> = { f_title: 'Laptop', f_amount: 900 },
  by = 'ann',
): Promise<FlowInstanceDoc> {
  const rec = await fx.records.create(fx.ctx('purchase', user(by)), data);
  return fx.until('the instance to start', async () =>
    fx.store.collection<FlowInstanceDoc>('flow_instances').findOne({ recordId: rec.id, cause: 'submit' }),
  );
}

const bigAmount: Condition = { rel: 'and', cond: [{ field: 'f_amount', method: 'gt', value: 10000 }] };

describe('control nodes', () => {
  it('condition: amount > 10,000 goes to the director after the manager, otherwise straight on', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          ['mgr', 'approval', { assignees: users('mia'), mode: 'any' }],
          ['cond', 'condition'],
          ['dir', 'approval', { assignees: users('dan'), mode: 'any' }],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'mgr'],
          ['mgr', 'cond'],
          ['cond', 'dir', { condition: bigAmount, priority: 1 }],
          ['cond', 'end', { isDefault: true }],
          ['dir', 'end'],
        ],
      ),
    );
    const small = await submit({ f_title: 'Pen', f_amount: 10 });
    await fx.runtime.act(user('mia'), (await fx.pendingTask(small._id, 'mia'))._id, { action: 'approve' });
    expect((await fx.settled(small._id)).status).toBe('approved');

    const big = await submit({ f_title: 'Server', f_amount: 25000 });
    await fx.runtime.act(user('mia'), (await fx.pendingTask(big._id, 'mia'))._id, { action: 'approve' });
    await fx.runtime.act(user('dan'), (await fx.pendingTask(big._id, 'dan'))._id, { action: 'approve' });
    expect((await fx.settled(big._id)).status).toBe('approved');
    const branch = (await fx.journal(big._id)).find((j) => j.nodeId === 'cond');
    expect(branch?.data.evaluations).toEqual([
      { edgeId: 'e2_cond_dir', matched: true, isDefault: false },
      { edgeId: 'e3_cond_end', matched: false, isDefault: true },
    ]);
  });

  it('parallel split and join: both branches finish before the flow goes on', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          ['split', 'parallel'],
          ['fin', 'approval', { assignees: users('fay'), mode: 'any' }],
          ['legal', 'handle', { assignees: users('sam'), mode: 'any' }],
          ['join', 'join'],
          ['dir', 'approval', { assignees: users('dan'), mode: 'any' }],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'split'],
          ['split', 'fin'],
          ['split', 'legal'],
          ['fin', 'join'],
          ['legal', 'join'],
          ['join', 'dir'],
          ['dir', 'end'],
        ],
      ),
    );
    const inst = await submit();
    const fay = await fx.pendingTask(inst._id, 'fay');
    const sam = await fx.pendingTask(inst._id, 'sam');
    expect(sam.kind).toBe('handle');
    await fx.runtime.act(user('fay'), fay._id, { action: 'approve' });
    await fx.idle();
    expect(await fx.store.collection('flow_tasks').countDocuments({ instanceId: inst._id, assigneeId: 'dan' })).toBe(0);
    await fx.runtime.act(user('sam'), sam._id, { action: 'approve' });
    await fx.runtime.act(user('dan'), (await fx.pendingTask(inst._id, 'dan'))._id, { action: 'approve' });
    const done = await fx.settled(inst._id);
    expect(done.status).toBe('approved');
    expect(done.tokens.filter((t) => t.status === 'done')).toHaveLength(done.tokens.length);
  });

  it('cc: read-only copies, the flow does not wait', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          ['cc', 'cc', { assignees: users('fay', 'fox') }],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'cc'],
          ['cc', 'end'],
        ],
      ),
    );
    const inst = await submit();
    expect((await fx.settled(inst._id)).status).toBe('approved');
    const tasks = await fx.tasks(inst._id);
    expect(tasks.map((t) => [t.assigneeId, t.kind, t.status])).toEqual([
      ['fay', 'cc', 'cc'],
      ['fox', 'cc', 'cc'],
    ]);
    await fx.until('cc messages', async () => fx.notifier.to('fox', 'cc').length === 1);
  });

  it('delay: waits for its timer, then goes on', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          ['wait', 'delay', { durationMs: 150 }],
          ['end', 'end', { result: 'ended' }],
        ],
        [
          ['start', 'wait'],
          ['wait', 'end'],
        ],
      ),
    );
    const inst = await submit();
    await fx.until('the delay timer', async () => (await fx.timers(inst._id)).length === 1);
    expect((await fx.instance(inst._id)).status).toBe('running');
    expect((await fx.settled(inst._id)).status).toBe('ended');
    expect((await fx.timers(inst._id)).map((t) => t.status)).toEqual(['fired']);
  });

  it('a node without a matching branch or assignee fails the instance; retry after a fix is possible, cancel ends it', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          [
            'a',
            'approval',
            { assignees: { rules: [{ type: 'users', userIds: ['zed'] }], whenEmpty: 'error' }, mode: 'any' },
          ],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'a'],
          ['a', 'end'],
        ],
      ),
    );
    const inst = await submit();
    const failed = await fx.settled(inst._id, 'failed');
    expect(failed.error).toMatchObject({ code: 'NO_ASSIGNEE', nodeId: 'a' });
    expect((await fx.record('purchase', inst.recordId ?? ''))?._flowState).toBe('failed');
    await fx.runtime.retry(user('root'), inst._id);
    expect((await fx.settled(inst._id, 'failed')).status).toBe('failed');
    await fx.runtime.cancel(user('root'), inst._id);
    expect((await fx.instance(inst._id)).status).toBe('cancelled');
  });
});

describe('why an instance failed, keyed for the reader', () => {
  it('a condition without a matching branch or a default names the node', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          ['cond', 'condition', { label: 'Amount check' }],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'cond'],
          ['cond', 'end', { condition: bigAmount, priority: 1 }],
        ],
      ),
    );
    const inst = await submit({ f_title: 'Pen', f_amount: 5 });
    const failed = await fx.settled(inst._id, 'failed');
    expect(failed.error).toMatchObject({
      code: 'NO_BRANCH',
      nodeId: 'cond',
      message: 'No branch of Amount check matches and it has no default branch',
      i18n: { key: 'flow.error.noBranch', params: { nodeLabel: 'Amount check', nodeKind: 'condition' } },
    });
    expect(serverMessage(failed.error!.i18n!, 'zh-CN')).toBe('“Amount check”没有满足条件的分支，也没有默认分支');
    const entry = (await fx.journal(inst._id)).find((j) => j.type === 'error');
    expect(entry?.i18n?.key).toBe('flow.error.noBranch');
  });

  it('a node kind nobody handles fails with its kind', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          ['x', 'test_gone'],
        ],
        [['start', 'x']],
      ),
    );
    const inst = await submit();
    const failed = await fx.settled(inst._id, 'failed');
    expect(failed.error).toMatchObject({
      code: 'UNKNOWN_KIND',
      i18n: { key: 'flow.error.unknownKind', params: { kind: 'test_gone' } },
    });
    expect(serverMessage(failed.error!.i18n!, 'zh-CN')).toBe('没有能执行节点类型“test_gone”的处理程序');
  });

  it('an exception nobody foresaw keeps its message inside a keyed sentence, after the retries', async () => {
    registerFlowNodeKind({
      definition: {
        kind: 'test_boom',
        category: 'action',
        modes: ['process', 'automation'],
        dataSchema: { type: 'object' },
        connections: {},
        labelKey: 'x',
        descriptionKey: 'y',
      },
      handler: {
        async execute() {
          throw new Error('disk on fire');
        },
      },
    });
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          ['b', 'test_boom'],
        ],
        [['start', 'b']],
      ),
    );
    const inst = await submit();
    const failed = await fx.settled(inst._id, 'failed');
    expect(failed.error).toMatchObject({
      code: 'STEP_ERROR',
      message: 'Unexpected error: disk on fire',
      i18n: { key: 'flow.error.unexpected', params: { detail: 'disk on fire' } },
    });
    expect(serverMessage(failed.error!.i18n!, 'zh-CN')).toBe('意外错误：disk on fire');
    const tries = (await fx.journal(inst._id)).filter((j) => j.type === 'error').map((j) => j.i18n?.key);
    expect(tries).toEqual([
      'flow.journal.stepRetry',
      'flow.journal.stepRetry',
      'flow.journal.stepFailed',
      'flow.error.unexpected',
    ]);
  });
});

describe('record actions', () => {
  it('create_record maps values (field, formula, constant, initiator) and writes through the records engine', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          [
            'mk',
            'create_record',
            {
              formId: 'followup',
              fieldMap: {
                f_subject: { from: 'formula', formula: 'CONCATENATE("Follow up: ", {f_title})' },
                f_source: { from: 'field', field: 'f_title' },
                f_amount: { from: 'formula', formula: '{f_amount} * 2' },
                f_owner: { from: 'initiator' },
              },
            },
          ],
          ['end', 'end', { result: 'ended' }],
        ],
        [
          ['start', 'mk'],
          ['mk', 'end'],
        ],
      ),
    );
    const inst = await submit({ f_title: 'Laptop', f_amount: 900 });
    await fx.settled(inst._id);
    const rows = await fx.store.collection('rec_followup').find({});
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      f_subject: 'Follow up: Laptop',
      f_source: 'Laptop',
      f_amount: 1800,
      f_owner: 'ann',
      _createdBy: null,
    });
    const history = await fx.store.collection('record_history').find({ recordId: rows[0]._id });
    expect(history).toHaveLength(1);
  });

  it('a write the form refuses fails the step without retrying, with the reason', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          ['mk', 'create_record', { formId: 'followup', fieldMap: { f_source: { from: 'value', value: 'x' } } }],
        ],
        [['start', 'mk']],
      ),
    );
    const inst = await submit();
    const failed = await fx.settled(inst._id, 'failed');
    expect(failed.error?.code).toBe('VALIDATION_FAILED');
    expect(failed.error?.message).toBe('followup refused the record: Subject: This field is required');
    // Keyed for the reader's language: the form, the field's label and the rule the error catalogue words.
    expect(failed.error?.i18n).toMatchObject({
      key: 'flow.error.recordRejected',
      params: { form: 'followup', field: 'Subject', rule: 'required' },
    });
    expect(serverMessage(failed.error!.i18n!, 'zh-CN')).toBe('“followup”拒绝写入数据：Subject：此项为必填项');
  });

  it('a formula that cannot compute a value fails the step, keyed by the field and the formula error', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          [
            'mk',
            'create_record',
            {
              formId: 'followup',
              fieldMap: {
                f_subject: { from: 'value', value: 'x' },
                f_amount: { from: 'formula', formula: '{f_amount} / 0' },
              },
            },
          ],
        ],
        [['start', 'mk']],
      ),
    );
    const inst = await submit();
    const failed = await fx.settled(inst._id, 'failed');
    expect(failed.error).toMatchObject({
      code: 'VALUE',
      i18n: { key: 'flow.error.badValue', params: { field: 'Amount', formulaError: '#DIV/0!' } },
    });
    expect(serverMessage(failed.error!.i18n!, 'zh-CN')).toBe('Amount 的公式结果为 #DIV/0!');
  });

  it('update_records (trigger and found), upsert_record and delete_records', async () => {
    const other = await fx.records.create(fx.ctx('followup'), { f_subject: 'Old', f_source: 'Laptop' });
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          [
            'u1',
            'update_records',
            { target: { type: 'trigger' }, fieldMap: { f_stage: { from: 'value', value: 'ordered' } } },
          ],
          [
            'u2',
            'update_records',
            {
              target: {
                type: 'find',
                formId: 'followup',
                match: [{ field: 'f_source', source: { from: 'field', field: 'f_title' } }],
              },
              fieldMap: { f_subject: { from: 'value', value: 'Updated' } },
            },
          ],
          [
            'up',
            'upsert_record',
            {
              finder: { formId: 'followup', match: [{ field: 'f_source', source: { from: 'value', value: 'Nope' } }] },
              fieldMap: { f_subject: { from: 'value', value: 'Upserted' }, f_source: { from: 'value', value: 'Nope' } },
            },
          ],
          [
            'del',
            'delete_records',
            {
              target: {
                type: 'find',
                formId: 'followup',
                match: [{ field: 'f_subject', source: { from: 'value', value: 'Updated' } }],
              },
            },
          ],
          ['end', 'end', { result: 'ended' }],
        ],
        [
          ['start', 'u1'],
          ['u1', 'u2'],
          ['u2', 'up'],
          ['up', 'del'],
          ['del', 'end'],
        ],
      ),
    );
    const inst = await submit({ f_title: 'Laptop' });
    expect((await fx.settled(inst._id)).status).toBe('ended');
    const purchase = await fx.record('purchase', inst.recordId ?? '');
    expect(purchase).toMatchObject({ f_stage: 'ordered', _version: 2, _updatedBy: null });
    expect(await fx.record('followup', other.id)).toBeNull();
    const left = await fx.store.collection('rec_followup').find({});
    expect(left.map((r) => r.f_subject)).toEqual(['Upserted']);
  });

  it('notify and webhook go through the notifier, keyed by the step', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          [
            'n',
            'notify',
            { recipients: users('fay'), channels: ['inapp'], subject: 'New {{record.f_title}}', body: 'b' },
          ],
          ['w', 'webhook', { url: 'https://example.com/hook' }],
          ['end', 'end', { result: 'ended' }],
        ],
        [
          ['start', 'n'],
          ['n', 'w'],
          ['w', 'end'],
        ],
      ),
    );
    const inst = await submit();
    await fx.settled(inst._id);
    expect(fx.notifier.to('fay', 'flow')).toEqual([
      expect.objectContaining({ subject: 'New {{record.f_title}}', idempotencyKey: `flow:${inst._id}:t1:2` }),
    ]);
    expect(fx.notifier.webhooks).toEqual([
      expect.objectContaining({
        url: 'https://example.com/hook',
        idempotencyKey: `flow:${inst._id}:t1:3`,
        payload: expect.objectContaining({ record: expect.objectContaining({ f_title: 'Laptop' }) }),
      }),
    ]);
    // The notifier's standard data: values by key and by label (what `{{field "Title"}}` reads).
    const sent = fx.notifier.to('fay', 'flow')[0];
    expect(sent.data).toMatchObject({
      record: { id: inst.recordId, f_title: 'Laptop', labels: { Title: 'Laptop' } },
      node: { id: 'n' },
    });
  });
});

describe('deadlines', () => {
  it('reminds (repeating) and then approves automatically', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          [
            'a',
            'approval',
            {
              assignees: users('mia'),
              mode: 'any',
              deadline: { remindAfterMs: 100, remindEveryMs: 100, dueAfterMs: 450, onDue: 'approve' },
            },
          ],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'a'],
          ['a', 'end'],
        ],
      ),
    );
    const inst = await submit();
    const done = await fx.settled(inst._id);
    expect(done.status).toBe('approved');
    const reminders = fx.notifier.to('mia', 'reminder');
    expect(reminders.length).toBeGreaterThanOrEqual(2);
    const task = (await fx.tasks(inst._id))[0];
    expect(task).toMatchObject({ status: 'approved', auto: 'deadline', actedBy: null });
    const timers = await fx.timers(inst._id);
    expect(timers.filter((t) => t.kind === 'due').map((t) => t.status)).toEqual(['fired']);
    expect(timers.every((t) => t.status !== 'pending')).toBe(true);
  });

  it('escalates to another person when due', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          [
            'a',
            'approval',
            {
              assignees: users('mia'),
              mode: 'any',
              deadline: { dueAfterMs: 100, onDue: 'escalate', escalateTo: users('dan') },
            },
          ],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'a'],
          ['a', 'end'],
        ],
      ),
    );
    const inst = await submit();
    const dan = await fx.pendingTask(inst._id, 'dan');
    expect(dan.origin).toBe('escalate');
    expect((await fx.tasks(inst._id)).find((t) => t.assigneeId === 'mia')?.status).toBe('transferred');
  });

  it('a timer of a task that was acted on does nothing', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          ['a', 'approval', { assignees: users('mia'), mode: 'any', deadline: { dueAfterMs: 200, onDue: 'reject' } }],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'a'],
          ['a', 'end'],
        ],
      ),
    );
    const inst = await submit();
    await fx.runtime.act(user('mia'), (await fx.pendingTask(inst._id, 'mia'))._id, { action: 'approve' });
    await new Promise((r) => setTimeout(r, 300));
    expect((await fx.instance(inst._id)).status).toBe('approved');
    expect((await fx.timers(inst._id)).map((t) => t.status)).toEqual(['cancelled']);
  });
});

describe('automations', () => {
  const followUp = (trigger: Record<string, unknown>) =>
    graph(
      'automation',
      undefined,
      [
        ['t', 'trigger', { trigger }],
        [
          'mk',
          'create_record',
          {
            formId: 'followup',
            fieldMap: {
              f_subject: { from: 'field', field: 'f_title' },
              f_amount: { from: 'field', field: 'f_amount' },
            },
          },
        ],
      ],
      [['t', 'mk']],
    );

  it('record_updated with fields and a condition: a follow-up when an opportunity reaches a stage', async () => {
    fx.flows.publish(
      'won',
      'Won → follow-up',
      followUp({
        type: 'record_updated',
        formId: 'purchase',
        fields: ['f_stage'],
        condition: { rel: 'and', cond: [{ field: 'f_stage', method: 'eq', value: 'won' }] },
      }),
    );
    const rec = await fx.records.create(fx.ctx('purchase'), { f_title: 'Deal', f_amount: 5 });
    const v2 = await fx.records.update(fx.ctx('purchase'), rec.id, { baseVersion: 1, data: { f_note: 'x' } });
    const v3 = await fx.records.update(fx.ctx('purchase'), rec.id, {
      baseVersion: v2.version,
      data: { f_stage: 'lost' },
    });
    await fx.records.update(fx.ctx('purchase'), rec.id, { baseVersion: v3.version, data: { f_stage: 'won' } });
    await fx.until('the follow-up', async () => (await fx.store.collection('rec_followup').countDocuments({})) === 1);
    await fx.idle();
    const instances = await fx.instancesOf('won');
    expect(instances).toHaveLength(1);
    expect(await fx.store.collection('rec_followup').find({})).toEqual([
      expect.objectContaining({ f_subject: 'Deal', f_amount: 5 }),
    ]);
    // The follow-up's record event says it came from an automation.
    const ev = await fx.store.collection('record_events').findOne({ formId: 'followup' });
    expect(ev?.depth).toBe(1);
  });

  it('record_created and record_deleted triggers', async () => {
    fx.flows.publish('c', 'On create', followUp({ type: 'record_created', formId: 'purchase' }));
    fx.flows.publish(
      'd',
      'On delete',
      graph(
        'automation',
        undefined,
        [
          ['t', 'trigger', { trigger: { type: 'record_deleted', formId: 'purchase' } }],
          ['mk', 'create_record', { formId: 'followup', fieldMap: { f_subject: { from: 'value', value: 'deleted' } } }],
        ],
        [['t', 'mk']],
      ),
    );
    const rec = await fx.records.create(fx.ctx('purchase'), { f_title: 'A', f_amount: 1 });
    await fx.until(
      'the create automation',
      async () => (await fx.store.collection('rec_followup').countDocuments({ f_subject: 'A' })) === 1,
    );
    await fx.records.remove(fx.ctx('purchase'), rec.id);
    await fx.until(
      'the delete automation',
      async () => (await fx.store.collection('rec_followup').countDocuments({ f_subject: 'deleted' })) === 1,
    );
  });

  it('automations triggering each other stop at the depth limit and say so in the journal', async () => {
    // Every purchase update sets f_note again from a counter formula: an endless loop without the limit.
    fx.flows.publish(
      'loop',
      'Loop',
      graph(
        'automation',
        undefined,
        [
          ['t', 'trigger', { trigger: { type: 'record_updated', formId: 'purchase' } }],
          [
            'u',
            'update_records',
            { target: { type: 'trigger' }, fieldMap: { f_amount: { from: 'formula', formula: '{f_amount} + 1' } } },
          ],
        ],
        [['t', 'u']],
      ),
    );
    const rec = await fx.records.create(fx.ctx('purchase'), { f_title: 'Loop', f_amount: 0 });
    await fx.records.update(fx.ctx('purchase'), rec.id, { baseVersion: 1, data: { f_note: 'go' } });
    const stopped = await fx.until('the stopped instance', async () =>
      fx.store.collection<FlowInstanceDoc>('flow_instances').findOne({ flowId: 'loop', status: 'failed' }),
    );
    expect(stopped.error?.code).toBe('DEPTH_LIMIT');
    expect(stopped.depth).toBe(5);
    const journal = await fx.journal(stopped._id);
    expect(journal.some((j) => j.type === 'note' && j.message.includes('depth limit'))).toBe(true);
    await fx.idle();
    expect((await fx.record('purchase', rec.id))?.f_amount).toBe(5);
  });

  it('the same record event delivered twice starts one instance', async () => {
    fx.flows.publish('c', 'On create', followUp({ type: 'record_created', formId: 'purchase' }));
    await fx.records.create(fx.ctx('purchase'), { f_title: 'Once', f_amount: 1 });
    await fx.until('one follow-up', async () => (await fx.store.collection('rec_followup').countDocuments({})) === 1);
    const event = await fx.store.collection('record_events').findOne({ formId: 'purchase' });
    const again = await fx.runtime.onRecordEvent({
      id: String(event?._id),
      type: 'record.created',
      appId: 'app1',
      formId: 'purchase',
      recordId: String(event?.recordId),
      version: 1,
      at: new Date().toISOString(),
      by: 'ann',
      changedFields: [],
      depth: 0,
    });
    expect(again.map((s) => s.created)).toEqual([false]);
    await fx.idle();
    expect(await fx.store.collection('rec_followup').countDocuments({})).toBe(1);
  });

  it('a schedule trigger is scheduled on the queue and each iteration starts one instance', async () => {
    fx.flows.publish(
      's',
      'Every second',
      graph(
        'automation',
        undefined,
        [
          ['t', 'trigger', { trigger: { type: 'schedule', cron: '* * * * * *' } }],
          ['mk', 'create_record', { formId: 'followup', fieldMap: { f_subject: { from: 'value', value: 'tick' } } }],
        ],
        [['t', 'mk']],
      ),
    );
    await fx.until('a scheduled run', async () => (await fx.store.collection('rec_followup').countDocuments({})) >= 1);
    fx.flows.disable('s');
    await fx.until(
      'the schedule to go',
      async () => (await fx.store.collection('flow_schedules').countDocuments({})) === 0,
    );
  });

  it('a button starts the automation on that record as the person who pressed it', async () => {
    fx.flows.publish('b', 'Button', followUp({ type: 'button', formId: 'purchase', buttonLabel: 'Follow up' }));
    const rec = await fx.records.create(fx.ctx('purchase'), { f_title: 'Pressed', f_amount: 3 });
    const { instance } = await fx.runtime.button(user('bob'), 'b', 'purchase', rec.id);
    expect(instance.initiatorId).toBe('bob');
    await fx.settled(instance._id);
    await expect(fx.runtime.button(user('bob'), 'b', 'followup', rec.id)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('subflows', () => {
  it('sync waits for the child to end, async does not', async () => {
    fx.flows.publish(
      'child',
      'Child',
      graph(
        'process',
        'followup',
        [
          ['start', 'start'],
          ['a', 'approval', { assignees: users('fay'), mode: 'any' }],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'a'],
          ['a', 'end'],
        ],
      ),
    );
    const parent = (mode: 'sync' | 'async') =>
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          [
            'sub',
            'subflow',
            {
              flowId: 'child',
              mode,
              record: {
                type: 'create',
                formId: 'followup',
                fieldMap: { f_subject: { from: 'field', field: 'f_title' } },
              },
            },
          ],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'sub'],
          ['sub', 'end'],
        ],
      );
    fx.flows.publish('p', 'Parent', parent('sync'));
    const inst = await submit({ f_title: 'Sync', f_amount: 1 });
    const child = await fx.until('the child', async () =>
      fx.store.collection<FlowInstanceDoc>('flow_instances').findOne({ flowId: 'child', cause: 'subflow' }),
    );
    expect(child.parent).toMatchObject({ instanceId: inst._id, sync: true });
    // The record the subflow created does not also start the child flow as a submission.
    await fx.idle();
    expect(await fx.instancesOf('child')).toHaveLength(1);
    await fx.idle();
    expect((await fx.instance(inst._id)).status).toBe('running');
    await fx.runtime.act(user('fay'), (await fx.pendingTask(child._id, 'fay'))._id, { action: 'approve' });
    expect((await fx.settled(inst._id)).status).toBe('approved');

    fx.flows.publish('p', 'Parent', parent('async'));
    const second = await submit({ f_title: 'Async', f_amount: 1 });
    expect((await fx.settled(second._id)).status).toBe('approved');
  });
});

describe('the state machine', () => {
  it('a duplicated or redelivered step job applies nothing twice', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          ['mk', 'create_record', { formId: 'followup', fieldMap: { f_subject: { from: 'value', value: 'one' } } }],
          ['a', 'approval', { assignees: users('mia'), mode: 'any' }],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'mk'],
          ['mk', 'a'],
          ['a', 'end'],
        ],
      ),
    );
    const inst = await submit();
    await fx.pendingTask(inst._id, 'mia');
    // The original jobs have finished (the last one sends the task's message after its commit):
    // while a job still exists, a job with its id is not added again at all.
    await fx.idle();
    const before = await fx.instance(inst._id);
    for (const step of [1, 2, 3])
      await fx.queue.add(
        'flow-steps',
        'step',
        { instanceId: inst._id, tokenId: 't1', step },
        { jobId: stepId(inst._id, 't1', step) },
      );
    await fx.idle();
    expect(await fx.store.collection('rec_followup').countDocuments({})).toBe(1);
    expect(await fx.store.collection('flow_tasks').countDocuments({ instanceId: inst._id })).toBe(1);
    expect((await fx.instance(inst._id)).revision).toBe(before.revision);
    expect(await fx.store.collection('flow_steps').countDocuments({ instanceId: inst._id })).toBe(3);
    // The journal says which jobs changed nothing.
    const ignored = (await fx.journal(inst._id)).filter((j) => j.type === 'job');
    expect(ignored.map((j) => j.stepId).sort()).toEqual([1, 2, 3].map((n) => stepId(inst._id, 't1', n)).sort());
  });

  it('the sweep queues again a timer whose job was lost', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          ['wait', 'delay', { durationMs: 3_600_000 }],
          ['end', 'end', { result: 'ended' }],
        ],
        [
          ['start', 'wait'],
          ['wait', 'end'],
        ],
      ),
    );
    const inst = await submit();
    const [timer] = await fx.until('the timer', async () => {
      const timers = await fx.timers(inst._id);
      return timers.length === 1 ? timers : null;
    });
    // The queue lost the job, and the timer fell due long ago.
    await fx.queue.remove('flow-timers', timer._id);
    await fx.store
      .collection('flow_timers')
      .updateOne({ _id: timer._id }, { $set: { dueAt: new Date(Date.now() - 60_000).toISOString() } });
    expect(await fx.runtime.sweep()).toEqual({ steps: 0, timers: 1, notifications: 0 });
    expect((await fx.settled(inst._id)).status).toBe('ended');
    expect(await fx.runtime.sweep()).toEqual({ steps: 0, timers: 0, notifications: 0 });
  });

  it('instances stay on the version they started on', async () => {
    const v1 = graph(
      'process',
      'purchase',
      [
        ['start', 'start'],
        ['a', 'approval', { assignees: users('mia'), mode: 'any' }],
        ['end', 'end', { result: 'approved' }],
      ],
      [
        ['start', 'a'],
        ['a', 'end'],
      ],
    );
    fx.flows.publish('p', 'Purchase', v1);
    const inst = await submit();
    const task = await fx.pendingTask(inst._id, 'mia');
    const v2 = structuredClone(v1);
    v2.nodes.splice(2, 0, {
      id: 'b',
      type: 'approval',
      position: { x: 0, y: 0 },
      data: { assignees: users('dan'), mode: 'any' },
    });
    v2.edges = [
      { id: 'x1', source: 'start', target: 'a' },
      { id: 'x2', source: 'a', target: 'b' },
      { id: 'x3', source: 'b', target: 'end' },
    ];
    fx.flows.publish('p', 'Purchase', v2);
    await fx.runtime.act(user('mia'), task._id, { action: 'approve' });
    expect((await fx.settled(inst._id)).status).toBe('approved');
    const later = await submit({ f_title: 'v2' });
    expect(later.flowVersion).toBe(2);
    await fx.runtime.act(user('mia'), (await fx.pendingTask(later._id, 'mia'))._id, { action: 'approve' });
    await fx.pendingTask(later._id, 'dan');
  });

  it('plugins add node kinds with a definition and a handler', async () => {
    const seen: string[] = [];
    registerFlowNodeKind({
      definition: {
        kind: 'test_stamp',
        category: 'action',
        modes: ['process', 'automation'],
        dataSchema: { type: 'object' },
        connections: {},
        labelKey: 'x',
        descriptionKey: 'y',
      },
      handler: {
        async execute(exec) {
          seen.push(exec.stepId);
          return { type: 'next', journal: { message: 'stamped' } };
        },
      },
    });
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start'],
          ['s', 'test_stamp'],
          ['end', 'end', { result: 'ended' }],
        ],
        [
          ['start', 's'],
          ['s', 'end'],
        ],
      ),
    );
    const inst = await submit();
    await fx.settled(inst._id);
    expect(seen).toEqual([stepId(inst._id, 't1', 2)]);
    expect((await fx.journal(inst._id)).some((j) => j.message === 'stamped')).toBe(true);
  });
});
