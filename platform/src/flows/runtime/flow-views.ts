import type { Static } from '@fastify/type-provider-typebox';
import type { FlowDefinition } from '@formloom/model';
import { taskStepParams, type FlowInstanceDoc, type FlowJournalDoc, type FlowTaskDoc } from '@formloom/engine';
import type {
  InstanceStateSchema,
  InstanceSummarySchema,
  TaskView,
  TimelineEntrySchema,
} from './flow-runtime-schemas.js';

type InstanceState = Static<typeof InstanceStateSchema>;
type TimelineEntry = Static<typeof TimelineEntrySchema>;

export function toTaskView(task: FlowTaskDoc): TaskView {
  return {
    id: task._id,
    instanceId: task.instanceId,
    flowId: task.flowId,
    flowName: task.flowName,
    title: task.title,
    nodeId: task.nodeId,
    ...taskStepParams(task),
    kind: task.kind,
    assigneeId: task.assigneeId,
    status: task.status,
    origin: task.origin,
    auto: task.auto,
    comment: task.comment,
    signatureFileId: task.signatureFileId,
    createdAt: task.createdAt,
    actedAt: task.actedAt,
    actedBy: task.actedBy,
    dueAt: task.dueAt,
  };
}

const errorView = (inst: FlowInstanceDoc) =>
  inst.error
    ? {
        message: inst.error.message,
        code: inst.error.code ?? null,
        nodeId: inst.error.nodeId ?? null,
        i18n: inst.error.i18n ?? null,
      }
    : null;

export function toInstanceSummary(inst: FlowInstanceDoc): Static<typeof InstanceSummarySchema> {
  return {
    id: inst._id,
    flowId: inst.flowId,
    flowVersion: inst.flowVersion,
    flowName: inst.flowName,
    appId: inst.appId,
    title: inst.title,
    status: inst.status,
    initiatorId: inst.initiatorId,
    startedAt: inst.startedAt,
    updatedAt: inst.updatedAt,
    error: errorView(inst),
  };
}

const PUBLIC_TYPES = new Set(['started', 'step', 'action', 'timer', 'ended']);

function labelOf(def: FlowDefinition, nodeId: string | null): { label: string; kind: string } | null {
  if (!nodeId) return null;
  const node = def.nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  return {
    label: typeof node.data.label === 'string' && node.data.label ? node.data.label : node.type,
    kind: node.type,
  };
}

/** The node's own label, null when the builder gave none. */
function ownLabelOf(def: FlowDefinition, nodeId: string | null): string | null {
  const node = nodeId ? def.nodes.find((n) => n.id === nodeId) : undefined;
  return node && typeof node.data.label === 'string' && node.data.label ? node.data.label : null;
}

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export interface StateInput {
  instance: FlowInstanceDoc;
  definition: FlowDefinition;
  tasks: FlowTaskDoc[];
  journal: FlowJournalDoc[];
  viewerId: string | null;
  canManage: boolean;
  urgeIntervalMs: number;
  now: Date;
}

/** An instance's state and timeline: where it stands, who it waits on, what happened (with comments and signatures). */
export function toInstanceState(input: StateInput): InstanceState {
  const { instance: inst, definition: def, tasks, journal } = input;
  const timeline: TimelineEntry[] = journal
    .filter((j) => PUBLIC_TYPES.has(j.type) || (input.canManage && (j.type === 'error' || j.type === 'note')))
    .map((j) => ({
      at: j.at,
      type: j.type,
      nodeId: j.nodeId,
      nodeLabel: ownLabelOf(def, j.nodeId),
      nodeKind: labelOf(def, j.nodeId)?.kind ?? null,
      userId: j.userId,
      action: text(j.data.action),
      comment: text(j.data.comment),
      signatureFileId: text(j.data.signatureFileId),
      message: j.message,
      i18n: j.i18n ?? null,
    }));
  const nodesPassed = journal
    // Entering a node is a step of its own (it has a step id); decisions at a node are not.
    .filter((j) => j.type === 'step' && j.nodeId && j.stepId)
    .map((j) => ({
      nodeId: j.nodeId ?? '',
      at: j.at,
      ...(labelOf(def, j.nodeId) ?? { label: j.nodeId ?? '', kind: '' }),
    }));
  const live = inst.tokens.filter((t) => t.status === 'ready' || t.status === 'waiting' || t.status === 'failed');
  const pending = tasks.filter((t) => t.status === 'pending');
  const acted = tasks.some((t) => t.kind !== 'cc' && t.actedBy !== null);
  const lastUrge = inst.lastUrgedAt ? Date.parse(inst.lastUrgedAt) : 0;
  const isInitiator = input.viewerId !== null && input.viewerId === inst.initiatorId;
  return {
    id: inst._id,
    flowId: inst.flowId,
    flowVersion: inst.flowVersion,
    flowName: inst.flowName,
    appId: inst.appId,
    mode: inst.mode,
    formId: inst.formId,
    recordId: inst.recordId,
    title: inst.title,
    status: inst.status,
    initiatorId: inst.initiatorId,
    cause: inst.cause,
    startedAt: inst.startedAt,
    endedAt: inst.endedAt,
    error: input.canManage || isInitiator ? errorView(inst) : null,
    currentNodes: live.map((t) => ({ nodeId: t.nodeId, ...(labelOf(def, t.nodeId) ?? { label: t.nodeId, kind: '' }) })),
    waitingOn: pending.map((t) => ({
      taskId: t._id,
      nodeId: t.nodeId,
      ...taskStepParams(t),
      assigneeId: t.assigneeId,
      dueAt: t.dueAt,
    })),
    nodesPassed,
    tasks: tasks.map(toTaskView),
    timeline,
    canWithdraw: isInitiator && inst.status === 'running' && !acted,
    canUrge:
      (isInitiator || input.canManage) &&
      inst.status === 'running' &&
      pending.length > 0 &&
      input.now.getTime() - lastUrge >= input.urgeIntervalMs,
    canManage: input.canManage,
  };
}
