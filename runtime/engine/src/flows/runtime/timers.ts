import type { Assignees } from '@formloom/model';
import { resolveAssignees } from '../assignees/resolve-assignees.js';
import { assigneeContext } from './assignee-context.js';
import {
  FLOW_INSTANCES,
  FLOW_TASKS,
  FLOW_TIMERS,
  type FlowInstanceDoc,
  type FlowTaskDoc,
  type FlowTimerDoc,
} from './flow-runtime.types.js';
import type { RuntimeCore } from './runtime-core.js';
import { approveTask, humanSettings, rejectTask, returnTarget, returnTask, transferTask } from './task-transitions.js';
import { ABORT, armTimer, transition, type Draft } from './transitions.js';
import { defaultNotice } from './runtime-texts.js';
import { messageRef } from '../../messages/server-messages.js';

/** Marks the timer fired if it is still pending: the compare-and-set that makes firing happen once. */
async function claim(draft: Draft, timer: FlowTimerDoc): Promise<boolean> {
  const res = await draft.tx
    .collection<FlowTimerDoc>(FLOW_TIMERS)
    .updateOne({ _id: timer._id, status: 'pending' }, { $set: { status: 'fired', firedAt: draft.nowIso } });
  return res.matchedCount === 1;
}

/**
 * A timer job fired. The timer document is the source of truth: a job for a timer that already
 * fired or was cancelled does nothing, and firing is a compare-and-set on its status inside the
 * transition it causes (a reminder, the deadline's action, the end of a delay).
 */
export async function fireTimer(core: RuntimeCore, timerId: string): Promise<void> {
  const timer = await core.store.collection<FlowTimerDoc>(FLOW_TIMERS).findOne({ _id: timerId });
  if (!timer || timer.status !== 'pending') return;
  const task = timer.taskId
    ? await core.store.collection<FlowTaskDoc>(FLOW_TASKS).findOne({ _id: timer.taskId })
    : null;

  if (timer.kind === 'remind') {
    const notifier = core.notifier();
    if (task?.status === 'pending' && notifier)
      await notifier.notify({
        idempotencyKey: `timer:${timer._id}`,
        recipientIds: [task.assigneeId],
        channels: ['inapp', 'email'],
        ...defaultNotice('flow.notify.reminder', task),
        link: `/tasks/${task._id}`,
        category: 'reminder',
      });
  }

  // Escalation targets are resolved before the transition (reads only).
  let escalateTo: string[] = [];
  if (timer.kind === 'due' && task?.status === 'pending') {
    const instance = await core.store.collection<FlowInstanceDoc>(FLOW_INSTANCES).findOne({ _id: timer.instanceId });
    const flow = instance ? await core.flowOf(instance) : null;
    const node = flow?.definition.nodes.find((n) => n.id === task.nodeId);
    const deadline = node ? humanSettings(node).deadline : undefined;
    if (instance && deadline?.onDue === 'escalate' && deadline.escalateTo) {
      const record =
        instance.formId && instance.recordId ? await core.loadRecord(instance.formId, instance.recordId) : null;
      const resolution = await resolveAssignees(
        deadline.escalateTo as Assignees,
        await assigneeContext(core, instance, record),
        `${instance.flowId}:${task.nodeId}:escalate`,
      );
      if (resolution.outcome === 'assigned') escalateTo = resolution.userIds.filter((u) => u !== task.assigneeId);
    }
  }

  await transition(core, timer.instanceId, async (draft) => {
    if (!(await claim(draft, timer))) return ABORT;
    const liveTask = timer.taskId
      ? await draft.tx.collection<FlowTaskDoc>(FLOW_TASKS).findOne({ _id: timer.taskId })
      : null;
    const where = {
      nodeId: liveTask?.nodeId ?? null,
      tokenId: timer.tokenId,
      stepId: null,
      data: { timerId: timer._id, kind: timer.kind },
    };
    if (timer.kind === 'delay') {
      const token = timer.tokenId ? draft.token(timer.tokenId) : undefined;
      if (draft.instance.status !== 'running' || !token || token.step !== timer.step || token.wait?.kind !== 'timer')
        return true;
      draft.journal('timer', messageRef('flow.journal.timerDelayOver'), { ...where, nodeId: token.nodeId });
      draft.advance(token);
      return true;
    }
    if (draft.instance.status !== 'running' || !liveTask || liveTask.status !== 'pending') return true;
    const deadline = humanSettings(draft.node(liveTask.nodeId)).deadline;
    if (timer.kind === 'remind') {
      await draft.tx.collection<FlowTaskDoc>(FLOW_TASKS).updateOne({ _id: liveTask._id }, { $inc: { remindCount: 1 } });
      draft.journal('timer', messageRef('flow.journal.reminded', { user: liveTask.assigneeId }), where);
      const every = deadline?.remindEveryMs;
      if (every !== undefined && every > 0) {
        const next = new Date(draft.now.getTime() + every).toISOString();
        if (!liveTask.dueAt || next < liveTask.dueAt)
          await draft.insertTimers([
            {
              ...timer,
              _id: `${liveTask._id}:remind:${timer.seq + 1}`,
              seq: timer.seq + 1,
              dueAt: next,
              status: 'pending',
              firedAt: null,
            },
          ]);
      }
      return true;
    }
    const opts = { by: null, auto: 'deadline' };
    switch (deadline?.onDue) {
      case 'approve':
        draft.journal('timer', messageRef('flow.journal.dueApproved'), where);
        await approveTask(draft, liveTask, opts);
        break;
      case 'reject':
        draft.journal('timer', messageRef('flow.journal.dueRejected'), where);
        await rejectTask(draft, liveTask, opts);
        break;
      case 'return': {
        let target: string;
        try {
          target = returnTarget(draft, liveTask, undefined);
        } catch {
          // The first step of a parallel branch has nowhere to return to within its branch.
          draft.journal('timer', messageRef('flow.journal.dueNoReturn'), where);
          break;
        }
        draft.journal('timer', messageRef('flow.journal.dueReturned'), where);
        await returnTask(draft, liveTask, target, opts);
        break;
      }
      case 'escalate':
        if (escalateTo.length === 0) draft.journal('timer', messageRef('flow.journal.dueNoEscalation'), where);
        else {
          draft.journal('timer', messageRef('flow.journal.dueEscalated', { users: escalateTo.join(', ') }), where);
          await transferTask(draft, liveTask, escalateTo, 'escalate', opts);
        }
        break;
      default:
        draft.journal('timer', messageRef('flow.journal.due'), where);
    }
    return true;
  });
}

/** At start-up: queues every pending timer (one already overdue fires at once, and once). */
export async function rearmTimers(core: RuntimeCore): Promise<number> {
  const pending = await core.store
    .collection<FlowTimerDoc>(FLOW_TIMERS)
    .find({ status: 'pending' }, { projection: { _id: 1, dueAt: 1 } });
  for (const t of pending) await armTimer(core, t);
  return pending.length;
}
