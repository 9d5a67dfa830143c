import {
  APPROVAL_ACTIONS,
  badRequest,
  conflict,
  forbidden,
  notFound,
  validationFailed,
  type ApprovalAction,
  type ApprovalNodeData,
  type ErrorDetail,
  type FieldPermission,
  type Principal,
} from '@formloom/model';
import type { FormAccess } from '../../access/form-access.js';
import { FLOW_INSTANCES, FLOW_TASKS, type FlowInstanceDoc, type FlowTaskDoc } from './flow-runtime.types.js';
import type { RuntimeCore } from './runtime-core.js';
import {
  approveTask,
  closeTask,
  derivedTask,
  humanSettings,
  rejectTask,
  returnTarget,
  returnTask,
  settleActivation,
  transferTask,
} from './task-transitions.js';
import { transition, type Draft } from './transitions.js';
import { messageRef } from '../../messages/server-messages.js';

export type TaskActionName = 'approve' | 'reject' | 'return' | 'transfer' | 'add_signer' | 'comment';

export interface TaskActionInput {
  action: TaskActionName;
  comment?: string;
  /** A file id of a handwritten signature (blob store). */
  signatureFileId?: string;
  /** approve: field edits allowed by the node's field permissions, validated like any write. */
  data?: Record<string, unknown>;
  /** The record version the edits were based on (required with `data`). */
  baseVersion?: number;
  /** return: the earlier node to go back to (when the node allows "any"). */
  toNodeId?: string;
  /** transfer: the new holder. */
  toUserId?: string;
  /** add_signer: who; before/after take exactly one person. */
  userIds?: string[];
  position?: 'before' | 'after' | 'alongside';
}

const MAX_COMMENT = 2000;
const EDITABLE: ReadonlySet<FieldPermission> = new Set(['edit', 'required']);

/** Actions a task of this kind at this node offers. */
export function offeredActions(task: FlowTaskDoc, nodeData: Record<string, unknown>): TaskActionName[] {
  if (task.kind === 'cc') return ['comment'];
  if (task.kind === 'resubmit') return ['approve', 'comment'];
  const listed = (nodeData as Partial<ApprovalNodeData>).actions;
  const configured: ApprovalAction[] = Array.isArray(listed) ? listed : [...APPROVAL_ACTIONS];
  const base: TaskActionName[] =
    task.kind === 'handle'
      ? ['approve', 'return', 'transfer', 'comment']
      : ['approve', 'reject', 'return', 'transfer', 'add_signer', 'comment'];
  return base.filter((a) => a === 'approve' || (configured as string[]).includes(a));
}

/** The access a task gives its holder on the record: read what is not hidden, edit what the node allows. */
export function taskAccess(task: FlowTaskDoc, fields: string[]): FormAccess {
  const perms = task.fieldPermissions;
  return {
    full: false,
    actions: new Set(['read', 'update']),
    scopes: { read: null, update: null },
    readableFields: new Set(fields.filter((f) => perms[f] !== 'hidden')),
    writableFields: new Set(fields.filter((f) => EDITABLE.has(perms[f] ?? 'read'))),
  };
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);

async function loadOwnTask(core: RuntimeCore, principal: Principal, taskId: string): Promise<FlowTaskDoc> {
  const task =
    typeof taskId === 'string' && taskId.length <= 200
      ? await core.store.collection<FlowTaskDoc>(FLOW_TASKS).findOne({ _id: taskId })
      : null;
  if (!task) throw notFound('Task');
  if (principal.userId === null || task.assigneeId !== principal.userId)
    throw forbidden('Only the person this task is assigned to can act on it');
  return task;
}

