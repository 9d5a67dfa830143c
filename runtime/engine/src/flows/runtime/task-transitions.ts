import type { ApprovalNodeData, FlowNode, HandleNodeData, TaskDeadline } from '@formloom/model';
import { badRequest } from '@formloom/model';
import { newId } from '../../ids.js';
import { decideActivation, type ApprovalMode } from './approval-modes.js';
import { FLOW_TASKS, type FlowTaskDoc, type TaskOrigin, type TaskStatus } from './flow-runtime.types.js';
import type { Draft } from './transitions.js';
import { messageRef } from '../../messages/server-messages.js';
import { nodeParams } from './runtime-texts.js';

/** The parts of human node data the task logic reads (approval, handle, start/resubmit). */
export interface HumanNodeSettings {
  mode: ApprovalMode;
  votePercent?: number;
  deadline?: TaskDeadline;
  rejectTo?: ApprovalNodeData['rejectTo'];
  returnTo?: ApprovalNodeData['returnTo'];
}

export function humanSettings(node: FlowNode): HumanNodeSettings {
  if (node.type === 'approval') {
    const d = node.data as unknown as ApprovalNodeData;
    return {
      mode: d.mode,
      votePercent: d.votePercent,
      deadline: d.deadline,
      rejectTo: d.rejectTo,
      returnTo: d.returnTo,
    };
  }
  if (node.type === 'handle') {
    const d = node.data as unknown as HandleNodeData;
    return { mode: d.mode, deadline: d.deadline, returnTo: d.returnTo };
  }
  return { mode: 'any' };
}

export interface ActOptions {
  by: string | null;
  /** 'deadline', 'skip:…' for decisions without a person. */
  auto?: string;
  comment?: string | null;
  signatureFileId?: string | null;
}

/** Writes a task's new status (and who did it) inside the draft's transaction. */
export async function closeTask(
  draft: Draft,
  task: FlowTaskDoc,
  status: TaskStatus,
  options: ActOptions,
): Promise<void> {
  Object.assign(task, {
    status,
    actedAt: draft.nowIso,
    actedBy: options.by,
    auto: options.auto ?? task.auto,
    comment: options.comment ?? task.comment,
    signatureFileId: options.signatureFileId ?? task.signatureFileId,
  });
  await draft.tx.collection<FlowTaskDoc>(FLOW_TASKS).replaceOne({ _id: task._id }, task);
  await draft.cancelTaskTimers([task._id]);
}

/** The tasks of the activation the task belongs to, as stored in the transaction. */
export function activationTasks(draft: Draft, activation: string): Promise<FlowTaskDoc[]> {
  return draft.tx.collection<FlowTaskDoc>(FLOW_TASKS).find({ activation }, { sort: { order: 1, createdAt: 1 } });
}

/**
 * After a task of an activation changed: decide the node by its mode, open the tasks that are
 * now unblocked, and move the token on (approved), or reject (end or reject-to node).
 */
export async function settleActivation(draft: Draft, task: FlowTaskDoc, options: ActOptions): Promise<void> {
  const node = draft.node(task.nodeId);
  const settings = humanSettings(node);
  const tasks = await activationTasks(draft, task.activation);
  const { decision, activate } = decideActivation(settings.mode, tasks, settings.votePercent);
  const token = draft.token(task.tokenId);
  if (!token || token.status !== 'waiting') return;
  if (decision === 'open') {
    for (const t of tasks.filter((x) => activate.includes(x._id))) {
      t.status = 'pending';
      await draft.tx.collection<FlowTaskDoc>(FLOW_TASKS).updateOne({ _id: t._id }, { $set: { status: 'pending' } });
      await draft.taskOpened(t, settings.deadline);
    }
    return;
  }
  await draft.closeOpenTasks({ activation: task.activation }, 'cancelled', tasks);
  if (decision === 'approved') {
    draft.journal('step', messageRef('flow.journal.approved', nodeParams(node)), {
      nodeId: node.id,
      tokenId: token.id,
      data: { kind: node.type, decision },
    });
    draft.advance(token);
    return;
  }
  draft.journal('step', messageRef('flow.journal.rejected', nodeParams(node)), {
    nodeId: node.id,
    tokenId: token.id,
    userId: options.by,
    data: { kind: node.type, decision },
  });
  if (settings.rejectTo?.type === 'node') {
    returnToken(draft, token.id, settings.rejectTo.nodeId);
    return;
  }
  token.status = 'done';
  await draft.finish('rejected');
}

