import { conflict, forbidden, FormloomError, notFound, type Principal } from '@formloom/model';
import { FLOW_TASKS, type FlowTaskDoc } from './flow-runtime.types.js';
import type { RuntimeCore } from './runtime-core.js';
import { ABORT, transition } from './transitions.js';
import { defaultNotice } from './runtime-texts.js';
import { messageRef } from '../../messages/server-messages.js';
import type { FlowInstanceDoc } from './flow-runtime.types.js';

/** Withdraw (撤回): the initiator takes the instance back while nobody has acted on it yet. */
export async function withdrawInstance(
  core: RuntimeCore,
  principal: Principal,
  instanceId: string,
): Promise<FlowInstanceDoc> {
  const result = await transition(core, instanceId, async (draft) => {
    const inst = draft.instance;
    if (principal.userId === null || inst.initiatorId !== principal.userId)
      throw forbidden('Only the person who started this flow can withdraw it');
    if (inst.status !== 'running') throw conflict(`The flow is already ${inst.status}`);
    const acted = await draft.tx
      .collection<FlowTaskDoc>(FLOW_TASKS)
      .countDocuments({ instanceId, kind: { $ne: 'cc' }, actedBy: { $ne: null } });
    if (acted > 0) throw conflict('Someone already acted on this flow: it can no longer be withdrawn');
    draft.journal('action', messageRef('flow.journal.withdraw'), {
      userId: principal.userId,
      data: { action: 'withdraw' },
    });
    await draft.finish('withdrawn');
    return true;
  });
  if (!result) throw notFound('Flow instance');
  return result.instance;
}

/** Urge (催办): reminds the people the instance waits on; once per `urgeIntervalMs`. */
export async function urgeInstance(
  core: RuntimeCore,
  principal: Principal,
  instanceId: string,
): Promise<{ notified: string[] }> {
  const result = await transition(core, instanceId, async (draft) => {
    const inst = draft.instance;
    if (inst.status !== 'running') throw conflict(`The flow is already ${inst.status}`);
    const last = inst.lastUrgedAt ? Date.parse(inst.lastUrgedAt) : 0;
    const waitMs = last + core.urgeIntervalMs - draft.now.getTime();
    if (waitMs > 0)
      throw new FormloomError('RATE_LIMITED', `You can urge again in ${Math.ceil(waitMs / 1000)} s`, [
        { path: 'instanceId', rule: 'rateLimit', message: `Once every ${Math.round(core.urgeIntervalMs / 1000)} s` },
      ]);
    const pending = await draft.tx.collection<FlowTaskDoc>(FLOW_TASKS).find({ instanceId, status: 'pending' });
    inst.lastUrgedAt = draft.nowIso;
    const notified = [...new Set(pending.map((t) => t.assigneeId))];
    for (const task of pending)
      draft.effects.notifications.push({
        idempotencyKey: `urge:${task._id}:${draft.now.getTime()}`,
        recipientIds: [task.assigneeId],
        channels: ['inapp', 'email'],
        ...defaultNotice('flow.notify.urge', task),
        link: `/tasks/${task._id}`,
        category: 'urge',
      });
    draft.journal('action', messageRef('flow.journal.urge'), {
      userId: principal.userId,
      data: { action: 'urge', notified },
    });
    return { notified };
  });
  if (!result) throw notFound('Flow instance');
  return result.value;
}

/** Cancel (admin): ends a running or failed instance as cancelled. */
export async function cancelInstance(
  core: RuntimeCore,
  principal: Principal,
  instanceId: string,
): Promise<FlowInstanceDoc> {
  const result = await transition(core, instanceId, async (draft) => {
    if (draft.instance.status !== 'running' && draft.instance.status !== 'failed')
      throw conflict(`The flow is already ${draft.instance.status}`);
    draft.journal('action', messageRef('flow.journal.cancel'), {
      userId: principal.userId,
      data: { action: 'cancel' },
    });
    await draft.finish('cancelled');
    return true;
  });
  if (!result) throw notFound('Flow instance');
  return result.instance;
}

/** Retry (admin): a failed instance's failed steps run again (same step ids). */
export async function retryInstance(
  core: RuntimeCore,
  principal: Principal,
  instanceId: string,
): Promise<FlowInstanceDoc> {
  const result = await transition(core, instanceId, async (draft) => {
    const inst = draft.instance;
    if (inst.status !== 'failed') throw conflict(`Only failed flows can be retried; this one is ${inst.status}`);
    if (inst.error?.code === 'DEPTH_LIMIT')
      throw conflict('This automation stopped at the depth limit and cannot be retried');
    inst.status = 'running';
    inst.error = null;
    for (const t of inst.tokens)
      if (t.status === 'failed') {
        t.status = 'ready';
        draft.effects.steps.push({ instanceId, tokenId: t.id, step: t.step });
      }
    draft.journal('action', messageRef('flow.journal.retry'), { userId: principal.userId, data: { action: 'retry' } });
    await draft.writeFlowState('running');
    return true;
  });
  if (!result) throw notFound('Flow instance');
  return result.instance;
}

/** A sync subflow ended: its parent token goes on (a no-op when it already did). */
export async function resumeParent(
  core: RuntimeCore,
  data: { parentId: string; tokenId: string; step: number; childId: string },
): Promise<void> {
  await transition(core, data.parentId, async (draft) => {
    const token = draft.token(data.tokenId);
    if (
      draft.instance.status !== 'running' ||
      !token ||
      token.step !== data.step ||
      token.status !== 'waiting' ||
      token.wait?.kind !== 'subflow' ||
      token.wait.childId !== data.childId
    )
      return ABORT;
    draft.journal('step', messageRef('flow.journal.subflowEnded', { childId: data.childId }), {
      nodeId: token.nodeId,
      tokenId: token.id,
      data: { childId: data.childId },
    });
    draft.advance(token);
    return true;
  });
}