/** Checks the input against the task and node; returns the active people named in it. */
async function checkInput(
  core: RuntimeCore,
  task: FlowTaskDoc,
  input: TaskActionInput,
  nodeData: Record<string, unknown>,
): Promise<string[]> {
  const offered = offeredActions(task, nodeData);
  if (!offered.includes(input.action))
    throw badRequest(`"${input.action}" is not offered at this step`, [
      { path: 'action', rule: 'offered', message: `Offered: ${offered.join(', ')}` },
    ]);
  if (input.action !== 'comment' && task.status !== 'pending')
    throw conflict(`This task is already ${task.status}`, [
      { path: 'taskId', rule: 'pending', message: 'Only pending tasks can be acted on' },
    ]);
  if (input.comment !== undefined && input.comment.length > MAX_COMMENT)
    throw badRequest('The comment is too long', [
      { path: 'comment', rule: 'maxLength', message: `At most ${MAX_COMMENT} characters` },
    ]);
  if (input.action === 'comment' && !input.comment?.trim() && !input.signatureFileId)
    throw badRequest('Write a comment', [{ path: 'comment', rule: 'required', message: 'A comment needs text' }]);
  if (input.data !== undefined && input.action !== 'approve')
    throw badRequest('Fields can only be edited when approving or submitting', [
      { path: 'data', rule: 'notAllowed', message: `Not with ${input.action}` },
    ]);
  const signatureRequired =
    task.kind === 'approval' && (nodeData as Partial<ApprovalNodeData>).signatureRequired === true;
  if (signatureRequired && (input.action === 'approve' || input.action === 'reject') && !input.signatureFileId)
    throw badRequest('This step needs your handwritten signature', [
      { path: 'signatureFileId', rule: 'required', message: 'Sign before you approve or reject' },
    ]);
  if (input.signatureFileId !== undefined && !(await core.isOwnSignature(input.signatureFileId, task.assigneeId)))
    throw badRequest('The signature is not an image you uploaded', [
      { path: 'signatureFileId', rule: 'file', message: 'Upload your signature first and send its file id' },
    ]);
  let people: string[] = [];
  if (input.action === 'transfer') {
    if (!input.toUserId)
      throw badRequest('Choose who gets the task', [{ path: 'toUserId', rule: 'required', message: 'Required' }]);
    if (input.toUserId === task.assigneeId)
      throw badRequest('The task is already yours', [
        { path: 'toUserId', rule: 'notSelf', message: 'Choose someone else' },
      ]);
    people = [input.toUserId];
  }
  if (input.action === 'add_signer') {
    const ids = [...new Set(input.userIds ?? [])].filter((u) => u !== task.assigneeId);
    if (ids.length === 0)
      throw badRequest('Choose who signs', [
        { path: 'userIds', rule: 'required', message: 'At least one other person' },
      ]);
    if (!input.position)
      throw badRequest('Choose before, after or alongside', [
        { path: 'position', rule: 'required', message: 'Required' },
      ]);
    if (input.position !== 'alongside' && ids.length !== 1)
      throw badRequest('Add one signer before or after you', [
        { path: 'userIds', rule: 'maxItems', message: 'Exactly one person' },
      ]);
    people = ids;
  }
  if (people.length > 0) {
    const active = new Set(await core.org.activeOnly(people));
    const unknown = people.filter((p) => !active.has(p));
    if (unknown.length > 0)
      throw badRequest('Not an active user', [
        {
          path: input.action === 'transfer' ? 'toUserId' : 'userIds',
          rule: 'activeUser',
          message: `Unknown or disabled: ${unknown.join(', ')}`,
        },
      ]);
  }
  return people;
}

/** Applies the holder's field edits through the records engine (validated, versioned, in history). */
async function applyEdits(
  core: RuntimeCore,
  principal: Principal,
  task: FlowTaskDoc,
  input: TaskActionInput,
): Promise<void> {
  if (!task.formId || !task.recordId) return;
  const form = await core.formOf(task.formId);
  if (!form) throw notFound('Form');
  const fields = Object.keys(form.definition.fields);
  const perms = task.fieldPermissions;
  if (input.data && Object.keys(input.data).length > 0) {
    const refused: ErrorDetail[] = Object.keys(input.data)
      .filter((f) => !EDITABLE.has(perms[f] ?? 'read'))
      .map((f) => ({ path: `data.${f}`, rule: 'readonly', message: 'This field cannot be edited at this step' }));
    if (refused.length > 0) throw badRequest('Some fields cannot be edited at this step', refused);
    if (typeof input.baseVersion !== 'number' || !Number.isInteger(input.baseVersion))
      throw badRequest('Say which record version you edited', [
        { path: 'baseVersion', rule: 'required', message: 'Required with data' },
      ]);
    await core.records.update(
      { principal, access: taskAccess(task, fields), appId: form.appId, formId: task.formId, depth: 0 },
      task.recordId,
      { baseVersion: input.baseVersion, data: input.data },
    );
  }
  if (input.action === 'approve' && Object.values(perms).includes('required')) {
    const record = await core.loadRecord(task.formId, task.recordId);
    const missing: ErrorDetail[] = Object.entries(perms)
      .filter(([f, p]) => p === 'required' && isEmpty(record?.[f]))
      .map(([f]) => ({ path: `data.${f}`, rule: 'required', message: 'Fill this field before you submit' }));
    if (missing.length > 0) throw validationFailed(missing, 'Fill the required fields of this step');
  }
}

/**
 * A task holder acts: approve (submit), reject, return, transfer, add a signer, comment.
 * Validated before anything is written; field edits go through the records engine first; the
 * decision is then one compare-and-set transition of the instance.
 */
