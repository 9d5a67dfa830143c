import type { FieldPermission } from '@formloom/model';
import { api } from '../api/client';
import type { RecordView } from '../api/types';

/** The flow runtime's API as the player reads it (platform/src/flows/runtime/README.md). */
const enc = encodeURIComponent;

export type { InboxBox } from '../router/routes';
import type { InboxBox } from '../router/routes';
import type { ServerText } from '../i18n/server-text';
export const INBOX_BOXES: readonly InboxBox[] = ['todo', 'done', 'initiated', 'cc'];

export interface InboxItem {
  kind: 'task' | 'instance';
  id: string;
  instanceId: string;
  flowId: string;
  flowName: string;
  appId: string;
  formId: string | null;
  recordId: string | null;
  title: string;
  /** The step's own label; null when it has none (name it by nodeKind). */
  nodeLabel: string | null;
  nodeKind: string | null;
  taskKind: string | null;
  status: string;
  initiatorId: string | null;
  assigneeId: string | null;
  createdAt: string;
  actedAt: string | null;
  dueAt: string | null;
  unread: boolean;
}

export interface InboxCounts {
  todo: number;
  done: number;
  cc: number;
  ccUnread: number;
  initiated: number;
  initiatedRunning: number;
}

export interface InboxFilter {
  keyword?: string;
  formId?: string;
  appId?: string;
}

export interface FlowTask {
  id: string;
  instanceId: string;
  flowId: string;
  flowName: string;
  title: string;
  nodeId: string;
  nodeLabel: string | null;
  nodeKind: string;
  kind: string;
  assigneeId: string;
  status: string;
  origin: string;
  auto: string | null;
  comment: string | null;
  signatureFileId: string | null;
  createdAt: string;
  actedAt: string | null;
  actedBy: string | null;
  dueAt: string | null;
}

export type TaskAction = 'approve' | 'reject' | 'return' | 'transfer' | 'add_signer' | 'comment';

export interface TaskView {
  task: FlowTask;
  actions: string[];
  fields: Record<string, FieldPermission>;
  /** Approving or rejecting needs the holder's handwritten signature (the step's setting). */
  signatureRequired: boolean;
  returnTargets: Array<{ nodeId: string; label: string | null; kind: string }>;
  record: RecordView | null;
  instance: { id: string; status: string; initiatorId: string | null };
}

export interface TaskActionInput {
  action: TaskAction;
  comment?: string;
  signatureFileId?: string;
  data?: Record<string, unknown>;
  baseVersion?: number;
  toNodeId?: string;
  toUserId?: string;
  userIds?: string[];
  position?: 'before' | 'after' | 'alongside';
}

export interface TimelineEntry {
  at: string;
  type: string;
  nodeId: string | null;
  nodeLabel: string | null;
  nodeKind: string | null;
  userId: string | null;
  action: string | null;
  comment: string | null;
  signatureFileId: string | null;
  /** English; `i18n` words it in the reader's language. */
  message: string;
  i18n: ServerText | null;
}

export interface FlowError {
  /** English; `i18n` words it in the reader's language when the server knows its text. */
  message: string;
  code: string | null;
  nodeId: string | null;
  i18n?: ServerText | null;
}

export interface InstanceState {
  id: string;
  flowId: string;
  flowVersion: number;
  flowName: string;
  appId: string;
  mode: string;
  formId: string | null;
  recordId: string | null;
  title: string;
  status: string;
  initiatorId: string | null;
  cause: string;
  startedAt: string;
  endedAt: string | null;
  error: FlowError | null;
  currentNodes: Array<{ nodeId: string; label: string; kind: string }>;
  waitingOn: Array<{
    taskId: string;
    nodeId: string;
    nodeLabel: string | null;
    nodeKind: string;
    assigneeId: string;
    dueAt: string | null;
  }>;
  nodesPassed: Array<{ nodeId: string; label: string; kind: string; at: string }>;
  tasks: FlowTask[];
  timeline: TimelineEntry[];
  canWithdraw: boolean;
  canUrge: boolean;
  canManage: boolean;
}