/** Sends the token back to an earlier node (its trail is cut there; the node is entered again). */
export function returnToken(draft: Draft, tokenId: string, target: string): void {
  const token = draft.token(tokenId);
  if (!token) return;
  const idx = token.trail.lastIndexOf(target);
  token.trail = idx >= 0 ? token.trail.slice(0, idx) : token.trail;
  draft.moveTo(token, target, { returned: true });
}

/** Where "return" goes from a task of `node`: the previous human node, a chosen earlier one, or the initiator (start). */
export function returnTarget(draft: Draft, task: FlowTaskDoc, requested: string | undefined): string {
  const node = draft.node(task.nodeId);
  const settings = humanSettings(node);
  const token = draft.token(task.tokenId);
  // Inside a parallel branch only the branch's own steps: returning past the split would move
  // this token alone and leave the other branches waiting at the join.
  const branchStart = token?.forks.at(-1)?.trailStart;
  const inBranch = branchStart !== undefined;
  const trail = (token?.trail ?? []).slice(branchStart ?? 0);
  const start = inBranch ? undefined : draft.flow.definition.nodes.find((n) => n.type === 'start')?.id;
  const policy = settings.returnTo ?? 'previous';
  if (requested !== undefined) {
    const allowed = policy === 'any' ? trail : policy === 'initiator' ? (start ? [start] : []) : trail.slice(-1);
    if (!allowed.includes(requested))
      throw badRequest('This task cannot be returned there', [
        { path: 'toNodeId', rule: 'earlierNode', message: `Return to one of: ${allowed.join(', ') || 'nowhere'}` },
      ]);
    return requested;
  }
  const target = policy === 'initiator' ? start : (trail.at(-1) ?? start);
  if (!target)
    throw badRequest(
      inBranch
        ? 'There is no earlier step in this parallel branch to return to'
        : 'There is no earlier step to return to',
      [{ path: 'action', rule: 'returnTarget', message: 'Nothing to return to' }],
    );
  return target;
}

/** A new task in the same activation (transfer, escalation, added signer). */
export function derivedTask(
  draft: Draft,
  from: FlowTaskDoc,
  assigneeId: string,
  origin: TaskOrigin,
  status: TaskStatus,
  blockedBy: string | null,
): FlowTaskDoc {
  return {
    ...from,
    _id: `${from.activation}:${newId(draft.now.getTime())}`,
    assigneeId,
    status,
    origin,
    blockedBy,
    auto: null,
    comment: null,
    signatureFileId: null,
    createdAt: draft.nowIso,
    actedAt: null,
    actedBy: null,
    readAt: null,
    dueAt: null,
    remindCount: 0,
    lastUrgedAt: null,
  };
}

/** Approves (or submits) a task and settles its activation. */
export async function approveTask(draft: Draft, task: FlowTaskDoc, options: ActOptions): Promise<void> {
  await closeTask(draft, task, task.kind === 'handle' || task.kind === 'resubmit' ? 'submitted' : 'approved', options);
  if (task.kind === 'approval' && !draft.instance.approvedBy.includes(task.assigneeId))
    draft.instance.approvedBy.push(task.assigneeId);
  if (task.kind === 'resubmit') {
    const token = draft.token(task.tokenId);
    if (token && token.status === 'waiting') draft.advance(token);
    return;
  }
  await settleActivation(draft, task, options);
}

export async function rejectTask(draft: Draft, task: FlowTaskDoc, options: ActOptions): Promise<void> {
  await closeTask(draft, task, 'rejected', options);
  await settleActivation(draft, task, options);
}

export async function returnTask(draft: Draft, task: FlowTaskDoc, target: string, options: ActOptions): Promise<void> {
  await closeTask(draft, task, 'returned', options);
  await draft.closeOpenTasks({ activation: task.activation }, 'cancelled');
  draft.journal('step', messageRef('flow.journal.returnedTo', { target, ...nodeParams(draft.node(target)) }), {
    nodeId: task.nodeId,
    tokenId: task.tokenId,
    userId: options.by,
    data: { target },
  });
  returnToken(draft, task.tokenId, target);
}

/** Gives the task to other people (transfer: one; escalation: the resolved ones). */
export async function transferTask(
  draft: Draft,
  task: FlowTaskDoc,
  to: string[],
  origin: 'transfer' | 'escalate',
  options: ActOptions,
): Promise<FlowTaskDoc[]> {
  await closeTask(draft, task, 'transferred', options);
  const created = to.map((userId, i) => ({
    ...derivedTask(draft, task, userId, origin, 'pending', null),
    _id: `${task._id}:${origin[0]}${i}`,
  }));
  await draft.tx.collection<FlowTaskDoc>(FLOW_TASKS).insertMany(created);
  const settings = humanSettings(draft.node(task.nodeId));
  for (const t of created) await draft.taskOpened(t, settings.deadline);
  return created;
}