export async function actOnTask(
  core: RuntimeCore,
  principal: Principal,
  taskId: string,
  input: TaskActionInput,
): Promise<FlowTaskDoc> {
  const task = await loadOwnTask(core, principal, taskId);
  const { instance, data: flowNode } = await nodeData(core, task);
  const people = await checkInput(core, task, input, flowNode);
  await applyEdits(core, principal, task, input);
  const by = principal.userId;
  const opts = { by, comment: input.comment?.trim() || null, signatureFileId: input.signatureFileId ?? null };

  const result = await transition(
    core,
    task.instanceId,
    async (draft) => {
      if (draft.instance.status !== 'running') throw conflict(`The flow is ${draft.instance.status}`);
      const current = await draft.tx.collection<FlowTaskDoc>(FLOW_TASKS).findOne({ _id: task._id });
      if (!current) throw notFound('Task');
      if (input.action !== 'comment' && current.status !== 'pending')
        throw conflict(`This task is already ${current.status}`);
      draft.journal(
        'action',
        opts.comment
          ? messageRef('flow.journal.actionWithComment', { action: input.action, comment: opts.comment })
          : messageRef('flow.journal.action', { action: input.action }),
        {
          nodeId: current.nodeId,
          tokenId: current.tokenId,
          userId: by,
          data: {
            action: input.action,
            taskId: current._id,
            comment: opts.comment,
            signatureFileId: opts.signatureFileId,
            ...(input.action === 'transfer' ? { toUserId: input.toUserId } : {}),
            ...(input.action === 'add_signer' ? { userIds: people, position: input.position } : {}),
            ...(input.action === 'return' ? { toNodeId: input.toNodeId ?? null } : {}),
          },
        },
      );
      switch (input.action) {
        case 'approve':
          await approveTask(draft, current, opts);
          break;
        case 'reject':
          await rejectTask(draft, current, opts);
          break;
        case 'return':
          await returnTask(draft, current, returnTarget(draft, current, input.toNodeId), opts);
          break;
        case 'transfer':
          await transferTask(draft, current, people, 'transfer', opts);
          break;
        case 'comment':
          if (current.kind === 'cc' && current.readAt === null)
            await draft.tx
              .collection<FlowTaskDoc>(FLOW_TASKS)
              .updateOne({ _id: current._id }, { $set: { readAt: draft.nowIso } });
          break;
        case 'add_signer':
          await addSigners(draft, current, people, input.position ?? 'alongside', opts);
          break;
      }
      // Approve, reject, return and transfer wrote the whole task (closeTask); the others changed it in place.
      if (input.action === 'comment' || input.action === 'add_signer')
        return draft.tx.collection<FlowTaskDoc>(FLOW_TASKS).findOne({ _id: task._id });
      return { ...current };
    },
    instance,
  );
  const after = result?.value;
  if (!after) throw notFound('Task');
  return after;
}

async function addSigners(
  draft: Draft,
  task: FlowTaskDoc,
  people: string[],
  position: 'before' | 'after' | 'alongside',
  opts: { by: string | null; comment: string | null; signatureFileId: string | null },
): Promise<void> {
  const tasks = draft.tx.collection<FlowTaskDoc>(FLOW_TASKS);
  const settings = humanSettings(draft.node(task.nodeId));
  if (position === 'alongside') {
    const added = people.map((u) => derivedTask(draft, task, u, 'alongside', 'pending', null));
    await tasks.insertMany(added);
    for (const t of added) await draft.taskOpened(t, settings.deadline);
    return;
  }
  if (position === 'before') {
    const [signer] = people.map((u) => derivedTask(draft, task, u, 'before', 'pending', null));
    await tasks.insertOne(signer);
    await draft.taskOpened(signer, settings.deadline);
    await tasks.updateOne({ _id: task._id }, { $set: { status: 'queued', blockedBy: signer._id } });
    await draft.cancelTaskTimers([task._id]);
    return;
  }
  // after: the holder approves now; the added signer must approve next.
  const [signer] = people.map((u) => derivedTask(draft, task, u, 'after', 'queued', task._id));
  await tasks.insertOne(signer);
  await closeTask(draft, task, 'approved', opts);
  if (!draft.instance.approvedBy.includes(task.assigneeId)) draft.instance.approvedBy.push(task.assigneeId);
  await settleActivation(draft, task, opts);
}

/** The task's instance (as read now) and its node's data in the instance's flow version. */
async function nodeData(
  core: RuntimeCore,
  task: FlowTaskDoc,
): Promise<{ instance: FlowInstanceDoc; data: Record<string, unknown> }> {
  const instance = await core.store.collection<FlowInstanceDoc>(FLOW_INSTANCES).findOne({ _id: task.instanceId });
  if (!instance) throw notFound('Flow instance');
  const flow = await core.flowOf(instance);
  return { instance, data: flow.definition.nodes.find((n) => n.id === task.nodeId)?.data ?? {} };
}

export interface BatchResult {
  taskId: string;
  ok: boolean;
  error?: { code: string; message: string };
}

/** Approves several tasks; each succeeds or fails on its own. */
export async function batchApprove(
  core: RuntimeCore,
  principal: Principal,
  taskIds: string[],
  comment?: string,
): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  for (const taskId of [...new Set(taskIds)]) {
    try {
      await actOnTask(core, principal, taskId, { action: 'approve', comment });
      results.push({ taskId, ok: true });
    } catch (e) {
      const err = e as { code?: string; message?: string };
      results.push({ taskId, ok: false, error: { code: err.code ?? 'INTERNAL', message: err.message ?? String(e) } });
    }
  }
  return results;
}