export interface InstanceSummary {
  id: string;
  flowId: string;
  flowVersion: number;
  flowName: string;
  appId: string;
  title: string;
  status: string;
  initiatorId: string | null;
  startedAt: string;
  updatedAt: string;
  error: FlowError | null;
}

export interface FlowDiagram {
  nodes: Array<{ id: string; type: string; label: string; position: { x: number; y: number } }>;
  edges: Array<{ id: string; source: string; target: string; label: string }>;
}

export interface JournalItem {
  id: string;
  at: string;
  type: string;
  nodeId: string | null;
  tokenId: string | null;
  stepId: string | null;
  userId: string | null;
  message: string;
  i18n: ServerText | null;
  data: Record<string, unknown>;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export const inboxCounts = (filter: InboxFilter = {}) =>
  api<InboxCounts>('GET', `/api/flow-inbox/counts${query({ ...filter })}`);
export const inboxPage = (box: InboxBox, filter: InboxFilter, cursor?: string, limit = 20) =>
  api<{ items: InboxItem[]; nextCursor: string | null }>(
    'GET',
    `/api/flow-inbox/${box}${query({ ...filter, cursor, limit })}`,
  );

export const getTask = (taskId: string) => api<TaskView>('GET', `/api/flow-tasks/${enc(taskId)}`);
export const actOnTask = (taskId: string, input: TaskActionInput) =>
  api<FlowTask>('POST', `/api/flow-tasks/${enc(taskId)}/actions`, input);
export const batchApprove = (taskIds: string[], comment?: string) =>
  api<{ results: Array<{ taskId: string; ok: boolean; error?: { code: string; message: string } }> }>(
    'POST',
    '/api/flow-tasks/batch-approve',
    { taskIds, ...(comment ? { comment } : {}) },
  );

export const getInstance = (instanceId: string) => api<InstanceState>('GET', `/api/flow-instances/${enc(instanceId)}`);
export const instanceDiagram = (instanceId: string) =>
  api<FlowDiagram>('GET', `/api/flow-instances/${enc(instanceId)}/diagram`);
export const recordInstances = (formId: string, recordId: string) =>
  api<{ items: InstanceSummary[] }>('GET', `/api/flow-instances${query({ formId, recordId })}`);
/** A signature given with an action of the instance, as an image (readable by whoever sees the instance). */
export const signatureUrl = (instanceId: string, fileId: string) =>
  `/api/flow-instances/${enc(instanceId)}/signatures/${enc(fileId)}`;
export const withdrawInstance = (instanceId: string) =>
  api<InstanceSummary>('POST', `/api/flow-instances/${enc(instanceId)}/withdraw`);
export const urgeInstance = (instanceId: string) =>
  api<{ notified: string[] }>('POST', `/api/flow-instances/${enc(instanceId)}/urge`);

export const formButtons = (formId: string) =>
  api<{ items: Array<{ flowId: string; label: string }> }>('GET', `/api/forms/${enc(formId)}/flow-buttons`);
export const pressButton = (flowId: string, formId: string, recordId: string) =>
  api<{ instanceId: string; status: string }>('POST', `/api/flows/${enc(flowId)}/button`, { formId, recordId });

export const adminInstances = (status: 'failed' | 'stuck', appId?: string) =>
  api<{ items: InstanceSummary[] }>('GET', `/api/flow-admin/instances${query({ status, appId })}`);
export const instanceJournal = (instanceId: string) =>
  api<{ items: JournalItem[] }>('GET', `/api/flow-instances/${enc(instanceId)}/journal`);
export const retryInstance = (instanceId: string) =>
  api<InstanceSummary>('POST', `/api/flow-instances/${enc(instanceId)}/retry`);
export const cancelInstance = (instanceId: string) =>
  api<InstanceSummary>('POST', `/api/flow-instances/${enc(instanceId)}/cancel`);
