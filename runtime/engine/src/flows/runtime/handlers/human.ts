import type { ApprovalNodeData, CcNodeData, FieldPermission, HandleNodeData, StartNodeData } from '@formloom/model';
import { resolveAssignees } from '../../assignees/resolve-assignees.js';
import { decideActivation } from '../approval-modes.js';
import { assigneeContext } from '../assignee-context.js';
import type { FlowTaskDoc, TaskKind, TaskStatus } from '../flow-runtime.types.js';
import { nodeData, type FlowNodeHandler, type NodeExecution, type NodeOutcome } from '../node-handlers.js';
import { nodeParams } from '../runtime-texts.js';
import { messageRef } from '../../../messages/server-messages.js';

/** A task of this step's activation of the node. */
export function newTask(
  exec: NodeExecution,
  index: number,
  assigneeId: string,
  kind: TaskKind,
  status: TaskStatus,
  fieldPermissions: Record<string, FieldPermission> | undefined,
): FlowTaskDoc {
  const inst = exec.instance;
  return {
    _id: `${exec.stepId}:${index}`,
    instanceId: inst._id,
    flowId: inst.flowId,
    flowName: inst.flowName,
    appId: inst.appId,
    formId: inst.formId,
    recordId: inst.recordId,
    title: inst.title,
    initiatorId: inst.initiatorId,
    nodeId: exec.node.id,
    ...nodeParams(exec.node),
    tokenId: exec.token.id,
    activation: exec.stepId,
    kind,
    assigneeId,
    status,
    origin: 'rule',
    order: index,
    blockedBy: null,
    auto: null,
    comment: null,
    signatureFileId: null,
    createdAt: exec.now.toISOString(),
    actedAt: null,
    actedBy: null,
    readAt: null,
    fieldPermissions: fieldPermissions ?? {},
    dueAt: null,
    remindCount: 0,
    lastUrgedAt: null,
  };
}

async function resolve(
  exec: NodeExecution,
  assignees: ApprovalNodeData['assignees'],
): Promise<{ userIds: string[] } | NodeOutcome> {
  const ctx = await assigneeContext(exec.core, exec.instance, await exec.record());
  const resolution = await resolveAssignees(assignees, ctx, `${exec.instance.flowId}:${exec.node.id}`);
  if (resolution.outcome === 'error')
    return { type: 'fail', message: resolution.message, code: 'NO_ASSIGNEE', i18n: resolution.i18n };
  if (resolution.outcome === 'skip' || resolution.userIds.length === 0)
    return { type: 'next', journal: { message: messageRef('flow.journal.nobodyToAsk') } };
  return { userIds: resolution.userIds };
}

/** Approval (审批): tasks by mode, with auto-skip; waits until the activation is decided. */
export const approvalHandler: FlowNodeHandler = {
  kind: 'approval',
  async execute(execution) {
    const exec = execution;
    const data = nodeData<ApprovalNodeData>(exec);
    const resolved = await resolve(exec, data.assignees);
    if (!('userIds' in resolved)) return resolved;
    const now = exec.now.toISOString();
    const tasks = resolved.userIds.map((userId, i) => {
      const task = newTask(
        exec,
        i,
        userId,
        'approval',
        data.mode === 'sequence' && i > 0 ? 'queued' : 'pending',
        data.fieldPermissions,
      );
      const skip =
        data.autoSkip?.approvedBefore && exec.instance.approvedBy.includes(userId)
          ? 'skip:approved_before'
          : data.autoSkip?.initiator && userId === exec.instance.initiatorId
            ? 'skip:initiator'
            : null;
      if (skip) Object.assign(task, { status: 'approved', auto: skip, actedAt: now });
      return task;
    });
    return settle(tasks, data.mode, data.votePercent, data.deadline);
  },
};

/** Applies the mode to freshly created tasks: auto-skips may already decide the node. */
function settle(
  tasks: FlowTaskDoc[],
  mode: ApprovalNodeData['mode'],
  votePercent: number | undefined,
  deadline: ApprovalNodeData['deadline'],
): NodeOutcome {
  for (;;) {
    const { decision, activate } = decideActivation(mode, tasks, votePercent);
    if (decision === 'approved') {
      for (const t of tasks) if (t.status === 'pending' || t.status === 'queued') t.status = 'cancelled';
      return { type: 'next', tasks, journal: { message: messageRef('flow.journal.allSkipped') } };
    }
    if (decision === 'rejected') return { type: 'end', result: 'rejected' };
    if (activate.length === 0) break;
    for (const t of tasks) if (activate.includes(t._id)) t.status = 'pending';
  }
  const skipped = tasks.filter((t) => t.auto !== null).length;
  return {
    type: 'wait',
    wait: { kind: 'tasks' },
    tasks,
    deadline,
    journal: {
      message: messageRef('flow.journal.waitingFor', {
        users: tasks
          .filter((t) => t.status === 'pending')
          .map((t) => t.assigneeId)
          .join(', '),
      }),
      data: { assignees: tasks.map((t) => t.assigneeId), skipped },
    },
  };
}

/** Handle (办理): the assignees fill or edit fields and submit. */
export const handleHandler: FlowNodeHandler = {
  kind: 'handle',
  async execute(execution) {
    const exec = execution;
    const data = nodeData<HandleNodeData>(exec);
    const resolved = await resolve(exec, data.assignees);
    if (!('userIds' in resolved)) return resolved;
    const tasks = resolved.userIds.map((u, i) => newTask(exec, i, u, 'handle', 'pending', data.fieldPermissions));
    return {
      type: 'wait',
      wait: { kind: 'tasks' },
      tasks,
      deadline: data.deadline,
      journal: {
        message: messageRef('flow.journal.waitingFor', { users: resolved.userIds.join(', ') }),
        data: { assignees: resolved.userIds },
      },
    };
  },
};

/** CC (抄送): read-only copies to people; the flow goes on at once. */
export const ccHandler: FlowNodeHandler = {
  kind: 'cc',
  async execute(execution) {
    const exec = execution;
    const data = nodeData<CcNodeData>(exec);
    const resolved = await resolve(exec, data.assignees);
    if (!('userIds' in resolved)) return resolved.type === 'fail' ? resolved : { type: 'next' };
    const tasks = resolved.userIds.map((u, i) => newTask(exec, i, u, 'cc', 'cc', data.fieldPermissions));
    return {
      type: 'next',
      tasks,
      journal: {
        message: messageRef('flow.journal.copiedTo', { users: resolved.userIds.join(', ') }),
        data: { cc: resolved.userIds },
      },
    };
  },
};

/**
 * Start: goes on at once; when the instance was returned to the initiator, it waits for them to
 * resubmit (a `resubmit` task with the start node's field permissions).
 */
export const startHandler: FlowNodeHandler = {
  kind: 'start',
  async execute(execution) {
    const exec = execution;
    const data = nodeData<StartNodeData>(exec);
    if (!exec.token.returned) return { type: 'next' };
    const initiator = exec.instance.initiatorId;
    if (!initiator) return { type: 'next', journal: { message: messageRef('flow.journal.noInitiator') } };
    const task = newTask(exec, 0, initiator, 'resubmit', 'pending', data.fieldPermissions);
    return {
      type: 'wait',
      wait: { kind: 'tasks' },
      tasks: [task],
      journal: { message: messageRef('flow.journal.toInitiator'), data: { assignees: [initiator] } },
    };
  },
};
