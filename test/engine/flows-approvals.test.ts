/**
 * The flow runtime's human nodes against the embedded store and the in-process queue: each
 * approval mode, every task action, auto-skip, field permissions, withdraw and urge.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FlowInstanceDoc } from '@formloom/engine/flows/runtime/index';
import { graph, openFlowEngine, user, users, type FlowEngine } from './flow-fixture.js';

let fx: FlowEngine;
beforeEach(async () => {
  fx = await openFlowEngine({ urgeIntervalMs: 60_000 });
});
afterEach(async () => {
  await fx.close();
});

/** start → approval(data) → end(approved), on the purchase form. */
function oneApproval(data: Record<string, unknown>) {
  return graph(
    'process',
    'purchase',
    [
      ['start', 'start'],
      ['a1', 'approval', { label: 'Check', ...data }],
      ['end', 'end', { result: 'approved' }],
    ],
    [
      ['start', 'a1'],
      ['a1', 'end'],
    ],
  );
}

/** Submits a purchase request as `by` and returns the instance the process flow started. */
async function submit(
  data: Record<string, unknown> = { f_title: 'Laptop', f_amount: 900 },
  by = 'ann',
): Promise<FlowInstanceDoc> {
  const rec = await fx.records.create(fx.ctx('purchase', user(by)), data);
  return fx.until('the instance to start', async () =>
    fx.store.collection<FlowInstanceDoc>('flow_instances').findOne({ recordId: rec.id }),
  );
}

describe('approval modes', () => {
  it('any (或签): the first approval decides and the other tasks are cancelled', async () => {
    fx.flows.publish('p', 'Purchase', oneApproval({ assignees: users('mia', 'dan'), mode: 'any' }));
    const inst = await submit();
    const task = await fx.pendingTask(inst._id, 'dan');
    await fx.pendingTask(inst._id, 'mia');
    await fx.runtime.act(user('dan'), task._id, { action: 'approve', comment: 'ok' });
    const done = await fx.settled(inst._id);
    expect(done.status).toBe('approved');
    const tasks = await fx.tasks(inst._id);
    expect(tasks.find((t) => t.assigneeId === 'mia')?.status).toBe('cancelled');
    expect((await fx.record('purchase', inst.recordId ?? ''))?._flowState).toBe('approved');
  });

  it('all (会签): every approver must approve; one reject rejects', async () => {
    fx.flows.publish('p', 'Purchase', oneApproval({ assignees: users('fay', 'fox'), mode: 'all' }));
    const inst = await submit();
    await fx.runtime.act(user('fay'), (await fx.pendingTask(inst._id, 'fay'))._id, { action: 'approve' });
    expect((await fx.instance(inst._id)).status).toBe('running');
    await fx.runtime.act(user('fox'), (await fx.pendingTask(inst._id, 'fox'))._id, { action: 'approve' });
    expect((await fx.settled(inst._id)).status).toBe('approved');

    const second = await submit({ f_title: 'Desk', f_amount: 10 });
    await fx.runtime.act(user('fox'), (await fx.pendingTask(second._id, 'fox'))._id, {
      action: 'reject',
      comment: 'no',
    });
    expect((await fx.settled(second._id)).status).toBe('rejected');
    expect((await fx.record('purchase', second.recordId ?? ''))?._flowState).toBe('rejected');
  });

  it('sequence (依次): one approver at a time, in order', async () => {
    fx.flows.publish('p', 'Purchase', oneApproval({ assignees: users('mia', 'dan', 'fay'), mode: 'sequence' }));
    const inst = await submit();
    const first = await fx.pendingTask(inst._id, 'mia');
    const statuses = async () => Object.fromEntries((await fx.tasks(inst._id)).map((t) => [t.assigneeId, t.status]));
    expect(await statuses()).toEqual({ mia: 'pending', dan: 'queued', fay: 'queued' });
    await fx.runtime.act(user('mia'), first._id, { action: 'approve' });
    expect(await statuses()).toEqual({ mia: 'approved', dan: 'pending', fay: 'queued' });
    await fx.runtime.act(user('dan'), (await fx.pendingTask(inst._id, 'dan'))._id, { action: 'approve' });
    await fx.runtime.act(user('fay'), (await fx.pendingTask(inst._id, 'fay'))._id, { action: 'approve' });
    expect((await fx.settled(inst._id)).status).toBe('approved');
  });

  it('vote: approvals reaching the threshold decide; rejections that make it unreachable reject', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      oneApproval({ assignees: users('mia', 'dan', 'fay'), mode: 'vote', votePercent: 60 }),
    );
    const inst = await submit();
    await fx.runtime.act(user('mia'), (await fx.pendingTask(inst._id, 'mia'))._id, { action: 'approve' });
    expect((await fx.instance(inst._id)).status).toBe('running');
    await fx.runtime.act(user('dan'), (await fx.pendingTask(inst._id, 'dan'))._id, { action: 'approve' });
    expect((await fx.settled(inst._id)).status).toBe('approved');

    const second = await submit({ f_title: 'Chair' });
    await fx.runtime.act(user('mia'), (await fx.pendingTask(second._id, 'mia'))._id, { action: 'reject' });
    expect((await fx.instance(second._id)).status).toBe('running');
    await fx.runtime.act(user('dan'), (await fx.pendingTask(second._id, 'dan'))._id, { action: 'reject' });
    expect((await fx.settled(second._id)).status).toBe('rejected');
  });
});
