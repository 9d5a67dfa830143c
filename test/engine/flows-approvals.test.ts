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

/** start → a1(mia) → a2(dan) → end, with settings for a2. */
function twoApprovals(a2: Record<string, unknown> = {}, a1: Record<string, unknown> = {}) {
  return graph(
    'process',
    'purchase',
    [
      ['start', 'start', { fieldPermissions: { f_title: 'edit', f_amount: 'edit' } }],
      ['a1', 'approval', { label: 'Manager', assignees: users('mia'), mode: 'any', ...a1 }],
      ['a2', 'approval', { label: 'Director', assignees: users('dan'), mode: 'any', ...a2 }],
      ['end', 'end', { result: 'approved' }],
    ],
    [
      ['start', 'a1'],
      ['a1', 'a2'],
      ['a2', 'end'],
    ],
  );
}

describe('task actions', () => {
  it('reject can send the instance back to a configured node instead of ending it', async () => {
    fx.flows.publish('p', 'Purchase', twoApprovals({ rejectTo: { type: 'node', nodeId: 'a1' } }));
    const inst = await submit();
    await fx.runtime.act(user('mia'), (await fx.pendingTask(inst._id, 'mia'))._id, { action: 'approve' });
    await fx.runtime.act(user('dan'), (await fx.pendingTask(inst._id, 'dan'))._id, {
      action: 'reject',
      comment: 'too much',
    });
    const again = await fx.pendingTask(inst._id, 'mia');
    expect(again.activation).not.toBe((await fx.tasks(inst._id))[0].activation);
    expect((await fx.instance(inst._id)).status).toBe('running');
  });

  it('return goes to the previous node; return to the initiator waits for a resubmit with edits', async () => {
    fx.flows.publish('p', 'Purchase', twoApprovals({ returnTo: 'previous' }, { returnTo: 'initiator' }));
    const inst = await submit();
    await fx.runtime.act(user('mia'), (await fx.pendingTask(inst._id, 'mia'))._id, { action: 'approve' });
    await fx.runtime.act(user('dan'), (await fx.pendingTask(inst._id, 'dan'))._id, {
      action: 'return',
      comment: 'ask ann',
    });
    const mia = await fx.pendingTask(inst._id, 'mia');
    await fx.runtime.act(user('mia'), mia._id, { action: 'return', comment: 'lower it' });
    const resubmit = await fx.pendingTask(inst._id, 'ann');
    expect(resubmit.kind).toBe('resubmit');
    const rec = await fx.record('purchase', inst.recordId ?? '');
    // The start node lets the initiator edit title and amount, not the finance note.
    await expect(
      fx.runtime.act(user('ann'), resubmit._id, {
        action: 'approve',
        data: { f_finance_note: 'x' },
        baseVersion: rec?._version,
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', details: [{ path: 'data.f_finance_note', rule: 'readonly' }] });
    await fx.runtime.act(user('ann'), resubmit._id, {
      action: 'approve',
      data: { f_amount: 500 },
      baseVersion: rec?._version,
    });
    expect((await fx.record('purchase', inst.recordId ?? ''))?.f_amount).toBe(500);
    const history = await fx.records.history(fx.ctx('purchase'), inst.recordId ?? '');
    expect(history.at(-1)).toMatchObject({ by: 'ann', changes: [{ field: 'f_amount', from: 900, to: 500 }] });
    await fx.runtime.act(user('mia'), (await fx.pendingTask(inst._id, 'mia'))._id, { action: 'approve' });
    await fx.runtime.act(user('dan'), (await fx.pendingTask(inst._id, 'dan'))._id, { action: 'approve' });
    expect((await fx.settled(inst._id)).status).toBe('approved');
  });

  it('return to a node the holder may not pick is refused with the field and rule', async () => {
    fx.flows.publish('p', 'Purchase', twoApprovals());
    const inst = await submit();
    await fx.runtime.act(user('mia'), (await fx.pendingTask(inst._id, 'mia'))._id, { action: 'approve' });
    const dan = await fx.pendingTask(inst._id, 'dan');
    await expect(fx.runtime.act(user('dan'), dan._id, { action: 'return', toNodeId: 'end' })).rejects.toMatchObject({
      details: [{ path: 'toNodeId', rule: 'earlierNode' }],
    });
  });

  it('return inside a parallel branch stays in the branch (the other branch is not left waiting)', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      graph(
        'process',
        'purchase',
        [
          ['start', 'start', { fieldPermissions: { f_title: 'edit' } }],
          ['split', 'parallel'],
          ['a1', 'approval', { assignees: users('mia'), mode: 'any', returnTo: 'any' }],
          ['a2', 'approval', { assignees: users('dan'), mode: 'any', returnTo: 'any' }],
          ['b', 'approval', { assignees: users('fay'), mode: 'any' }],
          ['join', 'join'],
          ['end', 'end', { result: 'approved' }],
        ],
        [
          ['start', 'split'],
          ['split', 'a1'],
          ['split', 'b'],
          ['a1', 'a2'],
          ['a2', 'join'],
          ['b', 'join'],
          ['join', 'end'],
        ],
      ),
    );
    const inst = await submit();
    // The first step of a branch has nothing earlier in its branch: the start is outside it.
    const mia = await fx.pendingTask(inst._id, 'mia');
    await expect(fx.runtime.act(user('mia'), mia._id, { action: 'return' })).rejects.toMatchObject({
      details: [{ path: 'action', rule: 'returnTarget' }],
    });
    await expect(fx.runtime.act(user('mia'), mia._id, { action: 'return', toNodeId: 'start' })).rejects.toMatchObject({
      details: [{ path: 'toNodeId', rule: 'earlierNode' }],
    });
    await fx.runtime.act(user('mia'), mia._id, { action: 'approve' });
    // The second step returns to the first one of its own branch.
    await fx.runtime.act(user('dan'), (await fx.pendingTask(inst._id, 'dan'))._id, { action: 'return' });
    await fx.runtime.act(user('mia'), (await fx.pendingTask(inst._id, 'mia'))._id, { action: 'approve' });
    await fx.runtime.act(user('dan'), (await fx.pendingTask(inst._id, 'dan'))._id, { action: 'approve' });
    await fx.runtime.act(user('fay'), (await fx.pendingTask(inst._id, 'fay'))._id, { action: 'approve' });
    expect((await fx.settled(inst._id)).status).toBe('approved');
    const tasks = await fx.tasks(inst._id);
    expect(tasks.filter((t) => t.kind === 'resubmit')).toHaveLength(0);
    expect(tasks.filter((t) => t.assigneeId === 'fay')).toHaveLength(1);
  });

  it('transfer gives the task to another active person; only the holder can act', async () => {
    fx.flows.publish('p', 'Purchase', twoApprovals());
    const inst = await submit();
    const task = await fx.pendingTask(inst._id, 'mia');
    await expect(fx.runtime.act(user('bob'), task._id, { action: 'approve' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await expect(fx.runtime.act(user('mia'), task._id, { action: 'transfer', toUserId: 'zed' })).rejects.toMatchObject({
      details: [{ path: 'toUserId', rule: 'activeUser' }],
    });
    await fx.runtime.act(user('mia'), task._id, { action: 'transfer', toUserId: 'sam', comment: 'on leave' });
    const sam = await fx.pendingTask(inst._id, 'sam');
    expect(sam.origin).toBe('transfer');
    await expect(fx.runtime.act(user('mia'), task._id, { action: 'approve' })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await fx.runtime.act(user('sam'), sam._id, { action: 'approve' });
    await fx.pendingTask(inst._id, 'dan');
  });

  it('add signer before: the added person approves first, then the holder', async () => {
    fx.flows.publish('p', 'Purchase', twoApprovals());
    const inst = await submit();
    const task = await fx.pendingTask(inst._id, 'mia');
    await fx.runtime.act(user('mia'), task._id, { action: 'add_signer', position: 'before', userIds: ['sam'] });
    expect((await fx.tasks(inst._id)).find((t) => t._id === task._id)?.status).toBe('queued');
    await fx.runtime.act(user('sam'), (await fx.pendingTask(inst._id, 'sam'))._id, { action: 'approve' });
    expect((await fx.instance(inst._id)).tokens.find((t) => t.status === 'waiting')?.nodeId).toBe('a1');
    await fx.runtime.act(user('mia'), (await fx.pendingTask(inst._id, 'mia'))._id, { action: 'approve' });
    await fx.pendingTask(inst._id, 'dan');
  });

  it('add signer after: the holder approves and the added person must approve too', async () => {
    fx.flows.publish('p', 'Purchase', twoApprovals());
    const inst = await submit();
    const task = await fx.pendingTask(inst._id, 'mia');
    await fx.runtime.act(user('mia'), task._id, { action: 'add_signer', position: 'after', userIds: ['sam'] });
    const sam = await fx.pendingTask(inst._id, 'sam');
    expect((await fx.instance(inst._id)).tokens.find((t) => t.status === 'waiting')?.nodeId).toBe('a1');
    await fx.runtime.act(user('sam'), sam._id, { action: 'approve' });
    await fx.pendingTask(inst._id, 'dan');
  });

  it('add signer alongside: in "all" mode the added person votes too', async () => {
    fx.flows.publish('p', 'Purchase', twoApprovals({}, { mode: 'all' }));
    const inst = await submit();
    const task = await fx.pendingTask(inst._id, 'mia');
    await fx.runtime.act(user('mia'), task._id, {
      action: 'add_signer',
      position: 'alongside',
      userIds: ['sam', 'bob'],
    });
    await fx.runtime.act(user('mia'), task._id, { action: 'approve' });
    await fx.runtime.act(user('sam'), (await fx.pendingTask(inst._id, 'sam'))._id, { action: 'approve' });
    expect((await fx.instance(inst._id)).tokens.find((t) => t.status === 'waiting')?.nodeId).toBe('a1');
    await fx.runtime.act(user('bob'), (await fx.pendingTask(inst._id, 'bob'))._id, { action: 'approve' });
    await fx.pendingTask(inst._id, 'dan');
  });

  it('comments and signatures are journaled; a node that requires a signature refuses without one', async () => {
    fx.flows.publish('p', 'Purchase', oneApproval({ assignees: users('mia'), mode: 'any', signatureRequired: true }));
    const inst = await submit();
    const task = await fx.pendingTask(inst._id, 'mia');
    await fx.runtime.act(user('mia'), task._id, { action: 'comment', comment: 'looking at it' });
    await expect(fx.runtime.act(user('mia'), task._id, { action: 'approve' })).rejects.toMatchObject({
      details: [{ path: 'signatureFileId', rule: 'required' }],
    });
    await fx.runtime.act(user('mia'), task._id, { action: 'approve', signatureFileId: 'file123' });
    await fx.settled(inst._id);
    const journal = await fx.journal(inst._id);
    // In the order things happened, also within one transition.
    expect(journal.map((j) => j.type)).toEqual([
      'started',
      'step',
      'step',
      'action',
      'action',
      'step',
      'step',
      'ended',
    ]);
    const actions = journal.filter((j) => j.type === 'action');
    expect(
      actions.map((a) => [a.userId, a.data.action, a.data.comment ?? null, a.data.signatureFileId ?? null]),
    ).toEqual([
      ['mia', 'comment', 'looking at it', null],
      ['mia', 'approve', null, 'file123'],
    ]);
  });

  it('actions a node does not offer are refused', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      oneApproval({ assignees: users('mia'), mode: 'any', actions: ['approve', 'reject'] }),
    );
    const inst = await submit();
    const task = await fx.pendingTask(inst._id, 'mia');
    await expect(fx.runtime.act(user('mia'), task._id, { action: 'transfer', toUserId: 'sam' })).rejects.toMatchObject({
      details: [{ path: 'action', rule: 'offered' }],
    });
  });
});

describe('auto-skip, field permissions, withdraw, urge', () => {
  it('skips an approver who already approved in this instance, and the initiator', async () => {
    const def = twoApprovals({ assignees: users('mia'), autoSkip: { approvedBefore: true } });
    fx.flows.publish('p', 'Purchase', def);
    const inst = await submit();
    await fx.runtime.act(user('mia'), (await fx.pendingTask(inst._id, 'mia'))._id, { action: 'approve' });
    expect((await fx.settled(inst._id)).status).toBe('approved');
    const skipped = (await fx.tasks(inst._id)).find((t) => t.nodeId === 'a2');
    expect(skipped).toMatchObject({ status: 'approved', auto: 'skip:approved_before' });

    fx.flows.disable('p');
    fx.flows.publish(
      'q',
      'Self',
      oneApproval({ assignees: users('ann', 'mia'), mode: 'all', autoSkip: { initiator: true } }),
    );
    const own = await submit({ f_title: 'Mine' }, 'ann');
    const byFlow = await fx.until('the instance of q', async () =>
      (await fx.instancesOf('q')).find((i) => i.recordId === own.recordId),
    );
    expect(byFlow.flowId).toBe('q');
    await fx.runtime.act(user('mia'), (await fx.pendingTask(byFlow?._id ?? '', 'mia'))._id, { action: 'approve' });
    expect((await fx.settled(byFlow?._id ?? '')).status).toBe('approved');
  });

  it('field permissions: hidden/read fields cannot be edited, required fields must be filled', async () => {
    fx.flows.publish(
      'p',
      'Purchase',
      oneApproval({
        assignees: users('fay'),
        mode: 'any',
        fieldPermissions: { f_finance_note: 'required', f_note: 'hidden', f_amount: 'read' },
      }),
    );
    const inst = await submit();
    const task = await fx.pendingTask(inst._id, 'fay');
    const rec = await fx.record('purchase', inst.recordId ?? '');
    await expect(fx.runtime.act(user('fay'), task._id, { action: 'approve' })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'data.f_finance_note', rule: 'required' }],
    });
    await expect(
      fx.runtime.act(user('fay'), task._id, { action: 'approve', data: { f_amount: 1 }, baseVersion: rec?._version }),
    ).rejects.toMatchObject({ details: [{ path: 'data.f_amount', rule: 'readonly' }] });
    // A stale base version is a conflict, never a silent overwrite.
    await expect(
      fx.runtime.act(user('fay'), task._id, { action: 'approve', data: { f_finance_note: 'ok' }, baseVersion: 99 }),
    ).rejects.toMatchObject({ code: 'VERSION_CONFLICT' });
    await fx.runtime.act(user('fay'), task._id, {
      action: 'approve',
      data: { f_finance_note: 'budget ok' },
      baseVersion: rec?._version,
    });
    expect((await fx.settled(inst._id)).status).toBe('approved');
    expect((await fx.record('purchase', inst.recordId ?? ''))?.f_finance_note).toBe('budget ok');
  });

  it('withdraw: only the initiator, only before anyone acted', async () => {
    fx.flows.publish('p', 'Purchase', twoApprovals());
    const inst = await submit();
    await fx.pendingTask(inst._id, 'mia');
    await expect(fx.runtime.withdraw(user('bob'), inst._id)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await fx.runtime.withdraw(user('ann'), inst._id);
    expect((await fx.instance(inst._id)).status).toBe('withdrawn');
    expect((await fx.tasks(inst._id)).every((t) => t.status === 'cancelled')).toBe(true);
    expect((await fx.record('purchase', inst.recordId ?? ''))?._flowState).toBe('withdrawn');

    const second = await submit({ f_title: 'Two' });
    await fx.runtime.act(user('mia'), (await fx.pendingTask(second._id, 'mia'))._id, { action: 'approve' });
    await expect(fx.runtime.withdraw(user('ann'), second._id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('urge notifies the people waited on, at most once per interval', async () => {
    fx.flows.publish('p', 'Purchase', twoApprovals());
    const inst = await submit();
    await fx.pendingTask(inst._id, 'mia');
    expect(await fx.runtime.urge(user('ann'), inst._id)).toEqual({ notified: ['mia'] });
    expect(fx.notifier.to('mia', 'urge')).toHaveLength(1);
    await expect(fx.runtime.urge(user('ann'), inst._id)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('a new task notifies its holder once', async () => {
    fx.flows.publish('p', 'Purchase', twoApprovals());
    const inst = await submit();
    const task = await fx.pendingTask(inst._id, 'mia');
    await fx.until('the message', async () => fx.notifier.to('mia', 'task').length > 0);
    expect(fx.notifier.to('mia', 'task')).toEqual([expect.objectContaining({ link: `/tasks/${task._id}` })]);
  });
});
